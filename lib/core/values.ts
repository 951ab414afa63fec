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

/**
 * Appends every item of `items` to `target`. A spread push (`target.push(...items)`) passes each
 * item as an argument and overflows the stack past about 125,000 items; this never does.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** True when a field is set: present and not null, as the API server's decoder sees it. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}
