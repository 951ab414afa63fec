/** Choices where network plugins differ and the engine must pick a reading. */
export interface EngineOptions {
  /**
   * Whether an `ipBlock` peer matches pods whose IP lies in its range. Upstream conformance
   * (test/e2e/network/netpol "should allow egress access to server in CIDR block" and the
   * `except` tests) expects it to, so that is the default; some plugins apply ipBlock only to
   * traffic from or to outside the cluster, which `false` models.
   * @default true
   */
  readonly ipBlockMatchesPods?: boolean;
}

/** The options with their defaults filled in. */
export interface ResolvedEngineOptions {
  readonly ipBlockMatchesPods: boolean;
}

/** Fills in defaults. */
export function resolveOptions(options: EngineOptions = {}): ResolvedEngineOptions {
  return { ipBlockMatchesPods: options.ipBlockMatchesPods ?? true };
}
