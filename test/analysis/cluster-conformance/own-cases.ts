/**
 * netfence's own conformance cases, in the upstream suite's world (model.ts), where upstream is
 * silent: policies of one priority with different actions (implementation-defined), Pass chains
 * across the three tiers, named ports of other protocols, host-network destinations and node
 * peers, IPv6 (dual-stack pods, node addresses, addresses outside the cluster), matchExpressions,
 * the legacy AdminNetworkPolicy and BaselineAdminNetworkPolicy beside ClusterNetworkPolicy, and
 * domain names (depends on DNS). Each expectation is what the API's text says (see
 * docs/cluster-network-policy.md), or the engine's documented stance where the API leaves it open.
 */
import { ClusterNetworkPolicyEgressRuleManifest, ClusterNetworkPolicyIngressRuleManifest, ClusterNetworkPolicyManifest, ClusterNetworkPolicySubjectManifest } from '../../../lib/core/cluster-manifest';
import { NetworkPolicyManifest, ProtocolName } from '../../../lib/core/manifest';
import { Outcome } from '../../../lib/analysis/outcome';
import { deleteNetworkPolicy, house, named, ns, pod, probe, setPriority, setRuleAction, tcp } from './model';
import { OutcomeProbe, ProbeCase } from './run-probes';

/** A ClusterNetworkPolicy. */
function cnp(
  name: string,
  tier: 'Admin' | 'Baseline',
  priority: number,
  subject: ClusterNetworkPolicySubjectManifest,
  rules: { ingress?: ClusterNetworkPolicyIngressRuleManifest[]; egress?: ClusterNetworkPolicyEgressRuleManifest[] },
): ClusterNetworkPolicyManifest {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject, ...rules } };
}

/** An expectation the upstream suite cannot state. */
function expectOutcome(from: string, to: string, protocol: ProtocolName, port: number, outcome: Outcome): OutcomeProbe {
  return { op: 'Expect', from, to, protocol, port, outcome };
}

const g0 = pod('gryffindor', 'harry-potter-0');
const g1 = pod('gryffindor', 'harry-potter-1');
const s0 = pod('slytherin', 'draco-malfoy-0');
const h0 = pod('hufflepuff', 'cedric-diggory-0');
const r0 = pod('ravenclaw', 'luna-lovegood-0');
const r1 = pod('ravenclaw', 'luna-lovegood-1');
const c0 = pod('forbidden-forrest', 'centaur-0');
const c1 = pod('forbidden-forrest', 'centaur-1');
const EVERYWHERE = {};

/** A NetworkPolicy in a house's namespace. */
function np(houseName: string, name: string, spec: NetworkPolicyManifest['spec']): NetworkPolicyManifest {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns(houseName) }, spec };
}

