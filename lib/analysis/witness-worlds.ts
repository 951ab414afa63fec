/**
 * Witness pods for every kind of pod some policies can tell apart: namespaces and pods made up so
 * that any pod of any cluster behaves, under every one of the given policy sets, exactly like one
 * of them (in each direction, on every port). Comparing two policy sets on the witnesses compares
 * them on every pod there could be, which sampled or stand-in pods cannot do.
 *
 * What a NetworkPolicy can see of a pod: its namespace's name (which policies apply to it, what a
 * peer without namespaceSelector means), its namespace's labels (namespaceSelector), its own
 * labels (podSelector), its IPs (ipBlock) and, as a destination, which number each named port
 * resolves to. So:
 * - namespaces: one per region of namespace labels (label-partition.ts) that the policies'
 *   namespace selectors and namespace names tell apart, including "a namespace no policy names,
 *   with labels no selector mentions";
 * - pods: per namespace, one per region of pod labels that the subjects and the peers that can
 *   match pods there tell apart;
 * - named ports: each pod once with no container port, and once per named port some policy uses,
 *   resolving to a port no numeric entry of any policy covers (so whether the name admits the
 *   flow shows on its own); where every port is covered, once per port interval instead;
 * - addresses: whether a peer admits a pod is "some pod peer matches it OR some ipBlock holds its
 *   IP". Where no egress rule pairs an ipBlock with a named port, that splits cleanly: the pod
 *   part is decided on IP-less pods and the address part on the external addresses of every
 *   address region (address-regions.ts), which the comparison adds. A named port resolves on
 *   the destination pod only, so an egress rule whose ipBlock admits a pod by its IP can open
 *   that pod's named port, which neither an IP-less pod nor an external address shows; then
 *   every witness pod is also made once per address region with an IP in it (the product, but
 *   only for policies that mix the two). Cluster rules decide by the first match, so a pod held
 *   by a `networks` peer through its IP and named by another rule's labels is a case of its
 *   own: with a cluster-scoped policy that has `networks` peers, the product is always made.
 *
 * One cluster cannot hold two namespaces of one name, yet the policies may tell apart several
 * label sets for the namespace `x`. Those are spread over several worlds: world `w` holds the
 * `w`-th variant of each name (or its first, when it has fewer). A decision is made on one side
 * (a destination's ingress, a source's egress), where only the namespace's name matters, against
 * a peer whose namespace's labels matter: world `v` holds peer variant `v` together with some
 * variant of the deciding side's namespace, so every pair is decided in some world.
 *
 * Cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy)
 * select their subjects and pod peers by namespace labels alone (never by "the policy's
 * namespace"), so they take part through their pod sets like any other; but then the deciding
 * side's namespace labels matter as well, and the worlds are a covering array in which every
 * variant of a name meets every variant of every other name (pairwiseChoices), and the
 * namespaces no policy names are in every world.
 */
import { NetfenceError } from '../core/errors';
import { appendAll } from '../core/values';
import { LabelSelectorManifest, ProtocolName } from '../core/manifest';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { Labels } from '../core/label-selector';
import { formatSelector, selectorMatches } from '../core/label-match';
import { addressRegions } from './address-regions';
import { assembleInventory, ContainerPort, makePod, PodRecord } from './inventory';
import { partitionLabels, unnamedValue } from './label-partition';
import { PodSet, Policy } from './policy-model';

/** A namespace of a witness world. */
export interface WitnessNamespace {
  readonly name: string;
  readonly labels: Labels;
}

/** One cluster of witnesses: namespaces with distinct names and their pods. */
export interface WitnessWorld {
  readonly namespaces: readonly WitnessNamespace[];
  readonly pods: readonly PodRecord[];
}

/** The worlds and how large they are. */
export interface WitnessWorlds {
  readonly worlds: readonly WitnessWorld[];
  /** Namespace label regions (namespace witnesses over all worlds). */
  readonly namespaceClasses: number;
  /** Pod label regions, summed over the namespace witnesses. */
  readonly podClasses: number;
  /** Witness pods, named-port variants included, over all worlds. */
  readonly pods: number;
}

