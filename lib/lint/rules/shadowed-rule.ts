import { isMatchAll } from '../../core/label-match';
import { isolates, PolicyPeer, PolicyPort, PolicyRule } from '../../analysis/policy-model';
import { cidrOverlaps, cidrWithin } from '../../core/ip';
import { LintContext, LintPolicy } from '../context';
import { LintIssue, LintRule } from '../rule';
import { namespaceNamesOf, selectorSubsumes } from '../../core/selector-logic';
import { rulesOf } from '../walk';

/** True when every flow peer `a` matches, peer `b` matches too, for policies of namespace `ns`. Provable cases only. */
export function peerSubsumes(b: PolicyPeer, a: PolicyPeer, ns: string): boolean {
  if (a.kind === 'ipBlock' || b.kind === 'ipBlock') {
    if (a.kind !== 'ipBlock' || b.kind !== 'ipBlock') return false;
    if (!cidrWithin(a.cidr, b.cidr)) return false;
    // Each hole of b inside a's range must already be a hole of a.
    return b.except.every((e) => !cidrOverlaps(e, a.cidr) || (cidrWithin(e, a.cidr) && a.except.some((ae) => cidrWithin(e, ae))));
  }
  let nsOk: boolean;
  if (b.namespaceSelector === undefined) {
    // b means the own namespace only: a must too (absent, or pinned to that one name).
    const names = a.namespaceSelector === undefined ? [ns] : namespaceNamesOf(a.namespaceSelector);
    nsOk = names !== undefined && names.length > 0 && names.every((n) => n === ns);
  } else if (a.namespaceSelector === undefined) {
    nsOk = isMatchAll(b.namespaceSelector) || (namespaceNamesOf(b.namespaceSelector) ?? []).includes(ns);
  } else {
    nsOk = selectorSubsumes(b.namespaceSelector, a.namespaceSelector);
  }
  if (!nsOk) return false;
  if (b.podSelector === undefined || isMatchAll(b.podSelector)) return true;
  return a.podSelector !== undefined && selectorSubsumes(b.podSelector, a.podSelector);
}

/** True when port entry `b` admits every port entry `a` admits. */
export function portSubsumes(b: PolicyPort, a: PolicyPort): boolean {
  if (a.protocol !== b.protocol) return false;
  if (b.port === undefined) return true;
  if (a.port === undefined) return false;
  if (typeof a.port === 'string' || typeof b.port === 'string') return a.port === b.port;
  const aEnd = a.endPort ?? a.port;
  const bEnd = b.endPort ?? b.port;
  return b.port <= a.port && aEnd <= bEnd;
}

/** True when rule `b` admits every peer and port rule `a` admits (same namespace `ns`). */
export function ruleSubsumes(b: PolicyRule, a: PolicyRule, ns: string): boolean {
  const peersOk = b.peers === undefined || (a.peers !== undefined && a.peers.every((pa) => b.peers?.some((pb) => peerSubsumes(pb, pa, ns))));
  const portsOk = b.ports === undefined || (a.ports !== undefined && a.ports.every((pa) => b.ports?.some((pb) => portSubsumes(pb, pa))));
  return peersOk && portsOk;
}

/** How `q` is known to select at least the pods `p` selects, or undefined. */
function coversPods(ctx: LintContext, q: LintPolicy, p: LintPolicy): 'selector' | 'inventory' | undefined {
  if (selectorSubsumes(q.policy.subject.podSelector, p.policy.subject.podSelector)) return 'selector';
  if (!ctx.hasPods) return undefined;
  const mine = ctx.podsSelectedBy(p.policy);
  if (mine.length === 0) return undefined;
  const theirs = ctx.podSetSelectedBy(q.policy);
  return mine.every((pod) => theirs.has(pod)) ? 'inventory' : undefined;
}

/** Rules that a broader rule of the same namespace already covers. */
export const shadowedRule: LintRule = {
  id: 'shadowed-rule',
  severity: 'info',
  title: 'Rule shadowed by a broader rule for at least the same pods',
  explanation:
    'Policies are additive: a flow is allowed when any rule of any policy selecting the pod admits it. A rule whose peers and ' +
    'ports are all contained in another rule of the same direction, of a policy (the same or another in the namespace, with ' +
    'that direction in its policyTypes) that selects at least the same pods, adds nothing; often the author believed the ' +
    'narrower rule restricts the broader one. Containment is proved syntactically (selector requirements, CIDR ranges, port ' +
    'ranges); pod coverage syntactically or, with pods in the inputs, for the pods there. When two rules are equal, the ' +
    'later one is reported.',
  fix: 'Delete the redundant rule, or narrow the broader one if it admits more than intended.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    const order = new Map(ctx.allPolicies.map((q, i) => [q, i]));
    for (const p of ctx.policies) {
      for (const r of rulesOf(p)) {
        if (!isolates(p.policy, r.direction)) continue;
        let shadow: string | undefined;
        for (const q of ctx.policiesIn(p.policy.namespace)) {
          if (shadow !== undefined) break;
          if (!isolates(q.policy, r.direction)) continue;
          const how = coversPods(ctx, q, p);
          if (how === undefined) continue;
          for (const r2 of rulesOf(q)) {
            if (r2.direction !== r.direction || (q === p && r2.index === r.index)) continue;
            if (!ruleSubsumes(r2.rule, r.rule, p.policy.namespace)) continue;
            // Mutual containment (equal rules): report only the later one.
            const mutual = coversPods(ctx, p, q) !== undefined && ruleSubsumes(r.rule, r2.rule, p.policy.namespace);
            const earlier = (order.get(q) ?? 0) < (order.get(p) ?? 0) || (q === p && r2.index < r.index);
            if (mutual && !earlier) continue;
            const same = q === p ? `${r.direction}[${r2.index}] of this policy` : `${q.policy.id} ${r.direction}[${r2.index}]`;
            const pods = how === 'selector' ? 'for at least the same pods' : 'for the same pods of the inputs';
            shadow = `rule is shadowed by ${same}, which admits every peer and port this rule admits ${pods}; this rule adds nothing`;
            break;
          }
        }
        if (shadow !== undefined) out.push(ctx.issue(p, r.path, shadow));
      }
    }
    return out;
  },
};
