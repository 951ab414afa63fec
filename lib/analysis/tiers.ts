/**
 * The tiers one direction of a flow passes through, for one flow, with what decided it:
 *
 * 1. Admin: the cluster-scoped Admin policies that select the subject, by ascending priority; in
 *    each policy the first rule (in order) that matches the flow decides: Accept allows, Deny
 *    denies, Pass skips the rest of the tier. Policies of one priority are one group: when they
 *    decide with different actions, the direction is implementation-defined.
 * 2. NetworkPolicy: if any NetworkPolicy isolates the subject in the direction, it decides
 *    (allowed iff some rule of one of them admits the flow).
 * 3. Baseline: as Admin; Pass goes on to the default.
 * 4. The default: allowed.
 *
 * The subject is the source for egress and the destination for ingress. An address outside the
 * cluster and a host-network pod are never a subject: their side allows.
 *
 * `domainNames`: a rule whose only possible match is a domain name the engine cannot resolve
 * "maybe" matches. An Accept rule that maybe matches lets evaluation go on; if what follows
 * denies, the direction depends on DNS (allowed if the name resolves to the other end, denied
 * otherwise); if what follows allows, it is allowed either way. A Deny or Pass rule with domain
 * names (which the API does not support) that maybe matches makes its policy's answer depend on
 * DNS.
 */
import { ProtocolName } from '../core/manifest';
import { appendAll } from '../core/values';
import { Endpoint } from './endpoint';
import { MatchContext, ruleMatch } from './matching';
import { Outcome } from './outcome';
import { clusterPoliciesSelecting, isolatingPolicies, PolicyIndex } from './policy-index';
import { ClusterPolicyTier, Direction, Policy, PolicyKind, ruleLabel, rulesFor, RuleAction } from './policy-model';

/** A rule of a NetworkPolicy that admits a flow. */
export interface RuleMatch {
  /** The policy, `namespace/name`. */
  readonly policy: string;
  readonly direction: Direction;
  /** The index of the rule in the policy's `ingress` or `egress` list. */
  readonly index: number;
  /** `namespace/name ingress[0]`. */
  readonly label: string;
}

/** A rule of a cluster-scoped policy that took part in a decision. */
export interface RuleDecision {
  readonly tier: ClusterPolicyTier;
  readonly kind: PolicyKind;
  /** `cnp/name`, `anp/name`, `banp/default`. */
  readonly policy: string;
  readonly priority: number;
  readonly direction: Direction;
  /** The index of the rule in the policy's `ingress` or `egress` list. */
  readonly index: number;
  /** The rule's own name, when it has one. */
  readonly name?: string;
  readonly action: RuleAction;
  /** `cnp/name (Admin, priority 10) egress[1] "deny-all": Deny`. */
  readonly label: string;
}

/** Where a direction was decided. */
export type DecidingTier = 'Admin' | 'NetworkPolicy' | 'Baseline' | 'default';

/** The verdict of one direction: the source's egress or the destination's ingress. */
export interface DirectionVerdict {
  readonly direction: Direction;
  /** The pod (or address) whose policies decide this direction. */
  readonly subject: string;
  /** True when the subject is an address outside the cluster (never a policy's subject). */
  readonly external: boolean;
  /** True when the subject is a host-network pod (never a policy's subject). */
  readonly hostNetwork: boolean;
  readonly outcome: Outcome;
  /** True iff the outcome is `allowed`. */
  readonly allowed: boolean;
  /** The tier that decided; `default` when none did (the subject is not selected, or every tier passed). */
  readonly decidedIn: DecidingTier;
  /**
   * The cluster rule that decided (Accept, Deny); several when policies of one priority decided
   * differently (implementation-defined) or alike; a Deny or Pass rule with domain names when it
   * made the answer depend on DNS. Empty when NetworkPolicy or the default decided.
   */
  readonly decidedBy: readonly RuleDecision[];
  /** The Pass rules that sent evaluation on to the next tier, in order. */
  readonly passedBy: readonly RuleDecision[];
  /** Accept rules with domain names that might have matched before the decision. */
  readonly maybeBy: readonly RuleDecision[];
  /** The cluster-scoped policies that select the subject and have rules in this direction, in evaluation order. */
  readonly selectedBy: readonly string[];
  /** True when a NetworkPolicy isolates the subject in this direction. */
  readonly isolated: boolean;
  /** The NetworkPolicies that select the subject and isolate it in this direction. */
  readonly isolatedBy: readonly string[];
  /** Every rule of those policies that admits the flow. */
  readonly admittedBy: readonly RuleMatch[];
}

function decision(policy: Policy, direction: Direction, index: number): RuleDecision {
  const rule = rulesFor(policy, direction)[index];
  return {
    tier: policy.tier as ClusterPolicyTier,
    kind: policy.kind,
    policy: policy.id,
    priority: policy.priority,
    direction,
    index,
    ...(rule.name !== undefined ? { name: rule.name } : {}),
    action: rule.action,
    label: ruleLabel(policy, direction, index),
  };
}

