import { Command, Option } from 'commander';
import { parsePortSpec } from '../../analysis/endpoint';
import { parseFlowEnd } from '../../analysis/flow-end';
import { buildGraph, GRAPH_LEVELS, GraphLevel } from '../../ci/graph';
import { GRAPH_FORMATS, GraphFormat, notDrawnNote, renderGraph } from '../../ci/graph-render';
import { EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { CliInputs, printWarnings, readCommandInputs, skipInvalidOption } from '../inputs';

/** Options of `netfence graph`. */
interface GraphCliOptions {
  readonly filename: string[];
  readonly format: GraphFormat;
  readonly level: GraphLevel;
  readonly port?: string[];
  readonly include?: string[];
  readonly ipblockIgnoresPods?: boolean;
  readonly skipInvalid?: boolean;
}

/**
 * `netfence graph -f <path>... [--format mermaid|dot|json] [--level workload|namespace] [--port <num>/<proto>...]
 * [--include <end>...]`: the allowed connectivity between workloads (and stand-ins for the pod sets
 * policies name that no input matches), namespaces and external address ranges, collapsed to stay
 * readable. Exit 0; 2 on bad input.
 */
export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description('draw who may connect to whom (Mermaid, Graphviz DOT or JSON), pods merged by equivalence class and namespace')
    .requiredOption('-f, --filename <paths...>', 'YAML or JSON files, folders of them, or - for standard input (policies, namespaces, pods, workloads)')
    .addOption(new Option('--format <format>', 'output format').choices([...GRAPH_FORMATS]).default('mermaid'))
    .addOption(new Option('--level <level>', 'workload: pods alike per namespace as nodes; namespace: one node per namespace, dotted edges for what holds for some pods only').choices([...GRAPH_LEVELS]).default('workload'))
    .option('--port <ports...>', 'draw only these destination ports, e.g. 80/TCP 53/UDP (default: every port, exactly)')
    .option('--include <ends...>', 'also draw these ends: namespace/<selector> (shop/app=web), namespace/name, an IP address or a CIDR')
    .option('--ipblock-ignores-pods', 'read ipBlock as matching only addresses outside the cluster, never pod IPs')
    .addOption(skipInvalidOption())
    .addHelpText(
      'after',
      helpExamples([
        'netfence graph -f dist/ > graph.mmd',
        'netfence graph -f dist/ --format dot --level namespace | dot -Tsvg > graph.svg',
        'netfence graph -f dist/ --port 80/TCP --port 443/TCP',
        'netfence graph -f dist/ --include ingress-nginx/app.kubernetes.io/name=ingress-nginx',
      ]),
    )
    .action((opts: GraphCliOptions) => {
      const ports = opts.port?.map(parsePortSpec);
      const include = (opts.include ?? []).map(parseFlowEnd);
      const read = readCommandInputs(new CliInputs().load(opts.filename), { skipInvalid: opts.skipInvalid });
      const graph = buildGraph(read.inventory, { ...(ports ? { ports } : {}), include, level: opts.level, ipBlockMatchesPods: !opts.ipblockIgnoresPods });
      process.stdout.write(renderGraph(graph, opts.format));
      const note = notDrawnNote(graph);
      if (note !== undefined) printWarnings([{ message: note }]);
      process.exitCode = EXIT_OK;
    });
}
