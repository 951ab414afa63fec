/**
 * Flow ends resolved against an inventory, the same way for every face: the endpoints an end
 * stands for, each answered exactly.
 *
 * - `ns/name`, an IP: that pod (a pod's IP is the pod), or the address outside the cluster.
 * - `ns/<selector>`: the pods of the inputs it matches, or its stand-in (stand-ins.ts).
 * - A CIDR: the pods whose IP is in it, plus one address per region of it that the policies'
 *   ipBlocks (and the CIDR's own bounds) tell apart (address-regions.ts). Every address of the
 *   CIDR is a pod's or lies in one region, and every ipBlock matches all or none of a region, so
 *   "allowed for the CIDR" means allowed for every one of these members, hence every address.
 */
import { cidrContains, IpAddress } from '../core/ip';
import { addressRegions } from './address-regions';
import { Endpoint, endpointAt, endpointName, externalEndpoint, podByName } from './endpoint';
import { CidrEnd, FlowEndSpec, formatFlowEnd } from './flow-end';
import { Inventory } from './inventory';
import { StandIns } from './stand-ins';

/** One endpoint an end stands for. */
export interface EndMember {
  readonly endpoint: Endpoint;
  /** For an address standing for a region of a CIDR end: the region, in words (`10.0.0.0/8 except 10.1.0.0/16`). */
  readonly region?: string;
}

/** An end and the endpoints it stands for. */
export interface ResolvedEnd {
  /** The end as the user named it, in canonical text (`shop/app=web`, `10.0.0.0/8`). */
  readonly text: string;
  readonly members: readonly EndMember[];
}

/** `ns/name`, or the address; for a region's address, `10.0.0.1 (10.0.0.0/8 except ...)`. */
export function memberName(m: EndMember): string {
  return m.region === undefined ? endpointName(m.endpoint) : `${endpointName(m.endpoint)} (${m.region})`;
}

function inCidrEnd(end: CidrEnd, a: IpAddress): boolean {
  return end.blocks.some((b) => cidrContains(b.cidr, a) && !b.except.some((e) => cidrContains(e, a)));
}

/**
 * The members of a CIDR end: pods with an address in it (by id), then one address per region of
 * it, each with the region's description.
 */
export function cidrMembers(inventory: Inventory, end: CidrEnd): EndMember[] {
  const pods: EndMember[] = inventory.pods
    .filter((p) => p.addresses.some((a) => inCidrEnd(end, a)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((pod) => ({ endpoint: { kind: 'pod', pod } }));
  const regions = addressRegions([inventory], end.blocks.flatMap((b) => [b.cidr, ...b.except]))
    .map((r) => ({ r, e: externalEndpoint(r.address) }))
    .filter(({ e }) => inCidrEnd(end, e.address));
  return [...pods, ...regions.map(({ r, e }) => ({ endpoint: e, region: r.description }))];
}

/** Resolves one end (or the union of several, e.g. two named namespaces) against the stand-ins' inventory. */
export function resolveFlowEnd(standIns: StandIns, spec: FlowEndSpec | readonly FlowEndSpec[], text?: string): ResolvedEnd {
  const specs: readonly FlowEndSpec[] = Array.isArray(spec) ? spec : [spec as FlowEndSpec];
  const base = standIns.base;
  const members: EndMember[] = [];
  const seen = new Set<string>();
  const add = (m: EndMember): void => {
    const key = endpointName(m.endpoint);
    if (seen.has(key)) return;
    seen.add(key);
    members.push(m);
  };
  for (const s of specs) {
    switch (s.kind) {
      case 'name':
        add({ endpoint: podByName(base, s.namespace, s.name) });
        break;
      case 'address':
        add({ endpoint: endpointAt(base, s.address) });
        break;
      case 'pods':
        for (const pod of [...standIns.podsOf(s.namespace, s.selector)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) add({ endpoint: { kind: 'pod', pod } });
        break;
      case 'cidr':
        for (const m of cidrMembers(base, s)) add(m);
        break;
    }
  }
  return { text: text ?? specs.map(formatFlowEnd).join(' + '), members };
}
