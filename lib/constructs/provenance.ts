/**
 * Provenance: where each synthesized object came from, the construct path and the user's
 * TypeScript (or JavaScript) file:line that created it.
 *
 * Recording is opt-in (`recordProvenance()`, `netfence synth --provenance`, on for
 * `netfence lint --app`): a stack per construct costs measurably (docs/cli.md gives the figure),
 * and line numbers in committed YAML would churn with every edit above them. While recording,
 * `Node.addChild` of the constructs library (netfence's copy and the app's own) captures the
 * stack of every construct as it is created; the user's line is the first frame outside
 * netfence, `node_modules` and Node itself, read after source maps apply (ts-node, jest and
 * `node --enable-source-maps` give the .ts line). Objects written during synthesis (the deferred
 * sides of intents) take the provenance of the intent that asked for them (`createdBy`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { CONSTRUCT_PATH_ANNOTATION, SOURCE_ANNOTATION } from '../io/provenance';

/** Where a construct was created in the user's code: an absolute file and a 1-based line. */
export interface CreationSite {
  readonly file: string;
  readonly line: number;
}

/** A captured stack, formatted only when (and if) an object needs it. */
interface Capture {
  readonly holder: { stack?: string };
  site?: CreationSite | null;
}

type AddChild = (this: unknown, child: IConstruct, childName: string) => void;

interface NodePrototype {
  addChild: AddChild;
}

const captures = new WeakMap<IConstruct, Capture>();
/** Constructs netfence wrote on behalf of another: they take its provenance. */
const inherited = new WeakMap<IConstruct, IConstruct>();
let everRecorded = false;

// Frames in these folders are netfence's or a dependency's, never the user's line.
const OWN_ROOT = path.resolve(__dirname, '..');
const FRAME = /\(?((?:file:\/\/)?[^()\s][^()]*?):(\d+):\d+\)?$/;
const libraryDirs = new Map<string, boolean>();

/**
 * Whether a folder is inside the library of a netfence package (`lib/` or `build/lib/` next to a
 * package.json named netfence): another copy than this one, e.g. an app that imports netfence
 * from a workspace or a linked checkout rather than from node_modules.
 */
function inNetfenceLibrary(dir: string): boolean {
  const known = libraryDirs.get(dir);
  if (known !== undefined) return known;
  let found = false;
  const parent = path.dirname(dir);
  if (parent !== dir) {
    const base = path.basename(dir);
    const root = base === 'lib' ? (path.basename(parent) === 'build' ? path.dirname(parent) : parent) : undefined;
    found = (root !== undefined && isNetfencePackage(root)) || inNetfenceLibrary(parent);
  }
  libraryDirs.set(dir, found);
  return found;
}

function isNetfencePackage(dir: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'netfence';
  } catch {
    return false;
  }
}

function isUserFile(file: string): boolean {
  if (!path.isAbsolute(file)) return false;
  if (file === OWN_ROOT || file.startsWith(OWN_ROOT + path.sep)) return false;
  if (file.split(/[\\/]/).includes('node_modules')) return false;
  return !inNetfenceLibrary(path.dirname(file));
}

/** The first frame of a V8 stack that is in the user's code. */
export function userFrame(stack: string): CreationSite | null {
  for (const raw of stack.split('\n').slice(1)) {
    const m = FRAME.exec(raw.trim());
    if (!m) continue;
    let file = m[1];
    if (file.startsWith('file://')) {
      try {
        file = decodeURIComponent(new URL(file).pathname);
      } catch {
        continue;
      }
    }
    if (isUserFile(file)) return { file, line: Number(m[2]) };
  }
  return null;
}

function siteOf(c: Capture): CreationSite | null {
  if (c.site === undefined) c.site = userFrame(c.holder.stack ?? '');
  return c.site;
}

function record(child: IConstruct): void {
  everRecorded = true;
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  Error.captureStackTrace(holder, record);
  Error.stackTraceLimit = limit;
  captures.set(child, { holder });
}

/** The prototypes of `Node` to hook: netfence's constructs and the one `fromDir` resolves. */
function nodePrototypes(fromDirs: readonly string[]): Set<NodePrototype> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const protos = new Set<NodePrototype>([(require('constructs') as { Node: { prototype: NodePrototype } }).Node.prototype]);
  for (const dir of fromDirs) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const theirs = require(require.resolve('constructs', { paths: [dir] })) as { Node?: { prototype: NodePrototype } };
      if (theirs.Node) protos.add(theirs.Node.prototype);
    } catch {
      // The app has no constructs of its own: it uses netfence's.
    }
  }
  return protos;
}

/** Stops recording (what was recorded stays readable). */
export type StopRecording = () => void;

