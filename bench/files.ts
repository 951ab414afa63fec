/**
 * Files and processes at scale (`npm run bench:files`, also the last part of `npm run bench`):
 * loading a 1,000,000-object `kind: List`, `synth --check` on a 100,000-line file with thousands
 * of changed lines, and a 3,000-chart synth interrupted by SIGINT. Each case runs in its own
 * process, so its peak memory is its own. Figures go to docs/performance.md.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDrift } from '../lib/ci/drift';
import { loadManifests } from '../lib/io/manifests';
import { digestTree, peakMiB, timed } from './measure';

const BUILD_ROOT = path.join(__dirname, '..');
const CLI = path.join(BUILD_ROOT, 'lib', 'cli', 'main.js');

interface Figures {
  readonly [key: string]: string | number | boolean;
}

/** A realistic small Pod, as `kubectl get pods -A -o json` lists them (trimmed of status). */
function pod(i: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, namespace: `ns-${i % 1000}`, labels: { app: `app-${i % 50}`, tier: i % 2 === 0 ? 'web' : 'db' } },
    spec: { containers: [{ name: 'main', image: 'registry.example/app:1.0', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
  };
}

const CASES: Record<string, (args: string[]) => Promise<Figures> | Figures> = {
  /** Loads a JSON `kind: List` of N pods from a file: time, peak RSS, bytes of input. */
  'load-list': ([n, dir]) => {
    const file = path.join(dir, `list-${n}.json`);
    if (!fs.existsSync(file)) {
      // Written piece by piece: the generator must not be what runs out of memory.
      const fd = fs.openSync(file, 'w');
      fs.writeSync(fd, '{"apiVersion":"v1","kind":"List","items":[\n');
      for (let i = 0; i < Number(n); i++) fs.writeSync(fd, `${i === 0 ? '' : ',\n'}${JSON.stringify(pod(i))}`);
      fs.writeSync(fd, '\n]}\n');
      fs.closeSync(fd);
    }
    const bytes = fs.statSync(file).size;
    const baseline = peakMiB();
    const { value, ms } = timed(() => loadManifests([file]));
    return { objects: value.length, inputMiB: +(bytes / 2 ** 20).toFixed(1), ms: Math.round(ms), peakMiB: Math.round(peakMiB()), baselineMiB: Math.round(baseline) };
  },
  /** checkDrift of a folder holding one file of L lines against a version with C changed lines. */
  'check-large': ([lines, changes, dir]) => {
    const total = Number(lines);
    const step = Math.max(1, Math.floor(total / Number(changes)));
    const committed: string[] = [];
    const synthesized: string[] = [];
    for (let i = 0; i < total; i++) {
      const line = i % 4 === 0 ? `- apiVersion: v1 # ${i}` : `    key-${i}: value-${i % 97}`;
      committed.push(line);
      synthesized.push(i % step === 3 % step ? `${line} (changed)` : line);
    }
    const folder = fs.mkdtempSync(path.join(dir, 'check-'));
    fs.writeFileSync(path.join(folder, 'big.k8s.yaml'), `${committed.join('\n')}\n`);
    const expected = new Map([['big.k8s.yaml', `${synthesized.join('\n')}\n`]]);
    const { value, ms } = timed(() => checkDrift(expected, folder));
    const patch = value.files[0]?.diff ?? '';
    return { lines: total, changedLines: synthesized.filter((l, i) => l !== committed[i]).length, patchLines: patch.split('\n').length, ms: Math.round(ms), peakMiB: Math.round(peakMiB()) };
  },
  /** A 3,000-chart synth interrupted by SIGINT while it writes: is the old folder whole? */
  'interrupted-synth': async ([charts, dir]) => {
    const project = fs.mkdtempSync(path.join(BUILD_ROOT, 'bench-interrupt-'));
    try {
      fs.writeFileSync(
        path.join(project, 'main.js'),
        `const { App, Chart, ApiObject } = require('cdk8s');
const app = new App();
for (let i = 0; i < ${Number(charts)}; i++) {
  const chart = new Chart(app, 'c' + i);
  new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: process.env.NAME + '-' + i }, data: { text: 'x'.repeat(2000) } });
}
module.exports = app;
`,
      );
      const start = Date.now();
      const full = spawnSync(process.execPath, [CLI, 'synth', '--app', 'main.js'], { cwd: project, env: { ...process.env, NAME: 'old' } });
      const fullMs = Date.now() - start;
      if (full.status !== 0) throw new Error(`synth failed: ${full.stderr}`);
      const before = digestTree(path.join(project, 'dist'));
      const child: ChildProcess = spawn(process.execPath, [CLI, 'synth', '--app', 'main.js'], { cwd: project, env: { ...process.env, NAME: 'new' }, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      while (child.exitCode === null && !fs.readdirSync(project).some((n) => n.startsWith('.dist.netfence-'))) await new Promise((r) => setTimeout(r, 1));
      const signalled = Date.now();
      child.kill('SIGINT');
      const code = await exited;
      const stopMs = Date.now() - signalled;
      const after = digestTree(path.join(project, 'dist'));
      const leftovers = fs.readdirSync(project).filter((n) => n.startsWith('.dist.')).length;
      return { charts: Number(charts), fullSynthMs: fullMs, exitCode: code ?? -1, signalToExitMs: stopMs, distUnchanged: before === after, leftoverFolders: leftovers, peakMiB: Math.round(peakMiB()) };
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
      void dir;
    }
  },
};

function runCase(name: string, args: string[]): Figures | string {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', __filename, 'case', name, ...args], { encoding: 'utf8', timeout: 900_000, maxBuffer: 1 << 26 });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  return line ? (JSON.parse(line.slice(7)) as Figures) : `failed: ${(r.stderr || String(r.error)).trim().split('\n').slice(0, 3).join(' / ')}`;
}

async function main(): Promise<void> {
  const [mode, name, ...args] = process.argv.slice(2);
  if (mode === 'case') {
    const figures = await CASES[name](args);
    process.stdout.write(`\nRESULT ${JSON.stringify(figures)}\n`);
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-bench-files-'));
  try {
    const rows: [string, Figures | string][] = [];
    const show = (what: string, r: Figures | string): void => {
      rows.push([what, r]);
      process.stderr.write(`  ${what}: ${typeof r === 'string' ? r : JSON.stringify(r)}\n`);
    };
    process.stderr.write('files\n');
    for (const n of ['100000', '1000000']) show(`load a kind: List of ${Number(n).toLocaleString('en-US')} pods (JSON)`, runCase('load-list', [n, work]));
    show('synth --check: 100,000-line file, 5,000 changed lines', runCase('check-large', ['100000', '5000', work]));
    show('synth --check: 100,000-line file, 50,000 changed lines', runCase('check-large', ['100000', '50000', work]));
    show('synth of 3,000 charts, SIGINT while writing', runCase('interrupted-synth', ['3000', work]));
    process.stdout.write(`\n| case | figures |\n|---|---|\n${rows.map(([w, r]) => `| ${w} | ${typeof r === 'string' ? r : Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ')} |`).join('\n')}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
