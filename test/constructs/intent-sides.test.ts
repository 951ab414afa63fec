/**
 * How intents decide their sides, judged on the files written (both synthesis paths) through the
 * engine: from the one reading of every policy of the app, seeing each other's ALWAYS sides, a
 * side per namespace, in the chart of that namespace, under names unique per namespace.
 */
import { ApiObject, App, AppProps, Chart, YamlOutputType } from 'cdk8s';
import {
  Allow,
  AllowDns,
  AllowFrom,
  AllowIngressController,
  AllowPrometheusScrape,
  AllowWithinNamespace,
  DenyAll,
  DenyDirection,
  NamespaceIsolation,
  Namespaces,
  Peer,
  Pods,
  Port,
  Side,
  synthesizeToMemory,
} from '../../lib';
import { renderAppDocuments } from '../../lib/synth/render-app';
import { TenantNamespace, Workload } from '../../examples/platform-lib';
import { allows, Build, TestPod, thrown, world, writeBoth } from './written';

const frontend = Pods.labelled({ app: 'frontend' });
const web = Pods.labelled({ app: 'web' });
const db = Pods.labelled({ app: 'db' });

const SHOP_PODS: TestPod[] = [
  { ns: 'shop', name: 'frontend', labels: { app: 'frontend' } },
  { ns: 'shop', name: 'web', labels: { app: 'web' } },
  { ns: 'shop', name: 'db', labels: { app: 'db' } },
  { ns: 'shop', name: 'other', labels: { app: 'other' } },
  { ns: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
];

/** The NetworkPolicies written, as `namespace/name`, sorted. */
function policyIds(objects: readonly Record<string, unknown>[]): string[] {
  return objects
    .filter((o) => o.kind === 'NetworkPolicy')
    .map((o) => {
      const m = o.metadata as { name: string; namespace: string };
      return `${m.namespace}/${m.name}`;
    })
    .sort();
}

function rawPolicy(scope: Chart, id: string, spec: Record<string, unknown>): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: id },
    spec,
  });
}

describe('intents read every policy of the app through the one reading (API defaults included)', () => {
  test('a raw {podSelector: {}, egress: []} without policyTypes isolates ingress only: no source side, DNS and internet stay open', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const c = new Chart(app, 'c', { namespace: 'shop' });
      rawPolicy(c, 'raw-deny', { podSelector: {}, egress: [] });
      AllowFrom(c, frontend).to(web);
      return app;
    };
    const written = writeBoth(build);
    expect(policyIds(written.objects)).toEqual(['shop/allow-frontend-to-web', 'shop/raw-deny']);
    const inv = world(written, SHOP_PODS);
    expect(allows(inv, 'shop/frontend', 'shop/web', 8080)).toBe(true);
    expect(allows(inv, 'shop/frontend', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allows(inv, 'shop/frontend', '203.0.113.9', 443)).toBe(true);
  });

  test('policyTypes: [] plus an egress rule isolates egress (the defaults apply to an empty list): the source side is written', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const c = new Chart(app, 'c', { namespace: 'shop' });
      rawPolicy(c, 'raw-egress', { podSelector: {}, policyTypes: [], egress: [{ to: [{ ipBlock: { cidr: '192.0.2.0/24' } }] }] });
      AllowFrom(c, frontend).to(web).on(Port.tcp(8080));
      return app;
    };
    const written = writeBoth(build);
    expect(policyIds(written.objects)).toContain('shop/allow-frontend-to-web-egress');
    const inv = world(written, SHOP_PODS);
    expect(allows(inv, 'shop/frontend', 'shop/web', 8080)).toBe(true);
    expect(allows(inv, 'shop/frontend', 'shop/web', 8081)).toBe(false);
  });

  test.each([
    ['absent policyTypes, egress: [{}]', { podSelector: {}, egress: [{}] }, true, true],
    ['absent policyTypes, no egress', { podSelector: {} }, false, true],
    ['absent policyTypes, egress: null', { podSelector: {}, egress: null }, false, true],
    ['policyTypes: [Ingress] with an egress rule (ignored by the cluster)', { podSelector: {}, policyTypes: ['Ingress'], egress: [{ to: [{ ipBlock: { cidr: '192.0.2.0/24' } }] }] }, false, true],
    ['policyTypes: [Egress], egress absent', { podSelector: {}, policyTypes: ['Egress'] }, true, false],
    ['policyTypes: [Egress], egress: []', { podSelector: {}, policyTypes: ['Egress'], egress: [] }, true, false],
    ['policyTypes: [Ingress, Egress] on other pods', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress', 'Egress'] }, false, true],
  ])('%s', (_name, spec, isolatesEgress, dnsOpen) => {
    const build: Build = (props) => {
      const app = new App(props);
      const c = new Chart(app, 'c', { namespace: 'shop' });
      rawPolicy(c, 'raw', spec);
      AllowFrom(c, frontend).to(web).on(Port.tcp(8080));
      return app;
    };
    const written = writeBoth(build);
    expect(policyIds(written.objects).includes('shop/allow-frontend-to-web-egress')).toBe(isolatesEgress);
    const inv = world(written, SHOP_PODS);
    expect(allows(inv, 'shop/frontend', 'shop/web', 8080)).toBe(true);
    // The intent never closes what the raw policy left open.
    expect(allows(inv, 'shop/frontend', 'kube-system/coredns', 53, 'UDP')).toBe(dnsOpen);
  });
});

