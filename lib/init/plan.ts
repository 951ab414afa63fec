/**
 * What `netfence init` does to a project, decided before anything is written: each file it
 * creates, edits, leaves as it is, keeps (a file of the user's that differs from the template,
 * never overwritten without `force`), or leaves to the user with the reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NetfenceError } from '../core/errors';
import { chartStatement, EXAMPLE_CHART_CLASS, wireExampleChart } from './app-wiring';
import { addSetupToJson, addSetupToScript, ConfigEdit, findJestConfig, newJestConfig, setupEntry } from './jest-config';
import { InitProject, readProject } from './project';
import { InitTemplates } from './templates';

/** What happens to one file. */
export type InitActionKind = 'create' | 'update' | 'replace' | 'unchanged' | 'kept' | 'skipped' | 'manual';

/** One file's action. */
export interface InitAction {
  readonly kind: InitActionKind;
  /** The file, relative to the project root, '/'-separated. */
  readonly file: string;
  /** What the file is for, what changed, or why nothing was done. */
  readonly note: string;
  /** The file's new text, for create, update and replace. */
  readonly text?: string;
}

/** Everything `netfence init` would do. */
export interface InitPlan {
  readonly project: InitProject;
  readonly actions: readonly InitAction[];
}

/** Options of `planInit`. */
export interface InitOptions {
  /** Replace files that exist and differ from the templates. @default false */
  readonly force?: boolean;
}

/** The files init writes whole, relative to the folder of the app module (the example) or the project root. */
export const INIT_FILES = {
  chart: 'policies.ts',
  test: 'policies.test.ts',
  setup: 'netfence.setup.ts',
  workflow: '.github/workflows/netfence.yml',
} as const;

const slash = (p: string): string => p.split(path.sep).join('/');

/** The action for a file init writes whole. */
function wholeFile(dir: string, file: string, text: string, note: string, force: boolean): InitAction {
  const full = path.join(dir, file);
  const rel = slash(file);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(full);
  } catch {
    return { kind: 'create', file: rel, note, text };
  }
  if (!stat.isFile()) throw new NetfenceError(`${full} exists and is not a file; move it away, then run netfence init again`);
  if (fs.readFileSync(full, 'utf8') === text) return { kind: 'unchanged', file: rel, note };
  if (force) return { kind: 'replace', file: rel, note, text };
  return { kind: 'kept', file: rel, note: 'exists and differs from netfence\'s; kept (--force replaces it)' };
}

function fromEdit(file: string, edit: ConfigEdit, done: string): InitAction {
  if (edit.kind === 'updated') return { kind: 'update', file: slash(file), note: done, text: edit.text };
  if (edit.kind === 'unchanged') return { kind: 'unchanged', file: slash(file), note: done };
  return { kind: 'manual', file: slash(file), note: edit.reason };
}

function jestAction(project: InitProject, setupFile: string): InitAction {
  const entry = setupEntry(setupFile);
  const done = `setupFilesAfterEnv: ${entry}`;
  if (project.projen) {
    return { kind: 'manual', file: '.projenrc', note: `projen owns the jest configuration: add jestOptions: { jestConfig: { setupFilesAfterEnv: ['${entry}'] } } to .projenrc, then run projen` };
  }
  const where = findJestConfig(project);
  if (where.kind === 'package-json') return fromEdit('package.json', addSetupToJson(project.packageJson.text, entry, 'jest'), `jest.${done}`);
  if (where.kind === 'none') {
    const pkg = project.packageJson.value;
    const hasTsJest = ['dependencies', 'devDependencies'].some((k) => typeof pkg[k] === 'object' && pkg[k] !== null && 'ts-jest' in (pkg[k] as object));
    if (!hasTsJest) return { kind: 'manual', file: 'jest.config.js', note: 'no jest configuration and no ts-jest: npm install --save-dev jest ts-jest @types/jest, then run netfence init again' };
    return { kind: 'create', file: 'jest.config.js', note: `ts-jest, with ${done}`, text: newJestConfig(entry) };
  }
  if (path.dirname(path.normalize(where.file)) !== '.') {
    return { kind: 'manual', file: slash(where.file), note: `jest's configuration is not at the project root; add '${entry}' (with the path from its rootDir) to its setupFilesAfterEnv` };
  }
  const full = path.join(project.dir, where.file);
  if (!fs.existsSync(full)) throw new NetfenceError(`the test script names ${where.file} as jest's configuration, but there is no such file in ${project.dir}`);
  const text = fs.readFileSync(full, 'utf8');
  let edit: ConfigEdit;
  if (where.file.endsWith('.json')) {
    try {
      edit = addSetupToJson(text, entry);
    } catch (e) {
      throw new NetfenceError(`not valid JSON: ${(e as Error).message}`, { location: { file: full } });
    }
  } else edit = addSetupToScript(text, entry);
  return fromEdit(where.file, edit, done);
}

