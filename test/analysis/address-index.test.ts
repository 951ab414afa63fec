import fc from 'fast-check';
import { AddressIndex, ipBlockContains, IpBlockPeer, makePod } from '../../lib/analysis';
import { parseCidr } from '../../lib/core';

const v4 = fc.tuple(fc.constantFrom(10, 192), fc.nat(3), fc.nat(3), fc.nat(7)).map((o) => o.join('.'));
const v6 = fc.tuple(fc.nat(3), fc.nat(3)).map(([a, b]) => `fd00::${a}:${b}`);
const block = fc.oneof(
  fc.tuple(v4, fc.integer({ min: 8, max: 32 })).map(([ip, p]) => parseCidr(`${ip}/${p}`)!),
  fc.tuple(v6, fc.integer({ min: 100, max: 128 })).map(([ip, p]) => parseCidr(`${ip}/${p}`)!),
);

describe('AddressIndex', () => {
  test('law: the pods it finds in a block are exactly those a scan finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(v4, v6), { maxLength: 2 }), { maxLength: 30 }),
        block,
        fc.array(block, { maxLength: 2 }),
        (podIps, cidr, except) => {
          const pods = podIps.map((ips, i) => makePod('x', `p${i}`, { ips: [...new Set(ips)] }));
          const peer: IpBlockPeer = { kind: 'ipBlock', cidr, except };
          const scan = pods.map((p, i) => (p.addresses.some((a) => ipBlockContains(peer, a)) ? i : -1)).filter((i) => i >= 0);
          expect(new AddressIndex(pods).podsIn(peer)).toEqual(scan);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a /0 finds every pod of its family once, even with several addresses', () => {
    const pods = [makePod('x', 'a', { ips: ['10.0.0.1', 'fd00::1'] }), makePod('x', 'b', { ips: ['fd00::2'] })];
    const index = new AddressIndex(pods);
    expect(index.podsIn({ kind: 'ipBlock', cidr: parseCidr('0.0.0.0/0')!, except: [] })).toEqual([0]);
    expect(index.podsIn({ kind: 'ipBlock', cidr: parseCidr('::/0')!, except: [] })).toEqual([0, 1]);
  });
});
