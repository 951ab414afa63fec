import { Anyone } from './anyone';
import { NetworkPolicyPeerManifest } from './manifest';
import { IPeer, PeerContext, PeerKind, placementOf, PodPlacement, SelectablePods } from './peer';
import { NetfenceError } from './errors';

/**
 * Several peers as one (OR): a rule that admits any of them, written as one rule with all their
 * API peers. An intent from `Peer.anyOf(Pods.all(), Namespaces.named('monitoring'))` writes
 * its source side wherever any of them lives.
 */
export class AnyOf implements IPeer {
  /**
   * The union of the peers: nested unions are flattened, `Peer.anyone()` absorbs the rest, and a
   * single peer is returned as itself.
   */
  public static of(...peers: IPeer[]): IPeer {
    if (peers.length === 0) throw new NetfenceError('Peer.anyOf() needs at least one peer; use Peer.anyone() for every peer');
    const flat = peers.flatMap((p) => (p instanceof AnyOf ? p.peers : [p]));
    if (flat.some((p) => p instanceof Anyone)) return Anyone.INSTANCE;
    return flat.length === 1 ? flat[0] : new AnyOf(flat);
  }

  /** `pods` when any member holds pods, else the kind they share. */
  public readonly peerKind: PeerKind;

  private constructor(
    /** The members, in the order given. */
    public readonly peers: readonly IPeer[],
  ) {
    Object.freeze(this.peers);
    this.peerKind = peers.some((p) => p.peerKind === 'pods') ? 'pods' : peers[0].peerKind;
  }

  /** @inheritdoc */
  public selectable(): SelectablePods | undefined {
    return undefined;
  }

  /** @inheritdoc */
  public placement(homeNamespace: string): PodPlacement {
    const each = this.peers.map((p) => placementOf(p, homeNamespace));
    return {
      named: each.flatMap((p) => p.named),
      everywhere: each.flatMap((p) => p.everywhere),
      labelled: each.flatMap((p) => p.labelled),
    };
  }

  /** @inheritdoc */
  public toPeerManifests(ctx: PeerContext): NetworkPolicyPeerManifest[] {
    return this.peers.flatMap((p) => p.toPeerManifests(ctx));
  }

  /** @inheritdoc */
  public nameFragment(homeNamespace: string): string {
    return this.peers.map((p) => p.nameFragment(homeNamespace)).join('-or-');
  }

  /** @inheritdoc */
  public describe(homeNamespace: string): string {
    return this.peers.map((p) => p.describe(homeNamespace)).join(' or ');
  }
}
