/**
 * The tiers a ClusterNetworkPolicy can sit in. Each direction of a connection passes the Admin
 * tier, then the namespaces' own NetworkPolicies, then the Baseline tier, then is allowed.
 */
export enum ClusterTier {
  /** Guardrails no NetworkPolicy can override: evaluated before every NetworkPolicy. */
  ADMIN = 'Admin',
  /** Defaults that NetworkPolicies override: evaluated only for traffic no NetworkPolicy decided. */
  BASELINE = 'Baseline',
}
