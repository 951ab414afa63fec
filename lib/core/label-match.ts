/**
 * Label selector matching, exactly as `metav1.LabelSelector` evaluates: `matchLabels` and every
 * `matchExpressions` requirement must hold (AND); `{}` matches everything.
 *
 * Whether a selector is absent or empty matters one level up (in a peer, an absent podSelector
 * means "all pods" while an absent namespaceSelector means "the policy's own namespace"); this
 * file only answers "does this present selector match these labels".
 */
import type { Labels } from './label-selector';
import { LabelSelectorManifest, LabelSelectorRequirementManifest } from './manifest';

function has(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** True when one `matchExpressions` requirement holds for the labels. */
export function requirementMatches(req: LabelSelectorRequirementManifest, labels: Labels): boolean {
  const present = has(labels, req.key);
  switch (req.operator) {
    case 'In':
      return present && (req.values ?? []).includes(labels[req.key]);
    case 'NotIn':
      // NotIn also matches objects that lack the key, as in Kubernetes.
      return !present || !(req.values ?? []).includes(labels[req.key]);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      return false;
  }
}

/** True when the (present) selector matches the labels; `{}` matches everything. */
export function selectorMatches(selector: LabelSelectorManifest, labels: Labels): boolean {
  const ml = selector.matchLabels;
  if (ml) {
    for (const key of Object.keys(ml)) {
      if (!has(labels, key) || labels[key] !== ml[key]) return false;
    }
  }
  const me = selector.matchExpressions;
  if (me) {
    for (const req of me) if (!requirementMatches(req, labels)) return false;
  }
  return true;
}

/** True when the selector has no requirement at all, so it matches every object. */
export function isMatchAll(selector: LabelSelectorManifest): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/**
 * A canonical text for a selector: equal selectors (whatever their key order, value order or
 * duplicate requirements) get the same key, so the engine evaluates each distinct selector once.
 */
export function selectorKey(selector: LabelSelectorManifest): string {
  const ml = selector.matchLabels ?? {};
  const labels = Object.keys(ml)
    .sort()
    .map((k) => `${JSON.stringify(k)}=${JSON.stringify(ml[k])}`);
  const exprs = (selector.matchExpressions ?? [])
    .map((r) => `${JSON.stringify(r.key)} ${r.operator} ${JSON.stringify([...(r.values ?? [])].sort())}`)
    .sort();
  const unique = [...new Set([...labels, ...exprs])];
  return `{${unique.join(',')}}`;
}

/** Formats a selector for humans, in the kubectl `-l` syntax (`app=web,tier in (a,b)`). */
export function formatSelector(selector: LabelSelectorManifest): string {
  const parts: string[] = [];
  const ml = selector.matchLabels ?? {};
  for (const k of Object.keys(ml).sort()) parts.push(`${k}=${ml[k]}`);
  for (const r of selector.matchExpressions ?? []) {
    const vals = (r.values ?? []).join(',');
    switch (r.operator) {
      case 'In':
        parts.push(`${r.key} in (${vals})`);
        break;
      case 'NotIn':
        parts.push(`${r.key} notin (${vals})`);
        break;
      case 'Exists':
        parts.push(r.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
    }
  }
  return parts.length === 0 ? '{}' : parts.join(',');
}
