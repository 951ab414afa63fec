/**
 * The allowed connectivity of an inventory as a small graph a reviewer can read, even for a
 * cluster of hundreds of pods:
 * - pods of one equivalence class in one namespace become one node (no policy tells them apart);
 * - namespaces are groups, and addresses outside the cluster are one node per ipBlock region,
 *   together in one group "outside the cluster";
 * - ports that every source may use to reach a whole group (or, failing that, one node) become
 *   one edge from "any source"; ports a whole group (or one node) may use to reach every
 *   destination become one edge to "any destination";
 * - ports every node of a group may use to reach every node of another become one group edge;
 *   inside one namespace they become a note on the group;
 * - what is left is drawn node to node, each edge labelled with its ports.
 * Each step only removes what the edge that replaces it says, so the picture stays exact.
 * At namespace level (for very large clusters) namespaces are single nodes, and what is left
 * after those steps becomes one dotted edge per pair of namespaces: true for some pods only.
 *
 * Flows the engine cannot decide (implementation-defined, or dependent on DNS) are never drawn as
 * allowed: they are `undecided` edges, node to node (group to group where every pair of two
 * groups shares them), each with its outcome.
 */
import { EngineOptions } from '../analysis/options';
import { PortProtocol } from '../analysis/endpoint';
import { Inventory } from '../analysis/inventory';
import { classOutcome, computeMatrix } from '../analysis/matrix';
import { UndecidedOutcome } from '../analysis/outcome';
import { addressRegions } from '../analysis/address-regions';
import { CidrBlock } from '../core/ip';
import { FlowEndSpec } from '../analysis/flow-end';
import { resolveFlowEnd } from '../analysis/ends';
import { STAND_IN_KIND, StandIns } from '../analysis/stand-ins';
import { namedPortProbes } from './named-port-probes';
import { connectivityKey } from './connectivity-key';
import { formatPortSet, mergeIntervals, PortInterval, portPartition, representativePort } from '../analysis/port-partition';
import { appendAll } from '../core/values';

/** A node: pods alike in one namespace, or a region of addresses outside the cluster. */
export interface GraphNode {
  /** Unique, safe in Mermaid and DOT: `[A-Za-z][A-Za-z0-9_]*`. */
  readonly id: string;
  readonly label: string;
  readonly kind: 'pods' | 'external';
  /** The namespace of pod nodes. */
  readonly namespace?: string;
  /** Pod names (`ns/name`), or the representative address. */
  readonly members: readonly string[];
}

/** A namespace and its nodes, or the addresses outside the cluster. */
export interface GraphGroup {
  readonly id: string;
  readonly kind: 'namespace' | 'outside';
  /** The namespace name, or `outside the cluster`. */
  readonly name: string;
  readonly nodes: readonly GraphNode[];
  /** Ports on which every pod of the namespace may reach every pod of it, when there are any. */
  readonly inside?: string;
  /** The same ports as intervals; empty when `inside` is absent. */
  readonly insidePorts: readonly PortInterval[];
  /** Namespace level: ports on which only some pods of the namespace reach some others. */
  readonly someInside?: string;
  /** The same ports as intervals; empty when `someInside` is absent. */
  readonly someInsidePorts: readonly PortInterval[];
}

/** An edge between nodes, groups, or the "any source" / "any destination" markers. */
export interface GraphEdge {
  /** A node id, a group id, or ANY_SOURCE_ID. */
  readonly from: string;
  /** A node id, a group id, or ANY_DESTINATION_ID. */
  readonly to: string;
  /** The ports, e.g. `TCP 8080` or `all ports`. */
  readonly label: string;
  /** The same ports as intervals, merged and sorted. */
  readonly ports: readonly PortInterval[];
  /**
   * False: every source of `from` may reach every destination of `to` on these ports. True
   * (namespace level only): on each of these ports some source may reach some destination.
   */
  readonly partial: boolean;
}

/** Flows between two nodes (or groups) that are neither allowed nor denied, on some ports. */
export interface UndecidedEdge {
  /** A node id, or a group id when it holds for every pair of the two groups' nodes. */
  readonly from: string;
  readonly to: string;
  readonly outcome: UndecidedOutcome;
  /** The ports, e.g. `TCP 8080`. */
  readonly label: string;
  readonly ports: readonly PortInterval[];
  /** True (namespace level only): on each of these ports, for some pods of the two units. */
  readonly partial: boolean;
}