/** Options of `witnessWorlds`. */
export interface WitnessOptions {
  /**
   * Refuse when the witnesses would exceed this many pods.
   * @default 200000
   */
  readonly maxPods?: number;
}

/** The namespace part of a pod set, as a selector on namespace labels. */
function namespacePart(set: PodSet, policyNamespace: string | undefined): LabelSelectorManifest | undefined {
  if (set.namespaceSelector) return set.namespaceSelector;
  return policyNamespace === undefined ? undefined : { matchLabels: { [NAMESPACE_NAME_LABEL]: policyNamespace } };
}

/** Every pod set (subjects and pod peers) of the policies, with its policy's namespace. */
function podSets(policies: readonly Policy[]): { set: PodSet; namespace: string | undefined; subject: boolean }[] {
  const out: { set: PodSet; namespace: string | undefined; subject: boolean }[] = [];
  for (const p of policies) {
    out.push({ set: p.subject, namespace: p.namespace, subject: true });
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const peer of rule.peers ?? []) if (peer.kind === 'pods') out.push({ set: peer, namespace: p.namespace, subject: false });
    }
  }
  return out;
}

/** The named ports (name and protocol) the policies' rules use. */
function namedPorts(policies: readonly Policy[]): { name: string; protocol: ProtocolName }[] {
  const seen = new Map<string, { name: string; protocol: ProtocolName }>();
  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const entry of rule.ports ?? []) {
        if (typeof entry.port === 'string') seen.set(`${entry.protocol}/${entry.port}`, { name: entry.port, protocol: entry.protocol });
      }
    }
  }
  return [...seen.keys()].sort().map((k) => seen.get(k)!);
}

/**
 * The ports a named port is made to resolve to. NetworkPolicy entries only ever admit, so a
 * number adds to what the name gets: one number no numeric entry covers tells all of their
 * answers, else the first port of every interval the numeric entries cut the protocol into. A
 * cluster-scoped rule's first match can single out exactly the number a pod gives the name (a
 * numbered Deny before a named Accept), so where cluster rules name both the port and numbers of
 * its protocol, the name is also placed at the first port of every interval their numbers cut.
 * (Where no cluster rule names the port, their answers do not depend on its number.)
 */
function namedPortTargets(policies: readonly Policy[], protocol: ProtocolName, name: string): number[] {
  const ranges: [number, number][] = [];
  const clusterRanges: [number, number][] = [];
  let clusterNamesIt = false;
  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const entry of rule.ports ?? []) {
        if (entry.protocol !== protocol) continue;
        if (entry.port === name && p.kind !== 'NetworkPolicy') clusterNamesIt = true;
        if (typeof entry.port !== 'number') continue;
        const range: [number, number] = [entry.port, entry.endPort ?? entry.port];
        ranges.push(range);
        if (p.kind !== 'NetworkPolicy') clusterRanges.push(range);
      }
    }
  }
  const free = firstUncovered(ranges);
  const targets = new Set<number>(free === undefined ? intervalStarts(ranges) : [free]);
  for (const start of clusterNamesIt && clusterRanges.length > 0 ? intervalStarts(clusterRanges) : []) targets.add(start);
  return [...targets].sort((a, b) => a - b);
}

/** The first port no range covers, if any. */
function firstUncovered(ranges: readonly [number, number][]): number | undefined {
  let next = 1;
  for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (from > next) return next;
    next = Math.max(next, to + 1);
  }
  return next <= 65535 ? next : undefined;
}

/** The first port of every interval the ranges cut 1-65535 into. */
function intervalStarts(ranges: readonly [number, number][]): number[] {
  const starts = new Set<number>([1]);
  for (const [from, to] of ranges) {
    starts.add(from);
    if (to < 65535) starts.add(to + 1);
  }
  return [...starts].sort((a, b) => a - b);
}

