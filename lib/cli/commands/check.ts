import { Command, Option } from 'commander';
import { parseFlowEnd } from '../../analysis/flow-end';
import { resolveFlowEnd } from '../../analysis/ends';
import { StandIns } from '../../analysis/stand-ins';
import { EVERY_PORT, parsePortQuery } from '../../analysis/port-query';
import { evaluateEnds, flowReportJson, formatFlowReport } from '../../analysis/flow-report';
import { namedSourcesOf, policiesOfVerdict, policySources } from '../../ci/policy-sources';
import { escapeText } from '../../render/escape';
import { EXIT_NEGATIVE, EXIT_OK, EXIT_UNDECIDED } from '../exit-codes';
import { helpExamples } from '../help';
import { CliInputs, printWarnings, readCommandInputs, skipInvalidOption } from '../inputs';

/** Options of `netfence check`. */
interface CheckOptions {
  readonly filename: string[];
  readonly from: string;
  readonly to: string;
  readonly port?: string;
  readonly format: 'text' | 'json';
  readonly ipblockIgnoresPods?: boolean;
  readonly skipInvalid?: boolean;
}

const END_HELP = 'namespace/name (a pod or workload), namespace/<selector> (kubectl -l syntax: shop/app=web, shop/*), an IP address or a CIDR';

/**
 * `netfence check -f <path>... --from <end> --to <end> [--port <port>]`: the verdict between two
 * ends with its reasons, on one port or (without --port) on every port of every protocol, exactly.
 * Exit 0 when everything asked is allowed, 1 when any of it is denied (the text and the JSON say
 * whether it is denied or partly allowed, and where), 4 when some of it is neither
 * (implementation-defined, or dependent on DNS), 2 on bad input.
 */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('say whether flows between two ends are allowed by the policies in the files (NetworkPolicy and the cluster tiers), and why')
    .requiredOption('-f, --filename <paths...>', 'YAML or JSON files, folders of them, or - for standard input (policies, namespaces, pods, workloads)')
    .requiredOption('--from <end>', `source: ${END_HELP}`)
    .requiredOption('--to <end>', `destination: ${END_HELP}`)
    .option('--port <port>', 'destination port: 80/TCP, 8000-8100/TCP, a container port name (metrics/TCP), or a protocol (UDP); default every port of every protocol')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--ipblock-ignores-pods', 'read ipBlock as matching only addresses outside the cluster, never pod IPs')
    .addOption(skipInvalidOption())
    .addHelpText(
      'after',
      helpExamples([
        'netfence check -f dist/ -f cluster-dump.yaml --from shop/frontend --to shop/web --port 8080/TCP',
        'netfence check -f dist/ --from ingress-nginx/app.kubernetes.io/name=ingress-nginx --to shop/app=web',
        'netfence check -f dist/ --from shop/web --to 0.0.0.0/0 --port 443/TCP',
        'kubectl get -A -o yaml pods,namespaces,networkpolicies | netfence check -f - --from shop/web --to 10.0.0.5 --port 5432',
        'netfence check -f dist/ --from shop/web --to shop/db --format json',
      ]),
    )
    .action((opts: CheckOptions) => {
      const from = parseFlowEnd(opts.from);
      const to = parseFlowEnd(opts.to);
      const query = opts.port === undefined ? EVERY_PORT : parsePortQuery(opts.port);
      const manifests = new CliInputs().load(opts.filename);
      const read = readCommandInputs(manifests, { skipInvalid: opts.skipInvalid });
      const standIns = new StandIns(read.inventory);
      const a = resolveFlowEnd(standIns, from);
      const b = resolveFlowEnd(standIns, to);
      const report = evaluateEnds(standIns.inventory(), a, b, query, { ipBlockMatchesPods: !opts.ipblockIgnoresPods });
      // Where the policies that decided were written, from their manifests' provenance.
      const provenance = policySources(standIns.inventory(), manifests);
      printWarnings(provenance.warnings);
      const written = namedSourcesOf(report.runs.flatMap((r) => policiesOfVerdict(r.verdict)), provenance.sources);
      if (opts.format === 'json') {
        const json = flowReportJson(report);
        process.stdout.write(`${JSON.stringify(written.length === 0 ? json : { ...json, sources: Object.fromEntries(written) }, null, 2)}\n`);
      } else {
        const where = written.length === 0 ? '' : `\n\nwritten at:\n${written.map(([id, at]) => `  ${escapeText(id)}: ${escapeText(at)}`).join('\n')}`;
        process.stdout.write(`${formatFlowReport(report)}${where}\n`);
      }
      process.exitCode = report.allAllowed ? EXIT_OK : report.undecided ? EXIT_UNDECIDED : EXIT_NEGATIVE;
    });
}
