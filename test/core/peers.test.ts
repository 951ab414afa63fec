import { Cidr, Internet, IPeer, LabelRequirement, LabelSelector, Namespaces, Peer, Pods, Port } from '../../lib';
import { Anyone, NO_PODS, placementOf } from '../../lib/core';

const inShop = { policyNamespace: 'shop', homeNamespace: 'shop' };

describe('Pods', () => {
  test('in the home namespace: a podSelector alone', () => {
    expect(Pods.labelled({ app: 'web' }).toPeerManifests(inShop)).toEqual([{ podSelector: { matchLabels: { app: 'web' } } }]);
  });

  test('in another namespace: namespaceSelector by metadata.name AND podSelector, in one peer', () => {
    const p = Pods.labelled({ app: 'prometheus' }).inNamespace('monitoring');
    expect(p.toPeerManifests(inShop)).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
        podSelector: { matchLabels: { app: 'prometheus' } },
      },
    ]);
    expect(p.selectable('shop')).toEqual({ namespace: 'monitoring', selector: p.selector });
    expect(p.nameFragment('shop')).toBe('monitoring-prometheus');
  });

  test('home pods seen from a policy in another namespace name their home', () => {
    const p = Pods.labelled({ app: 'frontend' });
    expect(p.toPeerManifests({ policyNamespace: 'data', homeNamespace: 'shop' })).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
        podSelector: { matchLabels: { app: 'frontend' } },
      },
    ]);
  });

  test('namespaces by labels or any namespace: not selectable by a policy', () => {
    const byLabels = Pods.labelled({ app: 'x' }).inNamespacesLabelled({ team: 'a' });
    expect(byLabels.toPeerManifests(inShop)).toEqual([
      { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'x' } } },
    ]);
    expect(byLabels.selectable('shop')).toBeUndefined();
    const anywhere = Pods.all().inAnyNamespace();
    expect(anywhere.toPeerManifests(inShop)).toEqual([{ namespaceSelector: {}, podSelector: {} }]);
    expect(anywhere.nameFragment('shop')).toBe('all-pods-any-namespace');
  });

  test('matchExpressions pass through', () => {
    const p = Pods.matching(LabelSelector.matchExpressions(LabelRequirement.in('tier', ['web', 'api'])));
    expect(p.toPeerManifests(inShop)).toEqual([
      { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'web'] }] } },
    ]);
    expect(p.nameFragment('shop')).toBe('web-api');
  });

  test('named() overrides the derived name', () => {
    expect(Pods.labelled({ app: 'a', tier: 'b' }).named('shop-front').nameFragment('x')).toBe('shop-front');
  });
});

describe('Namespaces', () => {
  test('by name uses the metadata.name label; several names become one In', () => {
    expect(Namespaces.named('b', 'a').toPeerManifests(inShop)).toEqual([
      {
        namespaceSelector: {
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }],
        },
      },
    ]);
    expect(Namespaces.named('shop').toPeerManifests(inShop)).toEqual([{ podSelector: {} }]);
    expect(Namespaces.named('x').selectable()).toEqual({ namespace: 'x', selector: LabelSelector.all() });
    expect(Namespaces.named('x', 'y').selectable()).toBeUndefined();
  });

  test('all namespaces is an explicit empty namespaceSelector', () => {
    expect(Namespaces.all().toPeerManifests(inShop)).toEqual([{ namespaceSelector: {} }]);
    expect(Peer.allNamespaces().describe()).toBe('all pods of every namespace');
  });

  test('named() without names is an error that says what to use', () => {
    expect(() => Namespaces.named()).toThrow(/Namespaces.all\(\)/);
  });
});

