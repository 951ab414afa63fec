/**
 * Every test of the upstream ClusterNetworkPolicy conformance suite, translated to data.
 *
 * Source: kubernetes-sigs/network-policy-api `conformance/tests/*.go` and `conformance/base/**`
 * at commit 0eec1b0e5fa92715b4c0f4c48d3c8d2913ed2159 (after bundle v0.2.0, whose CRDs it keeps;
 * it adds the namespace relabelling to the inline-CIDR tests). One entry per
 * `suite.ConformanceTest`, in the order of the files; subtests (`t.Run`) in the order written,
 * each a list of steps: the mutations the test makes (they persist into later subtests, as in
 * the cluster) and every PokeServer expectation, whose target is the server pod's status.podIP
 * (the node's address for the host-network centaur pods). Policies are the base manifests with
 * the host network ports the suite uses by default (model.ts), restated as data; the
 * NetworkPolicy's `podSelector:` (null) is written `{}`, as the API server decodes it.
 *
 * The runner that evaluates these expectations with the engine comes with the engine's tiers;
 * until then cluster-conformance.test.ts checks that the data is well-formed and that every
 * policy, in every state the tests put it in, passes the API server's checks.
 */
import { ClusterNetworkPolicyManifest } from '../../../lib/core/cluster-manifest';
import { NetworkPolicyManifest } from '../../../lib/core/manifest';
import {
  ClusterConformanceTest,
  deleteNetworkPolicy,
  house,
  insertRule,
  named,
  ns,
  pod,
  podIp,
  probe,
  sctp,
  setNamespaceLabels,
  setPriority,
  setRuleAction,
  setRuleProtocols,
  swapRules,
  tcp,
  udp,
} from './model';

