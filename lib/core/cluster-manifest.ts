/**
 * The `policy.networking.k8s.io` wire formats of cluster-scoped network policy, as the API server
 * stores them: ClusterNetworkPolicy (v1alpha2, bundle v0.2.0 of kubernetes-sigs/network-policy-api)
 * and the kinds it replaced, AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1, bundle
 * v0.1.7), which many clusters still run.
 *
 * Unlike NetworkPolicy these objects have no namespace, rules carry an action and are evaluated in
 * order, peers are a one-of (exactly one field set), and ports are `protocols` entries.
 */
import { LabelSelectorManifest, ObjectMetaManifest } from './manifest';

/** The API group of every cluster-scoped network policy kind. */
export const POLICY_NETWORKING_GROUP = 'policy.networking.k8s.io';

/** The group version that serves ClusterNetworkPolicy. */
export const CLUSTER_NETWORK_POLICY_API_VERSION = 'policy.networking.k8s.io/v1alpha2';

/** The kind of ClusterNetworkPolicy objects. */
export const CLUSTER_NETWORK_POLICY_KIND = 'ClusterNetworkPolicy';

/** The group version that serves the legacy AdminNetworkPolicy and BaselineAdminNetworkPolicy. */
export const ADMIN_NETWORK_POLICY_API_VERSION = 'policy.networking.k8s.io/v1alpha1';

/** The kind of legacy AdminNetworkPolicy objects (the Admin tier). */
export const ADMIN_NETWORK_POLICY_KIND = 'AdminNetworkPolicy';

/** The kind of the legacy BaselineAdminNetworkPolicy singleton (the Baseline tier). */
export const BASELINE_ADMIN_NETWORK_POLICY_KIND = 'BaselineAdminNetworkPolicy';

/** The one name a BaselineAdminNetworkPolicy may have (its CRD's CEL rule). */
export const BASELINE_ADMIN_NETWORK_POLICY_NAME = 'default';

/** A ClusterNetworkPolicy tier, as the API spells it. */
export type ClusterTierName = 'Admin' | 'Baseline';

/** A ClusterNetworkPolicy rule action, as the API spells it. */
export type ClusterActionName = 'Accept' | 'Deny' | 'Pass';

/** The lowest and highest `spec.priority` (lower numbers are evaluated first). */
export const CLUSTER_PRIORITY_MIN = 0;
/** The highest `spec.priority`. */
export const CLUSTER_PRIORITY_MAX = 1000;

/** Pods selected by namespace AND pod labels; an absent namespaceSelector means every namespace. */
export interface NamespacedPodManifest {
  readonly namespaceSelector?: LabelSelectorManifest;
  readonly podSelector: LabelSelectorManifest;
}

/** `spec.subject`: exactly one field set. */
export interface ClusterNetworkPolicySubjectManifest {
  readonly namespaces?: LabelSelectorManifest;
  readonly pods?: NamespacedPodManifest;
}

/** An ingress peer (`from` entry): exactly one field set. */
export interface ClusterNetworkPolicyIngressPeerManifest {
  readonly namespaces?: LabelSelectorManifest;
  readonly pods?: NamespacedPodManifest;
}

/** An egress peer (`to` entry): exactly one field set; `nodes` and `domainNames` are experimental. */
export interface ClusterNetworkPolicyEgressPeerManifest {
  readonly namespaces?: LabelSelectorManifest;
  readonly pods?: NamespacedPodManifest;
  readonly networks?: readonly string[];
  readonly nodes?: LabelSelectorManifest;
  readonly domainNames?: readonly string[];
}

/** `destinationPort`: exactly one of a port number or an inclusive range with start < end. */
export interface ClusterNetworkPolicyPortManifest {
  readonly number?: number;
  readonly range?: { readonly start: number; readonly end: number };
}

/** One `protocols` entry: exactly one of tcp, udp, sctp (each with a destinationPort) or a named port. */
export interface ClusterNetworkPolicyProtocolManifest {
  readonly tcp?: { readonly destinationPort: ClusterNetworkPolicyPortManifest };
  readonly udp?: { readonly destinationPort: ClusterNetworkPolicyPortManifest };
  readonly sctp?: { readonly destinationPort: ClusterNetworkPolicyPortManifest };
  readonly destinationNamedPort?: string;
}

/** An ingress rule: an action on traffic from any of `from`, optionally only on `protocols`. */
export interface ClusterNetworkPolicyIngressRuleManifest {
  readonly name?: string;
  readonly action: ClusterActionName;
  readonly from: readonly ClusterNetworkPolicyIngressPeerManifest[];
  readonly protocols?: readonly ClusterNetworkPolicyProtocolManifest[];
}

/** An egress rule: an action on traffic to any of `to`, optionally only on `protocols`. */
export interface ClusterNetworkPolicyEgressRuleManifest {
  readonly name?: string;
  readonly action: ClusterActionName;
  readonly to: readonly ClusterNetworkPolicyEgressPeerManifest[];
  readonly protocols?: readonly ClusterNetworkPolicyProtocolManifest[];
}

/** A ClusterNetworkPolicy `spec`. */
export interface ClusterNetworkPolicySpecManifest {
  readonly tier: ClusterTierName;
  readonly priority: number;
  readonly subject: ClusterNetworkPolicySubjectManifest;
  readonly ingress?: readonly ClusterNetworkPolicyIngressRuleManifest[];
  readonly egress?: readonly ClusterNetworkPolicyEgressRuleManifest[];
}

/** A whole ClusterNetworkPolicy object; its metadata has no namespace (the kind is cluster-scoped). */
export interface ClusterNetworkPolicyManifest {
  readonly apiVersion: typeof CLUSTER_NETWORK_POLICY_API_VERSION;
  readonly kind: typeof CLUSTER_NETWORK_POLICY_KIND;
  readonly metadata: Omit<ObjectMetaManifest, 'namespace'>;
  readonly spec: ClusterNetworkPolicySpecManifest;
}

/** The kinds of cluster-scoped network policy netfence reads, with the group version serving each. */
export const CLUSTER_SCOPED_POLICY_KINDS: Readonly<Record<string, string>> = Object.freeze({
  [CLUSTER_NETWORK_POLICY_KIND]: CLUSTER_NETWORK_POLICY_API_VERSION,
  [ADMIN_NETWORK_POLICY_KIND]: ADMIN_NETWORK_POLICY_API_VERSION,
  [BASELINE_ADMIN_NETWORK_POLICY_KIND]: ADMIN_NETWORK_POLICY_API_VERSION,
});
