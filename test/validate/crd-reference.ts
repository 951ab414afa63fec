/**
 * A reference evaluator for custom resources, built from a real CRD file and independent of the
 * package's validator: what the API server does on create, step by step, with the CRD's own
 * OpenAPI schema evaluated by ajv and its own CEL rules evaluated by @bufbuild/cel.
 *
 * 1. strict decoding: every field not in the structural schema is an error;
 * 2. `status` is dropped (PrepareForCreate, the CRDs have a status subresource);
 * 3. `PruneNonNullableNullsWithoutDefaults`: null object fields without a default are dropped,
 *    null list items stay;
 * 4. defaults are applied;
 * 5. the OpenAPI schema (ajv), `x-kubernetes-list-type: set` uniqueness, then the CEL rules;
 * 6. TypeMeta (apiVersion and kind) and ObjectMeta.name (a DNS-1123 subdomain).
 * The Kubernetes CEL library's `isCIDR` is implemented here on Node's own address parser
 * (`net.isIP`), not on the package's, so the two can disagree if either is wrong.
 */
import * as fs from 'fs';
import * as net from 'net';
import Ajv, { ValidateFunction } from 'ajv';
import { CelScalar, celEnv, celFunc, isCelError, parse, plan } from '@bufbuild/cel';
import { parse as parseYaml } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown>;

/** One CEL rule of the CRD with the schema path it sits at. */
export interface CelRule {
  readonly at: string;
  readonly rule: string;
  readonly message: string;
}

/** What the reference decided for one object. */
export interface ReferenceVerdict {
  readonly valid: boolean;
  readonly reasons: readonly string[];
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `isCIDR` of the Kubernetes CEL library: netip.ParsePrefix, and no IPv4-mapped IPv6 address. */
export function referenceIsCidr(text: string): boolean {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return false;
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]*)$/.test(bits) || address.includes('%')) return false;
  const family = net.isIP(address);
  if (family === 0 || Number(bits) > (family === 4 ? 32 : 128)) return false;
  if (family === 6) {
    const mapped = new net.BlockList();
    mapped.addSubnet('::ffff:0:0', 96, 'ipv6');
    if (mapped.check(address, 'ipv6')) return false;
  }
  return true;
}

const IS_CIDR = celFunc('isCIDR', [CelScalar.STRING], CelScalar.BOOL, (s: string) => referenceIsCidr(s));

/** A JS value as CEL input: objects as maps, integers as CEL ints. */
function toCel(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toCel);
  if (isObject(v)) return new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return v;
}

/** The ajv form of an OpenAPI v3 structural schema node. */
function toAjv(node: Schema): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' || k.startsWith('x-kubernetes-')) continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([p, s]) => [p, toAjv(s)]));
    else if (k === 'items' || (k === 'additionalProperties' && isObject(v))) out[k] = toAjv(v as Schema);
    else out[k] = v;
  }
  return out;
}

