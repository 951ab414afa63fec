import { Direction, isolates } from '../../analysis/policy-model';
import { LintIssue, LintRule } from '../rule';

/** Pods that no policy isolates, per direction. */
export const podNotIsolated: LintRule = {
  id: 'pod-not-isolated',
  severity: 'info',
  title: 'Pod or workload that no NetworkPolicy isolates (per direction)',
  explanation:
    'A pod is isolated for ingress (egress) only if some policy of its namespace selects it with that direction in its ' +
    'policyTypes; otherwise everything is allowed in that direction. Every NetworkPolicy of the inputs (`-f` and ' +
    '`--inventory`) counts.',
  fix: 'Add a default-deny policy to the namespace (`podSelector: {}` with `policyTypes: [Ingress, Egress]`) and allow what the pod needs; or accept the finding (disable the rule) for namespaces you do not police.',
  requires: ['pods'],
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const pod of ctx.inventory.pods) {
      const mine = ctx.policiesIn(pod.namespace).filter((q) => ctx.selects(q.policy, pod));
      for (const d of ['ingress', 'egress'] as Direction[]) {
        if (mine.some((q) => isolates(q.policy, d))) continue;
        out.push(ctx.podIssue(pod, `is not isolated for ${d}: no NetworkPolicy of namespace ${pod.namespace} selects it with ${d === 'ingress' ? 'Ingress' : 'Egress'} in policyTypes, so all ${d} is allowed`));
      }
    }
    return out;
  },
};
