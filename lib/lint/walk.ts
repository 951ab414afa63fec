/** Iterates the rules, peers and ports of a policy together with their field paths. */
import { FieldPath } from '../io/manifests';
import { Direction, PolicyPeer, PolicyPort, PolicyRule } from '../analysis/policy-model';
import { LintPolicy } from './context';

/** One ingress or egress rule of a policy and where it is. */
export interface RuleRef {
  readonly direction: Direction;
  readonly index: number;
  readonly rule: PolicyRule;
  /** `['spec', 'ingress', 0]`. */
  readonly path: FieldPath;
  /** `from` for ingress, `to` for egress. */
  readonly peerField: 'from' | 'to';
}

/** One peer of a rule and where it is. */
export interface PeerRef {
  readonly rule: RuleRef;
  readonly index: number;
  readonly peer: PolicyPeer;
  readonly path: FieldPath;
}

/** One port entry of a rule and where it is. */
export interface PortRef {
  readonly rule: RuleRef;
  readonly index: number;
  readonly port: PolicyPort;
  readonly path: FieldPath;
}

/** Every rule of the policy, ingress first, in file order. */
export function rulesOf(p: LintPolicy): RuleRef[] {
  const out: RuleRef[] = [];
  p.policy.ingress.forEach((rule, index) => out.push({ direction: 'ingress', index, rule, path: ['spec', 'ingress', index], peerField: 'from' }));
  p.policy.egress.forEach((rule, index) => out.push({ direction: 'egress', index, rule, path: ['spec', 'egress', index], peerField: 'to' }));
  return out;
}

/** Every peer of every rule of the policy. */
export function peersOf(p: LintPolicy): PeerRef[] {
  return rulesOf(p).flatMap((rule) => (rule.rule.peers ?? []).map((peer, index) => ({ rule, index, peer, path: [...rule.path, rule.peerField, index] })));
}

/** Every port entry of every rule of the policy. */
export function portsOf(p: LintPolicy): PortRef[] {
  return rulesOf(p).flatMap((rule) => (rule.rule.ports ?? []).map((port, index) => ({ rule, index, port, path: [...rule.path, 'ports', index] })));
}

/** The raw value at a path of the policy's manifest (for "omitted versus empty"). */
export function rawAt(p: LintPolicy, path: FieldPath): unknown {
  let cur: unknown = p.manifest.object;
  for (const k of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** `80/TCP`, `8000-8080/TCP`, `http/TCP` or `any TCP port`. */
export function formatPolicyPort(port: PolicyPort): string {
  if (port.port === undefined) return `any ${port.protocol} port`;
  return `${port.port}${port.endPort !== undefined ? `-${port.endPort}` : ''}/${port.protocol}`;
}

