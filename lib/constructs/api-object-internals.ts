/**
 * What cdk8s's ApiObject and its metadata keep privately, read (never changed) where netfence
 * needs the object exactly as it will be written without paying for cdk8s's generic resolution.
 * Every reader falls back to `toJson()` when the object is not plain.
 */
import { ApiObject, App, ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

/** The private fields of an ApiObject netfence reads. */
export interface ApiObjectInternals {
  readonly props: Readonly<Record<string, unknown>>;
  readonly patches: readonly unknown[];
}

/** The private fields of ApiObjectMetadataDefinition netfence reads. */
export interface MetadataInternals {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels: unknown;
  readonly annotations: unknown;
  readonly finalizers: unknown;
  readonly ownerReferences: unknown;
  readonly _additionalAttributes: Readonly<Record<string, unknown>>;
}

/** True when `r` is an instance of exactly this class, with no method of its own. */
function isExactly(r: unknown, type: abstract new (...args: never[]) => unknown): boolean {
  return typeof r === 'object' && r !== null && Object.getPrototypeOf(r) === type.prototype && !Object.prototype.hasOwnProperty.call(r, 'resolve');
}

/**
 * True when the object's app resolves values with cdk8s's default resolvers only (a subclass of
 * one, or a resolver added to `app.resolvers` later, is custom). Asked each time: the list can change.
 */
export function hasDefaultResolvers(obj: ApiObject): boolean {
  const r = (App.of(obj) as App).resolvers;
  return (
    r.length === 3 && isExactly(r[0], LazyResolver) && isExactly(r[1], ImplicitTokenResolver) && isExactly(r[2], NumberStringUnionResolver)
  );
}

/** True when JSON patches will change the object after it is resolved (or when that cannot be told). */
export function hasJsonPatches(obj: ApiObject): boolean {
  const patches = (obj as unknown as ApiObjectInternals).patches;
  return !Array.isArray(patches) || patches.length > 0;
}

/** The value `ApiObjectMetadataDefinition.toJson()` resolves and sanitizes, in its key order. */
export function metadataInput(obj: ApiObject): Record<string, unknown> {
  const m = obj.metadata as unknown as MetadataInternals;
  return {
    ...m._additionalAttributes,
    name: m.name,
    namespace: m.namespace,
    annotations: m.annotations,
    finalizers: m.finalizers,
    ownerReferences: m.ownerReferences,
    labels: m.labels,
  };
}

/** True for a value cdk8s's default resolvers leave as it is: JSON data, no Lazy, no token. */
function isPlainValue(v: unknown): boolean {
  switch (typeof v) {
    case 'undefined':
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      return v === null || Array.isArray(v) || (v as object).constructor === Object;
    default:
      return false;
  }
}

/** Metadata as it will be written (up to empty fields, which cdk8s drops). */
export interface PlainMetadata {
  readonly metadata: Record<string, unknown>;
}

const STANDARD_FIELDS = new Set(['name', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences']);

function isStringMap(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || (v as object).constructor !== Object) return false;
  for (const k in v) if (typeof (v as Record<string, unknown>)[k] !== 'string') return false;
  return true;
}

/**
 * The object's metadata as it will be written, up to empty fields (which cdk8s drops and no check
 * cares about), when resolving it would change nothing: default resolvers and plain data. Else
 * undefined, and the caller asks cdk8s (`metadata.toJson()`). The common case (name, namespace,
 * string labels and annotations) is read directly; anything else is checked value by value.
 * Plain metadata changes only through the metadata's methods (see `watchMetadata`).
 */
export function plainMetadata(obj: ApiObject): PlainMetadata | undefined {
  if (!hasDefaultResolvers(obj)) return undefined;
  const m = obj.metadata as unknown as MetadataInternals;
  const common =
    Object.keys(m._additionalAttributes).every((k) => STANDARD_FIELDS.has(k)) &&
    (m.name === undefined || typeof m.name === 'string') &&
    (m.namespace === undefined || typeof m.namespace === 'string') &&
    Array.isArray(m.finalizers) &&
    m.finalizers.length === 0 &&
    Array.isArray(m.ownerReferences) &&
    m.ownerReferences.length === 0;
  if (common && isStringMap(m.labels) && isStringMap(m.annotations)) {
    // Every other field is absent or empty: nothing of it is written.
    return { metadata: { name: m.name, namespace: m.namespace, labels: m.labels, annotations: m.annotations } };
  }
  const metadata = metadataInput(obj);
  let plain = true;
  JSON.stringify(metadata, (_key, v: unknown) => {
    if (plain && !isPlainValue(v)) plain = false;
    return v;
  });
  return plain ? { metadata } : undefined;
}

/** Methods of cdk8s's ApiObjectMetadataDefinition that only read. */
const METADATA_READERS = new Set(['constructor', 'toJson', 'getLabel', 'getAnnotation']);

/**
 * What to call when a watched metadata object changes: a property of the object (not a WeakMap:
 * sides are written during a synthesis, and a large WeakSet or WeakMap rehashes itself on the
 * first add after a collection, which cost milliseconds per synthesis).
 */
const ON_CHANGE = Symbol('netfence.metadata.onChange');
/** Per metadata prototype, the same prototype with every method that may change it reporting the change. */
const watchedPrototypes = new WeakMap<object, object>();

function watchedPrototype(proto: object): object {
  let watched = watchedPrototypes.get(proto);
  if (watched !== undefined) return watched;
  watched = Object.create(proto) as object;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method: unknown = Object.getOwnPropertyDescriptor(proto, name)?.value;
    if (METADATA_READERS.has(name) || typeof method !== 'function') continue;
    Object.defineProperty(watched, name, {
      value(this: object, ...args: unknown[]): unknown {
        try {
          return (method as (...a: unknown[]) => unknown).apply(this, args);
        } finally {
          (this as { [ON_CHANGE]?: () => void })[ON_CHANGE]?.();
        }
      },
      writable: true,
      configurable: true,
    });
  }
  watchedPrototypes.set(proto, watched);
  return watched;
}

/**
 * Calls `onChange` after every call of a method of the object's metadata that may change it
 * (`addLabel`, `addAnnotation`, `add`, `addFinalizers`, `addOwnerReference`, and any method cdk8s
 * adds later that is not known to only read), so that a check of the object can be kept until then.
 * The metadata gets a prototype that reports changes (one per cdk8s prototype, shared).
 */
export function watchMetadata(obj: ApiObject, onChange: () => void): void {
  const meta = obj.metadata as object;
  const proto = Object.getPrototypeOf(meta) as object | null;
  if (proto === null) return;
  Object.defineProperty(meta, ON_CHANGE, { value: onChange, enumerable: false, configurable: true });
  Object.setPrototypeOf(meta, watchedPrototype(proto));
}
