/**
 * The per-flow primitives of networking.k8s.io/v1 semantics: does a peer match an endpoint, does
 * a rule's port list match a destination port, does a rule admit a flow. Both the class-based
 * matrix and the naive reference evaluator are built on these, so they cannot disagree on them.
 */
import { cidrContains, IpAddress } from '../core/ip';
import { ProtocolName } from '../core/manifest';
import { Endpoint } from './endpoint';
import { IpBlockPeer, PodSet, PolicyPeer, PolicyPort, PolicyRule } from './policy-model';
import { selectorMatches } from '../core/label-match';
import { Labels } from '../core/label-selector';
import { PodRecord } from './inventory';
import { ResolvedEngineOptions } from './options';

/** Looks up a namespace's labels (every namespace of the inventory has at least its name label). */
export type NamespaceLabels = (namespace: string) => Labels;

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
  const nsOk = set.namespaceSelector ? selectorMatches(set.namespaceSelector, nsLabels(pod.namespace)) : pod.namespace === policyNamespace;
  return nsOk && (set.podSelector ? selectorMatches(set.podSelector, pod.labels) : true);
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
    return options.ipBlockMatchesPods && endpoint.pod.addresses.some((a) => ipBlockContains(peer, a));
  }
  return endpoint.kind === 'pod' && podSetMatches(peer, policyNamespace, endpoint.pod, nsLabels);
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
 * True when a rule admits a flow: some peer (absent = all) matches the other end (`peer`) and
 * some port entry (absent = all) matches the destination port.
 */
export function ruleAdmits(
  rule: PolicyRule,
  policyNamespace: string | undefined,
  peer: Endpoint,
  destination: Endpoint,
  port: number,
  protocol: ProtocolName,
  nsLabels: NamespaceLabels,
  options: ResolvedEngineOptions,
): boolean {
  if (!portsMatch(rule.ports, port, protocol, destination)) return false;
  return rule.peers === undefined || rule.peers.some((p) => peerMatches(p, policyNamespace, peer, nsLabels, options));
}