/**
 * The addresses witness pods must also carry: one per address region when some egress rule has an
 * ipBlock peer and some egress rule a named port (see the file comment), else none.
 */
function podAddresses(policies: readonly Policy[]): string[] {
  const egress = policies.flatMap((p) => p.egress);
  const blocks = egress.some((r) => (r.peers ?? []).some((x) => x.kind === 'ipBlock'));
  const named = egress.some((r) => (r.ports ?? []).some((x) => typeof x.port === 'string'));
  // A cluster rule decides by the first match: a pod a networks peer holds by its IP may meet
  // that rule before (or after) one that names it by labels, which no IP-less pod shows.
  const clusterBlocks = policies.some((p) => p.kind !== 'NetworkPolicy' && p.egress.some((r) => (r.peers ?? []).some((x) => x.kind === 'ipBlock')));
  if (!clusterBlocks && (!blocks || !named)) return [];
  return addressRegions([assembleInventory([], [], policies)]).map((r) => r.address);
}

/** A readable, unique pod name for witness labels: `app=web,tier!=x` style, `(no labels)` when none. */
function podName(labels: Labels, variant: string): string {
  const keys = Object.keys(labels);
  const text = keys.length === 0 ? '(no labels)' : formatSelector({ matchLabels: labels });
  return variant === '' ? text : `${text} [${variant}]`;
}

/**
 * The witness worlds of some policy sets (every set's policies count: the worlds tell apart
 * what any of them tells apart). Cluster-scoped policies are included through their pod sets.
 */
export function witnessWorlds(policySets: readonly (readonly Policy[])[], options: WitnessOptions = {}): WitnessWorlds {
  const maxPods = options.maxPods ?? 200000;
  const policies = policySets.flat();
  const sets = podSets(policies);
  const policyNamespaces = [...new Set(policies.map((p) => p.namespace).filter((n): n is string => n !== undefined))].sort();

  // Namespaces: the regions of namespace labels, each named (a listed name, or a fresh one).
  const nsSelectors: LabelSelectorManifest[] = [];
  for (const s of sets) {
    const part = namespacePart(s.set, s.namespace);
    if (part !== undefined) nsSelectors.push(part);
  }
  const nsRegions = partitionLabels(nsSelectors, { requiredKey: NAMESPACE_NAME_LABEL, requiredValues: policyNamespaces });
  const listed = new Set<string>();
  for (const r of nsRegions) if (!r.unnamed.has(NAMESPACE_NAME_LABEL)) listed.add(r.labels[NAMESPACE_NAME_LABEL]);
  const taken = new Set<string>([...listed, ...nsSelectors.flatMap((s) => Object.values(s.matchLabels ?? {}))]);
  const variants = new Map<string, WitnessNamespace[]>();
  const fresh: WitnessNamespace[] = [];
  for (const r of nsRegions) {
    if (r.unnamed.has(NAMESPACE_NAME_LABEL)) {
      const name = unnamedValue(taken, 'other-namespace');
      taken.add(name);
      fresh.push({ name, labels: { ...r.labels, [NAMESPACE_NAME_LABEL]: name } });
      continue;
    }
    const name = r.labels[NAMESPACE_NAME_LABEL];
    let list = variants.get(name);
    if (!list) variants.set(name, (list = []));
    list.push({ name, labels: r.labels });
  }

  // Pods: per namespace witness, the regions of pod labels that the pod sets able to match there tell apart.
  const named = namedPorts(policies);
  const portVariants: { label: string; ports: ContainerPort[] }[] = [{ label: '', ports: [] }];
  for (const n of named) {
    for (const port of namedPortTargets(policies, n.protocol, n.name)) portVariants.push({ label: `${n.name}/${n.protocol}=${port}`, ports: [{ name: n.name, port, protocol: n.protocol }] });
  }
  const addresses: (string | undefined)[] = [undefined, ...podAddresses(policies)];
  let podClasses = 0;
  let podCount = 0;
  const podsOf = new Map<WitnessNamespace, PodRecord[]>();
  const podsFor = (ns: WitnessNamespace): PodRecord[] => {
    const hit = podsOf.get(ns);
    if (hit) return hit;
    const selectors: LabelSelectorManifest[] = [];
    for (const s of sets) {
      const part = namespacePart(s.set, s.namespace);
      const here = part === undefined ? true : selectorMatches(part, ns.labels);
      if (here && s.set.podSelector) selectors.push(s.set.podSelector);
    }
    const regions = partitionLabels(selectors);
    podClasses += regions.length;
    const pods: PodRecord[] = [];
    for (const r of regions) {
      for (const v of portVariants) {
        for (const ip of addresses) {
          const label = ip === undefined ? v.label : [v.label, ip].filter((x) => x !== '').join(' ');
          pods.push(makePod(ns.name, podName(r.labels, label), { labels: r.labels, ports: v.ports, ...(ip === undefined ? {} : { ips: [ip] }), kind: 'Witness' }));
        }
      }
    }
    podCount += pods.length;
    if (podCount > maxPods) {
      throw new NetfenceError(`the policies tell apart more than ${maxPods} kinds of pods; too many to compare class by class (split the policies into smaller sets)`);
    }
    podsOf.set(ns, pods);
    return pods;
  };

  const names = [...variants.keys()].sort();
  const cluster = policies.some((p) => p.kind !== 'NetworkPolicy');
  const choices = cluster ? pairwiseChoices(names.map((n) => variants.get(n)!.length)) : sameIndexChoices(names.map((n) => variants.get(n)!.length));
  const worlds: WitnessWorld[] = choices.map((choice, w) => {
    const namespaces = names.map((n, i) => variants.get(n)![choice[i]]);
    if (w === 0 || cluster) appendAll(namespaces, fresh);
    return { namespaces, pods: namespaces.flatMap(podsFor) };
  });
  return { worlds, namespaceClasses: nsRegions.length, podClasses, pods: podCount };
}

