import * as path from 'path';
import { run } from './run-cli';

const fixtures = path.relative(process.cwd(), path.join(__dirname, '..', 'analysis', 'fixtures'));
const shop = path.join(fixtures, 'shop');

/** The exit code and the first line of a run. */
function r0(r: { code: number; stdout: string }): [number, string] {
  return [r.code, r.stdout.split('\n')[0]];
}

describe('netfence check', () => {
  it('exits 0 for an allowed flow and names the admitting rules', async () => {
    const r = await run(['check', '-f', shop, '--from', 'shop/frontend', '--to', 'shop/web', '--port', '8080/TCP']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'ALLOWED: shop/frontend -> shop/web on 8080/TCP',
        '  egress from shop/frontend: allowed (isolated by shop/deny-all, shop/frontend-egress; admitted by shop/frontend-egress egress[0])',
        '  ingress to shop/web: allowed (isolated by shop/deny-all, shop/allow-frontend-to-web, shop/allow-prometheus-scrape; admitted by shop/allow-frontend-to-web ingress[0])',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 for a denied flow and says that no rule admits it', async () => {
    const r = await run(['check', '-f', shop, '--from', 'shop/web', '--to', 'shop/frontend', '--port', '8080/TCP']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DENIED: shop/web -> shop/frontend on 8080/TCP');
    expect(r.stdout).toContain('no ingress rule of them admits');
  });

  it('treats addresses outside the cluster as never isolated', async () => {
    const out = await run(['check', '-f', shop, '--from', 'shop/frontend', '--to', '1.1.1.1', '--port', '443/TCP']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('ingress to 1.1.1.1: allowed (an address outside the cluster is never isolated)');
    const carved = await run(['check', '-f', shop, '--from', 'shop/frontend', '--to', '10.2.3.4', '--port', '443/TCP']);
    expect(carved.code).toBe(1);
  });

  it('resolves an IP that belongs to a pod to that pod', async () => {
    const r = await run(['check', '-f', shop, '--from', '10.1.0.9', '--to', 'shop/web', '--port', '8080/tcp']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('default/debug -> shop/web on 8080/TCP');
  });

  it('prints JSON with --format json: the ends, the outcome and every run of ports with its reasons', async () => {
    const r = await run(['check', '-f', shop, '--from', 'monitoring/prometheus', '--to', 'shop/web', '--port', '9090/TCP', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & { flows: { ingress: { admittedBy: string[] }; egress: { isolated: boolean } }[] };
    expect(Object.keys(doc)).toEqual(['from', 'to', 'port', 'verdict', 'allowed', 'flows']);
    expect(doc).toMatchObject({ from: 'monitoring/prometheus', to: 'shop/web', port: '9090/TCP', verdict: 'allowed', allowed: true });
    expect(doc.flows).toHaveLength(1);
    expect(doc.flows[0]).toMatchObject({ from: 'monitoring/prometheus', to: 'shop/web', ports: ['9090/TCP'], allowed: true });
    expect(doc.flows[0].ingress.admittedBy).toEqual(['shop/allow-prometheus-scrape ingress[0]']);
    expect(doc.flows[0].egress.isolated).toBe(false);
  });

  it('without --port answers for every port of every protocol, exactly, and says plainly when only some are allowed (exit 1)', async () => {
    const r = await run(['check', '-f', shop, '--from', 'shop/frontend', '--to', 'shop/web']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('PARTLY ALLOWED: shop/frontend -> shop/web on every port: allowed on 8080/TCP, denied on every other port');
    expect(r.stdout).toContain('\nALLOWED: shop/frontend -> shop/web on 8080/TCP\n');
    expect(r.stdout).toContain('\nDENIED: shop/frontend -> shop/web on 1-8079/TCP, 8081-65535/TCP, every UDP port, every SCTP port\n');
    const json = JSON.parse((await run(['check', '-f', shop, '--from', 'shop/frontend', '--to', 'shop/web', '--format', 'json'])).stdout) as { verdict: string; allowed: boolean; flows: { ports: string[]; allowed: boolean }[] };
    expect(json.verdict).toBe('partly');
    expect(json.allowed).toBe(false);
    expect(json.flows.map((f) => [f.allowed, f.ports])).toEqual([
      [false, ['1-8079/TCP', '8081-65535/TCP', '1-65535/UDP', '1-65535/SCTP']],
      [true, ['8080/TCP']],
    ]);
    const denied = await run(['check', '-f', shop, '--from', 'shop/backup', '--to', 'shop/web']);
    expect(denied.code).toBe(1);
    expect(denied.stdout.split('\n')[0]).toBe('DENIED: shop/backup -> shop/web on every port');
  });

  it('takes a selector end in kubectl -l syntax: the pods it matches, or a stand-in with exactly its labels', async () => {
    const real = await run(['check', '-f', shop, '--from', 'shop/app=frontend', '--to', 'shop/app in (web,nothing)', '--port', '8080/TCP']);
    expect(r0(real)).toEqual([0, 'ALLOWED: shop/frontend -> shop/web on 8080/TCP']);
    const standIn = await run(['check', '-f', shop, '--from', 'shop/app=frontend,tier=edge', '--to', 'shop/app=web', '--port', '8080/TCP']);
    expect(r0(standIn)).toEqual([0, 'ALLOWED: shop/app=frontend,tier=edge -> shop/web on 8080/TCP']);
    const every = await run(['check', '-f', shop, '--from', 'shop/*', '--to', 'shop/db', '--port', '5432/TCP']);
    expect(every.code).toBe(1);
    expect(every.stdout.split('\n').slice(0, 5)).toEqual([
      'PARTLY ALLOWED: shop/* -> shop/db on 5432/TCP',
      '  shop/backup -> shop/db: denied',
      '  shop/db -> shop/db: denied',
      '  shop/frontend -> shop/db: denied',
      '  shop/web -> shop/db: allowed',
    ]);
  });

  it('checks a CIDR end over every address region the policies tell apart, and names the regions that differ', async () => {
    const r = await run(['check', '-f', shop, '--from', 'shop/frontend', '--to', '0.0.0.0/0', '--port', '443/TCP']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'PARTLY ALLOWED: shop/frontend -> 0.0.0.0/0 on 443/TCP',
      '  shop/frontend -> default/debug: denied',
      '  shop/frontend -> 203.0.113.10 (0.0.0.0/0 except 10.0.0.0/8): allowed',
      '  shop/frontend -> 10.0.0.1 (10.0.0.0/8): denied',
    ]);
    const inside = await run(['check', '-f', shop, '--from', 'shop/frontend', '--to', '8.0.0.0/8', '--port', '443/TCP']);
    expect(r0(inside)).toEqual([0, 'ALLOWED: shop/frontend -> 8.0.0.1 (8.0.0.0/8) on 443/TCP']);
    const hostBits = await run(['check', '-f', shop, '--from', 'shop/frontend', '--to', '10.0.0.1/8']);
    expect(hostBits.code).toBe(2);
    expect(hostBits.stderr).toContain('"10.0.0.1/8" has bits set beyond the prefix length: write 10.0.0.0/8 for the block, or 10.0.0.1 for the one address');
  });

  it('takes a named port and resolves it on each destination pod, as a policy would', async () => {
    const r = await run(['check', '-f', shop, '--from', 'monitoring/prometheus', '--to', 'shop/web', '--port', 'metrics/TCP']);
    expect(r0(r)).toEqual([0, 'ALLOWED: monitoring/prometheus -> shop/web on 9090/TCP']);
    const none = await run(['check', '-f', shop, '--from', 'monitoring/prometheus', '--to', 'shop/db', '--port', 'metrics/TCP']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("shop/db exposes no TCP container port named 'metrics' (it has: pg (5432/TCP))");
  });

  it.each([
    [['--from', 'shop/nope', '--to', 'shop/web', '--port', '80/TCP'], /unknown pod shop\/nope; pods in shop: shop\/backup, shop\/db/],
    [['--from', 'shop/web', '--to', 'shop/db', '--port', '80/ICMP'], /bad port "80\/ICMP"/],
    [['--from', 'shop/web', '--to', 'shop/db', '--port', '70000/TCP'], /bad port/],
    [['--from', 'web', '--to', 'shop/db', '--port', '80'], /"web" is not a flow end; write namespace\/name/],
    [['--from', 'shop/app=x=y', '--to', 'shop/db'], /bad selector "app=x=y": label value "x=y"/],
    [['--from', 'shop/app in ()', '--to', 'shop/db'], /in needs at least one value/],
    [['--from', 'shop/a!b=c', '--to', 'shop/db'], /bad selector/],
  ])('exits 2 on bad arguments %j', async (args, message) => {
    const r = await run(['check', '-f', shop, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['no-namespace.yaml', /no-namespace\.yaml:9:3: NetworkPolicy\/forgot-namespace metadata\.namespace: missing namespace/],
    ['bad-yaml.yaml', /bad-yaml\.yaml:8:\d+: not valid YAML/],
    ['bad-cidr.yaml', /bad-cidr\.yaml:11:19: NetworkPolicy\/shop\/bad-cidr spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: invalid CIDR \(got "10\.0\.0\.0\/33"\)/],
  ])('exits 2 naming file and line for bad input %s', async (file, message) => {
    const r = await run(['check', '-f', path.join(fixtures, 'invalid', file), '--from', 'shop/a', '--to', 'shop/b', '--port', '80/TCP']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 when a required option is missing', async () => {
    const r = await run(['check', '-f', shop, '--from', 'shop/web', '--port', '80']);
    expect(r.code).toBe(2);
  });
});

describe('netfence check between two addresses', () => {
  it('says there is nothing to decide rather than "allowed" (exit 2)', async () => {
    const r = await run(['check', '-f', shop, '--from', '8.8.8.8', '--to', '192.168.0.0/16']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no flow to evaluate: 8.8.8.8 and 192.168.0.0/16 are both addresses outside the cluster');
    // A CIDR that holds a pod's IP is not only addresses: that pod is decided.
    const withPod = await run(['check', '-f', shop, '--from', '8.8.8.8', '--to', '10.1.0.0/16', '--port', '80']);
    expect(withPod.stdout.split('\n')[0]).toBe('ALLOWED: 8.8.8.8 -> default/debug on 80/TCP');
  });
});
