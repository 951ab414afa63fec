/**
 * The YAML path of the loader: the `yaml` package parses (syntax and positions), and every value
 * is composed here through kubectl's dialect (kube-yaml.ts), never through the package's own
 * YAML 1.1 resolution, so `0o755`, `1:30` and `08` mean what they mean to kubectl.
 */
import { Alias, Document, isAlias, isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments, Scalar } from 'yaml';
import { NetfenceError, SourceLocation } from '../core/errors';
import { AliasBudget, DialectError, isMergeKey, jsonKey, jsonValue, resolveScalar, ScalarStyle, setJsonProperty } from './kube-yaml';
import type { FieldPath, LoadedManifest } from './manifests';

/** Deeper than this, a document is refused rather than risking the stack (go-yaml stops at 10,000 too). */
export const MAX_YAML_DEPTH = 10_000;

function styleOf(s: Scalar): ScalarStyle {
  if (s.type === 'PLAIN') return 'plain';
  if (s.type === 'BLOCK_LITERAL' || s.type === 'BLOCK_FOLDED') return 'block';
  return 'quoted';
}

function textOf(s: Scalar): string {
  return typeof s.source === 'string' ? s.source : s.value === null || s.value === undefined ? '' : String(s.value);
}

/** A mapping key as its JSON key; undefined when the key cannot be one. */
function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  try {
    return jsonKey(resolveScalar(textOf(key), styleOf(key), key.tag));
  } catch {
    return undefined;
  }
}

/** Turns one document's nodes into JSON values by kubectl's rules. */
class Composer {
  private readonly budget = new AliasBudget();
  private readonly expanding = new Set<Node>();

  public constructor(
    private readonly doc: Document,
    private readonly at: (node: unknown) => SourceLocation,
  ) {}

  private fail(node: unknown, message: string): never {
    throw new NetfenceError(message, { location: this.at(node) });
  }

  private count(node: unknown): void {
    try {
      this.budget.decode();
    } catch (e) {
      if (e instanceof DialectError) this.fail(node, e.message);
      throw e;
    }
  }

  public value(node: unknown, depth: number): unknown {
    if (depth > MAX_YAML_DEPTH) this.fail(node, `nested deeper than ${MAX_YAML_DEPTH} levels`);
    this.count(node);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.alias(node, depth);
    if (isScalar(node)) return this.scalar(node);
    if (isSeq(node)) {
      const out: unknown[] = [];
      for (const item of node.items) out.push(this.value(item, depth + 1));
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      this.mapInto(node.items, out, depth);
      return out;
    }
    return this.fail(node, 'unsupported YAML node');
  }

  private alias(node: Alias, depth: number): unknown {
    const target = node.resolve(this.doc);
    if (target === undefined) this.fail(node, `unknown anchor '${node.source}' referenced`);
    if (this.expanding.has(target)) this.fail(node, `anchor '${node.source}' value contains itself`);
    this.expanding.add(target);
    this.budget.enter();
    try {
      return this.value(target, depth + 1);
    } finally {
      this.budget.leave();
      this.expanding.delete(target);
    }
  }

  private scalar(node: Scalar): unknown {
    const text = textOf(node);
    try {
      return jsonValue(resolveScalar(text, styleOf(node), node.tag), text);
    } catch (e) {
      if (e instanceof DialectError) this.fail(node, e.message);
      throw e;
    }
  }

  private mapInto(items: readonly { key: unknown; value: unknown }[], out: Record<string, unknown>, depth: number): void {
    const explicit = new Set<string>();
    for (const pair of items) {
      const key = pair.key;
      if (isScalar(key) && isMergeKey(textOf(key), styleOf(key), key.tag)) {
        this.count(key);
        this.merge(pair.value, out, depth);
        continue;
      }
      this.count(key);
      if (!isScalar(key)) this.fail(key, 'invalid map key: a mapping or list cannot be a key');
      let name: string;
      try {
        name = jsonKey(resolveScalar(textOf(key), styleOf(key), key.tag));
      } catch (e) {
        if (e instanceof DialectError) this.fail(key, e.message);
        throw e;
      }
      if (explicit.has(name)) this.fail(key, `duplicate key ${JSON.stringify(name)} in a mapping; each key may appear once`);
      explicit.add(name);
      setJsonProperty(out, name, this.value(pair.value, depth + 1));
    }
  }

