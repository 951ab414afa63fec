/**
 * The destination ports worth asking about: every protocol's 1-65535 cut into intervals on which
 * no policy can tell two ports apart, so one representative port per interval gives the exact
 * answer for all of its ports.
 *
 * A `ports` entry matches a port by number (`port`), by range (`port`..`endPort`), by name (the
 * number it resolves to on the destination pod's containers) or by protocol alone. So the cut
 * points are every number and range end any policy names, plus every number a named port that
 * some policy uses resolves to on any pod. Between two cut points every entry of every policy
 * answers the same for every destination, and so does the whole engine.
 */
import { PROTOCOL_NAMES, ProtocolName } from '../core/manifest';
import { PortProtocol } from './endpoint';
import { Inventory } from './inventory';

/** A run of destination ports of one protocol, `from` to `to` inclusive. */
export interface PortInterval {
  readonly protocol: ProtocolName;
  readonly from: number;
  readonly to: number;
  /**
   * Set on a named port of stand-ins in the diff and the graph (lib/ci/named-port-probes.ts):
   * the port a pod names so, whatever its number; `from` and `to` are then a probe above 65535.
   */
  readonly name?: string;
}

const MAX_PORT = 65535;

/**
 * Cuts 1-65535 of each protocol into the intervals the policies of the given inventories (and the
 * container ports their pods name) cannot tell apart; sorted by protocol, then port.
 */
export function portPartition(inventories: readonly Inventory[], protocols: readonly ProtocolName[] = PROTOCOL_NAMES): PortInterval[] {
  // starts[protocol] holds every port at which a new interval begins.
  const starts = new Map<ProtocolName, Set<number>>(protocols.map((p) => [p, new Set([1])]));
  const cut = (protocol: ProtocolName, from: number, to: number): void => {
    const s = starts.get(protocol);
    if (!s) return;
    s.add(from);
    if (to < MAX_PORT) s.add(to + 1);
  };
  const namesUsed = new Set<string>();
  for (const inv of inventories) {
    for (const policy of inv.policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const entry of rule.ports ?? []) {
          if (typeof entry.port === 'number') cut(entry.protocol, entry.port, entry.endPort ?? entry.port);
          else if (typeof entry.port === 'string') namesUsed.add(`${entry.protocol}/${entry.port}`);
        }
      }
    }
  }
  for (const inv of inventories) {
    for (const pod of inv.pods) {
      for (const cp of pod.ports) {
        // A number above 65535 is a diff's probe for a named port (lib/ci/named-port-probes.ts), no port of 1-65535.
        if (cp.name !== undefined && cp.port <= MAX_PORT && namesUsed.has(`${cp.protocol}/${cp.name}`)) cut(cp.protocol, cp.port, cp.port);
      }
    }
  }
  const out: PortInterval[] = [];
  for (const protocol of protocols) {
    const sorted = [...(starts.get(protocol) ?? [])].sort((a, b) => a - b);
    sorted.forEach((from, i) => out.push({ protocol, from, to: i + 1 < sorted.length ? sorted[i + 1] - 1 : MAX_PORT }));
  }
  return out;
}

/** The port that stands for an interval: its first. */
export function representativePort(interval: PortInterval): PortProtocol {
  return { port: interval.from, protocol: interval.protocol };
}

/** `80/TCP` for one port, `1-79/TCP` for a range, `admin/TCP` for a named port of stand-ins. */
export function formatPortInterval(interval: PortInterval): string {
  if (interval.name !== undefined) return `${interval.name}/${interval.protocol}`;
  return interval.from === interval.to ? `${interval.from}/${interval.protocol}` : `${interval.from}-${interval.to}/${interval.protocol}`;
}

/**
 * Joins touching intervals of the same protocol; the input must be sorted by protocol, then port.
 * A named port joins nothing.
 */
export function mergeIntervals(intervals: readonly PortInterval[]): PortInterval[] {
  const out: PortInterval[] = [];
  for (const i of intervals) {
    const last = out[out.length - 1];
    if (last && last.name === undefined && i.name === undefined && last.protocol === i.protocol && last.to + 1 >= i.from) out[out.length - 1] = { ...last, to: Math.max(last.to, i.to) };
    else out.push(i);
  }
  return out;
}

/** The named ports of a set (see PortInterval.name), as text, for after its numbers. */
function namedText(intervals: readonly PortInterval[]): string[] {
  return intervals.filter((i) => i.name !== undefined).map(formatPortInterval);
}

/** The ports of every protocol that are not in the set (numbers only); input sorted by protocol, then port. */
export function complementIntervals(intervals: readonly PortInterval[]): PortInterval[] {
  const merged = mergeIntervals(intervals.filter((i) => i.name === undefined));
  const out: PortInterval[] = [];
  for (const protocol of PROTOCOL_NAMES) {
    let next = 1;
    for (const i of merged.filter((x) => x.protocol === protocol)) {
      if (i.from > next) out.push({ protocol, from: next, to: i.from - 1 });
      next = i.to + 1;
    }
    if (next <= MAX_PORT) out.push({ protocol, from: next, to: MAX_PORT });
  }
  return out;
}

function protocolGroups(merged: readonly PortInterval[]): string {
  const parts: string[] = [];
  for (const p of PROTOCOL_NAMES) {
    const mine = merged.filter((i) => i.protocol === p && i.name === undefined);
    if (mine.length === 0) continue;
    if (mine.length === 1 && mine[0].from === 1 && mine[0].to === MAX_PORT) parts.push(`all ${p}`);
    else parts.push(`${p} ${mine.map((i) => (i.from === i.to ? `${i.from}` : `${i.from}-${i.to}`)).join(', ')}`);
  }
  return parts.join('; ');
}

/**
 * Short text for a set of ports, for graph edges: `all ports`, `all TCP`, `TCP 80, 8000-8999;
 * UDP 53`, or `all ports except TCP 5432` when that is shorter. Input sorted by protocol, then port.
 */
export function formatPortSet(intervals: readonly PortInterval[]): string {
  return withNames(numberSet(intervals), intervals, '; ');
}

function numberSet(intervals: readonly PortInterval[]): string {
  const merged = mergeIntervals(intervals.filter((i) => i.name === undefined));
  if (merged.length === 0) return '';
  const missing = complementIntervals(merged);
  if (missing.length === 0) return 'all ports';
  const listed = protocolGroups(merged);
  const except = `all ports except ${protocolGroups(missing)}`;
  return except.length < listed.length ? except : listed;
}

/** The text of a set's numbers, then its named ports. */
function withNames(numbers: string, intervals: readonly PortInterval[], separator: string): string {
  return [...(numbers === '' ? [] : [numbers]), ...namedText(intervals)].join(separator);
}

/**
 * The ports of a set in the `80/TCP` / `1-79/TCP` notation of the diff, comma-separated, or
 * `all ports except 5432/TCP` when that is shorter.
 */
export function formatPortList(intervals: readonly PortInterval[]): string {
  return withNames(numberList(intervals), intervals, ', ');
}

function numberList(intervals: readonly PortInterval[]): string {
  const merged = mergeIntervals(intervals.filter((i) => i.name === undefined));
  if (merged.length === 0) return '';
  const missing = complementIntervals(merged);
  if (missing.length === 0) return 'all ports';
  const listed = merged.map(formatPortInterval).join(', ');
  const except = `all ports except ${missing.map(formatPortInterval).join(', ')}`;
  return except.length < listed.length ? except : listed;
}
