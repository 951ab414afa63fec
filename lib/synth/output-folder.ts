/**
 * Writing the output folder atomically and exactly. Everything is written into a staging folder
 * beside `--out` (same file system), the files the app no longer writes are left behind, the
 * other files of the old folder are carried over (hard links, symlinks recreated, never
 * followed), and only then is the staging folder renamed into place. Until that rename the old
 * folder is untouched, so a failure, a full disk or a signal leaves it whole; after it, the
 * folder holds exactly what the app writes plus the files that are not its manifests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NetfenceError } from '../core/errors';
import { fileSystemError } from '../io/input-files';

/** True for a path (relative, '/'-separated) that synthesis owns: a manifest of the output extension. */
export type OwnedPredicate = (relativePath: string) => boolean;

/** The owned-file rule for an output extension (`.k8s.yaml`): any file whose name ends with it. */
export function ownedByExtension(extension: string): OwnedPredicate {
  return (rel) => extension !== '' && path.posix.basename(rel).endsWith(extension) && path.posix.basename(rel) !== extension;
}

/** What a synthesis writes: relative paths ('/'-separated) to text, and folders it creates even when empty. */
export interface OutputPlan {
  readonly files: ReadonlyMap<string, string>;
  readonly directories?: readonly string[];
  /** Which files of the old folder synthesis owns (removed unless written again). */
  readonly owned: OwnedPredicate;
}

/** What replacing the folder did. */
export interface OutputResult {
  /** The folder written, as given. */
  readonly outdir: string;
  /** Owned files of the old folder that the app no longer writes, now gone ('/'-separated). */
  readonly removed: readonly string[];
  /** Other files of the old folder, carried over unchanged. */
  readonly kept: number;
}

/** Thrown to abandon a write (a signal arrived); the old folder stays as it was. */
export class WriteCancelled extends Error {
  public constructor(public readonly signal: string) {
    super(`interrupted by ${signal}`);
    this.name = 'WriteCancelled';
  }
}

function io<T>(file: string, doing: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof NetfenceError || e instanceof WriteCancelled) throw e;
    throw fileSystemError(e, file, doing);
  }
}

/**
 * Where the output goes: the folder itself, resolved through a symlink (the user's `--out` may
 * be one), refused when it is a file, the current folder or one of its parents, or empty.
 */
export function resolveOutdir(outdir: string): string {
  if (typeof outdir !== 'string' || outdir.trim() === '') throw new NetfenceError('--out is empty; give the folder to write, e.g. --out dist');
  let target = path.resolve(outdir);
  const stat = io(outdir, 'read', () => (fs.existsSync(target) ? fs.lstatSync(target) : undefined));
  if (stat?.isSymbolicLink()) target = io(outdir, 'read', () => fs.realpathSync(target));
  const real = io(outdir, 'read', () => (fs.existsSync(target) ? fs.statSync(target) : undefined));
  if (real && !real.isDirectory()) throw new NetfenceError('is a file, not a folder; give --out a folder (synthesis replaces it)', { location: { file: outdir } });
  const cwd = fs.realpathSync(process.cwd());
  if (cwd === target || cwd.startsWith(`${target}${path.sep}`) || path.dirname(target) === target) {
    throw new NetfenceError('is the current folder or one of its parents; give --out a folder of its own, e.g. --out dist', { location: { file: outdir } });
  }
  return target;
}

/** Folder mode for a new output folder: what mkdir would give under the current umask. */
function defaultFolderMode(): number {
  const mask = process.umask();
  return 0o777 & ~mask;
}

/**
 * One replacement of an output folder: `stage` files, `carryOver` the rest, `commit`; `abort`
 * (after any failure) removes the staging folder and leaves the old folder as it was.
 */
export class OutputWriter {
  /** The real folder replaced. */
  public readonly target: string;
  /** The staging folder, beside the target. */
  public readonly staging: string;
  private readonly written = new Set<string>();
  private committed = false;

  /**
   * Creates the staging folder beside `outdir`. With `staging` given (a folder an app command
   * already wrote into, beside the target), that folder is used as it is.
   */
  public constructor(
    private readonly outdir: string,
    staging?: string,
  ) {
    this.target = resolveOutdir(outdir);
    const parent = path.dirname(this.target);
    io(parent, 'create folder', () => fs.mkdirSync(parent, { recursive: true }));
    this.staging = staging ?? io(parent, 'create folder', () => fs.mkdtempSync(path.join(parent, `.${path.basename(this.target)}.netfence-`)));
    const mode = fs.existsSync(this.target) ? fs.statSync(this.target).mode & 0o7777 : defaultFolderMode();
    io(this.staging, 'set the mode of', () => fs.chmodSync(this.staging, mode));
  }

