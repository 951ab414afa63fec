/**
 * Which files the inputs name, and reading them safely. Folders are walked in sorted order
 * (`kubectl apply -f` order); each real file is read once, however many paths or symlinks reach
 * it; only regular files are read (a FIFO named `x.yaml` would hang, `/dev/zero` would never
 * end); every problem is a NetfenceError naming the path, never a raw system error.
 */
import { constants as bufferConstants } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import { NetfenceError } from '../core/errors';
import { decodeUtf8 } from './utf8';

/** The name `-` (standard input) carries in messages and locations. */
export const STDIN_NAME = '<stdin>';

/** The extensions a folder's manifest files have; other files in folders are skipped. */
export const MANIFEST_EXTENSIONS: ReadonlySet<string> = new Set(['.yaml', '.yml', '.json']);

/**
 * The largest input netfence reads: a JavaScript string cannot be longer, and a file past it is
 * not a manifest anyone meant (a disk image, `< /dev/zero`). `NETFENCE_MAX_INPUT_BYTES` lowers it.
 */
export const MAX_INPUT_BYTES: number = Math.min(bufferConstants.MAX_STRING_LENGTH, Number(process.env.NETFENCE_MAX_INPUT_BYTES) || Infinity);

/** What a non-regular file is, for messages. */
function describeSpecial(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A system error about a path, as one line that names it and says what to do. */
export function fileSystemError(e: unknown, file: string, doing = 'read'): NetfenceError {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOENT: 'no such file or folder; pass a YAML or JSON file, or a folder of them',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'symlink loop (a symlink that points back to itself)',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'is a folder',
    EMFILE: 'too many open files',
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
    EIO: 'input/output error',
    ENAMETOOLONG: 'file name too long',
  };
  if (err.code === 'ENOENT' && doing === 'read') return new NetfenceError(why.ENOENT, { location: { file } });
  const reason = (err.code !== undefined ? why[err.code] : undefined) ?? err.message;
  return new NetfenceError(`cannot ${doing}: ${reason}${err.code !== undefined && why[err.code] !== undefined ? ` (${err.code})` : ''}`, { location: { file } });
}

/** `fs.statSync`, with a dangling symlink told apart from a missing file. */
function statInput(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      let target: string | undefined;
      try {
        target = fs.readlinkSync(file);
      } catch {
        target = undefined;
      }
      if (target !== undefined) throw new NetfenceError(`dangling symlink: it points to ${target}, which does not exist`, { location: { file } });
    }
    throw fileSystemError(e, file);
  }
}

/** Lists the files under inputs given one by one, skipping real paths already listed. */
export class InputLister {
  private files: string[] = [];
  private readonly seenFiles = new Set<string>();
  private readonly seenFolders = new Set<string>();

  /** The files under `input` (a file or a folder) not listed before, in order. */
  public add(input: string): string[] {
    this.files = [];
    const stat = statInput(input);
    if (stat.isDirectory()) this.folder(input);
    else this.file(input, stat);
    return this.files;
  }

  private file(file: string, stat: fs.Stats): void {
    if (!stat.isFile()) {
      throw new NetfenceError(`${describeSpecial(stat)}, not a file; pass files or folders (or - for standard input)`, { location: { file } });
    }
    const real = realpath(file);
    if (this.seenFiles.has(real)) return;
    this.seenFiles.add(real);
    this.files.push(file);
  }

  private folder(dir: string): void {
    const real = realpath(dir);
    // A folder reached again (given twice, or through a symlink to itself or an ancestor) adds nothing.
    if (this.seenFolders.has(real)) return;
    this.seenFolders.add(real);
    let children: string[];
    try {
      children = fs.readdirSync(dir).sort();
    } catch (e) {
      throw fileSystemError(e, dir, 'read folder');
    }
    for (const name of children) {
      if (name.startsWith('.')) continue;
      const child = path.join(dir, name);
      const isManifest = MANIFEST_EXTENSIONS.has(path.extname(name));
      let stat: fs.Stats;
      try {
        stat = statInput(child);
      } catch (e) {
        // A broken entry that could not be a manifest (no manifest extension) is not ours to report.
        if (!isManifest && isDanglingOrMissing(e)) continue;
        throw e;
      }
      if (stat.isDirectory()) this.folder(child);
      else if (isManifest) this.file(child, stat);
    }
  }
}

function isDanglingOrMissing(e: unknown): boolean {
  return e instanceof NetfenceError && /dangling symlink|no such file/.test(e.message);
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch (e) {
    throw fileSystemError(e, p);
  }
}

/**
 * Expands files and folders into the manifest files they hold, in a stable order: inputs in the
 * order given, each folder's entries sorted by name, recursively; dot-files skipped; each real
 * file once (at its first position).
 */
export function listInputFiles(inputs: readonly string[]): string[] {
  const lister = new InputLister();
  const out: string[] = [];
  for (const input of inputs) for (const f of lister.add(input)) out.push(f);
  return out;
}

/**
 * Reads a regular file as strict UTF-8. Opens without blocking (a FIFO swapped in after listing
 * cannot hang the read), refuses anything but a regular file and anything past MAX_INPUT_BYTES.
 */
export function readInputFile(file: string): string {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw fileSystemError(e, file);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new NetfenceError(`${describeSpecial(stat)}, not a file; pass files or folders (or - for standard input)`, { location: { file } });
    if (stat.size > MAX_INPUT_BYTES) throw tooLarge(file, stat.size);
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, bytes, read, stat.size - read, null);
      if (n === 0) break;
      read += n;
    }
    return decodeUtf8(bytes.subarray(0, read), file);
  } catch (e) {
    if (e instanceof NetfenceError) throw e;
    throw fileSystemError(e, file);
  } finally {
    fs.closeSync(fd);
  }
}

function tooLarge(file: string, size: number | string): NetfenceError {
  return new NetfenceError(`too large to read (${size} bytes; netfence reads inputs up to ${MAX_INPUT_BYTES} bytes); split it into several files`, { location: { file } });
}

/** Sleeps the thread briefly without spinning, while a non-blocking standard input has no data yet. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Reads standard input to its end as strict UTF-8, refusing more than `limit` bytes (so
 * `< /dev/zero` ends with an error instead of exhausting memory).
 */
export function readStandardInput(limit: number = MAX_INPUT_BYTES, fd = 0): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        pause(5);
        continue;
      }
      if (code === 'EOF') break;
      throw fileSystemError(e, STDIN_NAME);
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw tooLarge(STDIN_NAME, `more than ${limit}`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return decodeUtf8(Buffer.concat(chunks, total), STDIN_NAME);
}
