import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { NetfenceError } from '../../core/errors';
import { checkDrift, folderChangedSince, formatDriftPatch, formatDriftStatus, readFolderSnapshot } from '../../ci/drift';
import { escapeText } from '../../render/escape';
import { outputExtensionOf, runAppCommand } from '../../synth/app-command';
import { AppSource, resolveAppSource } from '../../synth/app-source';
import { DEFAULT_OUTPUT, readCdk8sConfig } from '../../synth/cdk8s-config';
import { ownedByExtension, OutputWriter, WriteCancelled } from '../../synth/output-folder';
import { noOutput, synthesizeSource, warnNoProvenance } from '../app-output';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { SignalGuard, signalExitCode } from '../signal-guard';

/** Options of `netfence synth`. */
interface SynthOptions {
  readonly app?: string;
  readonly out?: string;
  /** Compare with the folder instead of writing it (lib/ci/drift.ts). */
  readonly check?: boolean;
  /** Print the output folder and stop, for scripts (the CI workflow). */
  readonly printOut?: boolean;
  /** Annotate each object with the TypeScript line and construct path that created it. */
  readonly provenance?: boolean;
}

/** The folder's path from the repository root ('/'-separated), or from the current folder outside a repository. */
export function patchPrefix(outdir: string): string {
  const target = path.resolve(outdir);
  for (let dir = target; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return path.relative(dir, target).split(path.sep).join('/');
    if (path.dirname(dir) === dir) break;
  }
  return path.relative(process.cwd(), target).split(path.sep).join('/');
}

async function runCheck(source: AppSource, outdir: string, guard: SignalGuard, provenance: boolean): Promise<number> {
  // Read the folder before the app runs: the comparison is with what was committed, whatever the app does.
  const snapshot = readFolderSnapshot(outdir);
  const synthesized = await synthesizeSource(source, { signal: guard.controller.signal, provenance });
  const report = checkDrift(synthesized.files, snapshot, { owned: ownedByExtension(synthesized.extension), patchPrefix: patchPrefix(outdir) });
  if (folderChangedSince(snapshot)) {
    throw new NetfenceError(`changed while --check ran: the app wrote into it by itself (does it set outdir?); restore it with git checkout and let netfence choose where the app writes`, {
      location: { file: outdir },
    });
  }
  process.stdout.write(formatDriftPatch(report));
  process.stderr.write(formatDriftStatus(report));
  return report.files.length === 0 ? EXIT_OK : EXIT_NEGATIVE;
}

async function runWrite(source: AppSource, outdir: string, guard: SignalGuard, provenance: boolean): Promise<void> {
  let writer: OutputWriter;
  let extension: string;
  let summary: string;
  let written: readonly string[];
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (source.kind === 'command') {
    if (provenance) warnNoProvenance(source.command);
    // The command writes straight into the staging folder beside --out: no copy, same file system.
    const staging = OutputWriter.stagingFolderFor(outdir);
    try {
      await runAppCommand(source.command, staging, { signal: guard.controller.signal });
      writer = new OutputWriter(outdir, staging);
    } catch (e) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw e;
    }
    const files = writer.adoptStagedFiles();
    if (files.length === 0) {
      writer.abort();
      throw noOutput(source.command);
    }
    extension = outputExtensionOf(files);
    written = files;
    summary = `${plural(files.length, 'file')} written`;
  } else {
    const synthesized = await synthesizeSource(source, { signal: guard.controller.signal, provenance });
    await guard.checkpoint();
    writer = new OutputWriter(outdir);
    extension = synthesized.extension;
    written = [...synthesized.files.keys()];
    summary = `${plural(synthesized.files.size, 'file')} written${synthesized.charts === undefined ? '' : ` (${plural(synthesized.charts, 'chart')}, ${plural(synthesized.objects ?? 0, 'object')})`}`;
    try {
      for (const dir of synthesized.directories) writer.makeDirectory(dir);
      let n = 0;
      for (const [file, text] of synthesized.files) {
        writer.writeFile(file, text);
        if (++n % 64 === 0) await guard.checkpoint();
      }
    } catch (e) {
      writer.abort();
      throw e;
    }
  }
  try {
    await guard.checkpoint();
    const result = writer.carryOver(ownedByExtension(extension));
    await guard.checkpoint();
    writer.commit();
    const shown = (f: string): string => path.join(outdir, ...f.split('/'));
    const lines = written.map(shown);
    for (const f of result.removed) lines.push(`removed ${shown(f)}`);
    if (result.removed.length > 0) summary += `, ${plural(result.removed.length, 'stale manifest')} removed`;
    lines.push(summary);
    process.stdout.write(`${lines.map(escapeText).join('\n')}\n`);
  } finally {
    writer.abort();
  }
}