describe('intents see each other\'s ALWAYS sides', () => {
  test('a source side ALWAYS isolates the source: AUTO intents and AllowDns on the same source write their sides', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const c = new Chart(app, 'c', { namespace: 'shop' });
      new Allow(c, 'fe-web', { from: frontend, to: web, sourceSide: Side.ALWAYS });
      AllowFrom(c, frontend).to(db).on(Port.POSTGRES);
      new AllowDns(c, 'dns', { pods: frontend });
      return app;
    };
    const inv = world(writeBoth(build), SHOP_PODS);
    expect(allows(inv, 'shop/frontend', 'shop/web', 8080)).toBe(true);
    expect(allows(inv, 'shop/frontend', 'shop/db', 5432)).toBe(true);
    expect(allows(inv, 'shop/frontend', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    // The ALWAYS side is an allow-list: anything else is now closed.
    expect(allows(inv, 'shop/frontend', 'shop/other', 80)).toBe(false);
  });

  test('a target side ALWAYS in another namespace isolates the target: an AUTO target side there is written', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const c = new Chart(app, 'c', { namespace: 'shop' });
      const data = Pods.labelled({ app: 'db' }).inNamespace('data');
      AllowFrom(c, frontend).to(data).on(Port.POSTGRES);
      new Allow(c, 'web-db', { from: web, to: data, targetSide: Side.AUTO, ports: [Port.POSTGRES] });
      return app;
    };
    const pods = [...SHOP_PODS, { ns: 'data', name: 'db', labels: { app: 'db' } }];
    const inv = world(writeBoth(build), pods);
    expect(allows(inv, 'shop/frontend', 'data/db', 5432)).toBe(true);
    expect(allows(inv, 'shop/web', 'data/db', 5432)).toBe(true);
    expect(allows(inv, 'shop/other', 'data/db', 5432)).toBe(false);
  });
});

