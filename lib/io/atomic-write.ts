/**
 * Writing a file so that it is either as it was or complete: the text goes to a temporary file
 * beside it, renamed into place. A symlink at the target is replaced rather than written through,
 * and a file that exists keeps its permissions.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Writes `text` to `target` atomically, creating its folder; see the file comment. */
export function writeFileAtomically(target: string, text: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  let mode = 0o644;
  try {
    mode = fs.statSync(target).mode & 0o777;
  } catch {
    // a new file
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.netfence-${process.pid}`);
  try {
    fs.writeFileSync(temp, text, { mode, flag: 'wx' });
    fs.renameSync(temp, target);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
