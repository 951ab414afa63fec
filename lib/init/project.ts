/**
 * The cdk8s TypeScript project `netfence init` sets up: `cdk8s.yaml` at its root (as
 * `cdk8s init typescript-app` writes it), its package.json, and the app module the config runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NetfenceError } from '../core/errors';
import { moduleOfCommand } from '../synth/app-source';
import { CDK8S_CONFIG_FILE, Cdk8sConfig, readCdk8sConfig } from '../synth/cdk8s-config';
import { readInputFile } from '../io/input-files';

/** A JSON file as read: its text (to keep its layout) and its value. */
export interface JsonFile {
  readonly file: string;
  readonly text: string;
  readonly value: Record<string, unknown>;
}

/** What `netfence init` needs to know about a project. */
export interface InitProject {
  /** The project's root: where cdk8s.yaml and package.json are. */
  readonly dir: string;
  readonly config: Cdk8sConfig;
  readonly packageJson: JsonFile;
  /** The app module cdk8s.yaml's `app` runs, relative to `dir` (`main.ts`), when it names one. */
  readonly appModule?: string;
  /** A projen project: projen owns package.json (and the jest configuration in it). */
  readonly projen: boolean;
  /** netfence is in dependencies or devDependencies. */
  readonly dependsOnNetfence: boolean;
}

/** Reads a JSON file that must hold an object; an error names the file otherwise. */
export function readJsonObject(file: string): JsonFile {
  const text = readInputFile(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new NetfenceError(`not valid JSON: ${(e as Error).message}`, { location: { file } });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NetfenceError('must hold a JSON object', { location: { file } });
  return { file, text, value: value as Record<string, unknown> };
}

function dependsOn(pkg: Record<string, unknown>, name: string): boolean {
  return ['dependencies', 'devDependencies'].some((k) => {
    const deps = pkg[k];
    return typeof deps === 'object' && deps !== null && Object.prototype.hasOwnProperty.call(deps, name);
  });
}

/** Reads the project at `dir`; a folder that is not a cdk8s TypeScript project is an error saying what is missing. */
export function readProject(dir: string): InitProject {
  const config = readCdk8sConfig(dir);
  if (config === undefined) {
    throw new NetfenceError(
      `no ${CDK8S_CONFIG_FILE} in ${dir}; run netfence init at the root of a cdk8s project (\`cdk8s init typescript-app\` makes one)`,
    );
  }
  if (config.language !== undefined && config.language !== 'typescript') {
    throw new NetfenceError(`language: ${config.language}: netfence init sets up TypeScript projects (language: typescript)`, { location: { file: config.file } });
  }
  const packageFile = path.join(dir, 'package.json');
  if (!fs.existsSync(packageFile)) throw new NetfenceError(`no package.json in ${dir}; netfence init needs the project's npm package (npm init, or cdk8s init typescript-app)`);
  const packageJson = readJsonObject(packageFile);
  const module = config.app === undefined ? undefined : moduleOfCommand(config.app);
  const projen = ['.projenrc.ts', '.projenrc.js', '.projenrc.json', '.projenrc.py'].some((f) => fs.existsSync(path.join(dir, f)));
  return {
    dir,
    config,
    packageJson,
    ...(module === undefined ? {} : { appModule: path.normalize(module.path) }),
    projen,
    dependsOnNetfence: dependsOn(packageJson.value, 'netfence'),
  };
}
