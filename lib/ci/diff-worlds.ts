/**
 * The two inventories a connectivity diff compares. Both hold the same endpoints, the union of
 * the namespaces, pods and workloads of the base, the head and any extra inventory, so a flow is
 * compared between the same two ends; each holds only its own side's NetworkPolicies.
 *
 * When an object is on several sides, each world uses its own side's version (so a label change
 * in the head counts as a change), then the extra inventory's, then the other side's. Policies in
 * the extra inventory (a cluster dump, say) are ignored: the diff is about the two sides' rules.
 */
import { NetfenceError } from '../core/errors';
import { LoadedManifest } from '../io/manifests';
import { DEFAULT_NAMESPACE, inventoryFromManifests, WORKLOAD_KINDS } from '../analysis/inventory-from-manifests';
import { Inventory } from '../analysis/inventory';

/** The base and head inventories, over the same endpoints. */
export interface DiffWorlds {
  readonly base: Inventory;
  readonly head: Inventory;
}

const ENDPOINT_KINDS = new Set<string>(['Namespace', 'Pod', ...WORKLOAD_KINDS]);

function isPolicy(m: LoadedManifest): boolean {
  const api = m.object.apiVersion;
  return m.object.kind === 'NetworkPolicy' && typeof api === 'string' && api.startsWith('networking.k8s.io/');
}

/** `kind/namespace/name` for objects that make endpoints; undefined for everything else. */
function endpointKey(m: LoadedManifest): string | undefined {
  const kind = m.object.kind;
  if (typeof kind !== 'string' || !ENDPOINT_KINDS.has(kind)) return undefined;
  const meta = m.object.metadata;
  const rec = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
  const name = typeof rec.name === 'string' ? rec.name : '';
  const ns = kind === 'Namespace' ? '' : typeof rec.namespace === 'string' && rec.namespace !== '' ? rec.namespace : DEFAULT_NAMESPACE;
  return `${kind}\u0000${ns}\u0000${name}`;
}

function endpointsByKey(manifests: readonly LoadedManifest[], order: Map<string, number>): Map<string, LoadedManifest> {
  const out = new Map<string, LoadedManifest>();
  for (const m of manifests) {
    const key = endpointKey(m);
    if (key === undefined) continue;
    if (!order.has(key)) order.set(key, order.size);
    out.set(key, m); // a later copy wins, as a later `kubectl apply` would
  }
  return out;
}

/**
 * Builds the two worlds. Endpoint objects are listed in one shared order (first appearance in
 * inventory, base, head), so both worlds name every pod the same way.
 */
export function buildDiffWorlds(
  base: readonly LoadedManifest[],
  head: readonly LoadedManifest[],
  inventory: readonly LoadedManifest[] = [],
): DiffWorlds {
  const order = new Map<string, number>();
  const inv = endpointsByKey(inventory, order);
  const b = endpointsByKey(base, order);
  const h = endpointsByKey(head, order);
  const keys = [...order.keys()].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
  const world = (own: Map<string, LoadedManifest>, other: Map<string, LoadedManifest>, side: readonly LoadedManifest[]): Inventory => {
    const endpoints = keys.map((k) => own.get(k) ?? inv.get(k) ?? other.get(k)).filter((m): m is LoadedManifest => m !== undefined);
    return inventoryFromManifests([...endpoints, ...side.filter(isPolicy)]);
  };
  const worlds = { base: world(b, h, base), head: world(h, b, head) };
  const ids = (i: Inventory): string => i.pods.map((p) => p.id).sort().join('\n');
  if (ids(worlds.base) !== ids(worlds.head)) {
    // Both worlds list the same objects; only a workload whose pod template is missing on one
    // side (so it makes a pod there and not here) can get here.
    throw new NetfenceError('base and head do not give the same pods: does a workload lack spec.template on one side?');
  }
  return worlds;
}
