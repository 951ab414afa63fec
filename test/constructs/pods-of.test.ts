/**
 * `Pods.of(x)`: cdk8s-plus workloads, workload ApiObjects and constructs that expose their pods
 * as peers of intents and of the NetworkPolicy L2, judged by the engine on the written files.
 */
import { ApiObject, App, AppProps, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { AllowFrom, DenyAll, NetworkPolicy, Pods, Port, synth } from '../../lib';
import { allows, thrown, world, writeWithNetfence, Written } from './written';

const container = { image: 'registry.example/app:1', portNumber: 8080, securityContext: { ensureNonRoot: false } };

/** The `ns/name` flow end of the written object whose construct id is `id`. */
function end(written: Written, kind: string, id: string): string {
  const o = written.objects.find((x) => {
    const m = x.metadata as { name: string };
    return x.kind === kind && m.name.includes(`-${id}-`);
  });
  if (o === undefined) throw new Error(`no ${kind} ${id} written`);
  const m = o.metadata as { name: string; namespace: string };
  return `${m.namespace}/${m.name}`;
}

/** A platform library's workload: a Deployment as its `Resource` child. */
class Workload extends Construct {
  public constructor(scope: Construct, id: string, labels: Record<string, string>) {
    super(scope, id);
    new ApiObject(this, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: id },
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels: { ...labels, version: 'v1' } }, spec: { containers: [{ name: id, image: 'x' }] } },
      },
    });
  }
}

describe('Pods.of: cdk8s-plus workloads as peers', () => {
  const build = (props: AppProps): App => {
    const app = new App(props);
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const data = new Chart(app, 'data', { namespace: 'data' });
    const frontend = new kplus.Deployment(shop, 'frontend', { containers: [container], podMetadata: { labels: { app: 'web' } } });
    // Same user label as frontend: only the selector cdk8s-plus gives each workload tells them apart.
    new kplus.Deployment(shop, 'other', { containers: [container], podMetadata: { labels: { app: 'web' } } });
    const batch = new kplus.Job(shop, 'batch', { containers: [container] });
    const cache = new kplus.StatefulSet(shop, 'cache', { containers: [container] });
    const agent = new kplus.DaemonSet(shop, 'agent', { containers: [container] });
    const debug = new kplus.Pod(shop, 'debug', { containers: [container] });
    const api = new kplus.Deployment(data, 'api', { containers: [container] });
    new DenyAll(data, 'deny-all');
    new DenyAll(shop, 'deny-all');
    for (const client of [frontend, batch, cache, agent, debug]) {
      AllowFrom(shop, Pods.of(client)).to(Pods.of(api)).on(Port.tcp(8080));
    }
    return app;
  };

  test('each workload reaches the api on 8080 and on nothing else; a look-alike workload does not', () => {
    const written = writeWithNetfence(build);
    const inv = world(written, []);
    const api = end(written, 'Deployment', 'api');
    for (const [kind, id] of [['Deployment', 'frontend'], ['Job', 'batch'], ['StatefulSet', 'cache'], ['DaemonSet', 'agent'], ['Pod', 'debug']]) {
      expect([id, allows(inv, end(written, kind, id), api, 8080)]).toEqual([id, true]);
      expect([id, allows(inv, end(written, kind, id), api, 9090)]).toEqual([id, false]);
    }
    expect(allows(inv, end(written, 'Deployment', 'other'), api, 8080)).toBe(false);
    expect(allows(inv, api, end(written, 'Deployment', 'frontend'), 8080)).toBe(false);
  });

  test('derived names read as the construct ids, and the matchers take the same peers', () => {
    const names = writeWithNetfence(build)
      .objects.filter((o) => o.kind === 'NetworkPolicy')
      .map((o) => `${(o.metadata as { namespace: string }).namespace}/${(o.metadata as { name: string }).name}`);
    expect(names).toEqual(expect.arrayContaining(['data/shop-allow-frontend-to-api', 'shop/allow-frontend-to-api-egress', 'shop/allow-debug-to-api-egress']));
    const app = build({});
    const shop = app.node.findChild('shop') as Chart;
    const frontend = Pods.of(shop.node.findChild('frontend') as kplus.Deployment);
    const other = Pods.of(shop.node.findChild('other') as kplus.Deployment);
    const api = Pods.of(app.node.findChild('data').node.findChild('api') as kplus.Deployment);
    expect(app).toAllow(frontend, api, Port.tcp(8080));
    expect(app).toDeny(other, api, Port.tcp(8080));
    // The workloads themselves are ends too, by name; a cdk8s-plus Pod as well.
    const debug = shop.node.findChild('debug') as kplus.Pod;
    expect(app).toAllow(debug, app.node.findChild('data').node.findChild('api'), Port.tcp(8080));
    expect(app).toDeny(shop.node.findChild('other'), Pods.of(debug), Port.tcp(8080));
    expect(frontend.describe('shop')).toMatch(/^pods cdk8s\.io\/metadata\.addr=\S+ in namespace shop$/);
  });
});

