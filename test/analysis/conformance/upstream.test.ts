import { UPSTREAM_CASES } from './upstream-cases';
import { runCase } from './run-case';

describe('upstream e2e network policy suite (test/e2e/network/netpol/network_policy.go)', () => {
  it('translates every It() of the file (42 TCP, 3 UDP, 3 SCTP)', () => {
    expect(UPSTREAM_CASES).toHaveLength(48);
    expect(UPSTREAM_CASES.filter((c) => c.context.includes('UDP'))).toHaveLength(3);
    expect(UPSTREAM_CASES.filter((c) => c.context.includes('SCTP'))).toHaveLength(3);
  });

  describe.each(UPSTREAM_CASES.map((c) => [`${c.context}: ${c.name}`, c] as const))('%s', (_, c) => {
    it('matches the expected reachability at every ValidateOrFail', () => {
      const result = runCase(c);
      expect(result.compared).toBeGreaterThan(0);
      expect(result.mismatches).toEqual([]);
    });

    it('also holds when every pod is dual-stack (IPv4 and IPv6 addresses)', () => {
      expect(runCase(c, { dualStack: true }).mismatches).toEqual([]);
    });

    it('holds on the full model: x, y, z times a, b, c, ports 80 and 81 on TCP, UDP and SCTP', () => {
      const result = runCase(c, { fullModel: true });
      expect(result.compared % 72).toBe(0); // 9 x 9 pairs minus 9 loopbacks, per ValidateOrFail
      expect(result.mismatches).toEqual([]);
    });
  });

  it('the CIDR cases depend on ipBlock matching pod IPs, so the other reading fails them', () => {
    const cidr = UPSTREAM_CASES.find((c) => c.name === 'should allow egress access to server in CIDR block');
    expect(cidr).toBeDefined();
    const result = runCase(cidr!, { ipBlockMatchesPods: false });
    expect(result.mismatches.map((m) => `${m.from}->${m.to}`)).toContain('x/a->y/b');
  });
});
