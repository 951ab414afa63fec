import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { buildProgram, runCli } from '../../lib/cli/main';

const WORKFLOW = path.join(__dirname, '..', '..', 'examples', 'ci', 'netfence.yml');
const APP = path.join(__dirname, 'fixtures', 'policy-app.js');
const text = fs.readFileSync(WORKFLOW, 'utf8');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
}

interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly env: Record<string, string>;
  readonly jobs: Record<string, { steps: Step[] }>;
}

const workflow = parse(text) as Workflow;
const steps = workflow.jobs.netfence.steps;

/** Splits a shell line into words, honouring double quotes, and expands $VAR / ${VAR}. */
function words(line: string, env: Record<string, string | undefined>): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    const raw = m[1] ?? m[2];
    out.push(raw.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, v: string) => env[v] ?? ''));
  }
  return out;
}

async function netfence(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  let out = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return { code: await runCli(args), out };
  } finally {
    process.chdir(before);
    o.mockRestore();
    e.mockRestore();
  }
}

function gitIn(repo: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
  })
    .toString()
    .trim();
}

interface Comments {
  created: string[];
  updated: { id: number; body: string }[];
  existing: { id: number; body: string; user: { type: string } }[];
}

/** Runs the github-script step's script with a fake `github` and `context`. */
async function runScript(script: string, comments: Comments, env: Record<string, string>): Promise<void> {
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
  const fn = new AsyncFunction('require', 'github', 'context', script);
  const github = {
    paginate: async (_f: unknown, params: { issue_number: number }) => {
      expect(params.issue_number).toBe(7);
      return comments.existing;
    },
    rest: {
      issues: {
        listComments: () => undefined,
        createComment: async (p: { body: string }) => void comments.created.push(p.body),
        updateComment: async (p: { comment_id: number; body: string }) => void comments.updated.push({ id: p.comment_id, body: p.body }),
      },
    },
  };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await fn(require, github, { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } });
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
  }
}

/**
 * Runs the workflow's steps the way Actions would, in a temporary git repository: shell lines
 * through bash, `npx netfence ...` lines in-process, github-script with a fake API. Install and
 * test steps are skipped (they run the project's own npm scripts).
 */
async function runWorkflow(repo: string, baseSha: string, comments: Comments): Promise<{ codes: Record<string, number>; env: Record<string, string> }> {
  const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-runner-'));
  const githubEnv = path.join(runnerTemp, 'github_env');
  fs.writeFileSync(githubEnv, '');
  const env: Record<string, string> = { ...workflow.env, APP, RUNNER_TEMP: runnerTemp, GITHUB_ENV: githubEnv, GITHUB_STEP_SUMMARY: path.join(runnerTemp, 'summary.md') };
  const expr = (v: string): string =>
    v.replace(/\$\{\{\s*github\.event\.pull_request\.base\.sha\s*\}\}/g, baseSha).replace(/\$\{\{\s*runner\.temp\s*\}\}/g, runnerTemp);
  const codes: Record<string, number> = {};
  for (const step of steps) {
    const stepEnv = { ...env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(v)])) };
    const name = step.name ?? step.uses ?? '?';
    if (step.uses?.startsWith('actions/github-script@')) {
      await runScript(String(step.with?.script), comments, stepEnv);
      codes[name] = 0;
      continue;
    }
    if (step.run === undefined || /^npm (ci|test)$/.test(step.run.trim())) continue;
    const shell = (script: string): number => {
      try {
        execFileSync('bash', ['-e', '-c', script], { cwd: repo, env: { ...process.env, ...stepEnv }, stdio: 'pipe' });
        return 0;
      } catch (e) {
        return (e as { status?: number }).status ?? 1;
      }
    };
    let code = 0;
    if (!step.run.includes('npx netfence')) {
      code = shell(step.run);
    } else {
      for (const line of step.run.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
        if (!line.startsWith('npx netfence ')) {
          code = shell(line);
        } else {
          const w = words(line, stepEnv);
          const redirect = w.findIndex((x) => x === '>' || x === '>>');
          const args = w.slice(2, redirect < 0 ? undefined : redirect);
          const r = await netfence(args, repo);
          if (redirect >= 0) fs.writeFileSync(w[redirect + 1], r.out, { flag: w[redirect] === '>>' ? 'a' : 'w' });
          code = r.code;
        }
        if (code !== 0) break;
      }
    }
    codes[name] = code;
    for (const l of fs.readFileSync(githubEnv, 'utf8').split('\n')) {
      const eq = l.indexOf('=');
      if (eq > 0) env[l.slice(0, eq)] = l.slice(eq + 1);
    }
  }
  return { codes, env };
}

