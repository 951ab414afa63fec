/**
 * Renders a matrix for people and programs: `json` (the pair-level contract of the CLI), `text`
 * and `md` (a grid per port), and `summary` (counts and class-level connectivity, which never
 * materializes the pod-by-pod matrix and so scales to clusters whose matrix cannot be printed).
 */
import { NetfenceError } from '../core/errors';
import { escapeText, markdownCode, markdownText } from '../render/escape';
import { endpointName } from './endpoint';
import { EquivalenceClass } from './equivalence-classes';
import { cellOutcome, ClassMatrix, classOutcome, MatrixColumn, matrixToJson, summarizeMatrix } from './matrix';
import { Outcome } from './outcome';

/** The output formats of `netfence matrix`. */
export type MatrixFormat = 'text' | 'json' | 'md' | 'summary';

/** The formats, for argument validation. */
export const MATRIX_FORMATS: readonly MatrixFormat[] = ['text', 'json', 'md', 'summary'];

/** The mark of each outcome in a grid, and of a cell no policy decides. */
type Marks = Readonly<Record<Outcome | 'none', string>>;

const TEXT_MARKS: Marks = { allowed: 'X', denied: '.', 'implementation-defined': '?', 'depends-on-dns': 'D', none: '-' };
const MARKDOWN_MARKS: Marks = { allowed: '✅', denied: '❌', 'implementation-defined': '❓', 'depends-on-dns': '🌐', none: '' };

function grid(matrix: ClassMatrix, column: MatrixColumn, marks: Marks): { rowNames: string[]; colNames: string[]; rows: string[][]; undecided: boolean } {
  const names = matrix.model.endpoints.map(endpointName);
  let undecided = false;
  const rows = matrix.rows.map((i) =>
    matrix.cols.map((j) => {
      const o = cellOutcome(matrix, column, i, j);
      if (o === 'implementation-defined' || o === 'depends-on-dns') undecided = true;
      return marks[o ?? 'none'];
    }),
  );
  return { rowNames: matrix.rows.map((i) => names[i]), colNames: matrix.cols.map((j) => names[j]), rows, undecided };
}

/** A plain-text grid per port: rows are sources, columns destinations (numbered, with a legend). */
export function formatMatrixText(matrix: ClassMatrix): string {
  const out: string[] = [];
  for (const column of matrix.columns) {
    const g = grid(matrix, column, TEXT_MARKS);
    const rowNames = g.rowNames.map(escapeText);
    const colNames = g.colNames.map(escapeText);
    const rows = g.rows;
    const nameWidth = rowNames.reduce((w, n) => Math.max(w, n.length), 4);
    const colWidth = Math.max(2, String(colNames.length).length + 1);
    const more = g.undecided ? ', ? implementation-defined, D depends on DNS' : '';
    out.push(`${escapeText(column.label)}: row may connect to column (X allowed, . denied${more}, - not evaluated)`);
    if (matrix.rows !== matrix.cols) colNames.forEach((n, j) => out.push(`  column ${j + 1}: ${n}`));
    out.push(`${'from \\ to'.padEnd(nameWidth + 5)}${colNames.map((_, j) => String(j + 1).padStart(colWidth)).join('')}`);
    rows.forEach((row, i) => {
      out.push(`${String(i + 1).padStart(3)}  ${rowNames[i].padEnd(nameWidth)}${row.map((c) => c.padStart(colWidth)).join('')}`);
    });
    out.push('');
  }
  return out.join('\n');
}

/** A markdown table per port. */
export function formatMatrixMarkdown(matrix: ClassMatrix): string {
  const out: string[] = [];
  for (const column of matrix.columns) {
    const { rowNames, colNames, rows, undecided } = grid(matrix, column, MARKDOWN_MARKS);
    out.push(`### ${markdownText(column.label)}`, '');
    if (undecided) out.push('❓ implementation-defined (cluster policies of one priority decide differently), 🌐 depends on DNS', '');
    out.push(`| from \\ to | ${colNames.map(markdownCode).join(' | ')} |`);
    out.push(`|---|${colNames.map(() => ':---:').join('|')}|`);
    rows.forEach((row, i) => out.push(`| ${markdownCode(rowNames[i])} | ${row.join(' | ')} |`));
    out.push('');
  }
  return out.join('\n');
}

const isExternal = (c: EquivalenceClass): boolean => c.representative.kind === 'external';

/** The summary: per port, allowed pairs, and per class of indistinguishable endpoints its reach. */
export function formatMatrixSummary(matrix: ClassMatrix, maxExamples = 3): string {
  const { model } = matrix;
  if (matrix.columns.length !== matrix.ports.length || matrix.rows.length !== model.endpoints.length || matrix.cols.length !== model.endpoints.length) {
    throw new NetfenceError('--format summary counts every pair on numeric ports; drop --from/--to and named ports, or use another format');
  }
  const pods = model.endpoints.filter((e) => e.kind === 'pod').length;
  const externals = model.endpoints.length - pods;
  const out: string[] = [
    `${pods} pods, ${externals} external addresses, ${model.classes.length} classes of indistinguishable endpoints, ${model.inventory.policies.length} policies`,
    '',
  ];
  const summaries = summarizeMatrix(matrix);
  summaries.forEach((s, k) => {
    const pct = s.totalPairs === 0 ? 0 : (100 * s.allowedPairs) / s.totalPairs;
    const undecided = s.undecidedPairs > 0 ? `; ${s.undecidedPairs} implementation-defined or dependent on DNS` : '';
    out.push(`${matrix.columns[k].label}: ${s.allowedPairs} of ${s.totalPairs} ordered pairs allowed (${pct.toFixed(1)}%)${undecided}`);
    const pc = matrix.connectivity[k];
    const small = model.classes.length <= 40;
    model.classes.forEach((c) => {
      const ex = c.members.slice(0, maxExamples).map((m) => escapeText(endpointName(m))).join(', ');
      const more = c.members.length > maxExamples ? `, ... (${c.members.length})` : c.members.length > 1 ? ` (${c.members.length})` : '';
      let line = `  C${c.index + 1} [${ex}${more}]: reaches ${s.reachOut[c.index]}, reached by ${s.reachIn[c.index]}`;
      if (small) {
        const to = model.classes
          .filter((d) => !(isExternal(c) && isExternal(d)))
          .map((d) => ({ d, o: classOutcome(pc, c.index, d.index) }))
          .filter((x) => x.o !== 'denied')
          .map((x) => `C${x.d.index + 1}${x.o === 'implementation-defined' ? '?' : x.o === 'depends-on-dns' ? '(DNS)' : ''}`);
        line += `; -> ${to.length > 0 ? to.join(' ') : 'none'}`;
      }
      out.push(line);
    });
    out.push('');
  });
  return out.join('\n');
}

/** Formats a matrix in one of the CLI's formats. */
export function formatMatrix(matrix: ClassMatrix, format: MatrixFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(matrixToJson(matrix)) + '\n';
    case 'md':
      return formatMatrixMarkdown(matrix);
    case 'summary':
      return formatMatrixSummary(matrix);
    default:
      return formatMatrixText(matrix);
  }
}
