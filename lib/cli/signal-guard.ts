import { WriteCancelled } from '../synth/output-folder';
import { EXIT_SIGINT, EXIT_SIGTERM } from './exit-codes';

/**
 * Catches SIGINT and SIGTERM while a command writes, so that it can stop between two files,
 * remove what it staged and leave the output folder as it was, instead of dying mid-write.
 */
export class SignalGuard {
  /** The first signal received, if any. */
  public received: NodeJS.Signals | undefined;
  /** Aborted on the first signal (stops a running app command). */
  public readonly controller = new AbortController();
  private readonly handlers: [NodeJS.Signals, () => void][] = [];

  public constructor() {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      const handler = (): void => {
        this.received ??= sig;
        this.controller.abort();
      };
      process.on(sig, handler);
      this.handlers.push([sig, handler]);
    }
  }

  /** Lets pending signals be delivered, then throws WriteCancelled if one arrived. */
  public async checkpoint(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.received) throw new WriteCancelled(this.received);
  }

  /** Removes the handlers: signals act as usual again. */
  public dispose(): void {
    for (const [sig, handler] of this.handlers.splice(0)) process.removeListener(sig, handler);
  }
}

/** The exit code for a run stopped by a signal, as a shell reports it. */
export function signalExitCode(signal: string): number {
  return signal === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT;
}
