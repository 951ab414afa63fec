/**
 * Test helpers that judge an app by the files it writes: synthesize into a fresh folder (with
 * netfence's synthesis and with cdk8s's own `app.synth()`), read the files back with the loader,
 * and ask the engine. What a cluster receives is the files, so that is what the tests check.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps } from 'cdk8s';
import { withGenericToJson } from './generic-to-json';
import { evaluateFlow, Inventory, inventoryFromObjects, loadManifests, ProtocolName, synth } from '../../lib';

/** Builds a fresh app each call: synthesis changes an app, so each path gets its own. */
export type Build = (props: AppProps) => App;

/** A pod of the little test cluster. */
export interface TestPod {
  readonly ns: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Named container ports. */
  readonly ports?: Readonly<Record<string, number>>;
}

/** The Pod manifest of a test pod. */
export function podManifest(p: TestPod): Record<string, unknown> {
  const ports = Object.entries(p.ports ?? {}).map(([name, containerPort]) => ({ name, containerPort }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.ns, labels: { ...p.labels } },
    spec: { containers: [{ name: 'c', image: 'x', ports }] },
  };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-written-'));
}

/** Every file under `dir`, relative and '/'-separated, with its text. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.set(r, fs.readFileSync(path.join(dir, r), 'utf8'));
    }
  };
  walk('');
  return out;
}

/** What an app wrote: the files, and the objects read back from them by the loader. */
export interface Written {
  readonly files: Map<string, string>;
  readonly objects: Record<string, unknown>[];
}

/** Synthesizes with netfence's `synth(app)` into a fresh folder and reads it back. */
export function writeWithNetfence(build: Build, props: AppProps = {}): Written {
  return writeInto((dir) => synth(build(props), { outdir: dir }));
}

/**
 * Synthesizes with cdk8s's own `app.synth()`, NetworkPolicies through cdk8s's generic
 * `ApiObject.toJson()`, into a fresh folder and reads it back.
 */
export function writeWithCdk8s(build: Build, props: AppProps = {}): Written {
  return writeInto((dir) => withGenericToJson(() => build({ ...props, outdir: dir }).synth()));
}

function writeInto(write: (dir: string) => void): Written {
  const dir = tmpdir();
  try {
    write(dir);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return readBack(dir);
}

/** Reads a synthesized folder back, then removes it. */
function readBack(dir: string): Written {
  try {
    const files = readTree(dir);
    const objects = [...files.keys()].some((f) => /\.(ya?ml|json)$/.test(f) && f !== 'construct-metadata.json')
      ? loadManifests([dir]).map((m) => m.object)
      : [];
    return { files, objects };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Synthesizes on both paths, checks that they wrote the same files byte for byte, and returns
 * the netfence one.
 */
export function writeBoth(build: Build, props: AppProps = {}): Written {
  const ours = writeWithNetfence(build, props);
  const theirs = writeWithCdk8s(build, props);
  expect([...ours.files.entries()].sort()).toEqual([...theirs.files.entries()].sort());
  return ours;
}

/** The engine's view of the written objects plus the test pods. */
export function world(written: Written | readonly Record<string, unknown>[], pods: readonly TestPod[]): Inventory {
  const objects = Array.isArray(written) ? written : (written as Written).objects;
  return inventoryFromObjects([...pods.map(podManifest), ...objects]);
}

/** True when the engine allows `from -> to` on the port (`ns/name` ends or addresses). */
export function allows(inv: Inventory, from: string, to: string, port: number, protocol: ProtocolName = 'TCP'): boolean {
  return evaluateFlow(inv, { from, to, port, protocol }).allowed;
}

/** The message of what `fn` throws, or undefined when it does not throw. */
export function thrown(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
