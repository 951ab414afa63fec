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
import { LoadedManifest, loadManifests, MANIFEST_EXTENSIONS, parseManifests } from '../io/manifests';
import { decodeUtf8 } from '../io/utf8';

/** A `<rev>:<path>` argument, split. */
export interface GitPath {
  readonly rev: string;
  /** As git reads it: relative to the repository root, or to the current folder when it starts with `./` or `../`. */
  readonly path: string;
}

/**
 * Reads `<rev>:<path>` when the argument is not `-`, nor an existing file or folder, and has a
 * colon after a non-empty revision; otherwise undefined (the argument is a path).
 */
export function parseGitPath(arg: string): GitPath | undefined {
  if (arg === '-' || fs.existsSync(arg)) return undefined;
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
    const detail = err.stderr?.toString('utf8').trim().split('\n')[0] || err.message;
    throw new NetfenceError(`git ${args.join(' ')}: ${detail}`);
  }
}

/** Where a `<rev>:<path>` points, resolved from the repository root. */
interface ResolvedGitPath {
  /** The repository's top folder, where every git command runs. */
  readonly top: string;
  /** The revision's tree, as an object id: nothing the user typed reaches git as an option. */
  readonly tree: string;
  /** The path from the repository root, '/'-separated, '' for the root. */
  readonly path: string;
}

/**
 * Resolves a git path as git means it, whatever the current folder: a path starting with `./`
 * or `../` is relative to the current folder, any other path to the repository root. A revision
 * starting with `-` is refused (git would read it as an option).
 */
function resolveGitPath(spec: GitPath, cwd: string): ResolvedGitPath {
  if (spec.rev.startsWith('-')) throw new NetfenceError(`${JSON.stringify(spec.rev)} is not a revision: revisions never start with '-'`);
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
  } catch {
    throw new NetfenceError(`${spec.rev}:${spec.path} names a git revision, but ${cwd} is not inside a git repository; run from the repository or pass folders`);
  }
  const prefix = git(['rev-parse', '--show-prefix'], cwd).toString('utf8').trim();
  const relative = spec.path === '.' || spec.path === '..' || spec.path.startsWith('./') || spec.path.startsWith('../');
  const joined = path.posix.normalize(relative ? `${prefix}${spec.path}` : spec.path).replace(/\/+$/, '');
  const full = joined === '.' ? '' : joined;
  if (full === '..' || full.startsWith('../') || full.startsWith('/')) {
    throw new NetfenceError(`${spec.rev}:${spec.path} is outside the repository (${top})`);
  }
  let tree = '';
  try {
    tree = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${spec.rev}^{tree}`], top).toString('utf8').trim();
  } catch {
    // reported below
  }
  if (!/^[0-9a-f]{40,64}$/.test(tree)) throw new NetfenceError(`unknown git revision ${JSON.stringify(spec.rev)} in ${top}`);
  return { top, tree, path: full };
}

/**
 * Loads the manifests of a folder or file as committed in a revision: every `.yaml`, `.yml` and
 * `.json` file under it (dot-files and dot-folders skipped, as for folders on disk), read through
 * one `git cat-file --batch`, from the repository root. Locations read `<rev>:<file>:line:column`
 * with the file's path from the root. A tree with no manifest is an error, never an empty side.
 */
export function loadGitManifests(spec: GitPath, cwd: string = process.cwd()): LoadedManifest[] {
  const { top, tree, path: full } = resolveGitPath(spec, cwd);
  const objectName = full === '' ? tree : `${tree}:${full}`;
  const shown = `${spec.rev}:${full === '' ? '.' : full}`;
  let type: string;
  try {
    type = git(['cat-file', '-t', objectName], top).toString('utf8').trim();
  } catch {
    throw new NetfenceError(`${shown} does not exist in that revision; paths are relative to the repository root (${top}), or to the current folder when they start with ./`);
  }
  let files: string[];
  if (type === 'blob') {
    files = [full];
  } else if (type === 'tree') {
    const listing = git(['ls-tree', '-r', '-z', '--full-tree', '--name-only', objectName], top).toString('utf8');
    files = listing
      .split('\0')
      .filter((f) => f !== '' && !f.split('/').some((part) => part.startsWith('.')) && MANIFEST_EXTENSIONS.has(path.extname(f)))
      .sort()
      .map((f) => (full === '' ? f : `${full}/${f}`));
    if (files.length === 0) {
      throw new NetfenceError(`${shown} holds no .yaml, .yml or .json file; check the revision and the path (relative to the repository root, or to the current folder with ./)`);
    }
  } else {
    throw new NetfenceError(`${shown} is a git ${type}, not a folder or file`);
  }
  const batch = git(['cat-file', '--batch'], top, files.map((f) => `${tree}:${f}\n`).join(''));
  const out: LoadedManifest[] = [];
  let offset = 0;
  for (const f of files) {
    const headerEnd = batch.indexOf(0x0a, offset);
    const header = batch.subarray(offset, headerEnd).toString('utf8');
    const m = /^[0-9a-f]+ blob ([0-9]+)$/.exec(header);
    if (!m) throw new NetfenceError(`git cat-file: cannot read ${spec.rev}:${f} (${header})`);
    const size = Number(m[1]);
    const name = `${spec.rev}:${f}`;
    const text = decodeUtf8(batch.subarray(headerEnd + 1, headerEnd + 1 + size), name);
    offset = headerEnd + 1 + size + 1; // content, then a newline
    appendAll(out, parseManifests(text, name));
  }
  return out;
}

/** Options of `loadSource`. */
export interface LoadSourceOptions {
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Reads standard input for `-`. @default file descriptor 0 */
  readonly stdin?: () => string;
}

/** Loads one side of a diff: a file or folder on disk, `-` (standard input), or `<rev>:<path>`. */
export function loadSource(arg: string, options: LoadSourceOptions | string = {}): LoadedManifest[] {
  const opts: LoadSourceOptions = typeof options === 'string' ? { cwd: options } : options;
  const spec = parseGitPath(arg);
  return spec ? loadGitManifests(spec, opts.cwd ?? process.cwd()) : loadManifests([arg], opts.stdin ? { stdin: opts.stdin } : {});
}
