/**
 * Line diffs in the unified format that `diff -u`, `git diff` and `git apply` read: Myers's
 * O(ND) shortest edit script over lines, in linear space (the middle-snake divide and conquer of
 * Myers's paper, section 4b), then hunks with a few lines of context.
 *
 * Time is bounded too: past a budget of steps (far beyond any real manifest change) the script
 * falls back to replacing the differing middle wholesale, which is still a correct patch, so a
 * pathological pair of files costs seconds and a few arrays of integers, never gigabytes.
 *
 * A last line without a trailing newline differs from the same text with one, and is marked
 * `\ No newline at end of file`, as GNU diff does, so the patch reproduces the file byte for byte.
 */

import { checkArgument } from '../core/arguments';
import { appendAll } from '../core/values';

/** One line of an edit script: kept, removed from the old text, or added in the new one. */
export interface DiffLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
  /** True when this is the last line of its text and that text has no final newline. */
  readonly noNewline: boolean;
}

/** Options of `unifiedDiff`. */
export interface UnifiedDiffOptions {
  /** The name after `--- `; `/dev/null` for a file that does not exist yet. */
  readonly fromFile: string;
  /** The name after `+++ `; `/dev/null` for a file that is deleted. */
  readonly toFile: string;
  /**
   * Lines of unchanged context around each change.
   * @default 3
   */
  readonly context?: number;
}

/** Options of `diffLines`. */
export interface DiffLinesOptions {
  /**
   * The most search steps before falling back to replacing the differing middle wholesale.
   * @default 200,000,000 (about a second)
   */
  readonly maxSteps?: number;
}

interface Lines {
  readonly texts: string[];
  /** True when the text does not end with a newline (its last line then has none). */
  readonly missingFinalNewline: boolean;
}

function splitLines(text: string): Lines {
  if (text === '') return { texts: [], missingFinalNewline: false };
  const texts = text.split('\n');
  const endsWithNewline = texts[texts.length - 1] === '';
  if (endsWithNewline) texts.pop();
  return { texts, missingFinalNewline: !endsWithNewline };
}

/** Interns the lines of both texts as integers, so comparing two lines is comparing two numbers. */
function intern(x: Lines, y: Lines): { a: Int32Array; b: Int32Array } {
  const ids = new Map<string, number>();
  const code = (l: Lines): Int32Array => {
    const out = new Int32Array(l.texts.length);
    for (let i = 0; i < l.texts.length; i++) {
      // A last line without its newline differs from the same line with one.
      const key = l.missingFinalNewline && i === l.texts.length - 1 ? `${l.texts[i]}\u0000` : l.texts[i];
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      out[i] = id;
    }
    return out;
  };
  return { a: code(x), b: code(y) };
}

class BudgetExceeded extends Error {}

/**
 * The shortest edit script between two integer sequences, as a list of ops per position
 * (0 keep, 1 delete from a, 2 insert from b), found in O((N+M)D) time and O(N+M) space.
 */
class LinearMyers {
  private readonly ops: number[] = [];
  private steps = 0;
  private trivial = false;
  private readonly forward: Int32Array;
  private readonly backward: Int32Array;

  public constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    private readonly maxSteps: number,
  ) {
    const size = a.length + b.length + 3;
    this.forward = new Int32Array(size);
    this.backward = new Int32Array(size);
  }

  public run(): number[] {
    this.diff(0, this.a.length, 0, this.b.length);
    return this.ops;
  }

  /** The common prefix and suffix kept, everything between replaced: the fallback past the budget. */
  public runTrivial(): number[] {
    this.trivial = true;
    return this.run();
  }

  private emit(op: number, count: number): void {
    for (let i = 0; i < count; i++) this.ops.push(op);
  }

  private diff(aLo: number, aHi: number, bLo: number, bHi: number): void {
    const { a, b } = this;
    // Common prefix and suffix cost nothing to keep.
    let prefix = 0;
    while (aLo + prefix < aHi && bLo + prefix < bHi && a[aLo + prefix] === b[bLo + prefix]) prefix++;
    let suffix = 0;
    while (aHi - suffix > aLo + prefix && bHi - suffix > bLo + prefix && a[aHi - suffix - 1] === b[bHi - suffix - 1]) suffix++;
    this.emit(0, prefix);
    aLo += prefix;
    bLo += prefix;
    aHi -= suffix;
    bHi -= suffix;
    if (aLo === aHi) this.emit(2, bHi - bLo);
    else if (bLo === bHi) this.emit(1, aHi - aLo);
    else {
      const split = this.trivial ? undefined : this.middleSnake(aLo, aHi, bLo, bHi);
      if (split === undefined) {
        this.emit(1, aHi - aLo);
        this.emit(2, bHi - bLo);
      } else {
        this.diff(aLo, aLo + split[0], bLo, bLo + split[1]);
        this.diff(aLo + split[0], aHi, bLo + split[1], bHi);
      }
    }
    this.emit(0, suffix);
  }

  /**
   * A point (x, y), relative to (aLo, bLo), on a shortest path through the middle of the edit
   * graph, found by searching from both ends at once (Myers 1986, 4b); undefined when the two
   * ranges share nothing.
   */
  private middleSnake(aLo: number, aHi: number, bLo: number, bHi: number): [number, number] | undefined {
    const { a, b, forward: v1, backward: v2 } = this;
    const n = aHi - aLo;
    const m = bHi - bLo;
    const maxD = Math.ceil((n + m) / 2);
    const offset = maxD;
    const length = 2 * maxD + 2;
    v1.fill(-1, 0, length);
    v2.fill(-1, 0, length);
    v1[offset + 1] = 0;
    v2[offset + 1] = 0;
    const delta = n - m;
    const front = (delta & 1) !== 0;
    let k1start = 0;
    let k1end = 0;
    let k2start = 0;
    let k2end = 0;
    for (let d = 0; d < maxD; d++) {
      this.steps += 2 * d + 2;
      if (this.steps > this.maxSteps) throw new BudgetExceeded();
      for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const i1 = offset + k1;
        let x1 = k1 === -d || (k1 !== d && v1[i1 - 1] < v1[i1 + 1]) ? v1[i1 + 1] : v1[i1 - 1] + 1;
        let y1 = x1 - k1;
        const x0 = x1;
        while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) {
          x1++;
          y1++;
        }
        this.steps += x1 - x0;
        v1[i1] = x1;
        if (x1 > n) k1end += 2;
        else if (y1 > m) k1start += 2;
        else if (front) {
          const i2 = offset + delta - k1;
          if (i2 >= 0 && i2 < length && v2[i2] !== -1 && x1 >= n - v2[i2]) return [x1, y1];
        }
      }
      for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const i2 = offset + k2;
        let x2 = k2 === -d || (k2 !== d && v2[i2 - 1] < v2[i2 + 1]) ? v2[i2 + 1] : v2[i2 - 1] + 1;
        let y2 = x2 - k2;
        const x0 = x2;
        while (x2 < n && y2 < m && a[aHi - x2 - 1] === b[bHi - y2 - 1]) {
          x2++;
          y2++;
        }
        this.steps += x2 - x0;
        v2[i2] = x2;
        if (x2 > n) k2end += 2;
        else if (y2 > m) k2start += 2;
        else if (!front) {
          const i1 = offset + delta - k2;
          if (i1 >= 0 && i1 < length && v1[i1] !== -1) {
            const x1 = v1[i1];
            const y1 = offset + x1 - i1;
            if (x1 >= n - x2) return [x1, y1];
          }
        }
      }
    }
    return undefined;
  }
}

