/**
 * fast-check generators of ClusterNetworkPolicy objects for the differential test against the
 * CRD: mostly valid, with each field now and then replaced by a wrong value (wrong type, out of
 * range, unknown field, null, empty or over-long list, two one-of fields, a malformed CIDR or
 * domain name...). With about twenty fields a draw, roughly a third of the objects are valid,
 * a third have one fault and the rest several, so both verdicts are well exercised.
 */
import fc from 'fast-check';

const ABSENT = Symbol('absent');
type Field = unknown | typeof ABSENT;

/** An object whose fields are drawn independently; ABSENT leaves the field out. */
function obj(fields: Record<string, fc.Arbitrary<Field>>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(fields);
  return fc.tuple(...keys.map((k) => fields[k])).map((values) => {
    const out: Record<string, unknown> = {};
    values.forEach((v, i) => {
      if (v !== ABSENT) out[keys[i]] = v;
    });
    return out;
  });
}

/** Mostly `valid`, sometimes one of the faults (each weight 1 against 40). */
function mostly<T>(valid: fc.Arbitrary<T>, ...faults: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 40 }, ...faults.map((f) => ({ arbitrary: f, weight: 1 })));
}

/** Sometimes absent. */
function optional(arb: fc.Arbitrary<unknown>, presentWeight = 1): fc.Arbitrary<Field> {
  return fc.oneof({ arbitrary: arb, weight: presentWeight }, { arbitrary: fc.constant(ABSENT), weight: 1 });
}

const junk = fc.constantFrom<unknown>(5, 'x', true, [], null, 1.5);

const labelKey = fc.constantFrom('app', 'tier', 'kubernetes.io/metadata.name', 'conformance-house', 'Bad Key!', '');
const labelValue = mostly(fc.constantFrom('web', 'a', '', 'x'.repeat(64)), fc.constantFrom(5, true, null));

