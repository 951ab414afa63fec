/**
 * The two inventories a connectivity diff compares. Both hold the same endpoints: the union of
 * the namespaces, nodes, pods and workloads of the base, the head and any extra inventory, plus
 * the stand-ins of every pod set a policy of either side names that no input matches (so a repo
 * of policies alone still shows what a change opens and closes), plus the ends asked for with
 * `include`. Each world holds only its own side's policies: NetworkPolicies and the
 * cluster-scoped kinds (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy).
 *
 * When an object is on several sides, each world uses its own side's version (so a label change
 * in the head counts as a change), then the extra inventory's, then the other side's. Policies in
 * the extra inventory (a cluster dump, say) are ignored: the diff is about the two sides' rules.
 * Every side is read by readInputs: invalid objects refuse the diff unless `skipInvalid`. Policies
 * in the extra inventory are ignored, cluster-scoped ones included.
 */
import { NetfenceError } from '../core/errors';
import { CidrBlock } from '../core/ip';
import { resolveFlowEnd } from '../analysis/ends';
import { FlowEndSpec } from '../analysis/flow-end';
import { assembleInventory, Inventory, PodRecord } from '../analysis/inventory';
import { Policy } from '../analysis/policy-model';
import { assembleObjects, InputObject, InputWarning, readInputs, ReadOptions, SourcedObject } from '../analysis/read-inputs';
import { StandIns } from '../analysis/stand-ins';
import { appendAll } from '../core/values';
import { NamedPortProbes, namedPortProbes } from './named-port-probes';

/** The base and head inventories, over the same endpoints. */
export interface DiffWorlds {
  readonly base: Inventory;
  readonly head: Inventory;
  /** What reading the sides had to say (duplicates, kinds not read, skipped invalid objects). */
  readonly warnings: readonly InputWarning[];
  /** True when the two sides' policies differ in meaning (names, tiers, priorities, selectors, rules). */
  readonly policiesChanged: boolean;
  /** CIDR bounds of included ends, so address regions split there too. */
  readonly blocks: readonly CidrBlock[];
  /** Addresses of included ends that are no pod's. */
  readonly addresses: readonly string[];
  /**
   * The named ports of stand-ins, each at a probe number above 65535 (named-port-probes.ts): the
   * diff asks about them for flows to stand-ins.
   */
  readonly namedPorts: NamedPortProbes;
}

const NO_PROBES: NamedPortProbes = { ports: [], intervals: [], uncompared: [] };

/** Options of buildDiffWorlds. */
export interface DiffWorldOptions extends ReadOptions {
  /** More ends to compare: selectors (their pods or stand-in), addresses, CIDRs. */
  readonly include?: readonly FlowEndSpec[];
}

function endpointsByKey(objects: readonly InputObject[], order: Map<string, number>): Map<string, InputObject> {
  const out = new Map<string, InputObject>();
  for (const o of objects) {
    if (o.kind !== 'Namespace' && o.kind !== 'Pod' && o.kind !== 'Node') continue;
    if (!order.has(o.key)) order.set(o.key, order.size);
    out.set(o.key, o);
  }
  return out;
}

/** A policy's meaning as text: its kind, tier, priority, what it selects and what its rules say (not where it was read). */
function meaning(p: Policy): string {
  return JSON.stringify([p.kind, p.id, p.tier, p.priority, p.subject, p.isolatesIngress, p.isolatesEgress, p.ingress, p.egress], (_, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
}

function policiesDiffer(a: readonly Policy[], b: readonly Policy[]): boolean {
  const set = (ps: readonly Policy[]): string => ps.map(meaning).sort().join('\n');
  return set(a) !== set(b);
}

/**
 * Builds the two worlds. Endpoint objects are listed in one shared order (first appearance in
 * inventory, base, head), so both worlds name every pod the same way.
 */
export function buildDiffWorlds(
  base: readonly SourcedObject[],
  head: readonly SourcedObject[],
  inventory: readonly SourcedObject[] = [],
  options: DiffWorldOptions = {},
): DiffWorlds {
  const ri = readInputs(inventory, options);
  const rb = readInputs(base, options);
  const rh = readInputs(head, options);
  const order = new Map<string, number>();
  const inv = endpointsByKey(ri.objects, order);
  const b = endpointsByKey(rb.objects, order);
  const h = endpointsByKey(rh.objects, order);
  const keys = [...order.keys()].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
  const world = (own: Map<string, InputObject>, other: Map<string, InputObject>, side: readonly InputObject[]): Inventory => {
    const endpoints = keys.map((k) => own.get(k) ?? inv.get(k) ?? other.get(k)).filter((o): o is InputObject => o !== undefined);
    return assembleObjects([...endpoints, ...side.filter((o) => o.kind === 'NetworkPolicy' || o.kind === 'ClusterPolicy')]);
  };
  const realBase = world(b, h, rb.objects);
  const realHead = world(h, b, rh.objects);
  const ids = (i: Inventory): string => i.pods.map((p) => p.id).sort().join('\n');
  if (ids(realBase) !== ids(realHead)) {
    throw new NetfenceError('base and head do not give the same pods: does a workload lack spec.template on one side?');
  }
  // Stand-ins for every pod set of either side's policies (and the included ends), in both worlds.
  const policies = [...realBase.policies, ...realHead.policies];
  const blocks: CidrBlock[] = [];
  const addresses = new Set<string>();
  // Stand-ins expose every named port the rules use, each at a probe number (named-port-probes.ts).
  const probes = namedPortProbes([realBase, realHead]);
  const covers = [realBase, realHead].map((w) => {
    const s = new StandIns(w, probes.ports);
    s.coverPolicies(policies);
    for (const end of options.include ?? []) {
      for (const m of resolveFlowEnd(s, end).members) if (m.endpoint.kind === 'external' && m.region === undefined) addresses.add(m.endpoint.ip);
    }
    return s;
  });
  for (const end of options.include ?? []) if (end.kind === 'cidr') appendAll(blocks, end.blocks.flatMap((x) => [x.cidr, ...x.except]));
  const standInPods = new Map<string, PodRecord>();
  const standInNs = new Map<string, { name: string; labels: Record<string, string>; standIn: true }>();
  for (const s of covers) {
    for (const p of s.standIns) if (!standInPods.has(p.id)) standInPods.set(p.id, p);
    for (const n of s.standInNamespaces) if (!standInNs.has(n.name)) standInNs.set(n.name, { ...n, labels: { ...n.labels }, standIn: true });
  }
  const extend = (w: Inventory): Inventory => {
    if (standInPods.size === 0 && standInNs.size === 0) return w;
    // A namespace the inputs declare keeps its labels: stand-in namespaces come first.
    const declared = w.namespaces.filter((n) => n.declared).map((n) => ({ name: n.name, labels: n.labels }));
    return assembleInventory([...standInNs.values(), ...declared], [...w.pods, ...standInPods.values()], w.policies, w.nodes);
  };
  return {
    base: extend(realBase),
    head: extend(realHead),
    warnings: [...ri.warnings, ...rb.warnings, ...rh.warnings],
    policiesChanged: policiesDiffer(realBase.policies, realHead.policies),
    blocks,
    addresses: [...addresses],
    namedPorts: standInPods.size === 0 ? NO_PROBES : probes,
  };
}
