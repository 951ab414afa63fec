/**
 * The faces of a connectivity diff: plain text for a terminal, Markdown for a pull-request
 * comment, JSON for tools (`{"added":[{"from","to","port",...}],"removed":[...]}`, plus
 * `"undecided":[...]` when some flow became implementation-defined or dependent on DNS).
 */
import { ConnectivityDiff, FlowChange, FlowGroup } from './connectivity-diff';
import { formatPortList } from '../analysis/port-partition';
import { escapeText, markdownCode, markdownText } from '../render/escape';
import { appendAll } from '../core/values';
import { PolicySources, sourcesOf } from './policy-sources';

/** The output formats of `netfence diff`. */
export const DIFF_FORMATS = ['text', 'md', 'json'] as const;

/** One of DIFF_FORMATS. */
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Options of `formatDiff`. */
export interface DiffFormatOptions {
  /**
   * The most table rows (Markdown) or groups (text) to print before summarizing the rest, so a
   * huge change still fits in a pull-request comment (GitHub caps them at 65536 characters).
   * @default 100
   */
  readonly maxRows?: number;
  /**
   * Names of the two sides for the heading, e.g. `origin/main:dist` and `dist`.
   * @default none
   */
  readonly labels?: { readonly base: string; readonly head: string };
  /**
   * The TypeScript line of each side's policies (lib/ci/policy-sources.ts); a change shows where
   * the rules it names were written, looked up in the side they come from.
   */
  readonly sources?: { readonly base: PolicySources; readonly head: PolicySources };
}

/** The side whose rules a change names: the base for flows that closed, else the head. */
function sideSources(kind: FlowGroup['kind'], sources: DiffFormatOptions['sources']): PolicySources | undefined {
  return sources === undefined ? undefined : kind === 'removed' ? sources.base : sources.head;
}

/** The JSON shape of a diff: the contract of `netfence diff --format json`. */
export interface DiffJson {
  readonly added: readonly LocatedFlowChange[];
  readonly removed: readonly LocatedFlowChange[];
  /** Present when some flow became implementation-defined or dependent on DNS. */
  readonly undecided?: readonly LocatedFlowChange[];
}

/** A change with `file:line` of the policies its rules belong to, when their manifests carry provenance. */
export type LocatedFlowChange = FlowChange & { readonly sources?: readonly string[] };

/**
 * The JSON document (added, removed, then undecided when there are some; each entry from, to,
 * port, before, after, reason, rules, and regions for external ends).
 */
