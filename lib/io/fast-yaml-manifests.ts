/**
 * The fast YAML path of the loader. `kubectl get -o yaml` dumps and generated manifests use a
 * small part of YAML: block mappings and sequences, one scalar per line, `{}` and `[]`. This
 * reader reads exactly that part, line by line, and resolves every scalar through kubectl's
 * dialect (kube-yaml.ts), as the full path does; on anything else (comments, flow collections
 * with content, anchors, tags, block or multi-line scalars, escapes, tabs, duplicate keys, merge
 * keys, a document the full path would refuse) it declines, and the full path (yaml-manifests.ts)
 * reads the file. Positions come from the full path's reading of the same text, computed only
 * when a message asks for one (as for JSON files). A fast-check law holds it to the full path.
 */
import { DialectError, jsonKey, jsonValue, resolveScalar, setJsonProperty } from './kube-yaml';
import { LazyManifest, LazyPositions } from './json-manifests';
import type { LoadedManifest } from './manifests';

/** One non-blank line: its indentation and its text, trailing spaces removed. */
interface Line {
  readonly indent: number;
  readonly text: string;
}

/** Thrown inside the reader when the text is outside what it reads; caught at the top. */
class Decline extends Error {}

const DECLINE = new Decline();

/** Deeper than this, the full path reads the file (it also knows how deep is too deep). */
const MAX_DEPTH = 200;

/** A plain key the reader accepts: starts with a letter, digit or `_`, then no space or indicator. */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

function decline(): never {
  throw DECLINE;
}

/** Characters that start something other than a plain scalar, or are reserved. */
function startsOddly(c: string): boolean {
  return '?:,[]{}#&*!|>\'"%@`'.includes(c);
}

function dialect<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DialectError) decline();
    throw e;
  }
}

/** A scalar (or `{}` / `[]`) written after `key: ` or `- `. */
function inlineValue(text: string): unknown {
  if (text === '{}') return {};
  if (text === '[]') return [];
  const first = text[0];
  if (first === '"') {
    if (text.length < 2 || !text.endsWith('"')) decline();
    const inner = text.slice(1, -1);
    if (inner.includes('"') || inner.includes('\\')) decline();
    return dialect(() => jsonValue(resolveScalar(inner, 'quoted', undefined), inner));
  }
  if (first === "'") {
    if (text.length < 2 || !text.endsWith("'")) decline();
    const raw = text.slice(1, -1);
    if (raw.replace(/''/g, '').includes("'")) decline();
    const inner = raw.replace(/''/g, "'");
    return dialect(() => jsonValue(resolveScalar(inner, 'quoted', undefined), inner));
  }
  if (startsOddly(first)) decline();
  // `-` starts a plain scalar only before a character that cannot make it an entry.
  if (first === '-' && (text.length === 1 || !/[0-9.]/.test(text[1]))) decline();
  if (text.includes(': ') || text.endsWith(':')) decline();
  return dialect(() => jsonValue(resolveScalar(text, 'plain', undefined), text));
}

/** Reads the block structure of one document's lines. */
class Reader {
  private i = 0;

  public constructor(private readonly lines: Line[]) {}

  public document(): unknown {
    if (this.lines.length === 0) return null;
    if (this.lines[0].indent !== 0) decline();
    const value = this.block(0, 0);
    if (this.i !== this.lines.length) decline();
    return value;
  }

  private isItem(line: Line): boolean {
    return line.text === '-' || line.text.startsWith('- ');
  }

