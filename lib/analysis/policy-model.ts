/**
 * The one model of a policy that every face consumes (engine, intent resolver, lint, diff, graph,
 * matchers): policies of every kind with the API server's defaults applied and their CIDRs
 * parsed, so nothing re-derives a default or re-parses an address. Each kind has one reader
 * (normalize-policy.ts for NetworkPolicy, read-cluster-policy.ts for ClusterNetworkPolicy,
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy) and nothing else reads policy YAML.
 *
 * Defaults, as in kubernetes/kubernetes pkg/apis/networking/v1/defaults.go:
 * - `SetDefaults_NetworkPolicy`: when `policyTypes` is empty or absent, it becomes `[Ingress]`,
 *   plus `Egress` iff `len(spec.egress) != 0`. So `egress: []` without policyTypes does NOT make
 *   the policy an egress policy, while `egress: [{}]` does.
 * - `SetDefaults_NetworkPolicyPort`: an absent protocol is TCP.
 * An absent `from`/`to` and an empty one both mean "every peer"; likewise for `ports`
 * (networking/v1 types.go field docs). An absent `spec.podSelector` decodes as `{}` (the Go
 * field is not a pointer), selecting every pod of the namespace.
 */
import { LabelSelectorManifest, ProtocolName } from '../core/manifest';
import { CidrBlock } from '../core/ip';
import { SourceLocation } from '../core/errors';

/** The API kinds of policy the engine reads. */
export type PolicyKind = 'NetworkPolicy' | 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/**
 * The tiers a connection's each direction passes through, in this order: cluster guardrails
 * (Admin), the namespaces' own NetworkPolicies, then cluster defaults (Baseline).
 */
export type PolicyTier = 'Admin' | 'NetworkPolicy' | 'Baseline';

/** Every tier, in evaluation order. */
export const POLICY_TIERS: readonly PolicyTier[] = ['Admin', 'NetworkPolicy', 'Baseline'];

/** The tiers of cluster-scoped policies. */
export type ClusterPolicyTier = Exclude<PolicyTier, 'NetworkPolicy'>;

/**
 * What a matching rule does: Accept allows, Deny denies, Pass leaves the decision to the next
 * tier. Every NetworkPolicy rule is an Accept (in the NetworkPolicy tier, where a policy also
 * isolates the pods it selects).
 */
export type RuleAction = 'Accept' | 'Deny' | 'Pass';

/**
 * A set of pods: those of the namespaces `namespaceSelector` matches (absent: the policy's own
 * namespace, which only namespaced policies have) whose labels `podSelector` matches (absent:
 * every pod). Policy subjects and pod peers are both pod sets, matched by one function.
 */
export interface PodSet {
  /** Absent means the policy's own namespace; `{}` means every namespace. */
  readonly namespaceSelector?: LabelSelectorManifest;
  /** Absent means every pod of the selected namespaces. */
  readonly podSelector?: LabelSelectorManifest;
}

/** The pods a policy applies to; its podSelector is always present (`{}` selects every pod). */
export interface PolicySubject extends PodSet {
  readonly podSelector: LabelSelectorManifest;
}

/** A peer that selects pods. */
export interface PodsPeer extends PodSet {
  readonly kind: 'pods';
}

/** A peer that selects addresses: a CIDR minus its exceptions. */
export interface IpBlockPeer {
  readonly kind: 'ipBlock';
  readonly cidr: CidrBlock;
  readonly except: readonly CidrBlock[];
}

/** One peer of a rule, normalized. */
export type PolicyPeer = PodsPeer | IpBlockPeer;

/**
 * A peer that selects nodes (ClusterNetworkPolicy egress, experimental): the IP addresses in
 * `status.addresses` of the nodes `nodeSelector` matches (`{}`: every node).
 */
export interface NodesPeer {
  readonly kind: 'nodes';
  readonly nodeSelector: LabelSelectorManifest;
}

/**
 * A peer that names domains (ClusterNetworkPolicy egress, experimental, Accept rules): exact
 * names, or `*.example.com` for every name below example.com (not example.com itself).
 */
export interface DomainNamesPeer {
  readonly kind: 'domainNames';
  readonly domainNames: readonly string[];
}

/**
 * Peers only cluster-scoped kinds have, kept apart from `PolicyPeer` (in `PolicyRule.clusterPeers`)
 * so that code written for NetworkPolicy peers (pod sets and ipBlocks) cannot take a node or
 * domain name peer for a pod set; the engine (matching.ts) and the cluster lint rules read them.
 */
export type ClusterOnlyPeer = NodesPeer | DomainNamesPeer;

