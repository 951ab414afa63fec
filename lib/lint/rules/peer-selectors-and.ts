import { formatSelector, isMatchAll, selectorKey } from '../../core/label-match';
import { PodsPeer } from '../../analysis/policy-model';
import { LintContext, LintPolicy } from '../context';
import { LintIssue, LintRule } from '../rule';
import { namespaceNamesOf } from '../../core/selector-logic';
import { peersOf } from '../walk';
import { listPods, plural } from './util';

/** True when some policy in one of the namespaces selects pods with exactly this selector. */
export function selectorUsedByPoliciesIn(ctx: LintContext, namespaces: readonly string[], key: string): boolean {
  return namespaces.some((ns) => ctx.policiesIn(ns).some((q) => selectorKey(q.policy.subject.podSelector) === key));
}

function evidence(ctx: LintContext, p: LintPolicy, peer: PodsPeer & Required<Pick<PodsPeer, 'namespaceSelector' | 'podSelector'>>): string | undefined {
  const ns = p.policy.namespace;
  if (ctx.hasPodsIn(ns)) {
    if (ctx.podsMatchedBy(peer, ns).length > 0) return undefined;
    const local = ctx.podsMatchedBy({ kind: 'pods', podSelector: peer.podSelector }, ns);
    if (local.length === 0) return undefined;
    return `no pod of the inputs has both, while podSelector alone matches ${plural(local.length, 'pod')} in the policy's own namespace ${ns} (${listPods(local)})`;
  }
  const names = namespaceNamesOf(peer.namespaceSelector);
  if (names === undefined || names.includes(ns)) return undefined;
  const key = selectorKey(peer.podSelector);
  if (!selectorUsedByPoliciesIn(ctx, [ns], key) || selectorUsedByPoliciesIn(ctx, names, key)) return undefined;
  return `podSelector ${formatSelector(peer.podSelector)} is what NetworkPolicies of the policy's own namespace ${ns} select, not of ${names.join(', ')}`;
}

/** One peer with namespaceSelector AND podSelector where two peers (OR) were probably meant. */
export const peerSelectorsAnd: LintRule = {
  id: 'peer-selectors-and',
  severity: 'warning',
  title: 'Peer with namespaceSelector AND podSelector where two peers (OR) were probably meant',
  explanation:
    'Inside one peer (one `-` list item), `namespaceSelector` and `podSelector` are ANDed: pods with those labels in those ' +
    'namespaces. As two list items they are ORed. One missing `-` turns "namespace X, or pods Y here" into "pods Y in ' +
    'namespace X". Lint reports the combined peer only when the pods look like they live in the policy\'s own namespace: when ' +
    'the inputs hold pods of that namespace, the peer matches no pod while its podSelector alone matches pods there; otherwise ' +
    'the namespaceSelector names other namespaces (kubernetes.io/metadata.name) and the podSelector is exactly the ' +
    'podSelector of a policy of the own namespace and of none of the named namespaces.',
  fix: 'If you meant either, make two peers: `- namespaceSelector: ...` and `- podSelector: ...`. If you meant both, label the pods in the selected namespaces (or disable the rule for this input).',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      for (const pr of peersOf(p)) {
        const peer = pr.peer;
        if (peer.kind !== 'pods' || !peer.namespaceSelector || !peer.podSelector) continue;
        if (isMatchAll(peer.namespaceSelector) || isMatchAll(peer.podSelector)) continue;
        const why = evidence(ctx, p, { ...peer, namespaceSelector: peer.namespaceSelector, podSelector: peer.podSelector });
        if (why === undefined) continue;
        out.push(
          ctx.issue(
            p,
            pr.path,
            `one peer with namespaceSelector (${formatSelector(peer.namespaceSelector)}) AND podSelector (${formatSelector(peer.podSelector)}) means pods with those labels in those namespaces, but ${why}; if you meant either, write two peers (- namespaceSelector: ... and - podSelector: ...)`,
          ),
        );
      }
    }
    return out;
  },
};
