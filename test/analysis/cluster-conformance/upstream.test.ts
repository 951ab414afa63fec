/**
 * The upstream ClusterNetworkPolicy conformance suite (kubernetes-sigs/network-policy-api
 * `conformance/tests`), run: every PokeServer expectation of every test, after every mutation
 * the test makes, checked by the per-flow verdict, the class matrix, the naive evaluator and the
 * jest matchers.
 */
import { runProbes } from './run-probes';
import { UPSTREAM_CLUSTER_CASES } from './upstream-cases';

describe('the upstream ClusterNetworkPolicy conformance suite, evaluated', () => {
  const totals = { probes: 0 };
  afterAll(() => {
    // 301 probes, each checked four ways.
    expect(totals.probes).toBe(301);
  });

  describe.each(UPSTREAM_CLUSTER_CASES.map((t) => [t.shortName, t] as const))('%s', (_name, t) => {
    test('every PokeServer expectation holds, four ways', () => {
      const run = runProbes(t);
      totals.probes += run.probes;
      expect(run.probes).toBeGreaterThan(0);
      expect(run.mismatches).toEqual([]);
    });
  });
});
