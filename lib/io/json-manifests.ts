/**
 * The JSON path of the loader: a `kubectl get -o json` dump parses an order of magnitude faster
 * with JSON.parse than as YAML. JSON.parse keeps the last of duplicate keys silently, so the text
 * is also scanned once for its member count: when the parsed objects hold fewer members than the
 * text names, some key was repeated, and the YAML path reports where. Positions are computed (by
 * the YAML path) only when a message needs one.
 */
import { SourceLocation } from '../core/errors';
import type { FieldPath, LoadedManifest } from './manifests';
import { parseYamlManifests } from './yaml-manifests';

/** How many object members (`"key": value`) the JSON text holds: its colons outside strings. */
function memberCount(text: string): number {
  let count = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a /* : */) count++;
    else if (c === 0x22 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    }
  }
  return count;
}

/** How many members the parsed value's objects hold, without recursion. */
function parsedMemberCount(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push(x);
      continue;
    }
    const keys = Object.keys(v);
    count += keys.length;
    for (const k of keys) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'object' && x !== null) stack.push(x);
    }
  }
  return count;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Positions of one file, computed once, on the first request. */
export class LazyPositions {
  private positioned: LoadedManifest[] | undefined;

  public constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  public at(i: number): LoadedManifest {
    return (this.positioned ??= parseYamlManifests(this.text, this.file))[i];
  }
}

/**
 * One object read by a fast path (JSON.parse, the fast YAML reader); its positions (and, for
 * YAML, the text of its plain scalars) come from the file's lazy full reading.
 */
export class LazyManifest implements LoadedManifest {
  public constructor(
    public readonly object: Record<string, unknown>,
    private readonly index: number,
    private readonly positions: LazyPositions,
    private readonly yamlText = false,
  ) {
    // JSON has no plain scalars to quote: only the YAML text offers them.
    if (!yamlText) this.scalarText = undefined;
  }

  public scalarText?(fieldPath: FieldPath): string | undefined {
    return this.yamlText ? this.positions.at(this.index).scalarText?.(fieldPath) : undefined;
  }

  public get source(): SourceLocation {
    return this.positions.at(this.index).source;
  }

  public locate(fieldPath: FieldPath): SourceLocation {
    return this.positions.at(this.index).locate(fieldPath);
  }
}

/**
 * Reads JSON text as manifests (one object, or `kind: List` unwrapped), or undefined when the
 * text is not a JSON mapping of mappings, or repeats a key: the YAML path then reports it.
 */
export function parseJsonManifests(text: string, file: string): LoadedManifest[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isMapping(value)) return undefined;
  if (parsedMemberCount(value) !== memberCount(text)) return undefined;
  const items: unknown[] = value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
  const positions = new LazyPositions(text, file);
  const out: LoadedManifest[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isMapping(item)) return undefined;
    out.push(new LazyManifest(item, i, positions));
  }
  return out;
}
