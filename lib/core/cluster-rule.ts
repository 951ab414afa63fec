import { ClusterAction } from './cluster-action';
import {
  ClusterNetworkPolicySubjectManifest,
  ClusterNetworkPolicyEgressPeerManifest,
  ClusterNetworkPolicyEgressRuleManifest,
  ClusterNetworkPolicyIngressRuleManifest,
  ClusterNetworkPolicyProtocolManifest,
  NamespacedPodManifest,
} from './cluster-manifest';
import { DomainNames } from './domain-names';
import { LabelSelectorManifest, ProtocolName } from './manifest';
import { Nodes } from './nodes';
import { IPeer, PeerContext } from './peer';
import { Port } from './port';
import { appendAll } from './values';

/**
 * A peer of a ClusterNetworkPolicy rule: any netfence peer (`Pods` placed in a namespace,
 * `Namespaces`, `Cidr`, `Internet`), or one only cluster policies know (`Nodes`, `DomainNames`).
 */
export type ClusterPeer = IPeer | Nodes | DomainNames;

/** The most `from`/`to` peers, `networks` entries or `protocols` entries one rule may hold. */
export const MAX_CLUSTER_RULE_ITEMS = 25;

/** The highest port number; a whole protocol is written as the range 1..65535. */
const MAX_PORT = 65535;

/**
 * A cluster policy has no namespace, so "the chart's namespace" means nothing in it. Peers are
 * rendered with this context, whose namespace no real namespace can equal (DNS labels cannot
 * hold `<`): a peer that still needs one reveals itself and is refused.
 */
const NO_NAMESPACE = '<none>';
const CLUSTER_CONTEXT: PeerContext = { policyNamespace: NO_NAMESPACE, homeNamespace: NO_NAMESPACE };

/** A rule in its API form, plus what stopped it from being written faithfully. */
export interface RenderedClusterRule<M> {
  readonly manifest: M;
  /** `<field>: <what is wrong>; <fix>` for each problem, fields relative to the rule. */
  readonly problems: readonly string[];
}

/**
 * One rule of a ClusterNetworkPolicy, as an immutable value: an action on traffic from (ingress)
 * or to (egress) any of its peers, optionally only on some ports, optionally named.
 *
 * @example ClusterRule.deny(Namespaces.labelled({ tenant: 'b' })).named('deny-tenant-b').on(Port.HTTPS)
 */
export class ClusterRule {
  /** Allows the matching traffic, whatever any later policy says. */
  public static accept(...peers: ClusterPeer[]): ClusterRule {
    return new ClusterRule(ClusterAction.ACCEPT, peers);
  }

  /** Drops the matching traffic; nothing later can allow it. */
  public static deny(...peers: ClusterPeer[]): ClusterRule {
    return new ClusterRule(ClusterAction.DENY, peers);
  }

  /** Hands the matching traffic to the next tier (NetworkPolicy, then Baseline). */
  public static pass(...peers: ClusterPeer[]): ClusterRule {
    return new ClusterRule(ClusterAction.PASS, peers);
  }

  private constructor(
    /** What the rule does. */
    public readonly action: ClusterAction,
    /** The peers (OR); at least one. */
    public readonly peers: readonly ClusterPeer[],
    /** The ports (OR); undefined means every port of every protocol. */
    public readonly ports?: readonly Port[],
    /** The rule's name (at most 100 characters), shown by implementations in logs and status. */
    public readonly name?: string,
  ) {}

  /** The same rule with a name. */
  public named(name: string): ClusterRule {
    return new ClusterRule(this.action, this.peers, this.ports, name);
  }

  /** The same rule, only on these ports (replacing any given before). */
  public on(...ports: Port[]): ClusterRule {
    return new ClusterRule(this.action, this.peers, ports, this.name);
  }

  /** The API form as an ingress rule; ingress peers can only be pods (`namespaces`, `pods`). */
  public toIngressManifest(): RenderedClusterRule<ClusterNetworkPolicyIngressRuleManifest> {
    const problems: string[] = [];
    const from: { namespaces?: LabelSelectorManifest; pods?: NamespacedPodManifest }[] = [];
    this.peers.forEach((peer, i) => {
      for (const p of renderPeer(peer, `from[${i}]`, problems)) {
        if (p.networks !== undefined || p.nodes !== undefined || p.domainNames !== undefined) {
          problems.push(
            `from[${i}]: ${describePeer(peer)} cannot be an ingress peer: ClusterNetworkPolicy ingress rules name pods only (Pods, Namespaces); match addresses outside the cluster with an egress rule on the sender or a NetworkPolicy ipBlock`,
          );
        } else {
          from.push(p as { namespaces?: LabelSelectorManifest; pods?: NamespacedPodManifest });
        }
      }
    });
    const protocols = this.renderProtocols(problems);
    return {
      manifest: { ...this.head(), from: dedupe(from), ...(protocols ? { protocols } : {}) },
      problems: [...this.peerCountProblems('from'), ...problems],
    };
  }