  /** A staging folder beside `outdir` for an app command to write into (as CDK8S_OUTDIR). */
  public static stagingFolderFor(outdir: string): string {
    const target = resolveOutdir(outdir);
    const parent = path.dirname(target);
    io(parent, 'create folder', () => fs.mkdirSync(parent, { recursive: true }));
    return io(parent, 'create folder', () => fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.netfence-`)));
  }

  /** Writes one file into the staging folder (never through a symlink: the folder is new). */
  public writeFile(rel: string, text: string): void {
    const file = path.join(this.staging, ...rel.split('/'));
    const shown = path.join(this.outdir, ...rel.split('/'));
    io(shown, 'create folder for', () => fs.mkdirSync(path.dirname(file), { recursive: true }));
    io(shown, 'write', () => fs.writeFileSync(file, text, { encoding: 'utf8', flag: 'wx' }));
    this.written.add(rel);
  }

  /** Creates a folder the app creates even when it stays empty. */
  public makeDirectory(rel: string): void {
    io(path.join(this.outdir, rel), 'create folder', () => fs.mkdirSync(path.join(this.staging, ...rel.split('/')), { recursive: true }));
  }

  /** Marks files already in the staging folder (written there by an app command) as written. */
  public adoptStagedFiles(): string[] {
    const found: string[] = [];
    listRegularFiles(this.staging, '', found);
    for (const f of found) this.written.add(f);
    return found;
  }

  /**
   * Brings over what the old folder holds beyond the app's output: files that are not owned
   * manifests (hard links, or copies across devices), symlinks recreated as symlinks, folders
   * that held something kept or were empty. Owned files the app no longer writes are dropped.
   */
  public carryOver(owned: OwnedPredicate): OutputResult {
    const removed: string[] = [];
    let kept = 0;
    const visit = (rel: string): boolean => {
      const from = path.join(this.target, ...rel.split('/').filter((p) => p !== ''));
      const entries = io(path.join(this.outdir, rel), 'read folder', () => fs.readdirSync(from, { withFileTypes: true }));
      let keptHere = false;
      for (const e of entries) {
        const child = rel === '' ? e.name : `${rel}/${e.name}`;
        const source = path.join(from, e.name);
        const dest = path.join(this.staging, ...child.split('/'));
        if (e.isDirectory()) {
          if (this.written.has(child)) continue;
          if (visit(child)) keptHere = true;
          continue;
        }
        if (owned(child) && !this.written.has(child)) {
          removed.push(child);
          continue;
        }
        if (this.written.has(child) || fs.existsSync(dest)) continue;
        io(path.join(this.outdir, child), 'keep', () => {
          fs.mkdirSync(path.dirname(dest), { recursive: true });
          if (e.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), dest);
          else if (e.isFile()) {
            try {
              fs.linkSync(source, dest);
            } catch {
              fs.copyFileSync(source, dest);
            }
          } else return; // sockets, FIFOs: not output, not carried
          kept++;
          keptHere = true;
        });
      }
      if (entries.length === 0 && rel !== '') {
        io(path.join(this.outdir, rel), 'keep', () => fs.mkdirSync(path.join(this.staging, ...rel.split('/')), { recursive: true }));
        keptHere = true;
      }
      return keptHere;
    };
    if (fs.existsSync(this.target)) visit('');
    removed.sort();
    return { outdir: this.outdir, removed, kept };
  }

  /**
   * Puts the staging folder in place: the old folder is renamed aside, the new one renamed in,
   * the old one deleted. Two renames in one folder: nothing in between writes a file.
   */
  public commit(): void {
    const parent = path.dirname(this.target);
    if (!fs.existsSync(this.target)) {
      io(this.outdir, 'create', () => fs.renameSync(this.staging, this.target));
      this.committed = true;
      return;
    }
    const aside = io(parent, 'create folder', () => fs.mkdtempSync(path.join(parent, `.${path.basename(this.target)}.netfence-old-`)));
    const old = path.join(aside, 'old');
    io(this.outdir, 'replace', () => fs.renameSync(this.target, old));
    try {
      fs.renameSync(this.staging, this.target);
    } catch (e) {
      fs.renameSync(old, this.target);
      throw fileSystemError(e, this.outdir, 'replace');
    }
    this.committed = true;
    fs.rmSync(aside, { recursive: true, force: true });
  }

  /** Removes the staging folder; the old folder is as it was. Safe to call more than once. */
  public abort(): void {
    if (!this.committed) fs.rmSync(this.staging, { recursive: true, force: true });
  }
}

/** Every regular file under a folder, relative and '/'-separated, sorted; symlinks are not followed. */
export function listRegularFiles(root: string, rel: string, out: string[]): void {
  const dir = path.join(root, ...rel.split('/').filter((p) => p !== ''));
  const entries = io(dir, 'read folder', () => fs.readdirSync(dir, { withFileTypes: true }));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const child = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) listRegularFiles(root, child, out);
    else if (e.isFile()) out.push(child);
  }
}

/**
 * Writes a plan into `outdir` atomically (the synchronous form, for the library). Nothing of the
 * old folder changes unless every file was written.
 */
export function replaceOutputFolder(outdir: string, plan: OutputPlan): OutputResult {
  const writer = new OutputWriter(outdir);
  try {
    for (const dir of plan.directories ?? []) writer.makeDirectory(dir);
    for (const [rel, text] of plan.files) writer.writeFile(rel, text);
    const result = writer.carryOver(plan.owned);
    writer.commit();
    return result;
  } finally {
    writer.abort();
  }
}
