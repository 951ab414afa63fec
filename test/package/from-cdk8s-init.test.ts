/**
 * From `cdk8s init typescript-app` to a reviewed pull request, as a user goes, offline: netfence
 * and the platform library packed with `npm pack`, a project laid out as cdk8s init makes it
 * (./cdk8s-init-project.ts), `npx netfence init`, the project's own commands, then the CI
 * workflow's steps on a pull request that opens a flow. One file, in order, because each step
 * needs the one before and the build is made once.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Comments, git, githubScriptFake, pullRequestEvent, readWorkflow, runWorkflow } from '../ci/workflow-runner';
import { CommandRun, inProject, installTarball, linkModules, writeTemplate } from './cdk8s-init-project';

const REPO = path.join(__dirname, '..', '..');

jest.setTimeout(300_000);

/** Fails with what the command printed, so a failure in a subprocess explains itself. */
function ok(run: CommandRun, what: string): CommandRun {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  return run;
}

/** Every file under a folder, '/'-separated, relative to it. */
function files(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    return e.isDirectory() ? files(dir, r) : [r];
  });
}

describe('netfence from npm pack in a cdk8s init project', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-package-'));
  const app = path.join(work, 'hello');
  let netfenceTgz: string;
  let libraryTgz: string;
  let installed: string;

  beforeAll(() => {
    // npm pack builds (prepack) and packs; nothing here needs the registry.
    const pack = (args: string[]): string => {
      const r = ok(inProject(REPO, 'npm', ['pack', '--json', '--pack-destination', work, ...args]), `npm pack ${args.join(' ')}`);
      const [{ filename }] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { filename: string }[];
      return path.join(work, filename);
    };
    // A compiled file whose source is gone (left by an earlier build) must not ship: the build starts clean.
    const stale = path.join(REPO, 'build', 'lib', 'removed-module-left-by-an-old-build.js');
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, 'module.exports = {};\n');
    netfenceTgz = pack([]);
    libraryTgz = pack(['-w', 'examples/platform-lib']);
  });

  // The project links this repository's node_modules: removing it removes the links only.
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the package: compiled library, types, docs the README links to, the init templates, LICENSE; no source maps pointing nowhere', () => {
    const unpacked = path.join(work, 'unpacked');
    fs.mkdirSync(unpacked);
    ok(inProject(work, 'tar', ['-xzf', netfenceTgz, '-C', unpacked]), 'tar');
    const root = path.join(unpacked, 'package');
    const shipped = new Set(files(root));
    for (const f of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'build/lib/index.js', 'build/lib/index.d.ts', 'build/lib/cli/main.js', 'docs/getting-started.md', 'docs/cli.md', 'examples/ci/netfence.yml', 'examples/init/policies.ts']) {
      expect([f, shipped.has(f)]).toEqual([f, true]);
    }
    expect(shipped.has('build/lib/removed-module-left-by-an-old-build.js')).toBe(false);
    expect(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0, January 2004');
    expect([...shipped].filter((f) => /^(lib|test|bench)\//.test(f) || f.startsWith('build/examples') || f.startsWith('build/bench') || f.endsWith('.map'))).toEqual([]);
    // Source maps: none shipped, so no file may point at one.
    for (const f of shipped) if (f.endsWith('.js')) expect([f, fs.readFileSync(path.join(root, f), 'utf8').includes('sourceMappingURL')]).toEqual([f, false]);
    // Every relative link of every shipped Markdown file reaches a shipped file.
    for (const f of [...shipped].filter((x) => x.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(m[1])) continue;
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]));
        expect([f, m[1], shipped.has(target)]).toEqual([f, m[1], true]);
      }
    }
    expect(fs.readFileSync(path.join(root, 'build/lib/cli/main.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test('cdk8s init typescript-app, offline: the template, its snapshot updated as its post-install hook does', () => {
    writeTemplate(app);
    linkModules(app);
    // The hook runs npm install, npm run import (needs the network), compile, test -u, synth.
    ok(inProject(app, 'npm', ['run', 'test', '--', '-u']), 'npm run test -- -u');
    installed = installTarball(app, netfenceTgz);
    expect(fs.realpathSync(installed)).toBe(path.join(fs.realpathSync(app), 'node_modules', 'netfence'));
  });

  test('npx netfence init: writes the example, registers the matchers, wires the app, adds the workflow; exit 0', () => {
    const before = fs.readFileSync(path.join(app, 'main.ts'), 'utf8');
    const r = ok(inProject(app, 'npx', ['netfence', 'init']), 'netfence init');
    expect(r.stdout).toContain(`netfence init in ${fs.realpathSync(app)}\n`);
    expect(r.stdout).toMatch(/created {2}policies\.ts /);
    expect(r.stdout).toMatch(/updated {2}jest\.config\.js /);
    expect(r.stdout).toMatch(/updated {2}main\.ts /);
    expect(r.stdout).toMatch(/created {2}\.github\/workflows\/netfence\.yml /);
    // The files are netfence's own, from the package.
    expect(fs.readFileSync(path.join(app, 'policies.ts'), 'utf8')).toBe(fs.readFileSync(path.join(installed, 'examples/init/policies.ts'), 'utf8'));
    expect(fs.readFileSync(path.join(app, '.github/workflows/netfence.yml'), 'utf8')).toBe(fs.readFileSync(path.join(REPO, 'examples/ci/netfence.yml'), 'utf8'));
    expect(fs.readFileSync(path.join(app, 'main.ts'), 'utf8')).toBe(
      before.replace("import { App, Chart, ChartProps } from 'cdk8s';\n", "import { App, Chart, ChartProps } from 'cdk8s';\nimport { PolicyChart } from './policies';\n").replace('app.synth();', "new PolicyChart(app, 'network-policies');\napp.synth();"),
    );
    // Running it again changes nothing.
    const snapshot = Object.fromEntries(files(app).filter((f) => !f.startsWith('node_modules/')).map((f) => [f, fs.readFileSync(path.join(app, f), 'utf8')]));
    const again = ok(inProject(app, 'npx', ['netfence', 'init']), 'netfence init, again');
    expect(again.stdout).toContain('Nothing to do: the project is set up for netfence.');
    expect(Object.fromEntries(files(app).filter((f) => !f.startsWith('node_modules/')).map((f) => [f, fs.readFileSync(path.join(app, f), 'utf8')]))).toEqual(snapshot);
  });

  test('as generated: npm test, npx netfence synth, synth --check and npx cdk8s synth pass', () => {
    const tests = ok(inProject(app, 'npm', ['test']), 'npm test');
    expect(tests.stderr).toMatch(/PASS \.\/policies\.test\.ts/);
    expect(tests.stderr).toMatch(/Tests: +4 passed, 4 total/);
    const synth = ok(inProject(app, 'npx', ['netfence', 'synth']), 'netfence synth');
    expect(synth.stdout).toBe('dist/hello.k8s.yaml\ndist/network-policies.k8s.yaml\n2 files written (2 charts, 4 objects)\n');
    expect(ok(inProject(app, 'npx', ['netfence', 'synth', '--check']), 'netfence synth --check').stderr).toBe('dist is up to date (2 files checked)\n');
    const written = fs.readFileSync(path.join(app, 'dist', 'network-policies.k8s.yaml'), 'utf8');
    ok(inProject(app, 'npx', ['cdk8s', 'synth']), 'cdk8s synth');
    expect(fs.readFileSync(path.join(app, 'dist', 'network-policies.k8s.yaml'), 'utf8')).toBe(written);
  });

  test('the platform library from npm pack, used by the app (tested and synthesized by the workflow below)', () => {
    installTarball(app, libraryTgz);
    fs.writeFileSync(
      path.join(app, 'shop.ts'),
      `import { Construct } from 'constructs';
import { AllowFrom, Port } from 'netfence';
import { PostgresAccess, TenantNamespace, Workload } from '@netfence-examples/platform-lib';

export function shop(scope: Construct) {
  const chart = new TenantNamespace(scope, 'shop', { team: 'commerce' });
  const web = new Workload(chart, 'web', { ports: { http: 8080, metrics: 9100 } });
  const orders = new Workload(chart, 'orders', { ports: { grpc: 9000, metrics: 9100 } });
  const postgres = new Workload(chart, 'postgres', { ports: { postgres: 5432 } });
  AllowFrom(chart, web.pods).to(orders.pods).on(Port.named('grpc'));
  new PostgresAccess(chart, 'orders-db', { database: postgres.pods, clients: [orders.pods] });
  return { chart, web, orders, postgres };
}
`,
    );
    fs.writeFileSync(
      path.join(app, 'shop.test.ts'),
      `import { Testing } from 'cdk8s';
import { Port } from 'netfence';
import { shop } from './shop';

test('only orders reaches the database; web reaches orders on grpc', () => {
  const { chart, web, orders, postgres } = shop(Testing.app());
  expect(chart).toAllow(orders, postgres, Port.POSTGRES);
  expect(chart).toDeny(web, postgres);
  expect(chart).toAllow(web, orders, Port.named('grpc'));
  expect(chart).toDeny(orders, web);
});
`,
    );
    const main = path.join(app, 'main.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace("import { PolicyChart } from './policies';\n", "import { PolicyChart } from './policies';\nimport { shop } from './shop';\n").replace('app.synth();', 'shop(app);\napp.synth();'));
    // The workflow below runs npm test (shop.test.ts among them) and synthesizes the app.
  });

  test('the workflow, on a pull request that opens frontend -> web on 9090: the comment shows the flow; drift and lint ran', async () => {
    git(app, 'init', '-q', '-b', 'main');
    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'cdk8s init, netfence init, the platform library');
    const baseSha = git(app, 'rev-parse', 'HEAD');
    expect(git(app, 'ls-files', 'dist', 'node_modules')).toBe(''); // as cdk8s init's .gitignore says
    const policies = path.join(app, 'policies.ts');
    fs.writeFileSync(
      policies,
      fs.readFileSync(policies, 'utf8').replace('.on(Port.tcp(8080));', '.on(Port.tcp(8080), Port.tcp(9090));'),
    );
    git(app, 'commit', '-q', '-am', 'frontend -> web on 9090');
    fs.rmSync(path.join(app, 'dist'), { recursive: true }); // a fresh checkout has none

    const comments: Comments = { created: [], updated: [], existing: [] };
    const sarif: string[] = [];
    const workflow = readWorkflow(fs.readFileSync(path.join(app, '.github/workflows/netfence.yml'), 'utf8'));
    const run = await runWorkflow(workflow, {
      workspace: app,
      github: pullRequestEvent(baseSha),
      actions: {
        'actions/github-script': githubScriptFake(comments),
        'github/codeql-action/upload-sarif': (inputs) => void sarif.push(fs.readFileSync(inputs.sarif_file, 'utf8')),
      },
      timeout: 240_000,
    });
    const failed = run.steps.filter((s) => s.outcome !== 'success');
    expect(failed.map((s) => `${s.name}\n${s.output}`)).toEqual([]);
    expect(run.steps.find((s) => s.name === 'Check that the committed YAML is up to date')!.output).toBe('dist is not committed: nothing to compare\n');
    expect(run.steps.find((s) => s.name === 'Test')!.output).toMatch(/Tests: +5 passed, 5 total/);
    expect(run.steps.find((s) => s.name === 'Lint')!.output).toContain('NetworkPolicies linted');
    expect(JSON.parse(sarif[0]).runs[0].tool.driver.name).toBe('netfence');
    expect(comments.created).toHaveLength(1);
    const body = comments.created[0];
    expect(body).toContain('**1 flow became allowed, 0 became denied.**');
    expect(body).toContain('| `example/app=frontend` | `example/app=web` | 9090/TCP |');
    expect(body).toContain('```mermaid\nflowchart LR\n');
    // The platform library's constructs were tested and synthesized in the app.
    expect(run.steps.find((s) => s.name === 'Test')!.output).toMatch(/PASS \.\/shop\.test\.ts/);
    expect(fs.readFileSync(path.join(app, 'dist', 'shop.k8s.yaml'), 'utf8')).toContain('name: allow-orders-to-postgres');
    expect(JSON.parse(fs.readFileSync(path.join(run.runnerTemp, 'netfence', 'diff.json'), 'utf8'))).toEqual({
      added: [expect.objectContaining({ from: 'example/app=frontend', to: 'example/app=web', port: '9090/TCP' })],
      removed: [],
    });
  });

  test('the entry points: netfence and netfence/testing resolve, with types; internals and source maps do not', () => {
    // Type-checked by the next test under cdk8s init's tsconfig (node10 resolution: typesVersions).
    fs.writeFileSync(
      path.join(app, 'entry-points.ts'),
      `import { Pods, Port } from 'netfence';
import { connectivity, FlowEnd, netfenceMatchers, PortSpec } from 'netfence/testing';

export const ends: FlowEnd[] = [Pods.labelled({ app: 'web' }), 'shop/db'];
export const port: PortSpec = Port.POSTGRES;
export const api = [connectivity, netfenceMatchers.toAllow];
`,
    );
    const script = [
      "const testing = require('netfence/testing');",
      "console.log(Object.keys(testing).sort().join(','), typeof require('netfence').Pods.of, require('netfence/package.json').name);",
      "for (const deep of ['netfence/build/lib/analysis/bitset', 'netfence/build/lib/index.js']) {",
      "  try { require(deep); console.log('resolved', deep); } catch (e) { console.log(e.code); }",
      '}',
    ].join('\n');
    const r = ok(inProject(app, 'node', ['-e', script]), 'node -e require');
    expect(r.stdout).toBe('connectivity,netfenceMatchers function netfence\nERR_PACKAGE_PATH_NOT_EXPORTED\nERR_PACKAGE_PATH_NOT_EXPORTED\n');
    // The bin still works through package.json's bin, which exports do not govern.
    expect(ok(inProject(app, 'npx', ['netfence', '--version']), 'netfence --version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    // No compiled file points at a source map (none are shipped).
    const installedFiles = files(path.join(app, 'node_modules', 'netfence'));
    const pointing = installedFiles.filter((f) => f.endsWith('.js') && fs.readFileSync(path.join(app, 'node_modules', 'netfence', f), 'utf8').includes('sourceMappingURL'));
    expect(pointing).toEqual([]);
  });

  test("the project type-checks with cdk8s init's own tsconfig (lib es2016, no skipLibCheck): netfence's declarations included", () => {
    ok(inProject(app, 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']), 'tsc');
  });
});
