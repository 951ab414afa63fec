/**
 * `netfence init` in projects laid out as `cdk8s init typescript-app` makes them, and in the
 * variants users have: other jest configurations, edited examples, projen, subfolders, projects
 * that are not cdk8s TypeScript projects. In process, on temporary folders; the run with netfence
 * installed from `npm pack` is test/package/from-cdk8s-init.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TEMPLATE_FILES } from '../../lib/init';
import { run } from '../cli/run-cli';
import { TEMPLATE, writeTemplate } from '../package/cdk8s-init-project';

const REPO = path.join(__dirname, '..', '..');
const template = (key: keyof typeof TEMPLATE_FILES): string => fs.readFileSync(path.join(REPO, TEMPLATE_FILES[key]), 'utf8');
const ENTRY = "'<rootDir>/netfence.setup.ts'";

/** A cdk8s init project (template files only) with netfence in its dependencies. */
function project(name = 'hello'): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-init-')), name);
  writeTemplate(dir);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  pkg.dependencies.netfence = '^0.1.0';
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return dir;
}

/** Every file of the project and its text. */
function tree(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) Object.assign(out, tree(dir, r));
    else if (e.isSymbolicLink()) out[r] = `-> ${fs.readlinkSync(path.join(dir, r))}`;
    else out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
  }
  return out;
}

