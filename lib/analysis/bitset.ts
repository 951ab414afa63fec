/** A fixed-size set of small integers, one bit each: the engine's sets of equivalence classes. */
export class Bitset {
  /** A set with every member of 0..size-1. */
  public static full(size: number): Bitset {
    const b = new Bitset(size);
    b.words.fill(0xffffffff);
    const extra = b.words.length * 32 - size;
    if (extra > 0) b.words[b.words.length - 1] = 0xffffffff >>> extra;
    return b;
  }

  /** The bits, 32 members per word. */
  public readonly words: Uint32Array;

  public constructor(public readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  /** True when i is a member. */
  public has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  /** Adds i. */
  public add(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31);
  }

  /** Adds every member of other (same size). */
  public addAll(other: Bitset): void {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] |= b[i];
  }

  /** Adds every member common to x and y (same size). */
  public addIntersection(x: Bitset, y: Bitset): void {
    const a = this.words;
    for (let i = 0; i < a.length; i++) a[i] |= x.words[i] & y.words[i];
  }

  /** Calls fn with each member in increasing order. */
  public forEach(fn: (i: number) => void): void {
    const w = this.words;
    for (let wi = 0; wi < w.length; wi++) {
      let word = w[wi];
      while (word !== 0) {
        const low = word & -word;
        const bit = 31 - Math.clz32(low);
        fn((wi << 5) + bit);
        word ^= low;
      }
    }
  }
}
