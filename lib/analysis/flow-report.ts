/**
 * The verdict between two ends over some ports, exactly: every member of one end to every member
 * of the other, on every interval of the port partition the question covers, with runs of ports
 * that are decided alike (the same outcome for the same reasons) joined. The matchers, `netfence
 * check` and the face-agreement tests all read this one report.
 */
import { NetfenceError } from '../core/errors';
import { PROTOCOL_NAMES } from '../core/manifest';
import { Endpoint, endpointName } from './endpoint';
import { EndMember, memberName, ResolvedEnd } from './ends';
import { formatVerdictFor, sideReason } from './explain';
import { Inventory } from './inventory';
import { EngineOptions } from './options';
import { isUndecided, Outcome, OUTCOMES, outcomeHeadline, outcomeText } from './outcome';
import { formatPortInterval, mergeIntervals, PortInterval, portPartition } from './port-partition';
import { compareIntervals, formatPortQuery, PortQuery, portIntervalsFor } from './port-query';
import { DirectionVerdict } from './tiers';
import { evaluateFlow, Verdict } from './verdict';

/** The ports between two members that are decided alike, and the verdict that stands for them. */
export interface FlowRun {
  readonly from: EndMember;
  readonly to: EndMember;
  /** Sorted by protocol, then port, touching intervals merged. */
  readonly ports: readonly PortInterval[];
  /** True iff the outcome is `allowed`. */
  readonly allowed: boolean;
  readonly outcome: Outcome;
  /** The verdict at the first port of the run; every port of the run is decided by the same rules. */
  readonly verdict: Verdict;
}

/** Every run between two ends. */
export interface FlowReport {
  readonly from: ResolvedEnd;
  readonly to: ResolvedEnd;
  /** The ports asked about, in words (`every port`, `80/TCP`). */
  readonly asked: string;
  readonly runs: readonly FlowRun[];
  /** True when every port of every pair of members is allowed. */
  readonly allAllowed: boolean;
  /** True when every port of every pair of members is denied. */
  readonly allDenied: boolean;
  /** True when some run is implementation-defined or depends on DNS: the engine cannot answer all of it. */
  readonly undecided: boolean;
}

/**
 * `allowed`, `denied`, `partly` (some ports or members allowed, the others denied), or, when
 * some of it is neither, `implementation-defined` or `depends-on-dns` (all of it one of those)
 * or `undecided` (a mix that includes one of those).
 */
export type ReportOutcome = 'allowed' | 'denied' | 'partly' | 'implementation-defined' | 'depends-on-dns' | 'undecided';

/** The outcome of a report as one word. */
export function reportOutcome(r: FlowReport): ReportOutcome {
  if (r.allAllowed) return 'allowed';
  if (r.allDenied) return 'denied';
  if (!r.undecided) return 'partly';
  const outcomes = new Set(r.runs.map((x) => x.outcome));
  if (outcomes.size === 1) return r.runs[0].outcome as ReportOutcome;
  return 'undecided';
}

function runKey(v: Verdict): string {
  return `${v.outcome}\u0000${sideReason(v.egress)}\u0000${sideReason(v.ingress)}`;
}

/**
 * Evaluates every flow from the members of `from` to the members of `to` on the ports `query`
 * covers, one verdict per interval of the port partition of `inventory` (which must hold every
 * member, stand-ins included). Throws when every pair is address to address: there is nothing
 * to decide, and "allowed" would be a pass on nothing.
 */
