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

const defaultResolvers = new WeakMap<App, boolean>();

/** True when the object's app resolves values with cdk8s's default resolvers only. */
export function hasDefaultResolvers(obj: ApiObject): boolean {
  const app = App.of(obj) as App;
  let known = defaultResolvers.get(app);
  if (known === undefined) {
    const r = app.resolvers;
    known =
      r.length === 3 && r[0] instanceof LazyResolver && r[1] instanceof ImplicitTokenResolver && r[2] instanceof NumberStringUnionResolver;
    defaultResolvers.set(app, known);
  }
  return known;
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

/** Metadata as it will be written, and a text that changes whenever the metadata does. */
export interface PlainMetadata {
  readonly metadata: Record<string, unknown>;
  readonly text: string;
}

// The metadata text of tens of thousands of policies, kept to tell whether it changed: a policy
// keeps a reference to one shared text per set of labels and annotations.
const texts = new Map<string, string>();
function intern(text: string): string {
  const known = texts.get(text);
  if (known !== undefined) return known;
  if (texts.size >= 100_000) texts.clear();
  texts.set(text, text);
  return text;
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
    const metadata = { name: m.name, namespace: m.namespace, labels: m.labels, annotations: m.annotations };
    // Name and namespace never change after construction: the text holds what can.
    return { metadata, text: intern(JSON.stringify([m.labels, m.annotations])) };
  }
  const metadata = metadataInput(obj);
  let plain = true;
  const text = JSON.stringify(metadata, (_key, v: unknown) => {
    if (plain && !isPlainValue(v)) plain = false;
    return v;
  });
  return plain ? { metadata, text } : undefined;
}
