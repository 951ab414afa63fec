import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as path from 'path';

/** The CLI compiled by test/global-setup.js: the real `netfence` process. */
export const CLI = path.join(__dirname, '..', '..', 'build', 'test-cli', 'lib', 'cli', 'main.js');

/** What one `netfence` process printed and how it ended. */
export interface ProcessRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of `runProcess`. */
export interface ProcessOptions {
  readonly cwd?: string;
  /** Standard input: text, or an open file descriptor (e.g. of /dev/zero). */
  readonly input?: string | number;
  readonly env?: Record<string, string>;
  readonly uid?: number;
  readonly gid?: number;
  /** @default 60000 */
  readonly timeout?: number;
}

/** Runs `node <cli> <args>` to its end. */
export function runProcess(args: readonly string[], options: ProcessOptions = {}): ProcessRun {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    timeout: options.timeout ?? 60000,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    ...(typeof options.input === 'number' ? { stdio: [options.input, 'pipe', 'pipe'] } : { input: options.input ?? '' }),
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
  };
  const r = spawnSync(process.execPath, [CLI, ...args], spawnOptions);
  return { code: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** True when this process runs as root, where file permissions do not stop reads. */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** An unprivileged user id for permission tests run as root (nobody). */
export const NOBODY = 65534;

let nobodyRuns: boolean | undefined;

/**
 * Whether the unprivileged user can run the CLI at all. Not when the repository sits in a folder
 * only root may enter (`mktemp -d` makes one, mode 700): then permission tests run as root would
 * fail for that reason alone, and skip instead, saying why.
 */
export function nobodyCanRunCli(): boolean {
  if (nobodyRuns === undefined) {
    const r = spawnSync(process.execPath, [CLI, '--version'], { uid: NOBODY, gid: NOBODY, encoding: 'utf8', timeout: 30000 });
    nobodyRuns = r.status === 0;
  }
  return nobodyRuns;
}

/** `test`, or `test.skip` with the reason in its name when permissions cannot be tested here. */
export function permissionTest(name: string, fn: () => void): void {
  if (isRoot() && !nobodyCanRunCli()) {
    test.skip(`${name} (skipped: running as root, and user ${NOBODY} cannot reach ${CLI}; clone into a folder others may enter)`, fn);
  } else test(name, fn);
}
