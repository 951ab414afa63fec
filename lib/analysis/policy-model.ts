/**
 * NetworkPolicies with the API server's defaults applied and their CIDRs parsed, so the engine
 * never re-derives a default and never re-parses an address.
 *
 * Defaults, as in kubernetes/kubernetes pkg/apis/networking/v1/defaults.go:
 * - `SetDefaults_NetworkPolicy`: when `policyTypes` is empty or absent, it becomes `[Ingress]`,
 *   plus `Egress` iff `len(spec.egress) != 0`. So `egress: []` without policyTypes does NOT make
 *   the policy an egress policy, while `egress: [{}]` does.
 * - `SetDefaults_NetworkPolicyPort`: an absent protocol is TCP.
 * An absent `from`/`to` and an empty one both mean "every peer"; likewise for `ports`
 * (networking/v1 types.go field docs). An absent `spec.podSelector` decodes as `{}` (the Go
 * field is not a pointer), selecting every pod of the namespace.
 */
import { LabelSelectorManifest, ProtocolName } from '../core/manifest';
import { CidrBlock } from '../core/ip';
import { SourceLocation } from '../core/errors';

/** A peer that selects pods: by namespace selector (absent = the policy's own namespace) AND pod selector (absent = all pods). */
export interface PodsPeer {
  readonly kind: 'pods';
  /** Absent means the policy's own namespace; `{}` means every namespace. */
  readonly namespaceSelector?: LabelSelectorManifest;
  /** Absent means every pod of the selected namespaces. */
  readonly podSelector?: LabelSelectorManifest;
}

/** A peer that selects addresses: a CIDR minus its exceptions. */
export interface IpBlockPeer {
  readonly kind: 'ipBlock';
  readonly cidr: CidrBlock;
  readonly except: readonly CidrBlock[];
}

/** One peer of a rule, normalized. */
export type PolicyPeer = PodsPeer | IpBlockPeer;

/** One entry of a rule's `ports`, with the protocol defaulted. */
export interface PolicyPort {
  readonly protocol: ProtocolName;
  /** A number, a container port name, or absent for every port of the protocol. */
  readonly port?: number | string;
  /** The last port of a range starting at `port`. */
  readonly endPort?: number;
}

/** One ingress or egress rule, normalized. */
export interface PolicyRule {
  /** Absent when the rule admits every peer (the field was absent or empty). */
  readonly peers?: readonly PolicyPeer[];
  /** Absent when the rule admits every port (the field was absent or empty). */
  readonly ports?: readonly PolicyPort[];
}

/** A traffic direction from the point of view of the selected pod. */
export type Direction = 'ingress' | 'egress';

/** A NetworkPolicy as the engine evaluates it. */
export interface Policy {
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name`, the way reasons name the policy. */
  readonly id: string;
  readonly podSelector: LabelSelectorManifest;
  /** True when `Ingress` is among the (defaulted) policyTypes: the selected pods are isolated for ingress. */
  readonly isolatesIngress: boolean;
  /** True when `Egress` is among the (defaulted) policyTypes: the selected pods are isolated for egress. */
  readonly isolatesEgress: boolean;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  /** Where the policy was read from, when known. */
  readonly source?: SourceLocation;
}

/** The rules of a policy for one direction. */
export function rulesFor(policy: Policy, direction: Direction): readonly PolicyRule[] {
  return direction === 'ingress' ? policy.ingress : policy.egress;
}

/** True when the policy isolates its pods in the direction. */
export function isolates(policy: Policy, direction: Direction): boolean {
  return direction === 'ingress' ? policy.isolatesIngress : policy.isolatesEgress;
}

/** The text a reason uses for a rule: `ns/name ingress[0]`. */
export function ruleLabel(policy: Policy, direction: Direction, index: number): string {
  return `${policy.id} ${direction}[${index}]`;
}
