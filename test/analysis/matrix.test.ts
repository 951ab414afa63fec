import { InventoryBuilder } from '../../lib/analysis/inventory';
import { computeMatrix, matrixLookup, matrixToJson, summarizeMatrix, MatrixJson } from '../../lib/analysis/matrix';
import { formatMatrix } from '../../lib/analysis/matrix-format';
import { naiveMatrix } from '../../lib/analysis/naive-matrix';
import { buildClassModel } from '../../lib/analysis/equivalence-classes';
import { externalEndpoint } from '../../lib/analysis/endpoint';
import { np } from './helpers';

const http = { port: 80, protocol: 'TCP' as const };
const dns = { port: 53, protocol: 'UDP' as const };

function shop(): InventoryBuilder {
  const b = new InventoryBuilder().namespace('a', { team: 'x' }).namespace('b', { team: 'y' });
  for (let i = 0; i < 4; i++) b.pod(`a/web-${i}`, { labels: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] });
  b.pod('a/db', { labels: { app: 'db' } });
  for (let i = 0; i < 3; i++) b.pod(`b/client-${i}`, { labels: { app: 'client' } });
  b.pod('b/other', { labels: { app: 'other' } });
  b.policy(np('a', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
  b.policy(np('a', 'web-from-clients', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 'http' }] }] }));
  b.policy(np('a', 'web-to-db', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }, { ports: [{ port: 53, protocol: 'UDP' }] }] }));
  b.policy(np('a', 'db-from-web', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] }));
  return b;
}

function countPairs(json: MatrixJson, port: string): number {
  let n = 0;
  for (const row of Object.values(json.allowed)) for (const cell of Object.values(row)) if (cell.includes(port)) n++;
  return n;
}

describe('computeMatrix', () => {
  it('groups pods no selector can tell apart into one class', () => {
    const model = buildClassModel(shop().build(), [externalEndpoint('1.2.3.4')]);
    const sizes = model.classes.map((c) => c.members.length).sort();
    // web x4, client x3, db, other, and the external address.
    expect(sizes).toEqual([1, 1, 1, 3, 4]);
    expect(model.endpoints.map((e) => (e.kind === 'pod' ? e.pod.id : e.ip))).toEqual([
      'a/db', 'a/web-0', 'a/web-1', 'a/web-2', 'a/web-3', 'b/client-0', 'b/client-1', 'b/client-2', 'b/other', '1.2.3.4',
    ]);
  });

  it('keeps pods apart when a named port resolves differently on them', () => {
    const inv = new InventoryBuilder()
      .pod('a/x', { labels: { app: 'w' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] })
      .pod('a/y', { labels: { app: 'w' }, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] })
      .pod('a/z', { labels: { app: 'w' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] })
      .policy(np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] }))
      .build();
    expect(buildClassModel(inv, []).classes.map((c) => c.members.length)).toEqual([2, 1]);
    const json = matrixToJson(computeMatrix(inv, [http, { port: 8080, protocol: 'TCP' }]));
    expect(json.allowed['a/x']).toEqual({ 'a/x': ['80/TCP'], 'a/y': ['8080/TCP'], 'a/z': ['80/TCP'] });
  });

  it('agrees with the naive evaluator on several ports and external addresses', () => {
    const inv = shop().build();
    const options = { externals: ['1.2.3.4', '10.0.0.1'] };
    expect(matrixToJson(computeMatrix(inv, [http, dns], options))).toEqual(naiveMatrix(inv, [http, dns], options));
  });

  it('produces the JSON shape of the CLI contract', () => {
    const json = matrixToJson(computeMatrix(shop().build(), [http], { externals: ['1.2.3.4'] }));
    expect(json.ports).toEqual(['80/TCP']);
    expect(json.external).toEqual(['1.2.3.4']);
    expect(json.allowed['b/client-0']['a/web-2']).toEqual(['80/TCP']);
    expect(json.allowed['b/other']['a/web-2']).toBeUndefined();
    expect(json.allowed['a/web-0']).toEqual({ 'a/db': ['80/TCP'] });
    expect(json.allowed['1.2.3.4']['b/other']).toEqual(['80/TCP']);
    expect(json.allowed['1.2.3.4']['1.2.3.4']).toBeUndefined();
    expect(json.allowed['b/other']['b/other']).toEqual(['80/TCP']);
  });

  it('de-duplicates external addresses and rejects pod IPs given as external', () => {
    const inv = new InventoryBuilder().pod('a/p', { ips: ['10.0.0.1'] }).build();
    expect(computeMatrix(inv, [http], { externals: ['1.1.1.1', '1.1.1.1'] }).model.endpoints).toHaveLength(2);
    expect(() => computeMatrix(inv, [http], { externals: ['10.0.0.1'] })).toThrow(/is the IP of pod a\/p/);
  });

  it('summarizes without pairs: counts match the materialized matrix', () => {
    const inv = shop().build();
    const m = computeMatrix(inv, [http, dns], { externals: ['1.2.3.4', '5.6.7.8'] });
    const json = matrixToJson(m);
    const [s80, s53] = summarizeMatrix(m);
    expect(s80.allowedPairs).toBe(countPairs(json, '80/TCP'));
    expect(s53.allowedPairs).toBe(countPairs(json, '53/UDP'));
    expect(s80.totalPairs).toBe(11 * 11 - 4);
    // reachOut of a class = how many endpoints one member reaches.
    const web = m.model.classes.find((c) => c.members.length === 4)!;
    expect(s80.reachOut[web.index]).toBe(1);
    expect(s80.reachIn[web.index]).toBe(3);
  });
});

