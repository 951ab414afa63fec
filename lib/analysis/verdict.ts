/**
 * The answer to "may this flow happen", with its reasons: for each direction, whether the pod is
 * isolated, which policies isolate it, and which rules admit the flow.
 *
 * Semantics (networking.k8s.io/v1): a pod is isolated for ingress (egress) iff some policy of its
 * namespace selects it and has Ingress (Egress) among its policyTypes; a direction that is not
 * isolated allows everything; an isolated one allows what any rule of any of those policies
 * admits. A flow is allowed iff the source's egress AND the destination's ingress allow it. An
 * address outside the cluster is never isolated: its side always allows.
 *
 * Outside the model (see docs/analysis.md): host-network pods (evaluated as if they were ordinary
 * pods with their labels; in a cluster their traffic is node traffic), traffic from a pod's own
 * node (kubelet probes; most plugins always allow it), Service virtual IPs (give pod-to-pod flows
 * on container ports: a Service port is translated before policy applies), connection replies
 * (policies govern who may open a connection; replies of an allowed connection always pass), and
 * ipBlock reading for pod IPs (matches by default, as upstream conformance expects; see EngineOptions).
 */
import { ProtocolName } from '../core/manifest';
import { Endpoint, endpointName, PortProtocol, resolveEndpoint } from './endpoint';
import { Inventory } from './inventory';
import { ruleAdmits } from './matching';
import { EngineOptions, resolveOptions } from './options';
import { isolatingPolicies, policyIndex } from './policy-index';
import { Direction, ruleLabel, rulesFor } from './policy-model';

/** A rule that admits a flow. */
export interface RuleMatch {
  /** The policy, `namespace/name`. */
  readonly policy: string;
  readonly direction: Direction;
  /** The index of the rule in the policy's `ingress` or `egress` list. */
  readonly index: number;
  /** `namespace/name ingress[0]`. */
  readonly label: string;
}

/** The verdict of one direction: the source's egress or the destination's ingress. */
export interface DirectionVerdict {
  readonly direction: Direction;
  /** The pod (or address) whose policies decide this direction. */
  readonly subject: string;
  /** True when the subject is an address outside the cluster (never isolated). */
  readonly external: boolean;
  readonly isolated: boolean;
  /** The policies that select the subject and isolate it in this direction. */
  readonly isolatedBy: readonly string[];
  /** Every rule of those policies that admits the flow. */
  readonly admittedBy: readonly RuleMatch[];
  readonly allowed: boolean;
}

/** The verdict on a flow. */
export interface Verdict {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol: ProtocolName;
  /** True iff both the egress and the ingress side allow the flow. */
  readonly allowed: boolean;
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

function side(
  inventory: Inventory,
  direction: Direction,
  subject: Endpoint,
  peer: Endpoint,
  destination: Endpoint,
  pp: PortProtocol,
  options: EngineOptions,
): DirectionVerdict {
  if (subject.kind === 'external') {
    return { direction, subject: subject.ip, external: true, isolated: false, isolatedBy: [], admittedBy: [], allowed: true };
  }
  const index = policyIndex(inventory);
  const opts = resolveOptions(options);
  const policies = isolatingPolicies(index, subject.pod, direction);
  const admittedBy: RuleMatch[] = [];
  for (const policy of policies) {
    rulesFor(policy, direction).forEach((rule, i) => {
      if (ruleAdmits(rule, policy.namespace, peer, destination, pp.port, pp.protocol, index.nsLabels, opts)) {
        admittedBy.push({ policy: policy.id, direction, index: i, label: ruleLabel(policy, direction, i) });
      }
    });
  }
  const isolated = policies.length > 0;
  return {
    direction,
    subject: subject.pod.id,
    external: false,
    isolated,
    isolatedBy: policies.map((p) => p.id),
    admittedBy,
    allowed: !isolated || admittedBy.length > 0,
  };
}

/** Evaluates one flow against the inventory and explains the outcome. */
export function evaluateFlow(inventory: Inventory, flow: FlowQuery, options: EngineOptions = {}): Verdict {
  const from = typeof flow.from === 'string' ? resolveEndpoint(inventory, flow.from) : flow.from;
  const to = typeof flow.to === 'string' ? resolveEndpoint(inventory, flow.to) : flow.to;
  const pp: PortProtocol = { port: flow.port, protocol: flow.protocol ?? 'TCP' };
  const egress = side(inventory, 'egress', from, to, to, pp, options);
  const ingress = side(inventory, 'ingress', to, from, to, pp, options);
  return { from, to, port: pp.port, protocol: pp.protocol, allowed: egress.allowed && ingress.allowed, egress, ingress };
}

/** The `from -> to on port/proto` text of a verdict. */
export function describeFlow(v: Verdict): string {
  return `${endpointName(v.from)} -> ${endpointName(v.to)} on ${v.port}/${v.protocol}`;
}
