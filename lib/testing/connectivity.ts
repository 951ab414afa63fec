import { evaluateFlow, EngineOptions, Verdict } from '../analysis';
import { FlowEnd, resolveEnd } from './endpoints';
import { describePortSpec, portsToCheck, PortSpec } from './port-sweep';
import { AnalysisSubject, resolveSubject } from './subject';

/** Every verdict between two ends on the asked ports. */
export interface ConnectivityReport {
  /** `frontend -> web on 8080/TCP`, for messages. */
  readonly description: string;
  /** One verdict per (source pod, destination pod, port) evaluated. */
  readonly verdicts: readonly Verdict[];
  /** True when every verdict allows. */
  readonly allAllowed: boolean;
  /** True when every verdict denies. */
  readonly allDenied: boolean;
}

/**
 * Evaluates every flow from `from` to `to` on `port` (every port when omitted) through the
 * analysis engine, on the policies the subject synthesizes.
 */
export function connectivity(
  subject: AnalysisSubject,
  from: FlowEnd,
  to: FlowEnd,
  port?: PortSpec,
  options: EngineOptions = {},
): ConnectivityReport {
  const { inventory: base, homeNamespace } = resolveSubject(subject);
  const source = resolveEnd(base, from, homeNamespace);
  const destination = resolveEnd(source.inventory, to, homeNamespace);
  const inventory = destination.inventory;
  const verdicts: Verdict[] = [];
  for (const s of source.endpoints) {
    for (const d of destination.endpoints) {
      for (const pp of portsToCheck(inventory, d, port)) {
        verdicts.push(evaluateFlow(inventory, { from: s, to: d, port: pp.port, protocol: pp.protocol }, options));
      }
    }
  }
  return {
    description: `${source.description} -> ${destination.description} on ${describePortSpec(port)}`,
    verdicts,
    allAllowed: verdicts.every((v) => v.allowed),
    allDenied: verdicts.every((v) => !v.allowed),
  };
}
