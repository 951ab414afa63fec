/**
 * Everything the API server checks when a `networking.k8s.io/v1` NetworkPolicy is created:
 * decoding (types, unknown fields) and `ValidateNetworkPolicy` (kubernetes
 * pkg/apis/networking/validation/validation.go), on any parsed object.
 */
import { NETWORK_POLICY_API_VERSION, NETWORK_POLICY_KIND } from '../core/manifest';
import { FieldPath } from '../io/manifests';
import { dedupeFindings, finding, ValidationFinding } from './finding';
import { validateNetworkPolicyPeer } from './network-policy-peer';
import { validateNetworkPolicyPort } from './network-policy-port';
import { HostBitsSeverity } from './cidr';
import { validateObjectMeta } from './object-meta';
import { sortInDocumentOrder } from './order';
import { checkStructure, NETWORK_POLICY_SCHEMA, WrittenText } from './schema';
import { validateLabelSelector } from './selector';
import { appendAll, isRecord, listOrEmpty } from '../core/values';

/** The values `policyTypes` may hold. */
export const POLICY_TYPES: readonly string[] = ['Ingress', 'Egress'];

/** Group versions that once served NetworkPolicy and no longer do, with when they went away. */
const RETIRED_API_VERSIONS: Readonly<Record<string, string>> = {
  'extensions/v1beta1': 'removed in Kubernetes 1.16',
  'networking.k8s.io/v1beta1': 'never served NetworkPolicy',
};

/**
 * Checks `policyTypes`: at most two entries, each Ingress or Egress. netfence also rejects a
 * repeated entry, which the API server accepts but which is always a mistake.
 */
export function validatePolicyTypes(policyTypes: unknown, path: FieldPath): ValidationFinding[] {
  if (!Array.isArray(policyTypes)) return [];
  if (policyTypes.length > POLICY_TYPES.length) {
    return [finding(path, `too many policyTypes (${policyTypes.length})`, policyTypes, 'may not specify more than two policyTypes: Ingress, Egress or both')];
  }
  const out: ValidationFinding[] = [];
  const seen = new Set<string>();
  policyTypes.forEach((t, i) => {
    if (t === null) {
      // The decoder leaves the zero value, "", which is no policy type.
      out.push(finding([...path, i], 'unsupported policy type', null, 'the API server reads null as "" and rejects it; must be Ingress or Egress'));
      return;
    }
    if (typeof t !== 'string') return;
    if (!POLICY_TYPES.includes(t)) {
      const fixed = POLICY_TYPES.find((p) => p.toLowerCase() === t.toLowerCase());
      const hint = fixed ? ` (case-sensitive: "${fixed}")` : '';
      out.push(finding([...path, i], 'unsupported policy type', t, `must be Ingress or Egress${hint}`));
    } else if (seen.has(t)) {
      out.push(finding([...path, i], 'duplicate policy type', t, `list ${t} once`));
    }
    seen.add(t);
  });
  return out;
}

/** How to validate a NetworkPolicy. */
export interface ValidateNetworkPolicyOptions {
  /**
   * `warning` for YAML someone else wrote: the API server accepts a CIDR with host bits (with a
   * warning) and reads it as its network; see cidr.ts.
   * @default 'error' (netfence's own output never has them)
   */
  readonly cidrHostBits?: HostBitsSeverity;
  /**
   * The text the user wrote for an unquoted scalar (`LoadedManifest.scalarText`), so a type
   * finding's quoting hint shows `0755` rather than the 493 YAML made of it.
   * @default the value's own text
   */
  readonly scalarText?: WrittenText;
}

/** Checks a NetworkPolicy `spec` the way upstream's `ValidateNetworkPolicySpec` does. */
export function validateNetworkPolicySpec(spec: unknown, path: FieldPath = ['spec'], options: ValidateNetworkPolicyOptions = {}): ValidationFinding[] {
  const hostBits = options.cidrHostBits ?? 'error';
  if (!isRecord(spec)) return [];
  const out = validateLabelSelector(spec.podSelector, [...path, 'podSelector']);
  listOrEmpty(spec.ingress).forEach((rule, i) => {
    const r = isRecord(rule) ? rule : {};
    listOrEmpty(r.ports).forEach((p, j) => appendAll(out, validateNetworkPolicyPort(p, [...path, 'ingress', i, 'ports', j])));
    listOrEmpty(r.from).forEach((p, j) => appendAll(out, validateNetworkPolicyPeer(p, [...path, 'ingress', i, 'from', j], hostBits)));
  });
  listOrEmpty(spec.egress).forEach((rule, i) => {
    const r = isRecord(rule) ? rule : {};
    listOrEmpty(r.ports).forEach((p, j) => appendAll(out, validateNetworkPolicyPort(p, [...path, 'egress', i, 'ports', j])));
    listOrEmpty(r.to).forEach((p, j) => appendAll(out, validateNetworkPolicyPeer(p, [...path, 'egress', i, 'to', j], hostBits)));
  });
  appendAll(out, validatePolicyTypes(spec.policyTypes, [...path, 'policyTypes']));
  return out;
}

function validateTypeMeta(obj: Record<string, unknown>): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const { apiVersion, kind } = obj;
  if (apiVersion === undefined || apiVersion === null) {
    out.push(finding(['apiVersion'], 'missing apiVersion', undefined, `must be ${NETWORK_POLICY_API_VERSION}`));
  } else if (typeof apiVersion === 'string' && apiVersion !== NETWORK_POLICY_API_VERSION) {
    const why = RETIRED_API_VERSIONS[apiVersion];
    out.push(
      finding(['apiVersion'], 'unsupported apiVersion', apiVersion, `NetworkPolicy is served as ${NETWORK_POLICY_API_VERSION}${why ? ` (${apiVersion} ${why})` : ''}`),
    );
  }
  if (kind === undefined || kind === null) {
    out.push(finding(['kind'], 'missing kind', undefined, `must be ${NETWORK_POLICY_KIND}`));
  } else if (typeof kind === 'string' && kind !== NETWORK_POLICY_KIND) {
    out.push(finding(['kind'], 'not a NetworkPolicy', kind, `must be ${NETWORK_POLICY_KIND}`));
  }
  return out;
}

/**
 * Returns every reason the API server would reject this object as a `networking.k8s.io/v1`
 * NetworkPolicy on create, in document order; empty when it would be accepted. Accepts any value
 * (a function, a symbol, a cyclic object): wrong types and unknown fields are findings, never
 * exceptions. With `cidrHostBits: 'warning'` the list may also hold warnings (`severity: 'warning'`).
 */
export function validateNetworkPolicy(obj: unknown, options: ValidateNetworkPolicyOptions = {}): ValidationFinding[] {
  if (!isRecord(obj)) {
    return [finding([], 'not a mapping', obj, 'a NetworkPolicy is a mapping with apiVersion, kind, metadata and spec')];
  }
  const out: ValidationFinding[] = [];
  checkStructure(obj, NETWORK_POLICY_SCHEMA, [], out, typeof options?.scalarText === 'function' ? options.scalarText : undefined);
  appendAll(out, validateTypeMeta(obj));
  appendAll(out, validateObjectMeta(obj.metadata));
  appendAll(out, validateNetworkPolicySpec(obj.spec, ['spec'], options));
  return sortInDocumentOrder(obj, dedupeFindings(out));
}
