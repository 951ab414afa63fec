/** Renders a lint report as text, JSON or SARIF 2.1.0. */
import { SourceLocation } from '../core/errors';
import { formatFieldPath } from '../io/manifests';
import { locatedFindingRecord } from '../validate/manifests';
import { formatLintFinding, LintFinding } from './finding';
import { LintReport } from './lint';
import { LintRequirement } from './rule';
import { Severity } from './severity';
import { escapeText } from '../render/escape';

/** The output formats of `netfence lint`. */
export type LintFormat = 'text' | 'json' | 'sarif';

/** Counts of findings per severity. */
export interface LintCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

/** Counts a report's findings per severity. */
export function countFindings(findings: readonly LintFinding[]): LintCounts {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const MISSING_TEXT: Readonly<Record<LintRequirement, string>> = {
  pods: 'no Pod or workload',
  namespaces: 'no Namespace',
  services: 'no Service',
};

function n(count: number, word: string, plural = `${word}s`): string {
  return `${count} ${count === 1 ? word : plural}`;
}

/**
 * Text: one `file:line:col: severity rule-id Kind ns/name field: message` line per finding,
 * a blank line between files, then a summary and the rules that could not run.
 */
export function formatLintText(report: LintReport): string {
  const lines: string[] = [];
  let lastFile: string | undefined;
  for (const f of report.findings) {
    const file = f.location.file ?? '';
    if (lastFile !== undefined && file !== lastFile) lines.push('');
    lastFile = file;
    lines.push(formatLintFinding(f));
  }
  if (lines.length > 0) lines.push('');
  const c = countFindings(report.findings);
  const np = n(report.checked, 'NetworkPolicy', 'NetworkPolicies');
  const cluster = n(report.checkedCluster, 'cluster-scoped policy', 'cluster-scoped policies');
  const policies = report.checkedCluster === 0 ? np : report.checked === 0 ? cluster : `${np} and ${cluster}`;
  if (report.findings.length === 0) {
    lines.push(report.checked + report.checkedCluster === 0 ? 'no NetworkPolicy objects found' : `${policies} linted: no findings`);
  } else {
    lines.push(`${n(report.findings.length, 'finding')} (${n(c.error, 'error')}, ${n(c.warning, 'warning')}, ${c.info} info) in ${policies}`);
  }
  const byMissing = new Map<string, string[]>();
  for (const s of report.rules) {
    if (s.status !== 'skipped') continue;
    const why = (s.missing ?? []).map((m) => MISSING_TEXT[m]).join(', ');
    byMissing.set(why, [...(byMissing.get(why) ?? []), s.rule.id]);
  }
  for (const [why, ids] of byMissing) lines.push(`not run (${why} in the inputs; add them with -f or --inventory): ${ids.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** JSON: `{ summary, findings: [...], rules: [...] }`, stable key order. */
export function formatLintJson(report: LintReport): string {
  const c = countFindings(report.findings);
  const doc = {
    summary: { checked: report.checked, ...(report.checkedCluster > 0 ? { checkedCluster: report.checkedCluster } : {}), findings: report.findings.length, errors: c.error, warnings: c.warning, info: c.info },
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      ...locatedFindingRecord(f),
      ...(f.source === undefined ? {} : { source: { file: f.source.file, line: f.source.line, constructPath: f.source.constructPath } }),
    })),
    rules: report.rules.map((s) => ({
      id: s.rule.id,
      severity: s.severity,
      status: s.status,
      ...(s.missing ? { missing: s.missing } : {}),
      title: s.rule.title,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A file path as a SARIF artifact URI: forward slashes, percent-encoded; relative paths stay
 * relative (what code scanning maps onto the repository), absolute ones become `file://` URIs.
 */
export function toArtifactUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = encodeURI(slashed).replace(/[?#]/g, (ch) => encodeURIComponent(ch));
  if (slashed.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded;
}

/** A position as SARIF locations: none without a file, else one with a 1-based region when known. */
function sarifLocation(loc: SourceLocation): { physicalLocation: Record<string, unknown> }[] {
  if (loc.file === undefined) return [];
  const region = loc.line === undefined ? undefined : { startLine: loc.line, ...(loc.column === undefined ? {} : { startColumn: loc.column }) };
  return [{ physicalLocation: { artifactLocation: { uri: toArtifactUri(loc.file) }, ...(region ? { region } : {}) } }];
}

/**
 * SARIF 2.1.0 with one run: `tool.driver` (name `netfence`, every rule with its descriptions,
 * help and default level) and one result per finding (ruleId, ruleIndex, level, message,
 * physical location with 1-based startLine/startColumn), for code-scanning annotations. A finding
 * on an object with provenance is located at its TypeScript line, the YAML as a related location.
 */
export function formatLintSarif(report: LintReport): string {
  const rules = report.rules.map((s) => s.rule);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'netfence',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d: string, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.explanation },
              help: { text: `${r.explanation}\n\nFix: ${r.fix}`, markdown: `${r.explanation}\n\n**Fix:** ${r.fix}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        results: report.findings.map((f) => {
          const field = formatFieldPath(f.path);
          const yaml = sarifLocation(f.location);
          const source = f.source === undefined ? [] : sarifLocation({ file: f.source.file, line: f.source.line });
          return {
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId) ?? 0,
            level: SARIF_LEVEL[f.severity],
            message: { text: escapeText(`${f.object.kind} ${f.object.namespace === undefined ? '' : `${f.object.namespace}/`}${f.object.name}${field === '' ? '' : ` ${field}`}: ${f.message}`) },
            // With provenance the result sits on the TypeScript line that wrote the object, and
            // the synthesized YAML stays one click away as a related location.
            locations: source.length > 0 ? source : yaml,
            ...(source.length > 0 && yaml.length > 0 ? { relatedLocations: yaml.map((l) => ({ id: 1, ...l, message: { text: 'the synthesized manifest' } })) } : {}),
            ...(f.source?.constructPath === undefined ? {} : { properties: { constructPath: escapeText(f.source.constructPath) } }),
          };
        }),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Renders the report in the format. */
export function formatLintReport(report: LintReport, format: LintFormat): string {
  return format === 'json' ? formatLintJson(report) : format === 'sarif' ? formatLintSarif(report) : formatLintText(report);
}
