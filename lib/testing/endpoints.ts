import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NetfenceError } from '../core/errors';
import { Cidr } from '../core/cidr';
import { LabelSelector } from '../core/label-selector';
import { Namespaces } from '../core/namespaces';
import { Pods } from '../core/pods';
import {
  assembleInventory,
  DEFAULT_NAMESPACE,
  Endpoint,
  externalEndpoint,
  Inventory,
  makePod,
  resolveEndpoint,
  WORKLOAD_KINDS,
} from '../analysis';

/**
 * One end of a flow in a reachability assertion: SDK pods (`Pods.labelled(...)`), a construct
 * that exposes `pods` (a workload of a platform library), a workload construct of the app (a
 * Deployment ApiObject, a cdk8s-plus workload), all pods of a namespace, `ns/pod` text, an IP
 * address, or a Cidr (its first address stands for the block).
 */
export type FlowEnd = Pods | Namespaces | Cidr | { readonly pods: Pods } | IConstruct | string;

/** The workload object behind a construct, when it is (or wraps) one the inventory models. */
function workloadObject(end: unknown): ApiObject | undefined {
  if (typeof end !== 'object' || end === null || !('node' in end)) return undefined;
  let obj: ApiObject | undefined;
  try {
    obj = ApiObject.of(end as IConstruct);
  } catch {
    // cdk8s-plus keeps its object on `apiObject`; a plain construct has none.
    const wrapped = (end as { apiObject?: unknown }).apiObject;
    obj = ApiObject.isApiObject(wrapped) ? wrapped : undefined;
  }
  return obj !== undefined && WORKLOAD_KINDS.includes(obj.kind) ? obj : undefined;
}

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
  const workload = workloadObject(end);
  if (workload !== undefined) {
    // The inventory models each workload as one representative pod named after it.
    const id = `${workload.metadata.namespace ?? DEFAULT_NAMESPACE}/${workload.name}`;
    return { endpoints: [resolveEndpoint(inventory, id)], inventory, description: `${workload.kind} ${id}` };
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
    if (end instanceof Pods) pods = end;
    else if ('pods' in end && end.pods instanceof Pods) pods = end.pods;
    else throw new NetfenceError(`${String(end)}: not a flow end; pass Pods, a workload construct, 'ns/pod' or an IP address`);
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
