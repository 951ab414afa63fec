import { formatLocation, SourceLocation } from '../core/errors';
import { FieldPath, formatFieldPath } from '../io/manifests';
import { escapeText } from '../render/escape';
import { Severity } from './severity';

/** The object a finding is about: a NetworkPolicy, a Pod or workload, a Namespace. */
export interface LintObject {
  readonly kind: string;
  /** Absent for cluster-scoped objects and for namespaced objects whose manifest names none. */
  readonly namespace?: string;
  readonly name: string;
}

/** One lint finding: which rule, how severe, what is wrong, and exactly where. */
export interface LintFinding {
  /** The stable id of the rule, e.g. `egress-without-dns`. */
  readonly ruleId: string;
  /** The rule's effective severity (its default unless overridden). */
  readonly severity: Severity;
  /** What is wrong and what it means, self-contained. */
  readonly message: string;
  readonly object: LintObject;
  /** The field inside the object, `[]` for the object as a whole. */
  readonly path: FieldPath;
  /** File, line and column of the field (or of its nearest existing ancestor). */
  readonly location: SourceLocation;
  /**
   * The user's line that created the object (file relative to the project root, line, construct
   * path), from its validated `netfence.dev/source` annotation; absent without one.
   */
  readonly source?: SourceLocation;
}

/** Formats an object as `NetworkPolicy ns/name` (`Namespace name` for cluster-scoped ones). */
export function formatLintObject(o: LintObject): string {
  return o.namespace === undefined ? `${o.kind} ${o.name}` : `${o.kind} ${o.namespace}/${o.name}`;
}

/**
 * Formats a finding as `file:line:col: severity rule-id Kind ns/name field: message`, on one line
 * whatever the names hold (control characters are shown as escapes). With provenance the line
 * starts at the TypeScript line and ends with the YAML position: `src/main.ts:12: ... (dist/x.yaml:5:7)`.
 */
export function formatLintFinding(f: LintFinding): string {
  const field = formatFieldPath(f.path);
  const where = f.source === undefined ? formatLocation(f.location) : formatLocation({ file: f.source.file, line: f.source.line });
  const yaml = f.source === undefined ? '' : ` (${formatLocation(f.location)})`;
  return escapeText(`${where}: ${f.severity} ${f.ruleId} ${formatLintObject(f.object)}${field === '' ? '' : ` ${field}`}: ${f.message}${yaml}`);
}
