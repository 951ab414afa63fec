/**
 * The checks the API server applies to a custom resource from its CRD's structural schema, as
 * code: the schema is written out here (crd-schemas.ts), never read from a CRD at run time.
 *
 * What the API server does, in order (k8s.io/apiextensions-apiserver):
 * 1. decodes, and with strict field validation (kubectl's default) rejects unknown fields;
 * 2. drops `null` values of object fields that are not nullable and have no default
 *    (`PruneNonNullableNullsWithoutDefaults`): a `null` field counts as absent, while a `null`
 *    list item stays and fails its type check;
 * 3. applies defaults (`default:` in the schema) to absent fields;
 * 4. validates the OpenAPI schema: types, `required`, `enum`, `minItems`/`maxItems`,
 *    `minProperties`/`maxProperties`, `maxLength`, `pattern`, `minimum`/`maximum`;
 * 5. checks `x-kubernetes-list-type: set` lists for duplicate items;
 * 6. evaluates the CEL rules (`x-kubernetes-validations`), which each kind's validator encodes.
 */
import { FieldPath } from '../io/manifests';
import { describeValue, finding, ValidationFinding } from './finding';
import { closestName } from './suggest';
import { isRecord } from '../core/values';

/** A string field; `pattern` keeps the upstream regular expression with a readable name. */
export interface CrdString {
  readonly type: 'string';
  readonly enum?: readonly string[];
  readonly maxLength?: number;
  readonly pattern?: { readonly regex: RegExp; readonly valid: string };
  readonly default?: string;
}

/** An integer field (`format: int32` or `int64`) with optional bounds. */
export interface CrdInteger {
  readonly type: 'integer';
  readonly format: 'int32' | 'int64';
  readonly minimum?: number;
  readonly maximum?: number;
}

/** A list; `set` lists may not repeat an item. */
export interface CrdArray {
  readonly type: 'array';
  readonly items: CrdSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly listType?: 'set' | 'atomic';
}

/** An object with known fields; `oneOf: true` is the API's "exactly one field set" (min/maxProperties 1). */
export interface CrdObject {
  readonly type: 'object';
  /** The Go type's name, for messages (`ClusterNetworkPolicyEgressPeer`). */
  readonly name: string;
  readonly properties: Readonly<Record<string, CrdSchema>>;
  readonly required?: readonly string[];
  readonly minProperties?: number;
  readonly maxProperties?: number;
  /** What to write instead when the object has too few fields (`tcp: {}`). */
  readonly emptyHint?: string;
  /** Fields only the experimental channel's CRD has, named in unknown-field messages. */
  readonly experimentalFields?: readonly string[];
}

/** A map of strings to values (`additionalProperties`), such as `matchLabels`. */
export interface CrdMap {
  readonly type: 'map';
  readonly values: CrdSchema;
}

/** A field whose content the schema does not constrain (here only `metadata`, checked elsewhere). */
export interface CrdAny {
  readonly type: 'any';
}

/** A node of a CRD's structural schema. */
export type CrdSchema = CrdString | CrdInteger | CrdArray | CrdObject | CrdMap | CrdAny;

