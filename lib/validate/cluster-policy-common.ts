/**
 * What every cluster-scoped policy kind shares on its way through the API server: type meta,
 * object meta of a cluster-scoped object, the CRD's structural schema, `status` dropped on
 * create, and the checks netfence adds on purpose (label selectors the CRD does not check, a
 * namespace the API server silently drops, CIDRs with host bits).
 */
import { parseCidr, parseIp } from '../core/ip';
import { isRecord, listOrEmpty, appendAll } from '../core/values';
import { FieldPath } from '../io/manifests';
import { checkCidr } from './cidr';
import { applyCrdDefaults, checkCrdSchema, checkCrdUnknownFields, CrdObject } from './crd-schema';
import { CrdChannel, CRD_POLICY_STATUS } from './cluster-policy-schemas';
import { dedupeFindings, finding, ValidationFinding } from './finding';
import { validateObjectMeta } from './object-meta';
import { sortInDocumentOrder } from './order';
import { checkStructure, OBJECT_META_SCHEMA } from './schema';
import { validateLabelSelector } from './selector';

/** How strictly to validate a cluster-scoped policy. */
export interface ClusterPolicyValidationOptions {
  /**
   * The CRD bundle the cluster runs. The experimental one adds egress `nodes` and `domainNames`
   * peers (v1alpha1: also `namedPort`) and one CEL rule; the standard one rejects those fields
   * as unknown.
   * @default 'standard'
   */
  readonly channel?: CrdChannel;
  /**
   * `all`: what the API server rejects plus the checks netfence adds on purpose (see
   * docs/cluster-network-policy.md); `api-server`: exactly what the API server rejects.
   * @default 'all'
   */
  readonly rules?: 'all' | 'api-server';
}

/** One cluster-scoped kind: its identity, its schema and the checks beyond the schema. */
export interface ClusterPolicyKind {
  readonly kind: string;
  readonly apiVersion: string;
  readonly schema: Readonly<Record<CrdChannel, CrdObject>>;
  /** The CRD's CEL rules, on the object after nulls are dropped and defaults applied. */
  readonly cel: (obj: Record<string, unknown>, channel: CrdChannel, out: ValidationFinding[]) => void;
  /** netfence's own checks, on the object as written. */
  readonly stricter: (obj: Record<string, unknown>, channel: CrdChannel, out: ValidationFinding[]) => void;
}

/**
 * Every reason the API server would reject `obj` as this kind on create (and, unless
 * `rules: 'api-server'`, every problem netfence reports on purpose), in document order. Accepts
 * any parsed value: wrong types and unknown fields are findings, never exceptions.
 */
export function validateClusterScopedPolicy(obj: unknown, kind: ClusterPolicyKind, options: ClusterPolicyValidationOptions = {}): ValidationFinding[] {
  const channel = options.channel ?? 'standard';
  if (!isRecord(obj)) {
    return [finding([], 'not a mapping', obj, `a ${kind.kind} is a mapping with apiVersion, kind, metadata and spec`)];
  }
  const out: ValidationFinding[] = [];
  appendAll(out, validateTypeMeta(obj, kind));
  const { status, metadata, ...rest } = obj;
  // The root schema requires metadata; its content is ObjectMeta, decoded and checked as for every object.
  appendAll(out, checkCrdSchema({ ...rest, ...(metadata === undefined ? {} : { metadata }) }, kind.schema[channel], []));
  if (metadata !== undefined && metadata !== null) {
    checkStructure(metadata, OBJECT_META_SCHEMA, ['metadata'], out);
    // Cluster-scoped: the API server clears a namespace instead of validating it (reported below, on purpose).
    appendAll(out, validateObjectMeta(metadata).filter((f) => f.path[1] !== 'namespace'));
  }
  // Create drops status before validation; decoding still rejects its unknown fields.
  appendAll(out, checkCrdUnknownFields(status, CRD_POLICY_STATUS, ['status']));
  kind.cel(applyCrdDefaults(obj, kind.schema[channel]) as Record<string, unknown>, channel, out);
  if ((options.rules ?? 'all') === 'all') {
    if (isRecord(metadata) && metadata.namespace !== undefined && metadata.namespace !== null) {
      out.push(
        finding(
          ['metadata', 'namespace'],
          `namespace on a cluster-scoped ${kind.kind}`,
          metadata.namespace,
          'the API server drops it and the policy applies to every namespace its subject selects; remove metadata.namespace (select namespaces in spec.subject)',
        ),
      );
    }
    kind.stricter(obj, channel, out);
  }
  return sortInDocumentOrder(obj, dedupeFindings(out));
}

function validateTypeMeta(obj: Record<string, unknown>, kind: ClusterPolicyKind): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  if (obj.apiVersion !== kind.apiVersion) {
    out.push(finding(['apiVersion'], obj.apiVersion === undefined ? 'missing apiVersion' : 'unsupported apiVersion', obj.apiVersion ?? undefined, `${kind.kind} is served as ${kind.apiVersion}`));
  }
  if (obj.kind !== kind.kind) {
    out.push(finding(['kind'], obj.kind === undefined ? 'missing kind' : `not ${kind.kind}`, obj.kind ?? undefined, `must be ${kind.kind}`));
  }
  return out;
}

// ---- shared pieces of the kinds' CEL rules and netfence checks ----

/**
 * The CEL function `isCIDR` of the Kubernetes CEL library: Go's `netip.ParsePrefix` (no leading
 * zeros, no zone, prefix length in range; host bits allowed) and no IPv4-mapped IPv6 address.
 * Returns what is wrong, or undefined for a valid CIDR.
 */
