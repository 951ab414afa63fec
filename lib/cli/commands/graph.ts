import { Command, Option } from 'commander';
import { inventoryFromManifests } from '../../analysis/inventory-from-manifests';
import { parsePortSpec } from '../../analysis/endpoint';
import { buildGraph, GRAPH_LEVELS, GraphLevel } from '../../ci/graph';
import { GRAPH_FORMATS, GraphFormat, renderGraph } from '../../ci/graph-render';
import { EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { CliInputs } from '../inputs';

/**
 * `netfence graph -f <path>... [--format mermaid|dot] [--level workload|namespace] [--port <num>/<proto>...]`: the allowed
 * connectivity between workloads, namespaces and external address ranges, collapsed to stay
 * readable. Exit 0; 2 on bad input.
 */
export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description('draw who may connect to whom (Mermaid or Graphviz DOT), pods merged by equivalence class and namespace')
    .requiredOption('-f, --filename <paths...>', 'YAML or JSON files, folders of them, or - for standard input (policies, namespaces, pods, workloads)')
    .addOption(new Option('--format <format>', 'output format').choices([...GRAPH_FORMATS]).default('mermaid'))
    .addOption(new Option('--level <level>', 'workload: pods alike per namespace as nodes; namespace: one node per namespace, dotted edges for what holds for some pods only').choices([...GRAPH_LEVELS]).default('workload'))
    .option('--port <ports...>', 'draw only these destination ports, e.g. 80/TCP 53/UDP (default: every port, exactly)')
    .option('--ipblock-ignores-pods', 'read ipBlock as matching only addresses outside the cluster, never pod IPs')
    .addHelpText(
      'after',
      helpExamples([
        'netfence graph -f dist/ > graph.mmd',
        'netfence graph -f dist/ --format dot --level namespace | dot -Tsvg > graph.svg',
        'netfence graph -f dist/ --port 80/TCP --port 443/TCP',
      ]),
    )
    .action((opts: { filename: string[]; format: GraphFormat; level: GraphLevel; port?: string[]; ipblockIgnoresPods?: boolean }) => {
      const ports = opts.port?.map(parsePortSpec);
      const inventory = inventoryFromManifests(new CliInputs().load(opts.filename));
      const graph = buildGraph(inventory, { ...(ports ? { ports } : {}), level: opts.level, ipBlockMatchesPods: !opts.ipblockIgnoresPods });
      process.stdout.write(renderGraph(graph, opts.format));
      process.exitCode = EXIT_OK;
    });
}
