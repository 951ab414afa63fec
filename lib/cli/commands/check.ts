import { Command, Option } from 'commander';
import { inventoryFromManifests } from '../../analysis/inventory-from-manifests';
import { parsePortSpec, endpointName } from '../../analysis/endpoint';
import { evaluateFlow, Verdict } from '../../analysis/verdict';
import { formatVerdict } from '../../analysis/explain';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes';
import { helpExamples } from '../help';
import { CliInputs } from '../inputs';

function verdictJson(v: Verdict): string {
  const side = (d: Verdict['egress']): Record<string, unknown> => ({
    subject: d.subject,
    external: d.external,
    isolated: d.isolated,
    isolatedBy: d.isolatedBy,
    admittedBy: d.admittedBy.map((r) => r.label),
    allowed: d.allowed,
  });
  return `${JSON.stringify(
    { from: endpointName(v.from), to: endpointName(v.to), port: `${v.port}/${v.protocol}`, allowed: v.allowed, egress: side(v.egress), ingress: side(v.ingress) },
    null,
    2,
  )}\n`;
}

/**
 * `netfence check -f <path>... --from <ns/pod | IP> --to <ns/pod | IP> --port <num>/<proto>`:
 * prints the verdict and its reasons; exit 0 allowed, 1 denied, 2 bad input.
 */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('say whether one flow is allowed by the NetworkPolicies in the files, and why')
    .requiredOption('-f, --filename <paths...>', 'YAML or JSON files, folders of them, or - for standard input (policies, namespaces, pods, workloads)')
    .requiredOption('--from <endpoint>', 'source: namespace/pod (a workload counts as a pod of its name) or an IP address')
    .requiredOption('--to <endpoint>', 'destination: namespace/pod (a workload counts as a pod of its name) or an IP address')
    .requiredOption('--port <port>', 'destination port and protocol, e.g. 80/TCP')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--ipblock-ignores-pods', 'read ipBlock as matching only addresses outside the cluster, never pod IPs')
    .addHelpText(
      'after',
      helpExamples([
        'netfence check -f dist/ -f cluster-dump.yaml --from shop/frontend --to shop/web --port 8080/TCP',
        'kubectl get -A -o yaml pods,namespaces,networkpolicies | netfence check -f - --from shop/web --to 10.0.0.5 --port 5432',
        'netfence check -f dist/ --from shop/web --to shop/db --port 5432/TCP --format json',
      ]),
    )
    .action((opts: { filename: string[]; from: string; to: string; port: string; format: 'text' | 'json'; ipblockIgnoresPods?: boolean }) => {
      const port = parsePortSpec(opts.port);
      const inventory = inventoryFromManifests(new CliInputs().load(opts.filename));
      const verdict = evaluateFlow(inventory, { from: opts.from, to: opts.to, ...port }, { ipBlockMatchesPods: !opts.ipblockIgnoresPods });
      process.stdout.write(opts.format === 'json' ? verdictJson(verdict) : `${formatVerdict(verdict)}\n`);
      process.exitCode = verdict.allowed ? EXIT_OK : EXIT_NEGATIVE;
    });
}
