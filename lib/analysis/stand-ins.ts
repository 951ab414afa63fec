/**
 * Stand-ins: a pod set that matches no pod or workload of the inputs still means something (a
 * policy-only repo names `app=frontend` long before any Deployment exists), so every face gives
 * it one stand-in pod with exactly the labels its selector needs, named in the selector syntax
 * of flow ends (`dev-team/app=frontend`, `dev-team/*`). Where a namespaceSelector matches no
 * namespace of the inputs, the stand-in lives in a stand-in namespace carrying the labels the
 * selector needs (named after it, or by the name it pins).
 *
 * Rules: a stand-in exists only where the real pods of the inputs match nothing; one stand-in per
 * (namespace, selector meaning), except that a selector offering a choice of values (`app in
 * (api,web)`) gets one stand-in per choice (`app=api`, `app=web`; at most 16), since one pod
 * cannot carry both and a policy may tell them apart; a selector no labels can satisfy gets none.
 * A stand-in has no IP and no container ports, so a named port never resolves on it (the diff and
 * the graph give their stand-ins every named port the rules use: lib/ci/named-port-probes.ts), and changes
 * no other pod's verdict (a verdict depends only on the pod's own labels, namespace and the
 * policies).
 */
import { NetfenceError } from '../core/errors';
import { selectorKey } from '../core/label-match';
import { LabelSelector, Labels } from '../core/label-selector';
import { LabelSelectorManifest } from '../core/manifest';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { formatSelectorText } from './flow-end';
import { assembleInventory, ContainerPort, Inventory, makePod, PodRecord } from './inventory';
import { LabelIndex } from './label-index';
import { podSetMatches } from './matching';
import { PodSet, Policy } from './policy-model';

/** The `kind` of a stand-in pod record. */
export const STAND_IN_KIND = 'StandIn';

/**
 * The smallest labels a selector matches: its matchLabels, for each `In` a value every `In` of
 * the key allows and no `NotIn` forbids, for each `Exists` a value no `NotIn` forbids; undefined
 * when no labels satisfy it.
 */
export function witnessLabels(selector: LabelSelectorManifest): Labels | undefined {
  const sel = LabelSelector.fromManifest(selector);
  if (!sel.isSatisfiable) return undefined;
  const labels: Record<string, string> = {};
  const keys = new Set<string>([...Object.keys(sel.labels), ...sel.requirements.map((r) => r.key)]);
  for (const key of keys) {
    const reqs = sel.requirements.filter((r) => r.key === key);
    const forbidden = new Set(reqs.filter((r) => r.operator === 'NotIn').flatMap((r) => r.values));
    let allowed: string[] | undefined = Object.prototype.hasOwnProperty.call(sel.labels, key) ? [sel.labels[key]] : undefined;
    for (const r of reqs) if (r.operator === 'In') allowed = (allowed ?? [...r.values].sort()).filter((v) => r.values.includes(v));
    const mustExist = allowed !== undefined || reqs.some((r) => r.operator === 'Exists');
    if (!mustExist) continue;
    const pick = allowed !== undefined ? allowed.find((v) => !forbidden.has(v)) : ['present', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `present-${i}`)].find((v) => !forbidden.has(v));
    if (pick === undefined) return undefined;
    Object.defineProperty(labels, key, { value: pick, enumerable: true, writable: true, configurable: true });
  }
  return sel.matches(labels) ? labels : undefined;
}

/** The name a stand-in pod of this selector gets: the selector's canonical text. */
export function standInName(selector: LabelSelectorManifest): string {
  return formatSelectorText(selector);
}

const MAX_CHOICES = 16;

/**
 * The selector with each choice of values made (`app in (api,web)` gives `app=api` and `app=web`),
 * so that each result has one witness that stands for all pods it matches; at most 16 results
 * (further choices take their first value). Empty when no labels satisfy the selector.
 */
export function selectorChoices(selector: LabelSelectorManifest): LabelSelectorManifest[] {
  const sel = LabelSelector.fromManifest(selector);
  if (!sel.isSatisfiable) return [];
  const keys = [...new Set(sel.requirements.filter((r) => r.operator === 'In').map((r) => r.key))].sort();
  let out: { labels: Record<string, string>; drop: Set<string> }[] = [{ labels: { ...sel.labels }, drop: new Set() }];
  for (const key of keys) {
    const reqs = sel.requirements.filter((r) => r.key === key);
    const forbidden = new Set(reqs.filter((r) => r.operator === 'NotIn').flatMap((r) => r.values));
    let allowed: string[] | undefined = Object.prototype.hasOwnProperty.call(sel.labels, key) ? [sel.labels[key]] : undefined;
    for (const r of reqs) if (r.operator === 'In') allowed = (allowed ?? [...new Set(r.values)].sort()).filter((v) => r.values.includes(v));
    const values = (allowed ?? []).filter((v) => !forbidden.has(v));
    if (values.length === 0) return [];
    const picks = out.length * values.length > MAX_CHOICES ? values.slice(0, 1) : values;
    out = out.flatMap((o) => picks.map((v) => ({ labels: { ...o.labels, [key]: v }, drop: new Set([...o.drop, key]) })));
  }
  return out.map((o) => {
    const rest = sel.requirements.filter((r) => !(o.drop.has(r.key) && r.operator === 'In')).map((r) => r.toManifest());
    const m: { matchLabels?: Record<string, string>; matchExpressions?: typeof rest } = {};
    if (Object.keys(o.labels).length > 0) m.matchLabels = o.labels;
    if (rest.length > 0) m.matchExpressions = rest;
    return m;
  });
}