describe('matrix formats', () => {
  const inv = new InventoryBuilder()
    .pod('n/a', { labels: { app: 'a' } })
    .pod('n/b', { labels: { app: 'b' } })
    .policy(np('n', 'p', { podSelector: { matchLabels: { app: 'b' } }, ingress: [] }))
    .build();
  const m = computeMatrix(inv, [http], { externals: ['9.9.9.9'] });

  it('text: a grid per port with a legend', () => {
    expect(formatMatrix(m, 'text')).toBe(
      [
        '80/TCP: row may connect to column (X allowed, . denied, - not evaluated)',
        'from \\ to    1 2 3',
        '  1  n/a     X . X',
        '  2  n/b     X . X',
        '  3  9.9.9.9 X . -',
        '',
      ].join('\n'),
    );
  });

  it('md: a table per port', () => {
    const md = formatMatrix(m, 'md');
    expect(md).toContain('| from \\ to | `n/a` | `n/b` | `9.9.9.9` |');
    expect(md).toContain('| `n/a` | ✅ | ❌ | ✅ |');
    expect(md).toContain('| `9.9.9.9` | ✅ | ❌ |  |');
  });

  it('json: one line, parseable', () => {
    const text = formatMatrix(m, 'json');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(matrixToJson(m));
  });

  it('summary: counts and class connectivity', () => {
    const text = formatMatrix(m, 'summary');
    expect(text).toContain('2 pods, 1 external addresses, 3 classes of indistinguishable endpoints, 1 policies');
    expect(text).toContain('80/TCP: 5 of 8 ordered pairs allowed (62.5%)');
    expect(text).toContain('C1 [n/a]: reaches 2, reached by 3; -> C1 C3');
    expect(text).toContain('C2 [n/b]: reaches 2, reached by 0; -> C1 C3');
    expect(text).toContain('C3 [9.9.9.9]: reaches 1, reached by 2; -> C1');
  });
});

describe('matrixLookup', () => {
  it('answers by name and port without materializing pairs', () => {
    const m = computeMatrix(shop().build(), [http], { externals: ['1.2.3.4'] });
    const allows = matrixLookup(m);
    expect(allows('b/client-1', 'a/web-3', http)).toBe(true);
    expect(allows('b/other', 'a/web-3', http)).toBe(false);
    expect(allows('b/other', 'a/web-3', dns)).toBeUndefined();
    expect(allows('nope/x', 'a/web-3', http)).toBeUndefined();
    expect(allows('1.2.3.4', '1.2.3.4', http)).toBeUndefined();
  });
});
