import { NetfenceError } from '../core/errors';
import { PROTOCOL_NAMES, ProtocolName } from '../core/manifest';
import { Port } from '../core/port';
import { Endpoint, Inventory, PortProtocol } from '../analysis';

const MIN_PORT = 1;
const MAX_PORT = 65535;

/**
 * The ports that decide every port: policies allow or deny whole intervals whose ends are the
 * port numbers, range ends and resolved named ports they mention. Checking each such end and
 * its neighbours visits every interval once, so "denied on every port" is exact, not sampled.
 */
function boundaryPorts(inventory: Inventory, destination: Endpoint, protocol: ProtocolName, lo: number, hi: number): number[] {
  const points = new Set<number>([lo, hi]);
  const add = (n: number) => {
    for (const p of [n - 1, n, n + 1]) if (p >= lo && p <= hi) points.add(p);
  };
  for (const policy of inventory.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const entry of rule.ports ?? []) {
        if (entry.protocol !== protocol) continue;
        if (typeof entry.port === 'number') {
          add(entry.port);
          add(entry.endPort ?? entry.port);
        } else if (typeof entry.port === 'string' && destination.kind === 'pod') {
          const named = destination.pod.ports.find((c) => c.name === entry.port && c.protocol === protocol);
          if (named) add(named.port);
        }
      }
    }
  }
  return [...points].sort((a, b) => a - b);
}

/** What ports an assertion is about: a netfence Port, a TCP port number, or every port. */
export type PortSpec = Port | number | undefined;

/** The concrete port/protocol pairs to evaluate for one destination. */
export function portsToCheck(inventory: Inventory, destination: Endpoint, spec: PortSpec): PortProtocol[] {
  if (typeof spec === 'number') return [{ port: spec, protocol: 'TCP' }];
  if (spec === undefined) {
    return PROTOCOL_NAMES.flatMap((protocol) =>
      boundaryPorts(inventory, destination, protocol, MIN_PORT, MAX_PORT).map((port) => ({ port, protocol })),
    );
  }
  const protocol = spec.protocol as ProtocolName;
  if (spec.port === undefined) {
    return boundaryPorts(inventory, destination, protocol, MIN_PORT, MAX_PORT).map((port) => ({ port, protocol }));
  }
  if (typeof spec.port === 'string') {
    if (destination.kind !== 'pod') {
      throw new NetfenceError(`named port '${spec.port}' needs a pod destination; use a port number for addresses`);
    }
    const named = destination.pod.ports.find((c) => c.name === spec.port && c.protocol === protocol);
    if (!named) {
      throw new NetfenceError(
        `${destination.pod.id} exposes no ${protocol} container port named '${spec.port}' (it has: ${destination.pod.ports.map((c) => c.name ?? c.port).join(', ') || 'none'}); add the workload to the app, or assert on a port number`,
      );
    }
    return [{ port: named.port, protocol }];
  }
  if (spec.endPort !== undefined) {
    return boundaryPorts(inventory, destination, protocol, spec.port, spec.endPort).map((port) => ({ port, protocol }));
  }
  return [{ port: spec.port, protocol }];
}

/** A readable form of a port spec for messages. */
export function describePortSpec(spec: PortSpec): string {
  if (spec === undefined) return 'every port';
  if (typeof spec === 'number') return `${spec}/TCP`;
  if (spec.port === undefined) return `every ${spec.protocol} port`;
  if (spec.endPort !== undefined) return `${spec.port}-${spec.endPort}/${spec.protocol}`;
  return `${spec.port}/${spec.protocol}`;
}
