/**
 * The default priorities of netfence's guardrails, one per kind of guardrail and all different,
 * so that two guardrails of different actions never share a priority (where the outcome would
 * be up to the implementation). Lower numbers are evaluated first. Every guardrail takes a
 * `priority` prop to place it elsewhere.
 */
export const GUARDRAIL_PRIORITIES = Object.freeze({
  /** Admin Deny of egress to addresses (DenyEgressTo, DenyCloudMetadata): before everything. */
  denyEgress: 10,
  /** Admin Accept of flows that must always work (AlwaysAllow, AlwaysAllowDns). */
  alwaysAllow: 20,
  /** Admin Accept of monitoring scrapes (AlwaysAllowMonitoring). */
  alwaysAllowMonitoring: 30,
  /** Admin Pass to the namespaces' own NetworkPolicies (DelegateToNamespaces). */
  delegate: 50,
  /** Admin Deny between tenants (TenantIsolation). */
  tenantIsolation: 100,
  /** Baseline Deny of everything NetworkPolicies do not allow (BaselineDefaultDeny): last. */
  baselineDefaultDeny: 1000,
});