describe('where a peer\'s pods live (placement)', () => {
  const x = LabelSelector.matchLabels({ app: 'x' });
  test('home, one named namespace, several named namespaces', () => {
    expect(placementOf(Pods.labelled({ app: 'x' }), 'shop')).toEqual({ named: [{ namespace: 'shop', selector: x }], everywhere: [], labelled: [] });
    const several = Pods.labelled({ app: 'x' }).inNamespaces('b', 'a', 'b');
    expect(several.placement('shop').named.map((s) => s.namespace)).toEqual(['a', 'b']);
    expect(several.selectable('shop')).toBeUndefined();
    expect(several.toPeerManifests(inShop)).toEqual([
      { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }] }, podSelector: { matchLabels: { app: 'x' } } },
    ]);
    expect(several.nameFragment('shop')).toBe('a-b-x');
    expect(several.describe('shop')).toBe('pods app=x in namespaces a, b');
    expect(() => Pods.all().inNamespaces()).toThrow(/at least one namespace/);
  });

  test('every namespace, namespaces by labels, and labels that are names', () => {
    expect(Pods.labelled({ app: 'x' }).inAnyNamespace().placement('shop')).toEqual({ named: [], everywhere: [x], labelled: [] });
    expect(Pods.labelled({ app: 'x' }).inNamespacesLabelled({ team: 'a' }).placement('shop').labelled).toEqual([
      { selector: x, description: 'pods app=x in namespaces matching team=a' },
    ]);
    expect(Pods.labelled({ app: 'x' }).inNamespacesLabelled({ 'kubernetes.io/metadata.name': 'a' }).placement('shop').named).toEqual([{ namespace: 'a', selector: x }]);
    expect(Namespaces.named('b', 'a').placement().named.map((s) => s.namespace)).toEqual(['a', 'b']);
    expect(Namespaces.all().placement().everywhere).toEqual([LabelSelector.all()]);
    expect(Namespaces.labelled({ team: 'a' }).placement().labelled).toHaveLength(1);
    expect(placementOf(Cidr.of('10.0.0.0/8'), 'shop')).toBe(NO_PODS);
    expect(placementOf(Peer.anyone(), 'shop')).toBe(NO_PODS);
  });

  test('a peer of a library without placement: selectable decides, else namespaces netfence cannot name', () => {
    const custom: IPeer = { peerKind: 'pods', nameFragment: () => 'c', toPeerManifests: () => [], selectable: () => undefined, describe: () => 'custom pods' };
    expect(placementOf(custom, 'shop').labelled).toEqual([{ selector: LabelSelector.all(), description: 'custom pods' }]);
  });

  test('Peer.anyOf: one rule, a side wherever any of them lives; anyone absorbs the rest', () => {
    const both = Peer.anyOf(Pods.all(), Namespaces.named('monitoring'), Peer.anyOf(Cidr.of('192.0.2.0/24')));
    expect(both.toPeerManifests(inShop)).toEqual([
      { podSelector: {} },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      { ipBlock: { cidr: '192.0.2.0/24' } },
    ]);
    expect(placementOf(both, 'shop').named.map((s) => s.namespace)).toEqual(['shop', 'monitoring']);
    expect(both.nameFragment('shop')).toBe('all-pods-or-ns-monitoring-or-192.0.2.0/24');
    expect(both.peerKind).toBe('pods');
    expect(Peer.anyOf(Pods.all(), Peer.anyone())).toBe(Anyone.INSTANCE);
    const one = Pods.all();
    expect(Peer.anyOf(one)).toBe(one);
    expect(() => Peer.anyOf()).toThrow(/at least one peer/);
  });
});

describe('Cidr and Internet', () => {
  test('except goes to the block of the same family', () => {
    const c = Cidr.anyOf(Cidr.of('10.0.0.0/8'), Cidr.of('fd00::/8')).except('10.1.0.0/16', 'fd00:1::/32');
    expect(c.toPeerManifests()).toEqual([
      { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
      { ipBlock: { cidr: 'fd00::/8', except: ['fd00:1::/32'] } },
    ]);
  });

  test('the internet except private ranges covers both families and keeps the metadata endpoint out', () => {
    const peers = Internet.exceptPrivate().toPeerManifests();
    expect(peers.map((p) => p.ipBlock?.cidr)).toEqual(['0.0.0.0/0', '::/0']);
    expect(peers[0].ipBlock?.except).toContain('169.254.0.0/16');
    expect(peers[0].ipBlock?.except).toContain('10.0.0.0/8');
    expect(peers[1].ipBlock?.except).toContain('fc00::/7');
    // Loopback is out in both families, as the README says.
    expect(peers[0].ipBlock?.except).toContain('127.0.0.0/8');
    expect(peers[1].ipBlock?.except).toContain('::1/128');
    expect(Internet.all().nameFragment()).toBe('internet');
  });

  test('single addresses', () => {
    expect(Cidr.ipv4('192.0.2.1').toPeerManifests()).toEqual([{ ipBlock: { cidr: '192.0.2.1/32' } }]);
    expect(Cidr.ipv6('2001:db8::1').toPeerManifests()).toEqual([{ ipBlock: { cidr: '2001:db8::1/128' } }]);
  });

  test('anyone is a rule without peers, asked for by name', () => {
    expect(Peer.anyone()).toBe(Anyone.INSTANCE);
    expect(Anyone.INSTANCE.toPeerManifests()).toEqual([]);
  });
});

describe('Port', () => {
  test('always writes the protocol; every port of a protocol never writes port 0', () => {
    expect(Port.tcp(8080).toManifest()).toEqual({ protocol: 'TCP', port: 8080 });
    expect(Port.allUdp().toManifest()).toEqual({ protocol: 'UDP' });
    expect(Port.tcpRange(8000, 8100).toManifest()).toEqual({ protocol: 'TCP', port: 8000, endPort: 8100 });
    expect(Port.named('metrics').toManifest()).toEqual({ protocol: 'TCP', port: 'metrics' });
    expect(Port.DNS.map((p) => p.toManifest())).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
  });

  test('describe gives name fragments', () => {
    expect([Port.HTTPS, Port.sctpRange(1, 2), Port.named('grpc'), Port.allTcp()].map((p) => p.describe())).toEqual([
      'tcp-443',
      'sctp-1-2',
      'grpc',
      'all-tcp',
    ]);
  });
});
