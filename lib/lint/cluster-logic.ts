/**
 * What the cluster-tier lint rules prove about rules of cluster-scoped policies, syntactically
 * and never guessed (lint prefers silence to a wrong claim):
 *
 * - "may meet": two selectors some labels satisfy together (`LabelSelector.and(...).isSatisfiable`);
 *   two CIDRs that overlap; two port lists with a common port (named ports only when the name and
 *   protocol are the same). A `networks` peer meets a pod set (a `nodes` peer) only when it is a /0
 *   or, with pods (Nodes) in the inputs, holds the address of a pod of the set (of a node the
 *   selector matches): addresses are otherwise unknown.
 * - "contains": selector subsumption (`selectorSubsumes`), CIDR containment, port containment
 *   (shadowed-rule.ts), domain names by exact name or wildcard; `networks` of both 0.0.0.0/0 and
 *   ::/0 contain every peer (every pod, node and resolved name has an address).
 */
import { LabelSelector } from '../core/label-selector';
import { LabelSelectorManifest } from '../core/manifest';
import { cidrContains, cidrOverlaps, cidrWithin } from '../core/ip';
import { namespaceNamesOf, selectorSubsumes } from '../core/selector-logic';
import { Labels } from '../core/label-selector';
import { isMatchAll, selectorMatches } from '../core/label-match';
import { ClusterOnlyPeer, Direction, NodesPeer, PodSet, Policy, PolicyPeer, PolicyPort, PolicyRule, rulesFor } from '../analysis/policy-model';
import { podSetMatches } from '../analysis/matching';
import { LintContext, LintClusterPolicy } from './context';
import { peerSubsumes, portSubsumes } from './rules/shadowed-rule';

/** True when some labels satisfy both selectors. */
export function selectorsMeet(a: LabelSelectorManifest, b: LabelSelectorManifest): boolean {
  return LabelSelector.fromManifest(a).and(LabelSelector.fromManifest(b)).isSatisfiable;
}

/**
 * A pod set with an explicit namespace selector: a NetworkPolicy's own-namespace form (absent
 * namespaceSelector) pinned to its namespace's name.
 */
export function explicitPodSet(set: PodSet, policyNamespace: string | undefined): { namespaceSelector: LabelSelectorManifest; podSelector: LabelSelectorManifest } {
  return {
    namespaceSelector: set.namespaceSelector ?? { matchLabels: { 'kubernetes.io/metadata.name': policyNamespace ?? '' } },
    podSelector: set.podSelector ?? {},
  };
}

/** True when two pod sets (of policies in the given namespaces; undefined: cluster-scoped) may share a pod. */
export function podSetsMeet(a: PodSet, aNs: string | undefined, b: PodSet, bNs: string | undefined): boolean {
  const x = explicitPodSet(a, aNs);
  const y = explicitPodSet(b, bNs);
  return selectorsMeet(x.namespaceSelector, y.namespaceSelector) && selectorsMeet(x.podSelector, y.podSelector);
}

function isWholeFamily(peer: PolicyPeer): boolean {
  return peer.kind === 'ipBlock' && peer.cidr.prefix === 0 && peer.except.length === 0;
}

/** True when a networks peer and a pod set may meet: a /0, or a pod of the inputs in the set with an address in the block. */
function networkMeetsPods(ctx: LintContext, block: PolicyPeer & { kind: 'ipBlock' }, set: PodSet, ns: string | undefined): boolean {
  if (isWholeFamily(block)) return true;
  return ctx.podsInBlock(block).some((pod) => podSetMatches(set, ns, pod, (n) => ctx.nsLabels(n)));
}

/** True when two peers (of policies in the given namespaces) may match one endpoint. */
export function peersMeet(ctx: LintContext, a: PolicyPeer, aNs: string | undefined, b: PolicyPeer, bNs: string | undefined): boolean {
  if (a.kind === 'pods' && b.kind === 'pods') return podSetsMeet(a, aNs, b, bNs);
  if (a.kind === 'ipBlock' && b.kind === 'ipBlock') return cidrOverlaps(a.cidr, b.cidr);
  if (a.kind === 'ipBlock' && b.kind === 'pods') return networkMeetsPods(ctx, a, b, bNs);
  if (a.kind === 'pods' && b.kind === 'ipBlock') return networkMeetsPods(ctx, b, a, aNs);
  return false;
}