export function isCelCidrError(text: string): string | undefined {
  const block = parseCidr(text);
  if (block === undefined) {
    const why = checkCidr(text).errors[0];
    return why ?? 'must be a CIDR such as 10.0.0.0/8 or fd00::/8';
  }
  const address = parseIp(text.slice(0, text.indexOf('/')));
  if (address?.family === 6 && address.value >> 32n === 0xffffn) {
    return 'must not be an IPv4-mapped IPv6 address; write the IPv4 block instead';
  }
  return undefined;
}

/** The CRDs' `isCIDR(self)` rule on every `networks` entry of every rule. */
export function checkNetworkCidrs(obj: Record<string, unknown>, out: ValidationFinding[]): void {
  for (const r of rulesOf(obj)) {
    for (const p of r.peers) {
      listOrEmpty(p.peer.networks).forEach((n, k) => {
        if (typeof n !== 'string') return;
        const why = isCelCidrError(n);
        if (why !== undefined) out.push(finding([...p.path, 'networks', k], 'invalid CIDR', n, why));
      });
    }
  }
}

/** A rule of either direction, with its path and its peers' field name. */
export interface RuleAt {
  readonly rule: Record<string, unknown>;
  readonly path: FieldPath;
  readonly direction: 'ingress' | 'egress';
  readonly peers: readonly { readonly peer: Record<string, unknown>; readonly path: FieldPath }[];
}

/** Every well-formed rule of a spec, with its peers (malformed parts were reported by the schema pass). */
export function rulesOf(obj: Record<string, unknown>): RuleAt[] {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const out: RuleAt[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const field = direction === 'ingress' ? 'from' : 'to';
    listOrEmpty(spec[direction]).forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const path: FieldPath = ['spec', direction, i];
      const peers = listOrEmpty(rule[field]).flatMap((peer, j) => (isRecord(peer) ? [{ peer, path: [...path, field, j] }] : []));
      out.push({ rule, path, direction, peers });
    });
  }
  return out;
}

/** Every label selector of a cluster policy (subject, pod and namespace peers, node peers), with its path. */
export function selectorsOf(obj: Record<string, unknown>): { readonly selector: unknown; readonly path: FieldPath }[] {
  const out: { selector: unknown; path: FieldPath }[] = [];
  const podSet = (v: Record<string, unknown>, path: FieldPath): void => {
    if (isRecord(v.namespaces)) out.push({ selector: v.namespaces, path: [...path, 'namespaces'] });
    if (isRecord(v.nodes)) out.push({ selector: v.nodes, path: [...path, 'nodes'] });
    if (isRecord(v.pods)) {
      for (const f of ['namespaceSelector', 'podSelector']) {
        if (isRecord(v.pods[f])) out.push({ selector: v.pods[f], path: [...path, 'pods', f] });
      }
    }
  };
  const spec = isRecord(obj.spec) ? obj.spec : {};
  if (isRecord(spec.subject)) podSet(spec.subject, ['spec', 'subject']);
  for (const r of rulesOf(obj)) for (const p of r.peers) podSet(p.peer, p.path);
  return out;
}

/**
 * The checks netfence adds to every label selector of a cluster policy. The CRD checks only
 * types, so the API server stores `operator: Equals` or `In` without values, which no
 * implementation can evaluate; and it drops `matchLabels` entries whose value is null, so the
 * selector silently matches more than written.
 */
export function checkClusterSelectors(obj: Record<string, unknown>, out: ValidationFinding[]): void {
  for (const { selector, path } of selectorsOf(obj)) {
    out.push(
      ...validateLabelSelector(selector, path).map((f) => ({
        ...f,
        message: `${f.message} (the CRD does not check selectors, so the API server stores it, but implementations cannot evaluate it)`,
      })),
    );
    const labels = isRecord(selector) && isRecord(selector.matchLabels) ? selector.matchLabels : {};
    for (const [k, v] of Object.entries(labels)) {
      if (v === null) {
        out.push(
          finding([...path, 'matchLabels', k], 'null label value', null, `the API server drops this entry, so the selector matches more than written; write "" for an empty value, or remove ${k}`),
        );
      }
    }
  }
}

/** netfence's check of `networks` entries: a CIDR with host bits set reads as a wider block than it looks. */
export function checkNetworkHostBits(obj: Record<string, unknown>, out: ValidationFinding[]): void {
  for (const r of rulesOf(obj)) {
    for (const p of r.peers) {
      listOrEmpty(p.peer.networks).forEach((n, k) => {
        if (typeof n !== 'string' || isCelCidrError(n) !== undefined) return;
        const block = parseCidr(n);
        if (block?.hostBitsSet) {
          out.push(
            finding([...p.path, 'networks', k], 'bits set beyond the prefix length', n, `the API server accepts it, but it means the whole block ${block.canonical}; write "${block.canonical}" or the single address "${n.slice(0, n.indexOf('/'))}/${block.family === 4 ? 32 : 128}"`),
          );
        }
      });
    }
  }
}

/**
 * The CEL rule of the experimental egress rules (and the rule the Go API documents for every
 * channel): a named port is a container port of a pod, so it cannot go with networks, nodes or
 * domain names peers. `namedPortsOf` returns the rule's named port entries.
 */
export function checkNamedPortPeers(
  obj: Record<string, unknown>,
  namedPortsOf: (rule: Record<string, unknown>) => boolean,
  addressPeerFields: readonly string[],
  message: string,
  out: ValidationFinding[],
): void {
  for (const r of rulesOf(obj)) {
    if (r.direction !== 'egress') continue;
    const hasAddressPeer = r.peers.some((p) => addressPeerFields.some((f) => p.peer[f] !== undefined && p.peer[f] !== null));
    if (hasAddressPeer && namedPortsOf(r.rule)) out.push(finding(r.path, 'named port with networks, nodes or domain names peers', undefined, message));
  }
}
