import { ApiObject, Lazy } from 'cdk8s';
import { ApiObjectInternals, hasJsonPatches, plainMetadata } from './api-object-internals';

/** Raised when a value is outside the fast path; the caller falls back to cdk8s's `toJson()`. */
class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();

interface SanitizeOptions {
  readonly sortKeys: boolean;
  readonly filterEmpty: boolean;
}

/**
 * cdk8s's `resolve` followed by its `sanitizeValue`, for values on which every resolver of a
 * default App is a no-op (no Lazy, no `resolve()` method, no number-or-string union objects):
 * there `resolve` copies the value unchanged, so only sanitizing remains. Anything else throws
 * NOT_PLAIN and the object takes cdk8s's own path.
 */
function sanitizePlain(v: unknown, o: SanitizeOptions): unknown {
  if (v == null) return undefined;
  const type = typeof v;
  if (type === 'string' || type === 'number' || type === 'boolean') return v;
  // A function, symbol or bigint may carry `resolve` or `value` for cdk8s's resolvers.
  if (type !== 'object') throw NOT_PLAIN;
  if (v instanceof Lazy || typeof (v as { resolve?: unknown }).resolve === 'function') throw NOT_PLAIN;
  if (Array.isArray(v)) {
    // An array with a `value` of number or string is a union object to cdk8s.
    const tag = typeof (v as { value?: unknown }).value;
    if (tag === 'number' || tag === 'string') throw NOT_PLAIN;
    if (o.filterEmpty && v.length === 0) return undefined;
    return v.map((x) => sanitizePlain(x, o));
  }
  if ((v as object).constructor !== Object) throw NOT_PLAIN;
  const obj = v as Record<string, unknown>;
  const keys = o.sortKeys ? Object.keys(obj).sort() : Object.keys(obj);
  const out: Record<string, unknown> = {};
  let kept = 0;
  for (const k of keys) {
    // Assigning `__proto__` sets a prototype rather than a key: left to cdk8s.
    if (k === '__proto__') throw NOT_PLAIN;
    const s = sanitizePlain(obj[k], o);
    if (s != null) {
      out[k] = s;
      kept++;
    }
  }
  return o.filterEmpty && kept === 0 ? undefined : out;
}

/**
 * `ApiObject.prototype.toJson.call(obj)`, the same value (key order included) several times
 * faster, for an object whose props are its apiVersion, kind, metadata and a `Lazy` spec of
 * plain data (netfence's NetworkPolicy): cdk8s's generic resolution walk then reduces to sorting
 * keys. Returns undefined, and the caller uses cdk8s's `toJson()`, whenever the object is not
 * exactly that: JSON patches, custom resolvers, extra props, a value cdk8s would resolve, or a
 * spec whose producer throws (cdk8s's path then throws its own error).
 */
export function fastToJson(obj: ApiObject): unknown {
  try {
    if (hasJsonPatches(obj)) return undefined;
    // Undefined unless the app has cdk8s's default resolvers only and the metadata is plain data;
    // in the common case (name, namespace, labels, annotations) without copying cdk8s's fields.
    const plain = plainMetadata(obj);
    if (plain === undefined) return undefined;
    const props = (obj as unknown as ApiObjectInternals).props;
    const keys = Object.keys(props);
    const spec = props.spec;
    if (keys.length !== 4 || keys[0] !== 'apiVersion' || keys[1] !== 'kind' || keys[2] !== 'metadata' || keys[3] !== 'spec') return undefined;
    if (!(spec instanceof Lazy) || typeof props.apiVersion !== 'string' || typeof props.kind !== 'string') return undefined;
    // cdk8s's metadata sorts its keys whatever CDK8S_DISABLE_SORT says, and drops empty fields.
    const meta = sanitizePlain(plain.metadata, { sortKeys: true, filterEmpty: true });
    const sortKeys = !process.env.CDK8S_DISABLE_SORT;
    const resolvedSpec = sanitizePlain(spec.produce(), { sortKeys, filterEmpty: false });
    // cdk8s puts apiVersion, kind and metadata first, then the rest (here, only spec).
    const out: Record<string, unknown> = { apiVersion: props.apiVersion, kind: props.kind };
    // cdk8s sanitizes the metadata once more with the whole object; on a sanitized, key-sorted
    // value that pass changes nothing, with or without sorting.
    if (meta != null) out.metadata = meta;
    if (resolvedSpec != null) out.spec = resolvedSpec;
    return out;
  } catch {
    // Not plain (NOT_PLAIN), or the producer failed: cdk8s's path gives the exact value or error.
    return undefined;
  }
}
