/**
 * A fingerprint of one port's class-level connectivity: two ports with equal keys are answered
 * alike for every pair of classes, so diff and graph compare or draw such ports once.
 */
import { ClassSet } from '../analysis/class-set';
import { PortConnectivity } from '../analysis/matrix';

function members(set: ClassSet): string {
  const out: number[] = [];
  set.forEach((i) => out.push(i));
  return out.join(' ');
}

function bytes(a: Int32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Equal for two ports (of one class model) exactly when every pair of classes gets the same answer on both. */
export function connectivityKey(pc: PortConnectivity): string {
  const undecided = (u: PortConnectivity['egressUndecided'][number]): string => (u === undefined ? '-' : `${members(u.implementationDefined)}/${members(u.dependsOnDns)}`);
  return [
    bytes(pc.egressProfile),
    ...pc.egressSets.map(members),
    ...pc.egressUndecided.map(undecided),
    bytes(pc.ingressProfile),
    ...pc.ingressSets.map(members),
    ...pc.ingressUndecided.map(undecided),
  ].join(',');
}
