/**
 * Drift between what the code synthesizes and the output folder committed next to it: the check
 * behind `netfence synth --check`, which CI runs so that the YAML a GitOps tool applies is always
 * exactly what the TypeScript says.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { checkArgument } from '../core/arguments';
import { fileSystemError } from '../io/input-files';
import { escapeText } from '../render/escape';
import { synthesizeToMemory } from '../synth/synthesize';
import { ownedByExtension, OwnedPredicate } from '../synth/output-folder';
import { unifiedDiff } from './unified-diff';

/** How one file differs: missing from the folder, left over in it, or with other content. */
export type DriftStatus = 'added' | 'removed' | 'changed';

/** One file that differs between synthesis and the folder. */
export interface DriftFile {
  /** Relative to the folder, '/'-separated. */
  readonly file: string;
  /** `added`: synthesis writes it and the folder lacks it; `removed`: the folder has it and synthesis no longer writes it. */
  readonly status: DriftStatus;
  /** The patch from the folder's file to the synthesized one, in git's format (applies with `git apply`). */
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
   * Files in the folder that synthesis owns: any of them that synthesis does not write is
   * reported as `removed`. Other files (a README, a kustomization.yaml) are left alone.
   * @default files ending with `.k8s.yaml` (cdk8s's output extension)
   */
  readonly owned?: RegExp | OwnedPredicate;
  /**
   * The folder's path from where the patch is applied ('/'-separated, e.g. `deploy/dist`), so
   * that `git apply` from the repository root finds the files.
   * @default '' (paths relative to the folder)
   */
  readonly patchPrefix?: string;
}

/** A symlink found in the folder: synthesis writes regular files, so it always differs. */
const SYMLINK = Symbol('symlink');

/** The folder as it was read, before the app ran: contents and a fingerprint to notice later writes. */
export interface FolderSnapshot {
  readonly outdir: string;
  /** Relative path to content (symlinks are marked, never followed). */
  readonly files: ReadonlyMap<string, string | typeof SYMLINK>;
  /** Names, kinds, sizes and modification times, to tell whether anything wrote to the folder since. */
  readonly fingerprint: string;
}

function walk(root: string, rel: string, visit: (rel: string, e: fs.Dirent, stat: fs.Stats) => void): void {
  const dir = path.join(root, ...rel.split('/').filter((p) => p !== ''));
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // A missing folder holds nothing: every synthesized file is then `added`. Anything else
    // (permissions, a file where the folder should be) is bad input, never "drift".
    if (rel === '' && (e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fileSystemError(e, dir, 'read folder');
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const child = rel === '' ? e.name : `${rel}/${e.name}`;
    const stat = fs.lstatSync(path.join(dir, e.name));
    visit(child, e, stat);
    if (e.isDirectory()) walk(root, child, visit);
  }
}

/** Reads the folder (every regular file, symlinks marked) and fingerprints it. Reads only. */
export function readFolderSnapshot(outdir: string): FolderSnapshot {
  const files = new Map<string, string | typeof SYMLINK>();
  const prints: string[] = [];
  walk(outdir, '', (rel, e, stat) => {
    prints.push(`${rel}\u0000${e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'f'}\u0000${stat.size}\u0000${stat.mtimeMs}`);
    if (e.isSymbolicLink()) files.set(rel, SYMLINK);
    else if (e.isFile()) {
      const file = path.join(outdir, ...rel.split('/'));
      try {
        files.set(rel, fs.readFileSync(file, 'utf8'));
      } catch (err) {
        throw fileSystemError(err, file);
      }
    }
  });
  return { outdir, files, fingerprint: prints.join('\n') };
}

/** True when something wrote to the folder since the snapshot was taken. */
export function folderChangedSince(snapshot: FolderSnapshot): boolean {
  const prints: string[] = [];
  walk(snapshot.outdir, '', (rel, e, stat) => {
    prints.push(`${rel}\u0000${e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'f'}\u0000${stat.size}\u0000${stat.mtimeMs}`);
  });
  return prints.join('\n') !== snapshot.fingerprint;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ownedPredicate(owned: DriftOptions['owned']): OwnedPredicate {
  if (owned === undefined) return ownedByExtension('.k8s.yaml');
  if (owned instanceof RegExp) return (rel) => owned.test(rel);
  return owned;
}

/** One file's patch in git's format: `diff --git`, new/deleted file mode, then the unified diff. */
function gitPatch(file: string, onDisk: string | undefined, want: string | undefined, prefix: string): string {
  const shown = prefix === '' ? file : `${prefix.replace(/\/+$/, '')}/${file}`;
  const header = [`diff --git a/${shown} b/${shown}`];
  if (onDisk === undefined) header.push('new file mode 100644');
  if (want === undefined) header.push('deleted file mode 100644');
  const body = unifiedDiff(onDisk ?? '', want ?? '', {
    fromFile: onDisk === undefined ? '/dev/null' : `a/${shown}`,
    toFile: want === undefined ? '/dev/null' : `b/${shown}`,
  });
  return `${header.join('\n')}\n${body}`;
}

/**
 * Compares synthesized files (relative name to text) with a folder, or with a snapshot of it
 * taken before the app ran: exactly the files synthesis writes, plus every owned file
 * (`*.k8s.yaml`) the folder holds beyond them. Reads only.
 */
export function checkDrift(expected: ReadonlyMap<string, string>, folder: string | FolderSnapshot, options: DriftOptions = {}): DriftReport {
  checkArgument(expected instanceof Map, 'checkDrift', 'expected', 'a Map of relative file names to text (synthesizeToMemory(app))', expected);
  checkArgument(typeof folder === 'string' || (typeof folder === 'object' && folder !== null && 'fingerprint' in folder), 'checkDrift', 'folder', 'a folder path or a FolderSnapshot', folder);
  const owned = ownedPredicate(options.owned);
  const snapshot = typeof folder === 'string' ? readFolderSnapshot(folder) : folder;
  const names = new Set<string>(expected.keys());
  for (const f of snapshot.files.keys()) if (owned(f)) names.add(f);
  const files: DriftFile[] = [];
  for (const file of [...names].sort(compareNames)) {
    const want = expected.get(file);
    const present = snapshot.files.get(file);
    // A symlink is replaced by a regular file: show its whole content as new.
    const onDisk = present === SYMLINK ? '' : present;
    if (present !== SYMLINK && want === onDisk) continue;
    const status: DriftStatus = present === undefined ? 'added' : want === undefined ? 'removed' : 'changed';
    files.push({ file, status, diff: gitPatch(file, present === undefined ? undefined : onDisk, want, options.patchPrefix ?? '') });
  }
  return { outdir: snapshot.outdir, files, expected: expected.size };
}

function plural(n: number, w: string): string {
  return `${n} ${w}${n === 1 ? '' : 's'}`;
}

/** The patch alone (for standard output): empty when the folder is up to date. */
export function formatDriftPatch(report: DriftReport): string {
  return report.files.map((f) => f.diff).join('');
}

/**
 * The status for people (for standard error): one line per file that differs and a summary that
 * says how to fix the drift, or a single "up to date" line.
 */
export function formatDriftStatus(report: DriftReport): string {
  const out = escapeText(report.outdir);
  if (report.files.length === 0) return `${out} is up to date (${plural(report.expected, 'file')} checked)\n`;
  const lines: string[] = [];
  for (const f of report.files) lines.push(`${f.status.padEnd(8)}${escapeText(path.join(report.outdir, ...f.file.split('/')))}`);
  lines.push(
    `drift: ${plural(report.files.length, 'file')} in ${out} differ from what the code synthesizes; run the same \`netfence synth\` without --check and commit the result (or apply the patch on standard output with git apply)`,
  );
  return `${lines.join('\n')}\n`;
}

/** The patch, then the status: the whole report as one text. */
export function formatDrift(report: DriftReport): string {
  const patch = formatDriftPatch(report);
  return `${patch}${patch === '' ? '' : '\n'}${formatDriftStatus(report)}`;
}

/**
 * `synth --check` in one call for an app in memory: synthesizes it, compares it with the folder,
 * writes the patch to `write` (standard output) and the status to `writeStatus` (standard
 * error), and returns the exit code (0 up to date, 1 drift). Writes no file.
 */
export function runDriftCheck(
  app: App,
  outdir: string,
  write: (text: string) => void = (t) => process.stdout.write(t),
  writeStatus: (text: string) => void = write,
): number {
  const snapshot = readFolderSnapshot(outdir);
  const report = checkDrift(synthesizeToMemory(app), snapshot, { owned: ownedByExtension(app.outputFileExtension) });
  write(formatDriftPatch(report));
  writeStatus(formatDriftStatus(report));
  return report.files.length === 0 ? 0 : 1;
}
