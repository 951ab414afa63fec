import { isMatchAll } from '../../core/label-match';
import { PolicyRule, ruleLabel } from '../../analysis/policy-model';
import { LintIssue, LintRule } from '../rule';
import { clusterRulesOf, subjectsMeet } from '../cluster-logic';

/** True when a rule matches every pod (a `namespaces: {}` peer, or `pods` with both selectors empty) on every port. */
function acceptsEveryPod(rule: PolicyRule): boolean {
  return rule.ports === undefined && (rule.peers ?? []).some((p) => p.kind === 'pods' && isMatchAll(p.namespaceSelector ?? {}) && isMatchAll(p.podSelector ?? {}));
}

/** Baseline Accepts of every pod that come before a Baseline Deny of the same subjects. */
export const baselineAcceptMootsDeny: LintRule = {
  id: 'baseline-accept-moots-deny',
  severity: 'warning',
  title: 'Baseline Accept of every pod that makes a Baseline default deny moot',
  explanation:
    'A Baseline default deny makes namespaces open what they need with NetworkPolicy. A Baseline Accept of every pod on every ' +
    'port, evaluated before that Deny (earlier in its policy, or in a Baseline policy with a lower priority number) for pods ' +
    'the Deny also selects, decides every pod-to-pod flow first: the default deny then denies pods nothing (only addresses ' +
    'outside the cluster, on egress). NetworkPolicy already overrides the Baseline tier wherever a namespace needs more, so an ' +
    'Accept of everything is rarely what was meant.',
  fix: 'Narrow the Accept to the peers and ports that must always work (DNS, monitoring), or delete it.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    const baseline = ctx.allClusterPolicies.filter((c) => c.policy.tier === 'Baseline');
    for (const p of ctx.clusterPolicies) {
      if (p.policy.tier !== 'Baseline') continue;
      for (const r of clusterRulesOf(p)) {
        if (r.rule.action !== 'Accept' || !acceptsEveryPod(r.rule)) continue;
        const later = [
          ...clusterRulesOf(p).filter((x) => x.direction === r.direction && x.index > r.index),
          ...baseline.filter((q) => q !== p && q.policy.priority > p.policy.priority && subjectsMeet(q.policy, p.policy)).flatMap((q) => clusterRulesOf(q).filter((x) => x.direction === r.direction)),
        ];
        const deny = later.find((x) => x.rule.action === 'Deny' && (x.rule.peers ?? []).some((peer) => peer.kind === 'pods' || (peer.kind === 'ipBlock' && peer.cidr.prefix === 0)));
        if (deny === undefined) continue;
        out.push(
          ctx.issue(
            p,
            ['spec', r.direction, r.index],
            `this Accept matches every pod on every port before ${ruleLabel(deny.policy.policy, deny.direction, deny.index)}, so that default deny denies no pod-to-pod flow; narrow the Accept to what must always work (DNS, monitoring) and let namespaces open the rest with NetworkPolicy`,
          ),
        );
      }
    }
    return out;
  },
};
