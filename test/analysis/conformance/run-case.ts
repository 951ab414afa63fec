/**
 * Runs a translated conformance case against the engine: replays its steps, and at every
 * ValidateOrFail compares the expected truth table with three evaluations of the same inventory
 * (per-flow verdicts, the class-based matrix, and the naive reference evaluator).
 */
import { NetworkPolicyManifest, ProtocolName } from '../../../lib/core/manifest';
import { evaluateFlow } from '../../../lib/analysis/verdict';
import { computeMatrix, matrixToJson } from '../../../lib/analysis/matrix';
import { naiveMatrix } from '../../../lib/analysis/naive-matrix';
import { Inventory, InventoryBuilder } from '../../../lib/analysis/inventory';
import { EngineOptions } from '../../../lib/analysis/options';
import { ConformanceCase, PolicyDraft, podIp, podIpv6, Reachability } from './model';

/** One disagreement between the expectation and an evaluation. */
export interface Mismatch {
  readonly step: number;
  readonly port: string;
  readonly from: string;
  readonly to: string;
  readonly expected: boolean;
  readonly evaluator: 'verdict' | 'matrix' | 'naive';
}

/** What a run compared. */
export interface CaseResult {
  readonly mismatches: readonly Mismatch[];
  /** Pairs compared (loopback excluded, as upstream's ignoreLoopback does). */
  readonly compared: number;
  /** Pairs expected to be denied, to show the case is not trivially "all allowed". */
  readonly expectedDenied: number;
}

/** The model of the older upstream suite: x, y, z times a, b, c. */
export const FULL_MODEL_PODS: readonly string[] = ['x', 'y', 'z'].flatMap((ns) => ['a', 'b', 'c'].map((p) => `${ns}/${p}`));

/** Builds the inventory of a case's topology in its current state. */
export function caseInventory(
  c: Pick<ConformanceCase, 'pods' | 'ports' | 'protocols'>,
  policies: ReadonlyMap<string, { namespace: string; policy: PolicyDraft }>,
  nsLabels: ReadonlyMap<string, Record<string, string>> = new Map(),
  podLabels: ReadonlyMap<string, Record<string, string>> = new Map(),
  dualStack = false,
): Inventory {
  const b = new InventoryBuilder();
  for (const ns of ['x', 'y', 'z']) b.namespace(ns, { ns, ...(nsLabels.get(ns) ?? {}) });
  for (const pod of c.pods) {
    const name = pod.split('/')[1];
    const ports: { name: string; port: number; protocol: ProtocolName }[] = [];
    for (const port of c.ports) for (const protocol of c.protocols) ports.push({ name: `serve-${port}-${protocol.toLowerCase()}`, port, protocol });
    b.pod(pod, { labels: { pod: name, ...(podLabels.get(pod) ?? {}) }, ports, ips: dualStack ? [podIp(pod), podIpv6(pod)] : [podIp(pod)] });
  }
  for (const { namespace, policy } of policies.values()) {
    const manifest: NetworkPolicyManifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: policy.name, namespace },
      spec: policy.spec,
    };
    b.policy(manifest);
  }
  return b.build();
}

/** Replays a case and returns every mismatch. */
export function runCase(c: ConformanceCase, options: EngineOptions & { dualStack?: boolean; fullModel?: boolean } = {}): CaseResult {
  if (options.fullModel) c = { ...c, pods: FULL_MODEL_PODS, ports: [80, 81], protocols: ['TCP', 'UDP', 'SCTP'] };
  const policies = new Map<string, { namespace: string; policy: PolicyDraft }>();
  const nsLabels = new Map<string, Record<string, string>>();
  const podLabels = new Map<string, Record<string, string>>();
  const mismatches: Mismatch[] = [];
  let compared = 0;
  let expectedDenied = 0;
  c.steps.forEach((step, stepIndex) => {
    switch (step.op) {
      case 'CreatePolicy':
      case 'UpdatePolicy':
        policies.set(`${step.namespace}/${step.policy.name}`, { namespace: step.namespace, policy: step.policy });
        return;
      case 'CleanNetworkPolicies':
        policies.clear();
        return;
      case 'AddNamespaceLabel':
        nsLabels.set(step.namespace, { ...(nsLabels.get(step.namespace) ?? {}), [step.key]: step.value });
        return;
      case 'AddPodLabels':
        podLabels.set(step.pod, { ...(podLabels.get(step.pod) ?? {}), ...step.labels });
        return;
      case 'ValidateOrFail': {
        const inventory = caseInventory(c, policies, nsLabels, podLabels, c.dualStack ?? options.dualStack ?? false);
        const expected = new Reachability(c.pods, true);
        for (const e of step.reachability) expected.apply(e);
        if (options.fullModel) for (const e of step.fullModelExtra ?? []) expected.apply(e);
        const pp = { port: step.port, protocol: step.protocol };
        const portText = `${step.port}/${step.protocol}`;
        const matrix = matrixToJson(computeMatrix(inventory, [pp], options));
        const naive = naiveMatrix(inventory, [pp], options);
        for (const from of c.pods) {
          for (const to of c.pods) {
            if (from === to) continue; // ignoreLoopback = true upstream
            compared++;
            const want = expected.get(from, to);
            if (!want) expectedDenied++;
            const got = {
              verdict: evaluateFlow(inventory, { from, to, port: step.port, protocol: step.protocol }, options).allowed,
              matrix: (matrix.allowed[from]?.[to] ?? []).includes(portText),
              naive: (naive.allowed[from]?.[to] ?? []).includes(portText),
            };
            for (const evaluator of ['verdict', 'matrix', 'naive'] as const) {
              if (got[evaluator] !== want) mismatches.push({ step: stepIndex, port: portText, from, to, expected: want, evaluator });
            }
          }
        }
        return;
      }
    }
  });
  return { mismatches, compared, expectedDenied };
}
