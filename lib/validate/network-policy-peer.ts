/** A NetworkPolicyPeer (`from` / `to` entry), as upstream's `ValidateNetworkPolicyPeer` checks it. */
import { FieldPath } from '../io/manifests';
import { finding, ValidationFinding } from './finding';
import { validateIpBlock } from './ip-block';
import { HostBitsSeverity } from './cidr';
import { validateLabelSelector } from './selector';
import { appendAll, isRecord, isSet } from '../core/values';

/**
 * Checks one peer: at least one of podSelector, namespaceSelector, ipBlock; ipBlock never with a
 * selector; each part valid.
 */
export function validateNetworkPolicyPeer(peer: unknown, path: FieldPath, hostBits: HostBitsSeverity = 'error'): ValidationFinding[] {
  // A wrong type was reported by the schema pass; null decodes to the zero value.
  if (peer !== null && peer !== undefined && !isRecord(peer)) return [];
  const p = isRecord(peer) ? peer : {};
  const out: ValidationFinding[] = [];
  const hasPods = isSet(p.podSelector);
  const hasNamespaces = isSet(p.namespaceSelector);
  const hasIpBlock = isSet(p.ipBlock);
  const count = [hasPods, hasNamespaces, hasIpBlock].filter(Boolean).length;
  if (count === 0) {
    out.push(
      finding(path, 'empty peer', undefined, 'must specify a peer: podSelector, namespaceSelector (both, to AND them) or ipBlock; to allow every source, omit the from/to list instead'),
    );
  } else if (count > 1 && hasIpBlock) {
    const other = [hasPods ? 'podSelector' : '', hasNamespaces ? 'namespaceSelector' : ''].filter(Boolean).join(' and ');
    out.push(finding(path, `ipBlock combined with ${other}`, undefined, 'may not specify both ipBlock and another peer; split them into separate peers (entries of the list)'));
  }
  if (hasPods) appendAll(out, validateLabelSelector(p.podSelector, [...path, 'podSelector']));
  if (hasNamespaces) appendAll(out, validateLabelSelector(p.namespaceSelector, [...path, 'namespaceSelector']));
  if (hasIpBlock) appendAll(out, validateIpBlock(p.ipBlock, [...path, 'ipBlock'], hostBits));
  return out;
}