/**
 * The shortest edit script turning `a` into `b` (Myers 1986, linear space), as kept, removed and
 * added lines in order. Past `maxSteps` the differing middle is replaced wholesale.
 */
export function diffLines(a: string, b: string, options: DiffLinesOptions = {}): DiffLine[] {
  const x = splitLines(a);
  const y = splitLines(b);
  const { a: ca, b: cb } = intern(x, y);
  let ops: number[];
  try {
    ops = new LinearMyers(ca, cb, options.maxSteps ?? 200_000_000).run();
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    ops = new LinearMyers(ca, cb, 0).runTrivial();
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  const lastX = x.missingFinalNewline ? x.texts.length - 1 : -1;
  const lastY = y.missingFinalNewline ? y.texts.length - 1 : -1;
  for (const op of ops) {
    if (op === 0) {
      out.push({ op: ' ', text: x.texts[i], noNewline: i === lastX });
      i++;
      j++;
    } else if (op === 1) {
      out.push({ op: '-', text: x.texts[i], noNewline: i === lastX });
      i++;
    } else {
      out.push({ op: '+', text: y.texts[j], noNewline: j === lastY });
      j++;
    }
  }
  return out;
}

function range(start: number, count: number): string {
  // GNU diff: an empty range names the line before it; a one-line range omits its length.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/**
 * The unified diff from `a` to `b`, with `--- fromFile` / `+++ toFile` headers and `@@` hunks;
 * the empty string when the texts are equal.
 */
export function unifiedDiff(a: string, b: string, options: UnifiedDiffOptions): string {
  checkArgument(typeof a === 'string', 'unifiedDiff', 'a', 'the old text (a string)', a);
  checkArgument(typeof b === 'string', 'unifiedDiff', 'b', 'the new text (a string)', b);
  checkArgument(typeof options?.fromFile === 'string' && typeof options.toFile === 'string', 'unifiedDiff', 'options', 'an object with fromFile and toFile names', options);
  if (a === b) return '';
  const context = options.context ?? 3;
  const script = diffLines(a, b);
  const changed: number[] = [];
  script.forEach((l, i) => {
    if (l.op !== ' ') changed.push(i);
  });
  const out: string[] = [`--- ${options.fromFile}`, `+++ ${options.toFile}`];
  // Line numbers (1-based) in a and b where each script entry sits.
  const lineA = new Int32Array(script.length + 1);
  const lineB = new Int32Array(script.length + 1);
  let na = 1;
  let nb = 1;
  script.forEach((l, i) => {
    lineA[i] = na;
    lineB[i] = nb;
    if (l.op !== '+') na++;
    if (l.op !== '-') nb++;
  });
  let ci = 0;
  while (ci < changed.length) {
    const first = Math.max(0, changed[ci] - context);
    let last = Math.min(script.length - 1, changed[ci] + context);
    ci++;
    // Changes whose context windows touch share one hunk.
    while (ci < changed.length && changed[ci] - context <= last + 1) {
      last = Math.min(script.length - 1, changed[ci] + context);
      ci++;
    }
    let countA = 0;
    let countB = 0;
    const body: string[] = [];
    for (let i = first; i <= last; i++) {
      const l = script[i];
      if (l.op !== '+') countA++;
      if (l.op !== '-') countB++;
      body.push(`${l.op}${l.text}`);
      if (l.noNewline) body.push('\\ No newline at end of file');
    }
    out.push(`@@ -${range(lineA[first], countA)} +${range(lineB[first], countB)} @@`);
    appendAll(out, body);
  }
  return `${out.join('\n')}\n`;
}