/** The policies of each upstream manifest file, with the default host network ports. */
const MANIFESTS: Readonly<Record<string, { readonly clusterNetworkPolicies: readonly ClusterNetworkPolicyManifest[]; readonly networkPolicies: readonly NetworkPolicyManifest[] }>> = {
  'base/admin_tier/standard-egress-tcp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'egress-tcp' },
        spec: {
          tier: 'Admin',
          priority: 6,
          subject: { namespaces: named('gryffindor') },
          egress: [
            { name: 'allow-to-ravenclaw-everything', action: 'Accept', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-ravenclaw-everything', action: 'Deny', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'pass-to-ravenclaw-everything', action: 'Pass', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-slytherin-at-port-80', action: 'Deny', to: [{ namespaces: named('slytherin') }], protocols: [tcp(80)] },
            { name: 'pass-to-slytherin-at-port-80', action: 'Pass', to: [{ namespaces: named('slytherin') }], protocols: [tcp(80)] },
            { name: 'allow-to-hufflepuff-at-port-8080', action: 'Accept', to: [{ namespaces: named('hufflepuff') }], protocols: [tcp(8080)] },
            { name: 'deny-to-hufflepuff-everything-else', action: 'Deny', to: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/admin_tier/experimental-egress-selector-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'node-and-cidr-as-peers-example' },
        spec: {
          tier: 'Admin',
          priority: 75,
          subject: { pods: { namespaceSelector: house('gryffindor'), podSelector: house('gryffindor') } },
          egress: [
            {
              name: 'allow-egress-to-34345-on-nodes',
              action: 'Accept',
              to: [{ nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } }],
              protocols: [tcp(34345)],
            },
            {
              name: 'pass-egress-to-34347-on-nodes',
              action: 'Pass',
              to: [{ nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } }],
              protocols: [udp(34347)],
            },
            {
              name: 'deny-egress-to-slytherin-and-nodes-and-internet',
              action: 'Deny',
              to: [
                { pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } },
                { nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } },
                { networks: ['0.0.0.0/0', '::/0'] },
              ],
            },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/admin_tier/standard-ingress-udp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'ingress-udp' },
        spec: {
          tier: 'Admin',
          priority: 4,
          subject: { namespaces: named('hufflepuff') },
          ingress: [
            { name: 'allow-from-ravenclaw-everything', action: 'Accept', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-ravenclaw-everything', action: 'Deny', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'pass-from-ravenclaw-everything', action: 'Pass', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-slytherin-at-port-5353', action: 'Deny', from: [{ namespaces: named('slytherin') }], protocols: [udp(5353)] },
            { name: 'pass-from-slytherin-at-port-5353', action: 'Pass', from: [{ namespaces: named('slytherin') }], protocols: [udp(5353)] },
            { name: 'allow-from-gryffindor-at-port-53', action: 'Accept', from: [{ namespaces: named('gryffindor') }], protocols: [udp(53)] },
            { name: 'deny-from-gryffindor-everything-else', action: 'Deny', from: [{ namespaces: named('gryffindor') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/admin_tier/standard-egress-inline-cidr-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'inline-cidr-as-peers-example' },
        spec: {
          tier: 'Admin',
          priority: 85,
          subject: { pods: { namespaceSelector: house('gryffindor'), podSelector: house('gryffindor') } },
          egress: [
            {
              name: 'allow-egress-to-slytherin',
              action: 'Accept',
              to: [{ pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } }],
            },
            { name: 'deny-egress-to-internet', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/admin_tier/standard-egress-sctp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'egress-sctp' },
        spec: {
          tier: 'Admin',
          priority: 8,
          subject: { namespaces: named('ravenclaw') },
          egress: [
            { name: 'allow-to-gryffindor-everything', action: 'Accept', to: [{ namespaces: named('gryffindor') }] },
            { name: 'deny-to-gryffindor-everything', action: 'Deny', to: [{ namespaces: named('gryffindor') }] },
            { name: 'pass-to-gryffindor-everything', action: 'Pass', to: [{ namespaces: named('gryffindor') }] },
            { name: 'deny-to-slytherin-at-port-9003', action: 'Deny', to: [{ namespaces: named('slytherin') }], protocols: [sctp(9003)] },
            { name: 'pass-to-slytherin-at-port-9003', action: 'Pass', to: [{ namespaces: named('slytherin') }], protocols: [sctp(9003)] },
            { name: 'allow-to-hufflepuff-at-port-9003', action: 'Accept', to: [{ namespaces: named('hufflepuff') }], protocols: [sctp(9003)] },
            { name: 'deny-to-hufflepuff-everything-else', action: 'Deny', to: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/admin_tier/standard-egress-udp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'egress-udp' },
        spec: {
          tier: 'Admin',
          priority: 7,
          subject: { namespaces: named('hufflepuff') },
          egress: [
            { name: 'allow-to-ravenclaw-everything', action: 'Accept', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-ravenclaw-everything', action: 'Deny', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'pass-to-ravenclaw-everything', action: 'Pass', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-slytherin-at-port-5353', action: 'Deny', to: [{ namespaces: named('slytherin') }], protocols: [udp(5353)] },
            { name: 'pass-to-slytherin-at-port-5353', action: 'Pass', to: [{ namespaces: named('slytherin') }], protocols: [udp(5353)] },
            { name: 'allow-to-gryffindor-at-port-53', action: 'Accept', to: [{ namespaces: named('gryffindor') }], protocols: [udp(53)] },
            { name: 'deny-to-gryffindor-everything-else', action: 'Deny', to: [{ namespaces: named('gryffindor') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/admin_tier/standard-gress-rules-combined.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'gress-rules' },
        spec: {
          tier: 'Admin',
          priority: 15,
          subject: { namespaces: named('gryffindor') },
          egress: [
            { name: 'allow-to-ravenclaw-everything', action: 'Accept', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-ravenclaw-everything', action: 'Deny', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'pass-to-ravenclaw-everything', action: 'Pass', to: [{ namespaces: named('ravenclaw') }] },
            {
              name: 'deny-to-slytherin-at-ports-80-53-9003',
              action: 'Deny',
              to: [{ namespaces: named('slytherin') }],
              protocols: [tcp(80), udp(53), sctp(9003)],
            },
            {
              name: 'pass-to-slytherin-at-port-80-53-9003',
              action: 'Pass',
              to: [{ namespaces: named('slytherin') }],
              protocols: [tcp(80), udp(53), sctp(9003)],
            },
            {
              name: 'allow-to-hufflepuff-at-ports-8080-5353-9003',
              action: 'Accept',
              to: [{ namespaces: named('hufflepuff') }],
              protocols: [tcp(8080), udp(5353), sctp(9003)],
            },
            { name: 'deny-to-hufflepuff-everything-else', action: 'Deny', to: [{ namespaces: named('hufflepuff') }] },
          ],
          ingress: [
            { name: 'allow-from-ravenclaw-everything', action: 'Accept', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-ravenclaw-everything', action: 'Deny', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'pass-from-ravenclaw-everything', action: 'Pass', from: [{ namespaces: named('ravenclaw') }] },
            {
              name: 'deny-from-slytherin-at-port-80-53-9003',
              action: 'Deny',
              from: [{ namespaces: named('slytherin') }],
              protocols: [tcp(80), udp(53), sctp(9003)],
            },
            {
              name: 'pass-from-slytherin-at-port-80-53-9003',
              action: 'Pass',
              from: [{ namespaces: named('slytherin') }],
              protocols: [tcp(80), udp(53), sctp(9003)],
            },
            {
              name: 'allow-from-hufflepuff-at-port-80-5353-9003',
              action: 'Accept',
              from: [{ namespaces: named('hufflepuff') }],
              protocols: [tcp(80), udp(5353), sctp(9003)],
            },
            { name: 'deny-from-hufflepuff-everything-else', action: 'Deny', from: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/admin_tier/standard-ingress-sctp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'ingress-sctp' },
        spec: {
          tier: 'Admin',
          priority: 5,
          subject: { namespaces: named('ravenclaw') },
          ingress: [
            { name: 'allow-from-gryffindor-everything', action: 'Accept', from: [{ namespaces: named('gryffindor') }] },
            { name: 'deny-from-gryffindor-everything', action: 'Deny', from: [{ namespaces: named('gryffindor') }] },
            { name: 'pass-from-gryffindor-everything', action: 'Pass', from: [{ namespaces: named('gryffindor') }] },
            { name: 'deny-from-slytherin-at-port-9003', action: 'Deny', from: [{ namespaces: named('slytherin') }], protocols: [sctp(9003)] },
            { name: 'pass-from-slytherin-at-port-9003', action: 'Pass', from: [{ namespaces: named('slytherin') }], protocols: [sctp(9003)] },
            { name: 'allow-from-hufflepuff-at-port-9003', action: 'Accept', from: [{ namespaces: named('hufflepuff') }], protocols: [sctp(9003)] },
            { name: 'deny-from-hufflepuff-everything-else', action: 'Deny', from: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/admin_tier/standard-ingress-tcp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'ingress-tcp' },
        spec: {
          tier: 'Admin',
          priority: 3,
          subject: { namespaces: named('gryffindor') },
          ingress: [
            { name: 'allow-from-ravenclaw-everything', action: 'Accept', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-ravenclaw-everything', action: 'Deny', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'pass-from-ravenclaw-everything', action: 'Pass', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-slytherin-at-port-80', action: 'Deny', from: [{ namespaces: named('slytherin') }], protocols: [tcp(80)] },
            { name: 'pass-from-slytherin-at-port-80', action: 'Pass', from: [{ namespaces: named('slytherin') }], protocols: [tcp(80)] },
            { name: 'allow-from-hufflepuff-at-port-80', action: 'Accept', from: [{ namespaces: named('hufflepuff') }], protocols: [tcp(80)] },
            { name: 'deny-from-hufflepuff-everything-else', action: 'Deny', from: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/api_integration/standard-anp-np-banp.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'pass-example' },
        spec: {
          tier: 'Admin',
          priority: 10,
          subject: { namespaces: house('gryffindor') },
          ingress: [{ name: 'deny-all-ingress-from-slytherin', action: 'Deny', from: [{ namespaces: house('slytherin') }] }],
          egress: [{ name: 'deny-all-egress-to-slytherin', action: 'Deny', to: [{ namespaces: house('slytherin') }] }],
        },
      },
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: house('gryffindor') },
          ingress: [{ name: 'deny-all-ingress-from-slytherin', action: 'Deny', from: [{ namespaces: house('slytherin') }] }],
          egress: [{ name: 'deny-all-egress-to-slytherin', action: 'Deny', to: [{ namespaces: house('slytherin') }] }],
        },
      },
    ],
    networkPolicies: [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow-gress-from-to-slytherin-to-gryffindor', namespace: 'network-policy-conformance-gryffindor' },
        spec: {
          podSelector: {},
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ namespaceSelector: house('slytherin') }] }],
          egress: [{ to: [{ namespaceSelector: house('slytherin') }] }],
        },
      },
    ],
  },
  'base/admin_tier/standard-priority-field.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'priority-50-example' },
        spec: {
          tier: 'Admin',
          priority: 50,
          subject: { pods: { namespaceSelector: house('gryffindor'), podSelector: house('gryffindor') } },
          ingress: [
            {
              name: 'deny-all-ingress-from-slytherin',
              action: 'Deny',
              from: [{ pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } }],
            },
          ],
          egress: [
            {
              name: 'deny-all-egress-to-slytherin',
              action: 'Deny',
              to: [{ pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } }],
            },
          ],
        },
      },
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'old-priority-60-new-priority-40-example' },
        spec: {
          tier: 'Admin',
          priority: 60,
          subject: { pods: { namespaceSelector: house('gryffindor'), podSelector: house('gryffindor') } },
          ingress: [
            {
              name: 'pass-all-ingress-from-slytherin',
              action: 'Pass',
              from: [{ pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } }],
            },
          ],
          egress: [
            {
              name: 'pass-all-egress-to-slytherin',
              action: 'Pass',
              to: [{ pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } }],
            },
          ],
        },
      },
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { pods: { namespaceSelector: house('gryffindor'), podSelector: house('gryffindor') } },
          ingress: [
            {
              name: 'allow-all-ingress-from-slytherin',
              action: 'Accept',
              from: [{ pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } }],
            },
          ],
          egress: [
            {
              name: 'allow-all-egress-to-slytherin',
              action: 'Accept',
              to: [{ pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } }],
            },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/baseline_tier/standard-egress-udp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: named('hufflepuff') },
          egress: [
            { name: 'allow-to-ravenclaw-everything', action: 'Accept', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-ravenclaw-everything', action: 'Deny', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-slytherin-at-port-5353', action: 'Deny', to: [{ namespaces: named('slytherin') }], protocols: [udp(5353)] },
            { name: 'allow-to-gryffindor-at-port-53', action: 'Accept', to: [{ namespaces: named('gryffindor') }], protocols: [udp(53)] },
            { name: 'deny-to-gryffindor-everything-else', action: 'Deny', to: [{ namespaces: named('gryffindor') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/baseline_tier/experimental-egress-selector-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: named('gryffindor') },
          egress: [
            {
              name: 'allow-egress-to-34345-on-nodes',
              action: 'Accept',
              to: [{ nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } }],
              protocols: [{ tcp: { destinationPort: { range: { start: 34345, end: 34346 } } } }],
            },
            {
              name: 'deny-egress-to-nodes-and-internet',
              action: 'Deny',
              to: [{ nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } }, { networks: ['0.0.0.0/0', '::/0'] }],
            },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/baseline_tier/standard-ingress-tcp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: named('gryffindor') },
          ingress: [
            { name: 'allow-from-ravenclaw-everything', action: 'Accept', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-ravenclaw-everything', action: 'Deny', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-slytherin-at-port-80', action: 'Deny', from: [{ namespaces: named('slytherin') }], protocols: [tcp(80)] },
            { name: 'allow-from-hufflepuff-at-port-80', action: 'Accept', from: [{ namespaces: named('hufflepuff') }], protocols: [tcp(80)] },
            { name: 'deny-from-hufflepuff-everything-else', action: 'Deny', from: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/baseline_tier/standard-egress-inline-cidr-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: named('gryffindor') },
          egress: [
            {
              name: 'allow-egress-to-slytherin',
              action: 'Accept',
              to: [{ pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } }],
            },
            { name: 'deny-egress-to-internet', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/baseline_tier/standard-egress-sctp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: named('ravenclaw') },
          egress: [
            { name: 'allow-to-gryffindor-everything', action: 'Accept', to: [{ namespaces: named('gryffindor') }] },
            { name: 'deny-to-gryffindor-everything', action: 'Deny', to: [{ namespaces: named('gryffindor') }] },
            { name: 'deny-to-slytherin-at-port-9003', action: 'Deny', to: [{ namespaces: named('slytherin') }], protocols: [sctp(9003)] },
            { name: 'allow-to-hufflepuff-at-port-9003', action: 'Accept', to: [{ namespaces: named('hufflepuff') }], protocols: [sctp(9003)] },
            { name: 'deny-to-hufflepuff-everything-else', action: 'Deny', to: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/baseline_tier/standard-egress-tcp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: named('gryffindor') },
          egress: [
            { name: 'allow-to-ravenclaw-everything', action: 'Accept', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-ravenclaw-everything', action: 'Deny', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-slytherin-at-port-80', action: 'Deny', to: [{ namespaces: named('slytherin') }], protocols: [tcp(80)] },
            { name: 'allow-to-hufflepuff-at-port-8080', action: 'Accept', to: [{ namespaces: named('hufflepuff') }], protocols: [tcp(8080)] },
            { name: 'deny-to-hufflepuff-everything-else', action: 'Deny', to: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/baseline_tier/standard-gress-rules-combined.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: named('gryffindor') },
          egress: [
            { name: 'allow-to-ravenclaw-everything', action: 'Accept', to: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-to-ravenclaw-everything', action: 'Deny', to: [{ namespaces: named('ravenclaw') }] },
            {
              name: 'deny-to-slytherin-at-ports-80-53-9003',
              action: 'Deny',
              to: [{ namespaces: named('slytherin') }],
              protocols: [tcp(80), udp(53), sctp(9003)],
            },
            {
              name: 'allow-to-hufflepuff-at-ports-8080-5353',
              action: 'Accept',
              to: [{ namespaces: named('hufflepuff') }],
              protocols: [tcp(8080), udp(5353), sctp(9003)],
            },
            { name: 'deny-to-hufflepuff-everything-else', action: 'Deny', to: [{ namespaces: named('hufflepuff') }] },
          ],
          ingress: [
            { name: 'allow-from-ravenclaw-everything', action: 'Accept', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-ravenclaw-everything', action: 'Deny', from: [{ namespaces: named('ravenclaw') }] },
            {
              name: 'deny-from-slytherin-at-port-80-53-9003',
              action: 'Deny',
              from: [{ namespaces: named('slytherin') }],
              protocols: [tcp(80), udp(53), sctp(9003)],
            },
            {
              name: 'allow-from-hufflepuff-at-port-80-5353-9003',
              action: 'Accept',
              from: [{ namespaces: named('hufflepuff') }],
              protocols: [tcp(80), udp(5353), sctp(9003)],
            },
            { name: 'deny-from-hufflepuff-everything-else', action: 'Deny', from: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/baseline_tier/standard-ingress-sctp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: named('ravenclaw') },
          ingress: [
            { name: 'allow-from-gryffindor-everything', action: 'Accept', from: [{ namespaces: named('gryffindor') }] },
            { name: 'deny-from-gryffindor-everything', action: 'Deny', from: [{ namespaces: named('gryffindor') }] },
            { name: 'deny-from-slytherin-at-port-9003', action: 'Deny', from: [{ namespaces: named('slytherin') }], protocols: [sctp(9003)] },
            { name: 'allow-from-hufflepuff-at-port-9003', action: 'Accept', from: [{ namespaces: named('hufflepuff') }], protocols: [sctp(9003)] },
            { name: 'deny-from-hufflepuff-everything-else', action: 'Deny', from: [{ namespaces: named('hufflepuff') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
  'base/baseline_tier/standard-ingress-udp-rules.yaml': {
    clusterNetworkPolicies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          tier: 'Baseline',
          priority: 10,
          subject: { namespaces: named('hufflepuff') },
          ingress: [
            { name: 'allow-from-ravenclaw-everything', action: 'Accept', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-ravenclaw-everything', action: 'Deny', from: [{ namespaces: named('ravenclaw') }] },
            { name: 'deny-from-slytherin-at-port-5353', action: 'Deny', from: [{ namespaces: named('slytherin') }], protocols: [udp(5353)] },
            { name: 'allow-from-gryffindor-at-port-53', action: 'Accept', from: [{ namespaces: named('gryffindor') }], protocols: [udp(53)] },
            { name: 'deny-from-gryffindor-everything-else', action: 'Deny', from: [{ namespaces: named('gryffindor') }] },
          ],
        },
      },
    ],
    networkPolicies: [],
  },
};

/** A test's manifest: its path and the policies it applies. */
function manifest(path: string): Pick<ClusterConformanceTest, 'manifest' | 'clusterNetworkPolicies' | 'networkPolicies'> {
  return { manifest: path, ...MANIFESTS[path] };
}

/** The tests, in file order. */
export const UPSTREAM_CLUSTER_CASES: readonly ClusterConformanceTest[] = [
  {
    shortName: 'CNPAdminTierEgressNamedPort',
    description: 'Tests support for egress traffic on a named port using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy', 'ClusterNetworkPolicyNamedPorts'],
    ...manifest('base/admin_tier/standard-egress-tcp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for named port",
        steps: [
          setRuleProtocols('egress-tcp', 'egress', 5, [{ destinationNamedPort: 'web' }]),
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 8080, false),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierEgressNodePeers',
    description: 'Tests support for egress traffic to node peers using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy', 'ClusterNetworkPolicyEgressNodePeers'],
    ...manifest('base/admin_tier/experimental-egress-selector-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' rule policy for egress-node-peer",
        steps: [
          probe(pod('gryffindor', 'harry-potter-1'), pod('forbidden-forrest', 'centaur-1'), 'TCP', 34345, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' rule policy for egress-node-peer",
        steps: [
          probe(pod('gryffindor', 'harry-potter-1'), pod('forbidden-forrest', 'centaur-1'), 'UDP', 34347, true),
        ],
      },
      {
        name: "Should support a 'deny-egress' rule policy for egress-node-peer",
        steps: [
          probe(pod('gryffindor', 'harry-potter-1'), pod('forbidden-forrest', 'centaur-1'), 'TCP', 34346, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('forbidden-forrest', 'centaur-1'), 'UDP', 34349, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('forbidden-forrest', 'centaur-1'), 'SCTP', 34351, false),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierIngressNamedPort',
    description: 'Tests support for ingress traffic on a named port using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy', 'ClusterNetworkPolicyNamedPorts'],
    ...manifest('base/admin_tier/standard-ingress-udp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for named port",
        steps: [
          setRuleProtocols('ingress-udp', 'ingress', 5, [{ destinationNamedPort: 'dns' }]),
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 5353, false),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierEgressInlineCIDRPeers',
    description: 'Tests support for egress traffic to CIDR peers using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/admin_tier/standard-egress-inline-cidr-rules.yaml'),
    subtests: [
      {
        name: "Should support a 'deny-egress' rule policy for egress-cidr-peer",
        steps: [
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, true),
          setNamespaceLabels(ns('slytherin'), { 'conformance-house': 'denied-namespace-label' }),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, false),
          setNamespaceLabels(ns('slytherin'), { 'conformance-house': 'slytherin' }),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' rule policy for egress-cidr-peer",
        steps: [
          insertRule('inline-cidr-as-peers-example', 'egress', 0, { name: 'allow-egress-to-specific-podIPs', action: 'Accept', to: [{ networks: [`${podIp(pod('ravenclaw', 'luna-lovegood-0'))}/32`, `${podIp(pod('hufflepuff', 'cedric-diggory-0'))}/32`] }] }),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9003, false),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierEgressSCTP',
    description: 'Tests support for egress traffic (SCTP protocol) using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/admin_tier/standard-egress-sctp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9003, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol at the specified port",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9003, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-sctp', 'egress', 0, 1),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9003, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for SCTP protocol at the specified port",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'pass-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-sctp', 'egress', 0, 2),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9003, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for SCTP protocol at the specified port",
        steps: [
          swapRules('egress-sctp', 'egress', 3, 4),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierEgressTCP',
    description: 'Tests support for egress traffic (TCP protocol) using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/admin_tier/standard-egress-tcp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for TCP protocol at the specified port",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 8080, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 80, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-tcp', 'egress', 0, 1),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for TCP protocol at the specified port",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'pass-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-tcp', 'egress', 0, 2),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for TCP protocol at the specified port",
        steps: [
          swapRules('egress-tcp', 'egress', 3, 4),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierEgressUDP',
    description: 'Tests support for egress traffic (UDP protocol) using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/admin_tier/standard-egress-udp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 53, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 5353, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for UDP protocol at the specified port",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'UDP', 53, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-udp', 'egress', 0, 1),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 53, false),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for UDP protocol at the specified port",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 5353, false),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, true),
        ],
      },
      {
        name: "Should support an 'pass-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-udp', 'egress', 0, 2),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 5353, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 53, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for UDP protocol at the specified port",
        steps: [
          swapRules('egress-udp', 'egress', 3, 4),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 5353, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierGress',
    description: 'Tests support for combined ingress and egress traffic rules in the cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/admin_tier/standard-gress-rules-combined.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-gress' policy across different protocols",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, true),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'UDP', 53, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support an 'allow-gress' policy across different protocols at the specified ports",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 8080, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 5353, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9005, false),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'TCP', 80, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'TCP', 8080, false),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'UDP', 5353, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'UDP', 53, false),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9003, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-gress' policy across different protocols",
        steps: [
          swapRules('gress-rules', 'egress', 0, 1),
          swapRules('gress-rules', 'ingress', 0, 1),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9003, false),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-1'), 'TCP', 80, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-1'), 'UDP', 53, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9003, false),
        ],
      },
      {
        name: "Should support a 'deny-gress' policy across different protocols at the specified ports",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 5353, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9005, true),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'UDP', 53, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'UDP', 5353, true),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9003, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'pass-gress' policy across different protocols",
        steps: [
          swapRules('gress-rules', 'egress', 0, 2),
          swapRules('gress-rules', 'ingress', 0, 2),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 5353, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, true),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'UDP', 53, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support a 'pass-gress' policy across different protocols at the specified ports",
        steps: [
          swapRules('gress-rules', 'egress', 3, 4),
          swapRules('gress-rules', 'ingress', 3, 4),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 5353, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9005, true),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'UDP', 53, true),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'UDP', 5353, true),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9003, true),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierIngressSCTP',
    description: 'Tests support for ingress traffic (SCTP protocol) using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/admin_tier/standard-ingress-sctp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol at the specified port",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9003, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-sctp', 'ingress', 0, 1),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for SCTP protocol at the specified port",
        steps: [
          probe(pod('slytherin', 'draco-malfoy-0'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'pass-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-sctp', 'ingress', 0, 2),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for SCTP protocol at the specified port",
        steps: [
          swapRules('ingress-sctp', 'ingress', 3, 4),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, true),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierIngressTCP',
    description: 'Tests support for ingress traffic (TCP protocol) using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/admin_tier/standard-ingress-tcp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'TCP', 80, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-tcp', 'ingress', 0, 1),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-1'), 'TCP', 80, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-1'), 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        steps: [
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-tcp', 'ingress', 0, 2),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for TCP protocol at the specified port",
        steps: [
          swapRules('ingress-tcp', 'ingress', 3, 4),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierIngressUDP',
    description: 'Tests support for ingress traffic (UDP protocol) using cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/admin_tier/standard-ingress-udp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 53, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 5353, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol at the specified port",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-udp', 'ingress', 0, 1),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for UDP protocol at the specified port",
        steps: [
          probe(pod('slytherin', 'draco-malfoy-0'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 5353, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 53, true),
        ],
      },
      {
        name: "Should support an 'pass-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-udp', 'ingress', 0, 2),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 5353, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, true),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for UDP protocol at the specified port",
        steps: [
          swapRules('ingress-udp', 'ingress', 3, 4),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 5353, true),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 53, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierIntegration',
    description: 'Tests integration support for gress traffic between admin CNP, NP and baseline CNP using PASS action based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/api_integration/standard-anp-np-banp.yaml'),
    subtests: [
      {
        name: 'Should Deny traffic from slytherin to gryffindor respecting admin CNP',
        steps: [
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, false),
        ],
      },
      {
        name: 'Should Deny traffic to slytherin from gryffindor respecting admin CNP',
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for admin CNP and respect the match for network policy",
        steps: [
          setRuleAction('pass-example', 'ingress', 0, 'Pass'),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for admin CNP and respect the match for network policy",
        steps: [
          setRuleAction('pass-example', 'egress', 0, 'Pass'),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for admin CNP and respect the match for baseline cluster network policy",
        steps: [
          deleteNetworkPolicy(ns('gryffindor'), 'allow-gress-from-to-slytherin-to-gryffindor'),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for admin CNP and respect the match for baseline cluster network policy",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, false),
        ],
      },
    ],
  },
  {
    shortName: 'CNPAdminTierPriorityField',
    description: "Tests support for cluster network policy API's .spec.priority field based on a server and client model",
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/admin_tier/standard-priority-field.yaml'),
    subtests: [
      {
        name: 'Should Deny traffic from slytherin to gryffindor respecting admin CNP',
        steps: [
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, false),
        ],
      },
      {
        name: 'Should Deny traffic to slytherin from gryffindor respecting admin CNP',
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, false),
        ],
      },
      {
        name: 'Should respect admin CNP priority field; thus passing both ingress and egress traffic over to baseline CNP',
        steps: [
          setPriority('old-priority-60-new-priority-40-example', 40),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierEgressNamedPort',
    description: 'Tests support for egress traffic on a named port using baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy', 'ClusterNetworkPolicyNamedPorts'],
    ...manifest('base/baseline_tier/standard-egress-udp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for named port",
        steps: [
          setRuleProtocols('default', 'egress', 3, [{ destinationNamedPort: 'dns' }]),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'UDP', 53, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'UDP', 5353, false),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierEgressNodePeers',
    description: 'Tests support for egress traffic to node peers using  baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy', 'ClusterNetworkPolicyEgressNodePeers'],
    ...manifest('base/baseline_tier/experimental-egress-selector-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' rule policy for egress-node-peer",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('forbidden-forrest', 'centaur-1'), 'TCP', 34345, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('forbidden-forrest', 'centaur-1'), 'TCP', 34346, true),
        ],
      },
      {
        name: "Should support a 'deny-egress' rule policy for egress-node-peer",
        steps: [
          probe(pod('gryffindor', 'harry-potter-1'), pod('forbidden-forrest', 'centaur-1'), 'UDP', 34349, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('forbidden-forrest', 'centaur-1'), 'SCTP', 34351, false),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierIngressNamedPort',
    description: 'Tests support for ingress traffic on a named port using baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy', 'ClusterNetworkPolicyNamedPorts'],
    ...manifest('base/baseline_tier/standard-ingress-tcp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for named port",
        steps: [
          setRuleProtocols('default', 'ingress', 3, [{ destinationNamedPort: 'web' }]),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'TCP', 80, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'TCP', 8080, false),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierEgressInlineCIDRPeers',
    description: 'Tests support for egress traffic to CIDR peers using baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/baseline_tier/standard-egress-inline-cidr-rules.yaml'),
    subtests: [
      {
        name: "Should support a 'deny-egress' rule policy for egress-cidr-peer",
        steps: [
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, true),
          setNamespaceLabels(ns('slytherin'), { 'conformance-house': 'denied-namespace-label' }),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, false),
          setNamespaceLabels(ns('slytherin'), { 'conformance-house': 'slytherin' }),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' rule policy for egress-cidr-peer",
        steps: [
          insertRule('default', 'egress', 0, { name: 'allow-egress-to-specific-podIPs', action: 'Accept', to: [{ networks: [`${podIp(pod('ravenclaw', 'luna-lovegood-0'))}/32`, `${podIp(pod('hufflepuff', 'cedric-diggory-0'))}/32`] }] }),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-0'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9003, false),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierEgressSCTP',
    description: 'Tests support for egress traffic (SCTP protocol) using baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/baseline_tier/standard-egress-sctp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9003, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol at the specified port",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9003, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'egress', 0, 1),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9003, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for SCTP protocol at the specified port",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierEgressTCP',
    description: 'Tests support for egress traffic (TCP protocol) using baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/baseline_tier/standard-egress-tcp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for TCP protocol at the specified port",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 8080, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 80, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'egress', 0, 1),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for TCP protocol at the specified port",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierEgressUDP',
    description: 'Tests support for egress traffic (UDP protocol) using baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/baseline_tier/standard-egress-udp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 53, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 5353, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for UDP protocol at the specified port",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'UDP', 53, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'egress', 0, 1),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 53, false),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for UDP protocol at the specified port",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 5353, false),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierGress',
    description: 'Tests support for combined ingress and egress traffic rules in the baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/baseline_tier/standard-gress-rules-combined.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-gress' policy across different protocols",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'TCP', 80, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, true),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'UDP', 53, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support an 'allow-gress' policy across different protocols at the specified ports",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 8080, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 5353, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'SCTP', 9005, false),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'TCP', 80, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'TCP', 8080, false),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'UDP', 5353, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'UDP', 53, false),
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9003, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-gress' policy across different protocols",
        steps: [
          swapRules('default', 'egress', 0, 1),
          swapRules('default', 'ingress', 0, 1),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-1'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9003, false),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-1'), 'TCP', 80, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-1'), 'UDP', 53, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-1'), 'SCTP', 9003, false),
        ],
      },
      {
        name: "Should support a 'deny-gress' policy across different protocols at the specified ports",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 80, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'TCP', 8080, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 53, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'UDP', 5353, true),
          probe(pod('gryffindor', 'harry-potter-0'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('slytherin', 'draco-malfoy-0'), 'SCTP', 9005, true),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'UDP', 53, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'UDP', 5353, true),
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9003, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierIngressSCTP',
    description: 'Tests support for ingress traffic (SCTP protocol) using baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/baseline_tier/standard-ingress-sctp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol at the specified port",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9003, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'ingress', 0, 1),
          probe(pod('gryffindor', 'harry-potter-0'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9003, false),
          probe(pod('gryffindor', 'harry-potter-1'), pod('ravenclaw', 'luna-lovegood-1'), 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for SCTP protocol at the specified port",
        steps: [
          probe(pod('slytherin', 'draco-malfoy-0'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9003, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('ravenclaw', 'luna-lovegood-0'), 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierIngressTCP',
    description: 'Tests support for ingress traffic (TCP protocol) using baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/baseline_tier/standard-ingress-tcp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        steps: [
          probe(pod('hufflepuff', 'cedric-diggory-0'), pod('gryffindor', 'harry-potter-1'), 'TCP', 80, true),
          probe(pod('hufflepuff', 'cedric-diggory-1'), pod('gryffindor', 'harry-potter-1'), 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'ingress', 0, 1),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('gryffindor', 'harry-potter-1'), 'TCP', 80, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('gryffindor', 'harry-potter-1'), 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        steps: [
          probe(pod('slytherin', 'draco-malfoy-0'), pod('gryffindor', 'harry-potter-0'), 'TCP', 80, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('gryffindor', 'harry-potter-0'), 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    shortName: 'CNPBaselineTierIngressUDP',
    description: 'Tests support for ingress traffic (UDP protocol) using baseline cluster network policy API based on a server and client model',
    features: ['ClusterNetworkPolicy'],
    ...manifest('base/baseline_tier/standard-ingress-udp-rules.yaml'),
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 53, true),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 5353, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol at the specified port",
        steps: [
          probe(pod('gryffindor', 'harry-potter-0'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, true),
          probe(pod('gryffindor', 'harry-potter-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'ingress', 0, 1),
          probe(pod('ravenclaw', 'luna-lovegood-0'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 53, false),
          probe(pod('ravenclaw', 'luna-lovegood-1'), pod('hufflepuff', 'cedric-diggory-1'), 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for UDP protocol at the specified port",
        steps: [
          probe(pod('slytherin', 'draco-malfoy-0'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 5353, false),
          probe(pod('slytherin', 'draco-malfoy-1'), pod('hufflepuff', 'cedric-diggory-0'), 'UDP', 53, true),
        ],
      },
    ],
  },
];