/** The configuration a CommonJS jest config file exports, loaded fresh. */
function loadConfig(file: string): { setupFilesAfterEnv?: string[] } {
  delete require.cache[require.resolve(file)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as { setupFilesAfterEnv?: string[] };
}

describe('netfence init in a cdk8s init typescript-app project', () => {
  test('writes the example, its test, the jest setup and the workflow, wires main.ts, edits jest.config.js; exit 0', async () => {
    const dir = project();
    const before = tree(dir);
    const r = await run(['init'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `netfence init in ${dir}`,
        '',
        '  created  policies.ts                     an example chart: default deny, DNS, frontend -> web on 8080',
        '  created  policies.test.ts                what the example must mean, with toAllow / toDeny',
        '  created  netfence.setup.ts               registers toAllow / toDeny with jest',
        '  updated  jest.config.js                  setupFilesAfterEnv: <rootDir>/netfence.setup.ts',
        "  updated  main.ts                         adds new PolicyChart(app, 'network-policies'), so synth writes the example",
        '  created  .github/workflows/netfence.yml  CI: tests, drift, lint to code scanning, what a pull request opens and closes',
        '',
        'Next:',
        '  npm test                 # the example test proves frontend reaches web on 8080, and nothing else',
        '  npx netfence synth       # writes dist/network-policies.k8s.yaml',
        '  git add -A && git commit # the workflow reviews your next pull request',
        '',
      ].join('\n'),
    );
    const after = tree(dir);
    // The files netfence writes whole are its templates, byte for byte: one source of truth.
    expect(after['policies.ts']).toBe(template('chart'));
    expect(after['policies.test.ts']).toBe(template('test'));
    expect(after['netfence.setup.ts']).toBe(template('setup'));
    expect(after['.github/workflows/netfence.yml']).toBe(template('workflow'));
    expect(after['main.ts']).toBe(
      before['main.ts']
        .replace("import { App, Chart, ChartProps } from 'cdk8s';\n", "import { App, Chart, ChartProps } from 'cdk8s';\nimport { PolicyChart } from './policies';\n")
        .replace("new MyChart(app, 'hello');\n", "new MyChart(app, 'hello');\nnew PolicyChart(app, 'network-policies');\n"),
    );
    expect(loadConfig(path.join(dir, 'jest.config.js')).setupFilesAfterEnv).toEqual(['<rootDir>/netfence.setup.ts']);
    // Nothing else changed.
    const untouched = Object.keys(before).filter((f) => f !== 'main.ts' && f !== 'jest.config.js');
    for (const f of untouched) expect([f, after[f]]).toEqual([f, before[f]]);
  });

  test('running it again changes nothing and says so; exit 0', async () => {
    const dir = project();
    expect((await run(['init'], dir)).code).toBe(0);
    const once = tree(dir);
    const again = await run(['init'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/ {2}unchanged {2}policies\.ts /);
    expect(again.stdout).toMatch(/ {2}unchanged {2}main\.ts /);
    expect(again.stdout).toContain('Nothing to do: the project is set up for netfence.\n');
    expect(tree(dir)).toEqual(once);
  });

  test('--dry-run says what it would do and writes nothing', async () => {
    const dir = project();
    const before = tree(dir);
    const r = await run(['init', '--dry-run'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`netfence init in ${dir} (dry run: nothing written)`);
    expect(r.stdout).toMatch(/ {2}would create {2}policies\.ts /);
    expect(r.stdout).toMatch(/ {2}would update {2}jest\.config\.js /);
    expect(tree(dir)).toEqual(before);
  });

  test("a user's files are never overwritten without --force, and init says what it kept", async () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'policies.ts'), 'export const mine = 1;\n');
    fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.github', 'workflows', 'netfence.yml'), 'name: mine\n');
    const before = tree(dir);
    const r = await run(['init'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ {2}kept {5}policies\.ts {21}exists and differs from netfence's; kept \(--force replaces it\)\n/);
    // The example's test is about the example: not written beside the user's own policies.ts,
    // and main.ts is not wired to a PolicyChart the user's file does not have.
    expect(r.stdout).toMatch(/ {2}skipped {2}policies\.test\.ts {16}not written: policies\.ts is yours/);
    expect(r.stdout).not.toContain('main.ts');
    expect(r.stdout).toMatch(/ {2}kept {5}\.github\/workflows\/netfence\.yml {2}exists and differs/);
    const after = tree(dir);
    expect(after['policies.ts']).toBe(before['policies.ts']);
    expect(after['main.ts']).toBe(before['main.ts']);
    expect(after['policies.test.ts']).toBeUndefined();
    expect(after['.github/workflows/netfence.yml']).toBe('name: mine\n');
    expect(after['netfence.setup.ts']).toBe(template('setup'));

    const forced = await run(['init', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/ {2}replaced +policies\.ts /);
    expect(forced.stdout).toMatch(/ {2}created +policies\.test\.ts /);
    expect(forced.stdout).toMatch(/ {2}updated +main\.ts /);
    expect(forced.stdout).toMatch(/ {2}replaced +\.github\/workflows\/netfence\.yml /);
    expect(fs.readFileSync(path.join(dir, 'policies.ts'), 'utf8')).toBe(template('chart'));
  });

  test('--force replaces a symlink, never the file it points to', async () => {
    const dir = project();
    const outside = path.join(path.dirname(dir), 'outside.ts');
    fs.writeFileSync(outside, 'export const outside = 1;\n');
    fs.symlinkSync(outside, path.join(dir, 'policies.ts'));
    expect((await run(['init', '--force'], dir)).code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'policies.ts')).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(outside, 'utf8')).toBe('export const outside = 1;\n');
  });

  test('netfence missing from package.json is a step left to do: exit 1, everything else done', async () => {
    const dir = project();
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    delete pkg.dependencies.netfence;
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
    const r = await run(['init'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ {2}to do {4}package\.json {20}netfence is not a dependency of the project: npm install netfence\n/);
    expect(r.stdout).toContain('1 step left to do by hand ("to do" above); then run netfence init again to check.\n');
    expect(fs.existsSync(path.join(dir, 'policies.ts'))).toBe(true);
  });

  test('in a subfolder of a git repository: the workflow is left to do (GitHub reads only the root)', async () => {
    const dir = project('deploy');
    fs.mkdirSync(path.join(path.dirname(dir), '.git'));
    const r = await run(['init'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/to do {4}\.github\/workflows\/netfence\.yml {2}the project is in deploy of its git repository/);
    expect(fs.existsSync(path.join(dir, '.github'))).toBe(false);
  });
});

describe('netfence init: jest configurations', () => {
  /** A project whose jest configuration is `files` instead of the template's jest.config.js. */
  function withJest(files: Record<string, string>, pkg: Record<string, unknown> = {}): string {
    const dir = project();
    fs.rmSync(path.join(dir, 'jest.config.js'));
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ ...manifest, ...pkg }, null, 2)}\n`);
    return dir;
  }

  test('jest.config.ts with a typed variable exported by default', async () => {
    const dir = withJest({
      'jest.config.ts': "import type { Config } from 'jest';\n\nconst config: Config = {\n  preset: 'ts-jest',\n  testEnvironment: 'node',\n};\n\nexport default config;\n",
    });
    expect((await run(['init'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'jest.config.ts'), 'utf8')).toBe(
      `import type { Config } from 'jest';\n\nconst config: Config = {\n  setupFilesAfterEnv: [${ENTRY}],\n  preset: 'ts-jest',\n  testEnvironment: 'node',\n};\n\nexport default config;\n`,
    );
  });

  test('jest.config.mjs exporting an object literal', async () => {
    const dir = withJest({ 'jest.config.mjs': "export default {\n\tpreset: 'ts-jest',\n};\n" });
    expect((await run(['init'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'jest.config.mjs'), 'utf8')).toBe(`export default {\n\tsetupFilesAfterEnv: [${ENTRY}],\n\tpreset: 'ts-jest',\n};\n`);
  });

  test('an existing setupFilesAfterEnv list gets the entry first; the user entries stay', async () => {
    const dir = withJest({ 'jest.config.cjs': "module.exports = { preset: 'ts-jest', setupFilesAfterEnv: ['./mine.ts'] };\n" });
    expect((await run(['init'], dir)).code).toBe(0);
    expect(loadConfig(path.join(dir, 'jest.config.cjs')).setupFilesAfterEnv).toEqual(['<rootDir>/netfence.setup.ts', './mine.ts']);
  });

  test('an empty one-line object', async () => {
    const dir = withJest({ 'jest.config.js': 'module.exports = {};\n' });
    expect((await run(['init'], dir)).code).toBe(0);
    expect(loadConfig(path.join(dir, 'jest.config.js')).setupFilesAfterEnv).toEqual(['<rootDir>/netfence.setup.ts']);
  });

  test('jest.config.json and the jest key of package.json keep their layout', async () => {
    const json = withJest({ 'jest.config.json': '{\n    "preset": "ts-jest"\n}\n' });
    expect((await run(['init'], json)).code).toBe(0);
    expect(fs.readFileSync(path.join(json, 'jest.config.json'), 'utf8')).toBe('{\n    "preset": "ts-jest",\n    "setupFilesAfterEnv": [\n        "<rootDir>/netfence.setup.ts"\n    ]\n}\n');

    const key = withJest({}, { jest: { preset: 'ts-jest' } });
    const before = JSON.parse(fs.readFileSync(path.join(key, 'package.json'), 'utf8')) as Record<string, unknown>;
    const r = await run(['init'], key);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ {2}updated {2}package\.json {20}jest\.setupFilesAfterEnv: <rootDir>\/netfence\.setup\.ts\n/);
    expect(JSON.parse(fs.readFileSync(path.join(key, 'package.json'), 'utf8'))).toEqual({ ...before, jest: { preset: 'ts-jest', setupFilesAfterEnv: ['<rootDir>/netfence.setup.ts'] } });
  });

  test('the file the test script names with --config', async () => {
    const dir = withJest({ 'jest.unit.js': "module.exports = {\n  preset: 'ts-jest',\n};\n" }, { scripts: { test: 'jest --config jest.unit.js' } });
    expect((await run(['init'], dir)).code).toBe(0);
    expect(loadConfig(path.join(dir, 'jest.unit.js')).setupFilesAfterEnv).toEqual(['<rootDir>/netfence.setup.ts']);
  });

  test('no configuration: a jest.config.js with ts-jest when the project has ts-jest, else a step to do', async () => {
    const withTsJest = withJest({});
    expect((await run(['init'], withTsJest)).code).toBe(0);
    expect(loadConfig(path.join(withTsJest, 'jest.config.js'))).toEqual({
      roots: ['<rootDir>'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': 'ts-jest' },
      setupFilesAfterEnv: ['<rootDir>/netfence.setup.ts'],
    });
    const without = withJest({}, { devDependencies: { jest: '^30' } });
    const r = await run(['init'], without);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('to do    jest.config.js                  no jest configuration and no ts-jest');
  });

  test('shapes it cannot edit safely are left to do, unchanged: exit 1', async () => {
    for (const text of ["module.exports = require('./jest.base');\n", "const files = ['a'];\nmodule.exports = { setupFilesAfterEnv: files };\n"]) {
      const dir = withJest({ 'jest.config.js': text });
      const r = await run(['init'], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/ {2}to do {4}jest\.config\.js /);
      expect(fs.readFileSync(path.join(dir, 'jest.config.js'), 'utf8')).toBe(text);
    }
  });

  test('two configurations (jest refuses them too): exit 2, nothing written', async () => {
    const dir = withJest({ 'jest.config.js': 'module.exports = {};\n' }, { jest: { preset: 'ts-jest' } });
    const before = tree(dir);
    const r = await run(['init'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`netfence: several jest configurations in ${dir}: jest.config.js, package.json "jest"; jest refuses to run with more than one: keep one, then run netfence init again\n`);
    expect(tree(dir)).toEqual(before);
  });

  test('projen owns package.json: the configuration is left to do in .projenrc, package.json untouched', async () => {
    const dir = withJest({ '.projenrc.ts': '// projen\n' }, { jest: { preset: 'ts-jest' } });
    const pkg = fs.readFileSync(path.join(dir, 'package.json'), 'utf8');
    const r = await run(['init'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("to do    .projenrc                       projen owns the jest configuration: add jestOptions: { jestConfig: { setupFilesAfterEnv: ['<rootDir>/netfence.setup.ts'] } } to .projenrc, then run projen");
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(pkg);
  });
});

describe('netfence init: the app module', () => {
  test('follows its style: double quotes, no semicolons, an App from a namespace import, a multi-line import', async () => {
    const dir = project();
    fs.writeFileSync(
      path.join(dir, 'main.ts'),
      'import * as cdk8s from "cdk8s"\nimport {\n  MyChart,\n} from "./chart"\n\nconst app = new cdk8s.App()\nnew MyChart(app, "hello")\napp.synth()\n',
    );
    expect((await run(['init'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toBe(
      'import * as cdk8s from "cdk8s"\nimport {\n  MyChart,\n} from "./chart"\nimport { PolicyChart } from "./policies"\n\nconst app = new cdk8s.App()\nnew MyChart(app, "hello")\nnew PolicyChart(app, "network-policies")\napp.synth()\n',
    );
  });

  test('the example goes beside the app module when cdk8s.yaml runs one in a folder', async () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, 'src'));
    fs.renameSync(path.join(dir, 'main.ts'), path.join(dir, 'src', 'main.ts'));
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: npx ts-node src/main.ts\n');
    expect((await run(['init'], dir)).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'src', 'policies.ts'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'src', 'policies.test.ts'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'src', 'main.ts'), 'utf8')).toContain("import { PolicyChart } from './policies';\n");
  });

  test.each([
    ['no app.synth()', "import { App } from 'cdk8s';\nexport const app = new App();\n", /it does not end with a single app\.synth\(\)/],
    ['two Apps', "import { App } from 'cdk8s';\nconst a = new App();\nconst b = new App();\na.synth();\nb.synth();\n", /it creates several Apps/],
    ['a construct already named network-policies', "import { App, Chart } from 'cdk8s';\nconst app = new App();\nnew Chart(app, 'network-policies');\napp.synth();\n", /already has a construct named network-policies/],
  ])('%s: left to do with the line to add, main.ts unchanged, exit 1', async (_name, text, reason) => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'main.ts'), text);
    const r = await run(['init'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(reason);
    expect(r.stdout).toContain("add new PolicyChart(app, 'network-policies'); (import { PolicyChart } from './policies') to your app");
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toBe(text);
  });

  test('an app command that is not one module: left to do', async () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: npm run --silent synth:app\n');
    const r = await run(['init'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/to do +cdk8s\.yaml +its app: is not one module netfence can edit/);
  });
});

describe('netfence init: not a cdk8s TypeScript project', () => {
  test.each([
    ['no cdk8s.yaml', (d: string) => fs.rmSync(path.join(d, 'cdk8s.yaml')), /^netfence: no cdk8s\.yaml in .*; run netfence init at the root of a cdk8s project \(`cdk8s init typescript-app` makes one\)\n$/],
    ['a Python project', (d: string) => fs.writeFileSync(path.join(d, 'cdk8s.yaml'), 'language: python\napp: python main.py\n'), /^netfence: .*cdk8s\.yaml: language: python: netfence init sets up TypeScript projects \(language: typescript\)\n$/],
    ['no package.json', (d: string) => fs.rmSync(path.join(d, 'package.json')), /^netfence: no package\.json in .*; netfence init needs the project's npm package/],
    ['a broken package.json', (d: string) => fs.writeFileSync(path.join(d, 'package.json'), '{"name": '), /^netfence: .*package\.json: not valid JSON: /],
    ['cdk8s.yaml that is not YAML', (d: string) => fs.writeFileSync(path.join(d, 'cdk8s.yaml'), 'app: [\n'), /^netfence: .*cdk8s\.yaml: not valid YAML/],
    ['a folder where policies.ts goes', (d: string) => fs.mkdirSync(path.join(d, 'policies.ts')), /^netfence: .*policies\.ts exists and is not a file; move it away/],
  ])('%s: exit 2, one line, nothing written', async (_name, spoil, message) => {
    const dir = project();
    spoil(dir);
    const before = tree(dir);
    const r = await run(['init'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(tree(dir)).toEqual(before);
  });
});

test('the template this test lays out is the one cdk8s-cli ships', () => {
  expect(fs.existsSync(path.join(TEMPLATE, 'main.ts'))).toBe(true);
});
