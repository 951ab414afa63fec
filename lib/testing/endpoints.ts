import { NetfenceError } from '../core/errors';
import { Cidr } from '../core/cidr';
import { LabelSelector } from '../core/label-selector';
import { Namespaces } from '../core/namespaces';
import { Pods } from '../core/pods';
import { assembleInventory, Endpoint, externalEndpoint, Inventory, makePod, resolveEndpoint } from '../analysis';

/**
 * One end of a flow in a reachability assertion: SDK pods (`Pods.labelled(...)`), a construct
 * that exposes `pods` (a workload of a platform library), all pods of a namespace, `ns/pod` text,
 * an IP address, or a Cidr (its first address stands for the block).
 */
export type FlowEnd = Pods | Namespaces | Cidr | { readonly pods: Pods } | string;

/** The endpoints an end stands for, and the inventory extended with any stand-in pods. */
export interface ResolvedEnd {
  readonly endpoints: readonly Endpoint[];
  readonly inventory: Inventory;
  /** How the end was described, for messages. */
  readonly description: string;
}

/** Labels of a stand-in pod that the selector matches: the smallest such set. */
function witnessLabels(selector: LabelSelector): Record<string, string> | undefined {
  if (!selector.isSatisfiable) return undefined;
  const labels: Record<string, string> = { ...selector.labels };
  for (const r of selector.requirements) {
    if (r.operator === 'In' && labels[r.key] === undefined) labels[r.key] = r.values[0];
    if (r.operator === 'Exists' && labels[r.key] === undefined) labels[r.key] = 'present';
  }
  return selector.matches(labels) ? labels : undefined;
}

/**
 * Resolves an end against the inventory. Selectors that match no pod of the inventory (an app
 * of policies without workloads) get one stand-in pod carrying just the labels they need, so
 * that "frontend can reach web" can be proved before any Deployment is written.
 */
export function resolveEnd(inventory: Inventory, end: FlowEnd, homeNamespace: string | undefined): ResolvedEnd {
  if (typeof end === 'string') {
    return { endpoints: [resolveEndpoint(inventory, end)], inventory, description: end };
  }
  if (end instanceof Cidr) {
    const first = end.blocks[0].cidr.split('/')[0];
    return { endpoints: [externalEndpoint(first)], inventory, description: end.describe() };
  }
  let pods: Pods;
  let namespace: string | undefined;
  if (end instanceof Namespaces) {
    const selectable = end.selectable();
    if (!selectable) {
      throw new NetfenceError(`${end.describe()}: name exactly one namespace to use it as a flow end (Namespaces.named('x'))`);
    }
    pods = Pods.all().inNamespace(selectable.namespace);
    namespace = selectable.namespace;
  } else {
    pods = end instanceof Pods ? end : end.pods;
  }
  const where = homeNamespace ?? '';
  const selectable = pods.selectable(where);
  namespace = namespace ?? selectable?.namespace;
  if (selectable === undefined || namespace === '') {
    throw new NetfenceError(
      `${pods.describe(where || '<chart namespace>')}: say which namespace these pods live in: .inNamespace('x'), or assert on a Chart that has a namespace`,
    );
  }
  const matching = inventory.pods.filter(
    (p) => p.namespace === selectable.namespace && selectable.selector.matches(p.labels),
  );
  const description = pods.describe(where);
  if (matching.length > 0) {
    return { endpoints: matching.map((pod) => ({ kind: 'pod', pod })), inventory, description };
  }
  const labels = witnessLabels(selectable.selector);
  if (!labels) throw new NetfenceError(`${description}: the selector can match no pod at all`);
  const standIn = makePod(selectable.namespace, `(${selectable.selector.describe()})`, { labels, kind: 'StandIn' });
  const extended = assembleInventory(
    inventory.namespaces.filter((n) => n.declared).map((n) => ({ name: n.name, labels: n.labels })),
    [...inventory.pods, standIn],
    inventory.policies,
  );
  return { endpoints: [{ kind: 'pod', pod: standIn }], inventory: extended, description };
}
