import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CaseResult } from './measure';
import { POLICIES_PER_CHART } from './generate-app';

/**
 * `npm run bench`: every case in its own process (so each has its own peak memory), side by side
 * in one run, then the issue's targets checked as ratios. `--quick` runs smaller sizes only;
 * `--full` adds the slow diagnostic rows.
 */

const QUICK = process.argv.includes('--quick');
const FULL = process.argv.includes('--full');
const CASES_JS = path.join(__dirname, 'cases.js');
// The compiled tree (build/) holds lib, examples and bench; the sources sit one level up,
// unless NETFENCE_SOURCE says where (when the benchmark is compiled elsewhere).
const BUILD_ROOT = path.join(__dirname, '..');
const SOURCE_ROOT = process.env.NETFENCE_SOURCE ?? path.join(BUILD_ROOT, '..');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-bench-'));

type Outcome = { ok: true; result: CaseResult } | { ok: false; reason: string; ms?: number };

interface Row {
  readonly group: string;
  readonly what: string;
  readonly size: string;
  readonly outcome: Outcome;
}

const rows: Row[] = [];

function runCase(name: string, args: (string | number)[], timeoutSec: number): Outcome {
  // Flush what earlier cases wrote, so that no case pays for another's disk writes.
  spawnSync('sync');
  const start = Date.now();
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', CASES_JS, name, ...args.map(String)], {
    encoding: 'utf8',
    env: { ...process.env, NETFENCE_BENCH_TMP: WORK },
    timeout: timeoutSec * 1000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = child.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (line) return { ok: true, result: JSON.parse(line.slice(7)) as CaseResult };
  if (child.signal === 'SIGTERM' || (child.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
    return { ok: false, reason: `> ${timeoutSec} s (stopped)`, ms: Date.now() - start };
  }
  return { ok: false, reason: `failed: ${(child.stderr || String(child.error)).trim().split('\n').slice(0, 3).join(' / ')}` };
}

function record(group: string, what: string, size: string, outcome: Outcome): Outcome {
  rows.push({ group, what, size, outcome });
  const shown = outcome.ok ? `${fmtMs(outcome.result.ms)}  ${outcome.result.peakMiB.toFixed(0)} MiB` : outcome.reason;
  process.stderr.write(`  ${group} | ${what} | ${size}: ${shown}\n`);
  return outcome;
}

function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function ms(o: Outcome | undefined): number | undefined {
  return o?.ok && Number.isFinite(o.result.ms) ? o.result.ms : undefined;
}

function objectsLabel(n: number): string {
  return `${n.toLocaleString('en-US')} objects (${(n / POLICIES_PER_CHART).toLocaleString('en-US')} charts)`;
}

// ---- synthesis ------------------------------------------------------------------------------
const SYNTH_SIZES = QUICK ? [1_000, 10_000] : [1_000, 10_000, 20_000, 40_000];
const PLUS_SIZES = QUICK ? [1_000] : [1_000, 5_000, 10_000];
const synth = new Map<string, Outcome>();
const digests = new Map<number, { netfence?: string; cdk8s?: string }>();

function objectsFile(n: number): string {
  const file = path.join(WORK, `objects-${n}.json`);
  if (!fs.existsSync(file)) runCase('prepare-objects', [n / POLICIES_PER_CHART, 1, file], 600);
  return file;
}

process.stderr.write(`netfence bench${QUICK ? ' (quick)' : ''}: ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
process.stderr.write('synthesis\n');
for (const n of SYNTH_SIZES) {
  const file = objectsFile(n);
  const size = objectsLabel(n);
  const nf = record('synthesis', 'netfence synthesize()', size, runCase('netfence-synth', [n / POLICIES_PER_CHART, 1], 300));
  synth.set(`netfence/${n}`, nf);
  synth.set(`yaml/${n}`, record('synthesis', '`yaml` stringify alone (same objects)', size, runCase('yaml', [file], 300)));
  const timeout = n >= 40_000 ? 480 : n >= 20_000 ? 240 : 120;
  const cd = record('synthesis', 'cdk8s App.synth (same objects, plain ApiObjects)', size, runCase('cdk8s-plain', [file], timeout));
  synth.set(`cdk8s/${n}`, cd);
  digests.set(n, {
    netfence: nf.ok ? String(nf.result.info.digest) : undefined,
    cdk8s: cd.ok ? String(cd.result.info.digest) : undefined,
  });
}
record('synthesis', 'cdk8s App.synth (the netfence constructs themselves)', objectsLabel(1_000), runCase('cdk8s-netfence', [100, 1], 120));
// Provenance (a stack per construct) is opt-in because of this cost: build + synthesize, off and on.
for (const n of QUICK ? [3_000] : [3_000, 10_000]) {
  for (const mode of ['off', 'on']) {
    record('synthesis', `build the app + synthesize(), provenance ${mode === 'on' ? 'recorded' : 'off'}`, objectsLabel(n), runCase('netfence-build-synth', [n / POLICIES_PER_CHART, 1, mode], 300));
  }
}
let plusStopped = false;
for (const n of PLUS_SIZES) {
  if (plusStopped) {
    record('synthesis', 'cdk8s-plus NetworkPolicy, App.synth', objectsLabel(n), { ok: false, reason: 'not run (smaller size took too long)' });
    continue;
  }
  const o = record('synthesis', 'cdk8s-plus NetworkPolicy, App.synth', objectsLabel(n), runCase('cdk8s-plus', [objectsFile(n)], 60));
  synth.set(`plus/${n}`, o);
  if (!o.ok || o.result.ms > 20_000) plusStopped = true;
}

// ---- engine ---------------------------------------------------------------------------------
process.stderr.write('engine\n');
const CROSS = QUICK ? [[20, 200, 100]] : [[20, 200, 100], [100, 1_000, 500]];
const crossChecks: { size: string; same: boolean; ratio?: number }[] = [];
for (const [ns, pods, pols] of CROSS) {
  const size = `${pods.toLocaleString('en-US')} pods, ${ns} ns, ${pols} policies`;
  const e = record('engine', 'matrix, 1 port: engine', size, runCase('engine-matrix', [ns, pods, pols, 'digest'], 120));
  const nv = record('engine', 'matrix, 1 port: naive (every policy for every pair)', size, runCase('naive-matrix', [ns, pods, pols], 120));
  const same = e.ok && nv.ok && e.result.info.digest === nv.result.info.digest;
  const em = ms(e);
  const nm = ms(nv);
  crossChecks.push({ size, same, ratio: em && nm ? nm / em : undefined });
}
const bigMatrix = record(
  'engine',
  'matrix, 1 port: engine',
  '10,000 pods, 1,000 ns, 5,000 policies',
  runCase('engine-matrix', [1_000, 10_000, 5_000], 120),
);
// The same clusters under cluster guardrails (44 ClusterNetworkPolicies of both tiers): the tiers'
// class programs, checked against the naive evaluator where it runs.
const guardChecks: { size: string; same: boolean; ratio?: number }[] = [];
{
  const [ns, pods, pols] = QUICK ? [20, 200, 100] : [100, 1_000, 500];
  const size = `${pods.toLocaleString('en-US')} pods, ${ns} ns, ${pols} policies + 44 cluster policies`;
  const e = record('engine', 'matrix, 1 port: engine, with cluster guardrails', size, runCase('engine-matrix', [ns, pods, pols, 'digest', 'guardrails'], 120));
  const nv = record('engine', 'matrix, 1 port: naive, with cluster guardrails', size, runCase('naive-matrix', [ns, pods, pols, 'guardrails'], 300));
  guardChecks.push({ size, same: e.ok && nv.ok && e.result.info.digest === nv.result.info.digest, ratio: ms(e) && ms(nv) ? ms(nv)! / ms(e)! : undefined });
}
const bigGuarded = record(
  'engine',
  'matrix, 1 port: engine, with cluster guardrails',
  '10,000 pods, 1,000 ns, 5,000 policies + 44 cluster policies',
  runCase('engine-matrix', [1_000, 10_000, 5_000, 'none', 'guardrails'], 120),
);
let summary: Outcome | undefined;
let cliSummary: Outcome | undefined;
{
  const small = '10,000 pods, 1,000 ns, 5,000 policies';
  const dir = path.join(WORK, 'cluster-10k-yaml');
  runCase('write-cluster', [1_000, 10_000, 5_000, dir, 'yaml'], 300);
  record('engine', '`netfence matrix --format summary` from YAML files', small, runCase('cli-matrix-summary', [dir], 120));
}
if (!QUICK) {
  const size = '100,000 pods, 10,000 ns, 50,000 policies';
  // Stopped early if it ever regresses to the minutes it once took (see docs/performance.md).
  summary = record('engine', 'summary, 1 port: engine in memory', size, runCase('engine-summary', [10_000, 100_000, 50_000], 45));
  record('engine', 'summary, 1 port: engine in memory, ipBlocks never match pod IPs', size, runCase('engine-summary', [10_000, 100_000, 50_000, 'ipblock-ignores-pods'], 90));
  const dir = path.join(WORK, 'cluster-100k-json');
  runCase('write-cluster', [10_000, 100_000, 50_000, dir, 'json'], 600);
  cliSummary = record('engine', '`netfence matrix --format summary` from JSON Lists', size, runCase('cli-matrix-summary', [dir], 45));
  if (FULL) {
    record('engine', '`netfence matrix --format summary --ipblock-ignores-pods` from JSON Lists', size, runCase('cli-matrix-summary', [dir, '--ipblock-ignores-pods'], 300));
  }
}

// ---- examples: netfence synth vs npx cdk8s synth ----------------------------------------------
process.stderr.write('examples\n');
function wall(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): number | undefined {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) {
      process.stderr.write(`  ${cmd} ${args.join(' ')} failed: ${(r.stderr || String(r.error)).split('\n').slice(0, 3).join(' / ')}\n`);
      return undefined;
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[1];
}
const examplesJs = path.join(BUILD_ROOT, 'examples', 'main.js');
const examplesTs = path.join(SOURCE_ROOT, 'examples', 'main.ts');
const cli = path.join(BUILD_ROOT, 'lib', 'cli', 'main.js');
const exampleTimes: Record<string, number | undefined> = {};
if (fs.existsSync(examplesJs) && fs.existsSync(examplesTs)) {
  const out = path.join(WORK, 'examples-out');
  exampleTimes.js = wall(process.execPath, [cli, 'synth', '--app', examplesJs, '--out', out], SOURCE_ROOT);
  exampleTimes.ts = wall(process.execPath, [cli, 'synth', '--app', examplesTs, '--out', out], SOURCE_ROOT);
  // cdk8s's CLI runs the app with ts-node, as `cdk8s init typescript-app` sets it up.
  // A project as `cdk8s init typescript-app` sets it up (`app: npx ts-node main.ts`), inside the
  // build folder so that npx finds the project's ts-node.
  const cdk8sDir = path.join(BUILD_ROOT, 'bench-cdk8s-project');
  fs.mkdirSync(cdk8sDir, { recursive: true });
  fs.writeFileSync(path.join(cdk8sDir, 'cdk8s.yaml'), `language: typescript\napp: npx ts-node ${examplesTs}\n`);
  const cdk8sBin = path.join(SOURCE_ROOT, 'node_modules', '.bin', 'cdk8s');
  exampleTimes.cdk8s = wall(cdk8sBin, ['synth'], cdk8sDir, { CDK8S_CHECK_UPGRADE: 'false' });
  fs.rmSync(cdk8sDir, { recursive: true, force: true });
  for (const [what, t] of [
    ['netfence synth --app build/examples/main.js (whole process)', exampleTimes.js],
    ['netfence synth --app examples/main.ts (ts-node transpile-only)', exampleTimes.ts],
    ['npx cdk8s synth (ts-node, as cdk8s init sets it up)', exampleTimes.cdk8s],
  ] as const) {
    record('examples', what, 'examples/main.ts', t === undefined ? { ok: false, reason: 'failed' } : { ok: true, result: { ms: t, peakMiB: NaN, info: {} } });
  }
}

// ---- report ---------------------------------------------------------------------------------
const lines: string[] = [];
lines.push('');
lines.push(`| group | case | size | wall time | peak RSS |`);
lines.push(`|---|---|---|---:|---:|`);
for (const r of rows) {
  const t = r.outcome.ok ? fmtMs(r.outcome.result.ms) : r.outcome.reason;
  const m = r.outcome.ok && Number.isFinite(r.outcome.result.peakMiB) ? `${r.outcome.result.peakMiB.toFixed(0)} MiB` : '-';
  lines.push(`| ${r.group} | ${r.what} | ${r.size} | ${t} | ${m} |`);
}

const checks: string[] = [];
const check = (ok: boolean | undefined, text: string): void => {
  checks.push(`${ok === undefined ? 'n/a ' : ok ? 'PASS' : 'FAIL'}  ${text}`);
};
const biggest = SYNTH_SIZES[SYNTH_SIZES.length - 1];
const nfBig = ms(synth.get(`netfence/${biggest}`));
const cdBig = ms(synth.get(`cdk8s/${biggest}`));
const yBig = ms(synth.get(`yaml/${biggest}`));
const nf10 = ms(synth.get('netfence/10000'));
const speedup = `synthesis ${biggest.toLocaleString('en-US')}: cdk8s / netfence = ${nfBig && cdBig ? (cdBig / nfBig).toFixed(1) : '?'}x (target >= 30x at 40,000)`;
check(nfBig && cdBig && biggest >= 40_000 ? cdBig / nfBig >= 30 : undefined, speedup);
if (nfBig && yBig) check(nfBig / yBig <= 1.5, `synthesis ${biggest.toLocaleString('en-US')}: netfence / yaml stringify = ${(nfBig / yBig).toFixed(2)} (target <= 1.5)`);
if (nfBig && nf10 && biggest > 10_000) check(nfBig / nf10 <= 5, `synthesis growth ${biggest.toLocaleString('en-US')} / 10,000 = ${(nfBig / nf10).toFixed(2)} (target <= 5)`);
for (const [n, d] of digests) {
  if (d.netfence && d.cdk8s) check(d.netfence === d.cdk8s, `synthesis ${n.toLocaleString('en-US')}: netfence files byte-identical to cdk8s (digest ${d.netfence})`);
}
crossChecks.forEach((c, i) => {
  check(c.same, `engine matrix equals the naive evaluator's at ${c.size}`);
  // The target is for sizes where the comparison means something: the largest both finish.
  const largest = i === crossChecks.length - 1 && !QUICK;
  if (c.ratio !== undefined) check(largest ? c.ratio >= 100 : undefined, `engine vs naive at ${c.size}: ${c.ratio.toFixed(0)}x faster (target >= 100x at the largest size both run)`);
});
if (bigMatrix.ok) check(bigMatrix.result.ms < 10_000 && bigMatrix.result.peakMiB < 2048, `matrix 10,000 pods: ${fmtMs(bigMatrix.result.ms)}, ${bigMatrix.result.peakMiB.toFixed(0)} MiB (target < 10 s, < 2 GB)`);
else check(false, `matrix 10,000 pods: ${bigMatrix.reason}`);
for (const c of guardChecks) check(c.same, `engine and naive agree under cluster guardrails at ${c.size}${c.ratio !== undefined ? ` (engine ${c.ratio.toFixed(0)}x faster)` : ''}`);
if (bigGuarded.ok) check(bigGuarded.result.ms < 10_000 && bigGuarded.result.peakMiB < 2048, `matrix 10,000 pods under cluster guardrails: ${fmtMs(bigGuarded.result.ms)}, ${bigGuarded.result.peakMiB.toFixed(0)} MiB (target < 10 s, < 2 GB, as without them)`);
else check(false, `matrix 10,000 pods under cluster guardrails: ${bigGuarded.reason}`);
if (summary) {
  check(summary.ok && summary.result.ms < 30_000 && summary.result.peakMiB < 4096, `summary 100,000 pods, engine: ${summary.ok ? `${fmtMs(summary.result.ms)}, ${summary.result.peakMiB.toFixed(0)} MiB` : summary.reason} (target < 30 s, < 4 GB)`);
}
if (cliSummary) {
  check(cliSummary.ok && cliSummary.result.ms < 30_000 && cliSummary.result.peakMiB < 4096, `netfence matrix --format summary, 100,000 pods from JSON: ${cliSummary.ok ? `${fmtMs(cliSummary.result.ms)}, ${cliSummary.result.peakMiB.toFixed(0)} MiB` : cliSummary.reason} (target < 30 s, < 4 GB)`);
}
if (exampleTimes.cdk8s !== undefined) {
  const { js, ts, cdk8s } = exampleTimes;
  // The target is what `npm run synth` runs: netfence synth on the compiled app. Loading the
  // TypeScript sources through ts-node is shown for comparison; its cost is ts-node's transpile.
  if (js !== undefined) check(js * 3 <= cdk8s, `examples: netfence synth (compiled, as npm run synth runs it) ${fmtMs(js)} vs npx cdk8s synth ${fmtMs(cdk8s)} = ${(js / cdk8s).toFixed(2)} (target <= 0.33)`);
  if (ts !== undefined) check(undefined, `examples: netfence synth on the .ts sources through ts-node ${fmtMs(ts)} = ${(ts / cdk8s).toFixed(2)} of npx cdk8s synth (for comparison; 1.5 s of it is ts-node transpiling)`);
}
lines.push('', 'targets:', ...checks.map((c) => `  ${c}`), '');
process.stdout.write(`${lines.join('\n')}\n`);
fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify({ quick: QUICK, rows, checks }, null, 2));
fs.rmSync(WORK, { recursive: true, force: true });
