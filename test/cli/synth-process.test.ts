/**
 * `netfence synth` as a process, in projects laid out as `cdk8s init` makes them: no side
 * effects in --check, atomic and exact output, signals, and bad apps as exit 2.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CLI, isRoot, NOBODY, permissionTest, runProcess } from './subprocess';

const REPO = path.join(__dirname, '..', '..');

/** A project folder inside the repository's build/ (so `cdk8s` resolves from node_modules). */
function project(files: Record<string, string>): string {
  fs.mkdirSync(path.join(REPO, 'build'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(REPO, 'build', 'test-project-'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

/** Every file under a folder (symlinks as `-> target`), for before/after comparisons. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      const p = path.join(dir, r);
      if (e.isSymbolicLink()) out[r] = `-> ${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) {
        out[`${r}/`] = '';
        walk(r);
      } else out[r] = fs.readFileSync(p, 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out;
}

/** The main.ts of `cdk8s init typescript-app`, with one ConfigMap named from NAME. */
const INIT_MAIN = (name: string): string => `import { Construct } from 'constructs';
import { App, Chart, ChartProps, ApiObject } from 'cdk8s';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, props);
    new ApiObject(this, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${name}' } });
  }
}

const app = new App();
new MyChart(app, 'hello');
app.synth();
`;

/** A CommonJS app: a chart per name in NAMES (comma-separated), ending in app.synth(). */
const JS_MAIN = `const { App, Chart, ApiObject } = require('cdk8s');
const app = new App(process.env.OUTDIR ? { outdir: process.env.OUTDIR } : {});
for (const name of (process.env.NAMES || 'a,b').split(',')) {
  const chart = new Chart(app, name);
  new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
}
app.synth();
`;

describe('a project made by cdk8s init: netfence synth and synth --check with no argument', () => {
  test('synth writes what cdk8s writes; --check after a code change exits 1 and leaves dist as committed', () => {
    const dir = project({ 'main.ts': INIT_MAIN('one'), 'cdk8s.yaml': 'language: typescript\napp: npx ts-node main.ts\nimports:\n  - k8s\n' });
    const first = runProcess(['synth'], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${path.join('dist', 'hello.k8s.yaml')}\n1 file written (1 chart, 1 object)\n`);
    const committed = tree(path.join(dir, 'dist'));
    expect(committed['hello.k8s.yaml']).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n');

    expect(runProcess(['synth', '--check'], { cwd: dir })).toMatchObject({ code: 0, stdout: '', stderr: 'dist is up to date (1 file checked)\n' });

    fs.writeFileSync(path.join(dir, 'main.ts'), INIT_MAIN('two'));
    const drift = runProcess(['synth', '--check'], { cwd: dir });
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('-  name: one\n+  name: two\n');
    // Loading main.ts ran its app.synth(): dist must still be what was committed.
    expect(tree(path.join(dir, 'dist'))).toEqual(committed);
  });

  test('a module that exports its App and also calls app.synth() (even with outdir: dist) writes nothing under --check', () => {
    const main = JS_MAIN.replace('app.synth();', 'app.synth();\nmodule.exports = app;');
    const dir = project({ 'main.js': main, 'cdk8s.yaml': 'app: node main.js\n' });
    expect(runProcess(['synth'], { cwd: dir, env: { NAMES: 'a' } }).code).toBe(0);
    const committed = tree(path.join(dir, 'dist'));
    const drift = runProcess(['synth', '--check'], { cwd: dir, env: { NAMES: 'b', OUTDIR: path.join(dir, 'dist') } });
    expect(drift.code).toBe(1);
    expect(tree(path.join(dir, 'dist'))).toEqual(committed);
  });

  test('a command that synthesizes itself runs with CDK8S_OUTDIR set to a private folder', () => {
    // Arguments after the module make it a command netfence runs through the shell, as cdk8s does.
    const dir = project({ 'main.js': JS_MAIN, 'cdk8s.yaml': 'app: node main.js --some-flag\noutput: out\n' });
    const r = runProcess(['synth'], { cwd: dir, env: { NAMES: 'x,y' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Object.keys(tree(path.join(dir, 'out'))).sort()).toEqual(['x.k8s.yaml', 'y.k8s.yaml']);
    const committed = tree(path.join(dir, 'out'));
    expect(runProcess(['synth', '--check'], { cwd: dir, env: { NAMES: 'x,y' } }).code).toBe(0);
    const drift = runProcess(['synth', '--check'], { cwd: dir, env: { NAMES: 'x' } });
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain(`removed ${path.join('out', 'y.k8s.yaml')}`);
    expect(tree(path.join(dir, 'out'))).toEqual(committed);
  });

  test('a command that writes into the output folder by itself during --check is an error, not a pass', () => {
    const dir = project({ 'main.js': JS_MAIN, 'cdk8s.yaml': 'app: node main.js --x\n' });
    expect(runProcess(['synth'], { cwd: dir, env: { NAMES: 'a' } }).code).toBe(0);
    const r = runProcess(['synth', '--check'], { cwd: dir, env: { NAMES: 'b', OUTDIR: path.join(dir, 'dist') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wrote no files into CDK8S_OUTDIR|changed while --check ran/);
  });

  test('the --check patch applies with git apply from the repository root, from a subfolder project', () => {
    const repo = project({ 'deploy/main.js': JS_MAIN, 'deploy/cdk8s.yaml': 'app: node main.js\n' });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const deploy = path.join(repo, 'deploy');
    expect(runProcess(['synth'], { cwd: deploy, env: { NAMES: 'a,b' } }).code).toBe(0);
    fs.writeFileSync(path.join(deploy, 'dist', 'old.k8s.yaml'), 'kind: Old\n');
    const drift = runProcess(['synth', '--check'], { cwd: deploy, env: { NAMES: 'a,c' } });
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(/^diff --git a\/deploy\/dist\//);
    fs.writeFileSync(path.join(repo, 'fix.patch'), drift.stdout);
    execFileSync('git', ['apply', 'fix.patch'], { cwd: repo });
    expect(runProcess(['synth', '--check'], { cwd: deploy, env: { NAMES: 'a,c' } })).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('atomic, exact output', () => {
  test('stale manifests of the output extension are removed; other files, folders and dot-files kept', () => {
    const dir = project({
      'main.js': JS_MAIN,
      'dist/gone.k8s.yaml': 'kind: Gone\n',
      'dist/README.md': 'hand-written\n',
      'dist/kustomization.yaml': 'resources: []\n',
      'dist/notes/.gitkeep': '',
      'dist/old/x.k8s.yaml': 'kind: X\n',
    });
    const r = runProcess(['synth', '--app', 'main.js'], { cwd: dir, env: { NAMES: 'a' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`removed ${path.join('dist', 'gone.k8s.yaml')}`);
    expect(r.stdout).toMatch(/1 file written \(1 chart, 1 object\), 2 stale manifests removed\n$/);
    expect(Object.keys(tree(path.join(dir, 'dist'))).sort()).toEqual(['README.md', 'a.k8s.yaml', 'kustomization.yaml', 'notes/', 'notes/.gitkeep']);
  });

  test('symlinks in --out are never written through', () => {
    const dir = project({ 'main.js': JS_MAIN, 'victim.txt': 'precious\n' });
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.symlinkSync(path.join(dir, 'victim.txt'), path.join(dir, 'dist', 'a.k8s.yaml'));
    fs.symlinkSync(path.join(dir, 'victim.txt'), path.join(dir, 'dist', 'link-kept.txt'));
    expect(runProcess(['synth', '--app', 'main.js'], { cwd: dir, env: { NAMES: 'a' } }).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'victim.txt'), 'utf8')).toBe('precious\n');
    expect(fs.lstatSync(path.join(dir, 'dist', 'a.k8s.yaml')).isFile()).toBe(true);
    expect(fs.readlinkSync(path.join(dir, 'dist', 'link-kept.txt'))).toBe(path.join(dir, 'victim.txt'));
  });

  test('--out that is a file, empty, or the current folder: exit 2, one line, nothing written', () => {
    const dir = project({ 'main.js': JS_MAIN, 'file.txt': 'x' });
    for (const [out, message] of [
      ['file.txt', /file\.txt: is a file, not a folder/],
      ['', /--out is empty/],
      ['.', /is the current folder or one of its parents/],
    ] as const) {
      const r = runProcess(['synth', '--app', 'main.js', '--out', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(fs.readFileSync(path.join(dir, 'file.txt'), 'utf8')).toBe('x');
  });

  permissionTest('a folder the process may not write: exit 2 naming the path, the previous output whole', () => {
    const dir = project({ 'main.js': JS_MAIN });
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'ro'), { mode: 0o755 });
    expect(runProcess(['synth', '--app', 'main.js', '--out', 'ro/dist'], { cwd: dir, env: { NAMES: 'a' } }).code).toBe(0);
    const before = tree(path.join(dir, 'ro'));
    const asUser = isRoot() ? { uid: NOBODY } : {};
    if (!isRoot()) fs.chmodSync(path.join(dir, 'ro'), 0o555);
    try {
      const r = runProcess(['synth', '--app', 'main.js', '--out', 'ro/dist'], { cwd: dir, env: { NAMES: 'b' }, ...asUser });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/netfence: .*ro: cannot create folder: permission denied \(EACCES\)\n$/);
    } finally {
      fs.chmodSync(path.join(dir, 'ro'), 0o755);
    }
    expect(tree(path.join(dir, 'ro'))).toEqual(before);
  });

  permissionTest('--check on a folder it may not read: exit 2 naming the path, not drift', () => {
    const dir = project({ 'main.js': JS_MAIN });
    fs.chmodSync(dir, 0o755);
    expect(runProcess(['synth', '--app', 'main.js'], { cwd: dir, env: { NAMES: 'a' } }).code).toBe(0);
    const asUser = isRoot() ? { uid: NOBODY } : {};
    fs.chmodSync(path.join(dir, 'dist'), isRoot() ? 0o700 : 0o000);
    try {
      const r = runProcess(['synth', '--app', 'main.js', '--check'], { cwd: dir, env: { NAMES: 'a' }, ...asUser });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/dist: cannot read folder: permission denied \(EACCES\)\n$/);
    } finally {
      fs.chmodSync(path.join(dir, 'dist'), 0o755);
    }
  });

  describe('signals mid-synth leave the previous output whole (3,000 charts)', () => {
    const BIG = `const { App, Chart, ApiObject } = require('cdk8s');
const app = new App();
for (let i = 0; i < 3000; i++) {
  const chart = new Chart(app, 'c' + i);
  new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: process.env.NAME + '-' + i }, data: { text: 'x'.repeat(2000) } });
}
module.exports = app;
`;

    function waitForStaging(parent: string, child: ChildProcess): Promise<boolean> {
      return new Promise((resolve) => {
        const timer = setInterval(() => {
          if (child.exitCode !== null) {
            clearInterval(timer);
            resolve(false);
          } else if (fs.readdirSync(parent).some((n) => n.startsWith('.dist.netfence-'))) {
            clearInterval(timer);
            resolve(true);
          }
        }, 2);
      });
    }

    test.each(['SIGINT', 'SIGTERM'] as const)('%s', async (signal) => {
      const dir = project({ 'main.js': BIG });
      expect(runProcess(['synth', '--app', 'main.js'], { cwd: dir, env: { NAME: 'old' } }).code).toBe(0);
      const before = tree(path.join(dir, 'dist'));
      expect(Object.keys(before)).toHaveLength(3000);
      const child = spawn(process.execPath, [CLI, 'synth', '--app', 'main.js'], { cwd: dir, env: { ...process.env, NAME: 'new' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      const staged = await waitForStaging(dir, child);
      child.kill(signal);
      const code = await exited;
      expect(staged).toBe(true);
      expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(stderr).toBe(`netfence: interrupted by ${signal}; dist is as it was\n`);
      expect(tree(path.join(dir, 'dist'))).toEqual(before);
      expect(fs.readdirSync(dir).filter((n) => n.startsWith('.dist.'))).toEqual([]);
    });
  });
});

describe('apps that fail are bad input (exit 2, one line), never a stack or a silent success', () => {
  function synth(main: string): { code: number | null; stderr: string; dir: string } {
    const dir = project({ 'main.js': main });
    const r = runProcess(['synth', '--app', 'main.js'], { cwd: dir, timeout: 30000 });
    return { code: r.code, stderr: r.stderr, dir };
  }

  test('a factory that throws', () => {
    const r = synth("module.exports = () => { throw new Error('no cluster config'); };\n");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^netfence: the app failed while running the function main\.js exports: no cluster config \(at .*main\.js:1:\d+\)\n$/);
  });

  test('a Lazy value that throws', () => {
    const r = synth(`const { App, Chart, ApiObject, Lazy } = require('cdk8s');
const app = new App();
new ApiObject(new Chart(app, 'c'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: Lazy.any({ produce: () => { throw new Error('lazy failed'); } }) } });
module.exports = app;
`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^netfence: the app failed while synthesizing: Failed serializing construct at path 'c\/cm' .*lazy failed/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(r.dir, 'dist'))).toBe(false);
  });

  test('a dependency cycle', () => {
    const r = synth(`const { App, Chart } = require('cdk8s');
const app = new App();
const a = new Chart(app, 'a');
const b = new Chart(app, 'b');
a.addDependency(b);
b.addDependency(a);
module.exports = app;
`);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cycle/i);
  });

  test('a promise that never settles', () => {
    const r = synth('module.exports = () => new Promise(() => {});\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/never settled/);
    expect(fs.existsSync(path.join(r.dir, 'dist'))).toBe(false);
  });

});
