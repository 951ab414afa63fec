/**
 * examples/ci/netfence.yml (the file `netfence init` writes): its shape, and its steps run in
 * order by ./workflow-runner.ts in temporary git repositories, with the real `netfence` process
 * (the CLI compiled by test/global-setup.js). The run from a `cdk8s init` project with netfence
 * installed from `npm pack` is in test/package/from-cdk8s-init.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildProgram } from '../../lib/cli/main';
import { CLI } from '../cli/subprocess';
import { Comments, git, githubScriptFake, outcomeOf, pullRequestEvent, pushEvent, readWorkflow, runWorkflow, stepName, WORKFLOW_FILE, WorkflowRun } from './workflow-runner';

const REPO = path.join(__dirname, '..', '..');
const text = fs.readFileSync(WORKFLOW_FILE, 'utf8');
const workflow = readWorkflow(text);
const steps = workflow.jobs.netfence.steps;
const byName = (name: string) => steps.find((s) => stepName(s) === name)!;

describe('examples/ci/netfence.yml: its shape', () => {
  it('runs on pull requests and on pushes to the default branch only', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.jobs.netfence.if).toBe("github.event_name == 'pull_request' || github.ref_name == github.event.repository.default_branch");
  });

  it('asks only for what it uses: read the code, comment, upload to code scanning', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'security-events': 'write' });
  });

  it('uses checkout (all history, for the base worktree), setup-node on Node 24 LTS, upload-sarif and github-script, nothing else', () => {
    expect(steps.filter((s) => s.uses).map((s) => s.uses)).toEqual([
      'actions/checkout@v5',
      'actions/setup-node@v5',
      'github/codeql-action/upload-sarif@v4',
      'actions/github-script@v8',
    ]);
    expect(steps[0].with).toEqual({ 'fetch-depth': 0 });
    expect(steps[1].with).toEqual({ 'node-version': 24, cache: 'npm' });
  });

  it('drift, synthesis and lint run whatever happened before them; the comment and the upload skip forks', () => {
    for (const name of ['Check that the committed YAML is up to date', 'Synthesize', 'Synthesize the base revision', 'Connectivity diff and graph', 'Lint']) {
      expect(byName(name).if).toMatch(/^always\(\) && steps\.\w+\.outcome == 'success'$/);
    }
    expect(byName('Upload lint findings to code scanning').if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(byName('Upload lint findings to code scanning')['continue-on-error']).toBe(true);
    expect(byName('Comment on the pull request').if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it('names only netfence commands and options that exist (comments included), and never runs npx', () => {
    const program = buildProgram();
    const calls = [...text.matchAll(/(?:^|[\s(#])netfence (synth|validate|check|matrix|diff|graph|lint|init)\b([^\n]*)/gm)];
    expect(new Set(calls.map((c) => c[1]))).toEqual(new Set(['synth', 'diff', 'graph', 'lint']));
    for (const call of calls) {
      const cmd = program.commands.find((c) => c.name() === call[1])!;
      for (const option of call[2].match(/(?<=\s)--?[a-z][a-z-]*/g) ?? []) {
        expect([option, cmd.options.some((o) => o.long === option || o.short === option)]).toEqual([option, true]);
      }
    }
    // npx would fetch a package named netfence when the project lacks it: the job uses its own.
    expect(text).not.toMatch(/\bnpx\b/);
  });
});

/** A cdk8s app whose NetworkPolicy admits frontend -> web on the port in port.txt. */
const MAIN_JS = `const fs = require('fs');
const path = require('path');
const { App, Chart, ApiObject } = require('cdk8s');

const port = Number(fs.readFileSync(path.join(__dirname, 'port.txt'), 'utf8'));
const app = new App();
const chart = new Chart(app, 'shop', { namespace: 'shop' });
for (const name of ['frontend', 'web']) {
  new ApiObject(chart, name, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } } },
  });
}
new ApiObject(chart, 'allow', {
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-frontend-to-web' },
  spec: {
    podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port, protocol: 'TCP' }] }],
  },
});
app.synth();
`;

/**
 * node_modules as the project would have it: cdk8s and constructs (this repo's), and the
 * `netfence` bin running the CLI under test. The base worktree links it, as the workflow does.
 */
