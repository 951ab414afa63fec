/**
 * What to run to get an app: a module netfence loads in its own process (the fast path), or a
 * command it runs the way `cdk8s synth` does. `--app` names either; without it, `cdk8s.yaml`'s
 * `app` command is used, and when that command only runs one module with node or ts-node
 * (`npx ts-node main.ts`, `node main.js`), the module is loaded directly.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NetfenceError } from '../core/errors';
import { CDK8S_CONFIG_FILE, Cdk8sConfig } from './cdk8s-config';

/** A module loaded in process, with the ts-node project its command named, if any. */
export interface ModuleSource {
  readonly kind: 'module';
  readonly path: string;
  /** `-P`/`--project` of a ts-node command. */
  readonly tsProject?: string;
}

/** A command run through the shell, with CDK8S_OUTDIR set. */
export interface CommandSource {
  readonly kind: 'command';
  readonly command: string;
}

/** An app to synthesize. */
export type AppSource = ModuleSource | CommandSource;

/** ts-node flags that change nothing netfence's in-process loading does not do too. */
const TS_NODE_FLAGS = new Set(['--transpile-only', '-T', '--transpileOnly', '--files', '--swc', '--skip-project']);

/**
 * The module a command runs, when the command is exactly `[npx] ts-node [flags] <file>` or
 * `[npx] node <file>` with no shell syntax and no arguments for the app; undefined otherwise.
 */
export function moduleOfCommand(command: string): ModuleSource | undefined {
  if (/[;&|<>$`'"\\(){}*?~!#]/.test(command)) return undefined;
  const words = command.trim().split(/\s+/);
  if (words[0] === 'npx') words.shift();
  const runner = words.shift();
  if (runner !== 'node' && runner !== 'ts-node') return undefined;
  let tsProject: string | undefined;
  const rest: string[] = [];
  while (words.length > 0) {
    const w = words.shift() as string;
    if (runner === 'ts-node' && TS_NODE_FLAGS.has(w)) continue;
    if (runner === 'ts-node' && (w === '-P' || w === '--project')) {
      tsProject = words.shift();
      if (tsProject === undefined) return undefined;
      continue;
    }
    if (runner === 'ts-node' && w.startsWith('--project=')) {
      tsProject = w.slice('--project='.length);
      continue;
    }
    if (w.startsWith('-')) return undefined;
    rest.push(w);
  }
  if (rest.length !== 1 || !/\.[cm]?[jt]sx?$/.test(rest[0])) return undefined;
  return { kind: 'module', path: rest[0], ...(tsProject === undefined ? {} : { tsProject }) };
}

/**
 * The app to run: `--app` (a module path, or a command when no such file exists and it has
 * arguments), else `cdk8s.yaml`'s `app`; an error saying what to pass when there is neither.
 */
export function resolveAppSource(app: string | undefined, config: Cdk8sConfig | undefined, cwd: string = process.cwd()): AppSource {
  if (app !== undefined) {
    if (app.trim() === '') throw new NetfenceError('--app is empty; give the app module (e.g. --app main.ts) or the command that runs it');
    if (fs.existsSync(path.resolve(cwd, app))) return { kind: 'module', path: app };
    if (/\s/.test(app.trim())) return moduleOfCommand(app) ?? { kind: 'command', command: app };
    throw new NetfenceError(`cannot find the app module ${app}; give the path of a .js (or .ts) file that exports the App, or the command that runs it`);
  }
  if (config?.app !== undefined) return moduleOfCommand(config.app) ?? { kind: 'command', command: config.app };
  throw new NetfenceError(
    config === undefined
      ? `no --app and no ${CDK8S_CONFIG_FILE} in ${cwd}; run it in a cdk8s project, or pass --app <module>`
      : `${config.file} has no app: command; add one (app: npx ts-node main.ts) or pass --app <module>`,
  );
}
