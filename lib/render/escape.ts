/**
 * Escaping for every renderer, in one place. Names, labels, reasons and paths come from input
 * that anyone can write (a pull request's YAML), so no value may end a table row, open an HTML
 * comment, close a code span, or move a terminal's cursor. Each output syntax has one function:
 *
 * - text (terminal, logs): control and invisible characters become visible escapes (`\x1b`);
 * - Markdown text: the same, then a backslash before every character that means something inline
 *   (CommonMark lets a backslash escape any ASCII punctuation), so no value can start emphasis, a
 *   link, HTML or a table cell;
 * - Markdown code spans: the same visible escapes, plus backtick, pipe and backslash, so a span
 *   always closes where it opened and never splits a GFM table row;
 * - Mermaid and DOT labels: their own quoting on top of the visible escapes.
 *
 * The escapes are injective where it matters (code spans escape the backslash too), so two
 * different names never render alike in a PR comment.
 */

/**
 * Characters a reader cannot see or that a terminal acts on: C0 and C1 controls, DEL, format
 * characters (bidi overrides, zero-width), line and paragraph separators, private-use and lone
 * surrogates.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu;

/** The same set plus what a code span cannot hold: backtick, pipe (GFM tables), backslash. */
const CODE_UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}`|\\]/gu;

/**
 * The ASCII punctuation that means something inline in GitHub Markdown: escapes, code spans,
 * emphasis, links and images, HTML and entities, strikethrough, math, table cells. Block markers
 * (`#`, `-`, `>` at a line start) cannot occur: values are always printed mid-line.
 */
const MARKDOWN_INLINE = /[\\`*_[\]<>&!~$|]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character as a visible escape: `\n`, `\x1b`, `\u{202e}`. */
function visible(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * A value for plain-text output (terminal, log, SARIF message): control and invisible characters
 * (newline, ESC, bidi overrides, ...) are shown as escapes, everything else as it is.
 */
export function escapeText(value: string): string {
  return value.replace(INVISIBLE, visible);
}

/**
 * A value as Markdown inline text, safe mid-line in a paragraph or a GFM table cell: visible
 * escapes for control characters, then a backslash before every inline metacharacter (so `|`,
 * `<!--`, `*`, `[` and backticks are literal).
 */
export function markdownText(value: string): string {
  return escapeText(value).replace(MARKDOWN_INLINE, (ch) => `\\${ch}`);
}

/**
 * A value as a Markdown code span, safe in a paragraph or a GFM table cell. Backtick, pipe,
 * backslash and control characters are written as visible escapes (`\x60`, `\x7c`, `\x5c`), so
 * the span holds one line, closes where it opened and never splits a table row.
 */
export function markdownCode(value: string): string {
  const body = value.replace(CODE_UNSAFE, visible);
  // A code span strips one leading and trailing space when both are present; keep them.
  const padded = body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '' ? ` ${body} ` : body;
  return body === '' ? '` `' : `\`${padded}\``;
}

/**
 * A value as a double-quoted Mermaid label: visible escapes, then Mermaid's entity codes for the
 * characters that would end or change the label (quotes, `#`, angle brackets, backticks, pipes).
 */
export function mermaidLabel(value: string): string {
  const escaped = escapeText(value).replace(/[#"<>`|]/g, (ch) => `#${ch.charCodeAt(0)};`);
  return `"${escaped}"`;
}

/** A value as a double-quoted Graphviz DOT string: visible escapes, then DOT's backslash quoting. */
export function dotLabel(value: string): string {
  return `"${escapeText(value).replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/**
 * A value as a single-quoted TypeScript (JavaScript) string literal: backslash and quote escaped,
 * control and invisible characters (line separators and bidi overrides included) as escapes, so
 * generated code holds exactly the value and a reviewer sees every character of it.
 */
export function typescriptString(value: string): string {
  return `'${value.replace(/[\\']/g, (ch) => `\\${ch}`).replace(INVISIBLE, visible)}'`;
}
