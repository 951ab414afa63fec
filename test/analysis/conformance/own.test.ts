import { OWN_CASES } from './own-cases';
import { runCase } from './run-case';

describe('netfence cases in the upstream style (IPv6, endPort, matchExpressions, defaults)', () => {
  it.each(OWN_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = runCase(c);
    expect(result.compared).toBeGreaterThan(0);
    expect(result.expectedDenied).toBeGreaterThan(0);
    expect(result.mismatches).toEqual([]);
  });
});
