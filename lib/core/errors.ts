/** Where a piece of input came from: a file position, a construct path, or both. */
export interface SourceLocation {
  /** The file the input was read from, as given by the user. */
  readonly file?: string;
  /** 1-based line in the file. */
  readonly line?: number;
  /** 1-based column in the file. */
  readonly column?: number;
  /** The construct path (`chart/id`) that produced the object, for synthesized input. */
  readonly constructPath?: string;
}

/** Formats a location as `file:line:column` or the construct path, for error messages. */
export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return '<unknown>';
  if (loc.file !== undefined) {
    let s = loc.file;
    if (loc.line !== undefined) s += `:${loc.line}`;
    if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`;
    return s;
  }
  return loc.constructPath ?? '<unknown>';
}

/**
 * The error netfence throws for bad input. Its message already names the place and the fix;
 * the structured fields let tools (CLI exit codes, SARIF) use them without parsing text.
 */
export class NetfenceError extends Error {
  /** Where the bad input was. */
  public readonly location?: SourceLocation;
  /** The field path inside the object, e.g. `spec.ingress[0].ports[0].port`. */
  public readonly field?: string;

  public constructor(message: string, options: { location?: SourceLocation; field?: string } = {}) {
    const where = options.location ? `${formatLocation(options.location)}: ` : '';
    const field = options.field ? `${options.field}: ` : '';
    super(`${where}${field}${message}`);
    this.name = 'NetfenceError';
    this.location = options.location;
    this.field = options.field;
  }
}