/** What one tier said: a final answer, a Pass to the next tier, or nothing. */
type TierResult =
  | { readonly kind: 'final'; readonly outcome: Outcome; readonly by: readonly RuleDecision[] }
  | { readonly kind: 'pass'; readonly by: readonly RuleDecision[] }
  | { readonly kind: 'none' };

interface Flow {
  readonly peer: Endpoint;
  readonly destination: Endpoint;
  readonly port: number;
  readonly protocol: ProtocolName;
}

/** Evaluates the policies of one cluster tier (already in priority order) for one flow. */
function evaluateTier(policies: readonly Policy[], direction: Direction, flow: Flow, ctx: MatchContext, maybes: RuleDecision[]): TierResult {
  let start = 0;
  while (start < policies.length) {
    let end = start;
    while (end < policies.length && policies[end].priority === policies[start].priority) end++;
    // One priority group: each policy's first matching rule.
    const hits: { action: RuleAction | 'dns'; rule: RuleDecision }[] = [];
    for (const policy of policies.slice(start, end)) {
      const rules = rulesFor(policy, direction);
      for (let i = 0; i < rules.length; i++) {
        const m = ruleMatch(rules[i], undefined, flow.peer, flow.destination, flow.port, flow.protocol, ctx);
        if (m === 'none') continue;
        if (m === 'maybe' && rules[i].action === 'Accept') {
          maybes.push(decision(policy, direction, i));
          continue;
        }
        hits.push({ action: m === 'maybe' ? 'dns' : rules[i].action, rule: decision(policy, direction, i) });
        break;
      }
    }
    start = end;
    if (hits.length === 0) continue;
    const by = hits.map((h) => h.rule);
    const actions = new Set(hits.map((h) => h.action));
    if (actions.size > 1) return { kind: 'final', outcome: 'implementation-defined', by };
    const [action] = actions;
    if (action === 'Pass') return { kind: 'pass', by };
    return { kind: 'final', outcome: action === 'Accept' ? 'allowed' : action === 'Deny' ? 'denied' : 'depends-on-dns', by };
  }
  return { kind: 'none' };
}

/** The subject's side of a flow: how every tier decides it. */
export function decideDirection(
  index: PolicyIndex,
  ctx: MatchContext,
  direction: Direction,
  subject: Endpoint,
  flow: Flow,
): DirectionVerdict {
  const base = {
    direction,
    subject: subject.kind === 'pod' ? subject.pod.id : subject.ip,
    external: subject.kind === 'external',
    hostNetwork: subject.kind === 'pod' && subject.pod.hostNetwork,
  };
  if (subject.kind === 'external' || subject.pod.hostNetwork) {
    return { ...base, outcome: 'allowed', allowed: true, decidedIn: 'default', decidedBy: [], passedBy: [], maybeBy: [], selectedBy: [], isolated: false, isolatedBy: [], admittedBy: [] };
  }
  const pod = subject.pod;
  const isolating = isolatingPolicies(index, pod, direction);
  const admittedBy: RuleMatch[] = [];
  for (const policy of isolating) {
    rulesFor(policy, direction).forEach((rule, i) => {
      if (ruleMatch(rule, policy.namespace, flow.peer, flow.destination, flow.port, flow.protocol, ctx) === 'match') {
        admittedBy.push({ policy: policy.id, direction, index: i, label: ruleLabel(policy, direction, i) });
      }
    });
  }
  const np = { isolated: isolating.length > 0, isolatedBy: isolating.map((p) => p.id), admittedBy };
  const maybes: RuleDecision[] = [];
  const passedBy: RuleDecision[] = [];
  const adminPolicies = clusterPoliciesSelecting(index, 'Admin', pod);
  const baselinePolicies = clusterPoliciesSelecting(index, 'Baseline', pod);
  const selectedBy = [...adminPolicies, ...baselinePolicies].filter((p) => rulesFor(p, direction).length > 0).map((p) => p.id);
  const finish = (outcome: Outcome, decidedIn: DecidingTier, decidedBy: readonly RuleDecision[]): DirectionVerdict => {
    // An Accept by a domain name might have come first: what follows denying, DNS decides.
    const final = maybes.length > 0 && outcome === 'denied' ? 'depends-on-dns' : outcome;
    return { ...base, outcome: final, allowed: final === 'allowed', decidedIn, decidedBy, passedBy, maybeBy: maybes, selectedBy, ...np };
  };
  const admin = evaluateTier(adminPolicies, direction, flow, ctx, maybes);
  if (admin.kind === 'final') return finish(admin.outcome, 'Admin', admin.by);
  if (admin.kind === 'pass') appendAll(passedBy, admin.by);
  if (np.isolated) return finish(admittedBy.length > 0 ? 'allowed' : 'denied', 'NetworkPolicy', []);
  const baseline = evaluateTier(baselinePolicies, direction, flow, ctx, maybes);
  if (baseline.kind === 'final') return finish(baseline.outcome, 'Baseline', baseline.by);
  if (baseline.kind === 'pass') appendAll(passedBy, baseline.by);
  return finish('allowed', 'default', []);
}
