import { LabelSelector, Labels } from './label-selector';
import { NetworkPolicyPeerManifest } from './manifest';
import { IPeer, namespaceNameSelector, PeerContext, PeerKind, SelectablePods } from './peer';

/** Where a `Pods` value's pods live. */
type PodScope =
  | { readonly kind: 'home' }
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'selected'; readonly selector: LabelSelector; readonly label: string }
  | { readonly kind: 'any' };

/**
 * Pods chosen by labels, in the chart's own namespace unless told otherwise. Immutable: every
 * method returns a new value.
 *
 * @example Pods.labelled({ app: 'prometheus' }).inNamespace('monitoring')
 */
export class Pods implements IPeer {
  /** Pods carrying all of these labels. */
  public static labelled(labels: Labels): Pods {
    return new Pods(LabelSelector.matchLabels(labels), { kind: 'home' });
  }

  /** Pods matched by a full label selector (with matchExpressions). */
  public static matching(selector: LabelSelector): Pods {
    return new Pods(selector, { kind: 'home' });
  }

  /** Every pod (of the chart's namespace, unless placed elsewhere). */
  public static all(): Pods {
    return new Pods(LabelSelector.all(), { kind: 'home' });
  }

  /** @inheritdoc */
  public readonly peerKind: PeerKind = 'pods';

  private constructor(
    /** The pods' label selector. */
    public readonly selector: LabelSelector,
    private readonly scope: PodScope,
    private readonly displayName?: string,
  ) {}

  /** The same pods, in the named namespace. */
  public inNamespace(name: string): Pods {
    return new Pods(this.selector, { kind: 'named', name }, this.displayName);
  }

  /** The same pods, in every namespace whose labels match (for example `{ team: 'a' }`). */
  public inNamespacesLabelled(labels: Labels): Pods {
    const selector = LabelSelector.matchLabels(labels);
    return new Pods(this.selector, { kind: 'selected', selector, label: selector.describe() }, this.displayName);
  }

  /** The same pods, in every namespace a full selector matches. */
  public inNamespacesMatching(selector: LabelSelector): Pods {
    return new Pods(this.selector, { kind: 'selected', selector, label: selector.describe() }, this.displayName);
  }

  /** The same pods, in every namespace of the cluster. */
  public inAnyNamespace(): Pods {
    return new Pods(this.selector, { kind: 'any' }, this.displayName);
  }

  /** The same pods with a readable name for derived object names (`allow-<name>-to-...`). */
  public named(displayName: string): Pods {
    return new Pods(this.selector, this.scope, displayName);
  }

  /** The namespace these pods live in, when it is one known namespace. */
  public namespaceFor(homeNamespace: string): string | undefined {
    if (this.scope.kind === 'home') return homeNamespace;
    if (this.scope.kind === 'named') return this.scope.name;
    return undefined;
  }

  /** @inheritdoc */
  public selectable(homeNamespace: string): SelectablePods | undefined {
    const namespace = this.namespaceFor(homeNamespace);
    return namespace === undefined ? undefined : { namespace, selector: this.selector };
  }

  /** @inheritdoc */
  public toPeerManifests(ctx: PeerContext): NetworkPolicyPeerManifest[] {
    const podSelector = this.selector.toManifest();
    switch (this.scope.kind) {
      case 'home':
      case 'named': {
        const ns = this.namespaceFor(ctx.homeNamespace)!;
        if (ns === ctx.policyNamespace) return [{ podSelector }];
        return [{ namespaceSelector: namespaceNameSelector([ns]).toManifest(), podSelector }];
      }
      case 'selected':
        return [{ namespaceSelector: this.scope.selector.toManifest(), podSelector }];
      case 'any':
        return [{ namespaceSelector: {}, podSelector }];
    }
  }

  /** @inheritdoc */
  public nameFragment(homeNamespace: string): string {
    const base = this.displayName ?? podsBaseName(this.selector);
    const ns = this.namespaceFor(homeNamespace);
    if (this.displayName !== undefined || ns === homeNamespace) return base;
    if (ns !== undefined) return `${ns}-${base}`;
    return this.scope.kind === 'any' ? `${base}-any-namespace` : `${base}-in-selected-namespaces`;
  }

  /** @inheritdoc */
  public describe(homeNamespace: string): string {
    const where =
      this.scope.kind === 'selected'
        ? `namespaces matching ${this.scope.label}`
        : this.scope.kind === 'any'
          ? 'any namespace'
          : `namespace ${this.namespaceFor(homeNamespace)}`;
    return `pods ${this.selector.describe()} in ${where}`;
  }
}

/** A readable name for a selector: the values of its labels (`web`), or `all-pods`. */
function podsBaseName(selector: LabelSelector): string {
  if (selector.isEmpty) return 'all-pods';
  const keys = Object.keys(selector.labels).sort();
  // Prefer the conventional workload keys so `{app: web, tier: x}` reads as `web`.
  for (const k of ['app.kubernetes.io/name', 'app', 'name', 'k8s-app', 'component']) {
    if (selector.labels[k] !== undefined && keys.length === 1) return selector.labels[k];
  }
  const parts = keys.map((k) => selector.labels[k]);
  for (const r of selector.requirements) {
    parts.push(r.operator === 'In' ? r.values.join('-') : `${r.operator.toLowerCase()}-${r.key.split('/').pop()}`);
  }
  return parts.join('-');
}
