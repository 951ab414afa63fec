/**
 * What a change to policies (NetworkPolicy and the cluster tiers) opens and closes: the flows
 * allowed in the head and not in the base (added), denied in the head and not in the base
 * (removed), and those the head leaves undecided (implementation-defined, or dependent on DNS)
 * that the base decided otherwise, each with the rule that now decides it.
 *
 * Exact and class-based: ports are asked once per interval of `portPartition`, external addresses
 * once per region of `addressRegions`, and pods once per joint equivalence class (pods that are
 * alike in the base AND in the head). So the cost grows with classes squared times intervals,
 * never with pods squared, and each answer holds for every port, address and pod it stands for.
 */
import { PROTOCOL_NAMES, ProtocolName } from '../core/manifest';
import { Endpoint, endpointName } from '../analysis/endpoint';
import { EngineOptions } from '../analysis/options';
import { ClassMatrix, classOutcome, computeMatrix } from '../analysis/matrix';
import { isUndecided, Outcome } from '../analysis/outcome';
import { evaluateFlow, Verdict } from '../analysis/verdict';
import { formerSideReason, sideReason } from '../analysis/explain';
import { addressRegions } from '../analysis/address-regions';
import { connectivityKey } from './connectivity-key';
import { DiffWorlds } from './diff-worlds';
import { formatPortInterval, PortInterval, portPartition, representativePort } from '../analysis/port-partition';
import { appendAll } from '../core/values';
import { STAND_IN_KIND } from '../analysis/stand-ins';

/** Whether a flow became allowed, denied, or undecided (implementation-defined, dependent on DNS). */
export type FlowChangeKind = 'added' | 'removed' | 'undecided';

/** The kind of change of a flow that now has `after`. */
export function changeKind(after: Outcome): FlowChangeKind {
  return after === 'allowed' ? 'added' : after === 'denied' ? 'removed' : 'undecided';
}

/** One flow whose verdict changed: a pair of endpoints and a run of ports. */
export interface FlowChange {
  /** `namespace/name` of a pod or workload, or an IP address outside the cluster. */
  readonly from: string;
  readonly to: string;
  /** `80/TCP`, or `1-79/TCP` for a run of ports that changed alike. */
  readonly port: string;
  /** The outcome in the base. */
  readonly before: Outcome;
  /** The outcome in the head. */
  readonly after: Outcome;
  /** Why the head decides as it does, in words. */
  readonly reason: string;
  /**
   * Added: the head's rules that admit the flow. Removed: the base's rules that admitted it on
   * the side that now denies. Undecided: the head's rules that leave it undecided.
   */
  readonly rules: readonly string[];
  /** For an external source: the range of addresses it stands for. */
  readonly fromRegion?: string;
  /** For an external destination: the range of addresses it stands for. */
  readonly toRegion?: string;
}

/** The ports of one group that changed for one reason. */
export interface GroupPorts {
  readonly ports: readonly PortInterval[];
  readonly before: Outcome;
  readonly after: Outcome;
  readonly reason: string;
  readonly rules: readonly string[];
}

/** Changes between two sets of endpoints that every policy treats alike, for reports. */
export interface FlowGroup {
  readonly kind: FlowChangeKind;
  /** The sources, names as in FlowChange.from (several when they are alike in base and head). */
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly changes: readonly GroupPorts[];
}

/** The result of a connectivity diff. */
export interface ConnectivityDiff {
  /** The flows that became allowed, one per pair of endpoints and run of ports (built on first read). */
  readonly added: readonly FlowChange[];
  /** The flows that became denied, likewise. */
  readonly removed: readonly FlowChange[];
  /** The flows that became implementation-defined or dependent on DNS, likewise. */
  readonly undecided: readonly FlowChange[];
  /** How many entries `added` and `removed` have, and between how many pairs, without building them. */
  readonly counts: DiffCounts;
  /** The same changes grouped by alike sources and destinations, sorted by name. */
  readonly groups: readonly FlowGroup[];
  /** Names of the external representative addresses to the region each stands for. */
  readonly regions: ReadonlyMap<string, string>;
  /** Sizes of the comparison, for reports. */
  readonly stats: DiffStats;
}

