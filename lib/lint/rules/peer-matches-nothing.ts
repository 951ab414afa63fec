import { formatSelector } from '../../core/label-match';
import { LintIssue, LintRule } from '../rule';
import { peersOf } from '../walk';

/** Selector peers that match no pod of the inputs. */
export const peerMatchesNothing: LintRule = {
  id: 'peer-matches-nothing',
  severity: 'warning',
  title: 'Selector peer that matches no pod of the inputs',
  explanation:
    'A peer with podSelector and/or namespaceSelector admits only pods it matches. When it matches no pod or workload of the ' +
    'inputs it admits nothing today: a label typo, a pod in another namespace than the selector says, or AND where OR was ' +
    'meant. Reported only when every namespace the peer selects has pods in the inputs (a namespace without any is ' +
    'unknown, and an unmatched namespaceSelector is namespace-labels-unmatched\'s finding). ipBlock peers are not checked.',
  fix: 'Correct the labels or the namespace part of the peer; if the pods exist but lint does not see them, pass them with `--inventory`.',
  requires: ['pods'],
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      for (const pr of peersOf(p)) {
        const peer = pr.peer;
        if (peer.kind !== 'pods' || ctx.podsMatchedBy(peer, p.policy.namespace).length > 0) continue;
        // Only claim "nothing" about namespaces the inputs show pods of.
        const namespaces = peer.namespaceSelector ? ctx.namespacesMatchedBy(peer.namespaceSelector).map((n) => n.name) : [p.policy.namespace];
        if (namespaces.length === 0 || !namespaces.every((n) => ctx.hasPodsIn(n))) continue;
        const parts: string[] = [];
        if (peer.namespaceSelector) parts.push(`namespaceSelector ${formatSelector(peer.namespaceSelector)}`);
        else parts.push(`namespace ${p.policy.namespace} (no namespaceSelector)`);
        if (peer.podSelector) parts.push(`podSelector ${formatSelector(peer.podSelector)}`);
        out.push(ctx.issue(p, pr.path, `peer (${parts.join(' AND ')}) matches no pod or workload of the inputs, so it admits nothing`));
      }
    }
    return out;
  },
};