export function evaluateEnds(inventory: Inventory, from: ResolvedEnd, to: ResolvedEnd, query: PortQuery, options: EngineOptions = {}): FlowReport {
  const partition = portPartition([inventory]);
  const runs: FlowRun[] = [];
  for (const s of from.members) {
    for (const d of to.members) {
      if (s.endpoint.kind === 'external' && d.endpoint.kind === 'external') continue;
      const intervals = portIntervalsFor(query, partition, d.endpoint).sort(compareIntervals);
      const byKey = new Map<string, { ports: PortInterval[]; verdict: Verdict }>();
      for (const iv of intervals) {
        const verdict = evaluateFlow(inventory, { from: s.endpoint, to: d.endpoint, port: iv.from, protocol: iv.protocol }, options);
        const key = runKey(verdict);
        const run = byKey.get(key);
        if (run) run.ports.push(iv);
        else byKey.set(key, { ports: [iv], verdict });
      }
      for (const r of byKey.values()) runs.push({ from: s, to: d, ports: mergeIntervals(r.ports), allowed: r.verdict.allowed, outcome: r.verdict.outcome, verdict: r.verdict });
    }
  }
  if (runs.length === 0) {
    // Every pair is address to address: no policy decides such a flow, so there is no answer to give.
    throw new NetfenceError(
      `no flow to evaluate: ${from.text} and ${to.text} are both addresses outside the cluster, and NetworkPolicies decide only traffic to or from pods`,
    );
  }
  return {
    from,
    to,
    asked: formatPortQuery(query),
    runs,
    allAllowed: runs.every((r) => r.outcome === 'allowed'),
    allDenied: runs.every((r) => r.outcome === 'denied'),
    undecided: runs.some((r) => isUndecided(r.outcome)),
  };
}

/** `80/TCP, 8000-8100/TCP, every UDP port`, or `every port`; input sorted by protocol, then port. */
export function formatPortIntervals(ports: readonly PortInterval[]): string {
  const merged = mergeIntervals(ports);
  const whole = (i: PortInterval): boolean => i.from === 1 && i.to === 65535;
  if (PROTOCOL_NAMES.every((p) => merged.some((i) => i.protocol === p && whole(i)))) return 'every port';
  return merged.map((i) => (whole(i) ? `every ${i.protocol} port` : formatPortInterval(i))).join(', ');
}

function pairText(from: EndMember, to: EndMember): string {
  return `${memberName(from)} -> ${memberName(to)}`;
}

/**
 * `allowed on 80/TCP, denied on every other port` for the runs of one pair of members: each
 * outcome with its ports, the one whose list is longest said as "every other port".
 */
function pairSummary(runs: readonly FlowRun[]): string {
  const groups = OUTCOMES.map((o) => ({ o, text: formatPortIntervals(mergeIntervals(runs.filter((r) => r.outcome === o).flatMap((r) => r.ports).sort(compareIntervals))) }))
    .filter((g) => runs.some((r) => r.outcome === g.o));
  if (groups.length === 1) return outcomeText(groups[0].o);
  const rest = groups.reduce((best, g) => (g.text.length > best.text.length ? g : best));
  return [...groups.filter((g) => g !== rest).map((g) => `${outcomeText(g.o)} on ${g.text}`), `${outcomeText(rest.o)} on every other port`].join(', ');
}

