/**
 * Which destination ports a question is about, in the one text form the CLI reads (`80/TCP`,
 * `8000-8100/TCP`, `metrics/TCP`, `TCP`, or nothing for every port), and the exact port
 * intervals it means for one destination: the intervals of the port partition (no policy tells
 * two ports of an interval apart), cut to the question. A named port resolves against the
 * destination pod's container ports, as in a policy.
 */
import { NetfenceError } from '../core/errors';
import { isProtocolName, PROTOCOL_NAMES, ProtocolName } from '../core/manifest';
import { Endpoint } from './endpoint';
import { resolveNamedPort } from './matching';
import { PortInterval } from './port-partition';
import { isValidPortName } from '../validate/ports';

/** The ports a question is about. */
export type PortQuery =
  | { readonly kind: 'all' }
  | { readonly kind: 'protocol'; readonly protocol: ProtocolName }
  | { readonly kind: 'range'; readonly protocol: ProtocolName; readonly from: number; readonly to: number }
  | { readonly kind: 'named'; readonly protocol: ProtocolName; readonly name: string };

/** Every port of every protocol. */
export const EVERY_PORT: PortQuery = { kind: 'all' };

const BAD_PORT = 'write <port>[/<TCP|UDP|SCTP>], <from>-<to>/<protocol>, a container port name such as metrics/TCP, or a protocol alone';

/** Parses `80`, `80/TCP`, `8000-8100/TCP`, `metrics/TCP`, `metrics` or `UDP` (protocols case-insensitive; TCP by default). */
export function parsePortQuery(text: string): PortQuery {
  const t = text.trim();
  // Upper case alone is a protocol; lower case is a container port name (`dns`, even `tcp`).
  if (isProtocolName(t)) return { kind: 'protocol', protocol: t };
  const m = /^([^/]+)(?:\/([A-Za-z]+))?$/.exec(t);
  const protocol = (m?.[2] ?? 'TCP').toUpperCase();
  if (!m || !isProtocolName(protocol)) throw new NetfenceError(`bad port ${JSON.stringify(text)}; ${BAD_PORT}`);
  const range = /^([0-9]{1,5})(?:-([0-9]{1,5}))?$/.exec(m[1]);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (from < 1 || to > 65535 || to < from) throw new NetfenceError(`bad port ${JSON.stringify(text)}; ports are 1-65535 and a range runs upwards; ${BAD_PORT}`);
    return { kind: 'range', protocol, from, to };
  }
  const errs = isValidPortName(m[1]);
  if (errs.length > 0) throw new NetfenceError(`bad port ${JSON.stringify(text)}: a port name ${errs[0]}; ${BAD_PORT}`);
  return { kind: 'named', protocol, name: m[1] };
}

/** `every port`, `every UDP port`, `80/TCP`, `8000-8100/TCP`, `metrics/TCP`. */
export function formatPortQuery(q: PortQuery): string {
  switch (q.kind) {
    case 'all':
      return 'every port';
    case 'protocol':
      return `every ${q.protocol} port`;
    case 'range':
      return q.from === q.to ? `${q.from}/${q.protocol}` : `${q.from}-${q.to}/${q.protocol}`;
    case 'named':
      return `${q.name}/${q.protocol}`;
  }
}

/**
 * The intervals of `partition` (sorted by protocol, then port) that a query covers for one
 * destination, cut to the query. A named port the destination does not expose is an input error
 * saying what it does expose.
 */
export function portIntervalsFor(q: PortQuery, partition: readonly PortInterval[], destination: Endpoint): PortInterval[] {
  switch (q.kind) {
    case 'all':
      return [...partition];
    case 'protocol':
      return partition.filter((i) => i.protocol === q.protocol);
    case 'range':
      return partition
        .filter((i) => i.protocol === q.protocol && i.to >= q.from && i.from <= q.to)
        .map((i) => ({ protocol: i.protocol, from: Math.max(i.from, q.from), to: Math.min(i.to, q.to) }));
    case 'named': {
      if (destination.kind !== 'pod') {
        throw new NetfenceError(`named port ${formatPortQuery(q)} needs a pod destination (${destination.ip} has no container ports); use a port number for addresses`);
      }
      const port = resolveNamedPort(destination.pod, q.name, q.protocol);
      if (port === undefined) {
        const has = destination.pod.ports.map((c) => (c.name ? `${c.name} (${c.port}/${c.protocol})` : `${c.port}/${c.protocol}`)).join(', ') || 'none';
        throw new NetfenceError(
          `${destination.pod.id} exposes no ${q.protocol} container port named '${q.name}' (it has: ${has}); add the workload to the inputs, or ask about a port number`,
        );
      }
      return [{ protocol: q.protocol, from: port, to: port }];
    }
  }
}

/** The protocols in report order, for sorting intervals. */
export function compareIntervals(a: PortInterval, b: PortInterval): number {
  return PROTOCOL_NAMES.indexOf(a.protocol) - PROTOCOL_NAMES.indexOf(b.protocol) || a.from - b.from;
}
