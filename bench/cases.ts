import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify as yamlStringify } from 'yaml';
import { parsePortSpec } from '../lib/analysis/endpoint';
import { inventoryFromObjects } from '../lib/analysis/inventory-from-manifests';
import { computeMatrix, matrixToJson, summarizeMatrix } from '../lib/analysis/matrix';
import { formatMatrix } from '../lib/analysis/matrix-format';
import { naiveMatrix } from '../lib/analysis/naive-matrix';
import { runCli } from '../lib/cli/main';
import { renderChartDocuments, synthesize } from '../lib/synth';
import { recordProvenance } from '../lib/constructs/provenance';
import { CDK8S_YAML_OPTIONS } from '../lib/synth/fast-yaml';
import { buildBenchApp } from './generate-app';
import { generateCluster, generateGuardrails, Manifest } from './generate-cluster';
import { CaseResult, digestText, digestTree, peakMiB, timed, timedAsync } from './measure';

/** The objects of a generated app, per chart, as the cdk8s baselines read them. */
interface ChartDocs {
  readonly id: string;
  readonly docs: Manifest[];
}

// Outputs stay until the whole run ends (run.ts removes its work folder): deleting thousands of
// files here would slow the disk for the next case.
function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(process.env.NETFENCE_BENCH_TMP ?? os.tmpdir(), `${prefix}-`));
}

function readDocs(file: string): ChartDocs[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ChartDocs[];
}

function done(ms: number, info: CaseResult['info']): CaseResult {
  return { ms, peakMiB: peakMiB(), info };
}

/** The same objects as plain cdk8s ApiObjects, chart by chart: cdk8s's own baseline. */
function plainApp(charts: readonly ChartDocs[], outdir: string): App {
  const app = new App({ outdir });
  for (const c of charts) {
    const chart = new Chart(app, c.id);
    c.docs.forEach((d, i) => new ApiObject(chart, `o${i}`, d as never));
  }
  return app;
}

/** The part of cdk8s-plus the benchmark uses, typed here so the package stays optional. */
interface KPlus {
  NetworkPolicy: new (scope: Construct, id: string, props: Record<string, unknown>) => Construct;
  Pods: {
    select(scope: Construct, id: string, o: Record<string, unknown>): unknown;
    all(scope: Construct, id: string, o?: Record<string, unknown>): unknown;
  };
  Namespaces: { select(scope: Construct, id: string, o: Record<string, unknown>): unknown };
  NetworkPolicyIpBlock: { ipv4(scope: Construct, id: string, cidr: string, except?: string[]): unknown };
  NetworkPolicyPort: { tcp(p: number): unknown; udp(p: number): unknown };
}

function loadKPlus(): KPlus | undefined {
  for (const name of ['cdk8s-plus-33', 'cdk8s-plus-32', 'cdk8s-plus-31', 'cdk8s-plus-30']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(name) as KPlus;
    } catch {
      // try the next major
    }
  }
  return undefined;
}

