import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { checkDrift, formatDrift, runDriftCheck } from '../../lib/ci/drift';
import { synthesizeToMemory } from '../../lib/synth/synthesize';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-drift-'));
}

function write(dir: string, files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

describe('checkDrift', () => {
  const expected = new Map([
    ['shop.k8s.yaml', 'kind: A\nname: shop\n'],
    ['sub/db.k8s.yaml', 'kind: B\n'],
  ]);

  it('reports nothing when the folder holds exactly the synthesized files (other files ignored)', () => {
    const dir = tmp();
    write(dir, { 'shop.k8s.yaml': 'kind: A\nname: shop\n', 'sub/db.k8s.yaml': 'kind: B\n', 'README.md': 'x', 'kustomization.yaml': 'y' });
    const report = checkDrift(expected, dir);
    expect(report.files).toEqual([]);
    expect(formatDrift(report)).toBe(`${dir} is up to date (2 files checked)\n`);
  });

  it('reports changed, added and removed files with unified diffs, sorted by name, and writes nothing', () => {
    const dir = tmp();
    write(dir, { 'shop.k8s.yaml': 'kind: A\nname: old\n', 'gone.k8s.yaml': 'kind: C\n', 'notes.yaml': 'unowned\n', '.hidden/x.k8s.yaml': 'z\n' });
    const before = snapshot(dir);
    const report = checkDrift(expected, dir);
    expect(report.files.map((f) => [f.file, f.status])).toEqual([
      ['gone.k8s.yaml', 'removed'],
      ['shop.k8s.yaml', 'changed'],
      ['sub/db.k8s.yaml', 'added'],
    ]);
    expect(report.files[0].diff).toBe('diff --git a/gone.k8s.yaml b/gone.k8s.yaml\ndeleted file mode 100644\n--- a/gone.k8s.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-kind: C\n');
    expect(report.files[1].diff).toBe('diff --git a/shop.k8s.yaml b/shop.k8s.yaml\n--- a/shop.k8s.yaml\n+++ b/shop.k8s.yaml\n@@ -1,2 +1,2 @@\n kind: A\n-name: old\n+name: shop\n');
    expect(report.files[2].diff).toBe('diff --git a/sub/db.k8s.yaml b/sub/db.k8s.yaml\nnew file mode 100644\n--- /dev/null\n+++ b/sub/db.k8s.yaml\n@@ -0,0 +1 @@\n+kind: B\n');
    const text = formatDrift(report);
    expect(text).toContain(`changed ${path.join(dir, 'shop.k8s.yaml')}`);
    expect(text).toMatch(/drift: 3 files in .* differ from what the code synthesizes; run the same `netfence synth` without --check/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a missing folder means every file is added, and is not created', () => {
    const dir = path.join(tmp(), 'nope');
    expect(checkDrift(expected, dir).files.map((f) => f.status)).toEqual(['added', 'added']);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('a custom owned pattern decides which extra files count', () => {
    const dir = tmp();
    write(dir, { 'shop.k8s.yaml': 'kind: A\nname: shop\n', 'sub/db.k8s.yaml': 'kind: B\n', 'extra.yaml': 'x\n' });
    expect(checkDrift(expected, dir).files).toEqual([]);
    expect(checkDrift(expected, dir, { owned: /\.yaml$/ }).files.map((f) => f.file)).toEqual(['extra.yaml']);
  });
});

describe('runDriftCheck', () => {
  function app(name: string): App {
    const a = new App();
    const chart = new Chart(a, 'shop', { namespace: 'shop' });
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
    return a;
  }

  it('exit 0 on a folder synthesized from the same app; exit 1 with a diff after a change', () => {
    const dir = tmp();
    for (const [f, text] of synthesizeToMemory(app('one'))) write(dir, { [f]: text });
    let out = '';
    expect(runDriftCheck(app('one'), dir, (t) => (out += t))).toBe(0);
    expect(out).toContain('is up to date (1 file checked)');
    out = '';
    expect(runDriftCheck(app('two'), dir, (t) => (out += t))).toBe(1);
    expect(out).toContain('--- a/shop.k8s.yaml\n+++ b/shop.k8s.yaml\n');
    expect(out).toContain('-  name: one\n+  name: two\n');
  });
});