/** How every unknown-field message starts. */
const UNKNOWN_FIELD = 'unknown field ';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** "a ClusterNetworkPolicySubject", "an AdminNetworkPolicyPort": the article for a type name. */
function withArticle(name: string): string {
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** What a value of this schema looks like, for "must be ..." messages. */
export function describeSchema(schema: CrdSchema): string {
  switch (schema.type) {
    case 'string':
      if (schema.enum) return `one of ${schema.enum.join(', ')} (case-sensitive)`;
      return 'a string';
    case 'integer': {
      if (schema.minimum !== undefined && schema.maximum !== undefined) return `an integer from ${schema.minimum} to ${schema.maximum}`;
      return 'an integer';
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const bounds = schema.maxItems !== undefined ? `${min} to ${schema.maxItems}` : `at least ${min}`;
      return `a list of ${bounds} items`;
    }
    case 'object':
      return `a mapping (${withArticle(schema.name)})`;
    case 'map':
      return 'a mapping of strings to strings';
    case 'any':
      return 'anything';
  }
}

/** Why a YAML scalar that is not a string probably is one: unquoted `true`, `1.0`, `08`. */
function quoteHint(value: unknown): string {
  if (typeof value === 'boolean' || typeof value === 'number') {
    return `; YAML reads unquoted ${String(value)} as a ${typeof value}: quote it ("${String(value)}")`;
  }
  return '';
}

function typeError(path: FieldPath, value: unknown, schema: CrdSchema): ValidationFinding {
  const hint = schema.type === 'string' ? quoteHint(value) : schema.type === 'integer' && typeof value === 'string' && /^[0-9]+$/.test(value) ? `; write it unquoted (${value})` : '';
  return finding(path, 'wrong type', value, `must be ${describeSchema(schema)}${hint}`);
}

/**
 * Checks `value` against `schema` the way the API server does (steps 1 to 5 above) and returns
 * one finding per problem. `value` undefined means the field is absent. Fields set to `null`
 * count as absent, as the API server drops them before validating.
 */
export function checkCrdSchema(value: unknown, schema: CrdSchema, path: FieldPath): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  walk(value, schema, path, out);
  return out;
}

/**
 * Only the unknown fields under `value` (step 1): for parts of an object the API server decodes
 * but then drops before validating, such as `status` on create.
 */
export function checkCrdUnknownFields(value: unknown, schema: CrdSchema, path: FieldPath): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  walk(value, schema, path, out);
  return out.filter((f) => f.message.startsWith(UNKNOWN_FIELD));
}