describe('a side per namespace', () => {
  const MULTI: TestPod[] = [
    ...SHOP_PODS,
    { ns: 'a', name: 'x', labels: { app: 'x' } },
    { ns: 'b', name: 'x', labels: { app: 'x' } },
    { ns: 'c', name: 'x', labels: { app: 'x' } },
  ];

  const isolatedAB = (app: App): void => {
    new DenyAll(new Chart(app, 'a', { namespace: 'a' }), 'deny-all');
    new DenyAll(new Chart(app, 'b', { namespace: 'b' }), 'deny-all');
  };

  test('a source in Namespaces.named(a, b) gets an egress side in each namespace that isolates it', () => {
    const build: Build = (props) => {
      const app = new App(props);
      isolatedAB(app);
      const shop = new Chart(app, 'shop', { namespace: 'shop' });
      AllowFrom(shop, Namespaces.named('a', 'b')).to(web).on(Port.HTTP);
      return app;
    };
    const written = writeBoth(build);
    const inv = world(written, MULTI);
    expect(allows(inv, 'a/x', 'shop/web', 80)).toBe(true);
    expect(allows(inv, 'b/x', 'shop/web', 80)).toBe(true);
    expect(allows(inv, 'c/x', 'shop/web', 80)).toBe(false);
    expect(allows(inv, 'a/x', 'shop/web', 81)).toBe(false);
    expect(policyIds(written.objects)).toEqual([
      'a/deny-all',
      'a/shop-allow-ns-a-b-to-web-egress',
      'b/deny-all',
      'b/shop-allow-ns-a-b-to-web-egress',
      'shop/allow-ns-a-b-to-web',
    ]);
  });

  test('pods in several named namespaces (inNamespaces) as source and target', () => {
    const build: Build = (props) => {
      const app = new App(props);
      isolatedAB(app);
      const shop = new Chart(app, 'shop', { namespace: 'shop' });
      new DenyAll(shop, 'deny-all');
      AllowFrom(shop, Pods.labelled({ app: 'x' }).inNamespaces('a', 'b')).to(web).on(Port.HTTP);
      AllowFrom(shop, frontend).to(Pods.labelled({ app: 'x' }).inNamespaces('a', 'b')).on(Port.HTTPS);
      return app;
    };
    const inv = world(writeBoth(build), MULTI);
    expect(allows(inv, 'a/x', 'shop/web', 80)).toBe(true);
    expect(allows(inv, 'b/x', 'shop/web', 80)).toBe(true);
    expect(allows(inv, 'shop/frontend', 'a/x', 443)).toBe(true);
    expect(allows(inv, 'shop/frontend', 'b/x', 443)).toBe(true);
    expect(allows(inv, 'shop/frontend', 'c/x', 443)).toBe(false);
  });

  test('a target in Namespaces.named(a, b) gets an ingress side in each (Side.ALWAYS by default)', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const shop = new Chart(app, 'shop', { namespace: 'shop' });
      AllowFrom(shop, frontend).to(Namespaces.named('a', 'b')).on(Port.HTTPS);
      return app;
    };
    const written = writeBoth(build);
    expect(policyIds(written.objects)).toEqual(['a/shop-allow-frontend-to-ns-a-b', 'b/shop-allow-frontend-to-ns-a-b']);
    const inv = world(written, MULTI);
    expect(allows(inv, 'shop/frontend', 'a/x', 443)).toBe(true);
    expect(allows(inv, 'shop/web', 'a/x', 443)).toBe(false);
    expect(allows(inv, 'shop/web', 'c/x', 443)).toBe(true);
  });

  test('pods in any namespace: a side in each namespace where the app isolates them', () => {
    const build: Build = (props) => {
      const app = new App(props);
      isolatedAB(app);
      const shop = new Chart(app, 'shop', { namespace: 'shop' });
      AllowFrom(shop, Pods.labelled({ app: 'x' }).inAnyNamespace()).to(web).on(Port.HTTP);
      return app;
    };
    const inv = world(writeBoth(build), MULTI);
    for (const ns of ['a', 'b', 'c']) expect(allows(inv, `${ns}/x`, 'shop/web', 80)).toBe(true);
    expect(allows(inv, 'a/x', 'shop/frontend', 80)).toBe(false);
  });

  test('pods in any namespace as target: a side where another intent\'s ALWAYS side isolates them, home namespace included', () => {
    // Found by the intent laws: the home namespace's side was taken for one written at construction.
    const build: Build = (props) => {
      const app = new App(props);
      const a = new Chart(app, 'a', { namespace: 'a' });
      new Allow(a, 'all-ab', { from: Namespaces.named('b'), to: Namespaces.named('a', 'c'), ports: [Port.HTTP] });
      new Allow(a, 'x-any', { from: Pods.labelled({ app: 'x' }).inNamespace('c'), to: Pods.labelled({ app: 'x' }).inAnyNamespace(), ports: [Port.HTTP] });
      return app;
    };
    const inv = world(writeBoth(build), MULTI);
    expect(allows(inv, 'c/x', 'a/x', 80)).toBe(true);
    expect(allows(inv, 'c/x', 'c/x', 80)).toBe(true);
    expect(allows(inv, 'shop/frontend', 'a/x', 80)).toBe(false);
  });

  test('namespaces chosen by labels: synth fails where a side is needed, saying why and what to write', () => {
    const byLabels = (side?: Side, isolate = true): App => {
      const app = new App();
      if (isolate) isolatedAB(app);
      const shop = new Chart(app, 'shop', { namespace: 'shop' });
      new Allow(shop, 'x-web', { from: Pods.labelled({ app: 'x' }).inNamespacesLabelled({ team: 'a' }), to: web, sourceSide: side });
      return app;
    };
    const auto = thrown(() => synthesizeToMemory(byLabels()));
    expect(auto).toMatch(/\[shop\/x-web\] from: the source \(pods app=x in namespaces matching team=a\) lives in namespaces chosen by labels/);
    expect(auto).toMatch(/a\/deny-all/);
    expect(auto).toMatch(/inNamespace\('name'\)|Namespaces.named/);
    expect(auto).toMatch(/Side.NEVER/);
    // Nothing in the app isolates egress: no side is needed, so no error.
    expect(thrown(() => synthesizeToMemory(byLabels(undefined, false)))).toBeUndefined();
    // An explicit ALWAYS can never be honoured there; it used to be dropped silently.
    expect(thrown(() => synthesizeToMemory(byLabels(Side.ALWAYS, false)))).toMatch(/\[shop\/x-web\] from: .*Side.ALWAYS/);
    expect(thrown(() => byLabels(Side.ALWAYS, false).synthYaml())).toMatch(/\[shop\/x-web\] from: .*Side.ALWAYS/);
    expect(thrown(() => synthesizeToMemory(byLabels(Side.NEVER)))).toBeUndefined();
  });

  test('an explicit ALWAYS on pods of any namespace or Namespaces.labelled fails synth', () => {
    for (const to of [Pods.all().inAnyNamespace(), Namespaces.labelled({ team: 'a' }), Namespaces.all()]) {
      const app = new App();
      const shop = new Chart(app, 'shop', { namespace: 'shop' });
      new Allow(shop, 'fe-any', { from: frontend, to, targetSide: Side.ALWAYS });
      expect(thrown(() => synthesizeToMemory(app))).toMatch(/\[shop\/fe-any\] to: .*cannot write .*Side.ALWAYS/);
    }
  });
});

