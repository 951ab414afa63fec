/**
 * Every label map a family of selectors can tell apart, as a finite partition: two label maps of
 * one region are matched by exactly the same selectors of the family, and every label map of the
 * world (any keys, any values) lies in some region. Each region comes with one witness label map.
 *
 * Why it is exact: a selector only ever asks, key by key, whether a label is absent, equal to
 * one of the values the selector lists, or something else (In, NotIn, Exists, DoesNotExist and
 * matchLabels are all of that form). So per key the values that matter are "absent", each value
 * some selector of the family names, and "any other value"; keys no selector names never
 * matter. A selector is then a box (per key, a set of those values) and the regions are the
 * boxes that splitting the whole space by every selector leaves. Each split keeps the boxes
 * disjoint, so there is no need to enumerate the (exponential) product of the keys' values.
 */
import { NetfenceError } from '../core/errors';
import { Labels } from '../core/label-selector';
import { LabelSelectorManifest } from '../core/manifest';
import { requirementsOf } from '../core/selector-logic';

/** One region of the partition. */
export interface LabelRegion {
  /** A label map in the region. */
  readonly labels: Labels;
  /**
   * Keys whose value in `labels` stands for "any value no selector of the family names"; a
   * caller that needs distinct values (namespace names) may replace them with any such value.
   */
  readonly unnamed: ReadonlySet<string>;
}

/** Options of `partitionLabels`. */
export interface LabelPartitionOptions {
  /**
   * A key every label map carries (a namespace's `kubernetes.io/metadata.name`): its regions
   * never include "absent".
   */
  readonly requiredKey?: string;
  /** Values of `requiredKey` to tell apart even if no selector names them (the namespaces of policies). */
  readonly requiredValues?: readonly string[];
  /**
   * Refuse families whose partition grows beyond this many regions.
   * @default 20000
   */
  readonly maxRegions?: number;
}

const ABSENT = 1n;

interface KeyDomain {
  readonly key: string;
  /** The values some selector names, sorted; bit i + 1 stands for values[i]. */
  readonly values: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Every bit: absent, each value, and "other" (the last bit). */
  readonly full: bigint;
}

/** A selector as a box: per key index, the allowed bits; undefined keys are unconstrained. */
type Constraint = ReadonlyMap<number, bigint>;

function bit(i: number): bigint {
  return 1n << BigInt(i);
}

function valueBits(domain: KeyDomain, values: readonly string[]): bigint {
  let m = 0n;
  for (const v of values) {
    const i = domain.index.get(v);
    if (i !== undefined) m |= bit(i + 1);
  }
  return m;
}

function lowestBit(m: bigint): number {
  let i = 0;
  while (((m >> BigInt(i)) & 1n) === 0n) i++;
  return i;
}

/** A value of the key that no selector names: `other`, or `other-2`, ... when those are named. */
export function unnamedValue(named: ReadonlySet<string> | readonly string[], base = 'other'): string {
  const taken = named instanceof Set ? named : new Set(named as readonly string[]);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * The regions of label maps the selectors tell apart, in a deterministic order, with a witness
 * each. Selectors no labels satisfy split nothing (they match no region).
 */
export function partitionLabels(selectors: readonly LabelSelectorManifest[], options: LabelPartitionOptions = {}): LabelRegion[] {
  const maxRegions = options.maxRegions ?? 20000;
  const valuesByKey = new Map<string, Set<string>>();
  const note = (key: string, values: readonly string[]): void => {
    let set = valuesByKey.get(key);
    if (!set) valuesByKey.set(key, (set = new Set()));
    for (const v of values) set.add(v);
  };
  const reqLists = selectors.map(requirementsOf);
  for (const reqs of reqLists) for (const r of reqs) note(r.key, r.values ?? []);
  if (options.requiredKey !== undefined) note(options.requiredKey, options.requiredValues ?? []);
  const keys = [...valuesByKey.keys()].sort();
  const domains: KeyDomain[] = keys.map((key) => {
    const values = [...(valuesByKey.get(key) ?? [])].sort();
    return { key, values, index: new Map(values.map((v, i) => [v, i])), full: bit(values.length + 2) - 1n };
  });
  const keyIndex = new Map(keys.map((k, i) => [k, i]));

  const constraintOf = (reqs: ReturnType<typeof requirementsOf>): Constraint | undefined => {
    const out = new Map<number, bigint>();
    for (const r of reqs) {
      const k = keyIndex.get(r.key)!;
      const d = domains[k];
      let m: bigint;
      switch (r.operator) {
        case 'In':
          m = valueBits(d, r.values ?? []);
          break;
        case 'NotIn':
          m = d.full & ~valueBits(d, r.values ?? []);
          break;
        case 'Exists':
          m = d.full & ~ABSENT;
          break;
        case 'DoesNotExist':
          m = ABSENT;
          break;
        default:
          m = 0n;
      }
      const merged = (out.get(k) ?? d.full) & m;
      if (merged === 0n) return undefined;
      out.set(k, merged);
    }
    return out;
  };

  const initial = domains.map((d) => (d.key === options.requiredKey ? d.full & ~ABSENT : d.full));
  if (options.requiredKey !== undefined && options.requiredValues !== undefined) {
    // Each required value is a region of its own (a namespace's policies apply by its name).
    for (const v of options.requiredValues) reqLists.push([{ key: options.requiredKey, operator: 'In', values: [v] }]);
  }
  let boxes: bigint[][] = [initial];
  const seen = new Set<string>();
  for (const reqs of reqLists) {
    if (reqs.length === 0) continue;
    const c = constraintOf(reqs);
    if (c === undefined) continue;
    const key = [...c].map(([k, m]) => `${k}:${m.toString(16)}`).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const next: bigint[][] = [];
    for (const box of boxes) {
      let inside = true;
      let disjoint = false;
      for (const [k, m] of c) {
        const inter = box[k] & m;
        if (inter === 0n) {
          disjoint = true;
          break;
        }
        if (inter !== box[k]) inside = false;
      }
      if (disjoint || inside) {
        next.push(box);
        continue;
      }
      // box \ c as disjoint pieces: the first key outside c, then inside it and outside the next, ...
      const cur = box.slice();
      for (const [k, m] of c) {
        const out = cur[k] & ~m;
        if (out !== 0n) {
          const piece = cur.slice();
          piece[k] = out;
          next.push(piece);
        }
        cur[k] &= m;
      }
      next.push(cur);
    }
    if (next.length > maxRegions) {
      throw new NetfenceError(
        `the selectors tell apart more than ${maxRegions} kinds of label sets; too many to compare class by class (split the policies into smaller sets)`,
      );
    }
    boxes = next;
  }

  return boxes.map((box) => {
    const labels: Record<string, string> = {};
    const unnamed = new Set<string>();
    box.forEach((m, k) => {
      const d = domains[k];
      const i = lowestBit(m);
      if (i === 0) return;
      const key = d.key;
      let value: string;
      if (i <= d.values.length) value = d.values[i - 1];
      else {
        value = unnamedValue(d.values);
        unnamed.add(key);
      }
      Object.defineProperty(labels, key, { value, enumerable: true, writable: true, configurable: true });
    });
    return { labels, unnamed };
  });
}
