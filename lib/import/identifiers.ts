/**
 * Readable identifiers for generated code: fields named after what they hold (`frontend`,
 * `monitoringPrometheus`), classes after their namespace (`ShopPolicies`), never a hash. Names
 * that would clash (with each other, with a Chart's own members, with reserved words) take the
 * next, more specific candidate, then a number.
 */
import { Chart } from 'cdk8s';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
    'private protected public await arguments eval undefined constructor prototype'
  ).split(' '),
);

/** Members every Chart has (`node`, `namespace`, `labels`, `toJson`, ...): a field must not shadow them. */
function chartMembers(): Set<string> {
  const out = new Set<string>(['node', 'namespace', 'labels', 'apiObjects']);
  for (let p: object | null = Chart.prototype; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const k of Object.getOwnPropertyNames(p)) out.add(k);
  }
  return out;
}

let CHART_MEMBERS: Set<string> | undefined;

/** The words of a text: runs of letters and digits. */
function wordsOf(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
}

/** `['monitoring', 'prometheus']` -> `monitoringPrometheus`; starts with a letter. */
export function camelCase(words: readonly string[]): string {
  const parts = words.flatMap(wordsOf);
  const out = parts.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (out === '') return 'pods';
  return /^[0-9]/.test(out) ? `pods${out.charAt(0).toUpperCase()}${out.slice(1)}` : out;
}

/** `kube-system` -> `KubeSystem`; starts with a letter. */
export function pascalCase(words: readonly string[]): string {
  const c = camelCase(words);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** Hands out unique identifiers from lists of candidates. */
export class IdentifierPool {
  private readonly used = new Set<string>();

  /** A pool that also avoids a Chart's own members (for chart fields). */
  public static forChartFields(): IdentifierPool {
    const pool = new IdentifierPool();
    CHART_MEMBERS ??= chartMembers();
    for (const m of CHART_MEMBERS) pool.used.add(m);
    return pool;
  }

  /** Marks names as taken. */
  public reserve(...names: string[]): void {
    for (const n of names) this.used.add(n);
  }

  /** The first free candidate (reserved words never are), else the first with a number. */
  public take(candidates: readonly string[]): string {
    for (const c of candidates) {
      if (!this.used.has(c) && !RESERVED.has(c)) {
        this.used.add(c);
        return c;
      }
    }
    const base = candidates[0];
    for (let i = 2; ; i++) {
      const c = `${base}${i}`;
      if (!this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
  }
}
