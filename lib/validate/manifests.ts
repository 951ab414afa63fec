/**
 * Validation of policies read from files: runs the validator of each policy kind (NetworkPolicy,
 * ClusterNetworkPolicy, and the legacy AdminNetworkPolicy and BaselineAdminNetworkPolicy) on
 * each object and ties every finding to the file, line and column of its field.
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
import { NETWORK_POLICY_KIND } from '../core/manifest';
import { FieldPath, formatFieldPath, LoadedManifest } from '../io/manifests';
import { validateAdminNetworkPolicy, validateBaselineAdminNetworkPolicy } from './admin-network-policy';
import { ClusterPolicyValidationOptions } from './cluster-policy-common';
import { CrdChannel } from './cluster-policy-schemas';
import { validateClusterNetworkPolicy } from './cluster-network-policy';
import { ValidationFinding } from './finding';
import { validateNetworkPolicy, ValidateNetworkPolicyOptions } from './network-policy';

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
  /** Every finding, objects in load order, each object's findings in file order. */
  readonly findings: readonly ManifestFinding[];
  /** How many policy objects (of every kind) were validated. */
  readonly checked: number;
  /** How many objects of each policy kind were validated, kinds in first-seen order. */
  readonly checkedByKind: Readonly<Record<string, number>>;
  /** How many of them have at least one finding. */
  readonly invalid: number;
  /** How many objects of other kinds were skipped. */
  readonly skipped: number;
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function referenceOf(obj: Record<string, unknown>): ObjectReference {
  const meta = typeof obj.metadata === 'object' && obj.metadata !== null ? (obj.metadata as Record<string, unknown>) : {};
  // A cluster-scoped object has no namespace, whatever its file says (the API server drops it).
  const clusterScoped = typeof obj.kind === 'string' && Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, obj.kind);
  const namespace = clusterScoped ? undefined : stringOrUndefined(meta.namespace);
  const name = stringOrUndefined(meta.name) ?? stringOrUndefined(meta.generateName);
  return {
    kind: typeof obj.kind === 'string' ? obj.kind : NETWORK_POLICY_KIND,
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
  };
}

function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Options of {@link validateManifests}. */
export interface ManifestValidationOptions {
  /**
   * The CRD bundle of the cluster the cluster-scoped policies go to.
   * @default 'standard'
   */
  readonly crdChannel?: CrdChannel;
}

/** The validator of each policy kind, by `kind`. */
type KindValidationOptions = ClusterPolicyValidationOptions & ValidateNetworkPolicyOptions;

const VALIDATORS: Readonly<Record<string, (obj: unknown, options: KindValidationOptions) => ValidationFinding[]>> = {
  [NETWORK_POLICY_KIND]: (obj, options) => validateNetworkPolicy(obj, options.scalarText ? { scalarText: options.scalarText } : {}),
  [CLUSTER_NETWORK_POLICY_KIND]: validateClusterNetworkPolicy,
  [ADMIN_NETWORK_POLICY_KIND]: validateAdminNetworkPolicy,
  [BASELINE_ADMIN_NETWORK_POLICY_KIND]: validateBaselineAdminNetworkPolicy,
};

/**
 * Validates every policy among the loaded manifests (NetworkPolicy, ClusterNetworkPolicy,
 * AdminNetworkPolicy, BaselineAdminNetworkPolicy), whatever its apiVersion (a retired or wrong
 * one is itself a finding), and skips objects of other kinds.
 */
export function validateManifests(loaded: readonly LoadedManifest[], options: ManifestValidationOptions = {}): ManifestValidationReport {
  checkArgument(isManifestList(loaded), 'validateManifests', 'loaded', 'a list of loaded manifests (from loadManifests or parseManifests)', loaded);
  const findings: ManifestFinding[] = [];
  const checkedByKind: Record<string, number> = {};
  let checked = 0;
  let invalid = 0;
  let skipped = 0;
  for (const manifest of loaded) {
    const kind = manifest.object.kind;
    const validate = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(VALIDATORS, kind) ? VALIDATORS[kind] : undefined;
    if (validate === undefined) {
      skipped++;
      continue;
    }
    checked++;
    checkedByKind[kind as string] = (checkedByKind[kind as string] ?? 0) + 1;
    const object = referenceOf(manifest.object);
    const scalarText = manifest.scalarText ? (p: FieldPath) => manifest.scalarText?.(p) : undefined;
    const located = validate(manifest.object, { channel: options.crdChannel, ...(scalarText ? { scalarText } : {}) }).map((f, i) => ({
      f: { ...f, location: manifest.locate(f.path), object },
      i,
    }));
    // Stable: findings on the same position keep their document (key) order.
    located.sort((a, b) => compareLocations(a.f.location, b.f.location) || a.i - b.i);
    if (located.length > 0) invalid++;
    for (const x of located) findings.push(x.f);
  }
  return { findings, checked, checkedByKind, invalid, skipped };
}

/** Formats an object reference as `Kind/namespace/name`, or `Kind/name` when it has no namespace. */
export function formatObjectReference(ref: ObjectReference): string {
  const name = ref.name ?? '<unnamed>';
  return ref.namespace === undefined ? `${ref.kind}/${name}` : `${ref.kind}/${ref.namespace}/${name}`;
}

/** Formats a file finding as `file:line:col: Kind/ns/name field.path: message`, on one line (control characters escaped). */
export function formatManifestFinding(f: ManifestFinding): string {
  const field = formatFieldPath(f.path);
  return escapeText(`${formatLocation(f.location)}: ${formatObjectReference(f.object)} ${field === '' ? '<object>' : field}: ${f.message}`);
}
