import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { diffLines, unifiedDiff } from '../../lib/ci/unified-diff';

/** Applies a unified diff produced for `a` (test-side, independent of the implementation). */
function applyPatch(a: string, patch: string): string {
  if (patch === '') return a;
  const lines = patch.replace(/\n$/, '').split('\n');
  expect(lines[0]).toMatch(/^--- /);
  expect(lines[1]).toMatch(/^\+\+\+ /);
  const src = a === '' ? [] : a.split('\n');
  const srcEndsNl = a === '' || a.endsWith('\n');
  if (a !== '' && srcEndsNl) src.pop();
  // Each output line remembers whether it lacks a newline (only possible for the last one).
  const out: { text: string; noNl: boolean }[] = [];
  const copy = (p: number): void => {
    out.push({ text: src[p], noNl: p === src.length - 1 && !srcEndsNl });
  };
  let pos = 0; // next unread source line (0-based)
  let i = 2;
  while (i < lines.length) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i]);
    expect(m).not.toBeNull();
    const startA = Number(m![1]);
    const countA = m![2] === undefined ? 1 : Number(m![2]);
    const countB = m![4] === undefined ? 1 : Number(m![4]);
    const begin = countA === 0 ? startA : startA - 1;
    expect(begin).toBeGreaterThanOrEqual(pos);
    while (pos < begin) copy(pos++);
    i++;
    let seenA = 0;
    let seenB = 0;
    while (i < lines.length && !lines[i].startsWith('@@')) {
      const l = lines[i];
      const op = l[0];
      const text = l.slice(1);
      const noNl = lines[i + 1] === '\\ No newline at end of file';
      if (op === ' ' || op === '-') {
        expect(src[pos]).toBe(text);
        expect(noNl && op === '-').toBe(op === '-' && pos === src.length - 1 && !srcEndsNl);
        pos++;
        seenA++;
      }
      if (op === ' ' || op === '+') {
        out.push({ text, noNl });
        seenB++;
      }
      i += noNl ? 2 : 1;
    }
    expect(seenA).toBe(countA);
    expect(seenB).toBe(countB);
  }
  while (pos < src.length) copy(pos++);
  if (out.length === 0) return '';
  return out.map((l) => l.text).join('\n') + (out[out.length - 1].noNl ? '' : '\n');
}

