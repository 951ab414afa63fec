/**
 * Label selectors and label maps, as apimachinery's `ValidateLabelSelector` and
 * `ValidateLabels` check them on create (invalid values in selectors are not allowed).
 */
import { FieldPath } from '../io/manifests';
import { finding, ValidationFinding } from './finding';
import { isQualifiedName, isValidLabelValue } from './labels';
import { isRecord, listOrEmpty, recordOrUndefined } from '../core/values';
import { appendAll } from '../core/values';

/** The operators a `matchExpressions` entry may use. */
export const LABEL_SELECTOR_OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Checks one label key; findings point at `path`. */
export function validateLabelKey(key: string, path: FieldPath): ValidationFinding[] {
  return isQualifiedName(key).map((m) => finding(path, 'invalid label key', key, m));
}

/** Checks one label value; findings point at `path`. */
export function validateLabelValue(value: string, path: FieldPath): ValidationFinding[] {
  return isValidLabelValue(value).map((m) => finding(path, 'invalid label value', value, m));
}

/**
 * Checks a map of labels (metadata.labels, matchLabels): every key a qualified name, every value a
 * label value. Findings point at the entry (`matchLabels.app`), more precise than upstream's
 * `matchLabels`, so that file positions land on the right line.
 */
export function validateLabels(labels: unknown, path: FieldPath): ValidationFinding[] {
  const map = recordOrUndefined(labels);
  if (!map) return [];
  const out: ValidationFinding[] = [];
  // Paths are made only for a finding: every label of every object is checked.
  for (const k of Object.keys(map)) {
    const v = map[k];
    const keyProblems = isQualifiedName(k);
    for (const m of keyProblems) out.push(finding([...path, k], 'invalid label key', k, m));
    if (typeof v !== 'string') continue;
    for (const m of isValidLabelValue(v)) out.push(finding([...path, k], 'invalid label value', v, m));
  }
  return out;
}

/** Checks one `matchExpressions` entry: operator, values required or forbidden, key, values. */
export function validateLabelSelectorRequirement(requirement: unknown, path: FieldPath): ValidationFinding[] {
  // A wrong type was reported by the schema pass; null decodes to the zero value.
  if (requirement !== null && requirement !== undefined && !isRecord(requirement)) return [];
  const r = isRecord(requirement) ? requirement : {};
  const out: ValidationFinding[] = [];
  const values = listOrEmpty(r.values);
  const operator = r.operator;
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length === 0) {
      out.push(
        finding([...path, 'values'], `values are required when operator is ${operator}`, undefined, 'list at least one value, or use Exists to match any value'),
      );
    }
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values.length > 0) {
      out.push(
        finding([...path, 'values'], `values are forbidden when operator is ${operator}`, r.values, 'remove values, or use In / NotIn to match given values'),
      );
    }
  } else if (operator === undefined || operator === null) {
    out.push(finding([...path, 'operator'], 'missing operator', undefined, `must be one of ${LABEL_SELECTOR_OPERATORS.join(', ')}`));
  } else if (typeof operator === 'string') {
    out.push(finding([...path, 'operator'], 'not a valid selector operator', operator, `must be one of ${LABEL_SELECTOR_OPERATORS.join(', ')} (case-sensitive)`));
  }
  const key = r.key;
  if (key === undefined || key === null) {
    out.push(finding([...path, 'key'], 'missing key', undefined, 'must be a label key such as app or app.kubernetes.io/name'));
  } else if (typeof key === 'string') {
    appendAll(out, validateLabelKey(key, [...path, 'key']));
  }
  values.forEach((v, i) => {
    if (typeof v === 'string') appendAll(out, validateLabelValue(v, [...path, 'values', i]));
  });
  return out;
}

/** Checks a label selector (`podSelector`, `namespaceSelector`): matchLabels and matchExpressions. */
export function validateLabelSelector(selector: unknown, path: FieldPath): ValidationFinding[] {
  const s = recordOrUndefined(selector);
  if (!s) return [];
  const out = validateLabels(s.matchLabels, [...path, 'matchLabels']);
  listOrEmpty(s.matchExpressions).forEach((r, i) => {
    appendAll(out, validateLabelSelectorRequirement(r, [...path, 'matchExpressions', i]));
  });
  return out;
}