/**
 * `netfence synth [--app <module | command>] [--out <dir>] [--check]`: synthesizes a cdk8s app
 * (by default the app of `cdk8s.yaml`) and replaces the output folder atomically with exactly
 * what it writes. Exit 0; with --check, 1 on drift; 2 when the app cannot run or fails.
 */
export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('synthesize a cdk8s app to YAML (the same files as App.synth(), in linear time), replacing the output folder atomically')
    .option('--app <module | command>', 'the app: a .js or .ts module exporting the App (default or app export, or a function returning it) or ending in app.synth(), or a command that runs it; default: app: of cdk8s.yaml')
    .option('--out <dir>', `the folder to write into; default: output: of cdk8s.yaml, else ${DEFAULT_OUTPUT}`)
    .option('--check', 'write nothing; print a patch (git apply from the repository root) on standard output and exit 1 when the folder differs from what the app synthesizes')
    .option('--provenance', 'annotate each object with where it came from: netfence.dev/source (file:line, relative to the repository) and netfence.dev/construct-path; lint, SARIF, check and diff then point at that line (module apps only)')
    .option('--print-out', 'print the output folder (--out, else output: of cdk8s.yaml, else dist) and exit, without running the app')
    .addHelpText(
      'after',
      helpExamples([
        'netfence synth                                  # in a cdk8s project: app and output of cdk8s.yaml',
        'netfence synth --check > drift.patch            # exit 1 on drift; git apply drift.patch fixes it',
        'netfence synth --app main.ts --out dist',
        'netfence synth --provenance                     # objects say which .ts line wrote them',
        'netfence synth --app "python3 main.py" --out dist   # any command that synthesizes into CDK8S_OUTDIR',
        'git ls-files -- "$(netfence synth --print-out)"   # is the output folder committed?',
      ]),
    )
    .action(async (opts: SynthOptions) => {
      const config = readCdk8sConfig();
      const outdir = opts.out ?? config?.output ?? DEFAULT_OUTPUT;
      if (outdir.trim() === '') throw new NetfenceError('--out is empty; give the folder to write, e.g. --out dist');
      if (opts.printOut) {
        if (opts.check) throw new NetfenceError('--print-out and --check do not go together: --print-out only prints the folder');
        // For $(...) in a shell: the path as it is, so refuse what a shell would mangle.
        if (/[\u0000-\u001f\u007f]/.test(outdir)) throw new NetfenceError(`the output folder ${escapeText(outdir)} contains a control character; rename it`);
        process.stdout.write(`${outdir}\n`);
        process.exitCode = EXIT_OK;
        return;
      }
      const source = resolveAppSource(opts.app, config);
      const guard = new SignalGuard();
      try {
        if (opts.check) process.exitCode = await runCheck(source, outdir, guard, opts.provenance === true);
        else {
          await runWrite(source, outdir, guard, opts.provenance === true);
          process.exitCode = EXIT_OK;
        }
      } catch (e) {
        if (!(e instanceof WriteCancelled) && !guard.received) throw e;
        const signal = e instanceof WriteCancelled ? e.signal : (guard.received as string);
        process.stderr.write(`netfence: interrupted by ${signal}; ${escapeText(outdir)} is as it was\n`);
        process.exitCode = signalExitCode(signal);
      } finally {
        guard.dispose();
      }
    });
}
