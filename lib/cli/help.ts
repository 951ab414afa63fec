/** The `Examples:` block every command's help ends with. */
export function helpExamples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}
