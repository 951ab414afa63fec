import { selectorMatches } from '../core/label-match';
import { LabelSelector, Labels } from '../core/label-selector';
import { LabelSelectorManifest } from '../core/manifest';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { selectorSubsumes } from '../core/selector-logic';
import { PolicyType } from './policy-type';

interface Isolator {
  readonly selector: LabelSelector;
  manifest?: LabelSelectorManifest;
  /** The policy (or intent side) that isolates, for messages: `ns/name`. */
  readonly by: string | (() => string);
}

/** Pods a cluster-scoped default deny selects: by namespace labels, in namespaces of any name. */
interface ClusterIsolator {
  readonly namespaceSelector: LabelSelectorManifest;
  readonly selector: LabelSelector;
  readonly by: string;
}

/**
 * The pods, per direction and namespace, that the app's policies isolate: every NetworkPolicy of
 * the app as the engine reads it, plus the Side.ALWAYS sides intents are about to write, plus the
 * pods a Baseline-tier default deny of the app (or of what the cluster holds) denies everything
 * to: a NetworkPolicy side decides for them instead, so it only adds flows. A Side.AUTO side is
 * written only for pods these select, so it never closes a flow by itself.
 */
export class IsolationIndex {
  private readonly byKey = new Map<string, Isolator[]>();
  private readonly namespaces = new Map<PolicyType, Set<string>>();
  private readonly cluster = new Map<PolicyType, ClusterIsolator[]>();
  private namespaceLabels: (namespace: string) => Labels = (ns) => ({ [NAMESPACE_NAME_LABEL]: ns });
  private knownNamespaces: readonly string[] = [];

  /**
   * The labels of the namespaces the app knows (declared, or held by the cluster), for cluster
   * isolators that select namespaces by labels; an unknown namespace has only its name label.
   */
  public setNamespaces(labels: (namespace: string) => Labels, known: readonly string[]): void {
    this.namespaceLabels = labels;
    this.knownNamespaces = [...known].sort();
  }

  /** Records that a cluster policy (`by`) denies every flow of `direction` of the pods it selects. */
  public addClusterIsolator(direction: PolicyType, namespaceSelector: LabelSelectorManifest, selector: LabelSelector, by: string): void {
    const list = this.cluster.get(direction);
    const entry = { namespaceSelector, selector, by };
    if (list) list.push(entry);
    else this.cluster.set(direction, [entry]);
  }

  /** The cluster isolators of `direction` that select pods of `namespace`. */
  private clusterIn(direction: PolicyType, namespace: string): ClusterIsolator[] {
    const list = this.cluster.get(direction);
    if (list === undefined) return [];
    const labels = this.namespaceLabels(namespace);
    return list.filter((c) => selectorMatches(c.namespaceSelector, labels));
  }

  /** Records that a policy (`by`) isolates `selector`'s pods of `namespace` in `direction`. */
  public add(direction: PolicyType, namespace: string, selector: LabelSelector, by: string | (() => string) = 'a policy of the app'): void {
    const key = `${direction}/${namespace}`;
    const entry: Isolator = { selector, by };
    const list = this.byKey.get(key);
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
    let set = this.namespaces.get(direction);
    if (set === undefined) this.namespaces.set(direction, (set = new Set()));
    set.add(namespace);
  }

  /**
   * The selectors under which pods of `pods` (in `namespace`) are isolated in `direction`:
   * `[pods]` when a policy selects all of them, else `pods AND isolator` for each isolator they
   * can meet, and none when nothing isolates them.
   */
  public isolatedSelectors(direction: PolicyType, namespace: string, pods: LabelSelector): LabelSelector[] {
    const isolators: Isolator[] = [...(this.byKey.get(`${direction}/${namespace}`) ?? []), ...this.clusterIn(direction, namespace)];
    const manifest = pods.toManifest();
    if (isolators.some((p) => selectorSubsumes((p.manifest ??= p.selector.toManifest()), manifest))) return [pods];
    const out: LabelSelector[] = [];
    const seen = new Set<string>();
    for (const p of isolators) {
      const both = pods.and(p.selector);
      const key = JSON.stringify(both.toManifest());
      if (both.isSatisfiable && !seen.has(key)) {
        seen.add(key);
        out.push(both);
      }
    }
    return out;
  }

  /** The namespaces where some policy isolates pods in `direction` (known namespaces a cluster default deny selects included), sorted. */
  public isolatedNamespaces(direction: PolicyType): string[] {
    const out = new Set(this.namespaces.get(direction) ?? []);
    for (const ns of this.knownNamespaces) if (this.clusterIn(direction, ns).length > 0) out.add(ns);
    return [...out].sort();
  }

  /**
   * A cluster default deny that could isolate some of `pods` in a namespace netfence cannot name
   * (it selects namespaces by labels, in a cluster whose namespaces the app does not list), or
   * undefined: pods of every namespace cannot all get a side.
   */
  public clusterIsolatorMeeting(direction: PolicyType, pods: LabelSelector): string | undefined {
    return (this.cluster.get(direction) ?? []).find((c) => pods.and(c.selector).isSatisfiable)?.by;
  }

  /**
   * A policy, in any namespace, that could isolate some of `pods` in `direction` (their selectors
   * can meet), or undefined: for pods whose namespaces netfence cannot name.
   */
  public isolatorMeeting(direction: PolicyType, pods: LabelSelector): string | undefined {
    const cluster = this.clusterIsolatorMeeting(direction, pods);
    if (cluster !== undefined) return cluster;
    for (const ns of this.isolatedNamespaces(direction)) {
      for (const p of this.byKey.get(`${direction}/${ns}`) ?? []) {
        if (pods.and(p.selector).isSatisfiable) return typeof p.by === 'string' ? p.by : p.by();
      }
    }
    return undefined;
  }
}
