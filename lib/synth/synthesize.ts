import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
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
 * linear in the app. Everything is rendered before the first write, so nothing is written (not
 * even the folder) when validation fails.
 */
export function synthesize(app: App, options: SynthesizeOptions = {}): SynthesisResult {
  const rendered = renderApp(app);
  const outdir = options.outdir ?? app.outdir;
  fs.mkdirSync(outdir, { recursive: true });
  for (const dir of rendered.directories) fs.mkdirSync(path.join(outdir, ...dir.split('/')), { recursive: true });
  for (const [file, text] of rendered.files) {
    fs.writeFileSync(path.join(outdir, ...file.split('/')), text, { encoding: 'utf8' });
  }
  return { outdir, files: [...rendered.files.keys()], charts: rendered.charts, objects: rendered.objects };
}

/** netfence's default synthesis: `synth(app)` in place of `app.synth()`, same files, linear time. */
export function synth(app: App, options: SynthesizeOptions = {}): SynthesisResult {
  return synthesize(app, options);
}
