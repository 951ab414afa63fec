import { isMatchAll, selectorMatches } from '../../core/label-match';
import { selectorSubsumes } from '../../core/selector-logic';
import { isolates, ruleLabel, rulesFor } from '../../analysis/policy-model';
import { LintIssue, LintRule } from '../rule';
import { rulesMeet, ruleContains, subjectsMeet } from '../cluster-logic';
import { rulesOf } from '../walk';

/** NetworkPolicy rules whose every flow an Admin-tier Deny denies first. */
export const adminDenyOverridesAllow: LintRule = {
  id: 'admin-deny-overrides-allow',
  severity: 'warning',
  title: 'NetworkPolicy rule that an Admin-tier Deny makes dead',
  explanation:
    'The Admin tier is evaluated before NetworkPolicy, and no NetworkPolicy can override it. A NetworkPolicy rule whose pods an ' +
    'Admin policy selects, and whose every peer and port an Admin Deny rule of that policy matches, admits nothing: the Deny has ' +
    'decided first. Reported only when it is proved: the Admin subject selects the namespace (by its labels in the inputs) and ' +
    'the Deny rule\'s peers contain the rule\'s (namespaces named in the rule by the labels the inputs give them), ' +
    'at least the NetworkPolicy\'s pods, the Deny rule contains the NetworkPolicy rule, and no Accept or Pass rule that could ' +
    'match those flows comes before it (earlier in its policy, or in an Admin policy of a lower or equal priority).',
  fix: 'Ask the platform team for an Admin Pass or Accept for this traffic, or delete the rule: as written it cannot open anything.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    const admin = ctx.allClusterPolicies.filter((c) => c.policy.tier === 'Admin').sort((a, b) => a.policy.priority - b.policy.priority);
    if (admin.length === 0) return out;
    for (const p of ctx.policies) {
      const np = p.policy;
      const nsLabels = ctx.nsLabels(np.namespace);
      for (const r of rulesOf(p)) {
        if (!isolates(np, r.direction)) continue;
        let found: string | undefined;
        for (const a of admin) {
          const subject = a.policy.subject;
          const covers = selectorMatches(subject.namespaceSelector ?? {}, nsLabels) && (isMatchAll(subject.podSelector) || selectorSubsumes(subject.podSelector, np.subject.podSelector));
          if (!covers) continue;
          const rules = rulesFor(a.policy, r.direction);
          const k = rules.findIndex((x) => x.action === 'Deny' && ruleContains(x, undefined, r.rule, np.namespace, (n) => ctx.nsLabels(n)));
          if (k < 0) continue;
          // Nothing that could Accept or Pass these flows may come first.
          const earlierInPolicy = rules.slice(0, k).some((x) => x.action !== 'Deny' && rulesMeet(ctx, x, undefined, r.rule, np.namespace));
          const earlierPolicies = admin.some(
            (b) =>
              b !== a &&
              b.policy.priority <= a.policy.priority &&
              subjectsMeet(b.policy, np) &&
              rulesFor(b.policy, r.direction).some((x) => x.action !== 'Deny' && rulesMeet(ctx, x, undefined, r.rule, np.namespace)),
          );
          if (earlierInPolicy || earlierPolicies) continue;
          found = ruleLabel(a.policy, r.direction, k);
          break;
        }
        if (found === undefined) continue;
        out.push(ctx.issue(p, r.path, `this rule admits nothing: ${found} denies every flow it admits in the Admin tier, before any NetworkPolicy is evaluated, and no NetworkPolicy can override it`));
      }
    }
    return out;
  },
};
