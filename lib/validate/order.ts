/** Document order for findings, so that output is deterministic and reads top to bottom. */
import { FieldPath } from '../io/manifests';
import { ValidationFinding } from './finding';
import { isRecord } from '../core/values';

/**
 * The position of a path in the object as a sortable tuple: at each step the index of the key
 * among its parent's keys (insertion order, i.e. the order of the YAML or JSON text) or the list
 * index; a missing key sorts first, at its parent's start.
 */
function positionOf(root: unknown, path: FieldPath): number[] {
  const pos: number[] = [];
  let node: unknown = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') {
      pos.push(key);
      node = node[key];
    } else if (isRecord(node)) {
      const i = Object.keys(node).indexOf(String(key));
      pos.push(i);
      node = i < 0 ? undefined : node[String(key)];
    } else {
      pos.push(-1);
      node = undefined;
    }
  }
  return pos;
}

function compare(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Sorts findings by where their field is in `root` (a parent before its children); stable. */
export function sortInDocumentOrder(root: unknown, findings: readonly ValidationFinding[]): ValidationFinding[] {
  if (findings.length < 2) return [...findings];
  const keyed = findings.map((f, i) => ({ f, i, pos: positionOf(root, f.path) }));
  keyed.sort((x, y) => compare(x.pos, y.pos) || x.i - y.i);
  return keyed.map((k) => k.f);
}