/** True when two port lists (absent: every port) have a common port. */
export function portsMeet(a: readonly PolicyPort[] | undefined, b: readonly PolicyPort[] | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  return a.some((x) =>
    b.some((y) => {
      if (x.protocol !== y.protocol) return false;
      if (x.port === undefined || y.port === undefined) return true;
      if (typeof x.port === 'string' || typeof y.port === 'string') return x.port === y.port;
      return x.port <= (y.endPort ?? y.port) && y.port <= (x.endPort ?? x.port);
    }),
  );
}

/** True when two rules (of policies in the given namespaces) may match one flow. */
export function rulesMeet(ctx: LintContext, a: PolicyRule, aNs: string | undefined, b: PolicyRule, bNs: string | undefined): boolean {
  if (!portsMeet(a.ports, b.ports)) return false;
  if (a.peers === undefined || b.peers === undefined) return true;
  if (a.peers.some((x) => b.peers!.some((y) => peersMeet(ctx, x, aNs, y, bNs)))) return true;
  const nodesA = (a.clusterPeers ?? []).filter((p): p is NodesPeer => p.kind === 'nodes');
  const nodesB = (b.clusterPeers ?? []).filter((p): p is NodesPeer => p.kind === 'nodes');
  if (nodesA.some((x) => nodesB.some((y) => selectorsMeet(x.nodeSelector, y.nodeSelector)))) return true;
  // A node's address in a networks block: a /0, or a node of the inputs the selector matches.
  const nodeInBlock = (n: NodesPeer, block: PolicyPeer): boolean =>
    block.kind === 'ipBlock' && (isWholeFamily(block) || ctx.inventory.nodes.some((node) => selectorMatches(n.nodeSelector, node.labels) && node.addresses.some((ad) => cidrContains(block.cidr, ad))));
  return nodesA.some((n) => b.peers!.some((x) => nodeInBlock(n, x))) || nodesB.some((n) => a.peers!.some((x) => nodeInBlock(n, x)));
}

/** True when the domain name pattern `broad` names every name `narrow` names. */
export function domainNameCovers(broad: string, narrow: string): boolean {
  const b = broad.toLowerCase().replace(/\.$/, '');
  const n = narrow.toLowerCase().replace(/\.$/, '');
  if (b === n) return true;
  // `*.example.com` names every name below example.com, wildcards below it included.
  return b.startsWith('*.') && n.endsWith(b.slice(1)) && n.length > b.length - 1;
}

function everyAddress(rule: PolicyRule): boolean {
  const blocks = (rule.peers ?? []).filter(isWholeFamily);
  return blocks.some((p) => p.kind === 'ipBlock' && p.cidr.family === 4) && blocks.some((p) => p.kind === 'ipBlock' && p.cidr.family === 6);
}

function clusterPeerCovered(broad: PolicyRule, peer: ClusterOnlyPeer): boolean {
  return (broad.clusterPeers ?? []).some((b) => {
    if (peer.kind === 'nodes') return b.kind === 'nodes' && selectorSubsumes(b.nodeSelector, peer.nodeSelector);
    return b.kind === 'domainNames' && peer.domainNames.every((n) => b.domainNames.some((x) => domainNameCovers(x, n)));
  });
}

/**
 * True when rule `broad` (of a policy in `broadNs`; undefined: cluster-scoped) matches every flow
 * rule `narrow` (of a policy in `narrowNs`) matches, provably. With `nsLabels`, a namespace part
 * of `narrow` that pins namespaces by name is contained in one of `broad` that matches the labels
 * the inputs give each of them.
 */
