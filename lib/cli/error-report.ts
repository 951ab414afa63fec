/**
 * Turns anything a command throws into an exit code and one line for standard error: bad input
 * and environment (NetfenceError, a failing file system call, an app that throws) exit 2 with a
 * line that names the path or value and no stack; anything else is a bug in netfence (exit 3),
 * reported with its stack and a request to report it.
 */
import { CommanderError } from 'commander';
import { NetfenceError } from '../core/errors';
import { fileSystemError } from '../io/input-files';
import { escapeText } from '../render/escape';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK } from './exit-codes';

/** Where to report a bug; printed with every internal error. */
export const REPORT_HINT = 'this is a bug in netfence: please report it with the command you ran and the lines above';

/** What the process prints and returns for an error. */
export interface ErrorReport {
  readonly code: number;
  /** Text for standard error (empty for help and version, which commander printed). */
  readonly text: string;
}

function isSystemError(e: unknown): e is NodeJS.ErrnoException & { path: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string' && typeof (e as { path?: unknown }).path === 'string';
}

/** The error as the exit code and text the CLI prints. */
export function reportError(e: unknown): ErrorReport {
  if (e instanceof CommanderError) {
    // Help and version are successful exits, printed by commander; usage errors too were printed.
    return { code: e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT, text: '' };
  }
  // A message may list several problems, one per line; no value inside it may add or hide a line.
  if (e instanceof NetfenceError) return { code: EXIT_BAD_INPUT, text: `netfence: ${e.message.split('\n').map(escapeText).join('\n')}\n` };
  if (isSystemError(e)) {
    const doing = e.syscall === 'open' || e.syscall === 'read' || e.syscall === 'stat' || e.syscall === 'lstat' ? 'read' : e.syscall;
    return { code: EXIT_BAD_INPUT, text: `netfence: ${escapeText(fileSystemError(e, e.path, doing).message)}\n` };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { code: EXIT_INTERNAL, text: `netfence: internal error: ${err.stack ?? err.message}\nnetfence: ${REPORT_HINT}\n` };
}
