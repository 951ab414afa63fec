/**
 * Runs the CI workflow the way GitHub Actions runs it, on this machine: the job's `if:`, then each
 * step in order with its `if:` (evaluated by ./actions-expression.ts), `run:` steps through
 * `bash --noprofile --norc -eo pipefail` in the workspace with the workflow's, the step's and
 * `$GITHUB_ENV`'s variables, `$GITHUB_PATH`, `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY`, and
 * `continue-on-error`. `actions/checkout` and `actions/setup-node` are what the test prepared (a
 * git repository, this node); other actions are the caller's fakes. `npm ci` is the one shell
 * command replaced (by a no-op that records where it ran): it needs the registry, and the
 * workspace's node_modules is prepared offline.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { condition, ExpressionContext, interpolate } from './actions-expression';

/** The workflow that `netfence init` writes and examples/ci holds. */
export const WORKFLOW_FILE = path.join(__dirname, '..', '..', 'examples', 'ci', 'netfence.yml');

/** One step of the job. */
export interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
  readonly 'continue-on-error'?: boolean;
}

/** The parts of the workflow the tests read. */
export interface Workflow {
  readonly name: string;
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly concurrency?: Record<string, unknown>;
  readonly env: Record<string, string>;
  readonly jobs: Record<string, { readonly if?: string; readonly 'runs-on': string; readonly steps: readonly Step[] }>;
}

/** Parses the workflow text. */
export function readWorkflow(text: string = fs.readFileSync(WORKFLOW_FILE, 'utf8')): Workflow {
  return parse(text) as Workflow;
}

/** A step's name as the log shows it. */
export function stepName(step: Step): string {
  return step.name ?? step.uses ?? step.id ?? '?';
}

/** The `github` context of a pull request from `headRepo` into o/r, or of a push to `ref`. */
export function pullRequestEvent(baseSha: string, headRepo = 'o/r'): Record<string, unknown> {
  return {
    event_name: 'pull_request',
    ref: 'refs/pull/7/merge',
    ref_name: '7/merge',
    repository: 'o/r',
    actor: 'dev',
    event: { number: 7, pull_request: { number: 7, base: { sha: baseSha }, head: { repo: { full_name: headRepo } }, labels: [] }, repository: { default_branch: 'main' } },
  };
}

/** The `github` context of a push of `before..HEAD` to the branch. */
export function pushEvent(before: string, branch = 'main'): Record<string, unknown> {
  return {
    event_name: 'push',
    ref: `refs/heads/${branch}`,
    ref_name: branch,
    repository: 'o/r',
    actor: 'dev',
    event: { before, repository: { default_branch: 'main' } },
  };
}

/** How a step ended, as `steps.<id>.outcome` says. */
export type Outcome = 'success' | 'failure' | 'skipped';

/** One step's result and output. */
export interface StepResult {
  readonly name: string;
  readonly outcome: Outcome;
  readonly output: string;
}

/** A fake for an action: gets the step's interpolated `with:` and environment. */
export type ActionFake = (inputs: Record<string, string>, env: Record<string, string>) => Promise<void> | void;

/** Options of `runWorkflow`. */
export interface RunOptions {
  /** The workspace: a git checkout of the commit under test. */
  readonly workspace: string;
  /** The `github` context (pullRequestEvent, pushEvent). */
  readonly github: Record<string, unknown>;
  /** Fakes for actions other than checkout and setup-node, by name without version. */
  readonly actions?: Record<string, ActionFake>;
  /** Added to every step's environment (before GITHUB_PATH). */
  readonly env?: Record<string, string>;
  /** Per step, in milliseconds. @default 120000 */
  readonly timeout?: number;
}

/** What a run did. */
export interface WorkflowRun {
  /** False when the job's `if:` skipped it. */
  readonly jobRan: boolean;
  readonly steps: readonly StepResult[];
  readonly runnerTemp: string;
  /** The job summary ($GITHUB_STEP_SUMMARY). */
  readonly summary: string;
  /** Folders where `npm ci` was asked for. */
  readonly npmCi: readonly string[];
}

/** The outcome of the step with this name; throws when there is none. */
export function outcomeOf(run: WorkflowRun, name: string): Outcome {
  const step = run.steps.find((s) => s.name === name);
  if (step === undefined) throw new Error(`no step named ${name}: ${run.steps.map((s) => s.name).join(', ')}`);
  return step.outcome;
}

function findOnPath(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(`${command} is not on PATH`);
}

/** The environment of the test process without what its own npm and jest put there. */
export function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^npm_/i.test(k) || k.startsWith('JEST_') || k === 'NODE_ENV' || k === 'INIT_CWD' || k === 'PWD' || k === 'OLDPWD') continue;
    env[k] = v;
  }
  return env;
}

/** Reads `key=value` lines (and `key<<EOF` blocks) as $GITHUB_ENV and $GITHUB_OUTPUT hold them. */
function readKeyValues(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]);
      out[heredoc[1]] = body.join('\n');
      continue;
    }
    const eq = lines[i].indexOf('=');
    if (eq > 0) out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
  }
  return out;
}

