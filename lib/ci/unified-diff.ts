/**
 * Line diffs in the unified format that `diff -u`, `git diff` and `git apply` read: Myers's
 * O(ND) shortest edit script over lines, then hunks with a few lines of context.
 *
 * A last line without a trailing newline differs from the same text with one, and is marked
 * `\ No newline at end of file`, as GNU diff does, so the patch reproduces the file byte for byte.
 */

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

interface Line {
  readonly text: string;
  readonly noNewline: boolean;
  /** What equality compares: the text, plus a mark when the newline is missing. */
  readonly key: string;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const endsWithNewline = parts[parts.length - 1] === '';
  if (endsWithNewline) parts.pop();
  return parts.map((t, i) => {
    const noNewline = !endsWithNewline && i === parts.length - 1;
    return { text: t, noNewline, key: noNewline ? `${t}\u0000` : t };
  });
}

/**
 * The shortest edit script turning `a` into `b` (Myers 1986), as kept/removed/added lines in
 * order. Common prefix and suffix are stripped first, so typical small edits cost little.
 */
export function diffLines(a: string, b: string): DiffLine[] {
  const x = splitLines(a);
  const y = splitLines(b);
  let start = 0;
  while (start < x.length && start < y.length && x[start].key === y[start].key) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1].key === y[endY - 1].key) {
    endX--;
    endY--;
  }
  const keep = (l: Line): DiffLine => ({ op: ' ', text: l.text, noNewline: l.noNewline });
  const out: DiffLine[] = x.slice(0, start).map(keep);
  out.push(...middle(x.slice(start, endX), y.slice(start, endY)));
  out.push(...x.slice(endX).map(keep));
  return out;
}

function middle(x: readonly Line[], y: readonly Line[]): DiffLine[] {
  const n = x.length;
  const m = y.length;
  const max = n + m;
  const offset = max + 1;
  // v[k + offset] is the furthest x reached on diagonal k; one snapshot per edit distance d.
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let px: number;
      if (k === -d || (k !== d && v[k - 1 + offset] < v[k + 1 + offset])) px = v[k + 1 + offset];
      else px = v[k - 1 + offset] + 1;
      let py = px - k;
      while (px < n && py < m && x[px].key === y[py].key) {
        px++;
        py++;
      }
      v[k + offset] = px;
      if (px >= n && py >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the snapshots back from (n, m) to (0, 0), collecting the script in reverse.
  const rev: DiffLine[] = [];
  let px = n;
  let py = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = px - py;
    let prevK: number;
    if (d === 0) prevK = 0;
    else if (k === -d || (k !== d && vd[k - 1 + offset] < vd[k + 1 + offset])) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : vd[prevK + offset];
    const prevY = prevX - prevK;
    while (px > prevX && py > prevY) {
      px--;
      py--;
      rev.push({ op: ' ', text: x[px].text, noNewline: x[px].noNewline });
    }
    if (d === 0) break;
    if (px === prevX) {
      py--;
      rev.push({ op: '+', text: y[py].text, noNewline: y[py].noNewline });
    } else {
      px--;
      rev.push({ op: '-', text: x[px].text, noNewline: x[px].noNewline });
    }
  }
  return rev.reverse();
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
    out.push(`@@ -${range(lineA[first], countA)} +${range(lineB[first], countB)} @@`, ...body);
  }
  return `${out.join('\n')}\n`;
}
