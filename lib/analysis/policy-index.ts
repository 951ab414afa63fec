/**
 * Lookups the engine needs on every question, built once per inventory: policies by namespace
 * (a policy only ever selects pods of its own namespace) and namespace labels by name.
 */
import { Inventory, PodRecord } from './inventory';
import { Labels } from '../core/label-selector';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { NamespaceLabels, podSetMatches } from './matching';
import { Direction, isNamespaced, isolates, Policy } from './policy-model';

/** Policies by namespace and namespace labels by name, for one inventory. */
export interface PolicyIndex {
  readonly policiesByNamespace: ReadonlyMap<string, readonly Policy[]>;
  readonly nsLabels: NamespaceLabels;
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
  for (const p of inventory.policies) {
    if (!isNamespaced(p)) continue;
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
  const index: PolicyIndex = { policiesByNamespace: byNs, nsLabels: (ns) => labels.get(ns) ?? unknown(ns), podsById, podsByIp };
  cache.set(inventory, index);
  return index;
}

/** The policies that select the pod and isolate it in the direction, in inventory order. */
export function isolatingPolicies(index: PolicyIndex, pod: PodRecord, direction: Direction): Policy[] {
  const candidates = index.policiesByNamespace.get(pod.namespace) ?? [];
  return candidates.filter((p) => isolates(p, direction) && podSetMatches(p.subject, p.namespace, pod, index.nsLabels));
}
