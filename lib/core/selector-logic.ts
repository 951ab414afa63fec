/**
 * Provable facts about label selectors without looking at any object: "every object this
 * selector matches, that one matches too", and "this selector picks namespaces by name".
 * Lint only reports what it can prove, so these answer `false`/`undefined` when unsure.
 */
import { LabelSelectorManifest, LabelSelectorRequirementManifest } from './manifest';
import { NAMESPACE_NAME_LABEL } from './peer';

/** A selector as a flat list of requirements: `matchLabels` k=v becomes `k In [v]`. */
export function requirementsOf(selector: LabelSelectorManifest): LabelSelectorRequirementManifest[] {
  const out: LabelSelectorRequirementManifest[] = Object.keys(selector.matchLabels ?? {})
    .sort()
    .map((key) => ({ key, operator: 'In', values: [(selector.matchLabels ?? {})[key]] }));
  return [...out, ...(selector.matchExpressions ?? [])];
}

function implies(narrow: LabelSelectorRequirementManifest, broad: LabelSelectorRequirementManifest): boolean {
  if (narrow.key !== broad.key) return false;
  const nv = narrow.values ?? [];
  const bv = broad.values ?? [];
  switch (broad.operator) {
    case 'In':
      return narrow.operator === 'In' && nv.every((v) => bv.includes(v));
    case 'NotIn':
      return (
        (narrow.operator === 'In' && nv.every((v) => !bv.includes(v))) ||
        (narrow.operator === 'NotIn' && bv.every((v) => nv.includes(v))) ||
        narrow.operator === 'DoesNotExist'
      );
    case 'Exists':
      return narrow.operator === 'In' || narrow.operator === 'Exists';
    case 'DoesNotExist':
      return narrow.operator === 'DoesNotExist';
    default:
      return false;
  }
}

/**
 * True when every label set `narrow` matches is also matched by `broad`, proved requirement by
 * requirement: each requirement of `broad` is implied by one requirement of `narrow`.
 */
export function selectorSubsumes(broad: LabelSelectorManifest, narrow: LabelSelectorManifest): boolean {
  const n = requirementsOf(narrow);
  return requirementsOf(broad).every((b) => n.some((r) => implies(r, b)));
}

/**
 * The namespace names a selector is pinned to through `kubernetes.io/metadata.name` (`=` or
 * `In`), or undefined when it selects by other means too or instead.
 */
export function namespaceNamesOf(selector: LabelSelectorManifest): readonly string[] | undefined {
  const reqs = requirementsOf(selector);
  if (reqs.length !== 1) return undefined;
  const [r] = reqs;
  return r.key === NAMESPACE_NAME_LABEL && r.operator === 'In' ? [...(r.values ?? [])].sort() : undefined;
}
