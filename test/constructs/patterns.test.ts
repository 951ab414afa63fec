import { Chart, Testing } from 'cdk8s';
import {
  AllowDns,
  AllowIngressController,
  AllowPrometheusScrape,
  AllowWithinNamespace,
  DenyAll,
  DenyDirection,
  NamespaceIsolation,
  Namespaces,
  Pods,
  Port,
  Side,
} from '../../lib';

interface Obj {
  metadata: { name: string; namespace: string };
  spec: { podSelector: unknown; policyTypes: string[]; ingress?: unknown[]; egress?: unknown[] };
}

function objects(c: Chart): Obj[] {
  return Testing.synth(c) as Obj[];
}

describe('DenyAll', () => {
  test.each([
    [DenyDirection.BOTH, ['Ingress', 'Egress']],
    [DenyDirection.INGRESS, ['Ingress']],
    [DenyDirection.EGRESS, ['Egress']],
  ])('%s isolates %j with no rules', (direction, types) => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny', { direction });
    expect(objects(c)).toEqual([
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: types },
      },
    ]);
  });

  test('can target some pods and another namespace', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny', { pods: Pods.labelled({ app: 'x' }).inNamespace('other'), namespace: 'other', name: 'lockdown' });
    expect(objects(c)[0].metadata).toEqual({ name: 'lockdown', namespace: 'other' });
    expect(objects(c)[0].spec.podSelector).toEqual({ matchLabels: { app: 'x' } });
  });
});

describe('AllowDns', () => {
  test('writes UDP and TCP 53 to kube-dns where egress is denied, and never touches kube-system', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny-all');
    new AllowDns(c, 'allow-dns');
    const dns = objects(c).find((o) => o.metadata.name === 'allow-dns')!;
    expect(dns.metadata.namespace).toBe('shop');
    expect(dns.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
      ],
    });
    expect(objects(c).filter((o) => o.metadata.namespace === 'kube-system')).toEqual([]);
  });

  test('configurable DNS server, ports and clients; Side.ALWAYS writes it without a deny', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new AllowDns(c, 'dns', {
      pods: Pods.labelled({ app: 'web' }),
      dnsNamespace: 'dns',
      dnsLabels: { app: 'node-local-dns' },
      ports: [Port.DNS_UDP],
      sourceSide: Side.ALWAYS,
    });
    const [dns] = objects(c);
    expect(dns.spec.podSelector).toEqual({ matchLabels: { app: 'web' } });
    expect(JSON.stringify(dns.spec.egress)).toContain('node-local-dns');
    expect(JSON.stringify(dns.spec.egress)).not.toContain('TCP');
  });

  test('without a deny of egress it writes nothing: it never isolates by itself', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new AllowDns(c, 'dns');
    expect(objects(c)).toEqual([]);
  });
});

describe('NamespaceIsolation', () => {
  test('one policy per namespace, own namespace plus the shared ones', () => {
    const app = Testing.app();
    const iso = new NamespaceIsolation(app, 'tenants', {
      namespaces: ['team-a', 'team-b'],
      allowFrom: ['ingress-nginx', Pods.labelled({ app: 'prometheus' }).inNamespace('monitoring')],
    });
    const objs = objects(iso);
    expect(objs.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'team-a/namespace-isolation',
      'team-b/namespace-isolation',
    ]);
    expect(objs[1].spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: {} },
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
              podSelector: { matchLabels: { app: 'prometheus' } },
            },
          ],
        },
      ],
    });
    expect(objs).toMatchSnapshot();
  });

  test('errors for no namespaces and repeated namespaces', () => {
    expect(() => new NamespaceIsolation(Testing.app(), 'x', { namespaces: [] })).toThrow(/x: namespaces is empty/);
    expect(() => new NamespaceIsolation(Testing.app(), 'x', { namespaces: ['a', 'b', 'a'] })).toThrow(/lists a more than once/);
  });
});

describe('platform patterns', () => {
  test('AllowWithinNamespace follows the isolation the namespace has', () => {
    const open = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new AllowWithinNamespace(open, 'within');
    expect(objects(open)).toEqual([]);
    const closed = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new DenyAll(closed, 'deny-all');
    new AllowWithinNamespace(closed, 'within');
    const names = objects(closed).map((o) => o.metadata.name);
    expect(names).toEqual(['deny-all', 'within', 'within-egress']);
    const within = objects(closed).find((o) => o.metadata.name === 'within')!;
    expect(within.spec.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
  });

  test('AllowIngressController and AllowPrometheusScrape have sensible defaults', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new AllowIngressController(c, 'ingress', { to: Pods.labelled({ app: 'web' }), ports: [Port.named('http')] });
    new AllowPrometheusScrape(c, 'scrape');
    const [ingress, scrape] = objects(c);
    expect(ingress.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
          },
        ],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ]);
    expect(scrape.spec.podSelector).toEqual({});
    expect(scrape.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
          },
        ],
        ports: [{ port: 'metrics', protocol: 'TCP' }],
      },
    ]);
  });

  test('Namespaces as a target: every pod of the named namespace', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new AllowIngressController(c, 'x', { to: Pods.all(), ports: [Port.HTTP], name: 'x' });
    expect(Namespaces.named('shop').selectable()?.namespace).toBe('shop');
    expect(objects(c)[0].spec.podSelector).toEqual({});
  });
});
