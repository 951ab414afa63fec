/**
 * Validation of the objects read from files: decides what each object is (object-kind.ts), runs
 * the validator of each policy kind (NetworkPolicy; ClusterNetworkPolicy and the legacy
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy) and {@link validateEndpointObject} on the
 * Namespaces, Pods and workloads netfence reads, and ties every finding to the file, line and
 * column of its field. The analysis commands read their inputs through the same checks
 * (lib/analysis/read-inputs.ts), so what `netfence validate` rejects, they refuse.
 */
import {
  ADMIN_NETWORK_POLICY_KIND,
  BASELINE_ADMIN_NETWORK_POLICY_KIND,
  CLUSTER_NETWORK_POLICY_KIND,
  CLUSTER_SCOPED_POLICY_KINDS,
} from '../core/cluster-manifest';
import { formatLocation, SourceLocation } from '../core/errors';
import { escapeText } from '../render/escape';
import { checkArgument, isManifestList } from '../core/arguments';
import { appendAll } from '../core/values';
import { FieldPath, formatFieldPath, LoadedManifest } from '../io/manifests';
import { validateAdminNetworkPolicy, validateBaselineAdminNetworkPolicy } from './admin-network-policy';
import { ClusterPolicyValidationOptions } from './cluster-policy-common';
import { CrdChannel } from './cluster-policy-schemas';
import { validateClusterNetworkPolicy } from './cluster-network-policy';
import { validateEndpointObject } from './endpoint-object';
import { isError, ValidationFinding } from './finding';
import { validateNetworkPolicy } from './network-policy';
import { checkObjectKind, ObjectRole } from './object-kind';
import { sortInDocumentOrder } from './order';
import { WrittenText } from './schema';

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
  /** How many policy objects (of every kind) were validated. */
  readonly checked: number;
  /** How many objects of each policy kind were validated, kinds in first-seen order. */
  readonly checkedByKind: Readonly<Record<string, number>>;
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
export function validateObject(obj: Record<string, unknown>, options: ManifestValidationOptions = {}, scalarText?: WrittenText): ObjectValidation {
  const kind = checkObjectKind(obj);
  const all: ValidationFinding[] = [...kind.findings];
  if (kind.warning !== undefined) all.push({ path: [], message: kind.warning, severity: 'warning' });
  if (kind.role === 'NetworkPolicy') appendAll(all, validateNetworkPolicy(obj, { cidrHostBits: 'warning', ...(scalarText ? { scalarText } : {}) }));
  else if (kind.role === 'ClusterPolicy') appendAll(all, CLUSTER_VALIDATORS[obj.kind as string](obj, { channel: options.crdChannel }));
  else if (kind.role === 'Namespace' || kind.role === 'Node' || kind.role === 'Pod' || kind.role === 'Workload') appendAll(all, validateEndpointObject(obj, obj.kind as string));
  const sorted = sortInDocumentOrder(obj, all);
  return { role: kind.role, errors: sorted.filter(isError), warnings: sorted.filter((f) => !isError(f)) };
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The reference of an object for messages: its kind, namespace and name as far as it says. */
export function referenceOf(obj: Record<string, unknown>): ObjectReference {
  const meta = typeof obj.metadata === 'object' && obj.metadata !== null ? (obj.metadata as Record<string, unknown>) : {};
  // A cluster-scoped object has no namespace, whatever its file says (the API server drops it).
  const clusterScoped = typeof obj.kind === 'string' && Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, obj.kind);
  const namespace = clusterScoped ? undefined : stringOrUndefined(meta.namespace);
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

/** Options of {@link validateManifests} and {@link validateObject}. */
export interface ManifestValidationOptions {
  /**
   * The CRD bundle of the cluster the cluster-scoped policies go to.
   * @default 'standard'
   */
  readonly crdChannel?: CrdChannel;
}

/** The validator of each cluster-scoped policy kind, by `kind`. */
const CLUSTER_VALIDATORS: Readonly<Record<string, (obj: unknown, options: ClusterPolicyValidationOptions) => ValidationFinding[]>> = {
  [CLUSTER_NETWORK_POLICY_KIND]: validateClusterNetworkPolicy,
  [ADMIN_NETWORK_POLICY_KIND]: validateAdminNetworkPolicy,
  [BASELINE_ADMIN_NETWORK_POLICY_KIND]: validateBaselineAdminNetworkPolicy,
};

/**
 * Validates every object among the loaded manifests the way the analysis reads it: every policy
 * (NetworkPolicy, ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy) whatever
 * its apiVersion (a retired one such as `extensions/v1beta1` is itself a finding), the fields
 * netfence reads of Namespaces, Pods and workloads, and near-misses of those kinds; other kinds
 * are skipped.
 */
export function validateManifests(loaded: readonly LoadedManifest[], options: ManifestValidationOptions = {}): ManifestValidationReport {
  checkArgument(isManifestList(loaded), 'validateManifests', 'loaded', 'a list of loaded manifests (from loadManifests or parseManifests)', loaded);
  const findings: ManifestFinding[] = [];
  const warnings: ManifestFinding[] = [];
  const checkedByKind: Record<string, number> = {};
  let checked = 0;
  let others = 0;
  let invalid = 0;
  let skipped = 0;
  for (const manifest of loaded) {
    const v = validateObject(manifest.object, options, manifest.scalarText ? (p: FieldPath) => manifest.scalarText?.(p) : undefined);
    const kind = manifest.object.kind as string;
    if (v.role === 'NetworkPolicy' || v.role === 'ClusterPolicy') {
      checked++;
      checkedByKind[kind] = (checkedByKind[kind] ?? 0) + 1;
    } else if (v.role === 'Namespace' || v.role === 'Node' || v.role === 'Pod' || v.role === 'Workload') others++;
    else if (v.errors.length === 0) skipped++;
    if (v.errors.length > 0) invalid++;
    appendAll(findings, locateFindings(manifest, v.errors));
    appendAll(warnings, locateFindings(manifest, v.warnings));
  }
  return { findings, warnings, checked, checkedByKind, others, invalid, skipped };
}

/** Formats an object reference as `Kind/namespace/name`, or `Kind/name` when it has no namespace. */
export function formatObjectReference(ref: ObjectReference): string {
  const name = ref.name ?? '<unnamed>';
  return ref.namespace === undefined ? `${ref.kind}/${name}` : `${ref.kind}/${ref.namespace}/${name}`;
}

/**
 * Formats a file finding as `file:line:col: Kind/ns/name field.path: message`, and a warning as
 * `file:line:col: warning: Kind/ns/name field.path: message`, on one line (control characters escaped).
 */
export function formatManifestFinding(f: ManifestFinding): string {
  const severity = f.severity === 'warning' ? 'warning: ' : '';
  return escapeText(`${formatLocation(f.location)}: ${severity}${formatFindingBody(f)}`);
}

/** A finding without its location: `Kind/ns/name field.path: message`. */
export function formatFindingBody(f: Pick<ManifestFinding, 'object' | 'path' | 'message'>): string {
  const field = formatFieldPath(f.path);
  return `${formatObjectReference(f.object)} ${field === '' ? '<object>' : field}: ${f.message}`;
}