function nodeModules(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-wf-modules-'));
  for (const pkg of ['cdk8s', 'constructs']) fs.symlinkSync(path.join(REPO, 'node_modules', pkg), path.join(dir, pkg));
  fs.mkdirSync(path.join(dir, '.bin'));
  fs.writeFileSync(path.join(dir, '.bin', 'netfence'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`, { mode: 0o755 });
  return dir;
}

/** A git repository with the app; `files` are written over the defaults before the first commit. */
function project(files: Record<string, string | undefined>, modules: string): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-wf-'));
  const all: Record<string, string | undefined> = {
    'package.json': JSON.stringify({ name: 'app', private: true, scripts: { test: 'node -e "process.exit(Number(process.env.FAIL_TESTS || 0))"' } }, null, 2),
    'cdk8s.yaml': 'language: typescript\napp: node main.js\n',
    'main.js': MAIN_JS,
    'port.txt': '8080',
    '.gitignore': 'node_modules\n',
    ...files,
  };
  for (const [f, body] of Object.entries(all)) if (body !== undefined) fs.writeFileSync(path.join(repo, f), body);
  fs.symlinkSync(modules, path.join(repo, 'node_modules'));
  git(repo, 'init', '-q', '-b', 'main');
  return repo;
}

function commitAll(repo: string, message: string): string {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '--allow-empty', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

function outcomes(run: WorkflowRun): Record<string, string> {
  return Object.fromEntries(run.steps.map((s) => [s.name, s.outcome]));
}

interface Uploads {
  sarif: string[];
}

function fakes(comments: Comments, uploads: Uploads) {
  return {
    'actions/github-script': githubScriptFake(comments),
    'github/codeql-action/upload-sarif': (inputs: Record<string, string>) => {
      expect(inputs.category).toBe('netfence');
      uploads.sarif.push(fs.readFileSync(inputs.sarif_file, 'utf8'));
    },
  };
}

describe('examples/ci/netfence.yml: its steps, run in order', () => {
  let modules: string;
  beforeAll(() => {
    modules = nodeModules();
  });

  it('a pull request that changes the code but not the committed YAML: drift fails; diff, lint, upload and the comment still run', async () => {
    const repo = project({}, modules);
    expect(fs.existsSync(path.join(repo, 'dist'))).toBe(false);
    const synth = spawnNetfence(['synth'], repo);
    expect(synth).toContain('1 file written');
    const baseSha = commitAll(repo, 'base: frontend -> web on 8080, dist committed');
    fs.writeFileSync(path.join(repo, 'port.txt'), '9090'); // the code changes; dist/ is not re-synthesized
    commitAll(repo, 'head: 9090');

    const comments: Comments = { created: [], updated: [], existing: [] };
    const uploads: Uploads = { sarif: [] };
    const run = await runWorkflow(workflow, { workspace: repo, github: pullRequestEvent(baseSha), actions: fakes(comments, uploads) });
    expect(outcomes(run)).toEqual({
      'actions/checkout@v5': 'success',
      'actions/setup-node@v5': 'success',
      Install: 'success',
      Test: 'success',
      'Check that the committed YAML is up to date': 'failure',
      Synthesize: 'success',
      'Synthesize the base revision': 'success',
      'Connectivity diff and graph': 'success',
      Lint: 'success',
      'Upload lint findings to code scanning': 'success',
      'Comment on the pull request': 'success',
    });
    const drift = run.steps.find((s) => s.name === 'Check that the committed YAML is up to date')!.output;
    expect(drift).toContain('-        - port: 8080\n+        - port: 9090\n');
    // The base was synthesized from its own source in a worktree, with the head's node_modules.
    const dir = path.join(run.runnerTemp, 'netfence');
    expect(fs.lstatSync(path.join(dir, 'base-src', 'node_modules')).isSymbolicLink()).toBe(true);
    expect(run.npmCi).toEqual([fs.realpathSync(repo)]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'diff.json'), 'utf8'))).toEqual({
      // Both sides synthesized with provenance: each change names the line that wrote its policy.
      added: [expect.objectContaining({ from: 'shop/frontend', to: 'shop/web', port: '9090/TCP', sources: ['main.js:14'] })],
      removed: [expect.objectContaining({ from: 'shop/frontend', to: 'shop/web', port: '8080/TCP', sources: ['main.js:14'] })],
    });
    expect(run.summary).toContain('**1 flow became allowed, 1 became denied.**');
    expect(comments.created).toHaveLength(1);
    const body = comments.created[0];
    expect(body.startsWith('<!-- netfence-ci -->\n### netfence: connectivity diff\n\n**1 flow became allowed, 1 became denied.** (`base` → `head`)\n')).toBe(true);
    expect(body).toContain('| `shop/frontend` | `shop/web` | 9090/TCP |');
    expect(body).toContain('main.js:14');
    expect(body).toContain('```mermaid\nflowchart LR\n');
    expect(body).toContain('pod_shop_frontend -->|"TCP 9090"| pod_shop_web');
    // SARIF for code scanning, its locations relative to the repository root.
    expect(uploads.sarif).toHaveLength(1);
    // Lint runs on the app in memory with provenance: each result is on the app's own source
    // line (a file of the repository), the synthesized YAML a related location under dist/.
    type SarifLocation = { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } };
    const sarif = JSON.parse(uploads.sarif[0]) as { version: string; runs: { tool: { driver: { name: string } }; results: { locations: SarifLocation[]; relatedLocations?: SarifLocation[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.name).toBe('netfence');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    for (const r of sarif.runs[0].results) {
      for (const l of r.locations) {
        expect(l.physicalLocation.artifactLocation.uri).not.toMatch(/^(dist\/|\/|file:|node_modules\/)/);
        expect(fs.existsSync(path.join(repo, l.physicalLocation.artifactLocation.uri))).toBe(true);
        expect(l.physicalLocation.region?.startLine).toBeGreaterThanOrEqual(1);
      }
      for (const l of r.relatedLocations ?? []) expect(l.physicalLocation.artifactLocation.uri).toMatch(/^dist\//);
    }
  });

  it('the first pull request, from a fork, with failing tests and dist not committed: no comment, no upload; drift, lint and the summary still run', async () => {
    const repo = project({ '.gitignore': 'node_modules\ndist/\n', 'cdk8s.yaml': undefined, 'main.js': undefined, 'port.txt': undefined }, modules);
    const baseSha = commitAll(repo, 'base: no app yet');
    fs.writeFileSync(path.join(repo, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\n');
    fs.writeFileSync(path.join(repo, 'main.js'), MAIN_JS);
    fs.writeFileSync(path.join(repo, 'port.txt'), '8080');
    commitAll(repo, 'head: the app');

    const comments: Comments = { created: [], updated: [], existing: [] };
    const uploads: Uploads = { sarif: [] };
    const run = await runWorkflow(workflow, {
      workspace: repo,
      github: pullRequestEvent(baseSha, 'someone/fork'),
      actions: fakes(comments, uploads),
      env: { FAIL_TESTS: '1' },
    });
    expect(outcomes(run)).toMatchObject({
      Test: 'failure',
      'Check that the committed YAML is up to date': 'success',
      Synthesize: 'success',
      'Synthesize the base revision': 'success',
      'Connectivity diff and graph': 'success',
      Lint: 'success',
      'Upload lint findings to code scanning': 'skipped',
      'Comment on the pull request': 'skipped',
    });
    expect(run.steps.find((s) => s.name === 'Check that the committed YAML is up to date')!.output).toBe('dist is not committed: nothing to compare\n');
    expect(comments.created).toEqual([]);
    expect(uploads.sarif).toEqual([]);
    expect(run.summary).toMatch(/^_The base revision has no cdk8s.yaml: compared with no policies at all._\n### netfence: connectivity diff/);
    const doc = JSON.parse(fs.readFileSync(path.join(run.runnerTemp, 'netfence', 'diff.json'), 'utf8')) as { added: unknown[]; removed: unknown[] };
    // Without policies everything was open; isolating web closes every other port to it.
    expect(doc.added).toEqual([]);
    expect(doc.removed).toContainEqual(expect.objectContaining({ from: 'shop/frontend', to: 'shop/web', port: '1-8079/TCP' }));
    expect(fs.existsSync(path.join(run.runnerTemp, 'netfence', 'lint.sarif'))).toBe(true);
  });

  it('a push to the default branch: diff against the previous tip, upload, no comment; the base installs its own dependencies when they changed; other branches skip the job', async () => {
    const repo = project({ '.gitignore': 'node_modules\ndist/\n' }, modules);
    const before = commitAll(repo, 'before');
    fs.writeFileSync(path.join(repo, 'port.txt'), '9090');
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ ...pkg, version: '2.0.0' }, null, 2));
    commitAll(repo, 'after');

    const comments: Comments = { created: [], updated: [], existing: [] };
    const uploads: Uploads = { sarif: [] };
    // `npm ci` in the base worktree "installs" by linking the prepared modules.
    const run = await runWorkflow(workflow, { workspace: repo, github: pushEvent(before), actions: fakes(comments, uploads), env: { NETFENCE_TEST_MODULES: modules } });
    expect(outcomeOf(run, 'Comment on the pull request')).toBe('skipped');
    expect(outcomeOf(run, 'Upload lint findings to code scanning')).toBe('success');
    expect(outcomeOf(run, 'Connectivity diff and graph')).toBe('success');
    expect(run.npmCi).toEqual([fs.realpathSync(repo), fs.realpathSync(path.join(run.runnerTemp, 'netfence', 'base-src'))]);
    expect(run.summary).toContain('**1 flow became allowed, 1 became denied.**');

    const other = await runWorkflow(workflow, { workspace: repo, github: pushEvent(before, 'feature'), actions: fakes(comments, uploads) });
    expect(other.jobRan).toBe(false);
  });
});

describe('the comment step', () => {
  const script = String(steps.find((s) => s.uses?.startsWith('actions/github-script@'))!.with!.script);

  async function post(dir: string, existing: Comments['existing'] = []): Promise<Comments> {
    const comments: Comments = { created: [], updated: [], existing };
    await githubScriptFake(comments)({ script }, { NETFENCE_DIR: dir });
    return comments;
  }

  function files(diffChars: number, graphChars: number, nsChars: number, note = ''): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-comment-'));
    fs.writeFileSync(path.join(dir, 'base-note.md'), note);
    fs.writeFileSync(path.join(dir, 'diff.md'), 'd'.repeat(diffChars));
    fs.writeFileSync(path.join(dir, 'graph.mmd'), `flowchart LR\n${'w'.repeat(graphChars)}\n`);
    fs.writeFileSync(path.join(dir, 'graph-namespaces.mmd'), `flowchart LR\n${'n'.repeat(nsChars)}\n`);
    return dir;
  }

  it('updates its own comment instead of adding one; leaves other bots and people alone', async () => {
    const dir = files(100, 100, 100, '_note_\n');
    const first = await post(dir);
    expect(first.created).toHaveLength(1);
    expect(first.created[0]).toMatch(/^<!-- netfence-ci -->\n_note_\nd{100}\n/);
    const again = await post(dir, [
      { id: 40, body: '<!-- netfence-ci --> quoted by a person', user: { type: 'User' } },
      { id: 41, body: first.created[0], user: { type: 'Bot' } },
    ]);
    expect(again.created).toEqual([]);
    expect(again.updated.map((u) => u.id)).toEqual([41]);
  });

  it('stays within GitHub limits: namespace-level graph, then no graph, never half a Mermaid block', async () => {
    const small = (await post(files(100, 1000, 100))).created[0];
    expect(small).toContain('```mermaid\nflowchart LR\nwww');
    const big = (await post(files(100, 45000, 1000))).created[0];
    expect(big).toContain('```mermaid\nflowchart LR\nnnn');
    const both = (await post(files(30000, 45000, 39000))).created[0];
    expect(both).not.toContain('```mermaid');
    expect(both).toContain('does not fit in this comment');
    const huge = (await post(files(70000, 10, 10))).created[0];
    expect(huge.length).toBeLessThanOrEqual(65536);
    expect(huge).not.toContain('```mermaid');
  });
});

function spawnNetfence(args: string[], cwd: string): string {
  const r = require('child_process').spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' }) as { status: number; stdout: string; stderr: string };
  if (r.status !== 0) throw new Error(`netfence ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
