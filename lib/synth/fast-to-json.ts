import { ApiObject, Lazy } from 'cdk8s';
import { ApiObjectInternals, hasDefaultResolvers, metadataInput } from '../constructs/api-object-internals';
import { NetworkPolicy } from '../constructs/network-policy';

/** Raised when a value is outside the fast path; the caller falls back to `toJson()`. */
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
  if (typeof v !== 'object') return v;
  if (v instanceof Lazy || typeof (v as { resolve?: unknown }).resolve === 'function') throw NOT_PLAIN;
  if (Array.isArray(v)) {
    // An array with a `value` of number or string is a union object to cdk8s.
    const tag = typeof (v as { value?: unknown }).value;
    if (tag === 'number' || tag === 'string') throw NOT_PLAIN;
    if (o.filterEmpty && v.length === 0) return undefined;
    return v.map((x) => sanitizePlain(x, o));
  }
  if (v.constructor !== Object) throw NOT_PLAIN;
  const obj = v as Record<string, unknown>;
  const keys = o.sortKeys ? Object.keys(obj).sort() : Object.keys(obj);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const s = sanitizePlain(obj[k], o);
    if (s != null) out[k] = s;
  }
  if (o.filterEmpty && Object.keys(out).length === 0) return undefined;
  return out;
}

/**
 * `obj.toJson()` for netfence's own NetworkPolicy, the same value several times faster: its spec
 * is a Lazy of plain data, so cdk8s's generic resolution walk reduces to sorting keys. Returns
 * undefined, and the caller uses `toJson()`, whenever the object is not exactly that: another
 * kind of object, JSON patches, custom resolvers, extra props, or a value cdk8s would resolve.
 */
export function fastToJson(obj: ApiObject): unknown {
  // Not `instanceof`: cdk8s's ApiObject defines Symbol.hasInstance, so every ApiObject would
  // pass. An object that overrides toJson() (ClusterNetworkPolicy drops the chart's namespace)
  // must take its own path.
  if (!Object.prototype.isPrototypeOf.call(NetworkPolicy.prototype, obj) || obj.toJson !== ApiObject.prototype.toJson) return undefined;
  const internals = obj as unknown as ApiObjectInternals;
  if (!Array.isArray(internals.patches) || internals.patches.length > 0 || !hasDefaultResolvers(obj)) return undefined;
  const props = internals.props;
  const keys = Object.keys(props);
  const spec = props.spec;
  if (keys.length !== 4 || keys[0] !== 'apiVersion' || keys[1] !== 'kind' || keys[2] !== 'metadata' || keys[3] !== 'spec') return undefined;
  if (!(spec instanceof Lazy) || typeof props.apiVersion !== 'string' || typeof props.kind !== 'string') return undefined;
  try {
    const meta = sanitizePlain(metadataInput(obj), { sortKeys: true, filterEmpty: true });
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