function walk(value: unknown, schema: CrdSchema, path: FieldPath, out: ValidationFinding[]): void {
  if (value === undefined || schema.type === 'any') return;
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') {
        out.push(typeError(path, value, schema));
        return;
      }
      if (schema.enum && !schema.enum.includes(value)) {
        const fixed = schema.enum.find((e) => e.toLowerCase() === value.toLowerCase());
        out.push(finding(path, 'unsupported value', value, `must be one of ${schema.enum.join(', ')}${fixed ? ` (case-sensitive: "${fixed}")` : ''}`));
      }
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength) {
        out.push(finding(path, `too long (${[...value].length} characters)`, undefined, `must have at most ${schema.maxLength} characters`));
      }
      if (schema.pattern && !schema.pattern.regex.test(value)) {
        out.push(finding(path, 'invalid value', value, schema.pattern.valid));
      }
      return;
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        out.push(typeError(path, value, schema));
        return;
      }
      const [lo, hi] = schema.format === 'int32' ? [INT32_MIN, INT32_MAX] : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
      if (value < lo || value > hi) {
        out.push(typeError(path, value, schema));
        return;
      }
      if ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum)) {
        out.push(finding(path, 'out of range', value, `must be ${describeSchema(schema)}`));
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) {
        out.push(typeError(path, value, schema));
        return;
      }
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        out.push(finding(path, value.length === 0 ? 'empty list' : `too few items (${value.length})`, undefined, `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}; leave the field out instead of writing an empty list`));
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        out.push(finding(path, `too many items (${value.length})`, undefined, `must have at most ${schema.maxItems} items`));
      }
      value.forEach((item, i) => {
        // A null list item is not pruned: it is a value of the wrong type.
        if (item === null) out.push(typeError([...path, i], item, schema.items));
        else walk(item, schema.items, [...path, i], out);
      });
      if (schema.listType === 'set') {
        const seen = new Map<string, number>();
        value.forEach((item, i) => {
          const key = JSON.stringify(item);
          const first = seen.get(key);
          if (first !== undefined) out.push(finding([...path, i], 'duplicate value', item, `the list is a set: ${describeValue(item)} is already item ${first}; list it once`));
          else seen.set(key, i);
        });
      }
      return;
    }
    case 'map':
      if (!isRecord(value)) {
        out.push(typeError(path, value, schema));
        return;
      }
      for (const [k, v] of Object.entries(value)) {
        if (v !== null) walk(v, schema.values, [...path, k], out);
      }
      return;
    case 'object': {
      if (!isRecord(value)) {
        out.push(typeError(path, value, schema));
        return;
      }
      const known = Object.keys(schema.properties);
      const present: string[] = [];
      let unknown = 0;
      for (const [k, v] of Object.entries(value)) {
        const child = Object.prototype.hasOwnProperty.call(schema.properties, k) ? schema.properties[k] : undefined;
        if (child === undefined) {
          if (schema.experimentalFields?.includes(k)) {
            out.push({
              path: [...path, k],
              message: `${UNKNOWN_FIELD}"${k}" in the standard channel; only the experimental CRD has ${k}: install it in the cluster and validate with the experimental channel, or use ${known.join(', ')}`,
              value: k,
            });
            unknown++;
            continue;
          }
          const suggestion = closestName(k, known);
          const fix = suggestion
            ? `did you mean "${suggestion}"? (${withArticle(schema.name)} has ${known.join(', ')})`
            : `${withArticle(schema.name)} has ${known.join(', ')}`;
          out.push({ path: [...path, k], message: `${UNKNOWN_FIELD}"${k}"; ${fix}`, value: k });
          unknown++;
          continue;
        }
        // Null counts as absent unless the field has a default, which then applies.
        if (v === null && !hasDefault(child)) continue;
        present.push(k);
        if (v !== null) walk(v, child, [...path, k], out);
      }
      for (const r of schema.required ?? []) {
        if (!present.includes(r) && !hasDefault(schema.properties[r])) {
          out.push(finding([...path, r], `missing required field "${r}"`, undefined, `must be ${describeSchema(schema.properties[r])}`));
        }
      }
      // An unknown field was already reported; counting fields around it would only repeat it.
      if (unknown > 0) return;
      const one = schema.minProperties === 1 && schema.maxProperties === 1;
      if (one && present.length !== 1) {
        const fields = known.join(', ');
        out.push(
          present.length === 0
            ? finding(path, `no field set`, undefined, `set exactly one of ${fields}`)
            : finding(path, `${present.length} fields set (${present.join(', ')})`, undefined, `set exactly one of ${fields}; use separate entries for the others`),
        );
      } else {
        if (schema.minProperties !== undefined && present.length < schema.minProperties) {
          out.push(finding(path, 'no field set', undefined, schema.emptyHint ?? `set at least ${schema.minProperties} of ${known.join(', ')}`));
        }
        if (schema.maxProperties !== undefined && present.length > schema.maxProperties) {
          out.push(finding(path, `${present.length} fields set (${present.join(', ')})`, undefined, `set at most ${schema.maxProperties} of ${known.join(', ')}`));
        }
      }
      return;
    }
  }
}

function hasDefault(schema: CrdSchema): boolean {
  return schema.type === 'string' && schema.default !== undefined;
}

/**
 * The value as the API server validates it after dropping nulls and applying defaults: what the
 * CEL rules and the engine see. Only known object fields are rewritten; everything else is kept.
 */
export function applyCrdDefaults(value: unknown, schema: CrdSchema): unknown {
  if (value === null || value === undefined) return value;
  switch (schema.type) {
    case 'array':
      return Array.isArray(value) ? value.map((v) => applyCrdDefaults(v, schema.items)) : value;
    case 'map':
      if (!isRecord(value)) return value;
      return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
    case 'object': {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const child = Object.prototype.hasOwnProperty.call(schema.properties, k) ? schema.properties[k] : undefined;
        if (child === undefined) out[k] = v;
        else if (v === null && !hasDefault(child)) continue;
        else out[k] = applyCrdDefaults(v, child);
      }
      for (const [k, child] of Object.entries(schema.properties)) {
        if (out[k] === undefined || out[k] === null) {
          if (child.type === 'string' && child.default !== undefined) out[k] = child.default;
        }
      }
      return out;
    }
    default:
      return value;
  }
}
