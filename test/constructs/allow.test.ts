import { ApiObject, App, Chart, Testing } from 'cdk8s';
import {
  Allow,
  AllowFrom,
  Cidr,
  DenyAll,
  DenyDirection,
  LabelSelector,
  Namespaces,
  NetworkPolicy,
  Pods,
  Port,
  Side,
} from '../../lib';

const frontend = Pods.labelled({ app: 'frontend' });
const web = Pods.labelled({ app: 'web' });

interface Obj {
  metadata: { name: string; namespace: string };
  spec: Record<string, unknown> & { podSelector: unknown; policyTypes: string[] };
}

function byName(objs: Obj[]): Record<string, Obj> {
  return Object.fromEntries(objs.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]));
}

function synthApp(app: App): Record<string, Obj> {
  return byName(app.charts.flatMap((c) => Testing.synth(c) as Obj[]));
}

describe('AllowFrom / Allow', () => {
  test('without any isolation, only the target side is written: the source is never isolated', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    AllowFrom(c, frontend).to(web).on(Port.tcp(8080));
    const out = synthApp(app);
    expect(Object.keys(out)).toEqual(['shop/allow-frontend-to-web']);
    expect(out['shop/allow-frontend-to-web'].spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
    });
  });

  test('with a default deny of egress, the source side is written too, with the same ports', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    AllowFrom(c, frontend).to(web).on(Port.tcp(8080), Port.named('admin'));
    new DenyAll(c, 'deny-all'); // declared after the intent: order does not matter
    const out = synthApp(app);
    expect(Object.keys(out).sort()).toEqual(['shop/allow-frontend-to-web', 'shop/allow-frontend-to-web-egress', 'shop/deny-all']);
    expect(out['shop/allow-frontend-to-web-egress'].spec).toEqual({
      podSelector: { matchLabels: { app: 'frontend' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ podSelector: { matchLabels: { app: 'web' } } }],
          ports: [
            { port: 8080, protocol: 'TCP' },
            { port: 'admin', protocol: 'TCP' },
          ],
        },
      ],
    });
  });

  test('a partial isolator narrows the source side to the pods it isolates', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny-canary-egress', { direction: DenyDirection.EGRESS, pods: LabelSelector.matchLabels({ track: 'canary' }) });
    new DenyAll(c, 'deny-web-egress', { direction: DenyDirection.EGRESS, pods: web });
    AllowFrom(c, frontend).to(web);
    const out = synthApp(app);
    // frontend pods are egress-isolated only where they are canaries; web's isolator cannot match frontend.
    expect(out['shop/allow-frontend-to-web-egress'].spec.podSelector).toEqual({ matchLabels: { app: 'frontend', track: 'canary' } });
    expect(out['shop/allow-frontend-to-web-egress-2']).toBeUndefined();
  });

  test('across namespaces: ingress in the target namespace, egress in the source namespace when isolated there', () => {
    const app = Testing.app();
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const data = new Chart(app, 'data', { namespace: 'data' });
    new DenyAll(data, 'deny-all');
    AllowFrom(data, Pods.labelled({ app: 'api' }).inNamespace('shop')).to(Pods.labelled({ app: 'db' })).on(Port.POSTGRES);
    AllowFrom(shop, frontend).to(Pods.labelled({ app: 'db' }).inNamespace('data')).on(Port.POSTGRES);
    const out = synthApp(app);
    // The side written into data, by an intent declared in shop, carries shop's name in front.
    expect(Object.keys(out).sort()).toEqual(['data/allow-shop-api-to-db', 'data/shop-allow-frontend-to-data-db', 'data/deny-all'].sort());
    expect(out['data/shop-allow-frontend-to-data-db'].spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
            podSelector: { matchLabels: { app: 'frontend' } },
          },
        ],
        ports: [{ port: 5432, protocol: 'TCP' }],
      },
    ]);

    // Now isolate shop's egress: the source sides appear in shop, pointing at data.
    const app2 = Testing.app();
    const shop2 = new Chart(app2, 'shop', { namespace: 'shop' });
    new DenyAll(shop2, 'deny-all');
    AllowFrom(shop2, frontend).to(Pods.labelled({ app: 'db' }).inNamespace('data')).on(Port.POSTGRES);
    const out2 = synthApp(app2);
    expect(out2['shop/allow-frontend-to-data-db-egress'].spec.egress).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } },
            podSelector: { matchLabels: { app: 'db' } },
          },
        ],
        ports: [{ port: 5432, protocol: 'TCP' }],
      },
    ]);
  });

  test('an egress isolator written as a raw ApiObject counts too, read with the API server\'s defaults', () => {
    const withSpec = (spec: Record<string, unknown>): string[] => {
      const app = Testing.app();
      const c = new Chart(app, 'c', { namespace: 'shop' });
      new ApiObject(c, 'raw', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'raw-deny' }, spec });
      AllowFrom(c, frontend).to(web);
      return Object.keys(synthApp(app));
    };
    expect(withSpec({ podSelector: {}, policyTypes: ['Egress'] })).toContain('shop/allow-frontend-to-web-egress');
    // Without policyTypes, `egress: []` is not an egress policy (the server defaults it to [Ingress]).
    expect(withSpec({ podSelector: {}, egress: [] })).not.toContain('shop/allow-frontend-to-web-egress');
  });

  test('egress to an IP block is written only where egress is isolated, and then as the policy name itself', () => {
    const open = Testing.app();
    const c1 = new Chart(open, 'c', { namespace: 'shop' });
    AllowFrom(c1, frontend).to(Cidr.of('203.0.113.0/24'));
    expect(Object.keys(synthApp(open))).toEqual([]);

    const closed = Testing.app();
    const c2 = new Chart(closed, 'c', { namespace: 'shop' });
    new DenyAll(c2, 'deny-egress', { direction: DenyDirection.EGRESS });
    AllowFrom(c2, frontend).to(Cidr.of('203.0.113.0/24')).on(Port.HTTPS);
    const out = synthApp(closed);
    expect(out['shop/allow-frontend-to-203-0-113-0-24'].spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] },
    ]);
  });

  test('ingress from an IP block or the internet writes the target side only', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny-all');
    AllowFrom(c, Cidr.of('198.51.100.0/24').named('office')).to(web).on(Port.HTTPS);
    const out = synthApp(app);
    expect(Object.keys(out).sort()).toEqual(['shop/allow-office-to-web', 'shop/deny-all']);
    expect(out['shop/allow-office-to-web'].spec.ingress).toEqual([
      { from: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] },
    ]);
    expect(app).toAllow(Cidr.of('198.51.100.0/24'), web.inNamespace('shop'), Port.HTTPS);
    expect(app).toDeny('203.0.113.1', web.inNamespace('shop'), Port.HTTPS);
  });

  test('Side.ALWAYS writes the source side without isolation elsewhere; Side.NEVER skips a side', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new Allow(c, 'always', { from: frontend, to: web, sourceSide: Side.ALWAYS, name: 'fe-web' });
    new Allow(c, 'never', { from: frontend, to: Pods.labelled({ app: 'db' }), targetSide: Side.NEVER, sourceSide: Side.ALWAYS, name: 'fe-db' });
    const out = synthApp(app);
    expect(Object.keys(out).sort()).toEqual(['shop/fe-db', 'shop/fe-web', 'shop/fe-web-egress']);
    expect(out['shop/fe-db'].spec.policyTypes).toEqual(['Egress']);
  });

  test('Side.AUTO on the target writes ingress only where the target is already isolated', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new Allow(c, 'a', { from: frontend, to: web, targetSide: Side.AUTO, name: 'a' });
    expect(Object.keys(synthApp(app))).toEqual([]);
    const app2 = Testing.app();
    const c2 = new Chart(app2, 'c', { namespace: 'shop' });
    new DenyAll(c2, 'deny-in', { direction: DenyDirection.INGRESS });
    new Allow(c2, 'a', { from: frontend, to: web, targetSide: Side.AUTO, name: 'a' });
    expect(Object.keys(synthApp(app2)).sort()).toEqual(['shop/a', 'shop/deny-in']);
  });

  test('every port by default; on() narrows, and the id is the readable name', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    const a = AllowFrom(c, Namespaces.named('monitoring')).to(web);
    expect(a.node.id).toBe('allow-ns-monitoring-to-web');
    expect((Testing.synth(c)[0] as Obj).spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] },
    ]);
  });

  test('reruns are byte-identical, and deferred sides do not repeat on a second synth', () => {
    const build = () => {
      const app = Testing.app();
      const c = new Chart(app, 'c', { namespace: 'shop' });
      new DenyAll(c, 'deny-all');
      AllowFrom(c, frontend).to(web).on(Port.HTTP);
      return app;
    };
    const app = build();
    const first = app.synthYaml();
    expect(app.synthYaml()).toBe(first);
    expect(build().synthYaml()).toBe(first);
    expect(first).toMatchSnapshot();
  });

  describe('errors', () => {
    test('the same intent twice in one scope', () => {
      const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
      AllowFrom(c, frontend).to(web);
      expect(() => AllowFrom(c, frontend).to(web)).toThrow(/already an intent 'allow-frontend-to-web' here; give this one another name/);
    });

    test('on() with no port', () => {
      const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
      expect(() => AllowFrom(c, frontend).to(web).on()).toThrow(/c\/allow-frontend-to-web: on\(\) needs at least one port/);
    });

    test('no side can carry a rule', () => {
      const app = Testing.app();
      const c = new Chart(app, 'c', { namespace: 'shop' });
      AllowFrom(c, Cidr.of('192.0.2.0/24')).to(Namespaces.labelled({ team: 'a' }));
      expect(() => app.synthYaml()).toThrow(/\[c\/allow-192-0-2-0-24-to-ns-a\] no side can carry a rule/);
    });

    test('no namespace', () => {
      const app = Testing.app();
      const c = new Chart(app, 'c');
      AllowFrom(c, frontend).to(web);
      expect(() => app.synthYaml()).toThrow(/no namespace; set `namespace`/);
    });

    test('intents added after the first synthesis are refused', () => {
      const app = Testing.app();
      const c = new Chart(app, 'c', { namespace: 'shop' });
      new DenyAll(c, 'd');
      app.synthYaml();
      expect(() => AllowFrom(c, frontend).to(web)).toThrow(/already synthesized/);
    });

    test('an invalid port is reported once, at the intent, whether or not a side is written', () => {
      for (const isolated of [true, false]) {
        const app = Testing.app();
        const c = new Chart(app, 'c', { namespace: 'shop' });
        if (isolated) new DenyAll(c, 'd');
        AllowFrom(c, frontend).to(Cidr.of('192.0.2.0/24')).on(Port.tcp(0));
        expect(() => app.synthYaml()).toThrow(/^Validation failed with the following errors:\n {2}\[c\/allow-frontend-to-192-0-2-0-24\] ports\[0\]\.port: invalid port number \(got 0\)[^\n]*$/);
      }
    });
  });

  test('the NetworkPolicy L2 is what intents write', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const a = AllowFrom(c, frontend).to(web);
    expect(a.policies[0]).toBeInstanceOf(NetworkPolicy);
  });
});
