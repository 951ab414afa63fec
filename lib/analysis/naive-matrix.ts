/**
 * A deliberately naive reference evaluator: for every pair of endpoints and every port it scans
 * every policy of the inventory. Quadratic in pods times policies; it exists as the oracle the
 * class-based matrix is tested and benchmarked against, and shares only the per-flow primitives
 * (matching.ts) with it.
 */
import { ExternalEndpoint, Endpoint, PortProtocol, endpointName, externalEndpoint, formatPortSpec } from './endpoint';
import { Inventory } from './inventory';
import { Labels } from '../core/label-selector';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { podSetMatches, ruleAdmits } from './matching';
import { MatrixJson, MatrixOptions } from './matrix';
import { resolveOptions } from './options';

/** A namespace-labels lookup for an inventory (a plain map; the naive part is the policy scan). */
export function namespaceLabelLookup(inventory: Inventory): (ns: string) => Labels {
  const map = new Map(inventory.namespaces.map((n) => [n.name, n.labels]));
  return (ns) => map.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns };
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
  const opts = resolveOptions(options);
  const sideAllows = (direction: 'ingress' | 'egress', subject: Endpoint, peer: Endpoint): boolean => {
    if (subject.kind !== 'pod') return true;
    let isolated = false;
    for (const policy of inventory.policies) {
      if (!podSetMatches(policy.subject, policy.namespace, subject.pod, nsLabels)) continue;
      if (!(direction === 'ingress' ? policy.isolatesIngress : policy.isolatesEgress)) continue;
      isolated = true;
      for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
        if (ruleAdmits(rule, policy.namespace, peer, to, pp.port, pp.protocol, nsLabels, opts)) return true;
      }
    }
    return !isolated;
  };
  return sideAllows('egress', from, to) && sideAllows('ingress', to, from);
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
  const nsLabels = namespaceLabelLookup(inventory);
  for (const from of all) {
    let row: Record<string, string[]> | undefined;
    for (const to of all) {
      if (from.kind === 'external' && to.kind === 'external') continue;
      const cell = ports.filter((pp) => naiveAllows(inventory, from, to, pp, options, nsLabels)).map(formatPortSpec);
      if (cell.length > 0) (row ??= {})[endpointName(to)] = cell;
    }
    if (row) allowed[endpointName(from)] = row;
  }
  return { ports: portNames, pods: pods.map(endpointName), external: externals.map((e) => e.ip), allowed };
}
