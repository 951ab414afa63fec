/**
 * What an app synthesizes, in memory: the one path `synth`, `synth --check` and `lint --app`
 * share. A module loads in this process with no side effect on the output folder (lib/synth
 * load-app.ts); a command runs into a private temporary folder.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NetfenceError } from '../core/errors';
import { escapeText } from '../render/escape';
import { appFailure } from '../synth/app-error';
import { outputExtensionOf, readAppOutput, runAppCommand } from '../synth/app-command';
import { AppSource } from '../synth/app-source';
import { loadAppModule } from '../synth/load-app';
import { renderApp } from '../synth/render-app';

/** What an app synthesizes, in memory. */
export interface SynthesizedApp {
  readonly files: ReadonlyMap<string, string>;
  readonly directories: readonly string[];
  /** The output extension: which files of the folder are its manifests. */
  readonly extension: string;
  readonly charts?: number;
  readonly objects?: number;
}

/** Options of `synthesizeSource`. */
export interface SynthesizeSourceOptions {
  /** Aborts a command app. */
  readonly signal?: AbortSignal;
  /** Record provenance while a module app builds (annotations in the output); commands cannot. */
  readonly provenance?: boolean;
}

/** The error for a command that wrote nothing. */
export function noOutput(command: string): NetfenceError {
  return new NetfenceError(`the app command \`${command}\` wrote no files into CDK8S_OUTDIR; does its App set outdir itself? (leave outdir unset, as cdk8s synth expects)`);
}

/**
 * Says that a command app's objects carry no provenance: only a module netfence loads itself can
 * be followed to its lines, and a silent no-op would look like provenance that found nothing.
 */
export function warnNoProvenance(command: string): void {
  process.stderr.write(`netfence: warning: no provenance for the app command \`${escapeText(command)}\`: only an app netfence loads itself (a module, or a command that is just \`[npx] ts-node <file>\` or \`node <file>\`) records where its objects were written; findings point at the YAML\n`);
}

/** Runs a module in process (no side effects) or a command into a private folder, and returns what it synthesizes. */
export async function synthesizeSource(source: AppSource, options: SynthesizeSourceOptions = {}): Promise<SynthesizedApp> {
  if (source.kind === 'command') {
    if (options.provenance === true) warnNoProvenance(source.command);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-synth-'));
    try {
      await runAppCommand(source.command, dir, options.signal === undefined ? {} : { signal: options.signal });
      const files = readAppOutput(dir);
      if (files.size === 0) throw noOutput(source.command);
      return { files, directories: [], extension: outputExtensionOf(files.keys()) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const loaded = await loadAppModule(source.path, { ...(source.tsProject === undefined ? {} : { tsProject: source.tsProject }), provenance: options.provenance === true });
  if (loaded.kind === 'files') return { files: loaded.files, directories: [], extension: outputExtensionOf(loaded.files.keys()) };
  try {
    const rendered = renderApp(loaded.app);
    return { files: rendered.files, directories: rendered.directories, extension: loaded.app.outputFileExtension, charts: rendered.charts, objects: rendered.objects };
  } catch (e) {
    throw appFailure(e, 'synthesizing');
  }
}