/** Builds each NetworkPolicy with cdk8s-plus: same selectors and peers; named ports as numbers. */
function plusApp(kplus: KPlus, charts: readonly ChartDocs[], outdir: string): App {
  const app = new App({ outdir });
  type Sel = { matchLabels?: Record<string, string> };
  type Peer = { podSelector?: Sel; namespaceSelector?: Sel; ipBlock?: { cidr: string; except?: string[] } };
  type Rule = { from?: Peer[]; to?: Peer[]; ports?: { port?: number | string; protocol?: string }[] };
  for (const c of charts) {
    const chart = new Chart(app, c.id);
    c.docs.forEach((d, i) => {
      const meta = d.metadata as { name: string; namespace: string };
      const spec = d.spec as { podSelector: Sel; ingress?: Rule[]; egress?: Rule[] };
      const scope = new Construct(chart, `p${i}`);
      let n = 0;
      const peer = (p: Peer): unknown => {
        if (p.ipBlock) return kplus.NetworkPolicyIpBlock.ipv4(scope, `b${n++}`, p.ipBlock.cidr, p.ipBlock.except);
        const namespaces = p.namespaceSelector
          ? kplus.Namespaces.select(scope, `n${n++}`, { labels: p.namespaceSelector.matchLabels ?? {} })
          : undefined;
        return kplus.Pods.select(scope, `s${n++}`, { labels: p.podSelector?.matchLabels ?? {}, ...(namespaces ? { namespaces } : {}) });
      };
      const ports = (r: Rule): unknown[] | undefined =>
        r.ports?.map((p) => (p.protocol === 'UDP' ? kplus.NetworkPolicyPort.udp(Number(p.port) || 8080) : kplus.NetworkPolicyPort.tcp(Number(p.port) || 8080)));
      const rules = (list: Rule[] | undefined, side: 'from' | 'to') =>
        list === undefined ? undefined : { rules: list.flatMap((r) => (r[side] ?? [{}]).map((p) => ({ peer: peer(p), ports: ports(r) }))) };
      const selector = spec.podSelector.matchLabels ? kplus.Pods.select(scope, 'sel', { labels: spec.podSelector.matchLabels }) : kplus.Pods.all(scope, 'sel');
      new kplus.NetworkPolicy(scope, 'policy', {
        metadata: { name: meta.name, namespace: meta.namespace },
        selector,
        ...(spec.ingress ? { ingress: rules(spec.ingress, 'from') } : {}),
        ...(spec.egress ? { egress: rules(spec.egress, 'to') } : {}),
      });
    });
  }
  return app;
}

function clusterArgs(args: string[]): { namespaces: number; pods: number; policies: number } {
  return { namespaces: Number(args[0]), pods: Number(args[1]), policies: Number(args[2]) };
}

const PORT = parsePortSpec('8080/TCP');

