/**
 * `cdk8s.yaml`, read as `cdk8s synth` reads it (cdk8s-cli's config.ts): from the current folder,
 * `app` the command that runs the app, `output` the folder (default `dist`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { NetfenceError } from '../core/errors';
import { readInputFile } from '../io/input-files';

/** The name of cdk8s's project file. */
export const CDK8S_CONFIG_FILE = 'cdk8s.yaml';

/** The output folder `cdk8s synth` uses when neither `--output` nor `output:` says. */
export const DEFAULT_OUTPUT = 'dist';

/** The parts of `cdk8s.yaml` that synthesis uses. */
export interface Cdk8sConfig {
  /** The command that runs the app, e.g. `npx ts-node main.ts`. */
  readonly app?: string;
  /** The output folder. */
  readonly output?: string;
  /** The app's language (`typescript`, `python`, ...), as `cdk8s init` writes it. */
  readonly language?: string;
  /** Where the file was read from. */
  readonly file: string;
}

/** Reads `cdk8s.yaml` in `dir`; undefined when there is none. Bad content is an error naming the file. */
export function readCdk8sConfig(dir: string = process.cwd()): Cdk8sConfig | undefined {
  const file = path.join(dir, CDK8S_CONFIG_FILE);
  if (!fs.existsSync(file)) return undefined;
  let doc: unknown;
  try {
    doc = parse(readInputFile(file));
  } catch (e) {
    if (e instanceof NetfenceError) throw e;
    throw new NetfenceError(`not valid YAML: ${(e as Error).message.split('\n')[0]}`, { location: { file } });
  }
  if (doc === null || doc === undefined) return { file };
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new NetfenceError('must be a mapping (app: <command>, output: <folder>)', { location: { file } });
  const { app, output, language } = doc as Record<string, unknown>;
  if (app !== undefined && (typeof app !== 'string' || app.trim() === '')) throw new NetfenceError('app: must be the command that runs the app, e.g. "npx ts-node main.ts"', { location: { file } });
  if (output !== undefined && (typeof output !== 'string' || output.trim() === '')) throw new NetfenceError('output: must be a folder, e.g. dist', { location: { file } });
  if (language !== undefined && typeof language !== 'string') throw new NetfenceError('language: must be a word, e.g. typescript', { location: { file } });
  return { file, ...(app === undefined ? {} : { app }), ...(output === undefined ? {} : { output }), ...(language === undefined ? {} : { language }) };
}
