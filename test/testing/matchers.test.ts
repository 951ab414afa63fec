import { ApiObject, Chart, Testing } from 'cdk8s';
import { AllowFrom, Cidr, cidrContains, DenyAll, Internet, InventoryBuilder, Namespaces, parseCidr, Pods, Port } from '../../lib';
import { connectivity, netfenceMatchers } from '../../lib/testing';
import { formatPortInterval } from '../../lib/analysis';

function classic(): Chart {
  const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
  new DenyAll(c, 'deny-all');
  AllowFrom(c, Pods.labelled({ app: 'frontend' })).to(Pods.labelled({ app: 'web' })).on(Port.tcp(8080));
  return c;
}

const frontend = Pods.labelled({ app: 'frontend' });
const web = Pods.labelled({ app: 'web' });

describe('toAllow / toDeny', () => {
  test('a failing toAllow explains the verdict with the deciding policies', () => {
    const r = netfenceMatchers.toAllow.call({ isNot: false }, classic(), frontend, web, Port.tcp(9090));
    expect(r.pass).toBe(false);
    const msg = r.message();
    expect(msg).toContain('expected the policies to allow pods app=frontend in namespace shop -> pods app=web in namespace shop on 9090/TCP');
    expect(msg).toContain('DENIED');
    expect(msg).toContain('isolated by shop/deny-all, shop/allow-frontend-to-web;');
    // One run: its verdict line once, not a headline repeating it.
    expect(msg.match(/DENIED: /g)).toHaveLength(1);
  });

  test('a failing toDeny names the admitting rule', () => {
    const r = netfenceMatchers.toDeny.call({ isNot: false }, classic(), frontend, web, Port.tcp(8080));
    expect(r.pass).toBe(false);
    expect(r.message()).toContain('shop/allow-frontend-to-web ingress[0]');
    expect(r.message()).toContain('shop/allow-frontend-to-web-egress egress[0]');
  });

  test('.not works and explains the flows that break it', () => {
    expect(classic()).not.toAllow(frontend, web, Port.tcp(9090));
    const r = netfenceMatchers.toAllow.call({ isNot: true }, classic(), frontend, web, Port.tcp(8080));
    expect(r.pass).toBe(true);
    expect(r.message()).toContain('not to allow');
  });

  test('without a port, the claim covers every port of every protocol exactly', () => {
    const c = classic();
    // Allowed on 8080 only: so neither "allowed everywhere" nor "denied everywhere" holds.
    expect(c).not.toAllow(frontend, web);
    expect(c).not.toDeny(frontend, web);
    const report = connectivity(c, frontend, web);
    // Every interval of the port partition is decided; runs decided alike are joined.
    expect(report.runs.map((r) => [r.allowed, r.ports.map(formatPortInterval)])).toEqual([
      [false, ['1-8079/TCP', '8081-65535/TCP', '1-65535/UDP', '1-65535/SCTP']],
      [true, ['8080/TCP']],
    ]);
  });

  test('ranges are checked on every interval they span', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny-all');
    AllowFrom(c, frontend).to(web).on(Port.tcpRange(8000, 8100));
    expect(c).toAllow(frontend, web, Port.tcpRange(8000, 8100));
    expect(c).not.toAllow(frontend, web, Port.tcpRange(8000, 8101));
    expect(c).toDeny(frontend, web, Port.tcpRange(8101, 9000));
  });

  test('works on an App, on manifests and on an inventory', () => {
    const app = classic().node.root;
    const inNs = (p: Pods) => p.inNamespace('shop');
    expect(app).toAllow(inNs(frontend), inNs(web), Port.tcp(8080));
    const manifests = Testing.synth(classic());
    expect(manifests).toAllow(inNs(frontend), inNs(web), Port.tcp(8080));
    const inventory = new InventoryBuilder()
      .pod('shop/fe', { labels: { app: 'frontend' } })
      .pod('shop/web', { labels: { app: 'web' } })
      .build();
    expect(inventory).toAllow('shop/fe', 'shop/web', 80);
  });

  test('input errors say what to write instead', () => {
    const app = classic().node.root;
    expect(() => connectivity(app, frontend, web)).toThrow(/say which namespace these pods live in: .inNamespace\('x'\)/);
    expect(() => connectivity(classic(), Namespaces.labelled({ team: 'a' }), web)).toThrow(/name the namespaces to use them as a flow end/);
    expect(() => connectivity(classic(), frontend, web, Port.named('metrics'))).toThrow(
      /shop\/app=web exposes no TCP container port named 'metrics' \(it has: none\); add the workload to the inputs, or ask about a port number/,
    );
  });

  test('a workload construct of the app is an end: its representative pod, with its container ports', () => {
    const c = classic();
    const deployment = (name: string, ports: { name: string; containerPort: number }[]) =>
      new ApiObject(c, name, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name },
        spec: { template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'x', ports }] } } },
      });
    const fe = deployment('frontend', []);
    const webDeployment = deployment('web', [{ name: 'http', containerPort: 8080 }]);
    expect(c).toAllow(fe, webDeployment, Port.named('http'));
    expect(c).toDeny(webDeployment, fe);
    const report = connectivity(c, fe, webDeployment, Port.named('http'));
    expect(report.description).toBe('Deployment shop/frontend -> Deployment shop/web on http/TCP');
    expect(report.verdicts.map((v) => v.port)).toEqual([8080]);
    expect(() => connectivity(c, c, webDeployment)).toThrow(/c: not a flow end/);
  });

  test('real pods of the app are used when they exist, every one of them', () => {
    const c = classic();
    const objects = [
      ...Testing.synth(c),
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-2', namespace: 'shop', labels: { app: 'web', v: '2' } } },
    ];
    const report = connectivity(objects, frontend.inNamespace('shop'), web.inNamespace('shop'), Port.tcp(8080));
    expect(report.verdicts.map((v) => (v.to.kind === 'pod' ? v.to.pod.name : ''))).toEqual(['web-1', 'web-2']);
    expect(report.allAllowed).toBe(true);
  });
});

