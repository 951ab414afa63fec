/**
 * The two ends of a flow: a pod of the inventory or an address outside the cluster, and the
 * port/protocol pair a flow targets, with the text forms the CLI and reports use.
 */
import { NetfenceError } from '../core/errors';
import { formatIp, IpAddress, parseIp } from '../core/ip';
import { ProtocolName } from '../core/manifest';
import { parseFlowEnd } from './flow-end';
import { parsePortQuery } from './port-query';
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

/** The pod (or workload) `namespace/name` of the inventory; unknown pods are input errors that list what exists nearby. */
export function podByName(inventory: Inventory, namespace: string, name: string): PodEndpoint {
  const id = `${namespace}/${name}`;
  const pod = policyIndex(inventory).podsById.get(id);
  if (!pod) {
    const inNs = inventory.pods.filter((p) => p.namespace === namespace).map((p) => p.id).sort();
    const hint =
      inNs.length > 0 ? `; pods in ${namespace}: ${inNs.slice(0, 10).join(', ')}${inNs.length > 10 ? ', ...' : ''}` : `; no pod or workload is in namespace ${namespace}`;
    throw new NetfenceError(`unknown pod ${id}${hint}`);
  }
  return { kind: 'pod', pod };
}

/** The endpoint with an address: the pod that has it, or the address outside the cluster. */
export function endpointAt(inventory: Inventory, address: IpAddress): Endpoint {
  const canonical = formatIp(address);
  const pod = policyIndex(inventory).podsByIp.get(canonical);
  return pod ? { kind: 'pod', pod } : { kind: 'external', ip: canonical, address };
}

/**
 * Resolves the text of one endpoint (`ns/name` or an IP address, read by the one parser of flow
 * ends) to a pod of the inventory or an address. Ends that stand for several endpoints (selectors,
 * CIDRs) are answered by evaluateEnds.
 */
export function resolveEndpoint(inventory: Inventory, text: string): Endpoint {
  const end = parseFlowEnd(text);
  if (end.kind === 'name') return podByName(inventory, end.namespace, end.name);
  if (end.kind === 'address') return endpointAt(inventory, end.address);
  throw new NetfenceError(`${JSON.stringify(text)} stands for several endpoints (a selector or a CIDR); ask with evaluateEnds (netfence check) instead`);
}

/** Parses one port, `80/TCP` (protocol case-insensitive; a bare number means TCP), through the one port parser. */
export function parsePortSpec(text: string): PortProtocol {
  const q = parsePortQuery(text);
  if (q.kind !== 'range' || q.from !== q.to) throw new NetfenceError(`bad port ${JSON.stringify(text)}; write <number>/<TCP|UDP|SCTP>, e.g. 80/TCP`);
  return { port: q.from, protocol: q.protocol };
}

/** Formats a port as `80/TCP`. */
export function formatPortSpec(p: PortProtocol): string {
  return `${p.port}/${p.protocol}`;
}
