/**
 * Label indexes over an inventory's namespaces and pods, so that the pods of a pod set (a policy's
 * subject, a peer) are found touching only candidate pods: the pods carrying the rarest label the
 * selector demands, or the pods of the selected namespaces, whichever is fewer.
 */
import { selectorKey, selectorMatches } from '../core/label-match';
import { Labels } from '../core/label-selector';
import { LabelSelectorManifest } from '../core/manifest';
import { Inventory, PodRecord } from './inventory';
import { PodSet } from './policy-model';

const SEP = '\u0000';

/** Indexes of labels to candidate namespaces and pods; pods are named by their position in `pods`. */
export class LabelIndex {
  private readonly nsByLabel = new Map<string, string[]>();
  private readonly podsByLabel = new Map<string, number[]>();
  private readonly podsByNs = new Map<string, number[]>();
  private readonly nsLabels = new Map<string, Labels>();
  private readonly nsCache = new Map<string, string[]>();
  private readonly allNamespaces: readonly string[];

  /** Indexes the inventory's namespaces and the given pods. */
  public constructor(inventory: Inventory, private readonly pods: readonly PodRecord[]) {
    this.allNamespaces = inventory.namespaces.map((n) => n.name);
    for (const ns of inventory.namespaces) {
      this.nsLabels.set(ns.name, ns.labels);
      for (const [k, v] of Object.entries(ns.labels)) push(this.nsByLabel, k + SEP + v, ns.name);
    }
    pods.forEach((p, i) => {
      push(this.podsByNs, p.namespace, i);
      for (const [k, v] of Object.entries(p.labels)) push(this.podsByLabel, k + SEP + v, i);
    });
  }

  /** The namespaces (declared or referenced) a namespace selector matches, in inventory order. */
  public namespaces(selector: LabelSelectorManifest): string[] {
    const key = selectorKey(selector);
    const hit = this.nsCache.get(key);
    if (hit) return hit;
    let candidates: readonly string[] | undefined;
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
      const list = this.nsByLabel.get(k + SEP + v) ?? [];
      if (!candidates || list.length < candidates.length) candidates = list;
    }
    candidates ??= this.allNamespaces;
    const out = candidates.filter((n) => selectorMatches(selector, this.nsLabels.get(n) ?? {}));
    this.nsCache.set(key, out);
    return out;
  }

  /** The positions of the pods of these namespaces that the selector (absent: every pod) matches. */
  public podsIn(namespaces: readonly string[], selector: LabelSelectorManifest | undefined): number[] {
    const best = this.byRarestLabel(namespaces, selector);
    if (best) {
      const nsSet = new Set(namespaces);
      return best.filter((i) => nsSet.has(this.pods[i].namespace) && selectorMatches(selector ?? {}, this.pods[i].labels));
    }
    const out: number[] = [];
    for (const ns of namespaces) {
      for (const i of this.podsByNs.get(ns) ?? []) {
        if (!selector || selectorMatches(selector, this.pods[i].labels)) out.push(i);
      }
    }
    return out;
  }

  /**
   * The positions of the pods of a pod set of a policy in `policyNs` (absent for cluster-scoped
   * policies): the same answer as podSetMatches (host-network pods are in no pod set), found
   * through the indexes.
   */
  public podSetPods(set: PodSet, policyNs: string | undefined): number[] {
    const nss = this.podSetNamespaces(set, policyNs);
    return this.podsIn(nss, set.podSelector).filter((i) => !this.pods[i].hostNetwork);
  }

  /** True when the pod set of a policy in `policyNs` holds a pod: podSetPods is not empty, found without listing it. */
  public hasPodSetPod(set: PodSet, policyNs: string | undefined): boolean {
    const nss = this.podSetNamespaces(set, policyNs);
    const selector = set.podSelector;
    const fits = (i: number): boolean => !this.pods[i].hostNetwork && (!selector || selectorMatches(selector, this.pods[i].labels));
    const best = this.byRarestLabel(nss, selector);
    if (best) {
      const nsSet = new Set(nss);
      return best.some((i) => nsSet.has(this.pods[i].namespace) && fits(i));
    }
    return nss.some((ns) => (this.podsByNs.get(ns) ?? []).some(fits));
  }

  /** The namespaces a pod set ranges over: its namespace selector's, else the policy's own (none for a cluster-scoped policy). */
  private podSetNamespaces(set: PodSet, policyNs: string | undefined): string[] {
    if (set.namespaceSelector) return this.namespaces(set.namespaceSelector);
    return policyNs === undefined ? [] : [policyNs];
  }

  /**
   * The pods carrying the rarest label the selector demands, when they are fewer than the pods of
   * the namespaces (then they are the candidates to test); otherwise undefined (scan the namespaces).
   */
  private byRarestLabel(namespaces: readonly string[], selector: LabelSelectorManifest | undefined): readonly number[] | undefined {
    let scanCost = 0;
    for (const ns of namespaces) scanCost += this.podsByNs.get(ns)?.length ?? 0;
    let best: readonly number[] | undefined;
    for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) {
      const list = this.podsByLabel.get(k + SEP + v) ?? [];
      if (!best || list.length < best.length) best = list;
    }
    return best && best.length < scanCost ? best : undefined;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
