/**
 * Sets of equivalence classes in two representations: dense bitsets for large sets and sorted
 * arrays for small ones. Real policies mostly admit a few classes out of many, and a dense set
 * per profile would make memory grow with profiles times classes.
 */
import { Bitset } from './bitset';

/** A read-only set of class indices. */
export interface ClassSet {
  has(i: number): boolean;
  /** Calls fn with each member in increasing order. */
  forEach(fn: (i: number) => void): void;
}

/** A small set: sorted, unique class indices, searched by bisection. */
export class SparseClassSet implements ClassSet {
  public constructor(public readonly members: Int32Array) {}

  /** True when i is a member. */
  public has(i: number): boolean {
    const m = this.members;
    let lo = 0;
    let hi = m.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = m[mid];
      if (v === i) return true;
      if (v < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Calls fn with each member in increasing order. */
  public forEach(fn: (i: number) => void): void {
    for (let k = 0; k < this.members.length; k++) fn(this.members[k]);
  }
}

/** One part of a union: the members of an atom, optionally filtered by a dense mask. */
export interface UnionPart {
  readonly members: Int32Array;
  /** The same members as a bitset, built on demand (for large parts). */
  readonly bits: () => Bitset;
  /** Keep only members in this mask (absent = keep all). */
  readonly mask?: Bitset;
}

/** Builds the union of parts over `size` classes, choosing the cheaper representation. */
export function unionOf(parts: readonly UnionPart[], size: number, full: Bitset): ClassSet {
  let total = 0;
  for (const p of parts) total += p.members.length;
  if (total === 0) return EMPTY_CLASS_SET;
  if (total * 32 < size) {
    const all: number[] = [];
    for (const p of parts) {
      for (let k = 0; k < p.members.length; k++) {
        const v = p.members[k];
        if (!p.mask || p.mask.has(v)) all.push(v);
      }
    }
    all.sort((a, b) => a - b);
    let n = 0;
    for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[n++] = all[k];
    return new SparseClassSet(Int32Array.from(all.slice(0, n)));
  }
  const out = new Bitset(size);
  for (const p of parts) {
    if (p.members.length === size && !p.mask) return full;
    if (p.members.length * 32 > size) {
      if (p.mask) out.addIntersection(p.bits(), p.mask);
      else out.addAll(p.bits());
    } else {
      for (let k = 0; k < p.members.length; k++) {
        const v = p.members[k];
        if (!p.mask || p.mask.has(v)) out.add(v);
      }
    }
  }
  return out;
}

/** The empty set. */
export const EMPTY_CLASS_SET: ClassSet = new SparseClassSet(new Int32Array(0));

/** A bitset as the cheaper representation: sorted members when few, the bitset itself otherwise. */
export function compactSet(bits: Bitset): ClassSet {
  const members: number[] = [];
  let dense = false;
  bits.forEach((i) => {
    if (dense) return;
    members.push(i);
    if (members.length * 32 >= bits.size) dense = true;
  });
  if (dense) return bits;
  return members.length === 0 ? EMPTY_CLASS_SET : new SparseClassSet(Int32Array.from(members));
}
