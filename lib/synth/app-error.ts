import * as path from 'path';
import { NetfenceError } from '../core/errors';

/** netfence's own code: an error whose innermost frame is here is a netfence bug, not the app's. */
const OWN_ROOT = path.resolve(__dirname, '..');

/** The innermost stack frame of an error: file, line and column. */
function innermostFrame(e: Error): { file: string; line: number; column: number } | undefined {
  for (const m of (e.stack ?? '').matchAll(/\n\s+at (?:.*? \()?(.*?):(\d+):(\d+)\)?/g)) {
    if (m[1].startsWith('node:')) continue;
    return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/**
 * The app's own code failed while netfence ran it (loading the module, its factory, a Lazy value,
 * a construct's validation, a dependency cycle): bad input, exit 2, naming where it failed.
 */
export class AppError extends NetfenceError {
  public constructor(message: string) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Classifies an error thrown while running an app: NetfenceErrors pass through; an error thrown
 * by the app's code (innermost frame outside netfence) becomes an AppError saying what failed
 * and where; anything thrown by netfence itself is returned unchanged (an internal error).
 */
export function appFailure(e: unknown, doing: string): unknown {
  if (e instanceof NetfenceError) return e;
  if (!(e instanceof Error)) return new AppError(`the app failed while ${doing}: it threw ${String(e)}`);
  const frame = innermostFrame(e);
  if (frame && path.resolve(frame.file).startsWith(`${OWN_ROOT}${path.sep}`)) return e;
  const where = frame ? ` (at ${frame.file}:${frame.line}:${frame.column})` : '';
  const message = e.message.split('\n')[0];
  return new AppError(`the app failed while ${doing}: ${message}${where}`);
}