describe('where sides land, and their names', () => {
  test('AllowPrometheusScrape in two tenants (examples/platform-lib): one egress side per tenant in monitoring, in the monitoring chart', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const monitoring = new TenantNamespace(app, 'monitoring', { team: 'platform' });
      new Workload(monitoring, 'prometheus');
      for (const tenant of ['shop-a', 'shop-b']) {
        const t = new TenantNamespace(app, tenant, { team: tenant });
        new Workload(t, 'web', { ports: { metrics: 9090 } });
      }
      return app;
    };
    const written = writeBoth(build);
    const ids = policyIds(written.objects);
    expect(ids).toContain('monitoring/shop-a-allow-prometheus-scrape-egress');
    expect(ids).toContain('monitoring/shop-b-allow-prometheus-scrape-egress');
    expect(written.files.get('monitoring.k8s.yaml')).toContain('name: shop-a-allow-prometheus-scrape-egress');
    expect(written.files.get('shop-a.k8s.yaml')).not.toContain('allow-prometheus-scrape-egress');
    const pods: TestPod[] = [
      { ns: 'monitoring', name: 'prometheus', labels: { app: 'prometheus', 'app.kubernetes.io/name': 'prometheus' } },
      { ns: 'shop-a', name: 'web', labels: { app: 'web' }, ports: { metrics: 9090 } },
      { ns: 'shop-b', name: 'web', labels: { app: 'web' }, ports: { metrics: 9090 } },
    ];
    const inv = world(written, pods);
    expect(allows(inv, 'monitoring/prometheus', 'shop-a/web', 9090)).toBe(true);
    expect(allows(inv, 'monitoring/prometheus', 'shop-b/web', 9090)).toBe(true);
    expect(allows(inv, 'monitoring/prometheus', 'shop-b/web', 9091)).toBe(false);
  });

  test('a side in another namespace lands in that namespace\'s chart when the app has one, else in the intent\'s chart', () => {
    const app = new App();
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const pay = new Chart(app, 'payments', { namespace: 'payments' });
    new DenyAll(pay, 'deny-all');
    const toLedger = AllowFrom(shop, web).to(Pods.labelled({ app: 'ledger' }).inNamespace('payments')).on(Port.tcp(9000));
    const toAudit = AllowFrom(shop, web).to(Pods.labelled({ app: 'audit' }).inNamespace('audit')).on(Port.tcp(9000));
    const files = synthesizeToMemory(app);
    expect(files.get('payments.k8s.yaml')).toContain('name: shop-allow-web-to-payments-ledger');
    expect(files.get('shop.k8s.yaml')).not.toContain('ledger');
    expect(files.get('shop.k8s.yaml')).toContain('name: shop-allow-web-to-audit-audit');
    expect(toLedger.policies.map((p) => p.node.path)).toEqual(['payments/shop--allow-web-to-payments-ledger/ingress.payments']);
    expect(toAudit.policies.map((p) => p.node.path)).toEqual(['shop/allow-web-to-audit-audit/ingress.audit']);
    // The chart's labels follow the chart the side lands in.
    const labelled = new App();
    const s = new Chart(labelled, 'shop', { namespace: 'shop', labels: { team: 'shop' } });
    new Chart(labelled, 'payments', { namespace: 'payments', labels: { team: 'payments' } });
    AllowFrom(s, web).to(Pods.labelled({ app: 'ledger' }).inNamespace('payments'));
    expect(synthesizeToMemory(labelled).get('payments.k8s.yaml')).toContain('team: payments');
  });

  test('two namespaces\' intents to the same target never share a name there', () => {
    const build: Build = (props) => {
      const app = new App(props);
      for (const ns of ['shop', 'billing']) {
        AllowFrom(new Chart(app, ns, { namespace: ns }), web).to(Pods.labelled({ app: 'ledger' }).inNamespace('payments'));
      }
      return app;
    };
    expect(policyIds(writeBoth(build).objects)).toEqual(['payments/billing-allow-web-to-payments-ledger', 'payments/shop-allow-web-to-payments-ledger']);
  });

  test('names stay readable and stable: the home namespace is not repeated, long names are hashed', () => {
    const app = new App();
    const c = new Chart(app, 'c', { namespace: 'a-very-long-namespace-name-for-a-team' });
    new DenyAll(new Chart(app, 'm', { namespace: 'monitoring' }), 'deny-all');
    AllowFrom(c, Pods.labelled({ app: 'prometheus' }).inNamespace('monitoring')).to(Pods.labelled({ app: 'some-long-application-name' }));
    const names = policyIds(renderAppDocuments(app) as Record<string, unknown>[]);
    for (const n of names) expect(n.split('/')[1].length).toBeLessThanOrEqual(63);
    expect(names).toContain('a-very-long-namespace-name-for-a-team/allow-monitoring-prometheus-to-some-long-application-name');
    expect(names.find((n) => n.startsWith('monitoring/a-very-long-'))).toMatch(/^monitoring\/a-very-long-namespace-name-for-a-team-allow-monit[a-z-]*-[0-9a-f]{8}$/);
  });
});