/** A hooked prototype: what to put back, and how many recordings still need the hook. */
interface Hook {
  readonly own: boolean;
  readonly original: AddChild;
  users: number;
}

const hooks = new Map<NodePrototype, Hook>();

/**
 * Records where every construct created from now on comes from, until the returned function is
 * called. `appDirs`: folders whose own copy of `constructs` is hooked too (an app that resolves
 * another copy than netfence's). Recordings may overlap and stop in any order: each prototype is
 * hooked once, and restored when the last recording that needs it stops.
 */
export function recordProvenance(appDirs: readonly string[] = []): StopRecording {
  const mine = [...nodePrototypes(appDirs)];
  for (const proto of mine) {
    const hook = hooks.get(proto);
    if (hook !== undefined) {
      hook.users++;
      continue;
    }
    const original = proto.addChild;
    hooks.set(proto, { own: Object.prototype.hasOwnProperty.call(proto, 'addChild'), original, users: 1 });
    proto.addChild = function recording(this: unknown, child: IConstruct, childName: string): void {
      original.call(this, child, childName);
      record(child);
    };
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    for (const proto of mine) {
      const hook = hooks.get(proto);
      if (hook === undefined || --hook.users > 0) continue;
      hooks.delete(proto);
      if (hook.own) proto.addChild = hook.original;
      else delete (proto as Partial<NodePrototype>).addChild;
    }
  };
}

/**
 * Attributes a construct netfence wrote during synthesis (a deferred side of an intent) to the
 * construct that asked for it, whose creation the user wrote.
 */
export function createdBy(written: IConstruct, creator: IConstruct): void {
  if (everRecorded) inherited.set(written, creator);
}

/** The user's line that created the construct, or its nearest recorded ancestor (or creator). */
export function creationSite(construct: IConstruct): CreationSite | undefined {
  const seen = new Set<IConstruct>();
  let c: IConstruct | undefined = construct;
  while (c !== undefined && !seen.has(c)) {
    seen.add(c);
    const creator = inherited.get(c);
    if (creator !== undefined) {
      c = creator;
      continue;
    }
    const capture = captures.get(c);
    const site = capture === undefined ? null : siteOf(capture);
    if (site !== null) return site;
    c = c.node.scope;
  }
  return undefined;
}

const roots = new Map<string, string | undefined>();

/** The repository (a folder with `.git`) holding the file, cached per folder. */
function repositoryRoot(dir: string): string | undefined {
  if (roots.has(dir)) return roots.get(dir);
  let found: string | undefined;
  if (fs.existsSync(path.join(dir, '.git'))) found = dir;
  else if (path.dirname(dir) !== dir) found = repositoryRoot(path.dirname(dir));
  roots.set(dir, found);
  return found;
}

/**
 * A file as a '/'-separated path relative to the project root: the git repository holding it
 * (what code scanning and reviewers resolve paths against), else the current folder. Undefined
 * when the file is outside both: an absolute or machine path is never written.
 */
export function projectRelativePath(file: string, cwd: string = process.cwd()): string | undefined {
  const root = repositoryRoot(path.dirname(file)) ?? path.resolve(cwd);
  const rel = path.relative(root, file);
  if (rel === '' || path.isAbsolute(rel) || rel.split(path.sep)[0] === '..') return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * The provenance annotations of an object: `netfence.dev/construct-path` always, and
 * `netfence.dev/source` (`file:line`) when the user's line is known and inside the project.
 * Empty when nothing was recorded for it.
 */
export function provenanceAnnotations(obj: IConstruct): Record<string, string> {
  if (!everRecorded) return {};
  const site = creationSite(obj);
  if (site === undefined) return {};
  const out: Record<string, string> = {};
  const rel = projectRelativePath(site.file);
  if (rel !== undefined) out[SOURCE_ANNOTATION] = `${rel}:${site.line}`;
  out[CONSTRUCT_PATH_ANNOTATION] = obj.node.path;
  return out;
}

/**
 * The object's JSON with its provenance annotations added (a copy). What was recorded replaces
 * whatever the code set under those keys itself: in a pull request the code is the author's, and
 * a hand-written `netfence.dev/source` would point reviewers at a line of the author's choosing.
 * The JSON itself when nothing was recorded for it.
 */
export function withProvenance(obj: IConstruct, json: unknown): unknown {
  const ours = provenanceAnnotations(obj);
  if (Object.keys(ours).length === 0 || typeof json !== 'object' || json === null) return json;
  const doc = json as { metadata?: { annotations?: Record<string, string> } };
  const metadata = doc.metadata ?? {};
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    if (key !== SOURCE_ANNOTATION && key !== CONSTRUCT_PATH_ANNOTATION) annotations[key] = value;
  }
  return { ...doc, metadata: { ...metadata, annotations: { ...ours, ...annotations } } };
}