/** The runs grouped by pair of members, in order. */
function byPair(runs: readonly FlowRun[]): FlowRun[][] {
  const groups = new Map<string, FlowRun[]>();
  for (const r of runs) {
    const key = `${endpointName(r.from.endpoint)}\u0000${endpointName(r.to.endpoint)}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

/** One run as the verdict it stands for, with its reasons. */
export function formatRun(r: FlowRun): string {
  return formatVerdictFor(r.verdict, `${pairText(r.from, r.to)} on ${formatPortIntervals(r.ports)}`);
}

/**
 * The first line of a report: `ALLOWED: a -> b on every port`, `PARTLY ALLOWED: ...` with what is
 * allowed where, `IMPLEMENTATION-DEFINED: ...`, `DEPENDS ON DNS: ...`, or `UNDECIDED: ...` for a
 * mix in which the engine cannot answer some of it.
 */
export function reportHeadline(r: FlowReport): string {
  const flow = `${r.from.text} -> ${r.to.text} on ${r.asked}`;
  const outcome = reportOutcome(r);
  if (outcome === 'allowed' || outcome === 'denied' || outcome === 'implementation-defined' || outcome === 'depends-on-dns') return `${outcomeHeadline(outcome)}: ${flow}`;
  const word = outcome === 'partly' ? 'PARTLY ALLOWED' : 'UNDECIDED';
  const pairs = byPair(r.runs);
  return pairs.length === 1 ? `${word}: ${flow}: ${pairSummary(pairs[0])}` : `${word}: ${flow}`;
}

/** Options of formatFlowReport. */
export interface FlowReportFormat {
  /** Show only the runs with these outcomes (what breaks an expectation, in the matchers). */
  readonly only?: Outcome | readonly Outcome[];
  /**
   * The most runs to detail.
   * @default every run
   */
  readonly maxRuns?: number;
}

const MAX_PAIR_LINES = 20;

/**
 * The report for people: a single flow reads as one verdict; otherwise the headline, for a partly
 * allowed report with several pairs of members a line per pair (`... : allowed on 80/TCP, denied
 * on every other port`), then each run with its reasons.
 */
export function formatFlowReport(r: FlowReport, format: FlowReportFormat = {}): string {
  const only = format.only === undefined ? undefined : typeof format.only === 'string' ? [format.only] : format.only;
  const shown = r.runs.filter((x) => only === undefined || only.includes(x.outcome));
  // One run says it all; a headline above it would only repeat its first line.
  if (r.runs.length === 1 && shown.length === 1) return formatRun(r.runs[0]);
  const lines = [reportHeadline(r)];
  const pairs = byPair(r.runs);
  if (!r.allAllowed && !r.allDenied && pairs.length > 1 && new Set(r.runs.map((x) => x.outcome)).size > 1) {
    for (const p of pairs.slice(0, MAX_PAIR_LINES)) lines.push(`  ${pairText(p[0].from, p[0].to)}: ${pairSummary(p)}`);
    if (pairs.length > MAX_PAIR_LINES) lines.push(`  ... and ${pairs.length - MAX_PAIR_LINES} more pairs`);
  }
  const max = format.maxRuns ?? shown.length;
  for (const run of shown.slice(0, max)) lines.push('', formatRun(run));
  if (shown.length > max) lines.push('', `(${shown.length - max} more runs like these)`);
  return lines.join('\n');
}

function sideJson(d: DirectionVerdict): Record<string, unknown> {
  return {
    subject: d.subject,
    external: d.external,
    ...(d.hostNetwork ? { hostNetwork: true } : {}),
    isolated: d.isolated,
    isolatedBy: d.isolatedBy,
    admittedBy: d.admittedBy.map((x) => x.label),
    allowed: d.allowed,
    outcome: d.outcome,
    decidedIn: d.decidedIn,
    ...(d.decidedBy.length > 0 ? { decidedBy: d.decidedBy.map(ruleDecisionJson) } : {}),
    ...(d.passedBy.length > 0 ? { passedBy: d.passedBy.map(ruleDecisionJson) } : {}),
    ...(d.maybeBy.length > 0 ? { maybeBy: d.maybeBy.map(ruleDecisionJson) } : {}),
  };
}

function ruleDecisionJson(r: DirectionVerdict['decidedBy'][number]): Record<string, unknown> {
  return { tier: r.tier, policy: r.policy, priority: r.priority, rule: r.index, ...(r.name !== undefined ? { name: r.name } : {}), action: r.action };
}

function memberJson(prefix: 'from' | 'to', m: EndMember): Record<string, unknown> {
  const region = m.region === undefined ? {} : { [`${prefix}Region`]: m.region };
  return { [prefix]: endpointName(m.endpoint as Endpoint), ...region };
}

/**
 * The report for programs (`netfence check --format json`): the ends and ports asked, the outcome
 * (`verdict`: allowed, denied, partly, implementation-defined, depends-on-dns or undecided;
 * `allowed` is true only when everything asked is), and every run: `{from, to, fromRegion?,
 * toRegion?, ports: ["80/TCP"], allowed, outcome, egress, ingress}`.
 */
export function flowReportJson(r: FlowReport): Record<string, unknown> {
  return {
    from: r.from.text,
    to: r.to.text,
    port: r.asked,
    verdict: reportOutcome(r),
    allowed: r.allAllowed,
    flows: r.runs.map((run) => ({
      ...memberJson('from', run.from),
      ...memberJson('to', run.to),
      ports: run.ports.map(formatPortInterval),
      allowed: run.allowed,
      outcome: run.outcome,
      egress: sideJson(run.verdict.egress),
      ingress: sideJson(run.verdict.ingress),
    })),
  };
}
