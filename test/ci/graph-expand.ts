/** Reads a connectivity graph back into flows, for tests that check it against an oracle. */
import { ANY_DESTINATION_ID, ANY_SOURCE_ID } from '../../lib/ci/graph';

/** A run of ports, as graphs carry them. */
export interface GraphInterval {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

/** The shape of a graph these helpers read (a ConnectivityGraph, or its JSON). */
export interface GraphShape {
  readonly groups: readonly { id: string; nodes: readonly { id: string; kind: string; members: readonly string[] }[]; insidePorts: readonly GraphInterval[]; someInsidePorts: readonly GraphInterval[] }[];
  readonly edges: readonly { from: string; to: string; ports: readonly GraphInterval[]; partial: boolean }[];
  readonly undecided?: readonly { from: string; to: string; outcome: string; ports: readonly GraphInterval[]; partial: boolean }[];
}

/** The endpoint names each id of the graph stands for (nodes, groups, the "any" markers), every member, and the external ones. */
export function graphUnits(graph: GraphShape): { membersOf: Map<string, readonly string[]>; all: string[]; externals: Set<string> } {
  const membersOf = new Map<string, readonly string[]>();
  const all: string[] = [];
  const externals = new Set<string>();
  for (const g of graph.groups) {
    membersOf.set(g.id, g.nodes.flatMap((n) => n.members));
    for (const n of g.nodes) {
      membersOf.set(n.id, [...n.members]);
      all.push(...n.members);
      if (n.kind === 'external') n.members.forEach((m) => externals.add(m));
    }
  }
  membersOf.set(ANY_SOURCE_ID, all);
  membersOf.set(ANY_DESTINATION_ID, all);
  return { membersOf, all, externals };
}

/**
 * Every pair of endpoint names the graph says may connect, with the ports: from the exact edges
 * and notes, or (with `partial`) from the dotted ones read as if they held for all pods. External
 * to external pairs are left out. Keys are `from\u0000to`.
 */
export function graphFlows(graph: GraphShape, partial = false): Map<string, GraphInterval[]> {
  const { membersOf, externals } = graphUnits(graph);
  const out = new Map<string, GraphInterval[]>();
  const add = (from: readonly string[], to: readonly string[], ports: readonly GraphInterval[]): void => {
    for (const f of from) {
      for (const t of to) {
        if (externals.has(f) && externals.has(t)) continue;
        const key = `${f}\u0000${t}`;
        out.set(key, [...(out.get(key) ?? []), ...ports]);
      }
    }
  };
  for (const e of graph.edges) if (e.partial === partial) add(membersOf.get(e.from)!, membersOf.get(e.to)!, e.ports);
  for (const g of graph.groups) add(membersOf.get(g.id)!, membersOf.get(g.id)!, partial ? g.someInsidePorts : g.insidePorts);
  return out;
}

/**
 * Every pair of endpoint names the graph says is undecided (exact edges only), with the ports and
 * the outcome of each run. Keys are `from\u0000to`.
 */
export function graphUndecided(graph: GraphShape): Map<string, (GraphInterval & { outcome: string })[]> {
  const { membersOf, externals } = graphUnits(graph);
  const out = new Map<string, (GraphInterval & { outcome: string })[]>();
  for (const e of graph.undecided ?? []) {
    if (e.partial) continue;
    for (const f of membersOf.get(e.from)!) {
      for (const t of membersOf.get(e.to)!) {
        if (externals.has(f) && externals.has(t)) continue;
        const key = `${f}\u0000${t}`;
        out.set(key, [...(out.get(key) ?? []), ...e.ports.map((p) => ({ ...p, outcome: e.outcome }))]);
      }
    }
  }
  return out;
}