  /** The collection starting at the current line, whose indentation is `indent`. */
  private block(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) decline();
    const line = this.lines[this.i];
    if (line.indent !== indent) decline();
    if (line.text === '{}' || line.text === '[]') {
      // An empty collection on its own line.
      this.i++;
      this.endOfEntry(indent);
      return line.text === '{}' ? {} : [];
    }
    return this.isItem(line) ? this.sequence(indent, depth) : this.mapping(indent, depth);
  }

  /** What follows `key:` or `-` with nothing after it on the line. */
  private nested(indent: number, depth: number, sequenceAtSameIndent: boolean): unknown {
    const next = this.lines[this.i];
    if (next === undefined || next.indent < indent) return null;
    if (next.indent > indent) return this.block(next.indent, depth + 1);
    // kubectl writes a mapping's sequence at the key's own indentation.
    if (sequenceAtSameIndent && this.isItem(next)) return this.sequence(indent, depth + 1);
    return null;
  }

  /** After a value on its own line: nothing may be nested under it. */
  private endOfEntry(indent: number): void {
    const next = this.lines[this.i];
    if (next !== undefined && next.indent > indent) decline();
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (let line = this.lines[this.i]; line !== undefined && line.indent === indent && !this.isItem(line); line = this.lines[this.i]) {
      const colon = line.text.indexOf(':');
      if (colon <= 0) decline();
      const keyText = line.text.slice(0, colon);
      if (!KEY.test(keyText)) decline();
      const rest = line.text.slice(colon + 1);
      if (rest !== '' && rest[0] !== ' ') decline();
      const name = dialect(() => jsonKey(resolveScalar(keyText, 'plain', undefined)));
      if (seen.has(name)) decline();
      seen.add(name);
      this.i++;
      const valueText = rest.trim();
      let value: unknown;
      if (valueText === '') {
        value = this.nested(indent, depth, true);
      } else {
        value = inlineValue(valueText);
        this.endOfEntry(indent);
      }
      setJsonProperty(out, name, value);
    }
    const stop = this.lines[this.i];
    if (stop !== undefined && stop.indent > indent) decline();
    return out;
  }

  private sequence(indent: number, depth: number): unknown[] {
    const out: unknown[] = [];
    for (let line = this.lines[this.i]; line !== undefined && line.indent === indent && this.isItem(line); line = this.lines[this.i]) {
      if (line.text === '-') {
        this.i++;
        out.push(this.nested(indent, depth, false));
        continue;
      }
      const content = line.text.slice(2);
      if (content[0] === ' ') decline();
      const colon = content.indexOf(':');
      if (colon > 0 && (content[colon + 1] === undefined || content[colon + 1] === ' ') && KEY.test(content.slice(0, colon))) {
        // `- key: value`: a mapping whose keys stand two columns right of the dash.
        (this.lines as Line[])[this.i] = { indent: indent + 2, text: content };
        out.push(this.mapping(indent + 2, depth + 1));
        continue;
      }
      if (content.startsWith('- ') || content === '-') decline();
      this.i++;
      out.push(inlineValue(content));
      this.endOfEntry(indent);
    }
    const stop = this.lines[this.i];
    if (stop !== undefined && stop.indent > indent) decline();
    return out;
  }
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The documents of the text as lines, or undefined when something is outside the reader's part of YAML. */
function documents(text: string): Line[][] | undefined {
  if (text.includes('\r') || text.includes('\t') || text.includes('\uFEFF') || text.includes(' #')) return undefined;
  const docs: Line[][] = [[]];
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    let indent = start;
    while (indent < end && text.charCodeAt(indent) === 0x20) indent++;
    let stop = end;
    while (stop > indent && text.charCodeAt(stop - 1) === 0x20) stop--;
    if (stop > indent) {
      const content = text.slice(indent, stop);
      const col = indent - start;
      if (col === 0 && content.startsWith('---')) {
        if (content !== '---') return undefined;
        docs.push([]);
      } else if (content[0] === '#' || (col === 0 && (content[0] === '%' || content.startsWith('...')))) {
        return undefined;
      } else {
        docs[docs.length - 1].push({ indent: col, text: content });
      }
    }
    start = end + 1;
  }
  return docs;
}

/**
 * Reads YAML text as manifests when it is within the part of YAML this reader knows, with the
 * full path's values; undefined otherwise (the full path then reads it, and reports any error).
 */
export function parseFastYamlManifests(text: string, file: string): LoadedManifest[] | undefined {
  const docs = documents(text);
  if (docs === undefined) return undefined;
  const objects: Record<string, unknown>[] = [];
  try {
    for (const lines of docs) {
      const value = new Reader(lines).document();
      if (value === null) continue;
      if (!isMapping(value)) return undefined;
      if (value.kind === 'List' && Array.isArray(value.items)) {
        for (const item of value.items) {
          if (!isMapping(item)) return undefined;
          objects.push(item);
        }
        continue;
      }
      objects.push(value);
    }
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
  const positions = new LazyPositions(text, file);
  return objects.map((object, i) => new LazyManifest(object, i, positions, true));
}
