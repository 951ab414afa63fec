import { stringify as yamlStringify } from 'yaml';

/** The options cdk8s's `Yaml.stringify` passes to the `yaml` package, for every document. */
export const CDK8S_YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

// Strings that are plain scalars in every block context under the YAML 1.1 schema: a letter
// first, then name characters, and none of the words 1.1 reads as booleans, null or floats.
const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const NOT_A_STRING_IN_1_1 = /^(?:[YyNn]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[Nn]ull|NULL|[eE]-?[0-9]+)$/;
// Name characters with a slash somewhere (CIDRs, API groups): no 1.1 number, date or word has one.
const PLAIN_WITH_SLASH = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9._/-]*$/;
const MAX_KEY = 1000;
// `yaml` writes these differently at different depths: not context-free, so left to `yaml`.
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/m;

const valueForms = new Map<string, string | null>();
const keyForms = new Map<string, string | null>();

/** How `yaml` writes the string as a value (or as a key): computed once per distinct string. */
function scalarForm(s: string, asKey: boolean): string | null {
  const cache = asKey ? keyForms : valueForms;
  const known = cache.get(s);
  if (known !== undefined) return known;
  let form: string | null;
  if (s.length <= MAX_KEY && (PLAIN_WITH_SLASH.test(s) || (PLAIN.test(s) && !NOT_A_STRING_IN_1_1.test(s)))) {
    form = s;
  } else if (DOCUMENT_MARKER.test(s) || s.length > MAX_KEY) {
    form = null;
  } else {
    // Ask `yaml` itself, in the same context; only single-line forms are context-free.
    const out = yamlStringify(asKey ? { [s]: 0 } : { k: s }, CDK8S_YAML_OPTIONS);
    const inner = asKey
      ? out.endsWith(': 0\n')
        ? out.slice(0, -4)
        : null
      : out.startsWith('k: ')
        ? out.slice(3, -1)
        : null;
    form = inner !== null && !inner.includes('\n') && !inner.startsWith('? ') && inner.length > 0 ? inner : null;
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(s, form);
  return form;
}

/** Raised inside the emitter when a value is outside what it writes exactly; caught below. */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

function scalar(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': {
      const f = scalarForm(v, false);
      if (f === null) throw UNSUPPORTED;
      return f;
    }
    case 'number':
      if (!Number.isSafeInteger(v) || Object.is(v, -0)) throw UNSUPPORTED;
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      return undefined;
    default:
      throw UNSUPPORTED;
  }
}

function isPlainObject(v: object): v is Record<string, unknown> {
  return Object.getPrototypeOf(v) === Object.prototype;
}

/** Writes a JSON document the way `yaml` 2 writes it with cdk8s's options. */
class Emitter {
  private out = '';
  // `yaml` writes anchors and aliases for an object met twice; that case goes to `yaml`.
  private readonly seen = new Set<object>();

  public document(v: unknown): string {
    // A bare scalar as a whole document follows other rules (document markers); leave it to `yaml`.
    const o = this.enter(v);
    if (Array.isArray(o)) {
      if (o.length === 0) return '[]\n';
      this.seq(o, '', false);
    } else {
      const keys = Object.keys(o);
      if (keys.length === 0) return '{}\n';
      this.map(o, keys, '', false);
    }
    return this.out;
  }

  private enter(v: unknown): unknown[] | Record<string, unknown> {
    if (v === null || typeof v !== 'object') throw UNSUPPORTED;
    if (this.seen.has(v)) throw UNSUPPORTED;
    this.seen.add(v);
    if (Array.isArray(v)) return v;
    if (!isPlainObject(v)) throw UNSUPPORTED;
    return v;
  }

  /** A block map at `indent`; when `inline`, its first line continues a `- ` already written. */
  private map(o: Record<string, unknown>, keys: string[], indent: string, inline: boolean): void {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const k = scalarForm(key, true);
      if (k === null) throw UNSUPPORTED;
      this.out += i === 0 && inline ? k : indent + k;
      this.value(o[key], indent);
    }
  }

  /** A block sequence at `indent`; when `inline`, its first item continues a `- `. */
  private seq(a: unknown[], indent: string, inline: boolean): void {
    for (let i = 0; i < a.length; i++) {
      this.out += i === 0 && inline ? '- ' : `${indent}- `;
      const item = a[i];
      const s = scalar(item);
      if (s !== undefined) {
        this.out += `${s}\n`;
        continue;
      }
      const o = this.enter(item);
      const inner = `${indent}  `;
      if (Array.isArray(o)) {
        if (o.length === 0) this.out += '[]\n';
        else this.seq(o, inner, true);
      } else {
        const keys = Object.keys(o);
        if (keys.length === 0) this.out += '{}\n';
        else this.map(o, keys, inner, true);
      }
    }
  }

  /** The rest of a `key` line: `: scalar`, `: {}`, or a nested block one level in. */
  private value(v: unknown, indent: string): void {
    const s = scalar(v);
    if (s !== undefined) {
      this.out += `: ${s}\n`;
      return;
    }
    const o = this.enter(v);
    const inner = `${indent}  `;
    if (Array.isArray(o)) {
      if (o.length === 0) this.out += ': []\n';
      else {
        this.out += ':\n';
        this.seq(o, inner, false);
      }
    } else {
      const keys = Object.keys(o);
      if (keys.length === 0) this.out += ': {}\n';
      else {
        this.out += ':\n';
        this.map(o, keys, inner, false);
      }
    }
  }
}

/**
 * `yaml`'s `stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })` (what cdk8s
 * writes per document), byte for byte, several times faster: a direct writer for JSON documents
 * of maps, lists, strings, integers and booleans. Anything else in the document (null, floats,
 * shared objects, strings that need more than one line) is handed to `yaml` itself.
 */
export function stringifyDocument(doc: unknown): string {
  if (doc === undefined) return '\n';
  try {
    return new Emitter().document(doc);
  } catch (e) {
    if (e !== UNSUPPORTED) throw e;
    return yamlStringify(doc, CDK8S_YAML_OPTIONS);
  }
}
