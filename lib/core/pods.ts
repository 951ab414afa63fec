import { LabelSelector, Labels } from './label-selector';
import { NetworkPolicyPeerManifest } from './manifest';
import { IPeer, namespaceNameSelector, PeerContext, PeerKind, PodPlacement, SelectablePods } from './peer';
import { namespaceNamesOf } from './selector-logic';
import { NetfenceError } from './errors';
import { WorkloadConstruct, workloadPodsOf } from './workload-pods';

/** What `Pods.of` takes: a workload construct, or any construct that exposes its pods as `pods`. */
export type PodsSource = WorkloadConstruct | { readonly pods: Pods };

/** Where a `Pods` value's pods live. */
type PodScope =
  | { readonly kind: 'home' }
  | { readonly kind: 'named'; readonly names: readonly string[] }
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

  /**
   * The pods of a workload construct, in its namespace: a cdk8s-plus `Deployment`,
   * `StatefulSet`, `DaemonSet` (their selector), `Job` or `Pod` (the label cdk8s-plus gives
   * their pods), a Deployment or other workload `ApiObject` (its `spec.selector`; the template's
   * labels for a Job without one; a Pod's labels), a construct wrapping one as its `Resource`
   * child, or a construct exposing `pods` (returned as it is). Throws, naming the construct, when
   * the workload has no selector labels or no namespace.
   *
   * @example AllowFrom(chart, Pods.of(frontend)).to(Pods.of(api)).on(Port.tcp(8080))
   */
  public static of(source: PodsSource): Pods {
    if ('node' in source) {
      const w = workloadPodsOf(source);
      if (w !== undefined) return new Pods(w.selector, { kind: 'named', names: [w.namespace] }, w.name);
    }
    if ('pods' in source && source.pods instanceof Pods) return source.pods;
    const what = 'node' in source && typeof source.node?.path === 'string' ? source.node.path : String(source);
    throw new NetfenceError(
      `Pods.of(${what}): not a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob or Pod, as an ApiObject or a cdk8s-plus construct) and exposes no \`pods\`; pass one of those, or Pods.labelled({...})`,
    );
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
    return new Pods(this.selector, { kind: 'named', names: [name] }, this.displayName);
  }

  /**
   * The same pods, in each of the named namespaces. An intent writes its side in each of them,
   * which it cannot do for namespaces chosen by labels.
   */
  public inNamespaces(...names: string[]): Pods {
    if (names.length === 0) {
      throw new NetfenceError('inNamespaces() needs at least one namespace name; use inAnyNamespace() for every namespace');
    }
    return new Pods(this.selector, { kind: 'named', names: [...new Set(names)].sort() }, this.displayName);
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
    if (this.scope.kind === 'named' && this.scope.names.length === 1) return this.scope.names[0];
    return undefined;
  }

  /** @inheritdoc */
  public selectable(homeNamespace: string): SelectablePods | undefined {
    const namespace = this.namespaceFor(homeNamespace);
    return namespace === undefined ? undefined : { namespace, selector: this.selector };
  }

  /** @inheritdoc */
  public placement(homeNamespace: string): PodPlacement {
    const inNamespaces = (names: readonly string[]): PodPlacement => ({
      named: names.map((namespace) => ({ namespace, selector: this.selector })),
      everywhere: [],
      labelled: [],
    });
    switch (this.scope.kind) {
      case 'home':
        return inNamespaces([homeNamespace]);
      case 'named':
        return inNamespaces(this.scope.names);
      case 'selected': {
        // Labels that pin namespaces by name are names.
        const names = namespaceNamesOf(this.scope.selector.toManifest());
        if (names !== undefined) return inNamespaces(names);
        return { named: [], everywhere: [], labelled: [{ selector: this.selector, description: this.describe(homeNamespace) }] };
      }
      case 'any':
        return { named: [], everywhere: [this.selector], labelled: [] };
    }
  }

  /** @inheritdoc */
  public toPeerManifests(ctx: PeerContext): NetworkPolicyPeerManifest[] {
    const podSelector = this.selector.toManifest();
    switch (this.scope.kind) {
      case 'home':
      case 'named': {
        const names = this.scope.kind === 'home' ? [ctx.homeNamespace] : this.scope.names;
        if (names.length === 1 && names[0] === ctx.policyNamespace) return [{ podSelector }];
        return [{ namespaceSelector: namespaceNameSelector(names).toManifest(), podSelector }];
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
    if (this.scope.kind === 'named') return `${this.scope.names.join('-')}-${base}`;
    return this.scope.kind === 'any' ? `${base}-any-namespace` : `${base}-in-selected-namespaces`;
  }

  /** @inheritdoc */
  public describe(homeNamespace: string): string {
    const where =
      this.scope.kind === 'selected'
        ? `namespaces matching ${this.scope.label}`
        : this.scope.kind === 'any'
          ? 'any namespace'
          : this.scope.kind === 'named' && this.scope.names.length > 1
            ? `namespaces ${this.scope.names.join(', ')}`
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
