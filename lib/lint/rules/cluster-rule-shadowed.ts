import { ruleLabel } from '../../analysis/policy-model';
import { LintIssue, LintRule } from '../rule';
import { clusterRulesOf, ruleContains, subjectContains } from '../cluster-logic';

/** Cluster rules that an earlier rule, or a rule of a policy evaluated before, always decides first. */
export const clusterRuleShadowed: LintRule = {
  id: 'cluster-rule-shadowed',
  severity: 'warning',
  title: 'Cluster rule shadowed by an earlier rule or a higher-priority policy',
  explanation:
    'In a cluster tier the first matching rule decides: rules in the order written, policies by ascending priority. A rule whose ' +
    'peers and ports are all contained in an earlier rule of the same policy and direction, or in a rule of a policy of the same ' +
    'tier with a lower priority number whose subject selects at least the same pods, never decides anything: the earlier rule ' +
    '(whatever its action, Pass included) has always decided first. With a different action this is usually a bug (a Deny after ' +
    'an Accept of the same traffic); with the same action it is dead weight. Containment is proved as for shadowed-rule, plus ' +
    'node selectors, domain names (exact or by wildcard), and networks of both 0.0.0.0/0 and ::/0, which contain every peer.',
  fix: 'Move the rule before the one that shadows it (or its policy to a lower priority number), narrow the broader rule, or delete it.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.clusterPolicies) {
      for (const r of clusterRulesOf(p)) {
        const earlier = [
          ...clusterRulesOf(p).filter((x) => x.direction === r.direction && x.index < r.index),
          ...ctx.allClusterPolicies
            .filter((q) => q !== p && q.policy.tier === p.policy.tier && q.policy.priority < p.policy.priority && subjectContains(q.policy, p.policy))
            .sort((a, b) => a.policy.priority - b.policy.priority)
            .flatMap((q) => clusterRulesOf(q).filter((x) => x.direction === r.direction)),
        ];
        const by = earlier.find((x) => ruleContains(x.rule, undefined, r.rule, undefined));
        if (by === undefined) continue;
        const where = by.policy === p ? `${r.direction}[${by.index}] of this policy` : ruleLabel(by.policy.policy, by.direction, by.index);
        const effect =
          by.rule.action === r.rule.action
            ? 'with the same action, so this rule adds nothing'
            : `so this ${r.rule.action} never applies (those flows get ${by.rule.action})`;
        out.push(ctx.issue(p, ['spec', r.direction, r.index], `rule is shadowed by ${where}, which matches every flow this rule matches and is evaluated first, ${effect}`));
      }
    }
    return out;
  },
};
