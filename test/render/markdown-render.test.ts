/**
 * The Markdown that netfence prints goes into pull-request comments, where the names come from
 * the pull request itself. Rendered with a real CommonMark + GFM-tables parser (markdown-it, HTML
 * on, as GitHub parses it before sanitizing), every table keeps exactly its rows and cells and
 * every hostile name reads back exactly, whatever it holds.
 *
 * Valid input cannot carry such names (the API server's name rules, which every face enforces
 * before analysing), so the inventories here are declared in code, past validation: the
 * renderers must hold on their own, for whatever reaches them (file paths, revision labels,
 * kinds read in the future).
 */
import MarkdownIt from 'markdown-it';
import { DiffWorlds } from '../../lib/ci/diff-worlds';
import { diffConnectivity } from '../../lib/ci/connectivity-diff';
import { formatDiff } from '../../lib/ci/diff-format';
import { assembleInventory, Inventory, makePod } from '../../lib/analysis/inventory';
import { normalizePolicy } from '../../lib/analysis/normalize-policy';
import { NetworkPolicyManifest } from '../../lib/core/manifest';
import { computeMatrix } from '../../lib/analysis/matrix';
import { formatMatrix } from '../../lib/analysis/matrix-format';

const HOSTILE = [
  'a|b',
  'line\nbreak',
  '<!-- hide the rest',
  'tick`s``',
  '<img src=x onerror=alert(1)>',
  '\u001b[31mred\u001b[0m',
  'back\\slash\\|pipe',
  '**bold** [link](http://x) _u_',
  ' spaced ',
  'rtl\u202eevil',
  '| --- |',
];

const md = new MarkdownIt({ html: true, linkify: true });

/** A token of markdown-it's stream. */
type Token = ReturnType<typeof md.parse>[number];

/** Reads back a code span written with visible escapes. */
function unescapeCode(text: string): string {
  return text.replace(/\\(n|r|t|x[0-9a-f]{2}|u\{[0-9a-f]+\})/g, (_m, e: string) => {
    if (e === 'n') return '\n';
    if (e === 'r') return '\r';
    if (e === 't') return '\t';
    return String.fromCodePoint(parseInt(e.startsWith('x') ? e.slice(1) : e.slice(2, -1), 16));
  });
}

interface Table {
  readonly header: Token[][];
  readonly rows: Token[][][];
}

/** Every table of a document: per row, per cell, the inline children. */
function tables(tokens: Token[]): Table[] {
  const out: Table[] = [];
  let current: { header: Token[][]; rows: Token[][][] } | undefined;
  let inBody = false;
  let row: Token[][] | undefined;
  for (const t of tokens) {
    if (t.type === 'table_open') current = { header: [], rows: [] };
    else if (t.type === 'table_close' && current) {
      out.push(current);
      current = undefined;
    } else if (t.type === 'tbody_open') inBody = true;
    else if (t.type === 'tbody_close') inBody = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close' && current && row) {
      if (inBody) current.rows.push(row);
      else current.header = row;
    } else if (t.type === 'inline' && row && current) row.push(t.children ?? []);
  }
  return out;
}

function allChildren(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...allChildren(t.children ?? [])]);
}

const DENY: NetworkPolicyManifest = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny', namespace: 'shop' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};

/** One policy per pod, each on its own port, so that every pod is its own row of the diff. */
const openAll: NetworkPolicyManifest[] = HOSTILE.map((_, i) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: `open <!-- | \`x\` ${i}`, namespace: 'shop' },
  spec: { podSelector: { matchLabels: { app: `p${i}` } }, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 1000 + i }] }] },
}));

/** The shop namespace with one pod per hostile name, a default deny of ingress, and the given policies. */
function shop(policies: readonly NetworkPolicyManifest[] = []): Inventory {
  const pods = HOSTILE.map((name, i) => makePod('shop', name, { labels: { app: `p${i}` } }));
  const read = [DENY, ...policies].map((p) => normalizePolicy(p as unknown as Record<string, unknown>, 'shop'));
  return assembleInventory([{ name: 'shop', labels: {} }], pods, read);
}

function withOpenAll(): Inventory {
  return shop(openAll);
}

describe('diff --format md with hostile names', () => {
  const worlds: DiffWorlds = { base: shop(), head: withOpenAll(), warnings: [], policiesChanged: true, blocks: [], addresses: [], namedPorts: { ports: [], intervals: [], uncompared: [] } };
  const diff = diffConnectivity(worlds);
  const text = formatDiff(diff, 'md', { maxRows: 1000, labels: { base: 'main:`x`|<!--', head: 'head\nline' } });
  const tokens = md.parse(text, {});

  it('has exactly one table, with one row per change and four cells per row', () => {
    const expectedRows = diff.groups.filter((g) => g.kind === 'added').reduce((n, g) => n + g.changes.length, 0);
    expect(expectedRows).toBeGreaterThan(0);
    const found = tables(tokens);
    expect(found).toHaveLength(1);
    expect(found[0].header).toHaveLength(4);
    expect(found[0].rows).toHaveLength(expectedRows);
    for (const r of found[0].rows) expect(r).toHaveLength(4);
  });

  it('every hostile name reads back exactly from a code span, and no HTML comes from the input', () => {
    const inline = allChildren(tokens);
    const codes = new Set(inline.filter((t) => t.type === 'code_inline').map((t) => unescapeCode(t.content)));
    // Each pod is the destination of its own row.
    const to = tables(tokens)[0].rows.map((r) => unescapeCode(r[1].find((t) => t.type === 'code_inline')?.content ?? ''));
    expect([...new Set(to)].sort()).toEqual(HOSTILE.map((n) => `shop/${n}`).sort());
    for (const name of HOSTILE) expect(codes).toContain(`shop/${name}`);
    expect(codes).toContain('main:`x`|<!--');
    expect(codes).toContain('head\nline');
    const html = inline.filter((t) => t.type === 'html_inline' || t.type === 'html_block').map((t) => t.content);
    expect(html).toEqual(['<sub>', '</sub>']);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
  });

  it('the footer after the table is still there (nothing swallowed the rest)', () => {
    const last = tokens.filter((t) => t.type === 'inline').pop();
    expect(last?.content).toMatch(/^<sub>Exact over /);
  });

  it('the reason cells name the hostile policy literally', () => {
    const cells = tables(tokens)[0].rows.map((r) => r[3].filter((t) => t.type === 'text').map((t) => t.content).join(''));
    for (const c of cells) expect(c).toMatch(/shop\/open <!-- \| `x` \d+ ingress\[0\]/);
  });
});

describe('matrix --format md with hostile names', () => {
  const inventory = withOpenAll();
  const text = formatMatrix(computeMatrix(inventory, [{ port: 80, protocol: 'TCP' }], { externals: [] }), 'md');
  const tokens = md.parse(text, {});

  it('one table per port, a row and a column per pod, names read back exactly', () => {
    const found = tables(tokens);
    expect(found).toHaveLength(1);
    expect(found[0].header).toHaveLength(HOSTILE.length + 1);
    expect(found[0].rows).toHaveLength(HOSTILE.length);
    for (const r of found[0].rows) expect(r).toHaveLength(HOSTILE.length + 1);
    const rowNames = found[0].rows.map((r) => unescapeCode(r[0].find((t) => t.type === 'code_inline')?.content ?? ''));
    expect(rowNames.sort()).toEqual(HOSTILE.map((n) => `shop/${n}`).sort());
    expect(allChildren(tokens).filter((t) => t.type.startsWith('html'))).toEqual([]);
  });
});