describe('examples/ci/netfence.yml', () => {
  it('is a pull-request workflow that may comment, using only the allowed actions', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const uses = steps.filter((s) => s.uses).map((s) => s.uses!.split('@')[0]);
    expect(uses).toEqual(['actions/checkout', 'actions/setup-node', 'actions/github-script']);
    expect(steps[0].with).toEqual({ 'fetch-depth': 0 });
    expect(steps.map((s) => s.run?.trim()).filter((r) => r?.startsWith('npm '))).toEqual(['npm ci', 'npm test']);
  });

  it('names only netfence commands and options that exist (comments included)', () => {
    const program = buildProgram();
    const calls = [...text.matchAll(/npx netfence (.*)$/gm)].map((m) => words(m[1], {}));
    expect(calls.map((c) => c[0]).sort()).toEqual(['diff', 'diff', 'diff', 'graph', 'graph', 'synth', 'synth']);
    for (const call of calls) {
      const cmd = program.commands.find((c) => c.name() === call[0]);
      expect(cmd).toBeDefined();
      for (const w of call.slice(1)) {
        if (w === '>' || w === '>>') break;
        if (w.startsWith('-')) expect(cmd!.options.some((o) => o.long === w || o.short === w)).toBe(true);
      }
    }
    // The base side uses the git revision syntax.
    expect(text).toContain('echo "NETFENCE_BASE=$BASE_SHA:$OUT"');
  });

  it('runs end to end: synthesizes, diffs against the base revision, comments, and fails on drift', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-wf-'));
    gitIn(repo, 'init', '-q', '-b', 'main');
    process.env.NETFENCE_TEST_PORT = '8080';
    try {
      expect((await netfence(['synth', '--app', APP, '--out', 'dist'], repo)).code).toBe(0);
      gitIn(repo, 'add', '.');
      gitIn(repo, 'commit', '-q', '-m', 'base');
      const baseSha = gitIn(repo, 'rev-parse', 'HEAD');
      // The pull request changes the code (9090 instead of 8080) but forgets to re-synthesize.
      process.env.NETFENCE_TEST_PORT = '9090';
      gitIn(repo, 'commit', '-q', '--allow-empty', '-m', 'head');
      const comments: Comments = { created: [], updated: [], existing: [] };
      const { codes, env } = await runWorkflow(repo, baseSha, comments);
      expect(env.NETFENCE_BASE).toBe(`${baseSha}:dist`);
      expect(codes).toEqual({
        Synthesize: 0,
        'Find the base': 0,
        'Connectivity diff and graph': 0,
        'Comment on the pull request': 0,
        'Check that the committed YAML is up to date': 1,
      });
      const dir = path.join(env.RUNNER_TEMP, 'netfence');
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'diff.json'), 'utf8'))).toEqual({
        added: [expect.objectContaining({ from: 'shop/frontend', to: 'shop/web', port: '9090/TCP' })],
        removed: [expect.objectContaining({ from: 'shop/frontend', to: 'shop/web', port: '8080/TCP' })],
      });
      expect(fs.readFileSync(path.join(env.RUNNER_TEMP, 'summary.md'), 'utf8')).toContain('**1 flow became allowed, 1 became denied.**');
      expect(comments.created).toHaveLength(1);
      const body = comments.created[0];
      expect(body.startsWith('<!-- netfence-ci -->\n### netfence: connectivity diff')).toBe(true);
      expect(body).toContain('| `shop/frontend` | `shop/web` | 9090/TCP |');
      expect(body).toContain('```mermaid\nflowchart LR\n');
      expect(body).toContain('pod_shop_frontend -->|"TCP 9090"| pod_shop_web');

      // A second push updates the same comment instead of adding one.
      const again: Comments = { created: [], updated: [], existing: [{ id: 41, body: comments.created[0], user: { type: 'Bot' } }] };
      await runWorkflow(repo, baseSha, again);
      expect(again.created).toEqual([]);
      expect(again.updated.map((u) => u.id)).toEqual([41]);
    } finally {
      delete process.env.NETFENCE_TEST_PORT;
    }
  });

  it('the comment stays within GitHub limits: namespace-level graph, then no graph, never half a Mermaid block', async () => {
    const script = String(steps.find((s) => s.uses?.startsWith('actions/github-script@'))!.with!.script);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-comment-'));
    const post = async (diffChars: number, graphChars: number, nsChars: number): Promise<string> => {
      fs.writeFileSync(path.join(dir, 'diff.md'), 'd'.repeat(diffChars));
      fs.writeFileSync(path.join(dir, 'graph.mmd'), `flowchart LR\n${'w'.repeat(graphChars)}\n`);
      fs.writeFileSync(path.join(dir, 'graph-namespaces.mmd'), `flowchart LR\n${'n'.repeat(nsChars)}\n`);
      const comments: Comments = { created: [], updated: [], existing: [] };
      await runScript(script, comments, { NETFENCE_DIR: dir });
      return comments.created[0];
    };
    const small = await post(100, 1000, 100);
    expect(small).toContain('```mermaid\nflowchart LR\nwww');
    const big = await post(100, 45000, 1000);
    expect(big).toContain('```mermaid\nflowchart LR\nnnn');
    const both = await post(30000, 45000, 39000);
    expect(both).not.toContain('```mermaid');
    expect(both).toContain('does not fit in this comment');
    const huge = await post(70000, 10, 10);
    expect(huge.length).toBeLessThanOrEqual(65536);
    expect(huge).not.toContain('```mermaid');
  });

  it('the first pull request, with nothing synthesized on the base: compared with no policies at all', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-wf-'));
    gitIn(repo, 'init', '-q', '-b', 'main');
    gitIn(repo, 'commit', '-q', '--allow-empty', '-m', 'base');
    const baseSha = gitIn(repo, 'rev-parse', 'HEAD');
    process.env.NETFENCE_TEST_PORT = '8080';
    try {
      expect((await netfence(['synth', '--app', APP, '--out', 'dist'], repo)).code).toBe(0);
      gitIn(repo, 'add', '.');
      gitIn(repo, 'commit', '-q', '-m', 'add netfence');
      const { codes, env } = await runWorkflow(repo, baseSha, { created: [], updated: [], existing: [] });
      expect(env.NETFENCE_BASE).toBe(path.join(env.RUNNER_TEMP, 'netfence', 'empty'));
      expect(Object.values(codes)).toEqual([0, 0, 0, 0, 0]);
      const doc = JSON.parse(fs.readFileSync(path.join(env.RUNNER_TEMP, 'netfence', 'diff.json'), 'utf8')) as { added: unknown[]; removed: unknown[] };
      // Without policies everything was open; isolating web closes every other port to it.
      expect(doc.added).toEqual([]);
      expect(doc.removed).toContainEqual(expect.objectContaining({ from: 'shop/frontend', to: 'shop/web', port: '1-8079/TCP' }));
      expect(doc.removed).not.toContainEqual(expect.objectContaining({ from: 'shop/frontend', to: 'shop/web', port: '8080/TCP' }));
    } finally {
      delete process.env.NETFENCE_TEST_PORT;
    }
  });
});
