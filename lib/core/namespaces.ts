import { NetfenceError } from './errors';
import { LabelSelector, Labels } from './label-selector';
import { NetworkPolicyPeerManifest } from './manifest';
import { IPeer, namespaceNameSelector, PeerContext, PeerKind, PodPlacement, SelectablePods } from './peer';
import { namespaceNamesOf } from './selector-logic';

/**
 * Every pod of some namespaces: by name (through the `kubernetes.io/metadata.name` label that
 * every namespace carries), by labels, or all of them.
 */
export class Namespaces implements IPeer {
  /** The namespaces with these names. */
  public static named(...names: string[]): Namespaces {
    if (names.length === 0) {
      throw new NetfenceError('Namespaces.named() needs at least one name; use Namespaces.all() for every namespace');
    }
    return new Namespaces(namespaceNameSelector(names), [...new Set(names)].sort());
  }

  /** The namespaces carrying all of these labels. */
  public static labelled(labels: Labels): Namespaces {
    return new Namespaces(LabelSelector.matchLabels(labels), undefined);
  }

  /** The namespaces a full selector matches. */
  public static matching(selector: LabelSelector): Namespaces {
    return new Namespaces(selector, undefined);
  }

  /** Every namespace of the cluster (`namespaceSelector: {}`). */
  public static all(): Namespaces {
    return new Namespaces(LabelSelector.all(), undefined);
  }

  /** @inheritdoc */
  public readonly peerKind: PeerKind = 'pods';

  private constructor(
    /** The namespace selector. */
    public readonly selector: LabelSelector,
    /** The names, when chosen by name. */
    public readonly names: readonly string[] | undefined,
    private readonly displayName?: string,
  ) {}

  /** The same namespaces with a readable name for derived object names. */
  public named(displayName: string): Namespaces {
    return new Namespaces(this.selector, this.names, displayName);
  }

  /** @inheritdoc */
  public selectable(): SelectablePods | undefined {
    if (this.names?.length !== 1) return undefined;
    return { namespace: this.names[0], selector: LabelSelector.all() };
  }

  /** @inheritdoc */
  public placement(): PodPlacement {
    const names = this.names ?? namespaceNamesOf(this.selector.toManifest());
    if (names !== undefined) {
      return { named: names.map((namespace) => ({ namespace, selector: LabelSelector.all() })), everywhere: [], labelled: [] };
    }
    if (this.selector.isEmpty) return { named: [], everywhere: [LabelSelector.all()], labelled: [] };
    return { named: [], everywhere: [], labelled: [{ selector: LabelSelector.all(), description: this.describe() }] };
  }

  /** @inheritdoc */
  public toPeerManifests(ctx: PeerContext): NetworkPolicyPeerManifest[] {
    if (this.names?.length === 1 && this.names[0] === ctx.policyNamespace) return [{ podSelector: {} }];
    return [{ namespaceSelector: this.selector.toManifest() }];
  }

  /** @inheritdoc */
  public nameFragment(): string {
    if (this.displayName !== undefined) return this.displayName;
    if (this.names !== undefined) return `ns-${this.names.join('-')}`;
    if (this.selector.isEmpty) return 'all-namespaces';
    return `ns-${Object.keys(this.selector.labels)
      .sort()
      .map((k) => this.selector.labels[k])
      .join('-')}`;
  }

  /** @inheritdoc */
  public describe(): string {
    if (this.names !== undefined) return `all pods of namespace ${this.names.join(', ')}`;
    return this.selector.isEmpty ? 'all pods of every namespace' : `all pods of namespaces ${this.selector.describe()}`;
  }
}
