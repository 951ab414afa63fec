/**
 * A small, deliberately naive reference evaluator for the face-agreement law, written from the
 * networking.k8s.io/v1 field docs and the policy.networking.k8s.io API (ClusterNetworkPolicy,
 * AdminNetworkPolicy, BaselineAdminNetworkPolicy) and sharing nothing with lib/analysis: it reads
 * the raw manifest objects the test generates (its own selector matching, defaults, peers, ports,
 * tiers and actions) and enumerates every address of a tiny address universe instead of
 * reasoning about regions.
 *
 * The cluster tiers, as the API says: per direction, Admin policies by ascending priority (policies
 * of one priority deciding differently: implementation-defined), the first matching rule of a
 * policy decides (Accept, Deny, Pass to the next tier); then NetworkPolicy if one isolates the pod;
 * then Baseline (Pass: allowed); then allowed. Host-network pods are never subjects and never in
 * namespaces or pods peers; networks and nodes peers match their (node's) address. A flow is
 * denied if a side denies, allowed if both allow, else implementation-defined if a side is, else
 * dependent on DNS. Domain names, which no one can resolve here, follow netfence's documented
 * stance: a name may be any address outside the pod network (an IP end, a host-network pod), and
 * a pod of the pod network only when it is a `cluster.local` name; an Accept that may match lets
 * evaluation go on and turns a later denial into "depends on DNS"; a Deny or Pass that may match
 * makes its policy's answer "depends on DNS".
 *
 * The universe: every ipBlock the test generates is a block inside 10.0.0.0/28, or 10.0.0.0/8, or
 * 0.0.0.0/0. So every address is one of 10.0.0.0..10.0.0.15, or behaves like 10.1.0.1 (in
 * 10.0.0.0/8, outside /28), or like 192.0.2.1 (outside 10.0.0.0/8). Ports: every number policies
 * and container ports name is at most 10, and every range ends at 10 or 65535, so ports 1..11
 * decide every port.
 */

/** A label selector as the test writes it. */
export interface Sel {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** A pod as the test writes it. */
export interface OPod {
  ns: string;
  name: string;
  labels: Record<string, string>;
  ip?: string;
  ports: { name: string; port: number; protocol: string }[];
  /** The node of a host-network pod, whose address (its `ip`) is the node's. */
  hostNetworkOn?: string;
}

/** A node as the test writes it. */
export interface ONode {
  name: string;
  labels: Record<string, string>;
  ip: string;
}

/** What the oracle says about a flow. */
export type OOutcome = 'allowed' | 'denied' | 'implementation-defined' | 'depends-on-dns';

/** An endpoint of the oracle: a pod (real or stand-in) or an address. */
export type OEnd = { kind: 'pod'; pod: OPod } | { kind: 'ip'; ip: string };

/** The world the test generates. */
export interface World {
  namespaces: Record<string, Record<string, string>>;
  pods: OPod[];
  /** NetworkPolicies. */
  policies: Record<string, unknown>[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies, BaselineAdminNetworkPolicies. */
  clusterPolicies?: Record<string, unknown>[];
  nodes?: ONode[];
}

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export const ORACLE_PORTS: readonly { port: number; protocol: string }[] = PROTOCOLS.flatMap((protocol) =>
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 65535].map((port) => ({ port, protocol })),
);
/** Every address of the universe, by representative. */
export const ADDRESSES: readonly string[] = [...Array.from({ length: 16 }, (_, i) => `10.0.0.${i}`), '10.1.0.1', '192.0.2.1'];

function ipNum(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/** True when the address is in the CIDR (IPv4 only; that is all the law generates). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipNum(ip) / size) === Math.floor(ipNum(base) / size);
}

/** Label selector semantics: every matchLabels pair and every requirement. */
export function selMatches(sel: Sel, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    if (r.operator === 'In' && !(has && (r.values ?? []).includes(labels[r.key]))) return false;
    if (r.operator === 'NotIn' && has && (r.values ?? []).includes(labels[r.key])) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** The labels a stand-in for `sel` carries: matchLabels, the first In value, `present` for Exists. */
export function standInLabels(sel: Sel): Record<string, string> {
  const out: Record<string, string> = { ...(sel.matchLabels ?? {}) };
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'In' && out[r.key] === undefined) out[r.key] = [...(r.values ?? [])].sort()[0];
    if (r.operator === 'Exists' && out[r.key] === undefined) out[r.key] = 'present';
  }
  return out;
}

/** The oracle over one world. */
export class Oracle {
  public constructor(private readonly world: World) {}

  private nsLabels(ns: string): Record<string, string> {
    return { ...(this.world.namespaces[ns] ?? {}), 'kubernetes.io/metadata.name': ns };
  }