/** Runs the job of the workflow in the workspace. */
export async function runWorkflow(workflow: Workflow, options: RunOptions): Promise<WorkflowRun> {
  const jobs = Object.values(workflow.jobs);
  if (jobs.length !== 1) throw new Error('the runner runs workflows with one job');
  const job = jobs[0];
  const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-runner-'));
  const files = {
    env: path.join(runnerTemp, '_github_env'),
    path: path.join(runnerTemp, '_github_path'),
    summary: path.join(runnerTemp, '_step_summary'),
    npmCi: path.join(runnerTemp, '_npm_ci'),
  };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');

  // `npm ci` needs the registry; every other npm command is the real one.
  const shims = path.join(runnerTemp, '_shims');
  fs.mkdirSync(shims);
  fs.writeFileSync(
    path.join(shims, 'npm'),
    [
      '#!/bin/sh',
      'if [ "$1" = ci ]; then',
      `  pwd -P >> '${files.npmCi}'`,
      '  # Installing is linking the modules the test prepared, when there are none yet.',
      '  if [ ! -e node_modules ] && [ -n "$NETFENCE_TEST_MODULES" ]; then ln -s "$NETFENCE_TEST_MODULES" node_modules; fi',
      '  echo "npm ci: done by the test (node_modules is prepared offline)"',
      '  exit 0',
      'fi',
      `exec '${findOnPath('npm')}' "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );

  const steps: StepResult[] = [];
  const stepContext: Record<string, { outcome: Outcome; conclusion: Outcome; outputs: Record<string, string> }> = {};
  let jobSucceeded = true;
  const context = (): ExpressionContext => ({
    contexts: { github: options.github, steps: stepContext, runner: { temp: runnerTemp, os: 'Linux' }, env: {} },
    jobSucceeded,
  });
  if (job.if !== undefined && !condition(job.if, context())) {
    return { jobRan: false, steps, runnerTemp, summary: '', npmCi: [] };
  }

  for (const step of job.steps) {
    const name = stepName(step);
    if (!condition(step.if, context())) {
      steps.push({ name, outcome: 'skipped', output: '' });
      if (step.id) stepContext[step.id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      continue;
    }
    const extraPath = fs.readFileSync(files.path, 'utf8').split('\n').filter((l) => l !== '').reverse();
    const outputFile = path.join(runnerTemp, `_output_${steps.length}`);
    fs.writeFileSync(outputFile, '');
    const github = options.github as { event_name: string; ref: string; repository: string };
    const env: Record<string, string> = {
      ...baseEnvironment(),
      ...options.env,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_EVENT_NAME: github.event_name,
      GITHUB_REF: github.ref,
      GITHUB_REPOSITORY: github.repository,
      RUNNER_TEMP: runnerTemp,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: files.summary,
      // No registry at test time: anything that would fetch fails at once instead.
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      ...Object.fromEntries(Object.entries(workflow.env ?? {}).map(([k, v]) => [k, interpolate(String(v), context())])),
      ...readKeyValues(files.env),
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), context())])),
    };
    env.PATH = [shims, ...extraPath, options.env?.PATH ?? process.env.PATH ?? ''].join(path.delimiter);

    let ok: boolean;
    let output = '';
    if (step.run !== undefined) {
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', interpolate(step.run, context())], {
        cwd: options.workspace,
        env,
        encoding: 'utf8',
        timeout: options.timeout ?? 120_000,
        maxBuffer: 1 << 26,
      });
      output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
      ok = r.status === 0;
    } else if (step.uses !== undefined) {
      const action = step.uses.split('@')[0];
      if (action === 'actions/checkout' || action === 'actions/setup-node') ok = true;
      else {
        const fake = options.actions?.[action];
        if (fake === undefined) throw new Error(`no fake for ${step.uses}`);
        const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), context())]));
        try {
          await fake(inputs, env);
          ok = true;
        } catch (e) {
          output = String(e);
          ok = false;
        }
      }
    } else throw new Error(`step ${name} neither runs nor uses`);

    const outcome: Outcome = ok ? 'success' : 'failure';
    const continued = step['continue-on-error'] === true;
    if (!ok && !continued) jobSucceeded = false;
    steps.push({ name, outcome, output });
    if (step.id) stepContext[step.id] = { outcome, conclusion: ok || continued ? 'success' : 'failure', outputs: readKeyValues(outputFile) };
  }
  const npmCi = fs.readFileSync(files.npmCi, 'utf8').split('\n').filter((l) => l !== '');
  return { jobRan: true, steps, runnerTemp, summary: fs.readFileSync(files.summary, 'utf8'), npmCi };
}

/** Comments as a fake `github` API sees them. */
export interface Comments {
  readonly created: string[];
  readonly updated: { id: number; body: string }[];
  readonly existing: { id: number; body: string; user: { type: string } }[];
}

/** A fake of actions/github-script for the comment step: runs the script with a fake API. */
export function githubScriptFake(comments: Comments): ActionFake {
  return async (inputs, env) => {
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
    const fn = new AsyncFunction('require', 'github', 'context', inputs.script);
    const github = {
      paginate: async (_f: unknown, params: { issue_number: number }) => {
        if (params.issue_number !== 7) throw new Error(`wrong pull request ${params.issue_number}`);
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
    Object.assign(process.env, { NETFENCE_DIR: env.NETFENCE_DIR });
    try {
      await fn(require, github, { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } });
    } finally {
      if (saved.NETFENCE_DIR === undefined) delete process.env.NETFENCE_DIR;
      else process.env.NETFENCE_DIR = saved.NETFENCE_DIR;
    }
  };
}

/** Runs git in a repository with a fixed identity, returning its trimmed output. */
export function git(repo: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}
