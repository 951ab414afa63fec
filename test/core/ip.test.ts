import fc from 'fast-check';
import { cidrContains, cidrStrictlyWithin, cidrWithin, formatIp, parseCidr, parseIp } from '../../lib/core';

describe('IP parsing', () => {
  test('IPv4 and IPv6, compressed and with embedded IPv4', () => {
    expect(parseIp('10.1.2.3')).toEqual({ family: 4, value: 0x0a010203n });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('::ffff:10.0.0.1')?.value).toBe(0xffff0a000001n);
    expect(formatIp(parseIp('2001:0db8:0:0:0:0:0:1')!)).toBe('2001:db8::1');
  });

  test.each(['10.0.0', '10.0.0.256', '010.0.0.1', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0', '', 'x'])(
    'rejects %p',
    (text) => expect(parseIp(text)).toBeUndefined(),
  );

  test('law: formatting and parsing an address round-trips', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        const ip = parseIp(text);
        expect(ip).toBeDefined();
        expect(parseIp(formatIp(ip!))).toEqual(ip);
      }),
    );
  });

  test('CIDRs: containment, strict subsets, host bits', () => {
    const ten = parseCidr('10.0.0.0/8')!;
    expect(cidrContains(ten, parseIp('10.255.0.1')!)).toBe(true);
    expect(cidrContains(ten, parseIp('11.0.0.1')!)).toBe(false);
    expect(cidrContains(ten, parseIp('::a00:1')!)).toBe(false);
    expect(cidrStrictlyWithin(parseCidr('10.1.0.0/16')!, ten)).toBe(true);
    expect(cidrStrictlyWithin(ten, ten)).toBe(false);
    expect(cidrWithin(ten, ten)).toBe(true);
    expect(parseCidr('10.0.0.1/8')).toMatchObject({ hostBitsSet: true, canonical: '10.0.0.0/8' });
    expect(parseCidr('::/0')).toMatchObject({ family: 6, prefix: 0 });
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/08', '::/129', 'x/1']) expect(parseCidr(bad)).toBeUndefined();
  });
});
