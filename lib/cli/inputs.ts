/**
 * How every command reads its inputs: files, folders and `-` (standard input, read once per run)
 * through the loader, then, for the analysis commands, through the one reader
 * (lib/analysis/read-inputs.ts), refusing what the API server would reject unless
 * `--skip-invalid` is given, and printing every warning to standard error as
 * `netfence: warning: <where>: <what>`.
 */
import { Option } from 'commander';
import { formatInputWarning, InputRead, InputWarning, readInputs, ReadOptions, SourcedObject } from '../analysis/read-inputs';
import { LoadedManifest, loadManifests } from '../io/manifests';
import { readStandardInput } from '../io/input-files';

/**
 * The inputs of one CLI run. `-` means standard input in every option that takes paths (as in
 * kubectl); it is read once per run, whichever option names it first.
 */
export class CliInputs {
  private stdin: string | undefined;

  /** Reads standard input once; later calls get the same text. */
  public readonly readStdin = (): string => (this.stdin ??= readStandardInput());

  /** Loads files, folders and `-`, in order, each real file once. */
  public load(paths: readonly string[]): LoadedManifest[] {
    return loadManifests(paths, { stdin: this.readStdin });
  }
}

/** The flag that analyses the rest of invalid inputs, the same on every command. */
export const SKIP_INVALID_FLAG = '--skip-invalid';

/** The `--skip-invalid` option, for a command to add. */
export function skipInvalidOption(): Option {
  return new Option(
    SKIP_INVALID_FLAG,
    'analyse without the objects the API server would reject (a warning names each) instead of refusing the inputs (exit 2)',
  );
}

/** Prints warnings to standard error, one per line. */
export function printWarnings(warnings: readonly InputWarning[]): void {
  for (const w of warnings) process.stderr.write(`netfence: warning: ${formatInputWarning(w)}\n`);
}

/** Reads inputs for a command and prints the warnings; throws InvalidInputError (exit 2) on invalid objects. */
export function readCommandInputs(manifests: readonly SourcedObject[], options: ReadOptions & { readonly skipInvalid?: boolean }): InputRead {
  const read = readInputs(manifests, options);
  printWarnings(read.warnings);
  return read;
}
