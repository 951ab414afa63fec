/**
 * The per-flow primitives of every policy kind: does a peer match an endpoint, does a rule's port
 * list match a destination port, does a rule match a flow. The per-flow verdicts, the class-based
 * matrix and the naive reference evaluator are built on these, so they cannot disagree on them.
 *
 * Host-network pods are never in a pod set (no subject, no pod peer of any kind selects them:
 * the ClusterNetworkPolicy API says so, and it is the common NetworkPolicy implementation); they
 * are matched by their address (their node's) only. A `networks` peer of a cluster-scoped policy
 * matches pod addresses too (the API says so); a NetworkPolicy ipBlock does by default
 * (`ipBlockMatchesPods`). A `domainNames` peer may match an address the engine cannot name: see
 * {@link domainNamesMayMatch}.
 */
import { cidrContains, IpAddress } from '../core/ip';
import { ProtocolName } from '../core/manifest';
import { Endpoint } from './endpoint';
import { ClusterOnlyPeer, DomainNamesPeer, IpBlockPeer, NodesPeer, PodSet, PolicyPeer, PolicyPort, PolicyRule } from './policy-model';
import { selectorMatches } from '../core/label-match';
import { Labels } from '../core/label-selector';
import { NodeRecord, PodRecord } from './inventory';
import { ResolvedEngineOptions } from './options';

/** Looks up a namespace's labels (every namespace of the inventory has at least its name label). */
export type NamespaceLabels = (namespace: string) => Labels;

/** Looks up the nodes that have an address (canonical text). */
export type NodesAt = (ip: string) => readonly NodeRecord[];

/** What matching needs besides the rule and the flow. */
export interface MatchContext {
  readonly nsLabels: NamespaceLabels;
  readonly nodesAt: NodesAt;
  readonly options: ResolvedEngineOptions;
}

/** How a rule relates to a flow: it matches, it does not, or only a name the engine cannot resolve could make it match. */
export type RuleMatchKind = 'match' | 'maybe' | 'none';

/** True when the address lies in the block's CIDR and in none of its exceptions. */
export function ipBlockContains(peer: IpBlockPeer, address: IpAddress): boolean {
  return cidrContains(peer.cidr, address) && !peer.except.some((e) => cidrContains(e, address));
}

/**
 * True when the pod belongs to the pod set of a policy in `policyNamespace` (absent for
 * cluster-scoped policies, whose pod sets always name their namespaces): the one place a
 * subject or a pod peer is matched.
 */
export function podSetMatches(set: PodSet, policyNamespace: string | undefined, pod: PodRecord, nsLabels: NamespaceLabels): boolean {
  if (pod.hostNetwork) return false;
  const nsOk = set.namespaceSelector ? selectorMatches(set.namespaceSelector, nsLabels(pod.namespace)) : pod.namespace === policyNamespace;
  return nsOk && (set.podSelector ? selectorMatches(set.podSelector, pod.labels) : true);
}

/**
 * True when an ipBlock of a policy in `policyNamespace` (absent: cluster-scoped, whose `networks`
 * match pod addresses whatever the option) applies to pod addresses.
 */
export function ipBlockMatchesPods(policyNamespace: string | undefined, options: ResolvedEngineOptions): boolean {
  return policyNamespace === undefined || options.ipBlockMatchesPods;
}

/** True when the peer (of a policy in `policyNamespace`) matches the endpoint. */
export function peerMatches(
  peer: PolicyPeer,
  policyNamespace: string | undefined,
  endpoint: Endpoint,
  nsLabels: NamespaceLabels,
  options: ResolvedEngineOptions,
): boolean {
  if (peer.kind === 'ipBlock') {
    if (endpoint.kind === 'external') return ipBlockContains(peer, endpoint.address);
    return ipBlockMatchesPods(policyNamespace, options) && endpoint.pod.addresses.some((a) => ipBlockContains(peer, a));
  }
  return endpoint.kind === 'pod' && podSetMatches(peer, policyNamespace, endpoint.pod, nsLabels);
}

/** The addresses of an endpoint: an external address, or a pod's (a host-network pod's are its node's). */
export function endpointAddresses(endpoint: Endpoint): readonly IpAddress[] {
  return endpoint.kind === 'external' ? [endpoint.address] : endpoint.pod.addresses;
}

