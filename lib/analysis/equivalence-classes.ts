/**
 * Groups pods that no selector, ipBlock, node selector, domain name or named port of the
 * inventory can tell apart into equivalence classes, so the matrix is computed per class instead
 * of per pod.
 *
 * Each distinct selector-like "atom" (the pods a policy selects, the pods or addresses a peer
 * matches or, for domain names, might match) is evaluated once, through label and address
 * indexes, touching only candidate pods. A pod's signature is the list of atoms it belongs to
 * plus how it resolves the named ports policies use; pods with equal signatures behave
 * identically as sources and as destinations. Addresses outside the cluster each form their own
 * class.
 */
import { AddressIndex } from './address-index';
import { ExternalEndpoint, Endpoint } from './endpoint';
import { Inventory, PodRecord } from './inventory';
import { selectorKey, selectorMatches } from '../core/label-match';
import { LabelIndex } from './label-index';
import { domainNameInCluster, ipBlockContains, ipBlockMatchesPods, resolveNamedPort } from './matching';
import { EngineOptions, resolveOptions } from './options';
import { ClusterOnlyPeer, compareClusterPolicies, Direction, PodSet, Policy, PolicyPeer } from './policy-model';
import { Bitset } from './bitset';

/** A group of endpoints that every policy treats alike. */
export interface EquivalenceClass {
  readonly index: number;
  /** The members, as endpoints; pods sorted by id, or one external address. */
  readonly members: readonly Endpoint[];
  /** A member that stands for all of them. */
  readonly representative: Endpoint;
}

/** The classes of an inventory plus what the matrix needs to evaluate policies per class. */
export interface ClassModel {
  readonly inventory: Inventory;
  readonly classes: readonly EquivalenceClass[];
  /** Pods sorted by id, then the external addresses in the order given. */
  readonly endpoints: readonly Endpoint[];
  /** The class of each entry of `endpoints`. */
  readonly classOfEndpoint: Int32Array;
  /** Per class, the indices (into inventory.policies) of policies that select it and isolate ingress. */
  readonly ingressPolicies: readonly (readonly number[])[];
  /** Per class, the indices of policies that select it and isolate egress. */
  readonly egressPolicies: readonly (readonly number[])[];
  /** Per class, the indices of the Admin-tier policies that select it, in evaluation order (priority, then input order). */
  readonly adminPolicies: readonly (readonly number[])[];
  /** Per class, the indices of the Baseline-tier policies that select it, in evaluation order. */
  readonly baselinePolicies: readonly (readonly number[])[];
  /** The atom (deduplicated peer) of peer `peer` of rule `rule` of a policy, for atomClasses. */
  peerAtom(policy: number, direction: Direction, rule: number, peer: number): number;
  /**
   * The atom of node or domain name peer `peer` of a rule (index into `clusterPeers`): the
   * endpoints a `nodes` peer matches, or those a `domainNames` peer might match.
   */
  clusterPeerAtom(policy: number, direction: Direction, rule: number, peer: number): number;
  /** The classes an atom matches, sorted. */
  atomClasses(atom: number): Int32Array;
  /** The same, as a bitset (built on first use). */
  atomBits(atom: number): Bitset;
}

const SEP = '\u0000';

function compareIds(a: PodRecord, b: PodRecord): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function podSetKey(set: PodSet, policyNs: string | undefined): string {
  const ns = set.namespaceSelector ? `ns${SEP}${selectorKey(set.namespaceSelector)}` : `own${SEP}${policyNs ?? ''}`;
  const pod = set.podSelector ? selectorKey(set.podSelector) : '*';
  return `pods${SEP}${ns}${SEP}${pod}`;
}

function peerKey(peer: PolicyPeer, policyNs: string | undefined, withPods: boolean): string {
  if (peer.kind === 'ipBlock') return `ip${SEP}${withPods ? 'pods' : 'external'}${SEP}${peer.cidr.canonical}${SEP}${peer.except.map((e) => e.canonical).sort().join(',')}`;
  return podSetKey(peer, policyNs);
}

