import { LintIssue, LintRule } from '../rule';
import { clusterRulesOf } from '../cluster-logic';

/** Pass rules in the Baseline tier: they pass to the default, which allows. */
export const baselinePass: LintRule = {
  id: 'baseline-pass',
  severity: 'warning',
  title: 'Pass in the Baseline tier',
  explanation:
    'Pass skips the rest of the tier and hands the flow to the next one. After the Baseline tier comes only the default, which ' +
    'allows: a Baseline Pass is an Accept that also stops every later Baseline rule for those flows. Authors usually mean ' +
    '"leave it to the namespaces", which is what the Admin tier\'s Pass does (NetworkPolicy comes after Admin, before Baseline).',
  fix: 'Write Accept if allowing is meant; to delegate to NetworkPolicy, put the Pass in an Admin-tier policy; or delete the rule.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.clusterPolicies) {
      if (p.policy.tier !== 'Baseline') continue;
      for (const r of clusterRulesOf(p)) {
        if (r.rule.action !== 'Pass') continue;
        out.push(
          ctx.issue(
            p,
            ['spec', r.direction, r.index, 'action'],
            'Pass in the Baseline tier goes to the default, which allows: this rule accepts its flows and stops every later Baseline rule for them; write Accept, or move the Pass to the Admin tier to leave the flows to NetworkPolicy',
          ),
        );
      }
    }
    return out;
  },
};
