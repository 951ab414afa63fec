#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { NetfenceError } from '../core/errors';
import { COMMANDS } from './commands';
import { EXIT_BAD_INPUT } from './exit-codes';

/** Builds the `netfence` program with every command registered; exported for tests. */
export function buildProgram(): Command {
  const program = new Command('netfence')
    .description('Kubernetes NetworkPolicy as code: synthesize, validate, lint and prove connectivity')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

/** Runs the CLI with the given arguments and returns the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  // Commands report their answer through process.exitCode; keep the caller's value intact so
  // that running the CLI inside a test process never changes that process's own exit code.
  const callerExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successful exits; everything else commander rejects is bad usage.
      return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (e instanceof NetfenceError) {
      process.stderr.write(`netfence: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  } finally {
    process.exitCode = callerExitCode;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`netfence: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
