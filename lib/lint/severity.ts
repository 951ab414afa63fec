import { NetfenceError } from '../core/errors';

/** How much a lint finding matters: `error` fails a build by default, `info` never does. */
export type Severity = 'error' | 'warning' | 'info';

/** Every severity, most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** True when `severity` is at least as severe as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

/** Orders severities most severe first, for summaries. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

/** Parses a severity name, rejecting anything else with the valid choices. */
export function parseSeverity(text: string): Severity {
  const s = text.trim().toLowerCase();
  if (s === 'error' || s === 'warning' || s === 'info') return s;
  throw new NetfenceError(`unknown severity ${JSON.stringify(text)}; use error, warning or info`);
}
