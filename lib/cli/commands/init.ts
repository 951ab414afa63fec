import { Command } from 'commander';
import { NetfenceError } from '../../core/errors';
import { applyInitPlan, InitActionKind, InitPlan, planInit, readInitTemplates } from '../../init';
import { escapeText } from '../../render/escape';
import { DEFAULT_OUTPUT } from '../../synth/cdk8s-config';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { packageRoot } from '../package-root';

/** Options of `netfence init`. */
interface InitCommandOptions {
  readonly force?: boolean;
  readonly dryRun?: boolean;
}

const VERBS: Record<InitActionKind, [done: string, planned: string]> = {
  create: ['created', 'would create'],
  update: ['updated', 'would update'],
  replace: ['replaced', 'would replace'],
  unchanged: ['unchanged', 'unchanged'],
  kept: ['kept', 'would keep'],
  skipped: ['skipped', 'would skip'],
  manual: ['to do', 'to do'],
};

/** The report of a plan: one line per file, then what to do next. */
export function formatInitReport(plan: InitPlan, dryRun: boolean): string {
  const rows = plan.actions.map((a) => [VERBS[a.kind][dryRun ? 1 : 0], escapeText(a.file), escapeText(a.note)]);
  const verbWidth = rows.reduce((w, r) => Math.max(w, r[0].length), 0);
  const fileWidth = rows.reduce((w, r) => Math.max(w, r[1].length), 0);
  const lines = [`netfence init in ${escapeText(plan.project.dir)}${dryRun ? ' (dry run: nothing written)' : ''}`, ''];
  for (const [verb, file, note] of rows) lines.push(`  ${verb.padEnd(verbWidth)}  ${file.padEnd(fileWidth)}  ${note}`);
  lines.push('');
  const manual = plan.actions.filter((a) => a.kind === 'manual').length;
  if (manual > 0) {
    lines.push(`${manual} step${manual === 1 ? '' : 's'} left to do by hand ("to do" above); then run netfence init again to check.`);
  } else if (plan.actions.every((a) => a.kind === 'unchanged' || a.kind === 'kept' || a.kind === 'skipped')) {
    lines.push('Nothing to do: the project is set up for netfence.');
  } else {
    const out = plan.project.config.output ?? DEFAULT_OUTPUT;
    lines.push(
      'Next:',
      '  npm test                 # the example test proves frontend reaches web on 8080, and nothing else',
      `  npx netfence synth       # writes ${escapeText(out)}/network-policies.k8s.yaml`,
      '  git add -A && git commit # the workflow reviews your next pull request',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `netfence init [--force] [--dry-run]`: sets up the cdk8s TypeScript project in the current
 * folder. Exit 0 when the project is set up, 1 when a step is left to do by hand, 2 when the
 * folder is not a cdk8s TypeScript project or a file cannot be read or written.
 */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      "set up the cdk8s TypeScript project in this folder (cdk8s.yaml at its root) for netfence: the jest matchers, an example chart and its test, the app's use of it, and the CI workflow",
    )
    .option('--force', "replace files that exist and differ from netfence's (the example, its test, the jest setup file, the workflow)")
    .option('--dry-run', 'print what init would do, and write nothing')
    .addHelpText(
      'after',
      `\nWhat it writes: policies.ts and policies.test.ts beside the app module, netfence.setup.ts (added to jest's
setupFilesAfterEnv), new PolicyChart(app, 'network-policies') in the app module, .github/workflows/netfence.yml.
A file that exists is never overwritten without --force; running init again changes nothing.
Exit codes: 0 set up, 1 a step is left to do by hand (printed), 2 not a cdk8s TypeScript project or a file error.
${helpExamples([
  'npx cdk8s init typescript-app && npm install netfence && npx netfence init',
  'netfence init --dry-run                          # what it would do',
  'netfence init --force                            # back to netfence\'s example and workflow',
])}`,
    )
    .action((opts: InitCommandOptions) => {
      const root = packageRoot();
      if (root === undefined) throw new NetfenceError(`cannot find netfence's package.json above ${__dirname}; reinstall netfence (npm install netfence)`);
      const plan = planInit(process.cwd(), readInitTemplates(root), { force: opts.force === true });
      if (opts.dryRun !== true) applyInitPlan(plan);
      process.stdout.write(formatInitReport(plan, opts.dryRun === true));
      process.exitCode = plan.actions.some((a) => a.kind === 'manual') ? EXIT_NEGATIVE : EXIT_OK;
    });
}
