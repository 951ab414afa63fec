import { LintIssue, LintRule } from '../rule';
import { rawClusterPeers } from '../cluster-logic';

/**
 * What implementations document about the experimental peers, from kubernetes-sigs/network-policy-api
 * `site-src/implementations.md` (updated 2026-04-21) and the kube-network-policies sources
 * (`plugins/npa-v1alpha1`, `plugins/npa-v1alpha2`); "unknown" where neither says.
 */
export const EXPERIMENTAL_PEER_SUPPORT: Readonly<Record<'nodes' | 'domainNames', string>> = {
  nodes:
    'ClusterNetworkPolicy: kube-network-policies matches them (InternalIP and ExternalIP addresses); Calico 3.32 implements the standard channel only; Kube-OVN lists experimental support without naming fields (unknown); ' +
    'AdminNetworkPolicy: OVN-Kubernetes and kube-network-policies support them, Calico 3.29-3.31, Antrea and Kube-OVN implement standard fields only; Cilium has no implementation (tracking issue); other implementations: unknown',
  domainNames:
    'ClusterNetworkPolicy: kube-network-policies resolves them itself; Calico 3.32 implements the standard channel only; Kube-OVN: unknown; ' +
    'AdminNetworkPolicy: kube-network-policies only (OVN-Kubernetes lists nodes and networks, Calico networks, Antrea and Kube-OVN standard fields); Cilium has no implementation (tracking issue); other implementations: unknown',
};

/** `nodes` and `domainNames` peers: experimental, and few implementations enforce them. */
export const clusterExperimentalPeer: LintRule = {
  id: 'cluster-experimental-peer',
  severity: 'warning',
  title: 'Experimental peer (nodes, domainNames) that the standard channel rejects and few implementations enforce',
  explanation:
    '`nodes` and `domainNames` egress peers exist only in the experimental channel of the network-policy-api CRDs: a cluster running ' +
    'the standard channel rejects the policy (as `netfence validate --crd-channel standard` reports), and among implementations ' +
    'support varies (see the table in docs/lint.md). An implementation that does not support the field may reject the policy or ' +
    'ignore the peer; for Deny and Pass rules the API asks it to fail closed (deny), for Accept rules to match nothing.',
  fix: 'Check that your cluster runs the experimental CRDs and that your network plugin enforces the field; otherwise use `networks` (CIDRs) peers.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.clusterPolicies) {
      for (const raw of rawClusterPeers(p)) {
        for (const field of ['nodes', 'domainNames'] as const) {
          if (raw.peer[field] === undefined || raw.peer[field] === null) continue;
          out.push(ctx.issue(p, [...raw.path, field], `${field} is an experimental peer (standard-channel CRDs reject it); support: ${EXPERIMENTAL_PEER_SUPPORT[field]}`));
        }
      }
    }
    return out;
  },
};