/** Sizes of a diff's lists. */
export interface DiffCounts {
  readonly added: number;
  readonly removed: number;
  readonly undecided: number;
  readonly addedPairs: number;
  readonly removedPairs: number;
  readonly undecidedPairs: number;
  /** Flows that were denied in the base and are undecided in the head: they may have opened. */
  readonly mayHaveOpened: number;
}

/** How large the comparison was. */
export interface DiffStats {
  readonly pods: number;
  readonly externals: number;
  readonly jointClasses: number;
  readonly portIntervals: number;
}

/** Options of `diffConnectivity`. */
export interface DiffOptions extends EngineOptions {
  /**
   * The protocols to compare.
   * @default TCP, UDP and SCTP
   */
  readonly protocols?: readonly ProtocolName[];
}

interface RawChange {
  readonly interval: number;
  readonly before: Outcome;
  readonly after: Outcome;
  readonly reason: string;
  readonly rules: readonly string[];
}

/** The rules that allowed a direction: NetworkPolicy rules that admit it, or the cluster Accept. */
function allowingRules(d: Verdict['egress']): string[] {
  return [...d.admittedBy.map((r) => r.label), ...(d.outcome === 'allowed' ? d.decidedBy.map((r) => r.label) : [])];
}

function explainAdded(head: Verdict): { reason: string; rules: string[] } {
  const sides = [head.egress, head.ingress];
  const reason = sides.map(sideReason).filter((t) => t !== '').join('; ');
  return { reason, rules: sides.flatMap(allowingRules) };
}

/** The sides of the head that are not allowed, each with what it said in the base. */
function explainNotAllowed(base: Verdict, head: Verdict, rulesOf: (b: Verdict['egress'], h: Verdict['egress']) => string[]): { reason: string; rules: string[] } {
  const parts: string[] = [];
  const rules: string[] = [];
  for (const [h, b] of [
    [head.egress, base.egress],
    [head.ingress, base.ingress],
  ] as const) {
    if (h.allowed) continue;
    parts.push(h.outcome === b.outcome && sideReason(h) === sideReason(b) ? sideReason(h) : `${sideReason(h)} (${formerSideReason(b)})`);
    appendAll(rules, rulesOf(b, h));
  }
  return { reason: parts.join('; '), rules };
}

function explainRemoved(base: Verdict, head: Verdict): { reason: string; rules: string[] } {
  return explainNotAllowed(base, head, (b) => allowingRules(b));
}

function explainUndecided(base: Verdict, head: Verdict): { reason: string; rules: string[] } {
  return explainNotAllowed(base, head, (_b, h) => (isUndecided(h.outcome) ? [...h.decidedBy, ...h.maybeBy].map((r) => r.label) : []));
}