/** Every case, by name; each runs in its own process so its peak memory is its own. */
const CASES: Record<string, (args: string[]) => Promise<CaseResult> | CaseResult> = {
  /** Writes the generated app's objects, per chart, for the baselines to read. */
  'prepare-objects': ([charts, seed, file]) => {
    const rendered = renderChartDocuments(buildBenchApp(Number(charts), Number(seed)));
    const out: ChartDocs[] = rendered.map((c) => ({ id: c.chart.node.id, docs: c.documents as Manifest[] }));
    fs.writeFileSync(file, JSON.stringify(out));
    return done(0, { objects: out.reduce((n, c) => n + c.docs.length, 0) });
  },
  'netfence-synth': ([charts, seed]) => {
    const app = buildBenchApp(Number(charts), Number(seed));
    const outdir = tmp('netfence');
    const { value, ms } = timed(() => synthesize(app, { outdir }));
    const info = { objects: value.objects, digest: digestTree(outdir) };
    return done(ms, info);
  },
  /** Building the app and synthesizing it, with or without provenance recorded (its whole cost). */
  'netfence-build-synth': ([charts, seed, provenance]) => {
    const outdir = tmp('netfence-build');
    const { value, ms } = timed(() => {
      const stop = provenance === 'on' ? recordProvenance() : undefined;
      const app = buildBenchApp(Number(charts), Number(seed));
      stop?.();
      return synthesize(app, { outdir });
    });
    return done(ms, { objects: value.objects });
  },
  'cdk8s-netfence': ([charts, seed]) => {
    const outdir = tmp('cdk8s-netfence');
    const app = buildBenchApp(Number(charts), Number(seed), { outdir });
    const { ms } = timed(() => app.synth());
    const info = { digest: digestTree(outdir) };
    return done(ms, info);
  },
  'cdk8s-plain': ([file]) => {
    const outdir = tmp('cdk8s');
    const app = plainApp(readDocs(file), outdir);
    const { ms } = timed(() => app.synth());
    const info = { digest: digestTree(outdir) };
    return done(ms, info);
  },
  'cdk8s-plus': ([file]) => {
    const kplus = loadKPlus();
    if (kplus === undefined) return done(NaN, { skipped: 'cdk8s-plus is not installed' });
    const outdir = tmp('plus');
    const app = plusApp(kplus, readDocs(file), outdir);
    const { ms } = timed(() => app.synth());
    return done(ms, {});
  },
  /** The `yaml` package alone on the same objects, as cdk8s calls it (in memory, no files). */
  yaml: ([file]) => {
    const charts = readDocs(file);
    const { value, ms } = timed(() => charts.map((c) => c.docs.map((d) => yamlStringify(d, CDK8S_YAML_OPTIONS)).join('---\n')));
    return done(ms, { bytes: value.reduce((n, s) => n + s.length, 0), sameAsCdk8s: value[0] === Yaml.stringify(...charts[0].docs) });
  },
  'engine-matrix': (args) => {
    const size = clusterArgs(args);
    const manifests = [...generateCluster(size, 1), ...(args.includes('guardrails') ? generateGuardrails() : [])];
    const inv = timed(() => inventoryFromObjects(manifests));
    const matrix = timed(() => computeMatrix(inv.value, [PORT]));
    const summary = timed(() => summarizeMatrix(matrix.value));
    const info: CaseResult['info'] = {
      inventoryMs: Math.round(inv.ms),
      classes: matrix.value.model.classes.length,
      allowedPairs: summary.value[0].allowedPairs,
      totalPairs: summary.value[0].totalPairs,
    };
    if (args.includes('digest')) info.digest = digestText(JSON.stringify(matrixToJson(matrix.value)));
    return done(matrix.ms + summary.ms, info);
  },
  'naive-matrix': (args) => {
    const manifests = [...generateCluster(clusterArgs(args), 1), ...(args.includes('guardrails') ? generateGuardrails() : [])];
    const inventory = inventoryFromObjects(manifests);
    const { value, ms } = timed(() => naiveMatrix(inventory, [PORT]));
    return done(ms, { digest: digestText(JSON.stringify(value)) });
  },
  /** Writes a generated cluster as files of 100 namespaces each: YAML, or JSON Lists as `kubectl get -o json` writes. */
  'write-cluster': ([ns, pods, policies, dir, format]) => {
    const manifests = generateCluster(clusterArgs([ns, pods, policies]), 1);
    const json = format === 'json';
    fs.mkdirSync(dir, { recursive: true });
    let file = 0;
    let batch: Manifest[] = [];
    const flush = (): void => {
      const name = path.join(dir, `cluster-${String(file++).padStart(4, '0')}.${json ? 'json' : 'yaml'}`);
      const text = json
        ? JSON.stringify({ apiVersion: 'v1', kind: 'List', items: batch }, null, 2)
        : batch.map((m) => yamlStringify(m)).join('---\n');
      fs.writeFileSync(name, text);
      batch = [];
    };
    let namespaces = 0;
    for (const m of manifests) {
      if (m.kind === 'Namespace' && namespaces++ % 100 === 0 && batch.length > 0) flush();
      batch.push(m);
    }
    flush();
    return done(0, { files: file });
  },
  /** `netfence matrix --format summary` in this process, output discarded. */
  'cli-matrix-summary': async ([dir, ...flags]) => {
    const write = process.stdout.write.bind(process.stdout);
    let bytes = 0;
    process.stdout.write = ((s: string | Uint8Array) => {
      bytes += s.length;
      return true;
    }) as typeof process.stdout.write;
    try {
      const { value, ms } = await timedAsync(() => runCli(['matrix', '-f', dir, '--port', '8080/TCP', '--format', 'summary', ...flags]));
      return done(ms, { exit: value, outputBytes: bytes });
    } finally {
      process.stdout.write = write;
    }
  },
  /** The engine's summary on the same cluster in memory: the CLI's time minus reading YAML. */
  'engine-summary': (args) => {
    const manifests = generateCluster(clusterArgs(args), 1);
    // 'ipblock-ignores-pods' isolates the engine's cost of matching ipBlocks against pod IPs.
    const options = { ipBlockMatchesPods: args[3] !== 'ipblock-ignores-pods' };
    const { value, ms } = timed(() => formatMatrix(computeMatrix(inventoryFromObjects(manifests), [PORT], options), 'summary'));
    return done(ms, { outputBytes: value.length, ipBlockMatchesPods: options.ipBlockMatchesPods });
  },
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const run = CASES[name];
  if (!run) throw new Error(`unknown case ${name}; one of ${Object.keys(CASES).join(', ')}`);
  const result = await run(args);
  process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
