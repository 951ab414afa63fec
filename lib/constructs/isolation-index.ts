import { LabelSelector } from '../core/label-selector';
import { LabelSelectorManifest } from '../core/manifest';
import { selectorSubsumes } from '../core/selector-logic';
import { PolicyType } from './policy-type';

interface Isolator {
  readonly selector: LabelSelector;
  manifest?: LabelSelectorManifest;
  /** The policy (or intent side) that isolates, for messages: `ns/name`. */
  readonly by: string | (() => string);
}

/**
 * The pods, per direction and namespace, that the app's policies isolate: every NetworkPolicy of
 * the app as the engine reads it, plus the Side.ALWAYS sides intents are about to write. A
 * Side.AUTO side is written only for pods these select, so it never isolates a pod by itself.
 */
export class IsolationIndex {
  private readonly byKey = new Map<string, Isolator[]>();
  private readonly namespaces = new Map<PolicyType, Set<string>>();

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
    const isolators = this.byKey.get(`${direction}/${namespace}`) ?? [];
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

  /** The namespaces where some policy isolates pods in `direction`, sorted. */
  public isolatedNamespaces(direction: PolicyType): string[] {
    return [...(this.namespaces.get(direction) ?? [])].sort();
  }

  /**
   * A policy, in any namespace, that could isolate some of `pods` in `direction` (their selectors
   * can meet), or undefined: for pods whose namespaces netfence cannot name.
   */
  public isolatorMeeting(direction: PolicyType, pods: LabelSelector): string | undefined {
    for (const ns of this.isolatedNamespaces(direction)) {
      for (const p of this.byKey.get(`${direction}/${ns}`) ?? []) {
        if (pods.and(p.selector).isSatisfiable) return typeof p.by === 'string' ? p.by : p.by();
      }
    }
    return undefined;
  }
}
