/** Exit code: the command succeeded (valid input, allowed flow, no findings, up to date). */
export const EXIT_OK = 0;
/** Exit code: the answer is "no" (denied flow, invalid manifests, lint findings, drift, `--fail-on`). */
export const EXIT_NEGATIVE = 1;
/** Exit code: bad input or environment: an unreadable or invalid file, a wrong argument, an app that fails. */
export const EXIT_BAD_INPUT = 2;
/** Exit code: a bug in netfence itself; the message asks for a report. */
export const EXIT_INTERNAL = 3;
/**
 * Exit code: the engine cannot answer part of the question (`check`): some flow is
 * implementation-defined (cluster policies of one tier and priority decide it differently) or
 * depends on DNS. Neither "allowed" (0) nor "denied" (1), so no script reads it as either.
 */
export const EXIT_UNDECIDED = 4;
/** Exit code after SIGINT, as shells report it (128 + 2); nothing was written. */
export const EXIT_SIGINT = 130;
/** Exit code after SIGTERM (128 + 15); nothing was written. */
export const EXIT_SIGTERM = 143;
/** Exit code when the reader of standard output closed it early (128 + SIGPIPE, as shells report it). */
export const EXIT_OUTPUT_CLOSED = 141;