  private addressesOf(e: OEnd): string[] {
    return e.kind === 'ip' ? [e.ip] : e.pod.ip ? [e.pod.ip] : [];
  }

  private peerMatches(peer: Record<string, unknown>, policyNs: string, e: OEnd): boolean {
    const ipBlock = peer.ipBlock as { cidr: string; except?: string[] } | undefined;
    if (ipBlock) return this.addressesOf(e).some((a) => inCidr(a, ipBlock.cidr) && !(ipBlock.except ?? []).some((x) => inCidr(a, x)));
    if (e.kind !== 'pod' || e.pod.hostNetworkOn !== undefined) return false;
    const nsSel = peer.namespaceSelector as Sel | undefined;
    const nsOk = nsSel === undefined ? e.pod.ns === policyNs : selMatches(nsSel, this.nsLabels(e.pod.ns));
    const podSel = peer.podSelector as Sel | undefined;
    return nsOk && (podSel === undefined || selMatches(podSel, e.pod.labels));
  }

  private portMatches(entry: Record<string, unknown>, port: number, protocol: string, dst: OEnd): boolean {
    if ((entry.protocol ?? 'TCP') !== protocol) return false;
    if (entry.port === undefined) return true;
    if (typeof entry.port === 'number') return entry.endPort === undefined ? port === entry.port : port >= entry.port && port <= (entry.endPort as number);
    return dst.kind === 'pod' && dst.pod.ports.some((c) => c.name === entry.port && c.protocol === protocol && c.port === port);
  }

  /** The NetworkPolicy tier: undefined when no NetworkPolicy isolates the subject, else whether one admits the flow. */
  private networkPolicyTier(direction: 'ingress' | 'egress', subject: OPod, other: OEnd, dst: OEnd, port: number, protocol: string): boolean | undefined {
    let isolated = false;
    for (const p of this.world.policies) {
      const meta = p.metadata as { namespace: string };
      const spec = p.spec as Record<string, unknown>;
      if (meta.namespace !== subject.ns || !selMatches((spec.podSelector ?? {}) as Sel, subject.labels)) continue;
      const types = (spec.policyTypes as string[] | undefined) ?? [];
      const egressRules = spec.egress as unknown[] | undefined;
      const isolates = types.length === 0 ? direction === 'ingress' || (egressRules ?? []).length > 0 : types.includes(direction === 'ingress' ? 'Ingress' : 'Egress');
      if (!isolates) continue;
      isolated = true;
      for (const rule of ((spec[direction] as Record<string, unknown>[] | undefined) ?? [])) {
        const peers = (rule[direction === 'ingress' ? 'from' : 'to'] as Record<string, unknown>[] | undefined) ?? [];
        const ports = (rule.ports as Record<string, unknown>[] | undefined) ?? [];
        const peerOk = peers.length === 0 || peers.some((x) => this.peerMatches(x, meta.namespace, other));
        const portOk = ports.length === 0 || ports.some((x) => this.portMatches(x, port, protocol, dst));
        if (peerOk && portOk) return true;
      }
    }
    return isolated ? false : undefined;
  }

  /** True when some NetworkPolicy isolates the pod in the direction (isolation depends on no other end or port). */
  public isolated(direction: 'ingress' | 'egress', pod: OPod): boolean {
    const self: OEnd = { kind: 'pod', pod };
    const other: OEnd = { kind: 'ip', ip: '192.0.2.1' };
    return this.networkPolicyTier(direction, pod, other, direction === 'ingress' ? self : other, 0, 'TCP') !== undefined;
  }

  /** The NetworkPolicy tier alone, for one side (the subject's egress towards `other`, or its ingress from `other`): allowed unless isolated and no rule admits. */
  public sideAllows(direction: 'ingress' | 'egress', subject: OEnd, other: OEnd, dst: OEnd, port: number, protocol: string): boolean {
    if (subject.kind !== 'pod') return true;
    return this.networkPolicyTier(direction, subject.pod, other, dst, port, protocol) ?? true;
  }

  // ---- the cluster tiers, read from the raw objects ----

  private clusterPolicy(p: Record<string, unknown>): { tier: string; priority: number; subject: Record<string, unknown>; ingress: Record<string, unknown>[]; egress: Record<string, unknown>[]; v1: boolean } {
    const spec = p.spec as Record<string, unknown>;
    const kind = p.kind as string;
    return {
      tier: kind === 'ClusterNetworkPolicy' ? (spec.tier as string) : kind === 'AdminNetworkPolicy' ? 'Admin' : 'Baseline',
      priority: kind === 'BaselineAdminNetworkPolicy' ? 0 : (spec.priority as number),
      subject: spec.subject as Record<string, unknown>,
      ingress: (spec.ingress as Record<string, unknown>[] | undefined) ?? [],
      egress: (spec.egress as Record<string, unknown>[] | undefined) ?? [],
      v1: kind !== 'ClusterNetworkPolicy',
    };
  }

