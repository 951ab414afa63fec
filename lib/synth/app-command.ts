/**
 * Runs an app command the way `cdk8s synth` does (cdk8s-cli's synthApp): through the shell, in
 * the current folder, with CDK8S_OUTDIR set to the folder to write into and
 * CDK8S_RECORD_CONSTRUCT_METADATA as the environment says (else "false"). netfence points
 * CDK8S_OUTDIR at a private folder and uses what the command wrote there. The command's standard
 * output goes to netfence's standard error: netfence's standard output carries only its own
 * result (a patch, with --check).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AppError } from './app-error';
import { listRegularFiles } from './output-folder';

/** Options of `runAppCommand`. */
export interface AppCommandOptions {
  /** Stops the command (SIGTERM) when aborted, e.g. on Ctrl-C. */
  readonly signal?: AbortSignal;
  /** @default process.cwd() */
  readonly cwd?: string;
}

/** Runs the command with CDK8S_OUTDIR=outdir; rejects with an AppError when it fails. */
export function runAppCommand(command: string, outdir: string, options: AppCommandOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      cwd: options.cwd ?? process.cwd(),
      stdio: ['inherit', 'pipe', 'inherit'],
      env: {
        ...process.env,
        CDK8S_OUTDIR: outdir,
        CDK8S_RECORD_CONSTRUCT_METADATA: process.env.CDK8S_RECORD_CONSTRUCT_METADATA ?? 'false',
      },
    });
    child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (e) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(new AppError(`cannot run the app command \`${command}\`: ${e.message}`));
    });
    child.once('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (code === 0) resolve();
      else reject(new AppError(`the app command \`${command}\` ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}; nothing was written`));
    });
  });
}

/** What an app command wrote: every regular file under the folder, relative, with its text. */
export function readAppOutput(dir: string): Map<string, string> {
  const names: string[] = [];
  if (fs.existsSync(dir)) listRegularFiles(dir, '', names);
  return new Map(names.map((n) => [n, fs.readFileSync(path.join(dir, ...n.split('/')), 'utf8')]));
}

/**
 * The output extension of files an app wrote: `.k8s.yaml` (cdk8s's default) unless every
 * manifest shares another extension. Decides which old files count as stale manifests.
 */
export function outputExtensionOf(files: Iterable<string>): string {
  const names = [...files].map((f) => path.posix.basename(f)).filter((f) => f !== 'construct-metadata.json');
  if (names.length === 0 || names.every((n) => n.endsWith('.k8s.yaml'))) return '.k8s.yaml';
  const first = path.posix.extname(names[0]);
  return first !== '' && names.every((n) => path.posix.extname(n) === first) ? first : '.k8s.yaml';
}
