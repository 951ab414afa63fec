import { Command, Option } from 'commander';
import * as fs from 'fs';
import { NetfenceError } from '../../core/errors';
import { LoadedManifest, loadManifests, parseManifests } from '../../io/manifests';
import { formatManifestFinding, locatedFindingRecord, ManifestValidationReport, validateManifests } from '../../validate/manifests';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes';

/** Output formats of `netfence validate`. */
export type ValidateFormat = 'text' | 'json';

function problems(n: number): string {
  return `${n} problem${n === 1 ? '' : 's'}`;
}

function policies(n: number): string {
  return `${n} NetworkPolic${n === 1 ? 'y' : 'ies'}`;
}

/** The file name findings from standard input carry. */
export const STDIN_NAME = '<stdin>';

/**
 * Loads the inputs in order, reading `-` from standard input (as kubectl does), so that
 * `helm template ... | netfence validate -f -` works.
 */
export function loadInputs(paths: readonly string[], readStdin: () => string = () => fs.readFileSync(0, 'utf8')): LoadedManifest[] {
  const out: LoadedManifest[] = [];
  for (const p of paths) {
    if (p !== '-') {
      out.push(...loadManifests([p]));
      continue;
    }
    let text: string;
    try {
      text = readStdin();
    } catch (e) {
      throw new NetfenceError(`cannot read standard input: ${(e as Error).message}`, { location: { file: STDIN_NAME } });
    }
    out.push(...parseManifests(text, STDIN_NAME));
  }
  return out;
}

function objects(n: number): string {
  return `${n} object${n === 1 ? '' : 's'}`;
}

function renderText(report: ManifestValidationReport): string {
  const lines = [...report.findings, ...report.warnings].map(formatManifestFinding);
  const total = report.checked + report.others;
  // NetworkPolicies are what validate is for; other objects are counted only when there are some.
  const what = report.others === 0 ? policies(report.checked) : `${objects(total)} (${policies(report.checked)})`;
  const warned = report.warnings.length > 0 ? `, ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}` : '';
  if (total === 0 && report.findings.length === 0) {
    lines.push('no NetworkPolicy objects found');
  } else if (report.findings.length === 0) {
    lines.push(`${what} checked: all valid${warned}`);
  } else {
    lines.push(`${problems(report.findings.length)} in ${report.invalid} of ${report.others === 0 && report.invalid <= report.checked ? policies(report.checked) : what}${warned}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderJson(report: ManifestValidationReport): string {
  const record = (f: ManifestValidationReport['findings'][number]): Record<string, unknown> => ({
    ...locatedFindingRecord(f),
    ...(f.value === undefined ? {} : { value: f.value }),
  });
  const doc = {
    valid: report.findings.length === 0,
    checked: report.checked,
    others: report.others,
    invalid: report.invalid,
    skipped: report.skipped,
    findings: report.findings.map(record),
    warnings: report.warnings.map(record),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * `netfence validate -f <path>...`: every API-server check on every NetworkPolicy in the files,
 * and on the fields netfence reads of Namespaces, Pods and workloads; near-misses of those kinds
 * are errors too. Exit 0 when all are valid (warnings do not count), 1 when any is invalid, 2 when
 * input cannot be read.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check NetworkPolicy YAML against every rule the Kubernetes API server applies, with file:line:column')
    .requiredOption('-f, --filename <paths...>', 'YAML or JSON files, folders of them, or - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: { filename: string[]; format: ValidateFormat }) => {
      const report = validateManifests(loadInputs(opts.filename));
      process.stdout.write(opts.format === 'json' ? renderJson(report) : renderText(report));
      process.exitCode = report.findings.length === 0 ? EXIT_OK : EXIT_NEGATIVE;
    });
}
