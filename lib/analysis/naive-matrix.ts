/**
 * A deliberately naive reference evaluator: for every pair of endpoints and every port it scans
 * every policy of the inventory. Quadratic in pods times policies; it exists as the oracle the
 * class-based matrix is tested and benchmarked against. It shares only the per-flow primitives
 * (matching.ts) with the engine; the tiers are walked here in their own, plainest way: for each
 * direction, every policy of the inventory is looked at, cluster tiers grouped by priority in a
 * map, without the engine's indexes, sets or reasons.
 */
import { ExternalEndpoint, Endpoint, PortProtocol, endpointName, externalEndpoint, formatPortSpec } from './endpoint';
import { Inventory, NodeRecord } from './inventory';
import { Labels } from '../core/label-selector';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { MatchContext, podSetMatches, ruleMatch } from './matching';
import { MatrixJson, MatrixOptions } from './matrix';
import { resolveOptions } from './options';
import { combineOutcomes, Outcome, UndecidedOutcome } from './outcome';

/** A namespace-labels lookup for an inventory (a plain map; the naive part is the policy scan). */
export function namespaceLabelLookup(inventory: Inventory): (ns: string) => Labels {
  const map = new Map(inventory.namespaces.map((n) => [n.name, n.labels]));
  return (ns) => map.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns };
}

/** Evaluates one flow by scanning every policy; its outcome. */
export function naiveOutcome(
  inventory: Inventory,
  from: Endpoint,
  to: Endpoint,
  pp: PortProtocol,
  options: MatrixOptions = {},
  nsLabels: (ns: string) => Labels = namespaceLabelLookup(inventory),
): Outcome {
  const ctx: MatchContext = {
    nsLabels,
    nodesAt: (ip: string): NodeRecord[] => inventory.nodes.filter((n) => n.ips.includes(ip)),
    options: resolveOptions(options),
  };
  const side = (direction: 'ingress' | 'egress', subject: Endpoint, peer: Endpoint): Outcome => {
    if (subject.kind !== 'pod' || subject.pod.hostNetwork) return 'allowed';
    let maybeAccepted = false;
    const settle = (o: Outcome): Outcome => (o === 'denied' && maybeAccepted ? 'depends-on-dns' : o);
    // One cluster tier: 'pass', 'none', or a final outcome.
    const tier = (name: 'Admin' | 'Baseline'): Outcome | 'pass' | 'none' => {
      // Per policy: its first matching rule's action (or 'dns'), and whether a domain name Accept came before it.
      const seen: { priority: number; result?: string; maybe: boolean }[] = [];
      for (const policy of inventory.policies) {
        if (policy.tier !== name || !podSetMatches(policy.subject, undefined, subject.pod, nsLabels)) continue;
        const entry: { priority: number; result?: string; maybe: boolean } = { priority: policy.priority, maybe: false };
        for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
          const m = ruleMatch(rule, undefined, peer, to, pp.port, pp.protocol, ctx);
          if (m === 'match') entry.result = rule.action;
          else if (m === 'maybe' && rule.action === 'Accept') entry.maybe = true;
          else if (m === 'maybe') entry.result = 'dns';
          if (entry.result !== undefined) break;
        }
        seen.push(entry);
      }
      for (const priority of [...new Set(seen.map((e) => e.priority))].sort((a, b) => a - b)) {
        const group = seen.filter((e) => e.priority === priority);
        if (group.some((e) => e.maybe)) maybeAccepted = true;
        const actions = new Set(group.filter((e) => e.result !== undefined).map((e) => e.result));
        if (actions.size === 0) continue;
        if (actions.size > 1) return 'implementation-defined';
        const action = [...actions][0];
        return action === 'Accept' ? 'allowed' : action === 'Deny' ? 'denied' : action === 'Pass' ? 'pass' : 'depends-on-dns';
      }
      return 'none';
    };
    const admin = tier('Admin');
    if (admin !== 'pass' && admin !== 'none') return settle(admin);
    let isolated = false;
    let admitted = false;
    for (const policy of inventory.policies) {
      if (policy.tier !== 'NetworkPolicy' || !podSetMatches(policy.subject, policy.namespace, subject.pod, nsLabels)) continue;
      if (!(direction === 'ingress' ? policy.isolatesIngress : policy.isolatesEgress)) continue;
      isolated = true;
      for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
        if (ruleMatch(rule, policy.namespace, peer, to, pp.port, pp.protocol, ctx) === 'match') admitted = true;
      }
    }
    if (isolated) return settle(admitted ? 'allowed' : 'denied');
    const baseline = tier('Baseline');
    return baseline === 'pass' || baseline === 'none' ? 'allowed' : settle(baseline);
  };
  return combineOutcomes(side('egress', from, to), side('ingress', to, from));
}

/** Evaluates one flow by scanning every policy; true iff allowed. */
export function naiveAllows(
  inventory: Inventory,
  from: Endpoint,
  to: Endpoint,
  pp: PortProtocol,
  options: MatrixOptions = {},
  nsLabels: (ns: string) => Labels = namespaceLabelLookup(inventory),
): boolean {
  return naiveOutcome(inventory, from, to, pp, options, nsLabels) === 'allowed';
}

/** The pair-level matrix computed naively; same shape and order as matrixToJson. */
export function naiveMatrix(inventory: Inventory, ports: readonly PortProtocol[], options: MatrixOptions = {}): MatrixJson {
  const pods: Endpoint[] = [...inventory.pods].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((pod) => ({ kind: 'pod', pod }));
  const externals: ExternalEndpoint[] = [];
  for (const text of options.externals ?? []) {
    const e = externalEndpoint(text);
    if (!externals.some((x) => x.ip === e.ip)) externals.push(e);
  }
  const all: Endpoint[] = [...pods, ...externals];
  const portNames = ports.map(formatPortSpec);
  const allowed: Record<string, Record<string, string[]>> = {};
  const undecided: Record<string, Record<string, Record<string, UndecidedOutcome>>> = {};
  const nsLabels = namespaceLabelLookup(inventory);
  for (const from of all) {
    for (const to of all) {
      if (from.kind === 'external' && to.kind === 'external') continue;
      for (const pp of ports) {
        const o = naiveOutcome(inventory, from, to, pp, options, nsLabels);
        if (o === 'allowed') ((allowed[endpointName(from)] ??= {})[endpointName(to)] ??= []).push(formatPortSpec(pp));
        else if (o !== 'denied') ((undecided[endpointName(from)] ??= {})[endpointName(to)] ??= {})[formatPortSpec(pp)] = o;
      }
    }
  }
  return {
    ports: portNames,
    pods: pods.map(endpointName),
    external: externals.map((e) => e.ip),
    allowed,
    ...(Object.keys(undecided).length > 0 ? { undecided } : {}),
  };
}
