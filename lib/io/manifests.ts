import * as fs from 'fs';
import * as path from 'path';
import { Document, isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';
import { NetfenceError, SourceLocation } from '../core/errors';

/** A path to a value inside a manifest: object keys and array indices. */
export type FieldPath = readonly (string | number)[];

/** One Kubernetes object read from a file, with a way back to the line of any of its fields. */
export interface LoadedManifest {
  /** The parsed object, as plain JSON data. */
  readonly object: Record<string, unknown>;
  /** Where the object starts. */
  readonly source: SourceLocation;
  /** The position of the value at `fieldPath`, or of its nearest existing ancestor. */
  locate(fieldPath: FieldPath): SourceLocation;
}

/** Formats a field path the way Kubernetes error messages do: `spec.ingress[0].from[1]`. */
export function formatFieldPath(fieldPath: FieldPath): string {
  let out = '';
  for (const part of fieldPath) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Expands files and folders into the manifest files they hold, sorted, so that every run reads
 * them in the same order whatever the file system returns.
 */
export function listManifestFiles(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new NetfenceError(`no such file or folder; pass a YAML or JSON file, or a folder of them`, {
        location: { file: input },
      });
    }
    if (stat.isDirectory()) {
      const children = fs.readdirSync(input).sort();
      const nested = children
        .filter((c) => !c.startsWith('.'))
        .map((c) => path.join(input, c))
        .filter((p) => fs.statSync(p).isDirectory() || MANIFEST_EXTENSIONS.has(path.extname(p)));
      out.push(...listManifestFiles(nested));
    } else {
      out.push(input);
    }
  }
  return out;
}

function nodeAt(doc: Document, fieldPath: FieldPath): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = isNodeLike(node) ? node : undefined;
  let keyOfLast: Node | undefined;
  for (const key of fieldPath) {
    keyOfLast = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return last;
      // A key with no value still has a position: point at the key.
      node = pair.value ?? pair.key;
      keyOfLast = isNodeLike(pair.key) ? pair.key : undefined;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return last;
    }
    if (!isNodeLike(node)) return last;
    last = node;
  }
  // A mapping or list value starts on the line after its key; the key is where a reader looks.
  if (keyOfLast && (isMap(last) || isSeq(last))) return keyOfLast;
  return last;
}

function isNodeLike(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'range' in v;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * JSON (a `kubectl get -o json` dump, say) parses an order of magnitude faster with JSON.parse
 * than as YAML. Positions are only needed for messages, so the YAML reading that knows them runs
 * on the first request only. Anything unusual returns undefined and takes the YAML path, which
 * reports errors with their positions.
 */
function parseJsonManifests(text: string, file: string): LoadedManifest[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isMapping(value)) return undefined;
  const items = value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
  if (!items.every(isMapping)) return undefined;
  let positioned: LoadedManifest[] | undefined;
  const at = (i: number): LoadedManifest => (positioned ??= parseYamlManifests(text, file))[i];
  return items.map((object, i) => ({
    object,
    get source(): SourceLocation {
      return at(i).source;
    },
    locate: (fieldPath: FieldPath) => at(i).locate(fieldPath),
  }));
}

/**
 * Parses YAML (or JSON, which is YAML) text holding one or many documents. Empty documents and
 * `kind: List` wrappers are handled the way kubectl does: skipped, and unwrapped.
 */
export function parseManifests(text: string, file: string): LoadedManifest[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const fast = parseJsonManifests(text, file);
    if (fast) return fast;
  }
  return parseYamlManifests(text, file);
}

function parseYamlManifests(text: string, file: string): LoadedManifest[] {
  const lineCounter = new LineCounter();
  // YAML 1.1, as kubectl reads it (sigs.k8s.io/yaml): unquoted `yes`/`no`/`on`/`off` are
  // booleans and `010` is octal there, and netfence must see what the cluster will see.
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, version: '1.1' });
  const toLocation = (offset: number): SourceLocation => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  // A file with only comments parses to an EmptyStream, which is not an array.
  if (!Array.isArray(docs)) return [];
  const out: LoadedManifest[] = [];
  for (const doc of docs) {
    const firstError = doc.errors[0];
    if (firstError) {
      const loc = toLocation(firstError.pos[0]);
      throw new NetfenceError(`not valid YAML: ${firstError.message.split('\n')[0]}`, { location: loc });
    }
    if (doc.contents === null) continue;
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    const locate = (fieldPath: FieldPath): SourceLocation => {
      const node = nodeAt(doc, fieldPath);
      return toLocation(node?.range?.[0] ?? 0);
    };
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new NetfenceError('a manifest must be a mapping with apiVersion, kind and metadata', {
        location: locate([]),
      });
    }
    const obj = value as Record<string, unknown>;
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      obj.items.forEach((item, i) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          throw new NetfenceError('a List item must be a mapping', { location: locate(['items', i]) });
        }
        out.push({
          object: item as Record<string, unknown>,
          source: locate(['items', i]),
          locate: (p) => locate(['items', i, ...p]),
        });
      });
      continue;
    }
    out.push({ object: obj, source: locate([]), locate });
  }
  return out;
}

/** Reads every manifest in the given files and folders, in a stable order. */
export function loadManifests(inputs: readonly string[]): LoadedManifest[] {
  const out: LoadedManifest[] = [];
  for (const file of listManifestFiles(inputs)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new NetfenceError(`cannot read file: ${(e as Error).message}`, { location: { file } });
    }
    out.push(...parseManifests(text, file));
  }
  return out;
}
