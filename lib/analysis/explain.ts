/**
 * Human-readable explanations of verdicts, for the CLI, jest failure messages and connectivity
 * diffs: the one place that puts a direction's decision into words. A cluster rule is named by
 * its tier, policy, priority, index, name and action (`cnp/tenants (Admin, priority 100)
 * egress[1] "deny-other-tenants": Deny`), a NetworkPolicy rule by policy and index.
 */
import { escapeText } from '../render/escape';
import { outcomeHeadline, outcomeText } from './outcome';
import { DirectionVerdict, RuleDecision } from './tiers';
import { describeFlow, Verdict } from './verdict';

function sideName(d: DirectionVerdict): string {
  return `${d.direction === 'egress' ? 'egress from' : 'ingress to'} ${d.subject}`;
}

function labels(rules: readonly RuleDecision[]): string {
  return rules.map((r) => r.label).join(', ');
}

/** `passed on by X; ` when Pass rules sent evaluation on, else nothing. */
function passPrefix(d: DirectionVerdict): string {
  return d.passedBy.length > 0 ? `passed on by ${labels(d.passedBy)}; ` : '';
}

/** `; might be accepted by X (domain names)` when a domain name Accept came first. */
function maybeSuffix(d: DirectionVerdict): string {
  return d.maybeBy.length > 0 ? `; ${d.outcome === 'allowed' ? 'also ' : ''}accepted if a name resolves to the other end: ${labels(d.maybeBy)}` : '';
}

/** What a cluster tier's decision rests on, without the outcome word. */
function clusterDetail(d: DirectionVerdict): string {
  switch (d.outcome) {
    case 'implementation-defined':
      return `${labels(d.decidedBy)} match with different actions at the same priority`;
    case 'depends-on-dns':
      return d.decidedBy.length > 0 && d.maybeBy.length === 0
        ? `${labels(d.decidedBy)} applies only if a name it lists resolves to the other end`
        : `accepted if a name resolves to the other end (${labels(d.maybeBy)}), else denied by ${labels(d.decidedBy)}`;
    default:
      return `${d.outcome === 'allowed' ? 'accepted' : 'denied'} by ${labels(d.decidedBy)}`;
  }
}

/** Why a cluster tier decided as it did, in a few words: the detail, after the outcome when it is undecided. */
function clusterReason(d: DirectionVerdict): string {
  if (d.outcome === 'implementation-defined') return `implementation-defined: ${clusterDetail(d)}`;
  if (d.outcome === 'depends-on-dns') return `depends on DNS: ${clusterDetail(d)}`;
  return clusterDetail(d);
}

/**
 * Why one direction decides as it does, in a few words: `ingress to shop/web: admitted by
 * shop/allow-web ingress[0]`, `... not isolated`, `... isolated by shop/deny-all, no rule admits`,
 * `... denied by cnp/x (Admin, priority 10) ingress[0]: Deny`; empty for an address outside the
 * cluster (its side never decides).
 */
export function sideReason(d: DirectionVerdict): string {
  if (d.external) return '';
  const side = sideName(d);
  if (d.hostNetwork) return `${side}: a host-network pod, never a policy's subject`;
  const pass = passPrefix(d);
  if (d.decidedIn === 'Admin' || d.decidedIn === 'Baseline') return `${side}: ${pass}${clusterReason(d)}${d.outcome === 'depends-on-dns' ? '' : maybeSuffix(d)}`;
  if (d.outcome === 'depends-on-dns') {
    return `${side}: ${pass}depends on DNS: accepted if a name resolves to the other end (${labels(d.maybeBy)}), else isolated by ${d.isolatedBy.join(', ')}, no rule admits`;
  }
  if (d.decidedIn === 'default') return `${side}: ${pass}not isolated${d.selectedBy.length > 0 ? `, no rule of ${d.selectedBy.join(', ')} decides` : ''}${maybeSuffix(d)}`;
  if (d.allowed) return `${side}: ${pass}admitted by ${d.admittedBy.map((r) => r.label).join(', ')}${maybeSuffix(d)}`;
  return `${side}: ${pass}isolated by ${d.isolatedBy.join(', ')}, no rule admits`;
}

/** What a direction used to say, for a flow whose outcome changed: `was admitted by ...`. */
export function formerSideReason(d: DirectionVerdict): string {
  if (d.external) return 'was an address outside the cluster';
  if (d.hostNetwork) return 'was a host-network pod';
  if (d.decidedIn === 'Admin' || d.decidedIn === 'Baseline') return `was ${clusterReason(d)}`;
  if (d.outcome === 'depends-on-dns') return `was dependent on DNS (${labels(d.maybeBy)}), else isolated by ${d.isolatedBy.join(', ')}`;
  if (d.decidedIn === 'default') return d.passedBy.length > 0 ? `was passed on by ${labels(d.passedBy)} and not isolated` : 'was not isolated';
  if (d.allowed) return `was admitted by ${d.admittedBy.map((r) => r.label).join(', ')}`;
  return `was isolated by ${d.isolatedBy.join(', ')}, no rule admitting`;
}

function explainSide(d: DirectionVerdict, flowText: string): string {
  const what = sideName(d);
  if (d.external) return `${what}: allowed (an address outside the cluster is never isolated)`;
  if (d.hostNetwork) return `${what}: allowed (a host-network pod is never a policy's subject)`;
  const pass = passPrefix(d);
  const result = outcomeText(d.outcome);
  if (d.decidedIn === 'Admin' || d.decidedIn === 'Baseline') {
    return `${what}: ${result} (${pass}${clusterDetail(d)}${d.outcome === 'depends-on-dns' ? '' : maybeSuffix(d)})`;
  }
  const types = d.direction === 'egress' ? 'Egress' : 'Ingress';
  if (d.decidedIn === 'default') {
    // Without cluster policies, the sentence NetworkPolicy users know.
    if (d.selectedBy.length === 0) return `${what}: allowed (not isolated: no policy selects it for ${types})`;
    return `${what}: allowed (${pass}not isolated: no NetworkPolicy selects it for ${types}, and no rule of ${d.selectedBy.join(', ')} decides${maybeSuffix(d)})`;
  }
  const by = `isolated by ${d.isolatedBy.join(', ')}`;
  if (d.outcome === 'depends-on-dns') {
    return `${what}: ${result} (${pass}accepted if a name resolves to the other end: ${labels(d.maybeBy)}; else ${by} and no ${d.direction} rule of ${d.isolatedBy.length === 1 ? 'it' : 'them'} admits ${flowText})`;
  }
  if (d.allowed) return `${what}: allowed (${pass}${by}; admitted by ${d.admittedBy.map((r) => r.label).join(', ')}${maybeSuffix(d)})`;
  return `${what}: denied (${pass}${by}; no ${d.direction} rule of ${d.isolatedBy.length === 1 ? 'it' : 'them'} admits ${flowText})`;
}

/** Explains a verdict in a few lines: the outcome, then the egress and the ingress side. */
export function formatVerdict(v: Verdict): string {
  return formatVerdictFor(v, describeFlow(v));
}

/**
 * The same for a verdict that stands for more than its own port or endpoints (a run of ports, a
 * region of addresses): `flowText` says what it stands for (`a -> b on 1-79/TCP, 81-65535/TCP`).
 */
export function formatVerdictFor(v: Verdict, flowText: string): string {
  // Names come from input: each line shows control characters as escapes, never raw.
  return [`${outcomeHeadline(v.outcome)}: ${flowText}`, `  ${explainSide(v.egress, flowText)}`, `  ${explainSide(v.ingress, flowText)}`]
    .map(escapeText)
    .join('\n');
}
