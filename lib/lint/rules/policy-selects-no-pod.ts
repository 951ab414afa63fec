import { formatSelector, isMatchAll, selectorMatches } from '../../core/label-match';
import { LintIssue, LintRule } from '../rule';

/** Policies whose podSelector matches no pod of the inputs. */
export const policySelectsNoPod: LintRule = {
  id: 'policy-selects-no-pod',
  severity: 'warning',
  title: 'NetworkPolicy that selects no pod of the inputs',
  explanation:
    'A policy protects only the pods its `podSelector` matches in its own namespace. When no pod or workload template of the ' +
    'inputs matches, the policy does nothing: a label typo, a workload relabelled, or the policy in the wrong namespace. ' +
    'Only namespaces with at least one pod in the inputs are judged (a namespace without any is unknown, not empty).',
  fix: 'Fix the podSelector labels or the policy\'s namespace; give lint every workload (`--inventory`) so it can see them.',
  requires: ['pods'],
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      if (!ctx.hasPodsIn(p.policy.namespace) || ctx.podsSelectedBy(p.policy).length > 0) continue;
      const elsewhere = [...new Set(ctx.inventory.pods.filter((pod) => selectorMatches(p.policy.subject.podSelector, pod.labels)).map((pod) => pod.namespace))].sort();
      const hint = elsewhere.length > 0 && !isMatchAll(p.policy.subject.podSelector) ? `; pods with these labels run in ${elsewhere.join(', ')}: is metadata.namespace right?` : '';
      out.push(ctx.issue(p, ['spec', 'podSelector'], `podSelector ${formatSelector(p.policy.subject.podSelector)} matches no pod or workload of the inputs in namespace ${p.policy.namespace}, so the policy has no effect${hint}`));
    }
    return out;
  },
};
