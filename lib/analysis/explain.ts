/** Human-readable explanations of verdicts, for the CLI and for jest failure messages. */
import { escapeText } from '../render/escape';
import { DirectionVerdict, describeFlow, Verdict } from './verdict';

function explainSide(d: DirectionVerdict, flowText: string): string {
  const what = d.direction === 'egress' ? `egress from ${d.subject}` : `ingress to ${d.subject}`;
  if (d.external) return `${what}: allowed (an address outside the cluster is never isolated)`;
  if (!d.isolated) return `${what}: allowed (not isolated: no policy selects it for ${d.direction === 'egress' ? 'Egress' : 'Ingress'})`;
  const by = `isolated by ${d.isolatedBy.join(', ')}`;
  if (d.allowed) return `${what}: allowed (${by}; admitted by ${d.admittedBy.map((r) => r.label).join(', ')})`;
  return `${what}: denied (${by}; no ${d.direction} rule of ${d.isolatedBy.length === 1 ? 'it' : 'them'} admits ${flowText})`;
}

/** Explains a verdict in a few lines: the outcome, then the egress and the ingress side. */
export function formatVerdict(v: Verdict): string {
  const flowText = describeFlow(v);
  // Names come from input: each line shows control characters as escapes, never raw.
  return [
    `${v.allowed ? 'ALLOWED' : 'DENIED'}: ${flowText}`,
    `  ${explainSide(v.egress, flowText)}`,
    `  ${explainSide(v.ingress, flowText)}`,
  ]
    .map(escapeText)
    .join('\n');
}