export function diffToJson(diff: ConnectivityDiff, sources?: DiffFormatOptions['sources']): DiffJson {
  const located = (list: readonly FlowChange[], kind: FlowGroup['kind']): readonly LocatedFlowChange[] => {
    const side = sideSources(kind, sources);
    if (side === undefined || side.size === 0) return list;
    return list.map((c) => {
      const at = sourcesOf(c.rules, side);
      return at.length === 0 ? c : { ...c, sources: at };
    });
  };
  return {
    added: located(diff.added, 'added'),
    removed: located(diff.removed, 'removed'),
    ...(diff.counts.undecided > 0 ? { undecided: located(diff.undecided, 'undecided') } : {}),
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function pairsNote(flows: number, pairs: number): string {
  return pairs === flows ? '' : ` (${plural(pairs, 'pair')})`;
}

/**
 * The one-line summary, e.g. `2 flows became allowed, 1 became denied`. A flow is one entry of
 * the JSON (a pair of endpoints and a run of ports); the number of pairs is added when it differs.
 */
export function summarizeDiff(diff: ConnectivityDiff): string {
  const c = diff.counts;
  if (c.added === 0 && c.removed === 0 && c.undecided === 0) return 'no change in connectivity';
  const undecided = c.undecided === 0 ? '' : `, ${c.undecided}${pairsNote(c.undecided, c.undecidedPairs)} became undecided (implementation-defined or dependent on DNS)`;
  return `${plural(c.added, 'flow')}${pairsNote(c.added, c.addedPairs)} became allowed, ${c.removed}${pairsNote(c.removed, c.removedPairs)} became denied${undecided}`;
}

const HEADINGS: Readonly<Record<FlowGroup['kind'], string>> = { added: 'Became allowed', removed: 'Became denied', undecided: 'Became undecided' };

/** `(was denied)` for an undecided change, whose former outcome matters: a denied flow may have opened. */
function wasText(c: FlowGroup['changes'][number]): string {
  return c.after === 'allowed' || c.after === 'denied' ? '' : ` (was ${c.before === 'depends-on-dns' ? 'dependent on DNS' : c.before})`;
}

function endpointText(name: string, diff: ConnectivityDiff): string {
  const region = diff.regions.get(name);
  return escapeText(region === undefined ? name : `${name} (${region})`);
}

function endpointsText(names: readonly string[], diff: ConnectivityDiff, max = 5): string {
  const shown = names.slice(0, max).map((n) => endpointText(n, diff));
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

function portsText(g: FlowGroup['changes'][number]): string {
  const order = (p: string): number => ['TCP', 'UDP', 'SCTP'].indexOf(p);
  return formatPortList([...g.ports].sort((a, b) => order(a.protocol) - order(b.protocol) || a.from - b.from));
}

function formatText(diff: ConnectivityDiff, maxRows: number, labels?: DiffFormatOptions['labels'], sources?: DiffFormatOptions['sources']): string {
  const lines: string[] = [];
  const sides = labels ? ` (${escapeText(labels.base)} -> ${escapeText(labels.head)})` : '';
  lines.push(`netfence diff${sides}: ${summarizeDiff(diff)}`);
  for (const kind of ['added', 'removed', 'undecided'] as const) {
    const groups = diff.groups.filter((g) => g.kind === kind);
    if (groups.length === 0) continue;
    lines.push('', `${HEADINGS[kind]}:`);
    for (const g of groups.slice(0, maxRows)) {
      lines.push(`  ${endpointsText(g.from, diff)} -> ${endpointsText(g.to, diff)}`);
      for (const c of g.changes) {
        const at = sourcesOf(c.rules, sideSources(kind, sources));
        lines.push(`    ${portsText(c)}${wasText(c)}: ${escapeText(c.reason)}${at.length === 0 ? '' : ` (written at ${escapeText(at.join(', '))})`}`);
      }
    }
    if (groups.length > maxRows) lines.push(`  ... and ${groups.length - maxRows} more (see --format json)`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every value printed in Markdown goes through lib/render/escape.ts: no name can steer the comment. */
const cell = markdownText;
const code = markdownCode;

function endpointsCell(names: readonly string[], diff: ConnectivityDiff, max = 5): string {
  const shown = names.slice(0, max).map((n) => {
    const region = diff.regions.get(n);
    return region === undefined ? code(n) : `${code(n)} (${cell(region)})`;
  });
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

function formatMarkdown(diff: ConnectivityDiff, maxRows: number, labels?: DiffFormatOptions['labels'], sources?: DiffFormatOptions['sources']): string {
  const lines: string[] = ['### netfence: connectivity diff', ''];
  const sides = labels ? ` (${code(labels.base)} → ${code(labels.head)})` : '';
  const summary = summarizeDiff(diff);
  lines.push(`**${summary.charAt(0).toUpperCase()}${summary.slice(1)}.**${sides}`);
  for (const kind of ['added', 'removed', 'undecided'] as const) {
    const rows: string[] = [];
    let total = 0;
    for (const g of diff.groups) {
      if (g.kind !== kind) continue;
      for (const c of g.changes) {
        if (total++ < maxRows) {
          const at = sourcesOf(c.rules, sideSources(kind, sources));
          const written = at.length === 0 ? '' : ` (written at ${at.map(code).join(', ')})`;
          rows.push(`| ${endpointsCell(g.from, diff)} | ${endpointsCell(g.to, diff)} | ${cell(portsText(c) + wasText(c))} | ${cell(c.reason)}${written} |`);
        }
      }
    }
    if (total === 0) continue;
    lines.push('', `#### ${HEADINGS[kind]}`, '');
    lines.push(`| From | To | Ports | ${kind === 'added' ? 'Admitted by' : kind === 'removed' ? 'Denied because' : 'Why'} |`, '|---|---|---|---|');
    appendAll(lines, rows);
    if (total > maxRows) lines.push('', `_…and ${total - maxRows} more rows; run \`netfence diff --format json\` for all._`);
  }
  lines.push(
    '',
    `<sub>Exact over ${plural(diff.stats.pods, 'pod or workload', 'pods and workloads')}, ${plural(diff.stats.externals, 'external address range', 'external address ranges')} and ${plural(diff.stats.portIntervals, 'port interval')}.</sub>`,
  );
  return `${lines.join('\n')}\n`;
}

/** Renders a diff in one of the formats. */
export function formatDiff(diff: ConnectivityDiff, format: DiffFormat, options: DiffFormatOptions = {}): string {
  const maxRows = options.maxRows ?? 100;
  if (format === 'json') return `${JSON.stringify(diffToJson(diff, options.sources), null, 2)}\n`;
  if (format === 'md') return formatMarkdown(diff, maxRows, options.labels, options.sources);
  return formatText(diff, maxRows, options.labels, options.sources);
}
