import * as path from 'path';
import { run } from './run-cli';

const fixtures = path.relative(process.cwd(), path.join(__dirname, '..', 'analysis', 'fixtures'));
const shop = path.join(fixtures, 'shop');

describe('netfence matrix', () => {
  it('prints the JSON contract: ports, pods, external, allowed[from][to] = ports', async () => {
    const r = await run(['matrix', '-f', shop, '--port', '8080/TCP', '--port', '5432/TCP', '--external', '8.8.8.8', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { ports: string[]; pods: string[]; external: string[]; allowed: Record<string, Record<string, string[]>> };
    expect(Object.keys(doc)).toEqual(['ports', 'pods', 'external', 'allowed']);
    expect(doc.ports).toEqual(['8080/TCP', '5432/TCP']);
    expect(doc.pods).toEqual(['default/debug', 'monitoring/prometheus', 'shop/backup', 'shop/db', 'shop/frontend', 'shop/web']);
    expect(doc.external).toEqual(['8.8.8.8']);
    expect(doc.allowed['shop/frontend']).toEqual({ 'shop/web': ['8080/TCP'] });
    expect(doc.allowed['shop/web']).toEqual({ 'shop/db': ['5432/TCP'] });
    // Pod to itself is included; external to external is not.
    expect(doc.allowed['default/debug']['default/debug']).toEqual(['8080/TCP', '5432/TCP']);
    expect(doc.allowed['8.8.8.8']).toEqual({ 'default/debug': ['8080/TCP', '5432/TCP'], 'monitoring/prometheus': ['8080/TCP', '5432/TCP'] });
    expect(doc.allowed['default/debug']['8.8.8.8']).toEqual(['8080/TCP', '5432/TCP']);
    expect(doc.allowed['shop/db']).toBeUndefined();
  });

  it('prints a text grid by default and a markdown table with --format md', async () => {
    const text = await run(['matrix', '-f', shop, '--port', '5432/TCP']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('5432/TCP: row may connect to column');
    expect(text.stdout).toMatch(/6 {2}shop\/web +\. \. \. X \. \./);
    const md = await run(['matrix', '-f', shop, '--port', '5432/TCP', '--format', 'md']);
    expect(md.stdout).toContain('### 5432/TCP');
    expect(md.stdout).toContain('| `shop/web` | ❌ | ❌ | ❌ | ✅ | ❌ | ❌ |');
  });

  it('prints a summary with pair counts and classes', async () => {
    const r = await run(['matrix', '-f', shop, '--port', '5432/TCP', '--format', 'summary']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 pods, 0 external addresses, 6 classes of indistinguishable endpoints, 6 policies');
    // debug and prometheus reach each other and themselves (4), web reaches db (1).
    expect(r.stdout).toContain('5432/TCP: 5 of 36 ordered pairs allowed (13.9%)');
  });

  it.each([
    [['--port', '80/ICMP'], /bad port "80\/ICMP"/],
    [['--port', 'Http'], /bad port "Http": a port name/],
    [['--port', '80/TCP', '--external', 'not-an-ip'], /"not-an-ip" is not an IPv4 or IPv6 address/],
    [['--port', '80/TCP', '--external', '10.1.0.9'], /is the IP of pod default\/debug/],
    [['--port', '80/TCP', '--format', 'xml'], /./],
  ])('exits 2 on bad arguments %j', async (args, message) => {
    const r = await run(['matrix', '-f', shop, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 naming the file for unreadable input', async () => {
    const r = await run(['matrix', '-f', path.join(fixtures, 'invalid', 'no-namespace.yaml'), '--port', '80/TCP']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-namespace\.yaml:9:3: NetworkPolicy\/forgot-namespace metadata\.namespace: missing namespace/);
    const missing = await run(['matrix', '-f', path.join(fixtures, 'nope'), '--port', '80/TCP']);
    expect(missing.code).toBe(2);
  });
});

describe('netfence matrix: the ends and ports of check', () => {
  it('without --port: one column per run of ports the policies treat alike, covering every port', async () => {
    const r = await run(['matrix', '-f', shop, '--format', 'json', '--from', 'shop/frontend', '--to', 'shop/web']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { ports: string[]; pods: string[]; allowed: Record<string, Record<string, string[]>> };
    expect(doc.ports).toEqual(['1-442/TCP', '443/TCP', '444-5431/TCP', '5432/TCP', '5433-8079/TCP', '8080/TCP', '8081-9089/TCP', '9090/TCP', '9091-65535/TCP', '1-65535/UDP', '1-65535/SCTP']);
    expect(doc.pods).toEqual(['shop/frontend', 'shop/web']);
    expect(doc.allowed).toEqual({ 'shop/frontend': { 'shop/web': ['8080/TCP'] } });
  });

  it('--from/--to take selectors (stand-ins too) and CIDRs; --port takes named ports, resolved per destination', async () => {
    const r = await run(['matrix', '-f', shop, '--format', 'json', '--from', 'monitoring/*', 'shop/app=frontend,tier=edge', '--to', 'shop/*', '--port', 'metrics/TCP', '8080']);
    const doc = JSON.parse(r.stdout) as { ports: string[]; pods: string[]; allowed: Record<string, Record<string, string[]>> };
    expect(doc.ports).toEqual(['metrics/TCP', '8080/TCP']);
    expect(doc.allowed['monitoring/prometheus']).toEqual({ 'shop/web': ['metrics/TCP'] });
    expect(doc.allowed['shop/app=frontend,tier=edge']).toEqual({ 'shop/web': ['8080/TCP'] });
    const cidr = await run(['matrix', '-f', shop, '--format', 'json', '--from', 'shop/frontend', '--to', '0.0.0.0/0', '--port', '443/TCP']);
    const c = JSON.parse(cidr.stdout) as { external: string[]; regions: Record<string, string>; allowed: Record<string, Record<string, string[]>> };
    expect(c.regions).toEqual({ '10.0.0.1': '10.0.0.0/8', '203.0.113.10': '0.0.0.0/0 except 10.0.0.0/8' });
    expect(c.allowed).toEqual({ 'shop/frontend': { '203.0.113.10': ['443/TCP'] } });
  });

  it('a repo of policies alone still has rows: stand-ins for every pod set the policies name', async () => {
    const policies = path.join(shop, 'policies.yaml');
    const r = await run(['matrix', '-f', policies, '--port', '8080/TCP', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { pods: string[]; allowed: Record<string, Record<string, string[]>> };
    expect(doc.pods).toEqual(['monitoring/app=prometheus', 'shop/*', 'shop/app=frontend', 'shop/app=postgres', 'shop/app=web']);
    // Stand-ins expose no container ports: frontend's egress to web on the named port http admits nothing.
    expect(doc.allowed['shop/app=frontend']).toBeUndefined();
    expect(doc.allowed['monitoring/app=prometheus']).toEqual({ 'monitoring/app=prometheus': ['8080/TCP'] });
  });
});

describe('netfence matrix formats with ends', () => {
  it('text names the columns when they differ from the rows; summary needs every pair on numeric ports', async () => {
    const text = await run(['matrix', '-f', shop, '--from', 'shop/frontend', '--to', 'shop/app in (web,postgres)', '--port', '8080/TCP']);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 5)).toEqual([
      '8080/TCP: row may connect to column (X allowed, . denied, - not evaluated)',
      '  column 1: shop/db',
      '  column 2: shop/web',
      'from \\ to          1 2',
      '  1  shop/frontend . X',
    ]);
    const summary = await run(['matrix', '-f', shop, '--from', 'shop/frontend', '--format', 'summary']);
    expect(summary.code).toBe(2);
    expect(summary.stderr).toContain('--format summary counts every pair on numeric ports');
  });
});
