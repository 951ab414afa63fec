/**
 * Human-readable explanations of verdicts, for the CLI, jest failure messages and connectivity
 * diffs: the one place that puts a direction's decision into words.
 */
import { escapeText } from '../render/escape';
import { DirectionVerdict, describeFlow, Verdict } from './verdict';

function sideName(d: DirectionVerdict): string {
  return `${d.direction === 'egress' ? 'egress from' : 'ingress to'} ${d.subject}`;
}

/**
 * Why one direction decides as it does, in a few words: `ingress to shop/web: admitted by
 * shop/allow-web ingress[0]`, `... not isolated`, `... isolated by shop/deny-all, no rule admits`;
 * empty for an address outside the cluster (its side never decides).
 */
export function sideReason(d: DirectionVerdict): string {
  if (d.external) return '';
  if (!d.isolated) return `${sideName(d)}: not isolated`;
  if (d.allowed) return `${sideName(d)}: admitted by ${d.admittedBy.map((r) => r.label).join(', ')}`;
  return `${sideName(d)}: isolated by ${d.isolatedBy.join(', ')}, no rule admits`;
}

/** What a direction used to say, for a flow that became denied: `was admitted by ...`. */
export function formerSideReason(d: DirectionVerdict): string {
  if (!d.isolated) return 'was not isolated';
  return `was admitted by ${d.admittedBy.map((r) => r.label).join(', ')}`;
}

function explainSide(d: DirectionVerdict, flowText: string): string {
  const what = sideName(d);
  if (d.external) return `${what}: allowed (an address outside the cluster is never isolated)`;
  if (!d.isolated) return `${what}: allowed (not isolated: no policy selects it for ${d.direction === 'egress' ? 'Egress' : 'Ingress'})`;
  const by = `isolated by ${d.isolatedBy.join(', ')}`;
  if (d.allowed) return `${what}: allowed (${by}; admitted by ${d.admittedBy.map((r) => r.label).join(', ')})`;
  return `${what}: denied (${by}; no ${d.direction} rule of ${d.isolatedBy.length === 1 ? 'it' : 'them'} admits ${flowText})`;
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
  return [
    `${v.allowed ? 'ALLOWED' : 'DENIED'}: ${flowText}`,
    `  ${explainSide(v.egress, flowText)}`,
    `  ${explainSide(v.ingress, flowText)}`,
  ]
    .map(escapeText)
    .join('\n');
}
