import { NetworkPolicyPeerManifest } from './manifest';
import { IPeer, PeerKind, SelectablePods } from './peer';

/**
 * An `ipBlock` peer: addresses outside the cluster, with carve-outs. Kept as text; it is checked
 * (valid CIDR, every `except` strictly inside `cidr`) at synth, where the construct path is known.
 */
export class Cidr implements IPeer {
  /** A CIDR block, IPv4 or IPv6: `Cidr.of('10.0.0.0/8')`. */
  public static of(cidr: string): Cidr {
    return new Cidr([{ cidr, except: [] }]);
  }

  /** One IPv4 address as a /32. */
  public static ipv4(address: string): Cidr {
    return Cidr.of(`${address}/32`);
  }

  /** One IPv6 address as a /128. */
  public static ipv6(address: string): Cidr {
    return Cidr.of(`${address}/128`);
  }

  /** Several blocks as one peer value (each becomes its own `ipBlock` entry). */
  public static anyOf(...blocks: Cidr[]): Cidr {
    return new Cidr(blocks.flatMap((b) => b.blocks));
  }

  /** @inheritdoc */
  public readonly peerKind: PeerKind = 'ipBlock';

  /** @internal */
  protected constructor(
    /** The blocks, each with its carve-outs. */
    public readonly blocks: readonly { readonly cidr: string; readonly except: readonly string[] }[],
    private readonly displayName?: string,
  ) {}

  /**
   * The same blocks minus these ranges. Each carve-out goes to the block that contains it, so
   * `Cidr.anyOf(v4, v6).except(...)` works for mixed families.
   */
  public except(...ranges: string[]): Cidr {
    const blocks = this.blocks.map((b) => ({ cidr: b.cidr, except: [...b.except] }));
    for (const r of ranges) {
      const target = blocks.find((b) => b.cidr.includes(':') === r.includes(':')) ?? blocks[0];
      target.except.push(r);
    }
    return new Cidr(blocks, this.displayName);
  }

  /** The same blocks with a readable name for derived object names. */
  public named(displayName: string): Cidr {
    return new Cidr(this.blocks, displayName);
  }

  /** @inheritdoc */
  public selectable(): SelectablePods | undefined {
    return undefined;
  }

  /** @inheritdoc */
  public toPeerManifests(): NetworkPolicyPeerManifest[] {
    return this.blocks.map((b) =>
      b.except.length === 0 ? { ipBlock: { cidr: b.cidr } } : { ipBlock: { cidr: b.cidr, except: [...b.except] } },
    );
  }

  /** @inheritdoc */
  public nameFragment(): string {
    return this.displayName ?? this.blocks.map((b) => b.cidr).join('-');
  }

  /** @inheritdoc */
  public describe(): string {
    return this.blocks.map((b) => (b.except.length ? `${b.cidr} except ${b.except.join(', ')}` : b.cidr)).join(' or ');
  }
}

/** Private, shared, link-local and loopback IPv4 ranges (RFC 1918, RFC 6598, RFC 3927, RFC 1122). */
export const PRIVATE_IPV4_RANGES: readonly string[] = Object.freeze([
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
]);

/** Loopback, unique-local and link-local IPv6 ranges (RFC 4291, RFC 4193). */
export const PRIVATE_IPV6_RANGES: readonly string[] = Object.freeze(['::1/128', 'fc00::/7', 'fe80::/10']);

/** The public internet as peers: every address, IPv4 and IPv6. */
export class Internet {
  /** Every IPv4 and IPv6 address (`0.0.0.0/0` and `::/0`). */
  public static all(): Cidr {
    return Cidr.anyOf(Cidr.of('0.0.0.0/0'), Cidr.of('::/0')).named('internet');
  }

  /**
   * Every address except private, shared (CGNAT), link-local (cloud metadata at 169.254.169.254)
   * and loopback ranges: "the internet" without the cluster's own networks.
   */
  public static exceptPrivate(): Cidr {
    return Cidr.anyOf(
      Cidr.of('0.0.0.0/0').except(...PRIVATE_IPV4_RANGES),
      Cidr.of('::/0').except(...PRIVATE_IPV6_RANGES),
    ).named('internet');
  }

  /** Every IPv4 address only. */
  public static ipv4(): Cidr {
    return Cidr.of('0.0.0.0/0').named('internet-ipv4');
  }

  private constructor() {}
}
