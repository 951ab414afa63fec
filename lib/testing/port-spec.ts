import { NetfenceError } from '../core/errors';
import { Port } from '../core/port';
import { ProtocolName } from '../core/manifest';
import { EVERY_PORT, PortQuery } from '../analysis';

/** What ports an assertion is about: a netfence Port, a TCP port number, or every port. */
export type PortSpec = Port | number | undefined;

/**
 * The port question an assertion asks, in the analysis's one model of ports: without a port, every
 * port of every protocol; a whole protocol, a range, one port or a named container port. The
 * engine answers it per interval of the port partition, so "denied on every port" is exact.
 */
export function portQueryOf(spec: PortSpec): PortQuery {
  if (spec === undefined) return EVERY_PORT;
  if (typeof spec === 'number') return { kind: 'range', protocol: 'TCP', from: spec, to: spec };
  const protocol = spec.protocol as ProtocolName;
  if (spec.port === undefined) return { kind: 'protocol', protocol };
  if (typeof spec.port === 'string') return { kind: 'named', protocol, name: spec.port };
  const to = spec.endPort ?? spec.port;
  if (!Number.isInteger(spec.port) || spec.port < 1 || to > 65535 || to < spec.port) {
    throw new NetfenceError(`port ${spec.port}${spec.endPort !== undefined ? `-${spec.endPort}` : ''}/${protocol} is not a port or range in 1-65535`);
  }
  return { kind: 'range', protocol, from: spec.port, to };
}
