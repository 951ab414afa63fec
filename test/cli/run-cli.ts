import { runCli } from '../../lib/cli/main';

/** What one in-process run of the CLI printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `netfence <args>` in this process (in `cwd` if given), capturing standard output and error. */
export async function run(args: readonly string[], cwd?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
    out.mockRestore();
    err.mockRestore();
  }
}
