/**
 * A small, deliberately naive reference evaluator for the face-agreement law, written from the
 * networking.k8s.io/v1 field docs and sharing nothing with lib/analysis: it reads the raw
 * manifest objects the test generates (its own selector matching, defaults, peers and ports) and
 * enumerates every address of a tiny address universe instead of reasoning about regions.
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
}

/** An endpoint of the oracle: a pod (real or stand-in) or an address. */
export type OEnd = { kind: 'pod'; pod: OPod } | { kind: 'ip'; ip: string };

/** The world the test generates. */
export interface World {
  namespaces: Record<string, Record<string, string>>;
  pods: OPod[];
  policies: Record<string, unknown>[];
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
    if (e.kind !== 'pod') return false;
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

  /** The policies that select the pod and isolate it in the direction. */
  private isolating(direction: 'ingress' | 'egress', pod: OPod): Record<string, unknown>[] {
    return this.world.policies.filter((p) => {
      const meta = p.metadata as { namespace: string };
      const spec = p.spec as Record<string, unknown>;
      if (meta.namespace !== pod.ns || !selMatches((spec.podSelector ?? {}) as Sel, pod.labels)) return false;
      const types = (spec.policyTypes as string[] | undefined) ?? [];
      const egressRules = spec.egress as unknown[] | undefined;
      return types.length === 0 ? direction === 'ingress' || (egressRules ?? []).length > 0 : types.includes(direction === 'ingress' ? 'Ingress' : 'Egress');
    });
  }

  /** True when some policy isolates the pod in the direction. */
  public isolated(direction: 'ingress' | 'egress', pod: OPod): boolean {
    return this.isolating(direction, pod).length > 0;
  }

  /** Whether one side (the subject's egress towards `other`, or its ingress from `other`) allows the flow to `dst`. */
  public sideAllows(direction: 'ingress' | 'egress', subject: OEnd, other: OEnd, dst: OEnd, port: number, protocol: string): boolean {
    if (subject.kind !== 'pod') return true;
    const isolating = this.isolating(direction, subject.pod);
    for (const p of isolating) {
      const meta = p.metadata as { namespace: string };
      const spec = p.spec as Record<string, unknown>;
      for (const rule of ((spec[direction] as Record<string, unknown>[] | undefined) ?? [])) {
        const peers = (rule[direction === 'ingress' ? 'from' : 'to'] as Record<string, unknown>[] | undefined) ?? [];
        const ports = (rule.ports as Record<string, unknown>[] | undefined) ?? [];
        const peerOk = peers.length === 0 || peers.some((x) => this.peerMatches(x, meta.namespace, other));
        const portOk = ports.length === 0 || ports.some((x) => this.portMatches(x, port, protocol, dst));
        if (peerOk && portOk) return true;
      }
    }
    return isolating.length === 0;
  }

  /** True when `from` may open a connection to `to` on the port. */
  public allows(from: OEnd, to: OEnd, port: number, protocol: string): boolean {
    return this.sideAllows('egress', from, to, to, port, protocol) && this.sideAllows('ingress', to, from, to, port, protocol);
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

  /** Every endpoint of a CIDR: the pods with an address in it and every other address of the universe in it. */
  public inCidr(cidr: string): OEnd[] {
    const out: OEnd[] = [];
    const seen = new Set<string>();
    for (const a of ADDRESSES) {
      if (!inCidr(a, cidr)) continue;
      const e = this.atAddress(a);
      const key = e.kind === 'pod' ? `${e.pod.ns}/${e.pod.name}` : e.ip;
      if (!seen.has(key)) out.push(e);
      seen.add(key);
    }
    return out;
  }
}

/** The name faces give an endpoint. */
export function nameOf(e: OEnd): string {
  return e.kind === 'pod' ? `${e.pod.ns}/${e.pod.name}` : e.ip;
}
