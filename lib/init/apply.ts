/**
 * Writes an init plan: every file with new text goes to a temporary file beside it and is renamed
 * into place, so a file is either as it was or complete, and a symlink is replaced rather than
 * written through. An edited file keeps its permissions.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InitPlan } from './plan';

/** Writes the plan's files under its project's root; returns the files written. */
export function applyInitPlan(plan: InitPlan): string[] {
  const written: string[] = [];
  for (const action of plan.actions) {
    if (action.text === undefined || !(action.kind === 'create' || action.kind === 'update' || action.kind === 'replace')) continue;
    const target = path.join(plan.project.dir, ...action.file.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    let mode = 0o644;
    try {
      mode = fs.statSync(target).mode & 0o777;
    } catch {
      // a new file
    }
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.netfence-${process.pid}`);
    try {
      fs.writeFileSync(temp, action.text, { mode, flag: 'wx' });
      fs.renameSync(temp, target);
    } finally {
      fs.rmSync(temp, { force: true });
    }
    written.push(action.file);
  }
  return written;
}
