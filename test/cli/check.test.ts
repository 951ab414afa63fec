import * as path from 'path';
import { run } from './run-cli';

const fixtures = path.relative(process.cwd(), path.join(__dirname, '..', 'analysis', 'fixtures'));
const shop = path.join(fixtures, 'shop');

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

  it('prints JSON with --format json', async () => {
    const r = await run(['check', '-f', shop, '--from', 'monitoring/prometheus', '--to', 'shop/web', '--port', '9090/TCP', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { allowed: boolean; ingress: { admittedBy: string[] }; egress: { isolated: boolean } };
    expect(doc.allowed).toBe(true);
    expect(doc.ingress.admittedBy).toEqual(['shop/allow-prometheus-scrape ingress[0]']);
    expect(doc.egress.isolated).toBe(false);
  });

  it.each([
    [['--from', 'shop/nope', '--to', 'shop/web', '--port', '80/TCP'], /unknown pod shop\/nope; pods in shop: shop\/backup, shop\/db/],
    [['--from', 'shop/web', '--to', 'shop/db', '--port', '80/ICMP'], /bad port "80\/ICMP"/],
    [['--from', 'shop/web', '--to', 'shop/db', '--port', '70000/TCP'], /bad port/],
    [['--from', 'web', '--to', 'shop/db', '--port', '80'], /neither namespace\/pod nor an IP address/],
  ])('exits 2 on bad arguments %j', async (args, message) => {
    const r = await run(['check', '-f', shop, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['no-namespace.yaml', /no-namespace\.yaml:8:1: metadata\.namespace: NetworkPolicy forgot-namespace has no metadata\.namespace/],
    ['bad-yaml.yaml', /bad-yaml\.yaml:8:\d+: not valid YAML/],
    ['bad-cidr.yaml', /bad-cidr\.yaml:11:\d+: spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: must be a CIDR/],
  ])('exits 2 naming file and line for bad input %s', async (file, message) => {
    const r = await run(['check', '-f', path.join(fixtures, 'invalid', file), '--from', 'shop/a', '--to', 'shop/b', '--port', '80/TCP']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 when a required option is missing', async () => {
    const r = await run(['check', '-f', shop, '--from', 'shop/web', '--to', 'shop/db']);
    expect(r.code).toBe(2);
  });
});
