/**
 * Replays a ClusterNetworkPolicy conformance test and checks every PokeServer expectation, in the
 * state the test's steps leave the world in, four ways: the per-flow verdict (evaluateFlow), the
 * class matrix, the naive reference evaluator, and a face (the jest matchers' `connectivity`,
 * which reads the manifests through the one reader of inputs, as every command does).
 */
import { computeMatrix, matrixToJson } from '../../../lib/analysis/matrix';
import { naiveMatrix } from '../../../lib/analysis/naive-matrix';
import { objectSources } from '../../../lib/analysis/inventory-from-manifests';
import { readInputs } from '../../../lib/analysis/read-inputs';
import { evaluateFlow } from '../../../lib/analysis/verdict';
import { Outcome } from '../../../lib/analysis/outcome';
import { connectivity } from '../../../lib/testing';
import { ProtocolName } from '../../../lib/core/manifest';
import { Port } from '../../../lib/core/port';
import { parseIp } from '../../../lib/core/ip';
import { Step } from './model';
import { ConformanceWorld } from './world';

/** One expectation an evaluator did not meet. */
export interface ProbeMismatch {
  readonly subtest: string;
  readonly probe: string;
  readonly evaluator: 'verdict' | 'matrix' | 'naive' | 'matchers';
  readonly expected: Outcome;
  readonly got: Outcome | string;
}

/** What a run checked. */
export interface ProbeRun {
  readonly probes: number;
  readonly mismatches: readonly ProbeMismatch[];
}

/** A test as the runner needs it: its world (policies, legacy policies, dual stack) and its subtests' steps. */
export type ProbeCase = ConstructorParameters<typeof ConformanceWorld>[0] & {
  readonly subtests: readonly { readonly name: string; readonly steps: readonly (Step | OutcomeProbe)[] }[];
};

/** A probe that expects an outcome the upstream suite cannot express (implementation-defined, depends on DNS). */
export interface OutcomeProbe {
  readonly op: 'Expect';
  readonly from: string;
  readonly to: string;
  readonly protocol: ProtocolName;
  readonly port: number;
  readonly outcome: Outcome;
}

/** Replays the steps and checks every probe. */
export function runProbes(t: ProbeCase, options: { readonly faces?: boolean } = {}): ProbeRun {
  const world = new ConformanceWorld(t);
  const mismatches: ProbeMismatch[] = [];
  let probes = 0;
  for (const s of t.subtests) {
    // The probes of a subtest run in the state its mutations so far leave.
    let inventory: ReturnType<typeof readInputs>['inventory'] | undefined;
    let manifests: Record<string, unknown>[] | undefined;
    let matrix: ReturnType<typeof matrixToJson> | undefined;
    let naive: ReturnType<typeof naiveMatrix> | undefined;
    let ports: { port: number; protocol: ProtocolName }[] = [];
    const pending = s.steps.filter((x): x is Extract<Step, { op: 'Probe' }> | OutcomeProbe => x.op === 'Probe' || x.op === 'Expect');
    for (const step of s.steps) {
      if (step.op !== 'Probe' && step.op !== 'Expect') {
        world.apply(step);
        inventory = undefined;
        continue;
      }
      if (inventory === undefined) {
        manifests = world.manifests();
        inventory = readInputs(objectSources(manifests)).inventory;
        ports = [...new Map(pending.map((p) => [`${p.port}/${p.protocol}`, { port: p.port, protocol: p.protocol }])).values()];
        const externals = [...new Set(pending.flatMap((p) => [p.from, p.to]).filter((e) => parseIp(e) !== undefined))];
        matrix = matrixToJson(computeMatrix(inventory, ports, { externals }));
        naive = naiveMatrix(inventory, ports, { externals });
      }
      probes++;
      const expected: Outcome = step.op === 'Probe' ? (step.connected ? 'allowed' : 'denied') : step.outcome;
      const label = `${step.from} -> ${step.to} ${step.port}/${step.protocol}`;
      const portText = `${step.port}/${step.protocol}`;
      const fromJson = (m: ReturnType<typeof matrixToJson>): Outcome =>
        (m.allowed[step.from]?.[step.to] ?? []).includes(portText) ? 'allowed' : (m.undecided?.[step.from]?.[step.to]?.[portText] ?? 'denied');
      const got: Record<ProbeMismatch['evaluator'], Outcome | string> = {
        verdict: evaluateFlow(inventory, { from: step.from, to: step.to, port: step.port, protocol: step.protocol }).outcome,
        matrix: fromJson(matrix!),
        naive: fromJson(naive!),
        matchers: 'not run',
      };
      if (options.faces !== false) {
        const port = step.protocol === 'TCP' ? Port.tcp(step.port) : step.protocol === 'UDP' ? Port.udp(step.port) : Port.sctp(step.port);
        const report = connectivity(manifests!, step.from, step.to, port);
        got.matchers = report.runs.length === 1 ? report.runs[0].outcome : `${report.runs.length} runs`;
      } else {
        got.matchers = expected;
      }
      for (const evaluator of ['verdict', 'matrix', 'naive', 'matchers'] as const) {
        if (got[evaluator] !== expected) mismatches.push({ subtest: s.name, probe: label, evaluator, expected, got: got[evaluator] });
      }
    }
  }
  return { probes, mismatches };
}
