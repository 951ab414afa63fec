/**
 * The two ends of a flow: a pod of the inventory or an address outside the cluster, and the
 * port/protocol pair a flow targets, with the text forms the CLI and reports use.
 */
import { NetfenceError } from '../core/errors';
import { formatIp, IpAddress, parseIp } from '../core/ip';
import { isProtocolName, ProtocolName } from '../core/manifest';
import { Inventory, makePod, PodRecord, PodSpecInput } from './inventory';
import { policyIndex } from './policy-index';

/** A pod end of a flow. */
export interface PodEndpoint {
  readonly kind: 'pod';
  readonly pod: PodRecord;
}

/** An address outside the cluster; its side of a flow is never isolated. */
export interface ExternalEndpoint {
  readonly kind: 'external';
  /** Canonical text of the address. */
  readonly ip: string;
  readonly address: IpAddress;
}

/** One end of a flow. */
export type Endpoint = PodEndpoint | ExternalEndpoint;

/** A destination port and its protocol. */
export interface PortProtocol {
  readonly port: number;
  readonly protocol: ProtocolName;
}

/** The text name of an endpoint: `ns/name` for pods, the address for external ends. */
export function endpointName(e: Endpoint): string {
  return e.kind === 'pod' ? e.pod.id : e.ip;
}

/** Makes an external endpoint from an address; throws when the text is not one. */
export function externalEndpoint(text: string): ExternalEndpoint {
  const address = parseIp(text);
  if (!address) throw new NetfenceError(`${JSON.stringify(text)} is not an IPv4 or IPv6 address`);
  return { kind: 'external', ip: formatIp(address), address };
}

/**
 * A pod that need not exist in the inventory: a namespace and labels (and optionally ports and
 * IPs). Lets callers ask about workloads by the labels a selector gives them, e.g. in jest
 * matchers for charts that hold policies but no workloads.
 */
export function hypotheticalPod(namespace: string, name: string, spec: PodSpecInput = {}): PodEndpoint {
  return { kind: 'pod', pod: makePod(namespace, name, spec) };
}

/**
 * Resolves `ns/name` to a pod of the inventory, or an IP address to the pod that has it or else
 * to an external address. Unknown pods are input errors that list what exists nearby.
 */
export function resolveEndpoint(inventory: Inventory, text: string): Endpoint {
  const address = parseIp(text);
  if (address) {
    const canonical = formatIp(address);
    const pod = policyIndex(inventory).podsByIp.get(canonical);
    return pod ? { kind: 'pod', pod } : { kind: 'external', ip: canonical, address };
  }
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) {
    throw new NetfenceError(`${JSON.stringify(text)} is neither namespace/pod nor an IP address`);
  }
  const pod = policyIndex(inventory).podsById.get(text);
  if (!pod) {
    const ns = text.slice(0, slash);
    const inNs = inventory.pods.filter((p) => p.namespace === ns).map((p) => p.id).sort();
    const hint = inNs.length > 0 ? `; pods in ${ns}: ${inNs.slice(0, 10).join(', ')}${inNs.length > 10 ? ', ...' : ''}` : `; no pod or workload is in namespace ${ns}`;
    throw new NetfenceError(`unknown pod ${text}${hint}`);
  }
  return { kind: 'pod', pod };
}

/** Parses `80/TCP` (protocol case-insensitive; a bare number means TCP). */
export function parsePortSpec(text: string): PortProtocol {
  const m = /^([0-9]{1,5})(?:\/([A-Za-z]+))?$/.exec(text.trim());
  const port = m ? Number(m[1]) : NaN;
  const protocol = (m?.[2] ?? 'TCP').toUpperCase() as ProtocolName;
  if (!m || port < 1 || port > 65535 || !isProtocolName(protocol)) {
    throw new NetfenceError(`bad port ${JSON.stringify(text)}; write <number>/<TCP|UDP|SCTP>, e.g. 80/TCP`);
  }
  return { port, protocol };
}

/** Formats a port as `80/TCP`. */
export function formatPortSpec(p: PortProtocol): string {
  return `${p.port}/${p.protocol}`;
}
