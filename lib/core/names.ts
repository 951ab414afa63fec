import { createHash } from 'crypto';

/** The longest DNS-1123 label, and so the longest name netfence derives. */
export const MAX_DNS_LABEL = 63;

/**
 * Turns words into a readable DNS-1123 label: `Allow Frontend/web` -> `allow-frontend-web`.
 * Over-long results keep their start and end a short stable hash, so two long names that differ
 * only in the middle still differ, and reruns give the same name.
 */
export function toDnsLabel(...words: string[]): string {
  const raw = words
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-{2,}/g, '-');
  if (raw.length <= MAX_DNS_LABEL) return raw;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  const head = raw.slice(0, MAX_DNS_LABEL - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}