export function ruleContains(broad: PolicyRule, broadNs: string | undefined, narrow: PolicyRule, narrowNs: string | undefined, nsLabels?: (ns: string) => Labels): boolean {
  const portsOk = broad.ports === undefined || (narrow.ports !== undefined && narrow.ports.every((pa) => broad.ports!.some((pb) => portSubsumes(pb, pa))));
  if (!portsOk) return false;
  if (broad.peers === undefined || everyAddress(broad)) return true;
  if (narrow.peers === undefined) return false;
  const peerCovered = (a: PolicyPeer): boolean =>
    broad.peers!.some((b) => {
      if (a.kind === 'pods' && b.kind === 'pods') {
        // Compare explicit namespace selectors, so own-namespace forms of different policies compare right.
        const x = explicitPodSet(a, narrowNs);
        const y = explicitPodSet(b, broadNs);
        const names = nsLabels === undefined ? undefined : namespaceNamesOf(x.namespaceSelector);
        const nsOk =
          selectorSubsumes(y.namespaceSelector, x.namespaceSelector) ||
          (names !== undefined && names.length > 0 && names.every((n) => selectorMatches(y.namespaceSelector, nsLabels!(n))));
        return nsOk && (isMatchAll(y.podSelector) || selectorSubsumes(y.podSelector, x.podSelector));
      }
      return a.kind === 'ipBlock' && b.kind === 'ipBlock' && (cidrWithin(a.cidr, b.cidr) && b.except.length === 0 ? true : peerSubsumes(b, a, narrowNs ?? ''));
    });
  return narrow.peers.every(peerCovered) && (narrow.clusterPeers ?? []).every((p) => clusterPeerCovered(broad, p));
}

/** True when the subject of `broad` selects at least every pod the subject of `narrow` selects, provably. */
export function subjectContains(broad: Policy, narrow: Policy): boolean {
  const b = explicitPodSet(broad.subject, broad.namespace);
  const n = explicitPodSet(narrow.subject, narrow.namespace);
  return selectorSubsumes(b.namespaceSelector, n.namespaceSelector) && (isMatchAll(b.podSelector) || selectorSubsumes(b.podSelector, n.podSelector));
}

/** True when two policies' subjects may share a pod. */
export function subjectsMeet(a: Policy, b: Policy): boolean {
  return podSetsMeet(a.subject, a.namespace, b.subject, b.namespace);
}

/** One rule of a cluster-scoped policy, with its place. */
export interface ClusterRuleRef {
  readonly policy: LintClusterPolicy;
  readonly direction: Direction;
  readonly index: number;
  readonly rule: PolicyRule;
}

/** Every rule of a cluster-scoped policy, ingress first, in order. */
export function clusterRulesOf(p: LintClusterPolicy): ClusterRuleRef[] {
  return (['ingress', 'egress'] as const).flatMap((direction) => rulesFor(p.policy, direction).map((rule, index) => ({ policy: p, direction, index, rule })));
}

/** One raw peer of a cluster-scoped policy (a `from`/`to` entry), with its path. */
export interface RawClusterPeer {
  readonly direction: Direction;
  readonly rule: number;
  readonly action: string;
  readonly peer: Readonly<Record<string, unknown>>;
  readonly path: readonly (string | number)[];
}

/** Every `from`/`to` entry of a cluster-scoped policy's manifest, with its path. */
export function rawClusterPeers(p: LintClusterPolicy): RawClusterPeer[] {
  const out: RawClusterPeer[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = p.spec[direction];
    if (!Array.isArray(rules)) continue;
    rules.forEach((r: unknown, i) => {
      if (typeof r !== 'object' || r === null) return;
      const rule = r as Record<string, unknown>;
      const field = direction === 'ingress' ? 'from' : 'to';
      const peers = rule[field];
      if (!Array.isArray(peers)) return;
      peers.forEach((peer: unknown, k) => {
        if (typeof peer === 'object' && peer !== null) out.push({ direction, rule: i, action: String(rule.action), peer: peer as Record<string, unknown>, path: ['spec', direction, i, field, k] });
      });
    });
  }
  return out;
}
