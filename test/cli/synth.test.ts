import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { YamlOutputType } from 'cdk8s';
import { run } from './run-cli';
import { loadApp } from '../../lib/synth/load-app';
import { intentsApp } from '../synth/apps';

const FIXTURES = path.join(__dirname, '..', 'synth', 'fixtures');

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-cli-synth-'));
}

describe('netfence synth', () => {
  test('a .ts module whose default export builds the app: same files as App.synth(), listed', async () => {
    const out = tmpdir();
    const { code, stdout } = await run(['synth', '--app', path.join(FIXTURES, 'default-function.ts'), '--out', out]);
    expect(code).toBe(0);
    const expectedDir = tmpdir();
    intentsApp({ outdir: expectedDir, yamlOutputType: YamlOutputType.FILE_PER_CHART }).synth();
    const expected = fs.readdirSync(expectedDir).sort();
    expect(fs.readdirSync(out).sort()).toEqual(expected);
    for (const f of expected) {
      expect(fs.readFileSync(path.join(out, f), 'utf8')).toBe(fs.readFileSync(path.join(expectedDir, f), 'utf8'));
      expect(stdout).toContain(path.join(out, f));
    }
    expect(stdout).toMatch(/3 files written \(3 charts, \d+ objects\)\n$/);
  });

  test('an async `app` export', async () => {
    const out = tmpdir();
    const { code, stdout } = await run(['synth', '--app', path.join(FIXTURES, 'async-app.ts'), '--out', out]);
    expect(code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['mixed.k8s.yaml', 'other.k8s.yaml']);
    expect(stdout).toContain('2 files written (2 charts, ');
  });

  test('a CommonJS module exporting an App instance; --out defaults to dist', async () => {
    const cwd = process.cwd();
    const dir = tmpdir();
    process.chdir(dir);
    try {
      const { code, stdout: out } = await run(['synth', '--app', path.join(FIXTURES, 'app-instance.js')]);
      expect(code).toBe(0);
      expect(out).toBe(`${path.join('dist', 'plain.k8s.yaml')}\n1 file written (1 chart, 1 object)\n`);
      expect(fs.readFileSync(path.join(dir, 'dist', 'plain.k8s.yaml'), 'utf8')).toContain('kind: ConfigMap');
    } finally {
      process.chdir(cwd);
    }
  });

  test('validation problems: exit 2, the cdk8s message, nothing written', async () => {
    const out = path.join(tmpdir(), 'out');
    const { code, stderr: err } = await run(['synth', '--app', path.join(FIXTURES, 'invalid-app.js'), '--out', out]);
    expect(code).toBe(2);
    expect(err).toBe('netfence: Validation failed with the following errors:\n  [bad/thing] it is broken\n');
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    ['no-export.js', /exports no App and synthesizes none: export it as `default` or `app`/],
    ['not-an-app.js', /did not return a cdk8s App/],
    ['throws.js', /cannot load .*throws\.js: boom at load/],
    ['missing.js', /cannot find the app module .*missing\.js/],
    ['duplicate-intent.js', /^netfence: shop: there is already an intent 'allow-frontend-to-web' here; give this one another name with \.to\(target, \{ name: '\.\.\.' \}\)\n$/],
  ])('bad module %s: exit 2 with a clear message', async (file, message) => {
    const { code, stderr: err } = await run(['synth', '--app', path.join(FIXTURES, file), '--out', tmpdir()]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  test('without --app and without cdk8s.yaml: exit 2 saying what to pass', async () => {
    const dir = tmpdir();
    const { code, stderr: err } = await run(['synth'], dir);
    expect(code).toBe(2);
    expect(err).toBe(`netfence: no --app and no cdk8s.yaml in ${fs.realpathSync(dir)}; run it in a cdk8s project, or pass --app <module>\n`);
  });

  test('--print-out prints the folder synth writes (--out, else output: of cdk8s.yaml, else dist) without running the app', async () => {
    const dir = tmpdir();
    expect(await run(['synth', '--print-out'], dir)).toMatchObject({ code: 0, stdout: 'dist\n', stderr: '' });
    // The app is never run: a module that throws at load does not matter.
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `app: node ${path.join(FIXTURES, 'throws.js')}\noutput: manifests/prod\n`);
    expect(await run(['synth', '--print-out'], dir)).toMatchObject({ code: 0, stdout: 'manifests/prod\n', stderr: '' });
    expect(await run(['synth', '--print-out', '--out', 'elsewhere'], dir)).toMatchObject({ code: 0, stdout: 'elsewhere\n' });
    expect(await run(['synth', '--print-out', '--check'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--print-out and --check do not go together') });
    expect(await run(['synth', '--print-out', '--out', 'a\nb'], dir)).toMatchObject({ code: 2, stdout: '', stderr: 'netfence: the output folder a\\nb contains a control character; rename it\n' });
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'output: [not, a, folder]\n');
    expect(await run(['synth', '--print-out'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('output: must be a folder') });
  });

  test('a .ts app without ts-node says to compile first', async () => {
    const saved = require.extensions['.ts'];
    delete require.extensions['.ts'];
    try {
      await expect(loadApp(path.join(FIXTURES, 'default-function.ts'), () => undefined)).rejects.toThrow(
        /is TypeScript and ts-node is not installed; compile it first \(tsc\) and pass the \.js file/,
      );
    } finally {
      if (saved) require.extensions['.ts'] = saved;
    }
  });
});