describe('every intent-like helper takes sourceSide and targetSide', () => {
  const kinds: [string, (c: Chart, sides: { sourceSide?: Side; targetSide?: Side }) => void][] = [
    ['AllowDns', (c, s) => new AllowDns(c, 'h', s)],
    ['AllowIngressController', (c, s) => new AllowIngressController(c, 'h', { to: web, ports: [Port.HTTP], ...s })],
    ['AllowPrometheusScrape', (c, s) => new AllowPrometheusScrape(c, 'h', s)],
    ['AllowWithinNamespace', (c, s) => new AllowWithinNamespace(c, 'h', s)],
  ];
  test.each(kinds)('%s: ALWAYS on both sides writes both; NEVER on the target writes no ingress', (_name, make) => {
    const app = new App();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    make(c, { sourceSide: Side.ALWAYS, targetSide: Side.ALWAYS });
    const types = [...synthesizeToMemory(app).values()].join('\n');
    expect(types).toContain('- Ingress');
    expect(types).toContain('- Egress');
    const app2 = new App();
    make(new Chart(app2, 'c', { namespace: 'shop' }), { sourceSide: Side.ALWAYS, targetSide: Side.NEVER });
    const text = [...synthesizeToMemory(app2).values()].join('\n');
    expect(text).not.toContain('- Ingress');
    expect(text).toContain('- Egress');
  });

  test('NamespaceIsolation: target side ALWAYS by default; sourceSide AUTO opens the allowed pods\' egress where the app isolates it', () => {
    const build = (sourceSide?: Side): Build => (props: AppProps) => {
      const app = new App(props);
      new DenyAll(new Chart(app, 'monitoring', { namespace: 'monitoring' }), 'deny-all');
      new NamespaceIsolation(app, 'tenants', { namespaces: ['team-a', 'team-b'], allowFrom: ['monitoring'], sourceSide });
      return app;
    };
    const pods: TestPod[] = [
      { ns: 'monitoring', name: 'prom', labels: { app: 'prometheus' } },
      { ns: 'team-a', name: 'x', labels: { app: 'x' } },
      { ns: 'team-b', name: 'x', labels: { app: 'x' } },
    ];
    const left = world(writeBoth(build()), pods);
    expect(allows(left, 'monitoring/prom', 'team-a/x', 80)).toBe(false);
    expect(allows(left, 'team-b/x', 'team-a/x', 80)).toBe(false);
    const opened = world(writeBoth(build(Side.AUTO)), pods);
    expect(allows(opened, 'monitoring/prom', 'team-a/x', 80)).toBe(true);
    expect(allows(opened, 'monitoring/prom', 'team-b/x', 80)).toBe(true);
    expect(allows(opened, 'team-b/x', 'team-a/x', 80)).toBe(false);
  });
});