describe('Pods.of: workload ApiObjects and constructs that expose pods', () => {
  test('a workload ApiObject, a construct wrapping one and a construct exposing pods; in the L2 too', () => {
    const written = writeWithNetfence((props) => {
      const app = new App(props);
      const shop = new Chart(app, 'shop', { namespace: 'shop' });
      const web = new Workload(shop, 'web', { app: 'web' });
      const db = new ApiObject(shop, 'db', {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] },
          template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'x' }] } },
        },
      });
      const exposing = { pods: Pods.labelled({ app: 'jobs' }) };
      new NetworkPolicy(shop, 'db-ingress', {
        selector: Pods.of(db),
        ingress: [{ peers: [Pods.of(web), Pods.of(exposing)], ports: [Port.tcp(5432)] }],
      });
      return app;
    }, {});
    const policy = written.objects.find((o) => o.kind === 'NetworkPolicy') as { spec: unknown };
    expect(policy.spec).toEqual({
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { podSelector: { matchLabels: { app: 'jobs' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
      policyTypes: ['Ingress'],
    });
    const inv = world(written, [
      { ns: 'shop', name: 'jobs', labels: { app: 'jobs' } },
      { ns: 'shop', name: 'stranger', labels: { app: 'stranger' } },
    ]);
    expect(allows(inv, 'shop/web', 'shop/db', 5432)).toBe(true);
    expect(allows(inv, 'shop/jobs', 'shop/db', 5432)).toBe(true);
    expect(allows(inv, 'shop/stranger', 'shop/db', 5432)).toBe(false);
  });

  test('a Job ApiObject without a selector is chosen by its template labels; a Pod by its labels', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ops' });
    const job = new ApiObject(chart, 'migrate', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate' },
      spec: { template: { metadata: { labels: { job: 'migrate' } }, spec: { containers: [] } } },
    });
    const pod = new ApiObject(chart, 'probe', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe', labels: { role: 'probe' } } });
    expect(Pods.of(job).describe('elsewhere')).toBe('pods job=migrate in namespace ops');
    expect(Pods.of(pod).describe('elsewhere')).toBe('pods role=probe in namespace ops');
    expect(Pods.of(pod).nameFragment('ops')).toBe('probe');
  });
});

describe('Pods.of: errors name the construct', () => {
  test('a workload without a namespace', () => {
    const chart = new Chart(Testing.app(), 'nons');
    const web = new kplus.Deployment(chart, 'web', { containers: [container] });
    expect(thrown(() => Pods.of(web))).toMatch(/^Pods\.of\(Deployment nons\/web\): the workload's namespace is unknown; give its Chart a namespace/);
  });

  test('a workload whose selector is empty, which would select every pod of its namespace', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const plus = new kplus.Deployment(chart, 'web', { containers: [container], select: false });
    expect(thrown(() => Pods.of(plus))).toMatch(/^Pods\.of\(Deployment c\/web\): the workload has no selector labels/);
    const raw = new ApiObject(chart, 'raw', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'raw' }, spec: {} });
    expect(thrown(() => Pods.of(raw))).toMatch(/^Pods\.of\(Deployment c\/raw\): the workload has no selector labels/);
    const bare = new ApiObject(chart, 'bare', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' } });
    expect(thrown(() => Pods.of(bare))).toMatch(/^Pods\.of\(Pod c\/bare\): the workload has no selector labels/);
  });

  test('something that is no workload, and a selector operator the API does not know', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const config = new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' } });
    expect(thrown(() => Pods.of(config))).toMatch(/^Pods\.of\(c\/config\): not a workload/);
    expect(thrown(() => Pods.of(new Construct(chart, 'empty')))).toMatch(/^Pods\.of\(c\/empty\): not a workload/);
    const odd = new ApiObject(chart, 'odd', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'odd' },
      spec: { selector: { matchExpressions: [{ key: 'app', operator: 'Like', values: ['x'] }] } },
    });
    expect(thrown(() => Pods.of(odd))).toMatch(/^c\/odd: matchExpressions\[0\]: operator "Like" is not In, NotIn, Exists or DoesNotExist/);
  });

  test('a selector changed after Pods.of read it fails synthesis, naming the workload', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    const web = new kplus.Deployment(chart, 'web', { containers: [container] });
    const api = new kplus.Deployment(chart, 'api', { containers: [container] });
    AllowFrom(chart, Pods.of(web)).to(Pods.of(api));
    web.select(kplus.LabelSelector.of({ labels: { tier: 'front' } }));
    expect(thrown(() => synth(app, { outdir: '/nonexistent/never-written' }))).toMatch(
      /Pods\.of\(Deployment c\/web\) read its pods as cdk8s\.io\/metadata\.addr=\S+ in namespace shop, but the workload now selects .*tier=front/,
    );
  });
});
