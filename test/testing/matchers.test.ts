import { ApiObject, Chart, Testing } from 'cdk8s';
import { AllowFrom, DenyAll, InventoryBuilder, Namespaces, Pods, Port } from '../../lib';
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
