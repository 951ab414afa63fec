/**
 * Where the two sides of a diff come from: files and folders on disk, or a folder (or file) as it
 * is in a git revision, written `<rev>:<path>` as `git show` takes it (`origin/main:dist`,
 * `HEAD~1:deploy/prod.yaml`). Git is run as a child process, read-only.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { NetfenceError } from '../core/errors';
import { appendAll } from '../core/values';
import { LoadedManifest, loadManifests, parseManifests } from '../io/manifests';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** A `<rev>:<path>` argument, split. */
export interface GitPath {
  readonly rev: string;
  /** As git reads it: relative to the repository root, or to the current folder when it starts with `./` or `../`. */
  readonly path: string;
}

/**
 * Reads `<rev>:<path>` when the argument is not an existing file or folder and has a colon
 * after a non-empty revision; otherwise undefined (the argument is a path).
 */
export function parseGitPath(arg: string): GitPath | undefined {
  if (fs.existsSync(arg)) return undefined;
  const colon = arg.indexOf(':');
  if (colon <= 0) return undefined;
  return { rev: arg.slice(0, colon), path: arg.slice(colon + 1) };
}

function git(args: readonly string[], cwd: string, input?: string): Buffer {
  try {
    return execFileSync('git', [...args], { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string; code?: string };
    if (err.code === 'ENOENT') throw new NetfenceError('git is not installed; pass folders instead of <rev>:<path>');
    const detail = err.stderr?.toString('utf8').trim().split('\n')[0] ?? err.message;
    throw new NetfenceError(`git ${args.join(' ')}: ${detail}`);
  }
}

/**
 * Loads the manifests of a folder or file as committed in a revision: every `.yaml`, `.yml` and
 * `.json` file under it (dot-files and dot-folders skipped, as for folders on disk), read through
 * one `git cat-file --batch`. Locations read `<rev>:<file>:line:column`.
 */
export function loadGitManifests(spec: GitPath, cwd: string = process.cwd()): LoadedManifest[] {
  const objectName = `${spec.rev}:${spec.path}`;
  const type = git(['cat-file', '-t', objectName], cwd).toString('utf8').trim();
  let files: string[];
  if (type === 'blob') {
    files = [spec.path];
  } else if (type === 'tree') {
    const listing = git(['ls-tree', '-r', '-z', '--name-only', objectName], cwd).toString('utf8');
    files = listing
      .split('\0')
      .filter((f) => f !== '' && !f.split('/').some((part) => part.startsWith('.')) && MANIFEST_EXTENSIONS.has(path.extname(f)))
      .sort()
      .map((f) => (spec.path === '' || spec.path.endsWith('/') ? `${spec.path}${f}` : `${spec.path}/${f}`));
  } else {
    throw new NetfenceError(`${objectName} is a git ${type}, not a folder or file`);
  }
  if (files.length === 0) return [];
  const batch = git(['cat-file', '--batch'], cwd, files.map((f) => `${spec.rev}:${f}\n`).join(''));
  const out: LoadedManifest[] = [];
  let offset = 0;
  for (const f of files) {
    const headerEnd = batch.indexOf(0x0a, offset);
    const header = batch.subarray(offset, headerEnd).toString('utf8');
    const m = /^[0-9a-f]+ blob ([0-9]+)$/.exec(header);
    if (!m) throw new NetfenceError(`git cat-file: cannot read ${spec.rev}:${f} (${header})`);
    const size = Number(m[1]);
    const text = batch.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8');
    offset = headerEnd + 1 + size + 1; // content, then a newline
    appendAll(out, parseManifests(text, `${spec.rev}:${f}`));
  }
  return out;
}

/** Loads one side of a diff: a file or folder on disk, or `<rev>:<path>`. */
export function loadSource(arg: string, cwd: string = process.cwd()): LoadedManifest[] {
  const spec = parseGitPath(arg);
  return spec ? loadGitManifests(spec, cwd) : loadManifests([arg]);
}