  /** The API form as an egress rule; CIDR peers of the rule are gathered into `networks` entries. */
  public toEgressManifest(): RenderedClusterRule<ClusterNetworkPolicyEgressRuleManifest> {
    const problems: string[] = [];
    const to: ClusterNetworkPolicyEgressPeerManifest[] = [];
    const networks: string[] = [];
    this.peers.forEach((peer, i) => {
      for (const p of renderPeer(peer, `to[${i}]`, problems)) {
        if (p.networks !== undefined) appendAll(networks, p.networks);
        else to.push(p);
      }
    });
    const unique = [...new Set(networks)];
    for (let i = 0; i < unique.length; i += MAX_CLUSTER_RULE_ITEMS) to.push({ networks: unique.slice(i, i + MAX_CLUSTER_RULE_ITEMS) });
    if (this.action !== ClusterAction.ACCEPT && this.peers.some((p) => p instanceof DomainNames)) {
      problems.push(
        'to: domain names are supported in Accept rules only (the API matches them by watching DNS answers); deny everything else with a later rule, or name the addresses with Cidr',
      );
    }
    const protocols = this.renderProtocols(problems);
    if (protocols?.some((p) => p.destinationNamedPort !== undefined) && to.some((p) => p.networks || p.nodes || p.domainNames)) {
      problems.push(
        'protocols: a named port is resolved against pod container ports, so it cannot go with CIDR, node or domain name peers; use port numbers, or split the rule',
      );
    }
    return {
      manifest: { ...this.head(), to: dedupe(to), ...(protocols ? { protocols } : {}) },
      problems: [...this.peerCountProblems('to'), ...problems],
    };
  }

  /** A description for messages. */
  public describe(): string {
    const ports = this.ports === undefined ? 'every port' : this.ports.map((p) => p.describe()).join(', ');
    return `${this.action} ${this.peers.map(describePeer).join(' or ')} on ${ports}`;
  }

  private head(): { name?: string; action: ClusterAction } {
    return { ...(this.name !== undefined ? { name: this.name } : {}), action: this.action };
  }

  private peerCountProblems(field: 'from' | 'to'): string[] {
    if (this.peers.length > 0) return [];
    return [`${field}: a rule needs at least one peer; ClusterNetworkPolicy has no "every peer" rule, so name them (Namespaces.all() is every pod)`];
  }

  private renderProtocols(problems: string[]): ClusterNetworkPolicyProtocolManifest[] | undefined {
    if (this.ports === undefined) return undefined;
    if (this.ports.length === 0) {
      problems.push('protocols: an empty port list; list the ports, or leave them out to match every port');
      return undefined;
    }
    const out: ClusterNetworkPolicyProtocolManifest[] = [];
    this.ports.forEach((port, i) => {
      const p = renderPort(port, `protocols[${i}]`, problems);
      if (p !== undefined) out.push(p);
    });
    return dedupe(out);
  }
}

/** The pods a cluster policy applies to: `Namespaces` (all their pods) or `Pods` placed in namespaces. */
export type ClusterSubject = IPeer;

/**
 * `spec.subject` for a subject value, or the problems that stop it (a subject is a pod set:
 * not addresses, nodes or everyone, and never "the chart's namespace").
 */
export function renderClusterSubject(subject: ClusterSubject): RenderedClusterRule<ClusterNetworkPolicySubjectManifest | undefined> {
  const problems: string[] = [];
  const rendered = renderPeer(subject, 'spec.subject', problems);
  if (problems.length > 0) return { manifest: undefined, problems };
  const pods = rendered.filter((p) => p.namespaces !== undefined || p.pods !== undefined);
  if (pods.length !== 1 || rendered.length !== 1) {
    return {
      manifest: undefined,
      problems: [`spec.subject: ${subject.describe(NO_NAMESPACE)} is not one set of pods; a subject is Namespaces or Pods placed in namespaces (one value; write one policy per set)`],
    };
  }
  const [only] = pods;
  return { manifest: only.namespaces !== undefined ? { namespaces: only.namespaces } : { pods: only.pods! }, problems: [] };
}

