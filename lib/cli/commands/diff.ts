import { Command, Option } from 'commander';
import { NetfenceError } from '../../core/errors';
import { escapeText } from '../../render/escape';
import { parseFlowEnd } from '../../analysis/flow-end';
import { buildDiffWorlds } from '../../ci/diff-worlds';
import { diffConnectivity } from '../../ci/connectivity-diff';
import { DIFF_FORMATS, DiffFormat, formatDiff } from '../../ci/diff-format';
import { loadSource } from '../../ci/manifest-source';
import { uncomparedReason } from '../../ci/named-port-probes';
import { policySources } from '../../ci/policy-sources';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes';
import { appendAll } from '../../core/values';
import { LoadedManifest } from '../../io/manifests';
import { helpExamples } from '../help';
import { CliInputs, printWarnings, skipInvalidOption } from '../inputs';

/** Collects a repeatable option's values: one value per flag, so none swallows a positional argument. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Options of `netfence diff`. */
interface DiffCliOptions {
  readonly inventory?: string[];
  readonly include?: string[];
  readonly format: DiffFormat;
  readonly failOn?: string;
  readonly ipblockIgnoresPods?: boolean;
  readonly skipInvalid?: boolean;
}

/**
 * `netfence diff <base> <head> [--inventory <path>...] [--include <end>...] [--format text|md|json] [--fail-on added]`:
 * the flows that became allowed, denied or undecided between two sets of manifests (folders,
 * files, or `<git-rev>:<path>`), over the pods of the inputs and stand-ins for every pod set a
 * policy names that none of them matches. Exit 0, or 1 with `--fail-on added` when some flow
 * became allowed, or was denied and became undecided (it may have opened).
 */
export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('list the flows a change of policies (NetworkPolicy and the cluster tiers) opens and closes, each with the rule that decides it')
    .argument('<base>', 'manifests before the change: a file, a folder, - (standard input), or <git-rev>:<path> (e.g. origin/main:dist)')
    .argument('<head>', 'manifests after the change, same forms')
    .option('--inventory <path>', 'more namespaces, pods and workloads (a file, folder, - or <git-rev>:<path>, e.g. a cluster dump) to compare over; their policies are ignored; repeat for more', collect, [])
    .option('--include <end>', 'also compare this end: namespace/<selector> (shop/app=web), namespace/name, an IP address or a CIDR; repeat for more', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices([...DIFF_FORMATS]).default('text'))
    .option('--fail-on <what>', 'exit 1 when a flow became allowed, or was denied and became undecided (the only value: added)')
    .option('--ipblock-ignores-pods', 'read ipBlock as matching only addresses outside the cluster, never pod IPs')
    .addOption(skipInvalidOption())
    .addHelpText(
      'after',
      helpExamples([
        'netfence diff origin/main:dist dist',
        'netfence diff "$BASE_SHA:./dist" dist --format md --fail-on added > diff.md',
        'netfence diff old/ new/ --inventory cluster-dump.json --inventory extra.yaml --format json',
        'netfence diff origin/main:dist dist --include ingress-nginx/app.kubernetes.io/name=ingress-nginx',
      ]),
    )
    .action((base: string, head: string, opts: DiffCliOptions) => {
      if (opts.failOn !== undefined && opts.failOn !== 'added') {
        throw new NetfenceError(`--fail-on ${JSON.stringify(opts.failOn)} is not supported; write --fail-on added`);
      }
      const include = (opts.include ?? []).map(parseFlowEnd);
      const inputs = new CliInputs();
      const load = (arg: string): LoadedManifest[] => loadSource(arg, { stdin: inputs.readStdin });
      const inventory: LoadedManifest[] = [];
      for (const p of opts.inventory ?? []) appendAll(inventory, load(p));
      const baseManifests = load(base);
      const headManifests = load(head);
      const worlds = buildDiffWorlds(baseManifests, headManifests, inventory, { skipInvalid: opts.skipInvalid, include });
      printWarnings(worlds.warnings);
      const diff = diffConnectivity(worlds, { ipBlockMatchesPods: !opts.ipblockIgnoresPods });
      if (worlds.policiesChanged && diff.counts.added === 0 && diff.counts.removed === 0 && diff.counts.undecided === 0) {
        const n = diff.stats.pods;
        const what =
          n === 0 ? 'there is no pod, workload or stand-in to compare over' : n === 1 ? 'no flow of the one pod, workload or stand-in compared changed' : `no flow between the ${n} pods, workloads and stand-ins compared changed`;
        printWarnings([{ message: `the policies changed, but ${what}; check the change means what it should` }]);
      }
      // Each rule's TypeScript line is read from the side it belongs to, never from the other.
      const baseSources = policySources(worlds.base, baseManifests);
      const headSources = policySources(worlds.head, headManifests);
      printWarnings([...baseSources.warnings, ...headSources.warnings]);
      const sources = { base: baseSources.sources, head: headSources.sources };
      process.stdout.write(formatDiff(diff, opts.format, { labels: { base, head }, sources }));
      // A named port of stand-ins the diff could not compare may have opened whenever the policies changed.
      const uncompared = worlds.namedPorts.uncompared;
      if (uncompared.length > 0) {
        printWarnings([
          {
            message: `not compared: ${uncomparedReason(uncompared.map((u) => escapeText(u)))}; add the workloads that name it (--inventory)${worlds.policiesChanged ? '. The policies changed: --fail-on added counts it as a flow that may have opened' : ''}`,
          },
        ]);
      }
      const mayHaveOpened = diff.counts.mayHaveOpened + (worlds.policiesChanged ? uncompared.length : 0);
      process.exitCode = opts.failOn === 'added' && diff.counts.added + mayHaveOpened > 0 ? EXIT_NEGATIVE : EXIT_OK;
    });
}
