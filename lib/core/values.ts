/** Defensive readers for not-yet-trusted input: wrong types were reported by the schema pass. */

/** True for a plain mapping (not null, not a list). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The mapping, or undefined when the value is absent, null or not a mapping. */
export function recordOrUndefined(v: unknown): Record<string, unknown> | undefined {
  return isRecord(v) ? v : undefined;
}

/** The list, or an empty list when absent, null or not a list (the decoder's zero value). */
export function listOrEmpty(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** True when a field is set: present and not null, as the API server's decoder sees it. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}
