import { App } from 'cdk8s';
import { checkArgument } from '../core/arguments';
import { ownedByExtension, replaceOutputFolder } from './output-folder';
import { renderApp } from './render-app';

/** Options of `synthesize`. */
export interface SynthesizeOptions {
  /**
   * The folder to write into.
   * @default the app's `outdir` (cdk8s: the `outdir` prop, else `CDK8S_OUTDIR`, else `dist`)
   */
  readonly outdir?: string;
}

/** What a synthesis wrote. */
export interface SynthesisResult {
  /** The folder written into, as given. */
  readonly outdir: string;
  /** The files written, relative to `outdir` ('/'-separated), in write order. */
  readonly files: readonly string[];
  /** Manifests of the output extension the folder held and the app no longer writes, now removed. */
  readonly removed: readonly string[];
  /** The number of charts synthesized. */
  readonly charts: number;
  /** The number of API objects synthesized. */
  readonly objects: number;
}

/**
 * The files `app.synth()` would write, byte for byte, rendered in memory and in linear time:
 * relative file name ('/'-separated) to YAML text. Throws ValidationFailedError when any
 * construct reports a problem.
 */
export function synthesizeToMemory(app: App): Map<string, string> {
  return new Map(renderApp(app).files);
}

/**
 * Synthesizes the app the way `app.synth()` does, with the same files byte for byte, but in time
 * linear in the app, and atomically: everything is rendered, then written into a staging folder
 * beside `outdir` that replaces it only when every file is written. Nothing changes when
 * validation or a write fails. Manifests of the app's output extension that it no longer writes
 * are removed (as `cdk8s synth` does); other files in the folder are kept; symlinks in it are
 * never written through.
 */
export function synthesize(app: App, options: SynthesizeOptions = {}): SynthesisResult {
  checkArgument(typeof app === 'object' && app !== null && typeof (app as { synth?: unknown }).synth === 'function', 'synthesize', 'app', 'a cdk8s App', app);
  checkArgument(options?.outdir === undefined || typeof options.outdir === 'string', 'synthesize', 'options.outdir', 'a folder path (a string)', options?.outdir);
  const rendered = renderApp(app);
  const outdir = options.outdir ?? app.outdir;
  const result = replaceOutputFolder(outdir, { files: rendered.files, directories: rendered.directories, owned: ownedByExtension(app.outputFileExtension) });
  return { outdir, files: [...rendered.files.keys()], removed: result.removed, charts: rendered.charts, objects: rendered.objects };
}

/** netfence's default synthesis: `synth(app)` in place of `app.synth()`, same files, linear time. */
export function synth(app: App, options: SynthesizeOptions = {}): SynthesisResult {
  return synthesize(app, options);
}
