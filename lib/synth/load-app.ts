import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { NetfenceError } from '../core/errors';

/** The part of ts-node that loading a TypeScript app needs. */
export interface TsNodeRegister {
  /** Hooks `require` so `.ts` files compile on load. */
  register(options: { transpileOnly: boolean }): unknown;
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

/**
 * Loads the App a module exports: its `default` or `app` export (or the module itself), being an
 * App or a function returning one, possibly async. `.ts` modules are compiled on load with
 * ts-node in transpile-only mode, when ts-node is installed.
 */
export async function loadApp(modulePath: string, tsNode: TsNodeLocator = locateTsNode): Promise<App> {
  const file = path.resolve(modulePath);
  if (!fs.existsSync(file)) {
    throw new NetfenceError(`cannot find the app module ${modulePath}; give the path of a .js (or .ts) file that exports the App`);
  }
  // Already hooked when running under ts-node (or after a first .ts app).
  if (/\.[cm]?tsx?$/.test(file) && !require.extensions['.ts']) {
    const tsn = tsNode(path.dirname(file));
    if (tsn === undefined) {
      throw new NetfenceError(
        `${modulePath} is TypeScript and ts-node is not installed; compile it first (tsc) and pass the .js file, or npm install --save-dev ts-node`,
      );
    }
    tsn.register({ transpileOnly: true });
  }
  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(file) as Record<string, unknown>;
  } catch (e) {
    throw new NetfenceError(`cannot load ${modulePath}: ${(e as Error).message}`);
  }
  const candidates = [mod.default, mod.app, mod];
  const exported = candidates.find((c) => isApp(c) || typeof c === 'function');
  if (exported === undefined) {
    throw new NetfenceError(
      `${modulePath} exports no App: export it as \`default\` or \`app\` (an App, or a function returning one)`,
    );
  }
  const value: unknown = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  if (!isApp(value)) {
    throw new NetfenceError(`the function ${modulePath} exports did not return a cdk8s App; return the App it builds`);
  }
  return value;
}
