/** Small text helpers shared by rules. */
import { PodRecord } from '../../analysis/inventory';

const SHOWN = 3;

/** `shop/a, shop/b, shop/c and 4 more`: names a few pods, counts the rest. */
export function listPods(pods: readonly PodRecord[]): string {
  const ids = pods.map((p) => p.id);
  const head = ids.slice(0, SHOWN).join(', ');
  return ids.length > SHOWN ? `${head} and ${ids.length - SHOWN} more` : head;
}

/** `1 pod` / `2 pods`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