const requirement = obj({
  key: mostly(labelKey, fc.constant(ABSENT), fc.constant(5)),
  operator: mostly(fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Equals', ''), fc.constant(ABSENT), fc.constant(null)),
  values: optional(mostly(fc.array(fc.constantFrom('a', 'b', ''), { maxLength: 2 }), fc.constant([5]), fc.constant('a'), fc.constant(null))),
  extra: fc.oneof({ arbitrary: fc.constant(ABSENT), weight: 20 }, { arbitrary: fc.constant(1), weight: 1 }),
});

const selector = mostly(
  obj({
    matchLabels: optional(mostly(fc.dictionary(labelKey, labelValue, { maxKeys: 2 }), junk)),
    matchExpressions: optional(mostly(fc.array(requirement, { maxLength: 2 }), junk, fc.constant([null]))),
    matchLabel: fc.oneof({ arbitrary: fc.constant(ABSENT), weight: 30 }, { arbitrary: fc.constant({}), weight: 1 }),
  }),
  junk,
);

const namespacedPod = obj({
  namespaceSelector: optional(selector),
  podSelector: mostly(selector, fc.constant(ABSENT)),
});

const portNumber = mostly(fc.integer({ min: 1, max: 65535 }), fc.constantFrom<unknown>(0, 65536, -1, 2 ** 31, 1.5, '80', null));

const range = fc.tuple(fc.integer({ min: 1, max: 65534 }), fc.nat(999), fc.nat(9)).chain(([lo, d, pick]) => {
  const hi = Math.min(65535, lo + 1 + d);
  // Mostly start < end; now and then equal or reversed, which the CEL rule rejects.
  const [start, end] = pick === 0 ? [hi, lo] : pick === 1 ? [lo, lo] : [lo, hi];
  return obj({ start: mostly(fc.constant(start), portNumber, fc.constant(ABSENT)), end: mostly(fc.constant(end), portNumber, fc.constant(ABSENT)) });
});

const destinationPort = mostly(
  fc.oneof(obj({ number: portNumber }), obj({ range })),
  fc.constant({}),
  obj({ number: portNumber, range }),
  fc.constant({ number: 80, port: 1 }),
  junk,
);

const namedPort = mostly(fc.constantFrom('web', 'dns', 'metrics', ''), fc.constant(5));

const protocol = mostly(
  fc.oneof(
    obj({ tcp: obj({ destinationPort }) }),
    obj({ udp: obj({ destinationPort }) }),
    obj({ sctp: obj({ destinationPort }) }),
    obj({ destinationNamedPort: namedPort }),
  ),
  fc.constant({}),
  fc.constant({ tcp: {} }),
  obj({ tcp: obj({ destinationPort }), udp: obj({ destinationPort }) }),
  fc.constant({ icmp: {} }),
  fc.constant({ tcp: null }),
  junk,
);

const VALID_PROTOCOL = { tcp: { destinationPort: { number: 80 } } };

const protocols = mostly(
  fc.array(protocol, { minLength: 1, maxLength: 3 }),
  fc.constant([]),
  fc.constant(Array.from({ length: 26 }, () => VALID_PROTOCOL)),
  fc.constant(Array.from({ length: 25 }, () => VALID_PROTOCOL)),
  fc.constant([null]),
);

const CIDRS = [
  '10.0.0.0/8',
  '0.0.0.0/0',
  '::/0',
  'fd00::/8',
  '10.0.0.1/8',
  '192.168.1.1/32',
  '2001:db8::1/128',
  '169.254.169.254/32',
  'fd00:ec2::254/128',
  '::1.2.3.4/128',
  '1:2:3:4:5:6:7::/128',
  '::1:2:3:4:5:6:7/128',
  '1234:5678:9abc:def0:1234:5678:9abc:def0/128',
];
const BAD_CIDRS = [
  '010.0.0.0/8',
  '10.0.0.0/08',
  '::ffff:10.0.0.0/104',
  '::ffff:1.2.3.4/128',
  '10.0.0.0/33',
  '::/129',
  '1.2.3.4',
  '',
  'fe80::1%eth0/64',
  '1234:5678:9abc:def0:1234:5678:9abc:def0:1/128',
  '01234:5678:9abc:def0:1234:5678:9abc:def0/128',
  'a/8',
  '10.0.0.0/+8',
  '10.0.0.0/-1',
  ' 10.0.0.0/8',
  '1::2::3/64',
];
const cidr = mostly(fc.constantFrom(...CIDRS), fc.constantFrom(...BAD_CIDRS), fc.constant(5));
const networks = mostly(
  fc.array(cidr, { minLength: 1, maxLength: 3 }),
  fc.constant([]),
  fc.constant(Array.from({ length: 26 }, (_, i) => `10.0.${i}.0/24`)),
  fc.constant(Array.from({ length: 25 }, (_, i) => `10.0.${i}.0/24`)),
);

const DOMAINS = ['example.com', '*.example.com', 'a.b.c', 'example.com.', 'a_b.example.com', '[a.example.com', 'x1.y2'];
const BAD_DOMAINS = ['localhost', '*.com.*', '*example.com', '-a.example.com', 'a..b', '', 'a.b-', 'ex ample.com', '**.example.com'];
const domainNames = mostly(
  fc.array(mostly(fc.constantFrom(...DOMAINS), fc.constantFrom(...BAD_DOMAINS), fc.constant(5)), { minLength: 1, maxLength: 3 }),
  fc.constant([]),
  fc.constant(Array.from({ length: 26 }, (_, i) => `d${i}.example.com`)),
);

const ingressPeer = mostly(
  fc.oneof(obj({ namespaces: selector }), obj({ pods: mostly(namespacedPod, junk) })),
  fc.constant({}),
  obj({ namespaces: selector, pods: namespacedPod }),
  obj({ networks }),
  fc.constant({ foo: 1 }),
  fc.constant({ namespaces: null }),
  junk,
);

const egressPeer = mostly(
  fc.oneof(
    obj({ namespaces: selector }),
    obj({ pods: mostly(namespacedPod, junk) }),
    obj({ networks }),
    obj({ networks }),
    obj({ nodes: selector }),
    obj({ domainNames }),
  ),
  fc.constant({}),
  obj({ namespaces: selector, networks }),
  fc.constant({ ipBlock: { cidr: '10.0.0.0/8' } }),
  fc.constant({ networks: null, nodes: {} }),
  junk,
);

function peers(peer: fc.Arbitrary<unknown>, many: unknown): fc.Arbitrary<unknown> {
  return mostly(fc.array(peer, { minLength: 1, maxLength: 3 }), fc.constant([]), fc.constant(Array.from({ length: 26 }, () => many)), fc.constant(ABSENT), fc.constant(null));
}

const ruleName = optional(mostly(fc.constantFrom('allow-web', 'x'.repeat(100), '', 'Any Text At All'), fc.constant('x'.repeat(101)), fc.constant(7)));
const action = mostly(fc.constantFrom('Accept', 'Deny', 'Pass'), fc.constantFrom<unknown>('accept', 'Allow', '', 5, ABSENT, null));
const unknownField = fc.oneof({ arbitrary: fc.constant(ABSENT), weight: 25 }, { arbitrary: fc.constant('x'), weight: 1 });

const ingressRule = mostly(obj({ name: ruleName, action, from: peers(ingressPeer, { namespaces: {} }), protocols: optional(protocols), ports: unknownField }), junk);
const egressRule = mostly(obj({ name: ruleName, action, to: peers(egressPeer, { namespaces: {} }), protocols: optional(protocols), ports: unknownField }), junk);

const MINIMAL_RULE = { action: 'Deny', from: [{ namespaces: {} }] };

function rules(rule: fc.Arbitrary<unknown>): fc.Arbitrary<Field> {
  return optional(mostly(fc.array(rule, { maxLength: 3 }), fc.constant(Array.from({ length: 26 }, () => MINIMAL_RULE)), fc.constant(null), junk), 3);
}

const subject = mostly(
  fc.oneof(obj({ namespaces: selector }), obj({ pods: mostly(namespacedPod, junk) })),
  fc.constant({}),
  obj({ namespaces: selector, pods: namespacedPod }),
  fc.constant({ namespaces: {}, pods: null }),
  junk,
);

const spec = mostly(
  obj({
    tier: mostly(fc.constantFrom('Admin', 'Baseline'), fc.constantFrom<unknown>('admin', 'NetworkPolicy', '', 3, ABSENT)),
    priority: mostly(fc.integer({ min: 0, max: 1000 }), fc.constantFrom<unknown>(-1, 1001, 2 ** 31, 1.5, '5', ABSENT, null)),
    subject: mostly(subject, fc.constant(ABSENT)),
    ingress: rules(ingressRule),
    egress: rules(egressRule),
    podSelector: unknownField,
  }),
  junk,
);

const NAMES = ['deny-all', 'a', 'tenant.isolation', 'default'];
const BAD_NAMES = ['Deny-All', 'a_b', '-a', 'x'.repeat(254), ''];

/** A ClusterNetworkPolicy (v1alpha2) object, mostly valid, for either CRD channel. */
export const clusterNetworkPolicyObject: fc.Arbitrary<Record<string, unknown>> = obj({
  apiVersion: mostly(fc.constant('policy.networking.k8s.io/v1alpha2'), fc.constantFrom('policy.networking.k8s.io/v1alpha1', 'networking.k8s.io/v1')),
  kind: mostly(fc.constant('ClusterNetworkPolicy'), fc.constantFrom('AdminNetworkPolicy', 'NetworkPolicy')),
  metadata: mostly(obj({ name: mostly(fc.constantFrom(...NAMES), fc.constantFrom(...BAD_NAMES)) }), fc.constant(ABSENT)),
  spec: mostly(spec, fc.constant(ABSENT)),
  extra: unknownField,
});
