/**
 * Lookups the engine needs on every question, built once per inventory: NetworkPolicies by
 * namespace (one only ever selects pods of its own namespace), the cluster-scoped policies of
 * each tier in evaluation order, namespace labels by name and nodes by address.
 */
import { Inventory, NodeRecord, PodRecord } from './inventory';
import { Labels } from '../core/label-selector';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { MatchContext, NamespaceLabels, NodesAt, podSetMatches } from './matching';
import { ResolvedEngineOptions } from './options';
import { ClusterPolicyTier, compareClusterPolicies, Direction, isNamespaced, isolates, Policy } from './policy-model';

/** Policies by namespace and namespace labels by name, for one inventory. */
export interface PolicyIndex {
  readonly policiesByNamespace: ReadonlyMap<string, readonly Policy[]>;
  /** The cluster-scoped policies of each tier, by ascending priority (input order among equals). */
  readonly clusterPolicies: Readonly<Record<ClusterPolicyTier, readonly Policy[]>>;
  readonly nsLabels: NamespaceLabels;
  /** The nodes that have an address. */
  readonly nodesAt: NodesAt;
  /** Pods by `namespace/name`. */
  readonly podsById: ReadonlyMap<string, PodRecord>;
  /** Pods by canonical IP. */
  readonly podsByIp: ReadonlyMap<string, PodRecord>;
}

const cache = new WeakMap<Inventory, PolicyIndex>();

/** The index of an inventory, built on first use and then cached. */
export function policyIndex(inventory: Inventory): PolicyIndex {
  const hit = cache.get(inventory);
  if (hit) return hit;
  const byNs = new Map<string, Policy[]>();
  const cluster: Record<ClusterPolicyTier, Policy[]> = { Admin: [], Baseline: [] };
  for (const p of inventory.policies) {
    if (!isNamespaced(p)) {
      if (p.tier !== 'NetworkPolicy') cluster[p.tier].push(p);
      continue;
    }
    const list = byNs.get(p.namespace);
    if (list) list.push(p);
    else byNs.set(p.namespace, [p]);
  }
  const labels = new Map<string, Labels>(inventory.namespaces.map((n) => [n.name, n.labels]));
  // A namespace the inventory does not know (a hypothetical pod's) still has its name label.
  const unknown = (ns: string): Labels => ({ [NAMESPACE_NAME_LABEL]: ns });
  const podsById = new Map<string, PodRecord>(inventory.pods.map((p) => [p.id, p]));
  const podsByIp = new Map<string, PodRecord>();
  for (const p of inventory.pods) for (const ip of p.ips) if (!podsByIp.has(ip)) podsByIp.set(ip, p);
  const nodesByIp = new Map<string, NodeRecord[]>();
  for (const n of inventory.nodes) {
    for (const ip of n.ips) {
      const list = nodesByIp.get(ip);
      if (list) list.push(n);
      else nodesByIp.set(ip, [n]);
    }
  }
  for (const tier of ['Admin', 'Baseline'] as const) cluster[tier].sort(compareClusterPolicies);
  const index: PolicyIndex = {
    policiesByNamespace: byNs,
    clusterPolicies: cluster,
    nsLabels: (ns) => labels.get(ns) ?? unknown(ns),
    nodesAt: (ip) => nodesByIp.get(ip) ?? [],
    podsById,
    podsByIp,
  };
  cache.set(inventory, index);
  return index;
}

/** What matching needs, for one inventory and options. */
export function matchContext(index: PolicyIndex, options: ResolvedEngineOptions): MatchContext {
  return { nsLabels: index.nsLabels, nodesAt: index.nodesAt, options };
}

/** The cluster-scoped policies of a tier that select the pod, in evaluation order (none for a host-network pod). */
export function clusterPoliciesSelecting(index: PolicyIndex, tier: ClusterPolicyTier, pod: PodRecord): Policy[] {
  return index.clusterPolicies[tier].filter((p) => podSetMatches(p.subject, undefined, pod, index.nsLabels));
}

/** The policies that select the pod and isolate it in the direction, in inventory order. */
export function isolatingPolicies(index: PolicyIndex, pod: PodRecord, direction: Direction): Policy[] {
  const candidates = index.policiesByNamespace.get(pod.namespace) ?? [];
  return candidates.filter((p) => isolates(p, direction) && podSetMatches(p.subject, p.namespace, pod, index.nsLabels));
}