/** A CRD version's schema, ready to evaluate objects. */
export class CrdReference {
  /** Reads the first served version of a CRD file. */
  public static fromFile(file: string): CrdReference {
    const crd = parseYaml(fs.readFileSync(file, 'utf8')) as { spec: { names: { kind: string }; group: string; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] } };
    const version = crd.spec.versions[0];
    return new CrdReference(crd.spec.names.kind, `${crd.spec.group}/${version.name}`, version.schema.openAPIV3Schema);
  }

  /** Every CEL rule of the schema. */
  public readonly celRules: CelRule[] = [];
  private readonly validate: ValidateFunction;
  private readonly env = celEnv({ funcs: [IS_CIDR] });
  private readonly programs = new Map<string, (bindings: { self: unknown }) => unknown>();

  private constructor(
    public readonly kind: string,
    public readonly apiVersion: string,
    public readonly schema: Schema,
  ) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
    ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    ajv.addFormat('date-time', () => true);
    this.validate = ajv.compile(toAjv(schema));
    this.collectRules(schema, '');
  }

  /** The API server's verdict on creating `obj`, with the reasons it is invalid. */
  public check(input: unknown): ReferenceVerdict {
    const reasons: string[] = [];
    if (!isObject(input)) return { valid: false, reasons: ['not an object'] };
    this.unknownFields(input, this.schema, '', reasons);
    const obj = JSON.parse(JSON.stringify(input)) as Record<string, Json>;
    delete obj.status;
    this.pruneNulls(obj, this.schema);
    this.applyDefaults(obj, this.schema);
    if (obj.apiVersion !== this.apiVersion) reasons.push('apiVersion');
    if (obj.kind !== this.kind) reasons.push('kind');
    const meta = obj.metadata;
    if (isObject(meta)) {
      const name = meta.name;
      if (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name)) reasons.push('metadata.name');
    }
    if (!this.validate(obj)) {
      for (const e of this.validate.errors ?? []) reasons.push(`schema ${e.instancePath} ${e.message ?? ''}`);
    } else {
      this.listSets(obj, this.schema, '', reasons);
      this.cel(obj, this.schema, '', reasons);
    }
    return { valid: reasons.length === 0, reasons };
  }

  private collectRules(node: Schema, at: string): void {
    for (const r of (node['x-kubernetes-validations'] as { rule: string; message: string }[] | undefined) ?? []) this.celRules.push({ at, rule: r.rule, message: r.message });
    for (const [k, s] of Object.entries((node.properties as Record<string, Schema> | undefined) ?? {})) this.collectRules(s, `${at}.${k}`);
    if (isObject(node.items)) this.collectRules(node.items, `${at}[]`);
  }

  private unknownFields(v: unknown, node: Schema, at: string, reasons: string[]): void {
    if (Array.isArray(v)) {
      if (isObject(node.items)) v.forEach((x, i) => this.unknownFields(x, node.items as Schema, `${at}[${i}]`, reasons));
      return;
    }
    if (!isObject(v)) return;
    const props = node.properties as Record<string, Schema> | undefined;
    if (props !== undefined) {
      for (const [k, x] of Object.entries(v)) {
        if (props[k] === undefined) reasons.push(`unknown field ${at}.${k}`);
        else this.unknownFields(x, props[k], `${at}.${k}`, reasons);
      }
    } else if (isObject(node.additionalProperties)) {
      for (const [k, x] of Object.entries(v)) this.unknownFields(x, node.additionalProperties, `${at}.${k}`, reasons);
    }
  }

  private childSchema(node: Schema, key: string): Schema | undefined {
    const props = node.properties as Record<string, Schema> | undefined;
    if (props?.[key] !== undefined) return props[key];
    if (isObject(node.additionalProperties)) return node.additionalProperties;
    return undefined;
  }

  /** PruneNonNullableNullsWithoutDefaults. */
  private pruneNulls(v: unknown, node: Schema | undefined): void {
    if (Array.isArray(v)) {
      const items = node !== undefined && isObject(node.items) ? node.items : undefined;
      for (const x of v) this.pruneNulls(x, items);
      return;
    }
    if (!isObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const child = node === undefined ? undefined : this.childSchema(node, k);
      if (x === null && child !== undefined && child.nullable !== true && child.default === undefined) delete v[k];
      else this.pruneNulls(x, child);
    }
  }

  private applyDefaults(v: unknown, node: Schema): void {
    if (Array.isArray(v)) {
      if (isObject(node.items)) for (const x of v) this.applyDefaults(x, node.items);
      return;
    }
    if (!isObject(v)) return;
    for (const [k, s] of Object.entries((node.properties as Record<string, Schema> | undefined) ?? {})) {
      if ((v[k] === undefined || v[k] === null) && s.default !== undefined) v[k] = s.default;
      if (v[k] !== undefined) this.applyDefaults(v[k], s);
    }
  }

  private listSets(v: unknown, node: Schema, at: string, reasons: string[]): void {
    if (Array.isArray(v)) {
      if (node['x-kubernetes-list-type'] === 'set') {
        const keys = v.map((x) => JSON.stringify(x));
        if (new Set(keys).size !== keys.length) reasons.push(`duplicate in set ${at}`);
      }
      if (isObject(node.items)) v.forEach((x, i) => this.listSets(x, node.items as Schema, `${at}[${i}]`, reasons));
      return;
    }
    if (!isObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const child = this.childSchema(node, k);
      if (child !== undefined) this.listSets(x, child, `${at}.${k}`, reasons);
    }
  }

  private program(rule: string): (bindings: { self: unknown }) => unknown {
    let p = this.programs.get(rule);
    if (p === undefined) {
      const run = plan(this.env, parse(rule)) as (ctx: Record<string, unknown>) => unknown;
      p = (bindings) => run(bindings);
      this.programs.set(rule, p);
    }
    return p;
  }

  private cel(v: unknown, node: Schema, at: string, reasons: string[]): void {
    const rules = (node['x-kubernetes-validations'] as { rule: string; message: string }[] | undefined) ?? [];
    for (const r of rules) {
      const result = this.program(r.rule)({ self: toCel(v) });
      if (isCelError(result) || result !== true) reasons.push(`cel ${at}: ${r.message}`);
    }
    if (Array.isArray(v)) {
      if (isObject(node.items)) v.forEach((x, i) => this.cel(x, node.items as Schema, `${at}[${i}]`, reasons));
      return;
    }
    if (!isObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const child = this.childSchema(node, k);
      if (child !== undefined) this.cel(x, child, `${at}.${k}`, reasons);
    }
  }
}
