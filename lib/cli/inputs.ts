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
