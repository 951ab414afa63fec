/**
 * What a ClusterNetworkPolicy rule does to the traffic it matches. Rules are evaluated in order
 * (policies by ascending priority, then rules as written) and the first match decides.
 */
export enum ClusterAction {
  /** Allows the traffic; no later ClusterNetworkPolicy or NetworkPolicy rule of this direction applies. */
  ACCEPT = 'Accept',
  /** Drops the traffic; nothing later can allow it. */
  DENY = 'Deny',
  /** Skips the rest of this tier: the NetworkPolicy tier (then Baseline) decides. */
  PASS = 'Pass',
}
