import { formatSelector, isMatchAll, selectorKey } from '../../core/label-match';
import { LabelSelectorManifest } from '../../core/manifest';
import { LintContext, LintPolicy } from '../context';
import { LintIssue, LintRule } from '../rule';
import { namespaceNamesOf } from '../../core/selector-logic';
import { PeerRef, rulesOf } from '../walk';
import { selectorUsedByPoliciesIn } from './peer-selectors-and';
import { listPods, plural } from './util';

function evidence(ctx: LintContext, p: LintPolicy, nsSel: LabelSelectorManifest, podSel: LabelSelectorManifest): string | undefined {
  const ns = p.policy.namespace;
  if (ctx.hasPodsIn(ns)) {
    if (ctx.podsMatchedBy({ kind: 'pods', podSelector: podSel }, ns).length > 0) return undefined;
    const both = ctx.podsMatchedBy({ kind: 'pods', namespaceSelector: nsSel, podSelector: podSel }, ns);
    if (both.length === 0) return undefined;
    return `no pod of ${ns} matches it, while ${plural(both.length, 'pod')} with those labels run in the namespaces the other peer selects (${listPods(both)})`;
  }
  const names = namespaceNamesOf(nsSel);
  if (names === undefined || names.includes(ns)) return undefined;
  const key = selectorKey(podSel);
  if (selectorUsedByPoliciesIn(ctx, [ns], key) || !selectorUsedByPoliciesIn(ctx, names, key)) return undefined;
  return `${formatSelector(podSel)} is what NetworkPolicies of ${names.join(', ')} select, not of the policy's own namespace ${ns}`;
}

/** Separate namespaceSelector and podSelector peers where one combined peer (AND) was probably meant. */
export const peerSelectorsOr: LintRule = {
  id: 'peer-selectors-or',
  severity: 'warning',
  title: 'Separate namespaceSelector and podSelector peers where one peer (AND) was probably meant',
  explanation:
    'A peer with only `podSelector` selects pods of the policy\'s own namespace; a peer with only `namespaceSelector` selects ' +
    'every pod of those namespaces. Written as two list items (`- namespaceSelector: ...` then `- podSelector: ...`) the rule ' +
    'admits the whole namespace OR local pods, not "these pods in that namespace", opening far more than intended. Lint ' +
    'reports the podSelector-only peer when its pods look like they live in the other peer\'s namespaces: when the inputs ' +
    'hold pods of the own namespace, it matches none of them while pods with its labels run in the namespaces the ' +
    'namespaceSelector peer selects; otherwise the namespaceSelector names other namespaces and the podSelector is exactly the ' +
    'podSelector of a policy there and of none in the own namespace.',
  fix: 'Merge them into one peer (no `-` before `podSelector`): `- namespaceSelector: {...}` with `podSelector: {...}` indented under the same item.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      for (const r of rulesOf(p)) {
        const peers: PeerRef[] = (r.rule.peers ?? []).map((peer, index) => ({ rule: r, index, peer, path: [...r.path, r.peerField, index] }));
        const nsOnly = peers.filter((x) => x.peer.kind === 'pods' && x.peer.namespaceSelector !== undefined && x.peer.podSelector === undefined);
        const podOnly = peers.filter((x) => x.peer.kind === 'pods' && x.peer.namespaceSelector === undefined && x.peer.podSelector !== undefined);
        for (const b of podOnly) {
          const podSel = b.peer.kind === 'pods' ? b.peer.podSelector : undefined;
          if (!podSel || isMatchAll(podSel)) continue;
          for (const a of nsOnly) {
            const nsSel = a.peer.kind === 'pods' ? a.peer.namespaceSelector : undefined;
            if (!nsSel) continue;
            const why = evidence(ctx, p, nsSel, podSel);
            if (why === undefined) continue;
            out.push(
              ctx.issue(
                p,
                b.path,
                `podSelector (${formatSelector(podSel)}) in its own peer means pods of the policy's namespace ${p.policy.namespace}, ORed with every pod of namespaces ${formatSelector(nsSel)} (${r.peerField}[${a.index}]); ${why}; if you meant those pods in those namespaces, put both selectors in one peer`,
              ),
            );
            break;
          }
        }
      }
    }
    return out;
  },
};
