import { formatSelector, isMatchAll } from '../../core/label-match';
import { NAMESPACE_NAME_LABEL } from '../../core/peer';
import { LintIssue, LintRule } from '../rule';
import { requirementsOf } from '../../core/selector-logic';
import { peersOf } from '../walk';

/** namespaceSelectors that match no namespace the inputs declare. */
export const namespaceLabelsUnmatched: LintRule = {
  id: 'namespace-labels-unmatched',
  severity: 'warning',
  title: 'namespaceSelector that matches no namespace of the inputs',
  explanation:
    'Namespaces carry only the labels someone put on them, plus `kubernetes.io/metadata.name` which the API server sets on ' +
    'every namespace (Kubernetes 1.21+). A selector such as `name: monitoring` looks right but matches nothing unless ' +
    'someone labelled the namespace that way, and the peer then silently admits no traffic. The rule runs when the inputs ' +
    'declare at least one Namespace, and assumes they declare every namespace whose labels matter. Selectors that use ' +
    'only kubernetes.io/metadata.name are not reported: that label is always right, the namespace may just be missing from the inputs.',
  fix: 'Select namespaces by name with `kubernetes.io/metadata.name: <name>` (or `matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [...]}]`), or add the label to the Namespace.',
  requires: ['namespaces'],
  check: (ctx) => {
    const out: LintIssue[] = [];
    const names = new Set(ctx.inventory.namespaces.map((n) => n.name));
    const declared = ctx.inventory.namespaces.filter((n) => n.declared).length;
    for (const p of ctx.policies) {
      for (const pr of peersOf(p)) {
        const sel = pr.peer.kind === 'pods' ? pr.peer.namespaceSelector : undefined;
        if (!sel || isMatchAll(sel) || ctx.namespacesMatchedBy(sel).length > 0) continue;
        // Every namespace carries its name label: a namespace missing from the inputs is not a wrong label.
        if (requirementsOf(sel).every((r) => r.key === NAMESPACE_NAME_LABEL)) continue;
        const values = requirementsOf(sel)
          .filter((r) => r.key !== NAMESPACE_NAME_LABEL && r.operator === 'In')
          .flatMap((r) => r.values ?? []);
        const known = [...new Set(values.filter((v) => names.has(v)))].sort();
        const hint =
          known.length === 1
            ? `; to select namespace ${known[0]} by name use ${NAMESPACE_NAME_LABEL}: ${known[0]}`
            : known.length > 1
              ? `; to select namespaces ${known.join(', ')} by name use ${NAMESPACE_NAME_LABEL} In [${known.join(', ')}]`
              : `; every namespace carries ${NAMESPACE_NAME_LABEL}=<its name>, other labels only if someone set them`;
        out.push(ctx.issue(p, [...pr.path, 'namespaceSelector'], `namespaceSelector ${formatSelector(sel)} matches none of the ${declared} Namespace${declared === 1 ? '' : 's'} of the inputs, so this peer admits nothing${hint}`));
      }
    }
    return out;
  },
};
