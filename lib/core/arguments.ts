/**
 * Argument checks at the public boundary: a JavaScript caller (or a TypeScript one with `any`)
 * gets an error naming the function, the parameter and what it accepts, instead of a TypeError
 * from deep inside ("reading 'trimStart'").
 */
import { NetfenceError } from './errors';

/** What a value is, for messages: `null`, `a list`, `an object`, `a string`... */
export function describeArgument(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (undefined)';
  if (Array.isArray(value)) return 'a list';
  const t = typeof value;
  return t === 'object' ? 'an object' : `a ${t}`;
}

/** Throws a NetfenceError `fn: param must be <accepts>, got <what>` unless `ok`. */
export function checkArgument(ok: boolean, fn: string, param: string, accepts: string, value: unknown): void {
  if (!ok) throw new NetfenceError(`${fn}: ${param} must be ${accepts}, got ${describeArgument(value)}`);
}

/** True for a list of loaded manifests (objects with an `object` mapping and a `locate` function). */
export function isManifestList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((m) => typeof m === 'object' && m !== null && typeof (m as { object?: unknown }).object === 'object' && typeof (m as { locate?: unknown }).locate === 'function')
  );
}