function clusterPeerKey(peer: ClusterOnlyPeer): string {
  if (peer.kind === 'nodes') return `nodes${SEP}${selectorKey(peer.nodeSelector)}`;
  // Every domain name peer might match the same endpoints, unless it can name pods by their cluster DNS names.
  return `dns${SEP}${peer.domainNames.some(domainNameInCluster) ? 'cluster' : 'outside'}`;
}

/** Partitions the inventory's pods (and the given external addresses) into equivalence classes. */
export function buildClassModel(inventory: Inventory, externals: readonly ExternalEndpoint[], options: EngineOptions = {}): ClassModel {
  const opts = resolveOptions(options);
  const pods = [...inventory.pods].sort(compareIds);
  const index = new LabelIndex(inventory, pods);
  const podAtoms: number[][] = pods.map(() => []);
  const atomKeys = new Map<string, number>();
  const atomPods: number[][] = [];
  const atomExternals: number[][] = [];

  const atomFor = (key: string, compute: () => { pods: number[]; externals: number[] }): number => {
    const hit = atomKeys.get(key);
    if (hit !== undefined) return hit;
    const id = atomPods.length;
    atomKeys.set(key, id);
    const m = compute();
    atomPods.push(m.pods);
    atomExternals.push(m.externals);
    for (const p of m.pods) podAtoms[p].push(id);
    return id;
  };

  let addresses: AddressIndex | undefined;
  const podSetPods = (set: PodSet, policyNs: string | undefined): number[] => index.podSetPods(set, policyNs);
  const peerAtom = (peer: PolicyPeer, policyNs: string | undefined): number => {
    const withPods = ipBlockMatchesPods(policyNs, opts);
    return atomFor(peerKey(peer, policyNs, withPods), () => {
      if (peer.kind === 'ipBlock') {
        return {
          pods: withPods ? (addresses ??= new AddressIndex(pods)).podsIn(peer) : [],
          externals: externals.map((e, i) => (ipBlockContains(peer, e.address) ? i : -1)).filter((i) => i >= 0),
        };
      }
      return { pods: podSetPods(peer, policyNs), externals: [] };
    });
  };
  // Node addresses, for `nodes` peers: the address of each node, with its labels.
  const nodeLabelsAt = new Map<string, (typeof inventory.nodes)[number]['labels'][]>();
  for (const n of inventory.nodes) for (const ip of n.ips) nodeLabelsAt.set(ip, [...(nodeLabelsAt.get(ip) ?? []), n.labels]);
  const clusterPeerAtom = (peer: ClusterOnlyPeer): number =>
    atomFor(clusterPeerKey(peer), () => {
      if (peer.kind === 'nodes') {
        const atNode = (ips: readonly string[]): boolean => ips.some((ip) => (nodeLabelsAt.get(ip) ?? []).some((l) => selectorMatches(peer.nodeSelector, l)));
        return {
          pods: pods.map((p, i) => (atNode(p.ips) ? i : -1)).filter((i) => i >= 0),
          externals: externals.map((e, i) => (atNode([e.ip]) ? i : -1)).filter((i) => i >= 0),
        };
      }
      const inCluster = peer.domainNames.some(domainNameInCluster);
      return {
        pods: pods.map((p, i) => (inCluster || p.hostNetwork ? i : -1)).filter((i) => i >= 0),
        externals: externals.map((_, i) => i),
      };
    });

  const policies = inventory.policies;
  const selectionAtom: number[] = [];
  // peerAtoms[policy][0 = ingress, 1 = egress][rule][peer], and likewise for cluster-only peers.
  const peerAtoms: number[][][][] = [];
  const clusterPeerAtoms: number[][][][] = [];
  const namedPorts = new Set<string>();
  policies.forEach((policy: Policy) => {
    // A subject and a pod peer with the same pod set are one atom: they select the same pods.
    selectionAtom.push(atomFor(podSetKey(policy.subject, policy.namespace), () => ({ pods: podSetPods(policy.subject, policy.namespace), externals: [] })));
    const perDir = [policy.ingress, policy.egress].map((rules) =>
      rules.map((rule) => {
        for (const port of rule.ports ?? []) if (typeof port.port === 'string') namedPorts.add(`${port.port}${SEP}${port.protocol}`);
        return (rule.peers ?? []).map((peer) => peerAtom(peer, policy.namespace));
      }),
    );
    peerAtoms.push(perDir);
    clusterPeerAtoms.push([policy.ingress, policy.egress].map((rules) => rules.map((rule) => (rule.clusterPeers ?? []).map(clusterPeerAtom))));
  });

  const named = [...namedPorts].sort().map((k) => k.split(SEP) as [string, 'TCP' | 'UDP' | 'SCTP']);
  const classKeys = new Map<string, number>();
  const classMembers: Endpoint[][] = [];
  const classOfEndpoint = new Int32Array(pods.length + externals.length);
  pods.forEach((pod, i) => {
    const atoms = podAtoms[i];
    let key = atoms.join(',');
    if (named.length > 0) key += '|' + named.map(([n, proto]) => resolveNamedPort(pod, n, proto) ?? '').join(',');
    let c = classKeys.get(key);
    if (c === undefined) {
      c = classMembers.length;
      classKeys.set(key, c);
      classMembers.push([]);
    }
    classMembers[c].push({ kind: 'pod', pod });
    classOfEndpoint[i] = c;
  });
  const firstExternalClass = classMembers.length;
  externals.forEach((e, i) => {
    classOfEndpoint[pods.length + i] = classMembers.length;
    classMembers.push([e]);
  });
  const classes: EquivalenceClass[] = classMembers.map((members, i) => ({ index: i, members, representative: members[0] }));
  const size = classes.length;

  const atomClassLists: (Int32Array | undefined)[] = new Array(atomPods.length);
  const classesOf = (atom: number): Int32Array => {
    let list = atomClassLists[atom];
    if (!list) {
      const seen = new Set<number>();
      for (const p of atomPods[atom]) seen.add(classOfEndpoint[p]);
      for (const e of atomExternals[atom]) seen.add(firstExternalClass + e);
      list = Int32Array.from(seen).sort();
      atomClassLists[atom] = list;
    }
    return list;
  };
  const atomBitsets: (Bitset | undefined)[] = new Array(atomPods.length);
  const bitsOf = (atom: number): Bitset => {
    let b = atomBitsets[atom];
    if (!b) {
      b = new Bitset(size);
      for (const c of classesOf(atom)) b.add(c);
      atomBitsets[atom] = b;
    }
    return b;
  };

  const ingressPolicies: number[][] = classes.map(() => []);
  const egressPolicies: number[][] = classes.map(() => []);
  const adminPolicies: number[][] = classes.map(() => []);
  const baselinePolicies: number[][] = classes.map(() => []);
  // Cluster policies in evaluation order, so each class's lists come out in that order.
  const all = policies.map((_, i) => i);
  const order = [
    ...all.filter((i) => policies[i].tier === 'NetworkPolicy'),
    ...all.filter((i) => policies[i].tier !== 'NetworkPolicy').sort((a, b) => compareClusterPolicies(policies[a], policies[b]) || a - b),
  ];
  for (const pi of order) {
    const policy = policies[pi];
    const seen = new Set<number>();
    for (const p of atomPods[selectionAtom[pi]]) {
      const c = classOfEndpoint[p];
      if (seen.has(c)) continue;
      seen.add(c);
      if (policy.tier === 'Admin') adminPolicies[c].push(pi);
      else if (policy.tier === 'Baseline') baselinePolicies[c].push(pi);
      else {
        if (policy.isolatesIngress) ingressPolicies[c].push(pi);
        if (policy.isolatesEgress) egressPolicies[c].push(pi);
      }
    }
  }

  return {
    inventory,
    classes,
    endpoints: [...pods.map((pod): Endpoint => ({ kind: 'pod', pod })), ...externals],
    classOfEndpoint,
    ingressPolicies,
    egressPolicies,
    adminPolicies,
    baselinePolicies,
    peerAtom: (policy, direction, rule, peer) => peerAtoms[policy][direction === 'ingress' ? 0 : 1][rule][peer],
    clusterPeerAtom: (policy, direction, rule, peer) => clusterPeerAtoms[policy][direction === 'ingress' ? 0 : 1][rule][peer],
    atomClasses: classesOf,
    atomBits: bitsOf,
  };
}
