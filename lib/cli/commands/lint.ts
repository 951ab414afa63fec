import * as path from 'path';
import { Command, Option } from 'commander';
import { appendAll } from '../../core/values';
import { LoadedManifest, parseManifests } from '../../io/manifests';
import { resolveAppSource } from '../../synth/app-source';
import { DEFAULT_OUTPUT, readCdk8sConfig } from '../../synth/cdk8s-config';
import { synthesizeSource } from '../app-output';
import { NetfenceError } from '../../core/errors';
import { formatLintReport, LintFormat } from '../../lint/format';
import { lintManifests } from '../../lint/lint';
import { LINT_RULES } from '../../lint/rules';
import { atLeast, parseSeverity, Severity } from '../../lint/severity';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { CliInputs, printWarnings, skipInvalidOption } from '../inputs';

function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

/** Rejects ids that name no rule (`__proto__` included), listing where to find the rules. */
function checkRuleIds(option: string, ids: readonly string[]): void {
  const known = new Set(LINT_RULES.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new NetfenceError(`${option}: unknown lint rule ${unknown.map((u) => JSON.stringify(u)).join(', ')}; netfence lint --list-rules lists them`);
}

/** Parses `--severity id=level,...` into overrides (a map without a prototype: ids are data). */
export function parseSeverityOverrides(values: readonly string[] | undefined): Record<string, Severity> {
  const out = Object.create(null) as Record<string, Severity>;
  for (const item of splitList(values)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new NetfenceError(`--severity: ${JSON.stringify(item)} is not <rule-id>=<error|warning|info>`);
    const id = item.slice(0, eq);
    checkRuleIds('--severity', [id]);
    out[id] = parseSeverity(item.slice(eq + 1));
  }
  return out;
}

/** One line per rule: `id  severity  [needs]  title`, in rule order. */
export function formatRuleList(): string {
  const width = LINT_RULES.reduce((w, r) => Math.max(w, r.id.length), 0);
  return `${LINT_RULES.map((r) => {
    const needs = r.requires ? ` [needs ${r.requires.join(', ')}]` : '';
    return `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.title}${needs}`;
  }).join('\n')}\n`;
}

/**
 * The manifests an app synthesizes, rendered in memory with provenance recorded, each file named
 * as synth would write it (`<output folder>/<file>`), though nothing is written.
 */
async function appManifests(app: string | undefined): Promise<LoadedManifest[]> {
  const config = readCdk8sConfig();
  const outdir = config?.output ?? DEFAULT_OUTPUT;
  const synthesized = await synthesizeSource(resolveAppSource(app, config), { provenance: true });
  const out: LoadedManifest[] = [];
  for (const [file, text] of synthesized.files) {
    if (file.endsWith(synthesized.extension)) appendAll(out, parseManifests(text, path.posix.join(outdir.split(path.sep).join('/'), file)));
  }
  return out;
}

interface LintCliOptions {
  readonly filename?: string[];
  /** A module path, or true for cdk8s.yaml's app. */
  readonly app?: string | true;
  readonly listRules?: boolean;
  readonly inventory?: string[];
  readonly format: LintFormat;
  readonly disable?: string[];
  readonly severity?: string[];
  readonly failOn: Severity;
  readonly skipInvalid?: boolean;
}

/**
 * `netfence lint -f <path>... | --app [module] [--inventory <path>...]`: the lint rules over
 * NetworkPolicies and cluster-scoped policies, read from files or synthesized in memory from an app.
 * Exit 0 when no finding is at or above `--fail-on` (default error), 1 otherwise, 2 on bad input.
 */
export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('find NetworkPolicy and cluster-tier pitfalls (AND/OR selectors, DNS, policyTypes, empty lists, same-priority conflicts, shadowed rules, ...) with file:line:column')
    .option('-f, --filename <paths...>', 'policies to lint (files, folders, or - for standard input): NetworkPolicy and the cluster-scoped kinds; Pods, workloads, Namespaces, Nodes and Services here count too')
    .option('--app [module]', 'lint a cdk8s app in memory, nothing written: the module (or command) as synth --app takes it, default app: of cdk8s.yaml; findings point at the TypeScript line that created each object')
    .option('--inventory <paths...>', 'surroundings, not linted: Pods, workloads, Namespaces, Nodes, Services, other policies (e.g. kubectl get -A -o yaml dumps; - for standard input)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--disable <ids...>', 'rule ids to switch off, comma-separated or repeated')
    .option('--severity <id=level...>', 'override rule severities, e.g. pod-not-isolated=warning')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['error', 'warning', 'info']).default('error'))
    .option('--list-rules', 'print every rule (id, default severity, needs, title) and exit')
    .addOption(skipInvalidOption())
    .addHelpText(
      'after',
      helpExamples([
        'netfence lint -f dist/',
        'netfence lint --app main.ts --format sarif > netfence.sarif   # findings on the .ts lines',
        'netfence lint -f dist/ --inventory cluster-dump.json --format sarif > netfence.sarif',
        'netfence lint -f dist/ --disable pod-not-isolated --severity egress-without-dns=error --fail-on warning',
        'netfence lint --list-rules',
      ]),
    )
    .action(async (opts: LintCliOptions) => {
      if (opts.listRules) {
        process.stdout.write(formatRuleList());
        process.exitCode = EXIT_OK;
        return;
      }
      if ((!opts.filename || opts.filename.length === 0) && opts.app === undefined) {
        throw new NetfenceError('lint needs input: pass -f <path>... or --app [module] (or --list-rules to see the rules)');
      }
      const inputs = new CliInputs();
      const manifests = opts.app === undefined ? [] : await appManifests(opts.app === true ? undefined : opts.app);
      appendAll(manifests, inputs.load(opts.filename ?? []));
      const inventory = opts.inventory ? inputs.load(opts.inventory) : [];
      const disable = splitList(opts.disable);
      checkRuleIds('--disable', disable);
      const report = lintManifests(manifests, {
        inventory,
        disable,
        severities: parseSeverityOverrides(opts.severity),
        skipInvalid: opts.skipInvalid,
      });
      printWarnings(report.warnings);
      process.stdout.write(formatLintReport(report, opts.format));
      process.exitCode = report.findings.some((f) => atLeast(f.severity, opts.failOn)) ? EXIT_NEGATIVE : EXIT_OK;
    });
}
