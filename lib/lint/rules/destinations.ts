/** Which pods of the inventory a rule's traffic goes to, for the port rules. */
import { PodRecord } from '../../analysis/inventory';
import { LintContext, LintPolicy } from '../context';
import { RuleRef } from '../walk';

/**
 * The destination pods of a rule: for ingress the pods the policy selects; for egress the pods
 * its peers match (selector peers, and pods whose IP lies in an ipBlock peer), or every pod when
 * the rule has no peers.
 */
export function destinationPods(ctx: LintContext, p: LintPolicy, r: RuleRef): readonly PodRecord[] {
  if (r.direction === 'ingress') return ctx.podsSelectedBy(p.policy);
  const peers = r.rule.peers;
  if (peers === undefined) return ctx.inventory.pods;
  const sets = peers.map((peer) => (peer.kind === 'pods' ? ctx.podsMatchedBy(peer, p.policy.namespace) : ctx.podsInBlock(peer)));
  return sets.length === 1 ? sets[0] : ctx.inInventoryOrder(sets.flat());
}