/**
 * NetworkPolicies only: world `w` takes the `w`-th variant of each name (or its first). Enough,
 * since a NetworkPolicy decision looks at the deciding side's namespace name only (file comment).
 */
function sameIndexChoices(counts: readonly number[]): number[][] {
  const worldCount = counts.reduce((n, c) => Math.max(n, c), 1);
  return Array.from({ length: worldCount }, (_, w) => counts.map((c) => (w < c ? w : 0)));
}

/**
 * With cluster-scoped policies the deciding side's namespace labels count too (a cluster subject
 * selects by namespace labels), so every variant of one name must meet every variant of every
 * other name in some world: a covering array of strength 2. For a prime q at least the number of
 * names and of variants, world (s, t) gives name i the variant (s + t * i) mod q: for names i != j
 * and variants a, b, the two equations s + t*i = a, s + t*j = b have a solution mod q. A name
 * with fewer variants takes the index modulo its count (which keeps the wanted pair). Names with
 * one variant need no place in the array; identical worlds are kept once.
 */
function pairwiseChoices(counts: readonly number[]): number[][] {
  const varied = counts.map((c, i) => (c > 1 ? i : -1)).filter((i) => i >= 0);
  if (varied.length <= 1) return sameIndexChoices(counts);
  let q = Math.max(varied.length, ...varied.map((i) => counts[i]));
  const isPrime = (n: number): boolean => {
    for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
    return n >= 2;
  };
  while (!isPrime(q)) q++;
  const seen = new Set<string>();
  const out: number[][] = [];
  for (let s = 0; s < q; s++) {
    for (let t = 0; t < q; t++) {
      const choice = counts.map(() => 0);
      varied.forEach((name, position) => {
        choice[name] = ((s + t * position) % q) % counts[name];
      });
      const key = choice.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(choice);
    }
  }
  return out;
}
