import { SourceLocation } from '../core/errors';

/** A source location, or a way to compute it when (and if) a message needs it. */
export type SourceInput = SourceLocation | (() => SourceLocation | undefined);

/**
 * Gives a record a `source` property. A function is called on first read only: finding a line
 * number can mean re-reading a whole file (JSON input is parsed without positions), and most
 * records never appear in a message.
 */
export function withSource<T extends object>(record: T, source: SourceInput | undefined): T & { readonly source?: SourceLocation } {
  if (source === undefined) return record;
  if (typeof source !== 'function') return Object.assign(record, { source });
  let cached: SourceLocation | undefined;
  let known = false;
  return Object.defineProperty(record, 'source', {
    enumerable: true,
    get: () => {
      if (!known) {
        cached = source();
        known = true;
      }
      return cached;
    },
  }) as T & { readonly source?: SourceLocation };
}
