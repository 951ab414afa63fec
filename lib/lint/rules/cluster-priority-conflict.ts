import { ruleLabel } from '../../analysis/policy-model';
import { LintIssue, LintRule } from '../rule';
import { clusterRulesOf, rulesMeet, subjectsMeet } from '../cluster-logic';

/** Policies of one tier and priority whose rules may decide one flow with different actions. */
export const clusterPriorityConflict: LintRule = {
  id: 'cluster-priority-conflict',
  severity: 'warning',
  title: 'Cluster policies of one tier and priority with rules of different actions that can match the same flow',
  explanation:
    'Within a tier, policies are evaluated by ascending priority; when two policies of the same priority both match a connection, ' +
    'the API lets the implementation apply either ("there is no way for the user to reliably determine which one it will choose"). ' +
    'If their rules have different actions (Accept, Deny, Pass), the outcome differs between implementations, and netfence answers ' +
    '"implementation-defined" for those flows. Legacy AdminNetworkPolicy priorities count as Admin priorities, and a ' +
    'BaselineAdminNetworkPolicy as Baseline priority 0. The subjects, peers and ports are compared syntactically: they may meet when ' +
    'some labels satisfy both selectors, the CIDRs overlap, and the ports overlap.',
  fix: 'Give the policies different priorities (the one that should win gets the lower number), or make their rules disjoint.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    const order = new Map(ctx.allClusterPolicies.map((p, i) => [p, i]));
    for (const p of ctx.clusterPolicies) {
      for (const q of ctx.allClusterPolicies) {
        if (q === p || q.policy.tier !== p.policy.tier || q.policy.priority !== p.policy.priority || !subjectsMeet(p.policy, q.policy)) continue;
        // Both linted: report on the later one only.
        if (q.linted && (order.get(q) ?? 0) > (order.get(p) ?? 0)) continue;
        for (const r of clusterRulesOf(p)) {
          const other = clusterRulesOf(q).find((x) => x.direction === r.direction && x.rule.action !== r.rule.action && rulesMeet(ctx, r.rule, undefined, x.rule, undefined));
          if (other === undefined) continue;
          out.push(
            ctx.issue(
              p,
              ['spec', r.direction, r.index],
              `this ${r.rule.action} rule and ${ruleLabel(q.policy, other.direction, other.index)} can match the same flows at the same priority ${p.policy.priority} of the ${p.policy.tier} tier: which applies is implementation-defined (netfence reports such flows as implementation-defined); give the policies different priorities`,
            ),
          );
        }
      }
    }
    return out;
  },
};