/** netfence's own cases, each a small test in the upstream world. */
export const OWN_CLUSTER_CASES: readonly (ProbeCase & { readonly name: string })[] = [
  {
    name: 'same priority: different actions are implementation-defined, equal actions decide, and a denial on the other side still denies',
    clusterNetworkPolicies: [
      cnp('accept-gryffindor', 'Admin', 10, { namespaces: named('ravenclaw') }, { ingress: [{ action: 'Accept', from: [{ namespaces: named('gryffindor') }] }] }),
      cnp('deny-gryffindor', 'Admin', 10, { namespaces: named('ravenclaw') }, { ingress: [{ name: 'deny', action: 'Deny', from: [{ namespaces: named('gryffindor') }] }] }),
      cnp('deny-8080-egress', 'Admin', 5, { namespaces: named('gryffindor') }, { egress: [{ action: 'Deny', to: [{ namespaces: named('ravenclaw') }], protocols: [tcp(8080)] }] }),
    ],
    networkPolicies: [],
    subtests: [
      {
        name: 'Accept and Deny at priority 10',
        steps: [
          expectOutcome(g0, r0, 'TCP', 80, 'implementation-defined'),
          expectOutcome(g1, r1, 'UDP', 53, 'implementation-defined'),
          // Egress denied by priority 5 at the source: denied whatever the destination's tier says.
          probe(g0, r0, 'TCP', 8080, false),
          // Neither policy matches hufflepuff.
          probe(h0, r0, 'TCP', 80, true),
        ],
      },
      { name: 'the Deny moved after the Accept', steps: [setPriority('deny-gryffindor', 11), probe(g0, r0, 'TCP', 80, true)] },
      { name: 'the Deny moved before the Accept', steps: [setPriority('deny-gryffindor', 9), probe(g0, r0, 'TCP', 80, false)] },
      {
        name: 'both Accept at one priority',
        steps: [setPriority('deny-gryffindor', 10), setRuleAction('deny-gryffindor', 'ingress', 0, 'Accept'), probe(g0, r0, 'TCP', 80, true)],
      },
      {
        name: 'Pass and Accept at one priority',
        steps: [setRuleAction('deny-gryffindor', 'ingress', 0, 'Pass'), expectOutcome(g0, r0, 'TCP', 80, 'implementation-defined')],
      },
    ],
  },
  {
    name: 'Pass chains across tiers: Admin Pass skips the rest of Admin, NetworkPolicy decides when it isolates, else Baseline, whose Pass is the default',
    clusterNetworkPolicies: [
      cnp('admin-pass', 'Admin', 1, { namespaces: EVERYWHERE }, { ingress: [{ action: 'Pass', from: [{ namespaces: named('gryffindor') }] }] }),
      cnp('admin-deny', 'Admin', 2, { namespaces: EVERYWHERE }, { ingress: [{ action: 'Deny', from: [{ namespaces: EVERYWHERE }], protocols: [tcp(8080)] }] }),
      cnp('baseline-deny-80', 'Baseline', 1, { namespaces: EVERYWHERE }, { ingress: [{ action: 'Deny', from: [{ namespaces: named('gryffindor') }], protocols: [tcp(80)] }] }),
      cnp(
        'baseline-pass-then-deny',
        'Baseline',
        2,
        { namespaces: named('hufflepuff') },
        {
          ingress: [
            { action: 'Pass', from: [{ namespaces: named('slytherin') }] },
            { action: 'Deny', from: [{ namespaces: EVERYWHERE }] },
          ],
        },
      ),
    ],
    networkPolicies: [np('ravenclaw', 'allow-gryffindor-80', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: house('gryffindor') }], ports: [{ port: 80 }] }] })],
    subtests: [
      {
        name: 'with a NetworkPolicy in ravenclaw',
        steps: [
          // Passed by Admin, the NetworkPolicy admits it (over the Baseline Deny).
          probe(g0, r0, 'TCP', 80, true),
          // Passed by Admin past admin-deny; the NetworkPolicy isolates ravenclaw and does not admit 8080.
          probe(g0, r0, 'TCP', 8080, false),
          // Not passed: admin-deny decides.
          probe(s0, r0, 'TCP', 8080, false),
          // Not passed, not denied by Admin; isolated by the NetworkPolicy, not admitted.
          probe(s0, r0, 'TCP', 80, false),
        ],
      },
      {
        name: 'without it',
        steps: [
          deleteNetworkPolicy(ns('ravenclaw'), 'allow-gryffindor-80'),
          // Passed by Admin, no NetworkPolicy: Baseline denies 80.
          probe(g0, r0, 'TCP', 80, false),
          probe(g1, r1, 'TCP', 8080, true),
          // Baseline Pass from slytherin in hufflepuff is the default: allowed; others denied by the next rule.
          probe(s0, h0, 'UDP', 53, true),
          probe(r0, h0, 'UDP', 53, false),
          // gryffindor passed by Admin; in hufflepuff Baseline priority 1 denies 80 first, priority 2 the rest.
          probe(g0, h0, 'TCP', 80, false),
          probe(g0, h0, 'SCTP', 9003, false),
        ],
      },
    ],
  },
  {
    name: 'named ports of other protocols: destinationNamedPort matches the container port of that name in its own protocol',
    clusterNetworkPolicies: [
      cnp(
        'named-ingress',
        'Admin',
        10,
        { namespaces: named('hufflepuff') },
        { ingress: [{ action: 'Accept', from: [{ namespaces: named('gryffindor') }], protocols: [{ destinationNamedPort: 'dns' }] }, { action: 'Deny', from: [{ namespaces: named('gryffindor') }] }] },
      ),
      cnp(
        'named-egress',
        'Admin',
        11,
        { namespaces: named('slytherin') },
        { egress: [{ action: 'Accept', to: [{ namespaces: named('ravenclaw') }], protocols: [{ destinationNamedPort: 'web' }] }, { action: 'Deny', to: [{ namespaces: named('ravenclaw') }] }] },
      ),
    ],
    networkPolicies: [],
    subtests: [
      {
        name: 'dns is UDP 53, web is TCP 80',
        steps: [
          probe(g0, h0, 'UDP', 53, true),
          probe(g0, h0, 'TCP', 53, false),
          probe(g1, h0, 'UDP', 5353, false),
          probe(s0, r0, 'TCP', 80, true),
          probe(s0, r1, 'UDP', 80, false),
          probe(s0, r1, 'TCP', 8080, false),
        ],
      },
    ],
  },
  {
    name: 'host-network destinations: never subjects, never in namespaces or pods peers; networks and nodes peers match their node address',
    clusterNetworkPolicies: [
      cnp('deny-all-namespaces', 'Admin', 10, { namespaces: named('gryffindor') }, { egress: [{ action: 'Deny', to: [{ namespaces: EVERYWHERE }] }] }),
      cnp('deny-kind-worker2', 'Admin', 11, { namespaces: named('slytherin') }, { egress: [{ action: 'Deny', to: [{ nodes: { matchLabels: { 'kubernetes.io/hostname': 'kind-worker2' } } }] }] }),
      cnp('deny-node-network', 'Admin', 12, { namespaces: named('hufflepuff') }, { egress: [{ action: 'Deny', to: [{ networks: ['172.18.0.0/16'] }] }] }),
      cnp('deny-all-ingress', 'Admin', 13, { namespaces: named('forbidden-forrest') }, { ingress: [{ action: 'Deny', from: [{ namespaces: EVERYWHERE }] }] }),
      cnp('baseline-deny-ingress', 'Baseline', 1, { pods: { namespaceSelector: EVERYWHERE, podSelector: EVERYWHERE } }, { ingress: [{ action: 'Deny', from: [{ namespaces: named('ravenclaw') }] }] }),
    ],
    networkPolicies: [np('forbidden-forrest', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })],
    subtests: [
      {
        name: 'probes',
        steps: [
          probe(g0, c1, 'TCP', 34345, true),
          probe(g0, s0, 'TCP', 80, false),
          probe(s0, c1, 'TCP', 34345, false),
          probe(s0, c0, 'TCP', 34345, true),
          probe(h0, c0, 'UDP', 34347, false),
          probe(h0, c1, 'SCTP', 34351, false),
          // No Admin, NetworkPolicy or Baseline policy applies to a host-network pod.
          probe(r0, c0, 'TCP', 34346, true),
          probe(r1, c1, 'UDP', 34349, true),
          // The Baseline Deny from ravenclaw applies to pod-network pods.
          probe(r0, s0, 'TCP', 80, false),
        ],
      },
    ],
  },
  {
    name: 'IPv6: networks match pods by their IPv6 addresses, host-network pods by their node\'s',
    dualStack: true,
    clusterNetworkPolicies: [
      cnp('deny-v6', 'Admin', 10, { namespaces: named('gryffindor') }, { egress: [{ action: 'Deny', to: [{ networks: ['::/0'] }] }] }),
      cnp('deny-node-v6', 'Admin', 11, { namespaces: named('slytherin') }, { egress: [{ action: 'Deny', to: [{ networks: ['fd00:18::3/128'] }] }] }),
      cnp('deny-doc-range', 'Admin', 12, { namespaces: named('hufflepuff') }, { egress: [{ action: 'Deny', to: [{ networks: ['2001:db8::/32'] }] }] }),
    ],
    networkPolicies: [],
    subtests: [
      {
        name: 'probes',
        steps: [
          probe(g0, s0, 'TCP', 80, false),
          probe(g1, c0, 'TCP', 34345, false),
          probe(s0, c1, 'TCP', 34345, false),
          probe(s0, c0, 'TCP', 34345, true),
          probe(h0, r0, 'TCP', 80, true),
          expectOutcome(h0, '2001:db8::1', 'TCP', 443, 'denied'),
          expectOutcome(h0, '2001:db9::1', 'TCP', 443, 'allowed'),
        ],
      },
    ],
  },
  {
    name: 'IPv6: single-stack IPv4 pods are not in ::/0',
    clusterNetworkPolicies: [cnp('deny-v6', 'Admin', 10, { namespaces: named('gryffindor') }, { egress: [{ action: 'Deny', to: [{ networks: ['::/0'] }] }] })],
    networkPolicies: [],
    subtests: [{ name: 'probes', steps: [probe(g0, s0, 'TCP', 80, true), expectOutcome(g0, '2001:db8::1', 'UDP', 53, 'denied')] }],
  },
  {
    name: 'matchExpressions in subjects and peers',
    clusterNetworkPolicies: [
      cnp(
        'first-pods-of-two-houses',
        'Admin',
        10,
        {
          pods: {
            namespaceSelector: { matchExpressions: [{ key: 'conformance-house', operator: 'In', values: ['gryffindor', 'slytherin'] }] },
            podSelector: { matchExpressions: [{ key: 'apps.kubernetes.io/pod-index', operator: 'NotIn', values: ['1'] }] },
          },
        },
        { egress: [{ action: 'Deny', to: [{ pods: { namespaceSelector: { matchExpressions: [{ key: 'conformance-house', operator: 'Exists' }] }, podSelector: { matchLabels: { 'conformance-house': 'ravenclaw' } } } }] }] },
      ),
      cnp('from-no-house', 'Admin', 11, { namespaces: named('hufflepuff') }, { ingress: [{ action: 'Deny', from: [{ namespaces: { matchExpressions: [{ key: 'conformance-house', operator: 'DoesNotExist' }] } }] }] }),
    ],
    networkPolicies: [],
    subtests: [
      {
        name: 'probes',
        steps: [probe(g0, r0, 'TCP', 80, false), probe(g1, r0, 'TCP', 80, true), probe(s0, r1, 'UDP', 53, false), probe(h0, r0, 'TCP', 80, true), probe(g0, h0, 'TCP', 80, true)],
      },
    ],
  },
  {
    name: 'legacy AdminNetworkPolicy and BaselineAdminNetworkPolicy beside ClusterNetworkPolicy: ordered by priority number; equal numbers are implementation-defined',
    legacyPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'AdminNetworkPolicy',
        metadata: { name: 'anp-deny' },
        spec: { priority: 5, subject: { namespaces: house('ravenclaw') }, ingress: [{ name: 'deny-gryffindor', action: 'Deny', from: [{ namespaces: house('gryffindor') }] }] },
      },
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'AdminNetworkPolicy',
        metadata: { name: 'anp-allow-ports' },
        spec: {
          priority: 6,
          subject: { namespaces: house('hufflepuff') },
          ingress: [
            { action: 'Allow', from: [{ namespaces: house('slytherin') }], ports: [{ portNumber: { protocol: 'UDP', port: 53 } }, { namedPort: 'web' }] },
            { action: 'Deny', from: [{ namespaces: house('slytherin') }] },
          ],
        },
      },
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'BaselineAdminNetworkPolicy',
        metadata: { name: 'default' },
        spec: { subject: { namespaces: house('slytherin') }, ingress: [{ action: 'Deny', from: [{ namespaces: house('gryffindor') }] }] },
      },
    ],
    clusterNetworkPolicies: [
      cnp('cnp-accept', 'Admin', 10, { namespaces: house('ravenclaw') }, { ingress: [{ action: 'Accept', from: [{ namespaces: house('gryffindor') }] }] }),
      cnp('cnp-baseline-accept', 'Baseline', 10, { namespaces: house('slytherin') }, { ingress: [{ action: 'Accept', from: [{ namespaces: house('gryffindor') }] }] }),
    ],
    networkPolicies: [],
    subtests: [
      {
        name: 'AdminNetworkPolicy priority 5 before ClusterNetworkPolicy 10; BaselineAdminNetworkPolicy (priority 0) before Baseline 10',
        steps: [probe(g0, r0, 'TCP', 80, false), probe(g0, s0, 'TCP', 80, false), probe(s0, h0, 'UDP', 53, true), probe(s0, h0, 'TCP', 80, true), probe(s0, h0, 'TCP', 8080, false)],
      },
      { name: 'ClusterNetworkPolicy moved to 3', steps: [setPriority('cnp-accept', 3), probe(g0, r0, 'TCP', 80, true)] },
      { name: 'both at 5', steps: [setPriority('cnp-accept', 5), expectOutcome(g0, r0, 'TCP', 80, 'implementation-defined')] },
      { name: 'Baseline at 0 beside the BaselineAdminNetworkPolicy', steps: [setPriority('cnp-baseline-accept', 0), expectOutcome(g0, s0, 'UDP', 53, 'implementation-defined')] },
    ],
  },
  {
    name: 'domain names: an Accept the engine cannot resolve makes a later denial depend on DNS, for addresses outside the pod network',
    clusterNetworkPolicies: [
      cnp(
        'allow-example-com',
        'Admin',
        10,
        { namespaces: named('gryffindor') },
        { egress: [{ action: 'Accept', to: [{ domainNames: ['*.example.com'] }], protocols: [tcp(443)] }, { action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] }] },
      ),
      cnp('allow-cluster-names', 'Admin', 20, { namespaces: named('slytherin') }, { egress: [{ action: 'Accept', to: [{ domainNames: ['*.svc.cluster.local'] }] }] }),
      cnp('baseline-deny', 'Baseline', 1, { namespaces: named('slytherin') }, { egress: [{ action: 'Deny', to: [{ namespaces: EVERYWHERE }] }] }),
    ],
    networkPolicies: [],
    subtests: [
      {
        name: 'probes',
        steps: [
          expectOutcome(g0, '203.0.113.10', 'TCP', 443, 'depends-on-dns'),
          expectOutcome(g0, '2001:db8::10', 'TCP', 443, 'depends-on-dns'),
          // Other ports: the Accept does not apply.
          expectOutcome(g0, '203.0.113.10', 'TCP', 80, 'denied'),
          // A pod of the pod network is not reached by a name outside the cluster's domain.
          probe(g0, s0, 'TCP', 443, false),
          // A host-network pod has its node's address, which a name may resolve to.
          expectOutcome(g1, c1, 'TCP', 443, 'depends-on-dns'),
          // A name of the cluster's domain may name any pod; the Baseline Deny follows.
          expectOutcome(s0, r0, 'TCP', 80, 'depends-on-dns'),
          // What follows allows: allowed whatever the name resolves to.
          expectOutcome(s0, '198.51.100.7', 'UDP', 53, 'allowed'),
        ],
      },
    ],
  },
];
