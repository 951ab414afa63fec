import { run } from './run-cli';
import { allowIngress, DENY_INGRESS, folder, SHOP_WORKLOADS } from '../ci/helpers';

/** A policy document with a `netfence.dev/source` annotation. */
function annotate(doc: string, source: string): string {
  return doc.replace(/metadata: \{name: ([^,]+), namespace: shop\}/, `metadata: {name: $1, namespace: shop, annotations: {netfence.dev/source: ${JSON.stringify(source)}}}`);
}

// The base admits frontend -> db (written at src/base.ts:5); the head drops that, changes it to
// another line, and adds three ingress rules to web in one file: an annotated one, a hostile
// one right after it, and a plain one.
const base = folder({ 'workloads.yaml': SHOP_WORKLOADS, 'policies.yaml': DENY_INGRESS + annotate(allowIngress('to-db', 'frontend', 'db', [5432]), 'src/base.ts:5') });
const head = folder({
  'workloads.yaml': SHOP_WORKLOADS,
  'deny.yaml': DENY_INGRESS + annotate(allowIngress('to-db', 'frontend', 'db', [5433]), 'src/head.ts:9'),
  'web.yaml':
    annotate(allowIngress('fw', 'frontend', 'web', [8080]), 'src/head.ts:7') +
    annotate(allowIngress('evil', 'frontend', 'web', [9090]), 'src/x|`y`<b>.ts:1') +
    allowIngress('plain', 'frontend', 'web', [7070]),
});

describe('provenance in diff and check', () => {
  it('text: each change says where its rules were written, from the side they belong to', async () => {
    const r = await run(['diff', base, head]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.includes('8080/TCP'))).toMatch(/admitted by shop\/fw ingress\[0\] \(written at src\/head\.ts:7\)$/);
    // The flow that closed names the base's rule, at the base's line, not the head's new one.
    expect(lines.find((l) => l.includes('5432/TCP'))).toMatch(/\(written at src\/base\.ts:5\)$/);
    // A hostile annotation and a missing one give no position (never the neighbour's).
    expect(lines.find((l) => l.includes('9090/TCP'))).not.toContain('written at');
    expect(lines.find((l) => l.includes('7070/TCP'))).not.toContain('written at');
    expect(r.stdout).not.toContain('<b>');
    // The refused annotation is named on standard error, escaped.
    expect(r.stderr).toMatch(/netfence: warning: .*web\.yaml:\d+:\d+: ignoring the annotation netfence\.dev\/source: /);
  });

  it('markdown: the position is an escaped code span; a hostile value never reaches the comment', async () => {
    const r = await run(['diff', base, head, '--format', 'md']);
    const rows = r.stdout.split('\n');
    expect(rows.find((l) => l.includes('8080/TCP'))).toMatch(/ \(written at `src\/head\.ts:7`\) \|$/);
    expect(rows.find((l) => l.includes('9090/TCP'))).not.toContain('written at');
    expect(r.stdout).not.toContain('<b>');
    expect(r.stdout).not.toContain('x|');
  });

  it('JSON: sources on the entries whose policies have one', async () => {
    const r = await run(['diff', base, head, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { added: { port: string; sources?: string[] }[]; removed: { port: string; sources?: string[] }[] };
    expect(doc.added.find((e) => e.port === '8080/TCP')?.sources).toEqual(['src/head.ts:7']);
    expect(doc.added.find((e) => e.port === '9090/TCP')?.sources).toBeUndefined();
    expect(doc.added.find((e) => e.port === '7070/TCP')?.sources).toBeUndefined();
    expect(doc.removed.find((e) => e.port === '5432/TCP')?.sources).toEqual(['src/base.ts:5']);
  });

  it('check: lists where the deciding policies were written (text and JSON)', async () => {
    const text = await run(['check', '-f', head, '--from', 'shop/frontend', '--to', 'shop/web', '--port', '8080/TCP']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('\n\nwritten at:\n  shop/fw: src/head.ts:7\n');
    const json = await run(['check', '-f', head, '--from', 'shop/frontend', '--to', 'shop/web', '--port', '8080/TCP', '--format', 'json']);
    expect((JSON.parse(json.stdout) as { sources?: unknown }).sources).toEqual({ 'shop/fw': 'src/head.ts:7' });
    const hostile = await run(['check', '-f', head, '--from', 'shop/frontend', '--to', 'shop/web', '--port', '9090/TCP']);
    // shop/evil admits it, but its annotation is refused: only the policies with a valid one are listed.
    expect(hostile.stdout).toContain('admitted by shop/evil ingress[0]');
    expect(hostile.stdout.slice(hostile.stdout.indexOf('written at:'))).toBe('written at:\n  shop/fw: src/head.ts:7\n');
  });
});
