/**
 * Validation of the objects read from files: decides what each object is (object-kind.ts), runs
 * {@link validateNetworkPolicy} on NetworkPolicies and {@link validateEndpointObject} on the
 * Namespaces, Pods and workloads netfence reads, and ties every finding to the file, line and
 * column of its field. The analysis commands read their inputs through the same checks
 * (lib/analysis/read-inputs.ts), so what `netfence validate` rejects, they refuse.
 */
import { formatLocation, SourceLocation } from '../core/errors';
import { FieldPath, formatFieldPath, LoadedManifest } from '../io/manifests';
import { validateEndpointObject } from './endpoint-object';
import { isError, ValidationFinding } from './finding';
import { validateNetworkPolicy } from './network-policy';
import { checkObjectKind, ObjectRole } from './object-kind';
import { sortInDocumentOrder } from './order';

/** Which object a finding belongs to, as far as the object says. */
export interface ObjectReference {
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** A finding in a file: the field-level finding plus where it is and in which object. */
export interface ManifestFinding extends ValidationFinding {
  /** File, line and column of the field (or of its nearest existing ancestor). */
  readonly location: SourceLocation;
  /** The object the field belongs to. */
  readonly object: ObjectReference;
}

/** A finding placed in a file and an object: what validate and lint report alike. */
export interface LocatedFinding {
  readonly location: SourceLocation;
  readonly object: ObjectReference;
  readonly path: FieldPath;
  readonly message: string;
}

/** The JSON record of a located finding, in the key order every netfence report uses. */
export function locatedFindingRecord(f: LocatedFinding): Record<string, unknown> {
  return {
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
    kind: f.object.kind,
    namespace: f.object.namespace,
    name: f.object.name,
    field: formatFieldPath(f.path),
    message: f.message,
  };
}

/** The outcome of validating a set of loaded manifests. */
export interface ManifestValidationReport {
  /** Every error (what the API server rejects), objects in load order, each object's in file order. */
  readonly findings: readonly ManifestFinding[];
  /** What the API server accepts but reads in a way worth saying (host bits), or a kind not read. */
  readonly warnings: readonly ManifestFinding[];
  /** How many NetworkPolicy objects were validated. */
  readonly checked: number;
  /** How many Namespaces, Pods and workloads were validated (in the fields netfence reads). */
  readonly others: number;
  /** How many objects have at least one error. */
  readonly invalid: number;
  /** How many objects of other kinds were skipped (kinds netfence does not read). */
  readonly skipped: number;
}

/** What one object is to netfence and what is wrong with it. */
export interface ObjectValidation {
  readonly role: ObjectRole;
  /** What the API server would reject (or a near-miss of a kind netfence reads), in document order. */
  readonly errors: readonly ValidationFinding[];
  /** What it accepts with a meaning worth saying, in document order. */
  readonly warnings: readonly ValidationFinding[];
}

/**
 * Validates one parsed object as the analysis reads it: its kind, then (for the kinds netfence
 * reads) its fields. A CIDR with host bits is a warning here: this is YAML someone else wrote.
 */
export function validateObject(obj: Record<string, unknown>): ObjectValidation {
  const kind = checkObjectKind(obj);
  const all: ValidationFinding[] = [...kind.findings];
  if (kind.warning !== undefined) all.push({ path: [], message: kind.warning, severity: 'warning' });
  if (kind.role === 'NetworkPolicy') all.push(...validateNetworkPolicy(obj, { cidrHostBits: 'warning' }));
  else if (kind.role === 'Namespace' || kind.role === 'Pod' || kind.role === 'Workload') all.push(...validateEndpointObject(obj, obj.kind as string));
  const sorted = sortInDocumentOrder(obj, all);
  return { role: kind.role, errors: sorted.filter(isError), warnings: sorted.filter((f) => !isError(f)) };
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The reference of an object for messages: its kind, namespace and name as far as it says. */
export function referenceOf(obj: Record<string, unknown>): ObjectReference {
  const meta = typeof obj.metadata === 'object' && obj.metadata !== null ? (obj.metadata as Record<string, unknown>) : {};
  const namespace = stringOrUndefined(meta.namespace);
  const name = stringOrUndefined(meta.name) ?? stringOrUndefined(meta.generateName);
  return {
    kind: typeof obj.kind === 'string' && obj.kind !== '' ? obj.kind : '<no kind>',
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
  };
}

function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Places an object's findings in its file, in file order (findings on one position keep their order). */
export function locateFindings(manifest: Pick<LoadedManifest, 'object' | 'locate'>, findings: readonly ValidationFinding[]): ManifestFinding[] {
  const object = referenceOf(manifest.object);
  const located = findings.map((f, i) => ({ f: { ...f, location: manifest.locate(f.path), object }, i }));
  located.sort((a, b) => compareLocations(a.f.location, b.f.location) || a.i - b.i);
  return located.map((x) => x.f);
}

/**
 * Validates every object among the loaded manifests the way the analysis reads it: every
 * NetworkPolicy whatever its apiVersion (a retired one such as `extensions/v1beta1` is itself a
 * finding), the fields netfence reads of Namespaces, Pods and workloads, and near-misses of those
 * kinds; other kinds are skipped.
 */
export function validateManifests(loaded: readonly LoadedManifest[]): ManifestValidationReport {
  const findings: ManifestFinding[] = [];
  const warnings: ManifestFinding[] = [];
  let checked = 0;
  let others = 0;
  let invalid = 0;
  let skipped = 0;
  for (const manifest of loaded) {
    const v = validateObject(manifest.object);
    if (v.role === 'NetworkPolicy') checked++;
    else if (v.role === 'Namespace' || v.role === 'Pod' || v.role === 'Workload') others++;
    else if (v.errors.length === 0) skipped++;
    if (v.errors.length > 0) invalid++;
    findings.push(...locateFindings(manifest, v.errors));
    warnings.push(...locateFindings(manifest, v.warnings));
  }
  return { findings, warnings, checked, others, invalid, skipped };
}

/** Formats an object reference as `Kind/namespace/name`, or `Kind/name` when it has no namespace. */
export function formatObjectReference(ref: ObjectReference): string {
  const name = ref.name ?? '<unnamed>';
  return ref.namespace === undefined ? `${ref.kind}/${name}` : `${ref.kind}/${ref.namespace}/${name}`;
}

/**
 * Formats a file finding as `file:line:col: Kind/ns/name field.path: message`, and a warning as
 * `file:line:col: warning: Kind/ns/name field.path: message`.
 */
export function formatManifestFinding(f: ManifestFinding): string {
  const severity = f.severity === 'warning' ? 'warning: ' : '';
  return `${formatLocation(f.location)}: ${severity}${formatFindingBody(f)}`;
}

/** A finding without its location: `Kind/ns/name field.path: message`. */
export function formatFindingBody(f: Pick<ManifestFinding, 'object' | 'path' | 'message'>): string {
  const field = formatFieldPath(f.path);
  return `${formatObjectReference(f.object)} ${field === '' ? '<object>' : field}: ${f.message}`;
}
