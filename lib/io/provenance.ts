/**
 * Reading provenance back from manifests: the `netfence.dev/source` and
 * `netfence.dev/construct-path` annotations that `netfence synth --provenance` writes.
 *
 * In a pull request the YAML is the author's to write, annotations included, so a value is used
 * only when it has exactly the shape netfence writes: a relative '/'-separated path of a source
 * file (.ts, .js and their variants) with no `.` or `..` segment, no scheme, drive, backslash or
 * control character, then `:` and a line number. Anything else is ignored with a warning, and
 * every face keeps the YAML position next to the one the annotation gives.
 */
import { SourceLocation } from '../core/errors';
import { isRecord } from '../core/values';
import { escapeText } from '../render/escape';
import { LoadedManifest } from './manifests';

/** The annotation holding `file:line`, the file relative to the project root. */
export const SOURCE_ANNOTATION = 'netfence.dev/source';

/** The annotation holding the construct path of the object. */
export const CONSTRUCT_PATH_ANNOTATION = 'netfence.dev/construct-path';

const MAX_PATH = 512;
const MAX_LINE = 9_999_999;
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
// Letters, digits and the punctuation file names use; no ':', '\', '%', quotes, brackets, '|',
// '`', '<', '>', '*', '?', '#', '~' at the start, and no control or invisible character.
const PATH_CHARS = /^[\p{L}\p{N}\p{M} ._@+,=()-]+$/u;
const CONSTRUCT_PATH_CHARS = /^[\p{L}\p{N}\p{M} ._@+,=()/:#-]+$/u;

/** What reading one object's provenance gave: a source position, and why a value was ignored. */
export interface ProvenanceRead {
  /** The user's line (file relative to the project root) and the construct path, when valid. */
  readonly source?: SourceLocation;
  /** Why an annotation was ignored, when one was. */
  readonly problems: readonly string[];
}

/** The path part of `netfence.dev/source` when it is a safe relative source-file path. */
function safeRelativePath(p: string): string | undefined {
  if (p.length === 0 || p.length > MAX_PATH || !SOURCE_FILE.test(p)) return undefined;
  const segments = p.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || !PATH_CHARS.test(s) || s.startsWith('~'))) return undefined;
  return p;
}

/** Parses `path/file.ts:12` as netfence writes it; undefined when it is anything else. */
export function parseSourceAnnotation(value: unknown): SourceLocation | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(.*):([1-9][0-9]*)$/.exec(value);
  if (!m) return undefined;
  const line = Number(m[2]);
  const file = safeRelativePath(m[1]);
  if (file === undefined || line > MAX_LINE) return undefined;
  return { file, line };
}

/** Parses a construct path annotation: '/'-separated non-empty ids of printable characters. */
export function parseConstructPathAnnotation(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) return undefined;
  if (!CONSTRUCT_PATH_CHARS.test(value) || value.split('/').some((s) => s === '')) return undefined;
  return value;
}

/** The provenance an object's annotations declare, validated (see the module comment). */
export function readProvenance(object: Record<string, unknown>): ProvenanceRead {
  const meta = isRecord(object.metadata) ? object.metadata : undefined;
  const annotations = meta !== undefined && isRecord(meta.annotations) ? meta.annotations : undefined;
  if (annotations === undefined) return { problems: [] };
  const problems: string[] = [];
  const rawSource = annotations[SOURCE_ANNOTATION];
  const rawPath = annotations[CONSTRUCT_PATH_ANNOTATION];
  const source = rawSource === undefined ? undefined : parseSourceAnnotation(rawSource);
  if (rawSource !== undefined && source === undefined) {
    problems.push(`ignoring the annotation ${SOURCE_ANNOTATION}: ${escapeText(JSON.stringify(rawSource) ?? String(rawSource))} is not a relative source file and a line (e.g. src/main.ts:12)`);
  }
  const constructPath = rawPath === undefined ? undefined : parseConstructPathAnnotation(rawPath);
  if (rawPath !== undefined && constructPath === undefined) {
    problems.push(`ignoring the annotation ${CONSTRUCT_PATH_ANNOTATION}: ${escapeText(JSON.stringify(rawPath) ?? String(rawPath))} is not a construct path (ids separated by /)`);
  }
  if (source === undefined) return { problems };
  return { source: constructPath === undefined ? source : { ...source, constructPath }, problems };
}

/**
 * Finds the provenance of the object a YAML position belongs to: the manifest of the same file
 * that starts last at or before the position (documents are contiguous). Built once per run.
 */
export class ProvenanceIndex {
  // Every object of a file, with or without provenance: a position belongs to the nearest one.
  private readonly byFile = new Map<string, { line: number; source: SourceLocation | undefined }[]>();
  /** What was ignored, with where (`file:line` of the object). */
  public readonly problems: { readonly message: string; readonly location: SourceLocation }[] = [];

  public constructor(manifests: readonly LoadedManifest[]) {
    for (const m of manifests) {
      const read = readProvenance(m.object);
      for (const message of read.problems) this.problems.push({ message, location: m.source });
      const file = m.source.file;
      if (file === undefined) continue;
      const list = this.byFile.get(file) ?? [];
      list.push({ line: m.source.line ?? 0, source: read.source });
      this.byFile.set(file, list);
    }
    for (const list of this.byFile.values()) list.sort((a, b) => a.line - b.line);
  }

  /** The source of the object at this YAML position, when its manifest declares a valid one. */
  public sourceAt(location: SourceLocation): SourceLocation | undefined {
    const list = location.file === undefined ? undefined : this.byFile.get(location.file);
    if (list === undefined) return undefined;
    const line = location.line ?? 0;
    // Binary search for the last object starting at or before the line.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].line <= line) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : list[lo - 1].source;
  }
}
