/** When an intent writes the rule on one side of a connection (source egress, target ingress). */
export enum Side {
  /**
   * Only for pods whose direction some other policy of the app already isolates (a DenyAll,
   * say). Where the direction is open, the connection is already allowed, and a policy would
   * close everything else: in this mode an intent never isolates a pod by itself.
   */
  AUTO = 'auto',
  /**
   * Always, isolating the pods in that direction if nothing else did: the intent's side becomes
   * an allow-list. For pods whose default deny lives outside this app.
   */
  ALWAYS = 'always',
  /** Never; that side is somebody else's business (a shared service you do not own). */
  NEVER = 'never',
}

/**
 * The two sides of a connection, as every intent-like construct (`Allow`, `AllowDns`,
 * `AllowIngressController`, `AllowPrometheusScrape`, `AllowWithinNamespace`,
 * `NamespaceIsolation`) takes them. Each documents its own defaults.
 */
export interface IntentSideProps {
  /** When to write the ingress rule on the target's side. */
  readonly targetSide?: Side;
  /** When to write the egress rule on the source's side. */
  readonly sourceSide?: Side;
}
