import fc from 'fast-check';
import { familyBits, formatIp, IpFamily } from '../../lib/core/ip';
import { checkCidr, INVALID_CIDR_MESSAGE, isValidCidr } from '../../lib/validate';

describe('checkCidr', () => {
  it.each([
    '192.168.0.0/16',
    '192.168.3.0/24',
    '0.0.0.0/0',
    '10.0.0.1/32',
    'fd00:192:168::/48',
    'fd00:192:168:3::/64',
    '::/0',
    '2001:db8::/32',
    // Non-canonical IPv6 spellings only earn a warning upstream.
    'FD00:192:168::/48',
    'fd00:0192:0168:0:0:0:0:0/48',
    // IPv4-embedded (not mapped) IPv6 is fine for netip.
    '::1.2.3.0/120',
  ])('accepts %s', (cidr) => {
    expect(checkCidr(cidr).errors).toEqual([]);
    expect(checkCidr(cidr).block).toBeDefined();
  });

  // The upstream NetworkPolicy tests' bad values, and plain garbage.
  it.each(['192.168.5.6', 'fd00:192:168::', '', ' ', '300.300.300.300', '300.300.300.300/24', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/', '/8', 'a/8', '10.0.0.0/-1', '10.0.0.0/8/8', 'fe80::1%eth0/64'])(
    'rejects %j as not a CIDR',
    (cidr) => {
      expect(checkCidr(cidr)).toEqual({ errors: [INVALID_CIDR_MESSAGE] });
    },
  );

  describe('strict validation (StrictIPCIDRValidation, on by default since Kubernetes 1.36)', () => {
    it('rejects host bits beyond the prefix and offers both readings', () => {
      const r = checkCidr('192.168.9.1/24');
      expect(r.errors).toEqual([
        'must not have bits set beyond the prefix length; use the network "192.168.9.0/24" or the single address "192.168.9.1/32"',
      ]);
      expect(r.block?.canonical).toBe('192.168.9.0/24');
      expect(checkCidr('fd00::1/64').errors[0]).toMatch(/"fd00::\/64" or the single address "fd00::1\/128"/);
    });
    it('rejects leading zeros in the address or the prefix', () => {
      expect(checkCidr('010.0.0.0/8').errors).toEqual(['must not have leading 0s in IP or prefix length; write "10.0.0.0/8"']);
      expect(checkCidr('10.0.0.0/08').errors).toEqual(['must not have leading 0s in IP or prefix length; write "10.0.0.0/8"']);
      expect(checkCidr('::ffff:010.0.0.0/104').errors[0]).toMatch(/leading 0s/);
      expect(checkCidr('010.0.0.0/8').block?.canonical).toBe('10.0.0.0/8');
    });
    it('rejects IPv4-mapped IPv6 and names the IPv4 block', () => {
      expect(checkCidr('::ffff:10.0.0.0/104').errors).toEqual([
        'must not have an IPv4-mapped IPv6 address; write the IPv4 block instead (10.0.0.0/8)',
      ]);
    });
  });

  const block = fc.oneof(
    fc.record({ family: fc.constant<IpFamily>(4), value: fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), prefix: fc.integer({ min: 0, max: 32 }) }),
    fc.record({ family: fc.constant<IpFamily>(6), value: fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), prefix: fc.integer({ min: 0, max: 128 }) }),
  );
  const masked = (family: IpFamily, value: bigint, prefix: number): bigint => {
    const host = (1n << BigInt(familyBits(family) - prefix)) - 1n;
    return value & ~host;
  };
  const isMapped = (family: IpFamily, network: bigint): boolean => family === 6 && network >> 32n === 0xffffn;

  it('accepts every canonical CIDR and round-trips it', () => {
    fc.assert(
      fc.property(block, ({ family, value, prefix }) => {
        const network = masked(family, value, prefix);
        fc.pre(!isMapped(family, network));
        const text = `${formatIp({ family, value: network })}/${prefix}`;
        const r = checkCidr(text);
        expect(r.errors).toEqual([]);
        expect(r.block?.canonical).toBe(text);
      }),
    );
  });
  it('rejects every CIDR with host bits set, and its suggested network is valid', () => {
    fc.assert(
      fc.property(block, ({ family, value, prefix }) => {
        const network = masked(family, value, prefix);
        fc.pre(value !== network && !isMapped(family, network));
        const r = checkCidr(`${formatIp({ family, value })}/${prefix}`);
        expect(r.errors).toHaveLength(1);
        const suggested = /use the network "([^"]+)"/.exec(r.errors[0])?.[1];
        expect(suggested).toBeDefined();
        expect(isValidCidr(suggested ?? '')).toEqual([]);
      }),
    );
  });
});
