import { IConstruct } from 'constructs';
import { NetfenceError } from '../core/errors';
import { Cidr } from '../core/cidr';
import { workloadObjectOf } from '../core/workload-pods';
import { Namespaces } from '../core/namespaces';
import { Pods } from '../core/pods';
import { DEFAULT_NAMESPACE, FlowEndSpec, parseCidrEnd, parseFlowEnd } from '../analysis';

/**
 * One end of a flow in a reachability assertion: SDK pods (`Pods.labelled(...)`), a construct
 * that exposes `pods` (a workload of a platform library), a workload construct of the app (a
 * Deployment ApiObject, a cdk8s-plus workload), every pod of named namespaces, a Cidr (decided
 * over every address region the policies tell apart), or the text form every command reads
 * (`ns/name`, `ns/<selector>`, `ns/*`, an IP address, a CIDR).
 */
export type FlowEnd = Pods | Namespaces | Cidr | { readonly pods: Pods } | IConstruct | string;

/** An end in the analysis's one model of flow ends, and how to describe it in messages. */
export interface EndOfFlow {
  readonly specs: readonly FlowEndSpec[];
  readonly description: string;
}

/**
 * Maps an SDK value to the analysis's model of flow ends: `Pods` (in the chart's namespace unless
 * placed) and `Namespaces.named(...)` become selector ends, a workload construct its name, a Cidr
 * its blocks (host bits refused, as at synth), text is parsed as the CLI parses it.
 */
export function endOf(end: FlowEnd, homeNamespace: string | undefined): EndOfFlow {
  if (typeof end === 'string') return { specs: [parseFlowEnd(end)], description: end };
  const workload = workloadObjectOf(end);
  if (workload !== undefined) {
    const namespace = workload.namespace ?? DEFAULT_NAMESPACE;
    return { specs: [{ kind: 'name', namespace, name: workload.name }], description: `${workload.kind} ${namespace}/${workload.name}` };
  }
  if (end instanceof Cidr) {
    const blocks = end.blocks.map((b) => ({ cidr: parseCidrEnd(b.cidr), except: b.except.map(parseCidrEnd) }));
    return { specs: [{ kind: 'cidr', blocks }], description: end.describe() };
  }
  if (end instanceof Namespaces) {
    if (end.names === undefined) {
      throw new NetfenceError(`${end.describe()}: name the namespaces to use them as a flow end (Namespaces.named('x'))`);
    }
    return { specs: end.names.map((namespace) => ({ kind: 'pods', namespace, selector: {} })), description: end.describe() };
  }
  let pods: Pods;
  if (end instanceof Pods) pods = end;
  else if (typeof end === 'object' && end !== null && 'pods' in end && end.pods instanceof Pods) pods = end.pods;
  else throw new NetfenceError(`${String(end)}: not a flow end; pass Pods, a workload construct, 'ns/pod', 'ns/<selector>', an IP address or a Cidr`);
  const where = homeNamespace ?? '';
  const selectable = pods.selectable(where);
  if (selectable === undefined || selectable.namespace === '') {
    throw new NetfenceError(
      `${pods.describe(where || '<chart namespace>')}: say which namespace these pods live in: .inNamespace('x'), or assert on a Chart that has a namespace`,
    );
  }
  return { specs: [{ kind: 'pods', namespace: selectable.namespace, selector: selectable.selector.toManifest() }], description: pods.describe(where) };
}