/**
 * An inventory and the stand-ins added to it. Real pods are matched through label indexes; the
 * inventory with the stand-ins is built on demand.
 */
export class StandIns {
  private readonly index: LabelIndex;
  private readonly pods = new Map<string, PodRecord>();
  private readonly namespaces = new Map<string, Labels>();
  private built: Inventory | undefined;
  /** The pod sets covered so far (cover is the same for the same set), by key. */
  private readonly covered = new Set<string>();

  /**
   * Stand-ins over the real pods of `base`. `ports`: the container ports every stand-in exposes
   * (none, except the named-port probes of the diff and the graph: lib/ci/named-port-probes.ts).
   */
  public constructor(
    public readonly base: Inventory,
    private readonly ports: readonly ContainerPort[] = [],
  ) {
    this.index = new LabelIndex(base, base.pods);
  }

  /** The stand-in pods added so far. */
  public get standIns(): readonly PodRecord[] {
    return [...this.pods.values()];
  }

  /** The stand-in namespaces added so far, with their labels. */
  public get standInNamespaces(): readonly { readonly name: string; readonly labels: Labels }[] {
    return [...this.namespaces].map(([name, labels]) => ({ name, labels }));
  }

  /**
   * The real pods of the namespace the selector matches, in inventory order; when there are none,
   * the selector's stand-in (made once). Throws when no labels can satisfy the selector.
   */
  public podsOf(namespace: string, selector: LabelSelectorManifest): PodRecord[] {
    const real = this.index.podsIn([namespace], selector).map((i) => this.base.pods[i]);
    if (real.length > 0) return real;
    const pods = this.standInsOf(namespace, selector);
    if (pods.length === 0) throw new NetfenceError(`${namespace}/${standInName(selector)}: the selector can match no pod at all`);
    return pods;
  }

  /** Gives a policy's pod set (a subject or a pod peer) a stand-in when no real pod is in it. */
  public cover(set: PodSet, policyNamespace: string | undefined): void {
    // Many policies share pod sets (a team's namespaces, every frontend): each is looked at once.
    const key = `${set.namespaceSelector ? selectorKey(set.namespaceSelector) : `in ${policyNamespace ?? ''}`}\u0000${selectorKey(set.podSelector ?? {})}`;
    if (this.covered.has(key)) return;
    this.covered.add(key);
    if (this.index.hasPodSetPod(set, policyNamespace)) return;
    let namespace: string | undefined = policyNamespace;
    if (set.namespaceSelector) namespace = this.namespaceFor(set.namespaceSelector);
    if (namespace === undefined) return;
    for (const pod of this.standInsOf(namespace, set.podSelector ?? {})) {
      // The stand-in must be in the set it stands for; a namespace it cannot live in gets none.
      if (!podSetMatches(set, policyNamespace, pod, (ns) => this.namespaceLabels(ns))) this.drop(pod);
    }
  }

  /** Covers the subject and every pod peer of every policy. */
  public coverPolicies(policies: readonly Policy[]): void {
    for (const p of policies) {
      this.cover(p.subject, p.namespace);
      for (const rule of [...p.ingress, ...p.egress]) for (const peer of rule.peers ?? []) if (peer.kind === 'pods') this.cover(peer, p.namespace);
    }
  }

  /** The base inventory with every stand-in pod and namespace. */
  public inventory(): Inventory {
    if (this.built) return this.built;
    if (this.pods.size === 0 && this.namespaces.size === 0) return (this.built = this.base);
    const declared = this.base.namespaces.filter((n) => n.declared).map((n) => ({ name: n.name, labels: n.labels }));
    const standInNs = [...this.namespaces].map(([name, labels]) => ({ name, labels, standIn: true }));
    this.built = assembleInventory([...declared, ...standInNs], [...this.base.pods, ...this.pods.values()], this.base.policies, this.base.nodes);
    return this.built;
  }

  private namespaceLabels(ns: string): Labels {
    return this.namespaces.get(ns) ?? this.base.namespaces.find((n) => n.name === ns)?.labels ?? { [NAMESPACE_NAME_LABEL]: ns };
  }

  /** A namespace of the inputs the selector matches (the first by name), else a stand-in one. */
  private namespaceFor(selector: LabelSelectorManifest): string | undefined {
    const real = this.index.namespaces(selector).sort();
    if (real.length > 0) return real[0];
    const labels = witnessLabels(selector);
    if (!labels) return undefined;
    const name = labels[NAMESPACE_NAME_LABEL] ?? `(${formatSelectorText(selector)})`;
    const withName = { ...labels, [NAMESPACE_NAME_LABEL]: name };
    const existing = this.namespaces.get(name);
    if (existing === undefined) {
      this.namespaces.set(name, withName);
      this.built = undefined;
    }
    return name;
  }

  private standInsOf(namespace: string, selector: LabelSelectorManifest): PodRecord[] {
    return selectorChoices(selector)
      .map((choice) => this.standIn(namespace, choice))
      .filter((p): p is PodRecord => p !== undefined);
  }

  private standIn(namespace: string, selector: LabelSelectorManifest): PodRecord | undefined {
    const name = standInName(selector);
    const id = `${namespace}/${name}`;
    const hit = this.pods.get(id);
    if (hit) return hit;
    const labels = witnessLabels(selector);
    if (!labels) return undefined;
    const pod = makePod(namespace, name, { labels, kind: STAND_IN_KIND, ports: this.ports });
    this.pods.set(id, pod);
    this.built = undefined;
    return pod;
  }

  private drop(pod: PodRecord): void {
    this.pods.delete(pod.id);
    this.built = undefined;
  }
}