  /** A `namespaces` selector or a `pods` {namespaceSelector, podSelector} of a cluster policy, against a pod. */
  private clusterPodsMatch(sel: Record<string, unknown>, pod: OPod): boolean {
    if (pod.hostNetworkOn !== undefined) return false;
    if (sel.namespaces !== undefined) return selMatches(sel.namespaces as Sel, this.nsLabels(pod.ns));
    const pods = sel.pods as { namespaceSelector?: Sel; podSelector: Sel };
    return selMatches(pods.namespaceSelector ?? {}, this.nsLabels(pod.ns)) && selMatches(pods.podSelector, pod.labels);
  }

  /** 'yes', 'maybe' (a domain name could name it) or 'no', for one peer and the other end. */
  private clusterPeer(peer: Record<string, unknown>, e: OEnd): 'yes' | 'maybe' | 'no' {
    if (peer.namespaces !== undefined || peer.pods !== undefined) return e.kind === 'pod' && this.clusterPodsMatch(peer, e.pod) ? 'yes' : 'no';
    if (peer.networks !== undefined) return this.addressesOf(e).some((a) => (peer.networks as string[]).some((c) => inCidr(a, c))) ? 'yes' : 'no';
    if (peer.nodes !== undefined) {
      const nodes = (this.world.nodes ?? []).filter((n) => selMatches(peer.nodes as Sel, n.labels)).map((n) => n.ip);
      return this.addressesOf(e).some((a) => nodes.includes(a)) ? 'yes' : 'no';
    }
    const names = peer.domainNames as string[];
    const clusterName = names.some((n) => n === 'cluster.local' || n.endsWith('.cluster.local') || n === '*.local');
    if (e.kind === 'ip' || e.pod.hostNetworkOn !== undefined || clusterName) return 'maybe';
    return 'no';
  }

  private clusterPorts(rule: Record<string, unknown>, v1: boolean, port: number, protocol: string, dst: OEnd): boolean {
    const named = (name: unknown): boolean => dst.kind === 'pod' && dst.pod.ports.some((c) => c.name === name && c.protocol === protocol && c.port === port);
    if (v1) {
      const ports = rule.ports as Record<string, Record<string, unknown> | string>[] | undefined;
      if (ports === undefined) return true;
      return ports.some((x) => {
        if (x.namedPort !== undefined) return named(x.namedPort);
        const n = (x.portNumber ?? x.portRange) as Record<string, unknown>;
        if ((n.protocol ?? 'TCP') !== protocol) return false;
        return n.port !== undefined ? n.port === port : port >= (n.start as number) && port <= (n.end as number);
      });
    }
    const protocols = rule.protocols as Record<string, unknown>[] | undefined;
    if (protocols === undefined) return true;
    return protocols.some((x) => {
      if (x.destinationNamedPort !== undefined) return named(x.destinationNamedPort);
      const match = x[protocol.toLowerCase()] as { destinationPort: { number?: number; range?: { start: number; end: number } } } | undefined;
      if (match === undefined) return false;
      const d = match.destinationPort;
      return d.number !== undefined ? d.number === port : port >= d.range!.start && port <= d.range!.end;
    });
  }

  /** One cluster tier for a subject: a final outcome, 'pass', or 'none'; `maybe` records a domain name Accept met on the way. */
  public clusterTier(tier: string, direction: 'ingress' | 'egress', subject: OPod, other: OEnd, dst: OEnd, port: number, protocol: string, maybe: { seen: boolean }): OOutcome | 'pass' | 'none' {
    const policies = (this.world.clusterPolicies ?? []).map((p) => this.clusterPolicy(p)).filter((p) => p.tier === tier && this.clusterPodsMatch(p.subject, subject));
    const priorities = [...new Set(policies.map((p) => p.priority))].sort((a, b) => a - b);
    for (const priority of priorities) {
      const actions = new Set<string>();
      for (const p of policies.filter((x) => x.priority === priority)) {
        for (const rule of direction === 'ingress' ? p.ingress : p.egress) {
          if (!this.clusterPorts(rule, p.v1, port, protocol, dst)) continue;
          const peers = (rule[direction === 'ingress' ? 'from' : 'to'] as Record<string, unknown>[]).map((x) => this.clusterPeer(x, other));
          const action = rule.action === 'Allow' ? 'Accept' : (rule.action as string);
          if (peers.includes('yes')) {
            actions.add(action);
            break;
          }
          if (peers.includes('maybe')) {
            if (action === 'Accept') maybe.seen = true;
            else {
              actions.add('dns');
              break;
            }
          }
        }
      }
      if (actions.size === 0) continue;
      if (actions.size > 1) return 'implementation-defined';
      const [a] = [...actions];
      return a === 'Accept' ? 'allowed' : a === 'Deny' ? 'denied' : a === 'Pass' ? 'pass' : 'depends-on-dns';
    }
    return 'none';
  }

