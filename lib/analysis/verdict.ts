/**
 * The answer to "may this flow happen", with its reasons: for each direction, what every tier
 * said (tiers.ts): the cluster rule that decided, the Pass rules on the way, and whether
 * NetworkPolicies isolate the pod and which of their rules admit the flow.
 *
 * A flow is allowed iff the source's egress AND the destination's ingress allow it; denied when
 * either denies; otherwise implementation-defined or dependent on DNS (outcome.ts). An address
 * outside the cluster and a host-network pod are never a policy's subject: their side allows.
 *
 * Outside the model (see docs/analysis.md): a pod reaching its own IP is evaluated like any other
 * pair (it stands for traffic between a workload's replicas; the ClusterNetworkPolicy API exempts
 * a single pod's hairpin traffic), traffic between a pod and its own node (most plugins always
 * allow it), Service virtual IPs (give pod-to-pod flows on container ports: a Service port is
 * translated before policy applies), connection replies (policies govern who may open a
 * connection; replies of an allowed connection always pass), and ipBlock reading for pod IPs
 * (matches by default, as upstream conformance expects; see EngineOptions).
 */
import { ProtocolName } from '../core/manifest';
import { Endpoint, endpointName, PortProtocol, resolveEndpoint } from './endpoint';
import { Inventory } from './inventory';
import { EngineOptions, resolveOptions } from './options';
import { combineOutcomes, Outcome } from './outcome';
import { matchContext, policyIndex } from './policy-index';
import { decideDirection, DirectionVerdict } from './tiers';

/** The verdict on a flow. */
export interface Verdict {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol: ProtocolName;
  /** True iff both the egress and the ingress side allow the flow. */
  readonly allowed: boolean;
  /** Allowed, denied, or undecided (implementation-defined, depends on DNS): see outcome.ts. */
  readonly outcome: Outcome;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}

/** A flow to evaluate; ends are `namespace/pod` or an IP address, or resolved endpoints. */
export interface FlowQuery {
  readonly from: string | Endpoint;
  readonly to: string | Endpoint;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: ProtocolName;
}

/** Evaluates one flow against the inventory and explains the outcome. */
export function evaluateFlow(inventory: Inventory, flow: FlowQuery, options: EngineOptions = {}): Verdict {
  const from = typeof flow.from === 'string' ? resolveEndpoint(inventory, flow.from) : flow.from;
  const to = typeof flow.to === 'string' ? resolveEndpoint(inventory, flow.to) : flow.to;
  const pp: PortProtocol = { port: flow.port, protocol: flow.protocol ?? 'TCP' };
  const index = policyIndex(inventory);
  const ctx = matchContext(index, resolveOptions(options));
  const egress = decideDirection(index, ctx, 'egress', from, { peer: to, destination: to, ...pp });
  const ingress = decideDirection(index, ctx, 'ingress', to, { peer: from, destination: to, ...pp });
  const outcome = combineOutcomes(egress.outcome, ingress.outcome);
  return { from, to, port: pp.port, protocol: pp.protocol, allowed: outcome === 'allowed', outcome, egress, ingress };
}

/** The `from -> to on port/proto` text of a verdict. */
export function describeFlow(v: Verdict): string {
  return `${endpointName(v.from)} -> ${endpointName(v.to)} on ${v.port}/${v.protocol}`;
}
