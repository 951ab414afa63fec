/**
 * The cdk8s path (`npm run bench:cdk8s-path`, also part of `npm run bench`): `App.synth()`,
 * `app.synthYaml()`, `Chart.toJson()` of every chart and `Testing.synth()` of one chart, on the
 * bench app built from netfence constructs and on the same objects as plain cdk8s ApiObjects,
 * side by side in one run, each in its own process (app construction not timed; before the
 * timed run, each process runs the same entry point once on a small app of its own side, so both
 * sides' code is compiled). `Testing.synth()` is measured twice: once so, and once as a snapshot
 * suite runs it, a fresh app per test in a process that ran the same before (`SUITE`). The target
 * (issue 13): netfence's constructs take at most 2x the plain objects at every size, with output
 * byte-identical. `--quick`: 10 and 100 charts; `--full`: up to 4,000 charts. Figures go to
 * docs/performance.md.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { renderChartDocuments } from '../lib/synth';
import { buildBenchApp, namespaceName, POLICIES_PER_CHART } from './generate-app';
import { digestText, digestTree, peakMiB, timed } from './measure';

const QUICK = process.argv.includes('--quick');
const FULL = process.argv.includes('--full');

/**
 * `Testing.synth()` as a snapshot suite runs it: one fresh app per test, in a process that ran
 * the same before. Each process builds `SUITE_WARM` apps and synthesizes one chart of each,
 * untimed, then `SUITE_RUNS` more, timed; the median is the cell's figure.
 */
const SUITE = 'Testing.synth() of one chart, suite (median of 15 fresh apps after 5)';
const SUITE_WARM = 5;
const SUITE_RUNS = 15;

/** What is timed: one cdk8s entry point. */
const OPS = ['App.synth()', 'app.synthYaml()', 'Chart.toJson() of every chart', 'Testing.synth() of one chart', SUITE] as const;
type Op = (typeof OPS)[number];

/** The sizes each entry point runs at (charts of ten policies each). */
function sizesOf(op: Op): number[] {
  if (QUICK) return [10, 100];
  if (op === 'App.synth()') return FULL ? [10, 100, 400, 1_000, 2_000, 4_000] : [10, 100, 400, 1_000];
  return FULL ? [10, 100, 400, 1_000] : [10, 100, 400];
}

interface Measured {
  readonly ms: number;
  readonly peakMiB: number;
  readonly digest: string;
}

/** The same objects as the bench app writes, as plain ApiObjects chart by chart. */
function plainApp(charts: number, outdir: string, seed: number): App {
  const rendered = renderChartDocuments(buildBenchApp(charts, seed));
  const app = new App({ outdir });
  for (const c of rendered) {
    const chart = new Chart(app, c.chart.node.id);
    c.documents.forEach((d, i) => new ApiObject(chart, `o${i}`, d as never));
  }
  return app;
}

function runOp(op: Op, app: App, outdir: string): Measured {
  let digest = '';
  // The chart a snapshot test holds; found without cdk8s's walk of the whole app (app.charts).
  const first = app.node.findChild(namespaceName(0)) as Chart;
  const { ms } = timed(() => {
    switch (op) {
      case 'App.synth()':
        app.synth();
        break;
      case 'app.synthYaml()':
        digest = digestText(app.synthYaml());
        break;
      case 'Chart.toJson() of every chart':
        digest = digestText(app.charts.map((c) => JSON.stringify(c.toJson())).join('\n'));
        break;
      case 'Testing.synth() of one chart':
      case SUITE:
        digest = digestText(JSON.stringify(Testing.synth(first)));
        break;
    }
  });
  if (op === 'App.synth()') digest = digestTree(outdir);
  return { ms, peakMiB: peakMiB(), digest };
}

/** Makes the side's app; `seed` 2 for the warm-up app, so nothing of the measured app is reused. */
function appOf(kind: string, charts: number, outdir: string, seed = 1): App {
  return kind === 'netfence' ? buildBenchApp(charts, seed, { outdir }) : plainApp(charts, outdir, seed);
}

/** The `SUITE` case: the median of `SUITE_RUNS` fresh apps after `SUITE_WARM`, each of its own seed. */
function measureSuite(kind: string, charts: number, outdir: string): Measured {
  const times: number[] = [];
  let digest = '';
  for (let i = 0; i < SUITE_WARM + SUITE_RUNS; i++) {
    const app = appOf(kind, charts, outdir, 10 + i);
    const chart = app.node.findChild(namespaceName(0)) as Chart;
    const { value, ms } = timed(() => Testing.synth(chart));
    if (i >= SUITE_WARM) times.push(ms);
    digest = digestText(JSON.stringify(value));
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], peakMiB: peakMiB(), digest };
}

