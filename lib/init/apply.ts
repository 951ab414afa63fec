/**
 * Writes an init plan: every file with new text is written atomically (lib/io/atomic-write.ts),
 * so a file is either as it was or complete, and a symlink is replaced rather than written
 * through. An edited file keeps its permissions.
 */
import * as path from 'path';
import { writeFileAtomically } from '../io/atomic-write';
import { InitPlan } from './plan';

/** Writes the plan's files under its project's root; returns the files written. */
export function applyInitPlan(plan: InitPlan): string[] {
  const written: string[] = [];
  for (const action of plan.actions) {
    if (action.text === undefined || !(action.kind === 'create' || action.kind === 'update' || action.kind === 'replace')) continue;
    writeFileAtomically(path.join(plan.project.dir, ...action.file.split('/')), action.text);
    written.push(action.file);
  }
  return written;
}
