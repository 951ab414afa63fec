import { Command, Option } from 'commander';
import { inventoryFromManifests } from '../../analysis/inventory-from-manifests';
import { parsePortSpec } from '../../analysis/endpoint';
import { computeMatrix } from '../../analysis/matrix';
import { formatMatrix, MatrixFormat, MATRIX_FORMATS } from '../../analysis/matrix-format';
import { EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { CliInputs } from '../inputs';

/**
 * `netfence matrix -f <path>... --port <num>/<proto> [--port ...] [--external <IP> ...]
 * [--format text|json|md|summary]`: connectivity of every pair of pods (and given addresses).
 */
export function registerMatrix(program: Command): void {
  program
    .command('matrix')
    .description('print which pods (and external addresses) may connect to which, per port')
    .requiredOption('-f, --filename <paths...>', 'YAML or JSON files, folders of them, or - for standard input (policies, namespaces, pods, workloads)')
    .requiredOption('--port <ports...>', 'destination ports and protocols, e.g. 80/TCP 53/UDP')
    .option('--external <ips...>', 'addresses outside the cluster to include as sources and destinations')
    .addOption(new Option('--format <format>', 'output format').choices([...MATRIX_FORMATS]).default('text'))
    .option('--ipblock-ignores-pods', 'read ipBlock as matching only addresses outside the cluster, never pod IPs')
    .addHelpText(
      'after',
      helpExamples([
        'netfence matrix -f dist/ --port 80/TCP --port 53/UDP',
        'netfence matrix -f dist/ --port 443/TCP --external 203.0.113.9 --format md >> $GITHUB_STEP_SUMMARY',
        'netfence matrix -f cluster-dump.json --port 80/TCP --format summary',
      ]),
    )
    .action((opts: { filename: string[]; port: string[]; external?: string[]; format: MatrixFormat; ipblockIgnoresPods?: boolean }) => {
      const ports = opts.port.map(parsePortSpec);
      const inventory = inventoryFromManifests(new CliInputs().load(opts.filename));
      const matrix = computeMatrix(inventory, ports, { externals: opts.external ?? [], ipBlockMatchesPods: !opts.ipblockIgnoresPods });
      process.stdout.write(formatMatrix(matrix, opts.format));
      process.exitCode = EXIT_OK;
    });
}