function describePeer(peer: ClusterPeer): string {
  return peer instanceof Nodes || peer instanceof DomainNames ? peer.describe() : peer.describe(NO_NAMESPACE);
}

/** The cluster peers one value stands for; problems are appended, prefixed with `at`. */
function renderPeer(peer: ClusterPeer, at: string, problems: string[]): ClusterNetworkPolicyEgressPeerManifest[] {
  if (peer instanceof Nodes) return [{ nodes: peer.selector.toManifest() }];
  if (peer instanceof DomainNames) {
    if (peer.names.length === 0) {
      problems.push(`${at}: DomainNames.of() needs at least one name`);
      return [];
    }
    const unique = [...new Set(peer.names)];
    const out: ClusterNetworkPolicyEgressPeerManifest[] = [];
    for (let i = 0; i < unique.length; i += MAX_CLUSTER_RULE_ITEMS) out.push({ domainNames: unique.slice(i, i + MAX_CLUSTER_RULE_ITEMS) });
    return out;
  }
  if (peer.peerKind === 'anyone') {
    problems.push(
      `${at}: Peer.anyone() has no ClusterNetworkPolicy form; name the peers: Namespaces.all() (every pod) and, for egress, Internet.all() (every address)`,
    );
    return [];
  }
  if (peer.selectable(NO_NAMESPACE)?.namespace === NO_NAMESPACE) {
    problems.push(
      `${at}: ${peer.describe('<none>')}: a cluster-scoped policy has no namespace of its own to lend; say where the pods are: .inNamespace('name'), .inNamespacesLabelled({...}) or .inAnyNamespace()`,
    );
    return [];
  }
  const out: ClusterNetworkPolicyEgressPeerManifest[] = [];
  for (const m of peer.toPeerManifests(CLUSTER_CONTEXT)) {
    if (m.ipBlock !== undefined) {
      if (m.ipBlock.except !== undefined && m.ipBlock.except.length > 0) {
        problems.push(
          `${at}: ${m.ipBlock.cidr} except ${m.ipBlock.except.join(', ')}: ClusterNetworkPolicy networks cannot carve out exceptions; put a rule for the exceptions before this one (a Pass or the opposite action)`,
        );
        continue;
      }
      out.push({ networks: [m.ipBlock.cidr] });
    } else if (m.namespaceSelector === undefined) {
      problems.push(`${at}: ${peer.describe(NO_NAMESPACE)} has no namespaceSelector, which means "the policy's namespace"; a cluster-scoped policy has none`);
    } else if (m.podSelector === undefined || isEmptySelector(m.podSelector)) {
      out.push({ namespaces: m.namespaceSelector });
    } else {
      out.push({ pods: { namespaceSelector: m.namespaceSelector, podSelector: m.podSelector } });
    }
  }
  return out;
}

function isEmptySelector(s: LabelSelectorManifest): boolean {
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

const PROTOCOL_FIELD: Readonly<Record<ProtocolName, 'tcp' | 'udp' | 'sctp'>> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp' };

/** One `protocols` entry for a port value; problems are appended, prefixed with `at`. */
function renderPort(port: Port, at: string, problems: string[]): ClusterNetworkPolicyProtocolManifest | undefined {
  const field = PROTOCOL_FIELD[port.protocol];
  if (typeof port.port === 'string') {
    if (port.protocol !== 'TCP') {
      problems.push(
        `${at}: ${port.describe()}/${port.protocol}: a ClusterNetworkPolicy named port takes its protocol from the container port and cannot be limited to ${port.protocol}; write Port.named('${port.port}'), or use port numbers`,
      );
      return undefined;
    }
    return { destinationNamedPort: port.port };
  }
  if (port.port === undefined) return { [field]: { destinationPort: { range: { start: 1, end: MAX_PORT } } } };
  if (port.endPort === undefined || port.endPort === port.port) return { [field]: { destinationPort: { number: port.port } } };
  if (port.endPort < port.port) {
    problems.push(`${at}: range ${port.port}-${port.endPort} ends before it starts; the end must be greater than the start`);
    return undefined;
  }
  return { [field]: { destinationPort: { range: { start: port.port, end: port.endPort } } } };
}

/** Drops repeated entries (same JSON), keeping the first; the API rejects duplicate set items. */
function dedupe<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const key = JSON.stringify(x);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
