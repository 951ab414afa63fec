import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { NetfenceError } from '../../core/errors';
import { fileSystemError } from '../../io/input-files';
import { writeFileAtomically } from '../../io/atomic-write';
import { ImportResult, importPolicies, MAIN_FILE, TEST_FILE } from '../../import';
import { escapeText } from '../../render/escape';
import { EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { CliInputs, printWarnings, skipInvalidOption } from '../inputs';

/** Options of `netfence import`. */
interface ImportCommandOptions {
  readonly filename: string[];
  readonly out: string;
  readonly force?: boolean;
  readonly skipInvalid?: boolean;
  readonly format: 'text' | 'json';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The report: per input policy, the construct that writes it and why; then the proof and the files. */
export function formatImportReport(result: ImportResult, out: string, written: readonly string[], unchanged: readonly string[], sources: string): string {
  const intents = result.policies.filter((p) => p.intent).length;
  const cluster = result.policies.filter((p) => p.clusterScoped === true).length;
  const networkPolicies = result.policies.length - cluster;
  const head = `netfence import: ${plural(networkPolicies, 'NetworkPolicy', 'NetworkPolicies')} from ${escapeText(sources)}: ${intents} as intents, ${networkPolicies - intents} as the NetworkPolicy L2`;
  const lines = [cluster > 0 ? `${head}; ${plural(cluster, 'cluster-scoped policy', 'cluster-scoped policies')}, as the ClusterNetworkPolicy L2` : head, ''];
  const idWidth = result.policies.reduce((w, p) => Math.max(w, escapeText(p.id).length), 0);
  const cWidth = result.policies.reduce((w, p) => Math.max(w, p.construct.length), 0);
  for (const p of result.policies) {
    lines.push(`  ${escapeText(p.id).padEnd(idWidth)}  ${p.construct.padEnd(cWidth)}  ${escapeText(p.reason)}`);
    for (const n of p.notes) lines.push(`  ${''.padEnd(idWidth)}  ${''.padEnd(cWidth)}  note: ${escapeText(n)}`);
  }
  const proof = result.proof;
  lines.push(
    '',
    `proved: the imported app writes policies that decide every flow as the inputs do, in each direction (${plural(proof.namespaces, 'namespace')}, ${plural(
      proof.podClasses,
      'kind',
    )} of pod, up to ${plural(proof.portIntervals, 'port interval')} and ${plural(proof.addressRegions, 'address region')}${
      proof.clusterGroups > 0 ? `; the cluster tiers priority by priority, ${plural(proof.clusterGroups, 'priority', 'priorities')}` : ''
    })`,
  );
  if (proof.fellBack.length > 0) lines.push(`written with the L2 only, as its intents did not prove equivalent: ${proof.fellBack.map(escapeText).join(', ')}`);
  if (written.length > 0) lines.push(`wrote ${written.map((f) => escapeText(path.join(out, f))).join(', ')}`);
  if (unchanged.length > 0) lines.push(`unchanged ${unchanged.map((f) => escapeText(path.join(out, f))).join(', ')}`);
  lines.push(
    '',
    'Next:',
    `  npx netfence synth --app ${escapeText(path.join(out, MAIN_FILE))} --out dist   # the same policies, from code`,
    `  npx jest ${escapeText(path.join(out, TEST_FILE))}   # what they mean (jest needs netfence's matchers: netfence init sets them up)`,
  );
  return `${lines.join('\n')}\n`;
}

/** The files of the result that would replace a different file in `out`. */
function conflicts(result: ImportResult, out: string): { changed: string[]; unchanged: string[] } {
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const [file, text] of result.files) {
    const target = path.join(out, file);
    let existing: string | undefined;
    try {
      existing = fs.readFileSync(target, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fileSystemError(e, target, 'read');
    }
    if (existing === undefined) continue;
    (existing === text ? unchanged : changed).push(file);
  }
  return { changed, unchanged };
}

/**
 * `netfence import -f <paths>... --out <dir>`: writes the NetworkPolicies of the inputs as a
 * netfence app (a chart per namespace, main.ts, main.test.ts), after proving it means the same.
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'turn NetworkPolicy YAML into netfence TypeScript: a chart per namespace (intents where a policy is exactly one, the NetworkPolicy L2 otherwise), main.ts exporting the App, and main.test.ts; proved to mean what the YAML meant before anything is written',
    )
    .requiredOption('-f, --filename <paths...>', 'YAML or JSON files, folders of them, or - for standard input')
    .requiredOption('--out <dir>', 'the folder to write main.ts, main.test.ts and one file per namespace into')
    .option('--force', 'replace files in the folder that exist and differ')
    .addOption(skipInvalidOption())
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `\nNothing is written unless the whole app proves equivalent, namespace by namespace, and no file would be replaced
without --force. Exit codes: 0 written (or already up to date), 2 bad input, a file in the way, or no NetworkPolicy.
${helpExamples([
  'netfence import -f policies/ --out src/imported',
  'kubectl get networkpolicies -A -o yaml | netfence import -f - --out src/imported',
  'netfence synth --app src/imported/main.ts --out dist   # the same policies, from code',
])}`,
    )
    .action((opts: ImportCommandOptions) => {
      const manifests = new CliInputs().load(opts.filename);
      const sources = opts.filename.join(', ');
      const result = importPolicies(manifests, { skipInvalid: opts.skipInvalid === true, sources });
      printWarnings(result.warnings);
      if (result.policies.length === 0) {
        throw new NetfenceError(`no NetworkPolicy or cluster-scoped policy in ${sources}; give the files or folders that hold them`);
      }
      const { changed, unchanged } = conflicts(result, opts.out);
      if (changed.length > 0 && opts.force !== true) {
        throw new NetfenceError(
          `${changed.map((f) => path.join(opts.out, f)).join(', ')} already exist${changed.length === 1 ? 's' : ''} and differ${changed.length === 1 ? 's' : ''}; use --force to replace ${changed.length === 1 ? 'it' : 'them'}, or another --out folder`,
        );
      }
      const written: string[] = [];
      for (const [file, text] of result.files) {
        if (unchanged.includes(file)) continue;
        const target = path.join(opts.out, file);
        try {
          writeFileAtomically(target, text);
        } catch (e) {
          throw fileSystemError(e, target, 'write');
        }
        written.push(file);
      }
      if (opts.format === 'json') {
        process.stdout.write(
          `${JSON.stringify({ out: opts.out, written, unchanged, policies: result.policies, proof: result.proof }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(formatImportReport(result, opts.out, written, unchanged, sources));
      }
      process.exitCode = EXIT_OK;
    });
}
