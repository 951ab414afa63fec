/**
 * netfence's own cases in the upstream model's style (namespaces x, y, z; pods labelled pod=<name>;
 * container ports serve-<port>-<proto>): IPv6 ipBlock, endPort ranges, matchExpressions, and the
 * API defaults the upstream suite does not exercise.
 */
import {
  ConformanceCase,
  create,
  egressRules,
  expectAllEgress,
  expectAllIngress,
  expectPair,
  expectPeer,
  genPolicy,
  genPolicyMatchLabels,
  ingressRules,
  makeLargeCIDRForIP,
  podIpv6,
  validate,
} from './model';

const OWN = 'netfence own cases';

/** The cases. */
export const OWN_CASES: readonly ConformanceCase[] = [
  {
    name: 'IPv6: should allow egress access to server in an IPv6 CIDR block',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'y/a', 'y/b'],
    dualStack: true,
    steps: [
      create('x', genPolicyMatchLabels('allow-client-a-via-cidr-egress-rule', { pod: 'a' }, egressRules({ to: [{ ipBlock: { cidr: `${podIpv6('y/b')}/128` } }] }))),
      validate(80, 'TCP', expectAllEgress('x/a', false), expectPair('x/a', 'y/b', true)),
    ],
  },
  {
    name: 'IPv6: should enforce except clause while egress access to server in an IPv6 CIDR block',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    dualStack: true,
    steps: [
      create(
        'x',
        genPolicyMatchLabels(
          'allow-client-a-via-cidr-egress-rule',
          { pod: 'a' },
          egressRules({ to: [{ ipBlock: { cidr: makeLargeCIDRForIP(podIpv6('x/b')), except: [`${podIpv6('x/b')}/128`] } }] }),
        ),
      ),
      // x/b has an IPv4 address too, but no IPv4 block admits it: only x/b is cut off.
      validate(80, 'TCP', expectPair('x/a', 'x/b', false)),
    ],
  },
  {
    name: 'IPv6: should allow ingress only from an IPv6 range covering one namespace',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    dualStack: true,
    steps: [
      create('x', genPolicyMatchLabels('allow-from-y-range', { pod: 'a' }, ingressRules({ from: [{ ipBlock: { cidr: 'fd00::2:0/112' } }] }))),
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPeer({ namespace: 'y' }, { namespace: 'x', pod: 'a' }, true)),
    ],
  },
  {
    name: 'IPv6: ::/0 matches no pod that has only an IPv4 address',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create('x', genPolicyMatchLabels('v6-only', { pod: 'a' }, ingressRules({ from: [{ ipBlock: { cidr: '::/0' } }] }))),
      validate(80, 'TCP', expectAllIngress('x/a', false)),
    ],
  },
  {
    name: 'endPort: should allow ingress on a port range that includes both probed ports',
    context: OWN,
    protocols: ['TCP'],
    ports: [80, 81],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create('x', genPolicy('deny-all', {}, ingressRules())),
      create('x', genPolicyMatchLabels('allow-80-81', { pod: 'a' }, ingressRules({ ports: [{ port: 80, endPort: 81 }] }))),
      validate(80, 'TCP', expectAllIngress('x/b', false)),
      validate(81, 'TCP', expectAllIngress('x/b', false)),
    ],
  },
  {
    name: 'endPort: should deny ports just outside the range',
    context: OWN,
    protocols: ['TCP'],
    ports: [80, 81],
    pods: ['x/a', 'y/a'],
    steps: [
      create('x', genPolicyMatchLabels('allow-79-80', { pod: 'a' }, ingressRules({ ports: [{ port: 79, endPort: 80 }] }))),
      validate(80, 'TCP'),
      validate(81, 'TCP', expectAllIngress('x/a', false)),
    ],
  },
  {
    name: 'endPort: should limit an egress range to its protocol',
    context: OWN,
    protocols: ['TCP', 'UDP'],
    ports: [80, 81],
    pods: ['x/a', 'y/a', 'y/b'],
    steps: [
      create('x', genPolicyMatchLabels('udp-81-90', { pod: 'a' }, egressRules({ ports: [{ protocol: 'UDP', port: 81, endPort: 90 }] }))),
      validate(81, 'UDP'),
      validate(80, 'UDP', expectAllEgress('x/a', false)),
      validate(81, 'TCP', expectAllEgress('x/a', false)),
    ],
  },
  {
    name: 'matchExpressions: NotIn on pods keeps the peer in the policy namespace',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'x/c', 'y/a', 'y/c'],
    steps: [
      create('x', genPolicyMatchLabels('not-b', { pod: 'a' }, ingressRules({ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'NotIn', values: ['b'] }] } }] }))),
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPair('x/c', 'x/a', true)),
    ],
  },
  {
    name: 'matchExpressions: DoesNotExist on a namespace label admits namespaces without it',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      { op: 'AddNamespaceLabel', namespace: 'z', key: 'team', value: 'blue' },
      create('x', genPolicyMatchLabels('no-team', { pod: 'a' }, ingressRules({ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] } }] }))),
      validate(80, 'TCP', expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)),
    ],
  },
  {
    name: 'matchExpressions: Exists on pods with namespaceSelector {} admits every pod of every namespace',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'z/b'],
    steps: [
      create('x', genPolicy('deny-all', {}, ingressRules())),
      create('x', genPolicyMatchLabels('any-labelled', { pod: 'a' }, ingressRules({ from: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'pod', operator: 'Exists' }] } }] }))),
      validate(80, 'TCP', expectAllIngress('x/b', false)),
    ],
  },
  {
    name: 'matchExpressions: In and NotIn in one selector are ANDed',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'x/c', 'y/b'],
    steps: [
      create(
        'x',
        genPolicyMatchLabels(
          'b-or-c-but-not-c',
          { pod: 'a' },
          ingressRules({
            from: [
              {
                namespaceSelector: {},
                podSelector: {
                  matchExpressions: [
                    { key: 'pod', operator: 'In', values: ['b', 'c'] },
                    { key: 'pod', operator: 'NotIn', values: ['c'] },
                  ],
                },
              },
            ],
          }),
        ),
      ),
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPeer({ pod: 'b' }, { namespace: 'x', pod: 'a' }, true)),
    ],
  },
  {
    name: 'defaults: `egress: []` without policyTypes isolates ingress only',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create('x', { name: 'empty-egress', spec: { podSelector: {}, egress: [] } }),
      validate(80, 'TCP', expectPeer({}, { namespace: 'x' }, false)),
    ],
  },
  {
    name: 'defaults: `egress: [{}]` without policyTypes isolates both directions and allows all egress',
    context: OWN,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create('x', { name: 'egress-allow-all', spec: { podSelector: {}, egress: [{}] } }),
      validate(80, 'TCP', expectPeer({}, { namespace: 'x' }, false)),
    ],
  },
  {
    name: 'named ports: a named port with the wrong protocol matches nothing',
    context: OWN,
    protocols: ['TCP', 'UDP'],
    ports: [80],
    pods: ['x/a', 'y/a'],
    steps: [
      create('x', genPolicyMatchLabels('udp-name-as-tcp', { pod: 'a' }, egressRules({ ports: [{ port: 'serve-80-udp' }] }))),
      validate(80, 'UDP', expectAllEgress('x/a', false)),
      validate(80, 'TCP', expectAllEgress('x/a', false)),
      create('x', genPolicyMatchLabels('udp-name-as-udp', { pod: 'a' }, egressRules({ ports: [{ port: 'serve-80-udp', protocol: 'UDP' }] }))),
      validate(80, 'UDP'),
      validate(80, 'TCP', expectAllEgress('x/a', false)),
    ],
  },
];
