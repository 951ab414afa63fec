import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { NetfenceError } from '../core/errors';
import { AppError, appFailure } from './app-error';
import { NetfenceApp } from './netfence-app';
import { readAppOutput } from './app-command';
import { recordProvenance } from '../constructs/provenance';

/** The part of ts-node that loading a TypeScript app needs. */
export interface TsNodeRegister {
  /** Hooks `require` so `.ts` files compile on load. */
  register(options: { transpileOnly: boolean; project?: string }): unknown;
}

/** How `loadApp` finds ts-node; replaceable so the "not installed" path can be tested. */
export type TsNodeLocator = (fromDir: string) => TsNodeRegister | undefined;

/** Finds ts-node next to the app, then next to netfence. */
export const locateTsNode: TsNodeLocator = (fromDir) => {
  for (const paths of [[fromDir], undefined]) {
    try {
      // Loaded on demand: ts-node is optional, and only .ts apps need it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(require.resolve('ts-node', paths ? { paths } : undefined)) as TsNodeRegister;
    } catch {
      // try the next place
    }
  }
  return undefined;
};

// Duck-typed rather than `instanceof App`: the app may load its own copy of cdk8s.
function isApp(x: unknown): x is App {
  return Construct.isConstruct(x) && x.node.scope === undefined && typeof (x as { synth?: unknown }).synth === 'function';
}

/** Options of `loadAppModule`. */
export interface LoadAppOptions {
  /** The tsconfig a ts-node command named (`-P`); ts-node's own lookup when absent. */
  readonly tsProject?: string;
  /** Finds ts-node. @default next to the app, then next to netfence */
  readonly tsNode?: TsNodeLocator;
  /**
   * Record where each construct is created while the module loads and its factory runs, so the
   * rendered objects carry `netfence.dev/source` and `netfence.dev/construct-path`.
   * @default false
   */
  readonly provenance?: boolean;
}

/** What loading a module gave: its App, or the files it wrote itself. */
export type LoadedAppModule =
  | { readonly kind: 'app'; readonly app: App }
  | { readonly kind: 'files'; readonly files: ReadonlyMap<string, string> };

type SynthMethod = (this: App) => void;

/**
 * While a module loads, `App.prototype.synth` (of netfence's cdk8s, of the copy the app resolves,
 * and NetfenceApp's) records the app instead of writing files: a module that ends in
 * `app.synth()`, as every `cdk8s init` app does, writes nothing, and netfence synthesizes the
 * recorded App itself.
 */
class SynthCapture {
  public readonly apps: App[] = [];
  private readonly restore: (() => void)[] = [];

  public constructor(appDir: string) {
    const prototypes = new Set<{ synth: SynthMethod }>();
    prototypes.add(App.prototype as unknown as { synth: SynthMethod });
    prototypes.add(NetfenceApp.prototype as unknown as { synth: SynthMethod });
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const theirs = require(require.resolve('cdk8s', { paths: [appDir] })) as { App?: { prototype: { synth: SynthMethod } } };
      if (theirs.App) prototypes.add(theirs.App.prototype);
    } catch {
      // The app has no cdk8s of its own: it uses netfence's.
    }
    const apps = this.apps;
    for (const proto of prototypes) {
      const own = Object.prototype.hasOwnProperty.call(proto, 'synth');
      const original = proto.synth;
      proto.synth = function captured(this: App): void {
        if (!apps.includes(this)) apps.push(this);
      };
      this.restore.push(() => {
        if (own) proto.synth = original;
        else delete (proto as Partial<{ synth: SynthMethod }>).synth;
      });
    }
  }

  public dispose(): void {
    for (const r of this.restore.splice(0)) r();
  }
}

/**
 * Loads an app module in this process with no side effect on the output folder: CDK8S_OUTDIR
 * points at a private temporary folder and `App.synth()` is recorded rather than run while the
 * module loads and its factory runs. Gives the exported App (`default`, `app`, or the module
 * itself; an App or a function returning one, possibly async), else the App the module
 * synthesized, else the files it wrote into CDK8S_OUTDIR by other means.
 */
export async function loadAppModule(modulePath: string, options: LoadAppOptions = {}): Promise<LoadedAppModule> {
  const file = path.resolve(modulePath);
  if (!fs.existsSync(file)) {
    throw new NetfenceError(`cannot find the app module ${modulePath}; give the path of a .js (or .ts) file that exports the App`);
  }
  // Already hooked when running under ts-node (or after a first .ts app).
  if (/\.[cm]?tsx?$/.test(file) && !require.extensions['.ts']) {
    const tsn = (options.tsNode ?? locateTsNode)(path.dirname(file));
    if (tsn === undefined) {
      throw new NetfenceError(
        `${modulePath} is TypeScript and ts-node is not installed; compile it first (tsc) and pass the .js file, or npm install --save-dev ts-node`,
      );
    }
    tsn.register({ transpileOnly: true, ...(options.tsProject === undefined ? {} : { project: path.resolve(options.tsProject) }) });
  }
  const privateOut = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-app-'));
  const savedOutdir = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = privateOut;
  const capture = new SynthCapture(path.dirname(file));
  const stopRecording = options.provenance === true ? recordProvenance([path.dirname(file)]) : undefined;
  try {
    let mod: Record<string, unknown>;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require(file) as Record<string, unknown>;
    } catch (e) {
      const failure = appFailure(e, `loading ${modulePath}`);
      if (failure instanceof AppError) throw new NetfenceError(`cannot load ${modulePath}: ${(e as Error).message.split('\n')[0]}`);
      throw failure;
    }
    const candidates = [mod.default, mod.app, mod];
    const exported = candidates.find((c) => isApp(c) || typeof c === 'function');
    if (exported !== undefined) {
      let value: unknown;
      try {
        value = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
      } catch (e) {
        throw appFailure(e, `running the function ${modulePath} exports`);
      }
      if (!isApp(value)) throw new NetfenceError(`the function ${modulePath} exports did not return a cdk8s App; return the App it builds`);
      return { kind: 'app', app: value };
    }
    if (capture.apps.length === 1) return { kind: 'app', app: capture.apps[0] };
    if (capture.apps.length > 1) {
      throw new NetfenceError(`${modulePath} synthesizes ${capture.apps.length} apps; export the one to use as \`default\` or \`app\``);
    }
    const files = readAppOutput(privateOut);
    if (files.size > 0) return { kind: 'files', files };
    throw new NetfenceError(`${modulePath} exports no App and synthesizes none: export it as \`default\` or \`app\` (an App, or a function returning one), or end with app.synth()`);
  } finally {
    stopRecording?.();
    capture.dispose();
    if (savedOutdir === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = savedOutdir;
    fs.rmSync(privateOut, { recursive: true, force: true });
  }
}

/**
 * Loads the App a module exports (or synthesizes): see `loadAppModule`. The module's own
 * `app.synth()` writes nothing while it loads.
 */
export async function loadApp(modulePath: string, tsNode: TsNodeLocator = locateTsNode): Promise<App> {
  const loaded = await loadAppModule(modulePath, { tsNode });
  if (loaded.kind === 'app') return loaded.app;
  throw new NetfenceError(`${modulePath} wrote its manifests without a cdk8s App netfence can see; synthesize it with netfence synth --app ${modulePath}`);
}