/** One entry of a rule's `ports`, with the protocol defaulted. */
export interface PolicyPort {
  readonly protocol: ProtocolName;
  /** A number, a container port name, or absent for every port of the protocol. */
  readonly port?: number | string;
  /** The last port of a range starting at `port`. */
  readonly endPort?: number;
}

/** One ingress or egress rule, normalized. */
export interface PolicyRule {
  /** What the rule does to the flows it matches; always Accept for NetworkPolicy. */
  readonly action: RuleAction;
  /** The rule's own name, where the API gives rules names. */
  readonly name?: string;
  /**
   * Absent when the rule admits every peer (a NetworkPolicy field absent or empty). Rules of
   * cluster-scoped kinds always list their peers, so for them it is always present, and empty
   * when all their peers are `clusterPeers`.
   */
  readonly peers?: readonly PolicyPeer[];
  /**
   * Node and domain name peers (cluster-scoped kinds only); the rule matches a peer when any of
   * `peers` or `clusterPeers` matches it.
   */
  readonly clusterPeers?: readonly ClusterOnlyPeer[];
  /** Absent when the rule admits every port (the field was absent or empty). */
  readonly ports?: readonly PolicyPort[];
}

/** A traffic direction from the point of view of the selected pod. */
export type Direction = 'ingress' | 'egress';

/**
 * A policy of any kind as the engine evaluates it. A NetworkPolicy is the `NetworkPolicy` tier,
 * priority 0, namespaced, isolating its subject in the directions of its (defaulted)
 * policyTypes, with Accept rules. Cluster-scoped kinds have no namespace, isolate nothing, and
 * decide by their rules' actions in their tier, ordered by priority (lower first); their
 * subjects and pod peers always carry a namespaceSelector, and never include host-network pods
 * (the API says so: such pods are matched by `nodes` and `networks` peers only).
 */
export interface Policy {
  readonly kind: PolicyKind;
  readonly tier: PolicyTier;
  /** Order within the tier, lower first; 0 for NetworkPolicy, where order does not matter. */
  readonly priority: number;
  /** The policy's namespace; absent for cluster-scoped kinds. */
  readonly namespace?: string;
  readonly name: string;
  /** `namespace/name` for a NetworkPolicy, `cnp/name` (`anp/`, `banp/`) for cluster-scoped kinds: how reasons name the policy. */
  readonly id: string;
  /** The pods the policy applies to. */
  readonly subject: PolicySubject;
  /** True when a NetworkPolicy has `Ingress` among its (defaulted) policyTypes: its subject is isolated for ingress. */
  readonly isolatesIngress: boolean;
  /** True when a NetworkPolicy has `Egress` among its (defaulted) policyTypes: its subject is isolated for egress. */
  readonly isolatesEgress: boolean;
  /** Rules in the order written (the order decides in the tiers with actions). */
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  /** Where the policy was read from, when known. */
  readonly source?: SourceLocation;
}

/** A policy of a namespaced kind (NetworkPolicy), whose namespace is always known. */
export interface NamespacedPolicy extends Policy {
  readonly namespace: string;
}

/** True for policies of a namespaced kind. */
export function isNamespaced(policy: Policy): policy is NamespacedPolicy {
  return policy.namespace !== undefined;
}

/** The rules of a policy for one direction. */
export function rulesFor(policy: Policy, direction: Direction): readonly PolicyRule[] {
  return direction === 'ingress' ? policy.ingress : policy.egress;
}

/** True when the policy isolates its pods in the direction. */
export function isolates(policy: Policy, direction: Direction): boolean {
  return direction === 'ingress' ? policy.isolatesIngress : policy.isolatesEgress;
}

/**
 * The text a reason uses for a rule: `ns/name ingress[0]` for a NetworkPolicy; for the cluster
 * tiers also the tier, the priority, the rule's name and its action:
 * `cnp/tenants (Admin, priority 100) egress[1] "deny-other-tenants": Deny`.
 */
export function ruleLabel(policy: Policy, direction: Direction, index: number): string {
  const at = `${direction}[${index}]`;
  if (policy.tier === 'NetworkPolicy') return `${policy.id} ${at}`;
  const rule = rulesFor(policy, direction)[index];
  const name = rule?.name !== undefined ? ` ${JSON.stringify(rule.name)}` : '';
  return `${policy.id} (${policy.tier}, priority ${policy.priority}) ${at}${name}: ${rule?.action ?? '?'}`;
}

/** True for the cluster-scoped kinds (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy). */
export function isClusterScoped(policy: Policy): boolean {
  return policy.tier !== 'NetworkPolicy';
}

/**
 * Evaluation order within a tier: ascending priority. Policies of equal priority keep their
 * relative (input) order, which decides nothing: the engine evaluates them as one group.
 */
export function compareClusterPolicies(a: Policy, b: Policy): number {
  return a.priority - b.priority;
}
