/**
 * Drift between what the code synthesizes and the output folder committed next to it: the check
 * behind `netfence synth --check`, which CI runs so that the YAML a GitOps tool applies is always
 * exactly what the TypeScript says.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { synthesizeToMemory } from '../synth/synthesize';
import { unifiedDiff } from './unified-diff';

/** How one file differs: missing from the folder, left over in it, or with other content. */
export type DriftStatus = 'added' | 'removed' | 'changed';

/** One file that differs between synthesis and the folder. */
export interface DriftFile {
  /** Relative to the folder, '/'-separated. */
  readonly file: string;
  /** `added`: synthesis writes it and the folder lacks it; `removed`: the folder has it and synthesis no longer writes it. */
  readonly status: DriftStatus;
  /** The unified diff from the folder's file to the synthesized one. */
  readonly diff: string;
}

/** The outcome of a drift check. */
export interface DriftReport {
  readonly outdir: string;
  /** The files that differ, sorted by name; empty when the folder is up to date. */
  readonly files: readonly DriftFile[];
  /** How many files synthesis would write, whether they differ or not. */
  readonly expected: number;
}

/** Options of `checkDrift`. */
export interface DriftOptions {
  /**
   * Files in the folder that synthesis should own: any of them that synthesis does not write is
   * reported as `removed`. Other files (a README, a kustomization.yaml) are left alone.
   * @default /\.k8s\.ya?ml$/ (cdk8s's output extension)
   */
  readonly owned?: RegExp;
}

const DEFAULT_OWNED = /\.k8s\.ya?ml$/;

function listFiles(root: string, rel: string, out: string[]): void {
  const dir = path.join(root, ...rel.split('/').filter((p) => p !== ''));
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a missing folder holds nothing: every synthesized file is then `added`
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const child = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) listFiles(root, child, out);
    else if (e.isFile()) out.push(child);
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares synthesized files (relative name to text) with a folder: exactly the files synthesis
 * writes, plus every owned file (`*.k8s.yaml`) the folder holds beyond them. Reads only.
 */
export function checkDrift(expected: ReadonlyMap<string, string>, outdir: string, options: DriftOptions = {}): DriftReport {
  const owned = options.owned ?? DEFAULT_OWNED;
  const present: string[] = [];
  listFiles(outdir, '', present);
  const names = new Set<string>(expected.keys());
  for (const f of present) if (owned.test(f)) names.add(f);
  const presentSet = new Set(present);
  const files: DriftFile[] = [];
  for (const file of [...names].sort(compareNames)) {
    const want = expected.get(file);
    const onDisk = presentSet.has(file) ? fs.readFileSync(path.join(outdir, ...file.split('/')), 'utf8') : undefined;
    if (want === onDisk) continue;
    const status: DriftStatus = onDisk === undefined ? 'added' : want === undefined ? 'removed' : 'changed';
    const diff = unifiedDiff(onDisk ?? '', want ?? '', {
      fromFile: onDisk === undefined ? '/dev/null' : `a/${file}`,
      toFile: want === undefined ? '/dev/null' : `b/${file}`,
    });
    files.push({ file, status, diff });
  }
  return { outdir, files, expected: expected.size };
}

/**
 * The report as text: the unified diffs, then one line per file and a summary that says how to
 * fix the drift; a single "up to date" line when there is none.
 */
export function formatDrift(report: DriftReport): string {
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (report.files.length === 0) {
    return `${report.outdir} is up to date (${plural(report.expected, 'file')} checked)\n`;
  }
  const lines: string[] = [];
  for (const f of report.files) lines.push(f.diff.replace(/\n$/, ''));
  lines.push('');
  for (const f of report.files) lines.push(`${f.status.padEnd(8)}${path.join(report.outdir, ...f.file.split('/'))}`);
  lines.push(
    `drift: ${plural(report.files.length, 'file')} in ${report.outdir} differ from what the code synthesizes; run the same \`netfence synth\` without --check and commit the result`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `synth --check` in one call: synthesizes the app in memory, compares it with the folder,
 * writes the report to stdout and returns the exit code (0 up to date, 1 drift). Writes no file.
 */
export function runDriftCheck(app: App, outdir: string, write: (text: string) => void = (t) => process.stdout.write(t)): number {
  const report = checkDrift(synthesizeToMemory(app), outdir);
  write(formatDrift(report));
  return report.files.length === 0 ? 0 : 1;
}
