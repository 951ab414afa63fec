/**
 * Inventories from manifests, for callers that want only the inventory: both go through
 * {@link readInputs} (validation, duplicates, the kinds rule) and refuse inputs the API server
 * would reject. Use readInputs itself for the warnings and for `skipInvalid`.
 */
import { SourceLocation } from '../core/errors';
import { FieldPath, LoadedManifest } from '../io/manifests';
import { Inventory } from './inventory';
import { readInputs, ReadOptions } from './read-inputs';
import { checkArgument, isManifestList } from '../core/arguments';

/** Builds an inventory from manifests read by `loadManifests`; errors name file and line. */
export function inventoryFromManifests(manifests: readonly LoadedManifest[], options: ReadOptions = {}): Inventory {
  checkArgument(isManifestList(manifests), 'inventoryFromManifests', 'manifests', 'a list of loaded manifests (from loadManifests or parseManifests)', manifests);
  return readInputs(manifests, options).inventory;
}

/**
 * Builds an inventory from plain manifest objects (e.g. synthesized from a cdk8s App in memory).
 * `describe` may name each object for error messages (a construct path, say).
 */
export function inventoryFromObjects(
  objects: readonly Record<string, unknown>[],
  describe?: (object: Record<string, unknown>, index: number) => SourceLocation | undefined,
  options: ReadOptions = {},
): Inventory {
  return readInputs(objectSources(objects, describe), options).inventory;
}

/** Plain objects as sourced objects: every field is located at the object's description. */
export function objectSources(
  objects: readonly Record<string, unknown>[],
  describe?: (object: Record<string, unknown>, index: number) => SourceLocation | undefined,
): { object: Record<string, unknown>; locate: (p: FieldPath) => SourceLocation | undefined }[] {
  return objects.map((object, i) => {
    const loc = describe?.(object, i);
    return { object, locate: () => loc };
  });
}