  public side(direction: 'ingress' | 'egress', subject: OEnd, other: OEnd, dst: OEnd, port: number, protocol: string): OOutcome {
    if (subject.kind !== 'pod' || subject.pod.hostNetworkOn !== undefined) return 'allowed';
    const maybe = { seen: false };
    const settle = (o: OOutcome): OOutcome => (o === 'denied' && maybe.seen ? 'depends-on-dns' : o);
    const admin = this.clusterTier('Admin', direction, subject.pod, other, dst, port, protocol, maybe);
    if (admin !== 'pass' && admin !== 'none') return settle(admin);
    const np = this.networkPolicyTier(direction, subject.pod, other, dst, port, protocol);
    if (np !== undefined) return settle(np ? 'allowed' : 'denied');
    const baseline = this.clusterTier('Baseline', direction, subject.pod, other, dst, port, protocol, maybe);
    return baseline === 'pass' || baseline === 'none' ? 'allowed' : settle(baseline);
  }

  /** The outcome of a flow from `from` to `to` on the port. */
  public outcome(from: OEnd, to: OEnd, port: number, protocol: string): OOutcome {
    const e = this.side('egress', from, to, to, port, protocol);
    const i = this.side('ingress', to, from, to, port, protocol);
    if (e === 'denied' || i === 'denied') return 'denied';
    if (e === 'allowed' && i === 'allowed') return 'allowed';
    return e === 'implementation-defined' || i === 'implementation-defined' ? 'implementation-defined' : 'depends-on-dns';
  }

  /** True when `from` may open a connection to `to` on the port. */
  public allows(from: OEnd, to: OEnd, port: number, protocol: string): boolean {
    return this.outcome(from, to, port, protocol) === 'allowed';
  }

  /** The endpoint with this address: the pod that has it, or the address. */
  public atAddress(ip: string): OEnd {
    const pod = this.world.pods.find((p) => p.ip === ip);
    return pod ? { kind: 'pod', pod } : { kind: 'ip', ip };
  }

  /** The pods of the world and their stand-ins, by `ns/name`. */
  public pod(id: string): OPod | undefined {
    return this.world.pods.find((p) => `${p.ns}/${p.name}` === id);
  }

  /**
   * The pods of a namespace a selector matches, or else its stand-ins: one per value an `In`
   * offers, each with exactly the labels of that choice (named by the caller).
   */
  public selected(ns: string, sel: Sel, standInName: (choice: Sel) => string): OEnd[] {
    const real = this.world.pods.filter((p) => p.ns === ns && selMatches(sel, p.labels));
    if (real.length > 0) return real.map((pod) => ({ kind: 'pod', pod }));
    let choices: Sel[] = [{ matchLabels: { ...(sel.matchLabels ?? {}) }, matchExpressions: [] }];
    for (const r of sel.matchExpressions ?? []) {
      if (r.operator === 'In' && (sel.matchLabels ?? {})[r.key] === undefined) {
        choices = choices.flatMap((c) => [...(r.values ?? [])].sort().map((v) => ({ ...c, matchLabels: { ...c.matchLabels, [r.key]: v } })));
      } else {
        choices = choices.map((c) => ({ ...c, matchExpressions: [...(c.matchExpressions ?? []), r] }));
      }
    }
    return choices
      .filter((c) => selMatches(sel, standInLabels(c)))
      .map((c) => ({ kind: 'pod', pod: { ns, name: standInName(c), labels: standInLabels(c), ports: [] } }));
  }

  /** Every endpoint of a CIDR: every pod with an address in it (host-network pods of one node share one) and every other address of the universe in it. */
  public inCidr(cidr: string): OEnd[] {
    const out: OEnd[] = [];
    for (const a of ADDRESSES) {
      if (!inCidr(a, cidr)) continue;
      const pods = this.world.pods.filter((p) => p.ip === a);
      if (pods.length === 0) out.push({ kind: 'ip', ip: a });
      for (const pod of pods) out.push({ kind: 'pod', pod });
    }
    return out;
  }
}

/** The name faces give an endpoint. */
export function nameOf(e: OEnd): string {
  return e.kind === 'pod' ? `${e.pod.ns}/${e.pod.name}` : e.ip;
}
