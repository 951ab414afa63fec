#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { COMMANDS } from './commands';
import { reportError } from './error-report';
import { EXIT_BAD_INPUT, EXIT_OUTPUT_CLOSED } from './exit-codes';
import { helpExamples } from './help';
import { packageRoot } from './package-root';

/** netfence's version, from the package.json above this file (source, build or installed package). */
export function netfenceVersion(): string {
  const root = packageRoot();
  if (root === undefined) return 'unknown';
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** Builds the `netfence` program with every command registered; exported for tests. */
export function buildProgram(): Command {
  const program = new Command('netfence')
    .description('Kubernetes NetworkPolicy as code: synthesize, validate, lint and prove connectivity')
    .version(netfenceVersion(), '-V, --version', 'print the version and exit')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      `\nExit codes: 0 yes (valid, allowed, no findings, up to date), 1 no (invalid, denied, findings, drift),\n2 bad input or environment, 3 internal error (a bug: please report it). See docs/cli.md.\n${helpExamples([
        'netfence init                                    # in a cdk8s TypeScript project: matchers, an example, the CI workflow',
        'netfence synth                                   # the app of cdk8s.yaml, into its output folder',
        'netfence validate -f dist/',
        'netfence check -f dist/ --from shop/frontend --to shop/web --port 8080/TCP',
        'netfence diff origin/main:dist dist --format md',
      ])}`,
    );
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
    const report = reportError(e);
    process.stderr.write(report.text);
    return report.code;
  } finally {
    process.exitCode = callerExitCode;
  }
}

if (require.main === module) {
  // A reader that stops early (`netfence lint ... | head`) closes the pipe. Stop as the shell's own
  // tools do, without a stack trace, and never with a code that says the command finished.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(EXIT_OUTPUT_CLOSED);
  });
  let settled = false;
  // A promise that never settles (an app factory that never resolves) empties the event loop
  // with the command unfinished: that is bad input, not success.
  process.on('beforeExit', () => {
    if (settled) return;
    settled = true;
    process.stderr.write('netfence: the command never finished: something it waited for never settled (an app whose promise never resolves?)\n');
    process.exitCode = EXIT_BAD_INPUT;
  });
  runCli(process.argv.slice(2)).then(
    (code) => {
      settled = true;
      process.exitCode = code;
    },
    (e: unknown) => {
      settled = true;
      const report = reportError(e);
      process.stderr.write(report.text);
      process.exitCode = report.code;
    },
  );
}