function isStandIn(e: Endpoint): boolean {
  return e.kind === 'pod' && e.pod.kind === STAND_IN_KIND;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares the connectivity of the two worlds over every port and every endpoint, exactly. */
export function diffConnectivity(worlds: DiffWorlds, options: DiffOptions = {}): ConnectivityDiff {
  const protocols = options.protocols ?? PROTOCOL_NAMES;
  // The named ports of stand-ins come last, beyond 65535 (named-port-probes.ts).
  const probes = worlds.namedPorts.intervals.filter((iv) => protocols.includes(iv.protocol));
  const intervals = [...portPartition([worlds.base, worlds.head], protocols), ...probes];
  const firstProbe = intervals.length - probes.length;
  const reps = intervals.map(representativePort);
  const regionList = addressRegions([worlds.base, worlds.head], worlds.blocks);
  const externals = [...new Set([...regionList.map((r) => r.address), ...worlds.addresses])];
  const regions = new Map(regionList.map((r) => [r.address, r.description]));
  const mb: ClassMatrix = computeMatrix(worlds.base, reps, { ...options, externals });
  const mh: ClassMatrix = computeMatrix(worlds.head, reps, { ...options, externals });
  const endpoints = mb.model.endpoints;
  const names = endpoints.map(endpointName);

  // Joint classes: endpoints alike in the base and alike in the head.
  const jointOf = new Map<string, number>();
  const members: number[][] = [];
  const jointBase: number[] = [];
  const jointHead: number[] = [];
  endpoints.forEach((_, i) => {
    const cb = mb.model.classOfEndpoint[i];
    const ch = mh.model.classOfEndpoint[i];
    const key = `${cb},${ch}`;
    let j = jointOf.get(key);
    if (j === undefined) {
      j = members.length;
      jointOf.set(key, j);
      members.push([]);
      jointBase.push(cb);
      jointHead.push(ch);
    }
    members[j].push(i);
  });
  const size = members.length;
  const external = members.map((m) => endpoints[m[0]].kind === 'external');
  const toStandIns = members.map((m) => m.every((i) => isStandIn(endpoints[i])));

  // Intervals that both worlds answer alike for every pair of classes (typically the many runs
  // of ports no rule names) are compared once; the others reuse that pass's pairs.
  const changedPairs = new Map<string, number[]>();
  // changes[s * size + d]: per interval, in order.
  const changes = new Map<number, RawChange[]>();
  intervals.forEach((interval, k) => {
    const pb = mb.connectivity[k];
    const ph = mh.connectivity[k];
    const key = `${connectivityKey(pb)}|${connectivityKey(ph)}`;
    let pairs = changedPairs.get(key);
    if (pairs === undefined) {
      pairs = [];
      for (let s = 0; s < size; s++) {
        const bs = jointBase[s];
        const hs = jointHead[s];
        for (let d = 0; d < size; d++) {
          if (external[s] && external[d]) continue;
          if (classOutcome(pb, bs, jointBase[d]) !== classOutcome(ph, hs, jointHead[d])) pairs.push(s * size + d);
        }
      }
      changedPairs.set(key, pairs);
    }
    for (const pair of pairs) {
      const s = Math.floor(pair / size);
      const d = pair % size;
      // A probe is a named port of stand-ins; to anything else it says what the free numbers said.
      if (k >= firstProbe && !toStandIns[d]) continue;
      const after = classOutcome(ph, jointHead[s], jointHead[d]);
      const before = classOutcome(pb, jointBase[s], jointBase[d]);
      const rep = (m: ClassMatrix, j: number): Endpoint => m.model.endpoints[members[j][0]];
      const flow = (m: ClassMatrix): { from: Endpoint; to: Endpoint; port: number; protocol: ProtocolName } => ({
        from: rep(m, s),
        to: rep(m, d),
        ...representativePort(interval),
      });
      const vh = evaluateFlow(worlds.head, flow(mh), options);
      const explained =
        after === 'allowed'
          ? explainAdded(vh)
          : after === 'denied'
            ? explainRemoved(evaluateFlow(worlds.base, flow(mb), options), vh)
            : explainUndecided(evaluateFlow(worlds.base, flow(mb), options), vh);
      let list = changes.get(pair);
      if (!list) changes.set(pair, (list = []));
      list.push({ interval: k, before, after, ...explained });
    }
  });

  const groups: FlowGroup[] = [];
  for (const [key, list] of changes) {
    const s = Math.floor(key / size);
    const d = key % size;
    // Touching intervals that changed the same way for the same reason read as one run.
    const runs: { before: Outcome; after: Outcome; interval: PortInterval; reason: string; rules: readonly string[] }[] = [];
    for (const c of list) {
      const iv = intervals[c.interval];
      const last = runs[runs.length - 1];
      if (last && last.interval.name === undefined && iv.name === undefined && last.before === c.before && last.after === c.after && last.reason === c.reason && last.interval.protocol === iv.protocol && last.interval.to + 1 === iv.from) {
        last.interval = { ...last.interval, to: iv.to };
      } else {
        runs.push({ before: c.before, after: c.after, interval: iv, reason: c.reason, rules: c.rules });
      }
    }
    // A named port says nothing more where every number of its protocol changed the same way.
    const whole = (r: (typeof runs)[number], named: (typeof runs)[number]): boolean =>
      r.interval.name === undefined && r.interval.protocol === named.interval.protocol && r.interval.from === 1 && r.interval.to === 65535 && r.before === named.before && r.after === named.after;
    // On a stand-in, a number a pod gives a named port answers as the name does: say where that differs.
    const namedAfter = toStandIns[d]
      ? probes.map((iv, j) => ({ iv, before: classOutcome(mb.connectivity[firstProbe + j], jointBase[s], jointBase[d]), after: classOutcome(mh.connectivity[firstProbe + j], jointHead[s], jointHead[d]) }))
      : [];
    const told = runs
      .filter((r) => r.interval.name === undefined || !runs.some((o) => whole(o, r)))
      .map((r) => {
        const except = r.interval.name === undefined ? namedAfter.filter((x) => x.iv.protocol === r.interval.protocol && (x.before !== r.before || x.after !== r.after)) : [];
        const how = (x: (typeof namedAfter)[number]): string => (x.before === x.after ? `${x.after}, unchanged` : `${x.before} -> ${x.after}`);
        return except.length === 0 ? r : { ...r, reason: `${r.reason}; except on the port a pod names ${except.map((x) => `${x.iv.name} (${how(x)})`).join(', ')}` };
      });
    for (const kind of ['added', 'removed', 'undecided'] as const) {
      const byReason = new Map<string, GroupPorts>();
      for (const r of told) {
        if (changeKind(r.after) !== kind) continue;
        const key = `${r.before}\u0000${r.after}\u0000${r.reason}`;
        const g = byReason.get(key);
        byReason.set(key, { ports: [...(g?.ports ?? []), r.interval], before: r.before, after: r.after, reason: r.reason, rules: r.rules });
      }
      if (byReason.size > 0) groups.push({ kind, from: members[s].map((i) => names[i]), to: members[d].map((i) => names[i]), changes: [...byReason.values()] });
    }
  }
  groups.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.from[0], b.from[0]) || compareText(a.to[0], b.to[0]));
  const counts = { added: 0, removed: 0, undecided: 0, addedPairs: 0, removedPairs: 0, undecidedPairs: 0, mayHaveOpened: 0 };
  for (const g of groups) {
    const pairs = g.from.length * g.to.length;
    const runs = g.changes.reduce((n, c) => n + c.ports.length, 0);
    counts[g.kind] += pairs * runs;
    counts[`${g.kind}Pairs`] += pairs;
    for (const c of g.changes) if (c.before === 'denied' && isUndecided(c.after)) counts.mayHaveOpened += pairs * c.ports.length;
  }
  // The per-pair lists can be huge (a default-deny over thousands of pods); build them on demand.
  let added: FlowChange[] | undefined;
  let removed: FlowChange[] | undefined;
  let undecided: FlowChange[] | undefined;
  return {
    get added(): readonly FlowChange[] {
      return (added ??= expandGroups(groups, 'added', regions));
    },
    get removed(): readonly FlowChange[] {
      return (removed ??= expandGroups(groups, 'removed', regions));
    },
    get undecided(): readonly FlowChange[] {
      return (undecided ??= expandGroups(groups, 'undecided', regions));
    },
    counts,
    groups,
    regions,
    stats: {
      pods: endpoints.length - externals.length,
      externals: externals.length,
      jointClasses: size,
      portIntervals: intervals.length,
    },
  };
}

/** One entry per pair of members and run of ports, sorted by from, to, protocol, port. */
function expandGroups(groups: readonly FlowGroup[], kind: FlowChangeKind, regions: ReadonlyMap<string, string>): FlowChange[] {
  const out: { entry: FlowChange; protocol: number; start: number }[] = [];
  for (const g of groups) {
    if (g.kind !== kind) continue;
    for (const from of g.from) {
      for (const to of g.to) {
        for (const c of g.changes) {
          for (const iv of c.ports) {
            const entry: FlowChange = {
              from,
              to,
              port: formatPortInterval(iv),
              before: c.before,
              after: c.after,
              reason: c.reason,
              rules: c.rules,
              ...(regions.has(from) ? { fromRegion: regions.get(from) } : {}),
              ...(regions.has(to) ? { toRegion: regions.get(to) } : {}),
            };
            out.push({ entry, protocol: PROTOCOL_NAMES.indexOf(iv.protocol), start: iv.from });
          }
        }
      }
    }
  }
  out.sort((a, b) => compareText(a.entry.from, b.entry.from) || compareText(a.entry.to, b.entry.to) || a.protocol - b.protocol || a.start - b.start);
  return out.map((x) => x.entry);
}
