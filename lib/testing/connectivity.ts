import { EngineOptions, evaluateEnds, FlowReport, InputWarning, ReadOptions, resolveFlowEnd, StandIns, Verdict } from '../analysis';
import { endOf, FlowEnd } from './endpoints';
import { portQueryOf, PortSpec } from './port-spec';
import { AnalysisSubject, resolveSubject } from './subject';

/** Every verdict between two ends on the asked ports. */
export interface ConnectivityReport extends FlowReport {
  /** `frontend -> web on 8080/TCP`, for messages. */
  readonly description: string;
  /** One verdict per run: the verdict that stands for each run of ports between two members. */
  readonly verdicts: readonly Verdict[];
  /** What reading the subject's manifests had to say (duplicates, kinds not read, ...). */
  readonly warnings: readonly InputWarning[];
}

/** Options of `connectivity`: the engine's, and how to read the subject's manifests. */
export type ConnectivityOptions = EngineOptions & ReadOptions;

/**
 * Evaluates every flow from `from` to `to` on `port` (every port when omitted) through the
 * analysis engine, on the policies the subject synthesizes: each end's members (its pods or
 * stand-in, or a CIDR's regions) on each interval of the port partition.
 */
export function connectivity(subject: AnalysisSubject, from: FlowEnd, to: FlowEnd, port?: PortSpec, options: ConnectivityOptions = {}): ConnectivityReport {
  const { inventory, homeNamespace, warnings } = resolveSubject(subject, options);
  const source = endOf(from, homeNamespace);
  const destination = endOf(to, homeNamespace);
  const standIns = new StandIns(inventory);
  const a = resolveFlowEnd(standIns, source.specs);
  const b = resolveFlowEnd(standIns, destination.specs);
  const report = evaluateEnds(standIns.inventory(), a, b, portQueryOf(port), options);
  return { ...report, verdicts: report.runs.map((r) => r.verdict), description: `${source.description} -> ${destination.description} on ${report.asked}`, warnings };
}
