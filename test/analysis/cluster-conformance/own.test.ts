/**
 * netfence's own ClusterNetworkPolicy conformance cases (own-cases.ts), where the upstream suite
 * is silent, checked like the upstream ones: per-flow verdict, class matrix, naive evaluator and
 * the jest matchers, in every state.
 */
import { OWN_CLUSTER_CASES } from './own-cases';
import { runProbes } from './run-probes';

describe("netfence's own ClusterNetworkPolicy conformance cases", () => {
  test('9 cases, 62 probes', () => {
    const probes = OWN_CLUSTER_CASES.flatMap((c) => c.subtests.flatMap((s) => s.steps)).filter((s) => s.op === 'Probe' || s.op === 'Expect');
    expect([OWN_CLUSTER_CASES.length, probes.length]).toEqual([9, 62]);
  });

  test.each(OWN_CLUSTER_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const run = runProbes(c);
    expect(run.probes).toBeGreaterThan(0);
    expect(run.mismatches).toEqual([]);
  });
});
