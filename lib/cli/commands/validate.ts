import { Command, Option } from 'commander';
import { LoadedManifest, loadManifests } from '../../io/manifests';
import { CrdChannel } from '../../validate/cluster-policy-schemas';
import { formatManifestFinding, locatedFindingRecord, ManifestValidationReport, validateManifests } from '../../validate/manifests';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { CliInputs } from '../inputs';

/** Output formats of `netfence validate`. */
export type ValidateFormat = 'text' | 'json';

function problems(n: number): string {
  return `${n} problem${n === 1 ? '' : 's'}`;
}

function count(n: number, kind: string): string {
  return `${n} ${kind.endsWith('Policy') && n !== 1 ? `${kind.slice(0, -1)}ies` : kind}`;
}

/** `2 NetworkPolicies`, or `2 NetworkPolicies, 1 ClusterNetworkPolicy` when several kinds were checked. */
function policies(report: ManifestValidationReport): string {
  const kinds = Object.entries(report.checkedByKind);
  if (kinds.length === 0) return count(report.checked, 'NetworkPolicy');
  return kinds.map(([kind, n]) => count(n, kind)).join(', ');
}

/** The file name findings from standard input carry. */
export { STDIN_NAME } from '../../io/input-files';

/**
 * Loads the inputs in order, reading `-` from standard input (as kubectl does), so that
 * `helm template ... | netfence validate -f -` works. Every command reads its inputs this way.
 */
export function loadInputs(paths: readonly string[], readStdin?: () => string): LoadedManifest[] {
  return loadManifests(paths, readStdin ? { stdin: readStdin } : {});
}

function objects(n: number): string {
  return `${n} object${n === 1 ? '' : 's'}`;
}

function renderText(report: ManifestValidationReport): string {
  const lines = [...report.findings, ...report.warnings].map(formatManifestFinding);
  const total = report.checked + report.others;
  // NetworkPolicies are what validate is for; other objects are counted only when there are some.
  const what = report.others === 0 ? policies(report) : `${objects(total)} (${policies(report)})`;
  const warned = report.warnings.length > 0 ? `, ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}` : '';
  if (total === 0 && report.findings.length === 0) {
    lines.push('no policy objects found (NetworkPolicy, ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy)');
  } else if (report.findings.length === 0) {
    lines.push(`${what} checked: all valid${warned}`);
  } else {
    lines.push(`${problems(report.findings.length)} in ${report.invalid} of ${report.others === 0 && report.invalid <= report.checked ? policies(report) : what}${warned}`);
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
    checkedByKind: report.checkedByKind,
    others: report.others,
    invalid: report.invalid,
    skipped: report.skipped,
    findings: report.findings.map(record),
    warnings: report.warnings.map(record),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * `netfence validate -f <path>...`: every API-server check on every policy object in the files
 * (NetworkPolicy, ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy), and on
 * the fields netfence reads of Namespaces, Nodes, Pods and workloads; near-misses of those kinds are
 * errors too. Exit 0 when all are valid (warnings do not count), 1 when any is invalid, 2 when
 * input cannot be read.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check policy YAML (NetworkPolicy, ClusterNetworkPolicy, AdminNetworkPolicy) against every rule the Kubernetes API server applies, with file:line:column')
    .requiredOption('-f, --filename <paths...>', 'YAML or JSON files, folders of them, or - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--crd-channel <channel>', 'the network-policy-api CRD bundle the cluster runs (experimental adds nodes and domainNames peers)')
        .choices(['standard', 'experimental'])
        .default('standard'),
    )
    .addHelpText(
      'after',
      helpExamples([
        'netfence validate -f dist/',
        'helm template charts/app | netfence validate -f -',
        'netfence validate -f policies/ -f extra.yaml --format json',
        'netfence validate -f guardrails/ --crd-channel experimental',
      ]),
    )
    .action((opts: { filename: string[]; format: ValidateFormat; crdChannel: CrdChannel }) => {
      const report = validateManifests(new CliInputs().load(opts.filename), { crdChannel: opts.crdChannel });
      process.stdout.write(opts.format === 'json' ? renderJson(report) : renderText(report));
      process.exitCode = report.findings.length === 0 ? EXIT_OK : EXIT_NEGATIVE;
    });
}