function measureCase(kind: string, op: Op, charts: number): Measured {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-cdk8s-path-'));
  try {
    if (op === SUITE) return measureSuite(kind, charts, outdir);
    // Warm-up: the same entry point on a three-chart app of the same side, untimed.
    runOp(op, appOf(kind, 3, outdir, 2), outdir);
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.mkdirSync(outdir);
    return runOp(op, appOf(kind, charts, outdir), outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function spawnCase(kind: string, op: Op, charts: number): Measured | string {
  const timeout = charts >= 4_000 ? 3_600 : charts >= 2_000 ? 900 : 300;
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', __filename, 'case', kind, op, String(charts)], {
    encoding: 'utf8',
    timeout: timeout * 1000,
    maxBuffer: 1 << 26,
  });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (line) return JSON.parse(line.slice(7)) as Measured;
  return r.signal === 'SIGTERM' ? `> ${timeout} s (stopped)` : `failed: ${(r.stderr || String(r.error)).trim().split('\n').slice(0, 3).join(' / ')}`;
}

function fmt(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function main(): void {
  const [mode, kind, op, charts] = process.argv.slice(2);
  if (mode === 'case') {
    process.stdout.write(`\nRESULT ${JSON.stringify(measureCase(kind, op as Op, Number(charts)))}\n`);
    return;
  }
  process.stderr.write(`cdk8s path${QUICK ? ' (quick)' : FULL ? ' (full)' : ''}: ${os.cpus().length} CPUs, node ${process.version}\n`);
  const lines = ['', '| cdk8s entry point | charts (policies) | plain ApiObjects | netfence constructs | ratio | same output |', '|---|---:|---:|---:|---:|---|'];
  const checks: string[] = [];
  for (const op of OPS) {
    for (const charts of sizesOf(op)) {
      // Small sizes twice, alternating, each side's best taken: a shared machine's noise is
      // larger than the work there.
      const rounds = charts <= 400 ? 2 : 1;
      const best: Record<string, Measured | string | undefined> = {};
      for (let r = 0; r < rounds; r++) {
        for (const side of ['plain', 'netfence']) {
          const m = spawnCase(side, op, charts);
          const prev = best[side];
          if (typeof m === 'string') best[side] ??= m;
          else if (prev === undefined || typeof prev === 'string' || m.ms < prev.ms) best[side] = m;
        }
      }
      const plain = best.plain!;
      const nf = best.netfence!;
      const size = `${charts.toLocaleString('en-US')} (${(charts * POLICIES_PER_CHART).toLocaleString('en-US')})`;
      const shown = (m: Measured | string): string => (typeof m === 'string' ? m : `${fmt(m.ms)}, ${m.peakMiB.toFixed(0)} MiB`);
      const both = typeof plain !== 'string' && typeof nf !== 'string';
      const ratio = both ? nf.ms / plain.ms : undefined;
      const same = both && nf.digest === plain.digest;
      lines.push(`| ${op} | ${size} | ${shown(plain)} | ${shown(nf)} | ${ratio === undefined ? '-' : `${ratio.toFixed(2)}x`} | ${both ? (same ? 'yes' : 'NO') : '-'} |`);
      process.stderr.write(`  ${op} | ${size}: plain ${shown(plain)}; netfence ${shown(nf)}${ratio === undefined ? '' : `; ${ratio.toFixed(2)}x`}\n`);
      const tag = (ok: boolean | undefined): string => (ok === undefined ? 'n/a ' : ok ? 'PASS' : 'FAIL');
      checks.push(`${tag(ratio === undefined ? undefined : ratio <= 2)}  ${op}, ${size}: netfence / plain = ${ratio === undefined ? '?' : ratio.toFixed(2)} (target <= 2)`);
      checks.push(`${tag(both ? same : undefined)}  ${op}, ${size}: output byte-identical to the plain objects'`);
    }
  }
  lines.push('', 'targets:', ...checks.map((c) => `  ${c}`), '');
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.writeFileSync(path.join(__dirname, 'cdk8s-path-results.json'), JSON.stringify({ quick: QUICK, full: FULL, lines, checks }, null, 2));
}

main();
