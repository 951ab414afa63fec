/**
 * Domain names as a ClusterNetworkPolicy egress peer (experimental channel): `api.example.com`
 * matches that name only, `*.example.com` every name below it (one or more labels), never
 * `example.com` itself. The API supports them in Accept rules only, enforced by implementations
 * that watch DNS answers; kept as text and checked at synth, where the construct path is known.
 *
 * @example DomainNames.of('api.stripe.com', '*.github.com')
 */
export class DomainNames {
  /** These names (exact, or `*.` followed by a domain for its subdomains). */
  public static of(...names: string[]): DomainNames {
    return new DomainNames(names);
  }

  private constructor(
    /** The names, as given. */
    public readonly names: readonly string[],
  ) {}

  /** A description for messages. */
  public describe(): string {
    return `domain names ${this.names.join(', ')}`;
  }
}
