/**
 * YAML input at JSON speed (`npm run bench:yaml`, also part of `npm run bench`):
 * `netfence matrix --format summary` on one generated cluster written as YAML files and as JSON
 * Lists (`kubectl get -o yaml` / `-o json`), side by side in one run, each in its own process.
 * The target (issue 13): YAML within 2.5x of JSON at 20,000 and 100,000 pods, the same output.
 * `--quick`: 20,000 pods only. Figures go to docs/performance.md.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CaseResult } from './measure';

const QUICK = process.argv.includes('--quick');
const CASES_JS = path.join(__dirname, 'cases.js');
const SIZES: readonly (readonly [number, number, number])[] = QUICK
  ? [[2_000, 20_000, 4_000]]
  : [[2_000, 20_000, 4_000], [10_000, 100_000, 50_000]];

function run(args: (string | number)[], timeoutSec: number): CaseResult | string {
  spawnSync('sync');
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', CASES_JS, ...args.map(String)], {
    encoding: 'utf8',
    timeout: timeoutSec * 1000,
    maxBuffer: 1 << 26,
  });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (line) return JSON.parse(line.slice(7)) as CaseResult;
  return r.signal === 'SIGTERM' ? `> ${timeoutSec} s (stopped)` : `failed: ${(r.stderr || String(r.error)).trim().split('\n').slice(0, 3).join(' / ')}`;
}

function fmt(r: CaseResult | string): string {
  return typeof r === 'string' ? r : `${(r.ms / 1000).toFixed(2)} s, ${r.peakMiB.toFixed(0)} MiB`;
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-bench-yaml-'));
  process.stderr.write(`yaml input${QUICK ? ' (quick)' : ''}: ${os.cpus().length} CPUs, node ${process.version}\n`);
  const lines = ['', '| input | size | JSON Lists | YAML files | YAML / JSON | same output |', '|---|---|---:|---:|---:|---|'];
  const checks: string[] = [];
  try {
    for (const [ns, pods, policies] of SIZES) {
      const size = `${pods.toLocaleString('en-US')} pods, ${ns.toLocaleString('en-US')} ns, ${policies.toLocaleString('en-US')} policies`;
      const dirs = { json: path.join(work, `c${pods}-json`), yaml: path.join(work, `c${pods}-yaml`) };
      for (const format of ['json', 'yaml'] as const) run(['write-cluster', ns, pods, policies, dirs[format], format], 900);
      const json = run(['cli-matrix-summary', dirs.json], 300);
      const yaml = run(['cli-matrix-summary', dirs.yaml], 300);
      const both = typeof json !== 'string' && typeof yaml !== 'string';
      const ratio = both ? yaml.ms / json.ms : undefined;
      const same = both && json.info.exit === yaml.info.exit && json.info.outputBytes === yaml.info.outputBytes;
      lines.push(`| \`netfence matrix --format summary\` | ${size} | ${fmt(json)} | ${fmt(yaml)} | ${ratio === undefined ? '-' : `${ratio.toFixed(2)}x`} | ${both ? (same ? 'yes' : 'NO') : '-'} |`);
      process.stderr.write(`  ${size}: JSON ${fmt(json)}; YAML ${fmt(yaml)}${ratio === undefined ? '' : `; ${ratio.toFixed(2)}x`}\n`);
      const tag = (ok: boolean | undefined): string => (ok === undefined ? 'n/a ' : ok ? 'PASS' : 'FAIL');
      checks.push(`${tag(ratio === undefined ? undefined : ratio <= 2.5)}  ${size}: YAML / JSON = ${ratio === undefined ? '?' : ratio.toFixed(2)} (target <= 2.5)`);
      checks.push(`${tag(both ? same : undefined)}  ${size}: the same summary from YAML and from JSON`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  lines.push('', 'targets:', ...checks.map((c) => `  ${c}`), '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
