import { NetworkPolicyPeerManifest } from './manifest';
import { IPeer, PeerKind, SelectablePods } from './peer';

/**
 * Every source or destination, in the cluster and outside it: a rule with no `from`/`to`.
 * It exists so that "everyone" is always written on purpose, never by an empty list.
 */
export class Anyone implements IPeer {
  /** The one instance. */
  public static readonly INSTANCE = new Anyone();

  /** @inheritdoc */
  public readonly peerKind: PeerKind = 'anyone';

  private constructor() {}

  /** @inheritdoc */
  public selectable(): SelectablePods | undefined {
    return undefined;
  }

  /** @inheritdoc */
  public toPeerManifests(): NetworkPolicyPeerManifest[] {
    return [];
  }

  /** @inheritdoc */
  public nameFragment(): string {
    return 'anyone';
  }

  /** @inheritdoc */
  public describe(): string {
    return 'anyone (every pod and every address)';
  }
}
