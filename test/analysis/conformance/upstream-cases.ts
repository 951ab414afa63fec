/**
 * Every test of the upstream e2e network policy suite, translated to data.
 *
 * Source: kubernetes/kubernetes test/e2e/network/netpol/network_policy.go at commit
 * 008b3652959ca58af8be3fb5b6ecfe9ae7638282 (the version with per-test pod topologies), with the
 * policy helpers of policies.go (GenNetworkPolicyWithNameAndPodSelector, SetSpecIngressRules,
 * SetSpecEgressRules) and the Reachability helpers of reachability.go, mirrored in model.ts.
 * Names are the It() descriptions verbatim; the order is the file's order. Namespaces are named
 * x, y, z instead of the generated `<base>-x`, which changes no selector's outcome because every
 * selector the tests use is written against those names.
 *
 * Tests that mutate the cluster (update a policy, relabel a namespace or a pod, delete policies)
 * are modelled as a sequence of states: the engine is static, so each ValidateOrFail evaluates
 * the inventory as it stands after the preceding steps. The CIDR tests read the server pod's
 * status.podIP; the model gives every pod a fixed IP (model.ts podIp) and builds the same CIDRs.
 *
 * Before per-test topologies, the same file ran every test on all nine pods (x, y, z times a, b, c)
 * with the same Reachability calls, except for two tests whose extra calls for pods the topology
 * now leaves out are kept as `fullModelExtra`; run-case.ts can replay every case on that full
 * model (ports 80 and 81 on TCP, UDP and SCTP), giving each test its 81-pair truth table.
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
  NS_LABEL,
  podIp,
  policyTypes,
  update,
  validate,
  withFullModelExtra,
} from './model';

const TCP_CONTEXT = 'Netpol NetworkPolicy between server and client';
const UDP_CONTEXT = 'Netpol [LinuxOnly] NetworkPolicy between server and client using UDP';
const SCTP_CONTEXT = 'Netpol [Feature:SCTPConnectivity] [LinuxOnly] NetworkPolicy between server and client using SCTP';

const nsX = 'x';
const nsY = 'y';
const nsZ = 'z';

/** The cases, in file order. */
export const UPSTREAM_CASES: readonly ConformanceCase[] = [
  {
    name: "should support a 'default-deny-ingress' policy",
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'y/b'],
    steps: [
      create(nsX, genPolicy('deny-ingress', {}, ingressRules())),
      validate(80, 'TCP', expectPeer({}, { namespace: nsX }, false)),
    ],
  },
  {
    name: "should support a 'default-deny-all' policy",
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create(nsX, genPolicy('deny-all', {}, ingressRules(), egressRules())),
      validate(80, 'TCP', expectPeer({}, { namespace: nsX }, false), expectPeer({ namespace: nsX }, {}, false)),
    ],
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('x-a-allows-x-b', { pod: 'a' }, ingressRules({ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }))),
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPair('x/b', 'x/a', true)),
    ],
  },
  {
    name: 'should enforce policy to allow ingress traffic for a target',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create(nsX, genPolicy('deny-all', {}, ingressRules())),
      create(nsX, genPolicyMatchLabels('allow-all-to-a', { pod: 'a' }, ingressRules({ from: [{ podSelector: {}, namespaceSelector: {} }] }))),
      // The nine-pod version also has ExpectAllIngress(x/c, false).
      withFullModelExtra(validate(80, 'TCP', expectAllIngress('x/a', true), expectAllIngress('x/b', false)), expectAllIngress('x/c', false)),
    ],
  },
  {
    name: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-from-another-ns', { pod: 'a' }, ingressRules({ from: [{ namespaceSelector: { matchLabels: {} } }] }))),
      validate(80, 'TCP'),
    ],
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-client-a-via-ns-selector', { pod: 'a' }, ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } } }] }))),
      validate(80, 'TCP', expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false), expectPeer({ namespace: nsZ }, { namespace: nsX, pod: 'a' }, false)),
    ],
  },
  {
    name: 'should enforce policy based on PodSelector with MatchExpressions',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels('x-a-allows-x-b', { pod: 'a' }, ingressRules({ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] })),
      ),
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPair('x/b', 'x/a', true)),
    ],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ns-y-match-selector',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchExpressions: [{ key: NS_LABEL, operator: 'In', values: [nsY] }] } }] }),
        ),
      ),
      validate(80, 'TCP', expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false), expectPeer({ namespace: nsZ }, { namespace: nsX, pod: 'a' }, false)),
    ],
  },
  {
    name: 'should enforce policy based on PodSelector or NamespaceSelector',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ns-y-match-selector',
          { pod: 'a' },
          ingressRules({
            from: [
              { namespaceSelector: { matchExpressions: [{ key: NS_LABEL, operator: 'NotIn', values: [nsX] }] } },
              { podSelector: { matchLabels: { pod: 'b' } } },
            ],
          }),
        ),
      ),
      validate(80, 'TCP', expectPair('x/a', 'x/a', false), expectPair('x/c', 'x/a', false)),
    ],
  },
  {
    name: 'should enforce policy based on PodSelector and NamespaceSelector',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/b'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ns-y-podselector-and-nsselector',
          { pod: 'a' },
          ingressRules({
            from: [
              {
                namespaceSelector: { matchExpressions: [{ key: NS_LABEL, operator: 'NotIn', values: [nsX] }] },
                podSelector: { matchLabels: { pod: 'b' } },
              },
            ],
          }),
        ),
      ),
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPair('y/b', 'x/a', true), expectPair('z/b', 'x/a', true)),
    ],
  },
  {
    name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'y/c'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ns-y-z-pod-b-c',
          { pod: 'a' },
          ingressRules({
            from: [
              {
                namespaceSelector: { matchExpressions: [{ key: NS_LABEL, operator: 'NotIn', values: [nsX] }] },
                podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] },
              },
            ],
          }),
        ),
      ),
      // The nine-pod version also has Expect(z/a, x/a, false).
      withFullModelExtra(validate(80, 'TCP', expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false), expectPair('y/a', 'x/a', false)), expectPair('z/a', 'x/a', false)),
    ],
  },
  {
    name: 'should enforce policy based on any PodSelectors',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'x/c'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels('allow-ns-x-pod-b-c', { pod: 'a' }, ingressRules({ from: [{ podSelector: { matchLabels: { pod: 'b' } } }, { podSelector: { matchLabels: { pod: 'c' } } }] })),
      ),
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPair('x/b', 'x/a', true), expectPair('x/c', 'x/a', true)),
    ],
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ns-y-pod-a-via-namespace-pod-selector',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } }, podSelector: { matchLabels: { pod: 'a' } } }] }),
        ),
      ),
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPair('y/a', 'x/a', true)),
    ],
  },
  {
    name: 'should enforce policy based on Ports',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [81],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-client-a-via-ns-selector',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } } }], ports: [{ port: 81, protocol: 'TCP' }] }),
        ),
      ),
      validate(
        81,
        'TCP',
        expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false),
        expectPeer({ namespace: nsY }, { namespace: nsX, pod: 'a' }, true),
        expectPeer({ namespace: nsZ }, { namespace: nsX, pod: 'a' }, false),
      ),
    ],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80, 81],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-client-a-via-ns-selector',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } } }], ports: [{ port: 81, protocol: 'TCP' }] }),
        ),
      ),
      validate(
        81,
        'TCP',
        expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false),
        expectPeer({ namespace: nsY }, { namespace: nsX, pod: 'a' }, true),
        expectPeer({ namespace: nsZ }, { namespace: nsX, pod: 'a' }, false),
      ),
      validate(80, 'TCP', expectAllIngress('x/a', false)),
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-client-a-via-ns-selector-80',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } } }], ports: [{ port: 80, protocol: 'TCP' }] }),
        ),
      ),
      validate(
        80,
        'TCP',
        expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false),
        expectPeer({ namespace: nsY }, { namespace: nsX, pod: 'a' }, true),
        expectPeer({ namespace: nsZ }, { namespace: nsX, pod: 'a' }, false),
      ),
    ],
  },
  {
    name: 'should support allow-all policy',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80, 81],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [create(nsX, genPolicyMatchLabels('allow-all', {}, ingressRules({}))), validate(80, 'TCP'), validate(81, 'TCP')],
  },
  {
    name: 'should allow ingress access on one named port',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80, 81],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-all', {}, ingressRules({ ports: [{ port: 'serve-81-tcp' }] }))),
      validate(81, 'TCP'),
      validate(80, 'TCP', expectPeer({}, { namespace: nsX }, false)),
    ],
  },
  {
    name: 'should allow ingress access from namespace on one named port',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80, 81],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-client-a-via-ns-selector-80',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } } }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }),
        ),
      ),
      validate(80, 'TCP', expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false), expectPeer({ namespace: nsZ }, { namespace: nsX, pod: 'a' }, false)),
      validate(81, 'TCP', expectAllIngress('x/a', false)),
    ],
  },
  {
    name: 'should allow egress access on one named port',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80, 81],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-egress', {}, egressRules({ ports: [{ port: 'serve-80-tcp' }] }))),
      validate(80, 'TCP'),
      validate(81, 'TCP', expectPeer({ namespace: nsX }, {}, false)),
    ],
  },
  {
    name: 'should enforce updated policy',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [81],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-all-mutate-to-deny-all', {}, ingressRules({}))),
      validate(81, 'TCP'),
      // policy.Spec.Ingress = []networkingv1.NetworkPolicyIngressRule{}; policyTypes stay [Ingress].
      update(nsX, { name: 'allow-all-mutate-to-deny-all', spec: { podSelector: { matchLabels: {} }, policyTypes: ['Ingress'], ingress: [] } }),
      validate(81, 'TCP', expectPeer({}, { namespace: nsX }, false)),
    ],
  },
  {
    name: 'should allow ingress access from updated namespace',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-client-a-via-ns-selector', { pod: 'a' }, ingressRules({ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }))),
      validate(80, 'TCP', expectAllIngress('x/a', false)),
      { op: 'AddNamespaceLabel', namespace: nsY, key: 'ns2', value: 'updated' },
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPeer({ namespace: nsY }, {}, true)),
    ],
  },
  {
    name: 'should allow ingress access from updated pod',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-client-a-via-pod-selector', { pod: 'a' }, ingressRules({ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }))),
      validate(80, 'TCP', expectAllIngress('x/a', false)),
      { op: 'AddPodLabels', pod: 'x/b', labels: { pod: 'b', pod2: 'updated' } },
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPair('x/b', 'x/a', true)),
    ],
  },
  {
    name: 'should deny ingress from pods on other namespaces',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      create(nsX, genPolicy('deny-empty-policy', {}, ingressRules({ from: [{ podSelector: { matchLabels: {} } }] }))),
      validate(80, 'TCP', expectPeer({ namespace: nsY }, { namespace: nsX }, false), expectPeer({ namespace: nsZ }, { namespace: nsX }, false)),
    ],
  },
  {
    name: 'should deny ingress access to updated pod',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicy('deny-ingress-via-label-selector', { matchLabels: { target: 'isolated' } }, ingressRules())),
      validate(80, 'TCP'),
      { op: 'AddPodLabels', pod: 'x/a', labels: { target: 'isolated' } },
      validate(80, 'TCP', expectAllIngress('x/a', false)),
    ],
  },
  {
    name: 'should deny egress from pods based on PodSelector',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [create(nsX, genPolicy('deny-egress-pod-a', { matchLabels: { pod: 'a' } }, egressRules())), validate(80, 'TCP', expectAllEgress('x/a', false))],
  },
  {
    name: 'should deny egress from all pods in a namespace',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [create(nsX, genPolicy('deny-egress-ns-x', {}, egressRules())), validate(80, 'TCP', expectPeer({ namespace: nsX }, {}, false))],
  },
  {
    name: 'should work with Ingress, Egress specified together',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80, 81],
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-client-a-via-pod-selector',
          { pod: 'a' },
          ingressRules({ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }),
          // policy.Spec.Egress = [{Ports: [{Port: 80}]}]; policy.Spec.PolicyTypes = [Egress, Ingress]
          (spec) => {
            spec.egress = [{ ports: [{ port: 80 }] }];
          },
          policyTypes('Egress', 'Ingress'),
        ),
      ),
      validate(80, 'TCP', expectAllIngress('x/a', false), expectPair('x/b', 'x/a', true)),
      validate(81, 'TCP', expectAllIngress('x/a', false), expectAllEgress('x/a', false), expectPair('x/b', 'x/a', true)),
    ],
  },
  {
    name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'y/a', 'y/b'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels('allow-to-ns-y-pod-a', { pod: 'a' }, egressRules({ to: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } }, podSelector: { matchLabels: { pod: 'a' } } }] })),
      ),
      create(
        nsY,
        genPolicyMatchLabels(
          'allow-from-xa-on-ya-match-selector',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsX } }, podSelector: { matchLabels: { pod: 'a' } } }] }),
        ),
      ),
      create(
        nsY,
        genPolicyMatchLabels(
          'allow-from-xa-on-yb-match-selector',
          { pod: 'b' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsX } }, podSelector: { matchLabels: { pod: 'a' } } }] }),
        ),
      ),
      validate(
        80,
        'TCP',
        expectPeer({ namespace: nsX, pod: 'a' }, {}, false),
        expectPeer({}, { namespace: nsY, pod: 'a' }, false),
        expectPeer({ namespace: nsX, pod: 'a' }, { namespace: nsY, pod: 'a' }, true),
        expectPeer({}, { namespace: nsY, pod: 'b' }, false),
      ),
    ],
  },
  {
    name: 'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'y/a', 'y/b'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels('allow-to-ns-y-pod-a', { pod: 'a' }, egressRules({ to: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } }, podSelector: { matchLabels: { pod: 'a' } } }] })),
      ),
      validate(80, 'TCP', expectAllEgress('x/a', false), expectPair('x/a', 'y/a', true)),
    ],
  },
  {
    name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    context: TCP_CONTEXT,
    protocols: ['TCP', 'UDP'],
    ports: [80],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-ingress-by-proto', { pod: 'a' }, ingressRules({ ports: [{ protocol: 'TCP' }] }))),
      validate(80, 'TCP'),
      validate(80, 'UDP', expectPeer({}, { namespace: nsX, pod: 'a' }, false)),
    ],
  },
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [81],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-ingress-port-80', {}, ingressRules({ ports: [{ port: 80 }] }))),
      validate(81, 'TCP', expectPeer({}, { namespace: nsX }, false)),
      create(nsX, genPolicyMatchLabels('allow-ingress', {}, ingressRules({}))),
      validate(81, 'TCP'),
    ],
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [81],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-egress-port-80', {}, egressRules({ ports: [{ port: 80 }] }))),
      validate(81, 'TCP', expectPeer({ namespace: nsX }, {}, false)),
      create(nsX, genPolicyMatchLabels('allow-egress', {}, egressRules({}))),
      validate(81, 'TCP'),
    ],
  },
  {
    name: 'should stop enforcing policies after they are deleted',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicy('deny-all', {}, ingressRules(), egressRules())),
      validate(80, 'TCP', expectPeer({ namespace: nsX }, {}, false), expectPeer({}, { namespace: nsX }, false)),
      { op: 'CleanNetworkPolicies' },
      validate(80, 'TCP'),
    ],
  },
  {
    name: 'should allow egress access to server in CIDR block',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'y/a', 'y/b'],
    note: 'The CIDR is y/b\'s status.podIP/32; the model gives y/b a fixed IP (podIp).',
    steps: [
      create(nsX, genPolicyMatchLabels('allow-client-a-via-cidr-egress-rule', { pod: 'a' }, egressRules({ to: [{ ipBlock: { cidr: `${podIp('y/b')}/32` } }] }))),
      validate(80, 'TCP', expectAllEgress('x/a', false), expectPair('x/a', 'y/b', true)),
    ],
  },
  {
    name: 'should enforce except clause while egress access to server in CIDR block',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'x/c'],
    note: 'The CIDR is makeLargeCIDRForIP(x/b IP) (the enclosing /4) except x/b\'s IP/32.',
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-client-a-via-cidr-egress-rule',
          { pod: 'a' },
          egressRules({ to: [{ ipBlock: { cidr: makeLargeCIDRForIP(podIp('x/b')), except: [`${podIp('x/b')}/32`] } }] }),
        ),
      ),
      validate(80, 'TCP', expectPair('x/a', 'x/b', false)),
    ],
  },
  {
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'x/c'],
    note: 'The second policy has the same name and is applied with UpdatePolicy, so it replaces the first.',
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-client-a-via-cidr-egress-rule',
          { pod: 'a' },
          egressRules({ to: [{ ipBlock: { cidr: makeLargeCIDRForIP(podIp('x/b')), except: [`${podIp('x/b')}/32`] } }] }),
        ),
      ),
      validate(80, 'TCP', expectPair('x/a', 'x/b', false)),
      update(nsX, genPolicyMatchLabels('allow-client-a-via-cidr-egress-rule', { pod: 'a' }, egressRules({ to: [{ ipBlock: { cidr: `${podIp('x/b')}/32` } }] }))),
      validate(80, 'TCP', expectAllEgress('x/a', false), expectPair('x/a', 'x/b', true)),
    ],
  },
  {
    name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create(nsX, genPolicy('allow-egress-for-target', { matchLabels: { pod: 'a' } }, egressRules({}))),
      validate(80, 'TCP'),
      create(nsX, genPolicy('deny-ingress-via-label-selector', { matchLabels: { pod: 'a' } }, ingressRules())),
      validate(80, 'TCP', expectAllIngress('x/a', false)),
    ],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP",
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [81],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicy('deny-ingress', {}, ingressRules())),
      create(nsX, genPolicyMatchLabels('allow-only-sctp-ingress-on-port-81', { pod: 'a' }, ingressRules({ ports: [{ port: 81, protocol: 'SCTP' }] }))),
      validate(81, 'TCP', expectPeer({}, { namespace: nsX }, false)),
    ],
  },
  {
    name: "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP",
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [81],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-only-sctp-ingress-on-port-80', { pod: 'a' }, ingressRules({ ports: [{ port: 80, protocol: 'SCTP' }] }))),
      validate(81, 'TCP', expectAllIngress('x/a', false)),
    ],
  },
  {
    name: 'should not allow access by TCP when a policy specifies only UDP',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [81],
    pods: ['x/a', 'y/a'],
    steps: [
      create(nsX, genPolicyMatchLabels('allow-only-udp-ingress-on-port-81', { pod: 'a' }, ingressRules({ ports: [{ port: 81, protocol: 'UDP' }] }))),
      validate(81, 'TCP', expectAllIngress('x/a', false)),
    ],
  },
  {
    name: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels('allow-client-a-via-ns-selector-for-immutable-ns-label', { pod: 'a' }, ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } } }] })),
      ),
      validate(80, 'TCP', expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false), expectPeer({ namespace: nsZ }, { namespace: nsX, pod: 'a' }, false)),
    ],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label',
    context: TCP_CONTEXT,
    protocols: ['TCP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ns-y-match-selector-for-immutable-ns-label',
          { pod: 'a' },
          egressRules({ to: [{ namespaceSelector: { matchExpressions: [{ key: NS_LABEL, operator: 'NotIn', values: [nsY] }] } }] }),
        ),
      ),
      validate(80, 'TCP', expectPeer({ namespace: nsX, pod: 'a' }, { namespace: nsY }, false)),
    ],
  },
  // ---- UDP ----
  {
    name: "should support a 'default-deny-ingress' policy",
    context: UDP_CONTEXT,
    protocols: ['UDP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'y/b'],
    steps: [create(nsX, genPolicy('deny-all', {}, ingressRules())), validate(80, 'UDP', expectPeer({}, { namespace: nsX }, false))],
  },
  {
    name: 'should enforce policy based on Ports',
    context: UDP_CONTEXT,
    protocols: ['UDP'],
    ports: [81],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ingress-on-port-81-ns-x',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } } }], ports: [{ port: 81, protocol: 'UDP' }] }),
        ),
      ),
      validate(81, 'UDP', expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false), expectPeer({ namespace: nsZ }, { namespace: nsX, pod: 'a' }, false)),
    ],
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    context: UDP_CONTEXT,
    protocols: ['UDP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ns-y-pod-a-via-namespace-pod-selector',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } }, podSelector: { matchLabels: { pod: 'a' } } }] }),
        ),
      ),
      validate(80, 'UDP', expectAllIngress('x/a', false), expectPair('y/a', 'x/a', true)),
    ],
  },
  // ---- SCTP ----
  {
    name: "should support a 'default-deny-ingress' policy",
    context: SCTP_CONTEXT,
    protocols: ['SCTP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a', 'y/b'],
    steps: [create(nsX, genPolicy('deny-all', {}, ingressRules())), validate(80, 'SCTP', expectPeer({}, { namespace: nsX }, false))],
  },
  {
    name: 'should enforce policy based on Ports',
    context: SCTP_CONTEXT,
    protocols: ['SCTP'],
    ports: [81],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ingress-on-port-81-ns-x',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } } }], ports: [{ port: 81, protocol: 'SCTP' }] }),
        ),
      ),
      validate(81, 'SCTP', expectPeer({ namespace: nsX }, { namespace: nsX, pod: 'a' }, false), expectPeer({ namespace: nsZ }, { namespace: nsX, pod: 'a' }, false)),
    ],
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    context: SCTP_CONTEXT,
    protocols: ['SCTP'],
    ports: [80],
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      create(
        nsX,
        genPolicyMatchLabels(
          'allow-ns-y-pod-a-via-namespace-pod-selector',
          { pod: 'a' },
          ingressRules({ from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: nsY } }, podSelector: { matchLabels: { pod: 'a' } } }] }),
        ),
      ),
      validate(80, 'SCTP', expectAllIngress('x/a', false), expectPair('y/a', 'x/a', true)),
    ],
  },
];