function appAction(project: InitProject, chartFile: string): InitAction {
  const todo = `add ${chartStatement('app')} (import { ${EXAMPLE_CHART_CLASS} } from './${path.basename(chartFile, '.ts')}') to your app`;
  const module = project.appModule;
  if (module === undefined) return { kind: 'manual', file: 'cdk8s.yaml', note: `its app: is not one module netfence can edit; ${todo}` };
  if (!/\.tsx?$/.test(module)) return { kind: 'manual', file: slash(module), note: `not TypeScript; ${todo}` };
  const full = path.join(project.dir, module);
  if (!fs.existsSync(full)) return { kind: 'manual', file: slash(module), note: `cdk8s.yaml runs it, but it does not exist; ${todo}` };
  let specifier = slash(path.relative(path.dirname(module), chartFile)).replace(/\.tsx?$/, '');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  const edit = wireExampleChart(fs.readFileSync(full, 'utf8'), specifier);
  if (edit.kind === 'manual') return { kind: 'manual', file: slash(module), note: `${edit.reason}; ${todo}` };
  return fromEdit(module, edit, `adds ${chartStatement('app').replace(/;$/, '')}, so synth writes the example`);
}

/** The root of the git repository holding `dir`, if any. */
function gitRoot(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** Decides what `netfence init` does in the project at `dir`; reads, never writes. */
export function planInit(dir: string, templates: InitTemplates, options: InitOptions = {}): InitPlan {
  const project = readProject(dir);
  const force = options.force === true;
  const actions: InitAction[] = [];

  // The example goes beside the app module, as cdk8s init puts main.test.ts beside main.ts.
  const exampleDir = project.appModule !== undefined && /\.tsx?$/.test(project.appModule) ? path.dirname(project.appModule) : '.';
  const chartFile = path.join(exampleDir, INIT_FILES.chart);
  const chart = wholeFile(dir, chartFile, templates.chart, 'an example chart: default deny, DNS, frontend -> web on 8080', force);
  actions.push(chart);
  const ours = chart.kind !== 'kept';
  const testFile = path.join(exampleDir, INIT_FILES.test);
  if (ours || fs.existsSync(path.join(dir, testFile))) {
    actions.push(wholeFile(dir, testFile, templates.test, 'what the example must mean, with toAllow / toDeny', force));
  } else {
    actions.push({ kind: 'skipped', file: slash(testFile), note: `not written: ${slash(chartFile)} is yours, and the example's test is about the example` });
  }
  actions.push(wholeFile(dir, INIT_FILES.setup, templates.setup, 'registers toAllow / toDeny with jest', force));
  actions.push(jestAction(project, INIT_FILES.setup));
  if (ours) actions.push(appAction(project, chartFile));

  const root = gitRoot(dir);
  if (root !== undefined && path.resolve(root) !== path.resolve(dir)) {
    actions.push({
      kind: 'manual',
      file: INIT_FILES.workflow,
      note: `the project is in ${slash(path.relative(root, dir))} of its git repository, and GitHub reads workflows only from the repository's root: adapt netfence's examples/ci/netfence.yml there (its README says how)`,
    });
  } else {
    actions.push(wholeFile(dir, INIT_FILES.workflow, templates.workflow, 'CI: tests, drift, lint to code scanning, what a pull request opens and closes', force));
  }
  if (!project.dependsOnNetfence) actions.push({ kind: 'manual', file: 'package.json', note: 'netfence is not a dependency of the project: npm install netfence' });
  return { project, actions };
}