/** The whole picture. */
export interface ConnectivityGraph {
  /** At `namespace` level each namespace group is drawn as one node (its id is the group's). */
  readonly level: GraphLevel;
  /** Namespaces sorted by name, then (when there are external nodes) the outside group. */
  readonly groups: readonly GraphGroup[];
  /** The allowed flows. */
  readonly edges: readonly GraphEdge[];
  /** Flows that are implementation-defined or depend on DNS; empty when every flow is decided. */
  readonly undecided: readonly UndecidedEdge[];
  /** True when some edge starts at ANY_SOURCE_ID. */
  readonly usesAnySource: boolean;
  /** True when some edge ends at ANY_DESTINATION_ID. */
  readonly usesAnyDestination: boolean;
  /**
   * Named ports of stand-ins the graph could not draw (`admin/TCP`): a cluster-scoped rule names
   * port numbers of their protocol, so what they get depends on the number a pod gives the name
   * (named-port-probes.ts). Empty when every named port is drawn.
   */
  readonly notDrawn: readonly string[];
}

/** Options of `buildGraph`. */
export interface GraphOptions extends EngineOptions {
  /**
   * The ports to draw.
   * @default every port, exactly, through the intervals of `portPartition`
   */
  readonly ports?: readonly PortProtocol[];
  /**
   * How many member names a merged node's label lists before `+N more`.
   * @default 3
   */
  readonly namesPerNode?: number;
  /**
   * `workload`: nodes are pods alike within a namespace. `namespace`: one node per namespace,
   * for clusters too large to draw pod by pod; what holds for only some of its pods is drawn as
   * a dotted (partial) edge.
   * @default 'workload'
   */
  readonly level?: GraphLevel;
  /**
   * More ends to draw, in the one model of flow ends: selectors (their pods, or a stand-in),
   * addresses, CIDRs (split into the regions the policies tell apart).
   * @default none: the pods of the inputs, the stand-ins of pod sets policies name, and the
   * regions of the policies' ipBlocks
   */
  readonly include?: readonly FlowEndSpec[];
}

/** How fine the nodes of a graph are. */
export type GraphLevel = 'workload' | 'namespace';

/** The levels, for the CLI. */
export const GRAPH_LEVELS: readonly GraphLevel[] = ['workload', 'namespace'];

/** The id of the "any source" marker. */
export const ANY_SOURCE_ID = 'any_source';
/** The id of the "any destination" marker. */
export const ANY_DESTINATION_ID = 'any_destination';

/** Makes ids that Mermaid and DOT accept as they are, unique, and never a keyword (`end`, `graph`). */
class IdMaker {
  private readonly used = new Set<string>([ANY_SOURCE_ID, ANY_DESTINATION_ID]);

