/**
 * Reading Kubernetes manifests from YAML and JSON, as kubectl reads them: files, folders and
 * standard input (input-files.ts), strict UTF-8 (utf8.ts), a fast JSON path (json-manifests.ts)
 * and a YAML path (yaml-manifests.ts), both resolving values by kubectl's dialect (kube-yaml.ts).
 */
import { checkArgument, describeArgument } from '../core/arguments';
import { NetfenceError, SourceLocation } from '../core/errors';
import { InputLister, listInputFiles, readInputFile, readStandardInput, STDIN_NAME } from './input-files';
import { parseJsonManifests } from './json-manifests';
import { parseYamlManifests } from './yaml-manifests';
import { parseFastYamlManifests } from './fast-yaml-manifests';

export { MANIFEST_EXTENSIONS, MAX_INPUT_BYTES, STDIN_NAME } from './input-files';

/** A path to a value inside a manifest: object keys and array indices. */
export type FieldPath = readonly (string | number)[];

/** One Kubernetes object read from a file, with a way back to the line of any of its fields. */
export interface LoadedManifest {
  /** The parsed object, as plain JSON data. */
  readonly object: Record<string, unknown>;
  /** Where the object starts. */
  readonly source: SourceLocation;
  /** The position of the value at `fieldPath`, or of its nearest existing ancestor. */
  locate(fieldPath: FieldPath): SourceLocation;
  /**
   * The text the user wrote for the unquoted scalar at `fieldPath` (`0755` where the value is
   * 493), when the reader knows it; messages quote it instead of the converted value.
   */
  scalarText?(fieldPath: FieldPath): string | undefined;
}

/** Formats a field path the way Kubernetes error messages do: `spec.ingress[0].from[1]`. */
export function formatFieldPath(fieldPath: FieldPath): string {
  let out = '';
  for (const part of fieldPath) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** Options of `loadManifests`. */
export interface LoadOptions {
  /**
   * Reads standard input, for the input `-`.
   * @default reads file descriptor 0 to its end (at most MAX_INPUT_BYTES)
   */
  readonly stdin?: () => string;
}

/**
 * Expands files and folders into the manifest files they hold, in a stable order (inputs as
 * given, folders sorted by name, recursively, dot-files skipped), each real file once.
 */
export function listManifestFiles(inputs: readonly string[]): string[] {
  checkPaths('listManifestFiles', inputs);
  return listInputFiles(inputs);
}

function checkPaths(fn: string, inputs: unknown): asserts inputs is readonly string[] {
  const accepts = 'a list of file or folder paths (non-empty strings; "-" for standard input)';
  checkArgument(Array.isArray(inputs), fn, 'inputs', accepts, inputs);
  const bad = (inputs as unknown[]).find((p) => typeof p !== 'string' || p === '');
  if (bad !== undefined) throw new NetfenceError(`${fn}: inputs must be ${accepts}, got ${bad === '' ? 'an empty path' : `an entry that is ${describeArgument(bad)}`}`);
}

/**
 * Parses YAML (or JSON, which is YAML) text holding one or many documents, the way kubectl reads
 * it: empty documents skipped, `kind: List` unwrapped, values resolved by kubectl's YAML dialect,
 * duplicate keys refused. `file` names the source in locations.
 */
export function parseManifests(text: string, file: string): LoadedManifest[] {
  checkArgument(typeof text === 'string', 'parseManifests', 'text', 'a string of YAML or JSON', text);
  checkArgument(typeof file === 'string', 'parseManifests', 'file', 'a string naming the source (for locations)', file);
  if (text.trimStart().startsWith('{')) {
    const fast = parseJsonManifests(text, file);
    if (fast) return fast;
  }
  return parseFastYamlManifests(text, file) ?? parseYamlManifests(text, file);
}

function readStdin(options: LoadOptions): string {
  if (!options.stdin) return readStandardInput();
  try {
    return options.stdin();
  } catch (e) {
    if (e instanceof NetfenceError) throw e;
    throw new NetfenceError(`cannot read standard input: ${(e as Error).message}`, { location: { file: STDIN_NAME } });
  }
}

/**
 * Reads every manifest in the given files and folders (and `-`, standard input, read once), in
 * a stable order; each real file is read once however many inputs reach it.
 */
export function loadManifests(inputs: readonly string[], options: LoadOptions = {}): LoadedManifest[] {
  checkPaths('loadManifests', inputs);
  const out: LoadedManifest[] = [];
  const append = (list: readonly LoadedManifest[]): void => {
    for (const m of list) out.push(m);
  };
  const lister = new InputLister();
  let stdinRead = false;
  for (const input of inputs) {
    if (input !== '-') {
      for (const file of lister.add(input)) append(parseManifests(readInputFile(file), file));
    } else if (!stdinRead) {
      stdinRead = true;
      append(parseManifests(readStdin(options), STDIN_NAME));
    }
  }
  return out;
}