describe('CIDR ends are decided over every address region, never at one address', () => {
  const gw = Pods.labelled({ app: 'gw' });
  const fe = Pods.labelled({ app: 'fe' });

  function egressTo(allowed: Cidr): Chart {
    const c = new Chart(Testing.app(), 'c', { namespace: 'edge' });
    new DenyAll(c, 'deny-all');
    AllowFrom(c, gw).to(allowed).on(Port.HTTPS);
    AllowFrom(c, fe).to(allowed).on(Port.HTTPS);
    return c;
  }

  test('with only 10.0.0.0/24 allowed, 10.0.0.0/8 is not allowed, and the failure names the regions', () => {
    const c = egressTo(Cidr.of('10.0.0.0/24'));
    expect(c).not.toAllow(gw, Cidr.of('10.0.0.0/8'), Port.HTTPS);
    expect(c).not.toDeny(gw, Cidr.of('10.0.0.0/8'), Port.HTTPS);
    expect(c).toAllow(gw, Cidr.of('10.0.0.0/24'), Port.HTTPS);
    expect(c).toAllow(gw, Cidr.of('10.0.0.128/25'), Port.HTTPS);
    const r = netfenceMatchers.toAllow.call({ isNot: false }, c, gw, Cidr.of('10.0.0.0/8'), Port.HTTPS);
    expect(r.pass).toBe(false);
    expect(r.message()).toContain('PARTLY ALLOWED: edge/app=gw -> 10.0.0.0/8 on 443/TCP');
    expect(r.message()).toContain('DENIED: edge/app=gw -> 10.0.1.0 (10.0.0.0/8 except 10.0.0.0/24) on 443/TCP');
    const report = connectivity(c, gw, Cidr.of('10.0.0.0/8'), Port.HTTPS);
    expect(report.runs.map((x) => [x.to.region, x.allowed])).toEqual([
      ['10.0.0.0/8 except 10.0.0.0/24', false],
      ['10.0.0.0/24', true],
    ]);
  });

  test('Internet.all() is not allowed when the private ranges are denied', () => {
    const c = egressTo(Internet.exceptPrivate());
    expect(c).not.toAllow(fe, Internet.all(), Port.HTTPS);
    expect(c).toAllow(fe, Internet.exceptPrivate(), Port.HTTPS);
    expect(c).toDeny(fe, Cidr.of('10.0.0.0/8'), Port.HTTPS);
    expect(c).toDeny(fe, Cidr.of('fd00::/8'), Port.HTTPS);
    const regions = connectivity(c, fe, Internet.all(), Port.HTTPS).runs.filter((x) => !x.allowed).map((x) => x.to.region);
    expect(regions).toEqual(expect.arrayContaining(['10.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7']));
  });

  test('an except is never tested: no address of 10.0.0.0/8 except 10.0.0.0/24 lies inside the except', () => {
    const c = egressTo(Cidr.of('10.0.0.0/24'));
    const end = Cidr.of('10.0.0.0/8').except('10.0.0.0/24');
    expect(c).toDeny(gw, end, Port.HTTPS);
    const inside = parseCidr('10.0.0.0/24')!;
    for (const run of connectivity(c, gw, end, Port.HTTPS).runs) {
      expect(run.to.endpoint.kind).toBe('external');
      if (run.to.endpoint.kind === 'external') expect(cidrContains(inside, run.to.endpoint.address)).toBe(false);
    }
  });

  test('two ends of addresses only are no claim at all: an error, never a pass', () => {
    expect(() => connectivity(egressTo(Cidr.of('10.0.0.0/24')), Cidr.of('192.0.2.0/24'), Internet.all())).toThrow(/no flow to evaluate/);
  });

  test('a CIDR with host bits is refused as an end, as at synth', () => {
    expect(() => connectivity(egressTo(Cidr.of('10.0.0.0/24')), gw, Cidr.of('10.0.0.5/8'))).toThrow(/"10\.0\.0\.5\/8" has bits set beyond the prefix length: write 10\.0\.0\.0\/8 for the block, or 10\.0\.0\.5 for the one address/);
  });
});

