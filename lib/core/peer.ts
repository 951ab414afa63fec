import { LabelRequirement, LabelSelector } from './label-selector';
import { NetworkPolicyPeerManifest } from './manifest';

/** What kind of thing a peer names: pods (possibly by namespace), or addresses. */
export type PeerKind = 'pods' | 'ipBlock' | 'anyone';

/** The namespaces a peer refers to, relative to where it is used. */
export interface PeerContext {
  /** The namespace of the policy the peer is written into. */
  readonly policyNamespace: string;
  /**
   * The namespace that "the chart's namespace" means for peers declared without one: the
   * namespace of the chart (or construct) where the author used the peer.
   */
  readonly homeNamespace: string;
}

/** Pods in one known namespace: what a policy's podSelector can select. */
export interface SelectablePods {
  /** The namespace the pods live in. */
  readonly namespace: string;
  /** The pods' selector within that namespace. */
  readonly selector: LabelSelector;
}

/** Pods of namespaces chosen by labels: no namespaced policy can be placed for them. */
export interface LabelledPods {
  /** The pods' label selector. */
  readonly selector: LabelSelector;
  /** What they are, for messages: `pods app=x in namespaces matching team=a`. */
  readonly description: string;
}

/**
 * Where the pods of a peer live, as namespaced policies can select them. An intent writes a side
 * per entry of `named`, per isolated namespace for `everywhere`, and cannot write one for
 * `labelled` (which namespaces carry the labels is the cluster's business).
 */
export interface PodPlacement {
  /** Pods in named namespaces: one entry per namespace and pod selector. */
  readonly named: readonly SelectablePods[];
  /** Pods of every namespace of the cluster: their pod selectors. */
  readonly everywhere: readonly LabelSelector[];
  /** Pods of namespaces chosen by labels. */
  readonly labelled: readonly LabelledPods[];
}

/** The placement of a peer that holds no pods (addresses, or everyone as a rule with no peers). */
export const NO_PODS: PodPlacement = Object.freeze({ named: [], everywhere: [], labelled: [] });

/**
 * Something traffic can come from or go to. Implemented by `Pods`, `Namespaces`, `Cidr`,
 * `Internet` and `Peer.anyone()`; libraries may implement it for their own peers.
 */
export interface IPeer {
  /** What kind of peer this is. */
  readonly peerKind: PeerKind;
  /** A short readable name used in derived object names (`frontend`, `internet`). */
  nameFragment(homeNamespace: string): string;
  /** The API peers of a rule; an empty list is only valid for `Peer.anyone()`. */
  toPeerManifests(ctx: PeerContext): NetworkPolicyPeerManifest[];
  /** Pods in one known namespace, when a policy can select them; undefined otherwise. */
  selectable(homeNamespace: string): SelectablePods | undefined;
  /**
   * Where the peer's pods live, for peers in several namespaces; without it, `selectable` and
   * `peerKind` decide (see `placementOf`).
   */
  placement?(homeNamespace: string): PodPlacement;
  /** A description for messages and explanations. */
  describe(homeNamespace: string): string;
}

/** The label every namespace carries with its own name (Kubernetes 1.21+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A namespaceSelector that picks exactly the named namespaces. */
export function namespaceNameSelector(names: readonly string[]): LabelSelector {
  const unique = [...new Set(names)].sort();
  if (unique.length === 1) return LabelSelector.matchLabels({ [NAMESPACE_NAME_LABEL]: unique[0] });
  return LabelSelector.matchExpressions(LabelRequirement.in(NAMESPACE_NAME_LABEL, unique));
}

/**
 * Where a peer's pods live: its own `placement`, else the one namespace `selectable` gives, else
 * (for a pods peer that says nothing more) pods of namespaces netfence cannot name.
 */
export function placementOf(peer: IPeer, homeNamespace: string): PodPlacement {
  if (peer.placement) return peer.placement(homeNamespace);
  const one = peer.selectable(homeNamespace);
  if (one !== undefined) return { named: [one], everywhere: [], labelled: [] };
  if (peer.peerKind !== 'pods') return NO_PODS;
  return { named: [], everywhere: [], labelled: [{ selector: LabelSelector.all(), description: peer.describe(homeNamespace) }] };
}
