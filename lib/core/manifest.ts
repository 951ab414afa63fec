/**
 * The `networking.k8s.io/v1` NetworkPolicy wire format, exactly as the API server stores it.
 *
 * Every layer speaks this shape: constructs synthesize it, validate checks it, analysis reads it.
 * Fields are optional where the API makes them optional, because foreign YAML omits them and the
 * difference between "omitted" and "empty" carries meaning (see DESIGN.md).
 */

/** A label selector requirement operator, as the API spells it. */
export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One `matchExpressions` entry of a label selector. */
export interface LabelSelectorRequirementManifest {
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  readonly values?: readonly string[];
}

/** A `metav1.LabelSelector`; `{}` selects everything. */
export interface LabelSelectorManifest {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirementManifest[];
}

/** A transport protocol NetworkPolicy ports may name. */
export type ProtocolName = 'TCP' | 'UDP' | 'SCTP';

/** Every protocol NetworkPolicy knows, in the order reports list them. */
export const PROTOCOL_NAMES: readonly ProtocolName[] = ['TCP', 'UDP', 'SCTP'];

/** True when the text is one of PROTOCOL_NAMES (case-sensitive, as the API server checks). */
export function isProtocolName(v: unknown): v is ProtocolName {
  return typeof v === 'string' && (PROTOCOL_NAMES as readonly string[]).includes(v);
}

/** An `ipBlock` peer: a CIDR with carve-outs. */
export interface IpBlockManifest {
  readonly cidr: string;
  readonly except?: readonly string[];
}

/** A `NetworkPolicyPeer`: exactly one of ipBlock, or pod/namespace selectors (ANDed). */
export interface NetworkPolicyPeerManifest {
  readonly podSelector?: LabelSelectorManifest;
  readonly namespaceSelector?: LabelSelectorManifest;
  readonly ipBlock?: IpBlockManifest;
}

/** A `NetworkPolicyPort`: protocol defaults to TCP, port may be a number or a named port. */
export interface NetworkPolicyPortManifest {
  readonly protocol?: ProtocolName;
  readonly port?: number | string;
  readonly endPort?: number;
}

/** One ingress rule: `from` peers (OR) and ports (OR); omitted or empty means "all". */
export interface NetworkPolicyIngressRuleManifest {
  readonly from?: readonly NetworkPolicyPeerManifest[];
  readonly ports?: readonly NetworkPolicyPortManifest[];
}

/** One egress rule: `to` peers (OR) and ports (OR); omitted or empty means "all". */
export interface NetworkPolicyEgressRuleManifest {
  readonly to?: readonly NetworkPolicyPeerManifest[];
  readonly ports?: readonly NetworkPolicyPortManifest[];
}

/** The direction of a policy type. */
export type PolicyTypeName = 'Ingress' | 'Egress';

/** A NetworkPolicy `spec`. */
export interface NetworkPolicySpecManifest {
  readonly podSelector: LabelSelectorManifest;
  readonly policyTypes?: readonly PolicyTypeName[];
  readonly ingress?: readonly NetworkPolicyIngressRuleManifest[];
  readonly egress?: readonly NetworkPolicyEgressRuleManifest[];
}

/** Object metadata as far as netfence reads or writes it. */
export interface ObjectMetaManifest {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A whole `networking.k8s.io/v1` NetworkPolicy object. */
export interface NetworkPolicyManifest {
  readonly apiVersion: 'networking.k8s.io/v1';
  readonly kind: 'NetworkPolicy';
  readonly metadata: ObjectMetaManifest;
  readonly spec: NetworkPolicySpecManifest;
}

/** The API group and version of NetworkPolicy. */
export const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';

/** The kind of NetworkPolicy objects. */
export const NETWORK_POLICY_KIND = 'NetworkPolicy';

/** True when a parsed object claims to be a networking.k8s.io/v1 NetworkPolicy. */
export function isNetworkPolicyManifest(obj: unknown): obj is NetworkPolicyManifest {
  if (typeof obj !== 'object' || obj === null) return false;
  const o = obj as { apiVersion?: unknown; kind?: unknown };
  return o.apiVersion === NETWORK_POLICY_API_VERSION && o.kind === NETWORK_POLICY_KIND;
}