  public make(prefix: string, text: string): string {
    const base = `${prefix}_${text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}_${i}`;
    this.used.add(id);
    return id;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds the collapsed graph of what the inventory allows. */
export function buildGraph(inventory: Inventory, options: GraphOptions = {}): ConnectivityGraph {
  // Pod sets the policies name that match nothing get stand-ins, so policies alone still draw.
  // They also expose the named ports the rules use (named-port-probes.ts): a real pod of the set may name them.
  const probes = options.ports ? undefined : namedPortProbes([inventory]);
  const standIns = new StandIns(inventory, probes?.ports ?? []);
  standIns.coverPolicies(inventory.policies);
  const blocks: CidrBlock[] = [];
  const addresses: string[] = [];
  for (const end of options.include ?? []) {
    if (end.kind === 'cidr') appendAll(blocks, end.blocks.flatMap((b) => [b.cidr, ...b.except]));
    for (const m of resolveFlowEnd(standIns, end).members) if (m.endpoint.kind === 'external' && m.region === undefined) addresses.push(m.endpoint.ip);
  }
  const universe = standIns.inventory();
  const intervals: PortInterval[] = options.ports
    ? options.ports.map((p) => ({ protocol: p.protocol, from: p.port, to: p.port }))
    : [...portPartition([universe]), ...(probes !== undefined && standIns.standIns.length > 0 ? probes.intervals : [])];
  const regions = addressRegions([universe], blocks);
  const externals = [...new Set([...regions.map((r) => r.address), ...addresses])];
  const matrix = computeMatrix(universe, intervals.map(representativePort), { ...options, externals });
  const { model } = matrix;
  const ids = new IdMaker();
  const namesPerNode = options.namesPerNode ?? 3;

  // Nodes: (class, namespace) for pods; one per region for external addresses.
  const nodeOf = new Map<string, number>();
  const nodeClass: number[] = [];
  const nodeMembers: string[][] = [];
  const nodeNs: (string | undefined)[] = [];
  const standInNode: boolean[] = [];
  model.endpoints.forEach((e, i) => {
    const c = model.classOfEndpoint[i];
    const ns = e.kind === 'pod' ? e.pod.namespace : undefined;
    const key = `${c}\u0000${ns ?? ''}`;
    let n = nodeOf.get(key);
    if (n === undefined) {
      n = nodeClass.length;
      nodeOf.set(key, n);
      nodeClass.push(c);
      nodeMembers.push([]);
      nodeNs.push(ns);
    }
    nodeMembers[n].push(e.kind === 'pod' ? e.pod.id : e.ip);
    standInNode[n] = (standInNode[n] ?? true) && e.kind === 'pod' && e.pod.kind === STAND_IN_KIND;
  });
  const count = nodeClass.length;
  const regionOf = new Map(regions.map((r) => [r.address, r.description]));
  const nodes: GraphNode[] = nodeMembers.map((members, n) => {
    const ns = nodeNs[n];
    if (ns === undefined) {
      return { id: ids.make('ext', members[0]), label: regionOf.get(members[0]) ?? members[0], kind: 'external', members };
    }
    const short = members.map((m) => m.slice(ns.length + 1));
    const label = short.length <= namesPerNode ? short.join(', ') : `${short.slice(0, namesPerNode).join(', ')} +${short.length - namesPerNode} more`;
    return { id: ids.make('pod', `${ns}_${short[0]}`), label, kind: 'pods', namespace: ns, members };
  });

  // mask[s * count + d]: bit k set when node s may reach node d on interval k; likewise for the
  // undecided outcomes.
  const mask: bigint[] = new Array<bigint>(count * count).fill(0n);
  const undecidedMask: Record<UndecidedOutcome, bigint[]> = {
    'implementation-defined': new Array<bigint>(count * count).fill(0n),
    'depends-on-dns': new Array<bigint>(count * count).fill(0n),
  };
  const external = nodes.map((n) => n.kind === 'external');
  // Ports the inventory answers alike (the many runs no rule names) are evaluated once.
  const pairsByKey = new Map<string, { allowed: number[]; 'implementation-defined': number[]; 'depends-on-dns': number[] }>();
  matrix.connectivity.forEach((pc, k) => {
    const bit = 1n << BigInt(k);
    const key = connectivityKey(pc);
    let pairs = pairsByKey.get(key);
    if (pairs === undefined) {
      pairs = { allowed: [], 'implementation-defined': [], 'depends-on-dns': [] };
      for (let s = 0; s < count; s++) {
        for (let d = 0; d < count; d++) {
          if (external[s] && external[d]) continue;
          const o = classOutcome(pc, nodeClass[s], nodeClass[d]);
          if (o !== 'denied') pairs[o].push(s * count + d);
        }
      }
      pairsByKey.set(key, pairs);
    }
    for (const pair of pairs.allowed) mask[pair] |= bit;
    for (const o of ['implementation-defined', 'depends-on-dns'] as const) for (const pair of pairs[o]) undecidedMask[o][pair] |= bit;
  });
  dropProbesThatSayNothing(intervals, [mask, ...Object.values(undecidedMask)], count, standInNode);
  const portsOf = (m: bigint): PortInterval[] => mergeIntervals(intervals.filter((_, k) => (m >> BigInt(k)) & 1n).sort(byInterval));
  const edge = (from: string, to: string, m: bigint, partial = false): GraphEdge => {
    const ports = portsOf(m);
    return { from, to, label: formatPortSet(ports), ports, partial };
  };
  const level = options.level ?? 'workload';

  // Groups: namespaces (sorted), then the addresses outside the cluster.
  const namespaces = [...new Set(nodeNs.filter((n): n is string => n !== undefined))].sort(compareText);
  const groups: { id: string; kind: GraphGroup['kind']; name: string; members: number[] }[] = namespaces.map((ns) => ({
    id: ids.make('ns', ns),
    kind: 'namespace',
    name: ns,
    members: nodes.map((_, i) => i).filter((i) => nodeNs[i] === ns),
  }));
  const externalNodes = nodes.map((_, i) => i).filter((i) => external[i]);
  if (externalNodes.length > 0) groups.push({ id: ids.make('outside', 'cluster'), kind: 'outside', name: 'outside the cluster', members: externalNodes });
  const edges: GraphEdge[] = [];
  const common = (sources: readonly number[], dests: readonly number[]): bigint => {
    let m = -1n;
    let any = false;
    for (const s of sources) {
      for (const d of dests) {
        if (external[s] && external[d]) continue;
        m &= mask[s * count + d];
        any = true;
      }
    }
    return any ? m : 0n;
  };
  const subtract = (sources: readonly number[], dests: readonly number[], m: bigint): void => {
    for (const s of sources) for (const d of dests) mask[s * count + d] &= ~m;
  };
  const everyone = nodes.map((_, i) => i);

  // Ports that any source may use to reach a whole group, then ports a whole group may use anywhere.
  let usesAnySource = false;
  let usesAnyDestination = false;
  for (const g of groups) {
    const m = common(everyone, g.members);
    if (m === 0n) continue;
    edges.push(edge(ANY_SOURCE_ID, g.id, m));
    subtract(everyone, g.members, m);
    usesAnySource = true;
  }
  for (const g of groups) {
    const m = common(g.members, everyone);
    if (m === 0n) continue;
    edges.push(edge(g.id, ANY_DESTINATION_ID, m));
    subtract(g.members, everyone, m);
    usesAnyDestination = true;
  }
  // The same for single nodes of larger groups (a namespace where only some pods are open).
  for (const g of level === 'workload' ? groups : []) {
    if (g.members.length < 2) continue;
    for (const n of g.members) {
      const m = common(everyone, [n]);
      if (m === 0n) continue;
      edges.push(edge(ANY_SOURCE_ID, nodes[n].id, m));
      subtract(everyone, [n], m);
      usesAnySource = true;
    }
  }
  for (const g of level === 'workload' ? groups : []) {
    if (g.members.length < 2) continue;
    for (const n of g.members) {
      const m = common([n], everyone);
      if (m === 0n) continue;
      edges.push(edge(nodes[n].id, ANY_DESTINATION_ID, m));
      subtract([n], everyone, m);
      usesAnyDestination = true;
    }
  }
  // Inside a namespace, then between groups with more than one pair of nodes.
  const inside = groups.map((g) => {
    if (g.kind === 'outside') return undefined; // outside to outside is never a flow
    const m = common(g.members, g.members);
    if (m === 0n) return undefined;
    subtract(g.members, g.members, m);
    return portsOf(m);
  });
  // Namespace level draws groups, not pods: every namespace and every external node is a unit.
  const units =
    level === 'workload'
      ? groups
      : [...groups, ...externalNodes.map((i) => ({ id: nodes[i].id, kind: 'outside' as const, name: nodes[i].label, members: [i] }))];
  for (const a of units) {
    for (const b of units) {
      if (a === b || (level === 'workload' && a.members.length * b.members.length < 2)) continue;
      const m = common(a.members, b.members);
      if (m === 0n) continue;
      edges.push(edge(a.id, b.id, m));
      subtract(a.members, b.members, m);
    }
  }
  const someInside: (PortInterval[] | undefined)[] = groups.map(() => undefined);
  if (level === 'workload') {
    for (let s = 0; s < count; s++) {
      for (let d = 0; d < count; d++) {
        const m = mask[s * count + d];
        if (m !== 0n) edges.push(edge(nodes[s].id, nodes[d].id, m));
      }
    }
  } else {
    // What is left holds for some pods only: one dotted edge per pair of units.
    const unitOf = nodes.map((n, i) => (external[i] ? n.id : (groups.find((g) => g.kind === 'namespace' && g.name === nodeNs[i])?.id ?? n.id)));
    const unitIds = [...new Set(unitOf)];
    const partial = new Map<string, bigint>();
    for (let s = 0; s < count; s++) {
      for (let d = 0; d < count; d++) {
        const m = mask[s * count + d];
        if (m === 0n) continue;
        const key = `${unitOf[s]}\u0000${unitOf[d]}`;
        partial.set(key, (partial.get(key) ?? 0n) | m);
      }
    }
    for (const a of unitIds) {
      for (const b of unitIds) {
        const m = partial.get(`${a}\u0000${b}`);
        if (m === undefined) continue;
        const g = groups.findIndex((x) => x.id === a && x.kind === 'namespace');
        if (a === b && g >= 0) someInside[g] = portsOf(m);
        else edges.push(edge(a, b, m, true));
      }
    }
  }
  // Undecided flows: group to group where every pair of nodes shares them, then node to node
  // (namespace level: one dotted edge per pair of units for what is left).
  const undecided: UndecidedEdge[] = [];
  for (const outcome of ['implementation-defined', 'depends-on-dns'] as const) {
    const m = undecidedMask[outcome];
    const commonOf = (sources: readonly number[], dests: readonly number[]): bigint => {
      let c = -1n;
      let any = false;
      for (const a of sources) {
        for (const b of dests) {
          if (external[a] && external[b]) continue;
          c &= m[a * count + b];
          any = true;
        }
      }
      return any ? c : 0n;
    };
    const undecidedEdge = (from: string, to: string, bits: bigint, partial = false): UndecidedEdge => {
      const ports = portsOf(bits);
      return { from, to, outcome, label: formatPortSet(ports), ports, partial };
    };
    for (const a of groups) {
      for (const b of groups) {
        if (a.members.length * b.members.length < 2 && level === 'workload') continue;
        const c = commonOf(a.members, b.members);
        if (c === 0n) continue;
        undecided.push(undecidedEdge(a.id, b.id, c));
        for (const x of a.members) for (const y of b.members) m[x * count + y] &= ~c;
      }
    }
    if (level === 'workload') {
      for (let a = 0; a < count; a++) for (let b = 0; b < count; b++) if (m[a * count + b] !== 0n) undecided.push(undecidedEdge(nodes[a].id, nodes[b].id, m[a * count + b]));
    } else {
      const unitOf = nodes.map((n, i) => (external[i] ? n.id : (groups.find((g) => g.kind === 'namespace' && g.name === nodeNs[i])?.id ?? n.id)));
      const left = new Map<string, bigint>();
      for (let a = 0; a < count; a++) {
        for (let b = 0; b < count; b++) {
          const bits = m[a * count + b];
          if (bits === 0n) continue;
          const key = `${unitOf[a]}\u0000${unitOf[b]}`;
          left.set(key, (left.get(key) ?? 0n) | bits);
        }
      }
      for (const [key, bits] of left) {
        const [from, to] = key.split('\u0000');
        undecided.push(undecidedEdge(from, to, bits, true));
      }
    }
  }
  return {
    level,
    undecided,
    groups: groups.map((g, i) => ({
      id: g.id,
      kind: g.kind,
      name: g.name,
      nodes: g.members.map((n) => nodes[n]),
      ...(inside[i] !== undefined ? { inside: formatPortSet(inside[i]) } : {}),
      insidePorts: inside[i] ?? [],
      ...(someInside[i] !== undefined ? { someInside: formatPortSet(someInside[i]) } : {}),
      someInsidePorts: someInside[i] ?? [],
    })),
    edges,
    usesAnySource,
    usesAnyDestination,
    notDrawn: probes !== undefined && standIns.standIns.length > 0 ? probes.uncompared : [],
  };
}

/**
 * A named port (a probe, PortInterval.name) is drawn only to nodes of stand-ins, where it is the
 * port a pod of the set would name so; to real pods it is no port at all. And it is left out where
 * every number of its protocol is already drawn the same way: it would say nothing more.
 */
function dropProbesThatSayNothing(intervals: readonly PortInterval[], masks: readonly bigint[][], count: number, standInNode: readonly boolean[]): void {
  let probeBits = 0n;
  const numberBits = new Map<string, bigint>();
  const probes: { bit: bigint; protocol: string }[] = [];
  intervals.forEach((iv, k) => {
    const bit = 1n << BigInt(k);
    if (iv.name !== undefined) {
      probeBits |= bit;
      probes.push({ bit, protocol: iv.protocol });
    } else numberBits.set(iv.protocol, (numberBits.get(iv.protocol) ?? 0n) | bit);
  });
  if (probeBits === 0n) return;
  for (const mask of masks) {
    for (let pair = 0; pair < mask.length; pair++) {
      let m = mask[pair];
      if ((m & probeBits) === 0n) continue;
      if (!standInNode[pair % count]) m &= ~probeBits;
      else {
        for (const { bit, protocol } of probes) {
          const all = numberBits.get(protocol) ?? 0n;
          if (all !== 0n && (m & all) === all) m &= ~bit;
        }
      }
      mask[pair] = m;
    }
  }
}

function byInterval(a: PortInterval, b: PortInterval): number {
  const order = ['TCP', 'UDP', 'SCTP'];
  return order.indexOf(a.protocol) - order.indexOf(b.protocol) || a.from - b.from;
}