describe('diffLines (Myers)', () => {
  it('finds a shortest edit script: kept lines form a longest common subsequence', () => {
    const script = diffLines('a\nb\nc\na\nb\nb\na\n', 'c\nb\na\nb\na\nc\n');
    // The classic example from Myers's paper has edit distance 5.
    expect(script.filter((l) => l.op !== ' ').length).toBe(5);
    expect(script.filter((l) => l.op !== '+').map((l) => l.text).join('')).toBe('abcabba');
    expect(script.filter((l) => l.op !== '-').map((l) => l.text).join('')).toBe('cbabac');
  });

  it('is minimal: the number of edits is n + m - 2 LCS (property, against a dynamic program)', () => {
    const lcs = (x: string[], y: string[]): number => {
      const t = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
      for (let i = 1; i <= x.length; i++) for (let j = 1; j <= y.length; j++) t[i][j] = x[i - 1] === y[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
      return t[x.length][y.length];
    };
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 40 });
    fc.assert(
      fc.property(lines, lines, (x, y) => {
        const edits = diffLines(x.map((l) => `${l}\n`).join(''), y.map((l) => `${l}\n`).join('')).filter((l) => l.op !== ' ').length;
        expect(edits).toBe(x.length + y.length - 2 * lcs(x, y));
      }),
      { numRuns: 300 },
    );
  });

  it('past its step budget it replaces the differing middle: still a correct script', () => {
    const a = 'same\nx1\nx2\nx3\nend\n';
    const b = 'same\ny1\nx2\ny3\nend\n';
    const script = diffLines(a, b, { maxSteps: 0 });
    expect(script.map((l) => `${l.op}${l.text}`)).toEqual([' same', '-x1', '-x2', '-x3', '+y1', '+x2', '+y3', ' end']);
    expect(applyPatch(a, unifiedDiff(a, b, { fromFile: 'a/f', toFile: 'b/f' }))).toBe(b);
  });

  it('a 100,000-line file with 2,000 changed lines: the patch reproduces the new file', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => `  line-${i}: value`);
    const b = a.map((l, i) => (i % 50 === 7 ? `${l} changed` : l));
    const before = `${a.join('\n')}\n`;
    const after = `${b.join('\n')}\n`;
    const patch = unifiedDiff(before, after, { fromFile: 'a/f', toFile: 'b/f' });
    expect(patch.match(/^-  line/gm)).toHaveLength(2000);
    expect(applyPatch(before, patch)).toBe(after);
  });

  it('one hunk of 200,000 lines (a new file) does not overflow the stack', () => {
    const text = `${Array.from({ length: 200_000 }, (_, i) => `l${i}`).join('\n')}\n`;
    const patch = unifiedDiff('', text, { fromFile: '/dev/null', toFile: 'b/f' });
    expect(patch.startsWith('--- /dev/null\n+++ b/f\n@@ -0,0 +1,200000 @@\n+l0\n')).toBe(true);
  });

  it('treats a missing final newline as a difference', () => {
    expect(diffLines('x\n', 'x').map((l) => l.op)).toEqual(['-', '+']);
    expect(diffLines('x', 'x').map((l) => l.op)).toEqual([' ']);
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', { fromFile: 'a/f', toFile: 'b/f' })).toBe('');
  });

  it('writes headers and one hunk with 3 lines of context, GNU-style ranges', () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const b = a.replace('line 10\n', 'line ten\n');
    expect(unifiedDiff(a, b, { fromFile: 'a/x.k8s.yaml', toFile: 'b/x.k8s.yaml' })).toBe(
      ['--- a/x.k8s.yaml', '+++ b/x.k8s.yaml', '@@ -7,7 +7,7 @@', ' line 7', ' line 8', ' line 9', '-line 10', '+line ten', ' line 11', ' line 12', ' line 13', ''].join('\n'),
    );
  });

  it('splits far-apart changes into separate hunks and merges near ones', () => {
    const a = Array.from({ length: 30 }, (_, i) => `${i + 1}`).join('\n') + '\n';
    const far = a.replace('\n2\n', '\nTWO\n').replace('\n25\n', '\nTWENTY-FIVE\n');
    expect(unifiedDiff(a, far, { fromFile: 'a', toFile: 'b' }).match(/^@@/gm)).toHaveLength(2);
    const near = a.replace('\n2\n', '\nTWO\n').replace('\n8\n', '\nEIGHT\n');
    expect(unifiedDiff(a, near, { fromFile: 'a', toFile: 'b' }).match(/^@@/gm)).toHaveLength(1);
  });

  it('new and deleted files use /dev/null and 0,0 ranges', () => {
    expect(unifiedDiff('', 'a\nb\n', { fromFile: '/dev/null', toFile: 'b/f' })).toBe('--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedDiff('a\n', '', { fromFile: 'a/f', toFile: '/dev/null' })).toBe('--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n');
  });

  it('marks a missing newline at the end', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb', { fromFile: 'a/f', toFile: 'b/f' })).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n',
    );
  });

  it('applying the patch to the old text gives the new text (property)', () => {
    const text = fc
      .tuple(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'kind: X', ''), { maxLength: 25 }), fc.boolean())
      .map(([ls, nl]) => (ls.length === 0 ? '' : ls.join('\n') + (nl ? '\n' : '')));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (a, b, context) => {
        const patch = unifiedDiff(a, b, { fromFile: 'a/f', toFile: 'b/f', context });
        expect(applyPatch(a, patch)).toBe(b);
        // Minimality: the script is no longer than replacing every line.
        const edits = diffLines(a, b).filter((l) => l.op !== ' ').length;
        expect(edits).toBeLessThanOrEqual(a.split('\n').length + b.split('\n').length);
      }),
      { numRuns: 300 },
    );
  });

  it('git apply accepts the patch and reproduces the file byte for byte', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-udiff-'));
    const a = 'apiVersion: v1\nkind: A\nmetadata:\n  name: x\nspec:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n  f: 6\n  g: 7\n  h: 8\n';
    const b = 'apiVersion: v1\nkind: A\nmetadata:\n  name: y\nspec:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n  f: 6\n  g: 70\n  h: 8\n  i: 9';
    fs.writeFileSync(path.join(dir, 'f.yaml'), a);
    fs.writeFileSync(path.join(dir, 'p.diff'), unifiedDiff(a, b, { fromFile: 'a/f.yaml', toFile: 'b/f.yaml' }));
    execFileSync('git', ['apply', '--unsafe-paths', '--directory=.', 'p.diff'], { cwd: dir, stdio: 'pipe' });
    expect(fs.readFileSync(path.join(dir, 'f.yaml'), 'utf8')).toBe(b);
  });
});