describe('selector ends and text ends: the same model as the CLI', () => {
  test('ns/<selector> text, ns/* and several named namespaces', () => {
    const c = classic();
    expect(c).toAllow('shop/app=frontend', 'shop/app in (web)', Port.tcp(8080));
    expect(c).toDeny('shop/*', 'shop/app=web', Port.tcp(9090));
    expect(c).toDeny(Namespaces.named('other', 'third'), web, Port.tcp(8080));
    const report = connectivity(c, Namespaces.named('other', 'third'), web, Port.tcp(8080));
    expect(report.runs.map((r) => r.from.endpoint.kind === 'pod' && r.from.endpoint.pod.id)).toEqual(['other/*', 'third/*']);
  });

  test('manifests the API server would reject are refused with the findings validate gives', () => {
    const objects = [...Testing.synth(classic()), { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'Deny_All', namespace: 'shop' }, spec: { podSelector: {} } }];
    expect(() => connectivity(objects, frontend.inNamespace('shop'), web.inNamespace('shop'))).toThrow(/manifests\[\d\]: NetworkPolicy\/shop\/Deny_All metadata\.name: invalid name/);
    const report = connectivity(objects, frontend.inNamespace('shop'), web.inNamespace('shop'), Port.tcp(8080), { skipInvalid: true });
    expect(report.allAllowed).toBe(true);
    expect(report.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^skipped NetworkPolicy\/shop\/Deny_All/)]);
  });
});

describe('toAllow / toDeny on what the engine cannot decide', () => {
  /** Two Admin policies of one priority deciding monitoring -> blue differently; a Baseline deny. */
  const manifests = (): Record<string, unknown>[] => {
    const cnp = (name: string, subject: object, rule: object): Record<string, unknown> => ({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name },
      spec: { tier: 'Admin', priority: 30, subject, ingress: [rule] },
    });
    return [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'blue', labels: { tenant: 'blue' } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'blue', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'prom', namespace: 'monitoring', labels: { app: 'prom' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      cnp('allow-monitoring', { namespaces: {} }, { name: 'from-monitoring', action: 'Accept', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }),
      cnp('quarantine', { namespaces: { matchLabels: { tenant: 'blue' } } }, { name: 'deny-all', action: 'Deny', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { range: { start: 1, end: 65535 } } } }] }),
    ];
  };

  test('neither toAllow nor toDeny passes, and the message says why', () => {
    const allow = netfenceMatchers.toAllow.call({ isNot: false }, manifests(), 'monitoring/prom', 'blue/web', Port.tcp(80));
    const deny = netfenceMatchers.toDeny.call({ isNot: false }, manifests(), 'monitoring/prom', 'blue/web', Port.tcp(80));
    expect([allow.pass, deny.pass]).toEqual([false, false]);
    expect(allow.message()).toContain('IMPLEMENTATION-DEFINED: monitoring/prom -> blue/web on 80/TCP');
    expect(allow.message()).toContain('neither toAllow nor toDeny holds for it');
    expect(deny.message()).toContain('cnp/quarantine (Admin, priority 30) ingress[0] "deny-all": Deny');
  });

  test('.not never passes on it: .not.toAllow means denied, .not.toDeny means allowed', () => {
    // jest fails a `.not` assertion when the matcher returns pass: true.
    const notAllow = netfenceMatchers.toAllow.call({ isNot: true }, manifests(), 'monitoring/prom', 'blue/web', Port.tcp(80));
    const notDeny = netfenceMatchers.toDeny.call({ isNot: true }, manifests(), 'monitoring/prom', 'blue/web', Port.tcp(80));
    expect([notAllow.pass, notDeny.pass]).toEqual([true, true]);
    expect(notAllow.message()).toContain('IMPLEMENTATION-DEFINED');
    expect(() => expect(manifests()).not.toAllow('monitoring/prom', 'blue/web', Port.tcp(80))).toThrow(/neither toAllow nor toDeny/);
    expect(() => expect(manifests()).not.toDeny('monitoring/prom', 'blue/web', Port.tcp(80))).toThrow(/neither toAllow nor toDeny/);
    // UDP is outside the quarantine rule: decided, allowed.
    expect(manifests()).toAllow('monitoring/prom', 'blue/web', Port.udp(53));
    expect(manifests()).not.toDeny('monitoring/prom', 'blue/web', Port.udp(53));
  });

  test('a flow partly denied and partly undecided: .not.toAllow holds (something is denied), toDeny does not', () => {
    const extra = [
      ...manifests(),
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-egress', namespace: 'monitoring' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] } },
    ];
    expect(extra).not.toAllow('monitoring/prom', 'blue/web');
    expect(netfenceMatchers.toDeny.call({ isNot: false }, extra, 'monitoring/prom', 'blue/web').pass).toBe(false);
  });
});
