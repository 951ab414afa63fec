import { Command, Option } from 'commander';
import { parseFlowEnd } from '../../analysis/flow-end';
import { parsePortQuery } from '../../analysis/port-query';
import { buildMatrix } from '../../analysis/matrix-request';
import { formatMatrix, MatrixFormat, MATRIX_FORMATS } from '../../analysis/matrix-format';
import { EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { CliInputs, readCommandInputs, skipInvalidOption } from '../inputs';

/** Options of `netfence matrix`. */
interface MatrixCliOptions {
  readonly filename: string[];
  readonly port?: string[];
  readonly from?: string[];
  readonly to?: string[];
  readonly external?: string[];
  readonly format: MatrixFormat;
  readonly ipblockIgnoresPods?: boolean;
  readonly skipInvalid?: boolean;
}

/**
 * `netfence matrix -f <path>... [--port <port>...] [--from <end>...] [--to <end>...] [--external <IP>...]
 * [--format text|json|md|summary]`: connectivity of every pair of pods (stand-ins for the pod sets
 * policies name but no input matches included, and given addresses), per port; without --port,
 * per run of ports the policies do not tell apart, covering every port of every protocol.
 */
export function registerMatrix(program: Command): void {
  program
    .command('matrix')
    .description('print which pods (and external addresses) may connect to which, per port')
    .requiredOption('-f, --filename <paths...>', 'YAML or JSON files, folders of them, or - for standard input (policies, namespaces, pods, workloads)')
    .option('--port <ports...>', 'destination ports: 80/TCP, 8000-8100/TCP, metrics/TCP (a container port name), UDP; default every port, one column per run of ports the policies treat alike')
    .option('--from <ends...>', 'show only these sources: namespace/name, namespace/<selector> (shop/app=web, shop/*), an IP address or a CIDR')
    .option('--to <ends...>', 'show only these destinations, same forms')
    .option('--external <ips...>', 'addresses outside the cluster to include as sources and destinations')
    .addOption(new Option('--format <format>', 'output format').choices([...MATRIX_FORMATS]).default('text'))
    .option('--ipblock-ignores-pods', 'read ipBlock as matching only addresses outside the cluster, never pod IPs')
    .addOption(skipInvalidOption())
    .addHelpText(
      'after',
      helpExamples([
        'netfence matrix -f dist/ --port 80/TCP --port 53/UDP',
        'netfence matrix -f dist/ --port 443/TCP --external 203.0.113.9 --format md >> $GITHUB_STEP_SUMMARY',
        'netfence matrix -f cluster-dump.json --port 80/TCP --format summary',
        'netfence matrix -f dist/ --from shop/app=frontend --to "shop/*"',
        'netfence matrix -f dist/ --port metrics/TCP --format md',
      ]),
    )
    .action((opts: MatrixCliOptions) => {
      const ports = (opts.port ?? []).map(parsePortQuery);
      const from = opts.from?.map(parseFlowEnd);
      const to = opts.to?.map(parseFlowEnd);
      const read = readCommandInputs(new CliInputs().load(opts.filename), { skipInvalid: opts.skipInvalid });
      const matrix = buildMatrix(read.inventory, {
        ports,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        externals: opts.external ?? [],
        ipBlockMatchesPods: !opts.ipblockIgnoresPods,
      });
      process.stdout.write(formatMatrix(matrix, opts.format));
      process.exitCode = EXIT_OK;
    });
}