test('sides are decided with YamlOutputType in mind only for file names, never for meaning', () => {
  const build: Build = (props) => {
    const app = new App(props);
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny-all', { direction: DenyDirection.EGRESS });
    AllowFrom(c, frontend).to(web);
    return app;
  };
  const perChart = writeBoth(build);
  const perResource = writeBoth(build, { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
  expect(policyIds(perResource.objects)).toEqual(policyIds(perChart.objects));
});

test('Peer.anyOf as a target: pods of the home namespace and of any namespace, one side each, no name twice', () => {
  const build: Build = (props) => {
    const app = new App(props);
    const a = new Chart(app, 'a', { namespace: 'a' });
    new DenyAll(a, 'deny-all');
    new Allow(a, 'x', { from: Pods.labelled({ app: 'y' }).inNamespace('b'), to: Peer.anyOf(Pods.labelled({ app: 'x' }), Pods.all().inAnyNamespace()), ports: [Port.HTTP], name: 'x' });
    return app;
  };
  const written = writeBoth(build);
  expect(policyIds(written.objects)).toEqual(['a/deny-all', 'a/x', 'a/x-2']);
  const inv = world(written, [
    { ns: 'a', name: 'x', labels: { app: 'x' } },
    { ns: 'a', name: 'z', labels: { app: 'z' } },
    { ns: 'b', name: 'y', labels: { app: 'y' } },
  ]);
  expect(allows(inv, 'b/y', 'a/x', 80)).toBe(true);
  expect(allows(inv, 'b/y', 'a/z', 80)).toBe(true);
});

test('the same pods twice in one end make one side', () => {
  const app = new App();
  const a = new Chart(app, 'a', { namespace: 'a' });
  new DenyAll(a, 'deny-all');
  new Allow(a, 'x', { from: Peer.anyOf(Pods.labelled({ app: 'y' }), Pods.labelled({ app: 'y' }).inNamespace('a')), to: Peer.anyOf(Namespaces.named('b'), Namespaces.named('b')), name: 'x' });
  expect(policyIds(renderAppDocuments(app) as Record<string, unknown>[])).toEqual(['a/deny-all', 'a/x-egress', 'b/a-x']);
});