/** True when a `nodes` peer matches the endpoint: one of its addresses is an address of a node the selector matches. */
export function nodesPeerMatches(peer: NodesPeer, endpoint: Endpoint, nodesAt: NodesAt): boolean {
  const ips = endpoint.kind === 'external' ? [endpoint.ip] : endpoint.pod.ips;
  return ips.some((ip) => nodesAt(ip).some((n) => selectorMatches(peer.nodeSelector, n.labels)));
}

/** The default cluster DNS domain, under which pods and headless Services have names. */
export const CLUSTER_DOMAIN = 'cluster.local';

/**
 * True when a domain name (`api.example.com`, `*.example.com`) could name something under the
 * cluster's DNS domain (`cluster.local`): a pod (`10-0-0-1.ns.pod.cluster.local`) or a headless
 * Service's pods.
 */
export function domainNameInCluster(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n === CLUSTER_DOMAIN || n.endsWith(`.${CLUSTER_DOMAIN}`)) return true;
  // `*.local` names every name below `local`, cluster.local's names included.
  return n.startsWith('*.') && `.${CLUSTER_DOMAIN}`.endsWith(`.${n.slice(2)}`);
}

/**
 * True when a `domainNames` peer might match the endpoint, which the engine cannot know: names
 * resolve at run time. The engine's reading: a name may resolve to any address outside the pod
 * network (an address outside the cluster, a node's, so a host-network pod's); to a pod of the
 * pod network only when it can be a name of the cluster's DNS domain (NPEP-133: pods are reached
 * by name through their generated records). Flows it might match depend on DNS.
 */
export function domainNamesMayMatch(peer: DomainNamesPeer, endpoint: Endpoint): boolean {
  if (endpoint.kind === 'external' || endpoint.pod.hostNetwork) return true;
  return peer.domainNames.some(domainNameInCluster);
}

/** True when a node or domain name peer surely matches the endpoint (`domainNames` never surely does). */
export function clusterPeerMatches(peer: ClusterOnlyPeer, endpoint: Endpoint, nodesAt: NodesAt): boolean {
  return peer.kind === 'nodes' && nodesPeerMatches(peer, endpoint, nodesAt);
}

/** The container port number a named port resolves to on a pod, for the protocol, if any. */
export function resolveNamedPort(pod: PodRecord, name: string, protocol: ProtocolName): number | undefined {
  return pod.ports.find((p) => p.name === name && p.protocol === protocol)?.port;
}

/** True when one `ports` entry admits the destination port; named ports resolve on the destination pod. */
export function portEntryMatches(entry: PolicyPort, port: number, protocol: ProtocolName, destination: Endpoint): boolean {
  if (entry.protocol !== protocol) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'number') {
    return entry.endPort !== undefined ? port >= entry.port && port <= entry.endPort : port === entry.port;
  }
  // A named port means nothing for an address outside the cluster: nothing to resolve it against.
  if (destination.kind !== 'pod') return false;
  return resolveNamedPort(destination.pod, entry.port, protocol) === port;
}

/** True when a rule's port list (absent = all ports) admits the destination port. */
export function portsMatch(ports: readonly PolicyPort[] | undefined, port: number, protocol: ProtocolName, destination: Endpoint): boolean {
  return ports === undefined || ports.some((e) => portEntryMatches(e, port, protocol, destination));
}

/**
 * How a rule relates to a flow: `match` when some peer (absent = all) matches the other end
 * (`peer`) and some port entry (absent = all) matches the destination port; `maybe` when the
 * ports match and only a `domainNames` peer could match the other end; `none` otherwise.
 */
export function ruleMatch(
  rule: PolicyRule,
  policyNamespace: string | undefined,
  peer: Endpoint,
  destination: Endpoint,
  port: number,
  protocol: ProtocolName,
  ctx: MatchContext,
): RuleMatchKind {
  if (!portsMatch(rule.ports, port, protocol, destination)) return 'none';
  if (rule.peers === undefined || rule.peers.some((p) => peerMatches(p, policyNamespace, peer, ctx.nsLabels, ctx.options))) return 'match';
  const others = rule.clusterPeers ?? [];
  if (others.some((p) => clusterPeerMatches(p, peer, ctx.nodesAt))) return 'match';
  return others.some((p) => p.kind === 'domainNames' && domainNamesMayMatch(p, peer)) ? 'maybe' : 'none';
}
