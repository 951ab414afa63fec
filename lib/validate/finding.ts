import { FieldPath, formatFieldPath } from '../io/manifests';

/**
 * One reason the API server would reject an object: where (field path inside the object), what
 * is wrong and what would be valid (the message), and the offending value when there is one.
 */
export interface ValidationFinding {
  /** The field the finding is about, e.g. `['spec', 'ingress', 0, 'ports', 0, 'port']`. */
  readonly path: FieldPath;
  /** `<what is wrong> (got <value>); <what would be valid>`, self-contained. */
  readonly message: string;
  /** The offending value, when the finding is about a value rather than a missing field. */
  readonly value?: unknown;
  /**
   * `warning` for what the API server accepts but reads in a way worth saying (a CIDR with host
   * bits); absent for what it rejects.
   */
  readonly severity?: 'warning';
}

const MAX_SHOWN_CHARS = 80;

/** Renders a value for a message: JSON for scalars, a short description for collections. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return 'nothing';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  const text = JSON.stringify(value);
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS - 4)}..."` : text;
}

/**
 * Builds a finding whose message reads `<problem> (got <value>); <valid>`. Pass `undefined` as
 * value for a missing field, so the message does not claim something was given.
 */
export function finding(path: FieldPath, problem: string, value: unknown, valid?: string): ValidationFinding {
  const got = value === undefined ? '' : ` (got ${describeValue(value)})`;
  const fix = valid ? `; ${valid}` : '';
  const base = { path: [...path], message: `${problem}${got}${fix}` };
  return value === undefined ? base : { ...base, value };
}

/** The same finding as a warning: accepted by the API server, with a meaning worth saying. */
export function asWarning(f: ValidationFinding): ValidationFinding {
  return { ...f, severity: 'warning' };
}

/** True for findings the API server would reject the object for. */
export function isError(f: ValidationFinding): boolean {
  return f.severity !== 'warning';
}

/** Formats a finding as `<field path>: <message>`, the form synth errors and the CLI print. */
export function formatFinding(f: ValidationFinding): string {
  const where = formatFieldPath(f.path);
  return `${where === '' ? '<object>' : where}: ${f.message}`;
}

/** Drops exact repeats (same field, same message), which overlapping checks can produce. */
export function dedupeFindings(findings: readonly ValidationFinding[]): ValidationFinding[] {
  // Most objects have no finding: no set to make.
  if (findings.length < 2) return [...findings];
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${JSON.stringify(f.path)}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
