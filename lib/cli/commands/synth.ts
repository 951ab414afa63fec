import * as path from 'path';
import { Command } from 'commander';
import { synthesize } from '../../synth';
import { loadApp } from '../../synth/load-app';
import { runDriftCheck } from '../../ci/drift';
import { EXIT_OK } from '../exit-codes';

/** Options of `netfence synth`. */
interface SynthOptions {
  readonly app: string;
  readonly out: string;
  /** Compare with the folder instead of writing it (lib/ci/drift.ts). */
  readonly check?: boolean;
}

/**
 * `netfence synth --app <module> [--out <dir>]`: loads the module's App and writes the same files
 * as `App.synth()`, in linear time. Exit 0 on success; 2 when the module cannot be loaded or a
 * construct reports a problem (then nothing is written).
 */
export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('synthesize a cdk8s app to YAML, the same files as App.synth() but in linear time')
    .requiredOption('--app <module>', 'a .js (or, with ts-node installed, .ts) module exporting the App as `default` or `app`, or a function returning it')
    .option('--out <dir>', 'the folder to write into', 'dist')
    .option('--check', 'write nothing; print a unified diff and exit 1 when the folder differs from what the app synthesizes')
    .action(async (opts: SynthOptions) => {
      const app = await loadApp(opts.app);
      if (opts.check) {
        process.exitCode = runDriftCheck(app, opts.out);
        return;
      }
      const result = synthesize(app, { outdir: opts.out });
      const lines = result.files.map((f) => path.join(result.outdir, ...f.split('/')));
      const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
      lines.push(`${plural(result.files.length, 'file')} written (${plural(result.charts, 'chart')}, ${plural(result.objects, 'object')})`);
      process.stdout.write(`${lines.join('\n')}\n`);
      process.exitCode = EXIT_OK;
    });
}
