/**
 * Named ports on stand-ins, for the diff. A stand-in (analysis/stand-ins.ts) exposes no container
 * port, so a rule allowing `port: admin` resolves to nothing on it, and a change from `metrics` to
 * `admin` would read as "no change in connectivity" although every real pod naming those ports
 * would see one flow close and another open.
 *
 * So in the diff's worlds every stand-in exposes each (protocol, name) the two sides' rules use,
 * at a probe number above 65535, which no real port can have: there, a rule naming the port
 * matches exactly as it does at whatever number a real pod gives the name, a rule for every port
 * of the protocol matches as it does at any number, and a rule naming numbers never matches, as
 * at any number no rule names. So a change a real pod naming the port would see at its number n
 * shows either at n (a numeric rule decided it) or at the probe (the rule naming the port, or one
 * for every port, decided it): the diff may say more than a given pod sees, never less. The diff
 * asks about the probes only for flows to stand-ins and lists them by name (`admin/TCP`).
 *
 * That holds while only NetworkPolicies name port numbers (they only ever allow, so a number adds
 * to what the name gets). A cluster-scoped rule that names numbers can deny or pass exactly the
 * number a pod gives the name, so for a protocol where one does, the name gets no probe: it is
 * listed as not compared, and the diff says it cannot tell (`uncompared`).
 */
import { PROTOCOL_NAMES, ProtocolName } from '../core/manifest';
import { ContainerPort, Inventory } from '../analysis/inventory';
import { PortInterval } from '../analysis/port-partition';

/** The probes of a diff or graph: the container ports every stand-in gets, and the intervals to ask about. */
export interface NamedPortProbes {
  /** The container ports a stand-in exposes in the diff's or graph's universe, sorted by protocol and name. */
  readonly ports: readonly ContainerPort[];
  /** One interval per probe, named (PortInterval.name), in the order of `ports`. */
  readonly intervals: readonly PortInterval[];
  /** Named ports given no probe, since a cluster-scoped rule names numbers of their protocol (`admin/TCP`). */
  readonly uncompared: readonly string[];
}

/** The first probe number: above every port a real pod can have. */
const FIRST_PROBE = 65536;

/** A probe number for every (protocol, name) the inventories' rules use (see the file comment). */
export function namedPortProbes(inventories: readonly Inventory[]): NamedPortProbes {
  const names = new Map<ProtocolName, Set<string>>(PROTOCOL_NAMES.map((p) => [p, new Set<string>()]));
  const numberedByCluster = new Set<ProtocolName>();
  for (const inv of inventories) {
    for (const policy of inv.policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const entry of rule.ports ?? []) {
          if (typeof entry.port === 'string') names.get(entry.protocol)?.add(entry.port);
          else if (typeof entry.port === 'number' && policy.kind !== 'NetworkPolicy') numberedByCluster.add(entry.protocol);
        }
      }
    }
  }
  const ports: ContainerPort[] = [];
  const uncompared: string[] = [];
  let next = FIRST_PROBE;
  for (const protocol of PROTOCOL_NAMES) {
    for (const name of [...(names.get(protocol) ?? [])].sort()) {
      if (numberedByCluster.has(protocol)) {
        uncompared.push(`${name}/${protocol}`);
        continue;
      }
      ports.push({ name, protocol, port: next });
      next++;
    }
  }
  return { ports, intervals: ports.map((p) => ({ protocol: p.protocol, from: p.port, to: p.port, name: p.name as string })), uncompared };
}

/**
 * Why names in `uncompared` (`admin/TCP`) get no answer, for the faces that list them; the names
 * come from the inputs: the caller escapes them for its output.
 */
export function uncomparedReason(names: readonly string[]): string {
  const plural = names.length === 1 ? '' : 's';
  return `the port${plural} ${names.join(', ')} of pods the inputs do not hold: cluster policies name port numbers of that protocol, so what such a port gets depends on the number a pod gives it`;
}