  /** `<<`: a mapping, an alias of one, or a list of them (earlier entries win). */
  private merge(value: unknown, out: Record<string, unknown>, depth: number): void {
    const mapping = (n: unknown): boolean => isMap(n) || (isAlias(n) && isMap(n.resolve(this.doc)));
    const sources = isSeq(value) ? [...value.items].reverse() : [value];
    if (!sources.every(mapping)) this.fail(value, 'map merge requires map or sequence of maps as the value');
    for (const source of sources) {
      const merged = this.value(source, depth + 1) as Record<string, unknown>;
      for (const k of Object.keys(merged)) setJsonProperty(out, k, merged[k]);
    }
  }
}

function isNodeLike(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'range' in v;
}

/** The node at a field path, or its nearest existing ancestor (a collection is located at its key). */
function nodeAt(doc: Document, fieldPath: FieldPath, exact = false): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = isNodeLike(node) ? node : undefined;
  let keyOfLast: Node | undefined;
  for (const key of fieldPath) {
    keyOfLast = undefined;
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(key));
      if (!pair) return exact ? undefined : last;
      node = pair.value ?? pair.key;
      keyOfLast = isNodeLike(pair.key) ? pair.key : undefined;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return exact ? undefined : last;
    }
    if (!isNodeLike(node)) return exact ? undefined : last;
    last = node;
  }
  if (!exact && keyOfLast && (isMap(last) || isSeq(last))) return keyOfLast;
  return last;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses YAML text holding one or many documents into manifests: empty documents skipped,
 * `kind: List` unwrapped, every scalar resolved as kubectl resolves it. Errors carry file, line
 * and column.
 */
export function parseYamlManifests(text: string, file: string): LoadedManifest[] {
  const lineCounter = new LineCounter();
  const toLocation = (offset: number): SourceLocation => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    // Syntax only: merge keys, duplicate keys and scalar types are decided by kubectl's rules below.
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, version: '1.1', merge: false, uniqueKeys: false });
  } catch (e) {
    if (e instanceof RangeError) throw new NetfenceError('not valid YAML: nested too deeply to read', { location: { file } });
    throw e;
  }
  // A file with only comments parses to an EmptyStream, which is not an array.
  if (!Array.isArray(docs)) return [];
  const out: LoadedManifest[] = [];
  for (const doc of docs) {
    const firstError = doc.errors[0];
    if (firstError) {
      throw new NetfenceError(`not valid YAML: ${firstError.message.split('\n')[0]}`, { location: toLocation(firstError.pos[0]) });
    }
    if (doc.contents === null) continue;
    const at = (node: unknown): SourceLocation => toLocation(isNodeLike(node) ? node.range?.[0] ?? 0 : 0);
    let value: unknown;
    try {
      value = new Composer(doc, at).value(doc.contents, 0);
    } catch (e) {
      if (e instanceof RangeError) throw new NetfenceError('not valid YAML: nested too deeply to read', { location: at(doc.contents) });
      throw e;
    }
    if (value === null || value === undefined) continue;
    const locate = (fieldPath: FieldPath): SourceLocation => at(nodeAt(doc, fieldPath));
    const scalarText = (fieldPath: FieldPath): string | undefined => {
      const node = nodeAt(doc, fieldPath, true);
      return isScalar(node) && node.type === 'PLAIN' ? textOf(node) : undefined;
    };
    if (!isMapping(value)) {
      throw new NetfenceError('a manifest must be a mapping with apiVersion, kind and metadata', { location: locate([]) });
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      const items = value.items;
      for (let i = 0; i < items.length; i++) {
        const item: unknown = items[i];
        if (!isMapping(item)) throw new NetfenceError('a List item must be a mapping', { location: locate(['items', i]) });
        out.push({
          object: item,
          source: locate(['items', i]),
          locate: (p) => locate(['items', i, ...p]),
          scalarText: (p) => scalarText(['items', i, ...p]),
        });
      }
      continue;
    }
    out.push({ object: value, source: locate([]), locate, scalarText });
  }
  return out;
}
