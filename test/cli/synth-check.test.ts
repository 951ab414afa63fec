import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from './run-cli';

const APP = path.join(__dirname, '..', 'ci', 'fixtures', 'drift-app.js');

describe('netfence synth --check', () => {
  afterEach(() => {
    delete process.env.NETFENCE_DRIFT_NAME;
  });

  it('exit 0 right after synth, exit 1 with a unified diff after the code changes, nothing written', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-synth-check-')), 'dist');
    expect((await run(['synth', '--app', APP, '--out', dir])).code).toBe(0);
    const committed = fs.readFileSync(path.join(dir, 'shop.k8s.yaml'), 'utf8');

    const same = await run(['synth', '--app', APP, '--out', dir, '--check']);
    expect(same).toEqual({ code: 0, stdout: '', stderr: `${dir} is up to date (1 file checked)\n` });

    process.env.NETFENCE_DRIFT_NAME = 'two';
    fs.writeFileSync(path.join(dir, 'stale.k8s.yaml'), 'kind: Old\n');
    const drift = await run(['synth', '--app', APP, '--out', dir, '--check']);
    expect(drift.code).toBe(1);
    // The patch alone on standard output, paths from where it applies; the status on standard error.
    const prefix = path.relative(process.cwd(), dir).split(path.sep).join('/');
    expect(drift.stdout).toContain(`--- a/${prefix}/shop.k8s.yaml\n+++ b/${prefix}/shop.k8s.yaml\n@@ `);
    expect(drift.stdout).toContain('-  name: one\n+  name: two\n');
    expect(drift.stdout).toContain(`--- a/${prefix}/stale.k8s.yaml\n+++ /dev/null\n`);
    expect(drift.stdout).not.toContain('drift:');
    expect(drift.stderr).toContain(`changed ${path.join(dir, 'shop.k8s.yaml')}`);
    expect(drift.stderr).toContain(`removed ${path.join(dir, 'stale.k8s.yaml')}`);
    expect(drift.stderr).toContain('drift: 2 files in');
    // Check mode writes nothing.
    expect(fs.readFileSync(path.join(dir, 'shop.k8s.yaml'), 'utf8')).toBe(committed);
    expect(fs.readdirSync(dir).sort()).toEqual(['shop.k8s.yaml', 'stale.k8s.yaml']);
  });

  it('a folder that does not exist: every file is missing, exit 1, the folder is not created', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-synth-check-')), 'dist');
    const r = await run(['synth', '--app', APP, '--out', dir, '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/--- \/dev\/null\n\+\+\+ b\/.*\/shop\.k8s\.yaml\n@@ -0,0 \+1,/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('an app module that does not exist is bad input (exit 2)', async () => {
    const r = await run(['synth', '--app', path.join(os.tmpdir(), 'no-such-app.js'), '--check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot find the app module');
  });
});
