import fc from 'fast-check';
import { Bitset } from '../../lib/analysis/bitset';
import { ClassSet, SparseClassSet, unionOf, UnionPart } from '../../lib/analysis/class-set';

function members(set: ClassSet): number[] {
  const out: number[] = [];
  set.forEach((i) => out.push(i));
  return out;
}

function bitsetOf(size: number, values: Iterable<number>): Bitset {
  const b = new Bitset(size);
  for (const v of values) b.add(v);
  return b;
}

describe('Bitset', () => {
  it('adds, tests, unions, intersects and iterates in order', () => {
    const a = bitsetOf(70, [0, 31, 32, 69]);
    const b = bitsetOf(70, [1, 32, 68]);
    expect([a.has(31), a.has(30), a.has(69)]).toEqual([true, false, true]);
    const u = new Bitset(70);
    u.addAll(a);
    u.addAll(b);
    expect(members(u)).toEqual([0, 1, 31, 32, 68, 69]);
    const i = new Bitset(70);
    i.addIntersection(a, b);
    expect(members(i)).toEqual([32]);
  });

  it('makes full sets without stray bits past the size', () => {
    expect(members(Bitset.full(33))).toEqual(Array.from({ length: 33 }, (_, k) => k));
    expect(members(Bitset.full(64))).toHaveLength(64);
    expect(members(Bitset.full(0))).toEqual([]);
  });
});

describe('unionOf', () => {
  it('chooses a sorted array for small unions and answers membership by bisection', () => {
    const size = 1000;
    const set = unionOf([{ members: Int32Array.from([5, 900]), bits: () => bitsetOf(size, [5, 900]) }, { members: Int32Array.from([5, 7]), bits: () => bitsetOf(size, [5, 7]) }], size, Bitset.full(size));
    expect(set).toBeInstanceOf(SparseClassSet);
    expect(members(set)).toEqual([5, 7, 900]);
    expect([set.has(7), set.has(6), set.has(900), set.has(901)]).toEqual([true, false, true, false]);
  });

  it('equals the plain union of the (masked) parts, whatever representation it picks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((size) =>
          fc.record({
            size: fc.constant(size),
            parts: fc.array(
              fc.record({ values: fc.uniqueArray(fc.nat(size - 1), { maxLength: size }), mask: fc.option(fc.uniqueArray(fc.nat(size - 1)), { nil: undefined }) }),
              { maxLength: 5 },
            ),
          }),
        ),
        ({ size, parts }) => {
          const full = Bitset.full(size);
          const unionParts: UnionPart[] = parts.map((p) => {
            const sorted = Int32Array.from(p.values).sort();
            return { members: sorted, bits: () => bitsetOf(size, sorted), ...(p.mask ? { mask: bitsetOf(size, p.mask) } : {}) };
          });
          const expected = new Set<number>();
          for (const p of parts) for (const v of p.values) if (!p.mask || p.mask.includes(v)) expected.add(v);
          const set = unionOf(unionParts, size, full);
          expect(members(set)).toEqual([...expected].sort((a, b) => a - b));
          for (let i = 0; i < size; i++) expect(set.has(i)).toBe(expected.has(i));
        },
      ),
      { numRuns: 200 },
    );
  });
});
