/** Exit code: the command succeeded (valid input, allowed flow, no findings). */
export const EXIT_OK = 0;
/** Exit code: the answer is "no" (denied flow, invalid manifests, lint findings, drift). */
export const EXIT_NEGATIVE = 1;
/** Exit code: the input could not be read or the arguments were wrong. */
export const EXIT_BAD_INPUT = 2;
