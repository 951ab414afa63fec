import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** What one benchmark case reports from its own process. */
export interface CaseResult {
  /** Wall time of the measured operation, in milliseconds (setup excluded). */
  readonly ms: number;
  /** Peak resident memory of the whole case process, in MiB. */
  readonly peakMiB: number;
  /** Free-form figures of the case (objects, classes, digests...). */
  readonly info: Record<string, string | number | boolean>;
}

/** Times `op` (after a GC, when exposed), returning its result and milliseconds. */
export function timed<T>(op: () => T): { value: T; ms: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  const value = op();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Async variant of `timed`. */
export async function timedAsync<T>(op: () => Promise<T>): Promise<{ value: T; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  const value = await op();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** This process's peak resident memory so far, in MiB. */
export function peakMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** A digest of every file under `dir` (names and contents), to compare two outputs. */
export function digestTree(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (fs.statSync(path.join(dir, r)).isDirectory()) walk(r);
      else hash.update(`${r}\0`).update(fs.readFileSync(path.join(dir, r))).update('\0');
    }
  };
  walk('');
  return hash.digest('hex').slice(0, 16);
}

/** A digest of a string. */
export function digestText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
