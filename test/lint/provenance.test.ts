import * as fs from 'fs';
import * as path from 'path';
import { parseManifests } from '../../lib/io/manifests';
import { parseConstructPathAnnotation, parseSourceAnnotation, readProvenance } from '../../lib/io/provenance';
import { formatLintJson, formatLintSarif, formatLintText, lintManifests } from '../../lib/lint';
import { checkSarif } from './sarif-shape';

/** An egress-isolating policy (egress-without-dns fires on it) with the given annotations. */
function annotated(name: string, annotations: Record<string, string>): string {
  const a = Object.entries(annotations).map(([k, v]) => `\n    ${k}: ${JSON.stringify(v)}`).join('');
  return `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\n  annotations:${a === '' ? ' {}' : a}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n`;
}

const GOOD = { 'netfence.dev/source': 'src/charts/shop.ts:12', 'netfence.dev/construct-path': 'shop/deny/Resource' };

const HOSTILE: readonly string[] = [
  '../../etc/passwd.ts:1',
  'src/../../outside.ts:3',
  '/etc/main.ts:4',
  '~/main.ts:4',
  'C:/repo/main.ts:4',
  'C:\\repo\\main.ts:4',
  'https://evil.example/x.ts:1',
  'file:///repo/main.ts:1',
  'src/main.ts:0',
  'src/main.ts:-1',
  'src/main.ts:12:3',
  'src/main.ts',
  'src/main.ts:99999999',
  '.github/workflows/ci.yml:1',
  'README.md:1',
  'src//main.ts:1',
  './src/main.ts:1',
  'src/\u202emain.ts:1',
  'src/ma\u0000in.ts:1',
  'src/main.ts:1\n[click](https://evil.example)',
  'src/[x](https://evil.example).ts:1',
  'src/<img src=x>.ts:1',
  'src/`code`.ts:1',
  'src/a|b.ts:1',
  `${'a/'.repeat(300)}main.ts:1`,
];

describe('reading provenance annotations', () => {
  it('reads what synth writes', () => {
    expect(parseSourceAnnotation('src/charts/shop.ts:12')).toEqual({ file: 'src/charts/shop.ts', line: 12 });
    expect(parseSourceAnnotation('main.js:7')).toEqual({ file: 'main.js', line: 7 });
    expect(parseSourceAnnotation('apps/my app/Main.tsx:3')).toEqual({ file: 'apps/my app/Main.tsx', line: 3 });
    expect(parseConstructPathAnnotation('shop/allow-web-to-db/ingress.payments')).toBe('shop/allow-web-to-db/ingress.payments');
  });

  it.each(HOSTILE)('refuses %j, and says so', (value) => {
    expect(parseSourceAnnotation(value)).toBeUndefined();
    const read = readProvenance({ metadata: { annotations: { 'netfence.dev/source': value } } });
    expect(read.source).toBeUndefined();
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toContain('ignoring the annotation netfence.dev/source');
    // The message shows the value with every control or invisible character escaped.
    expect(read.problems[0]).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
  });

  it('refuses a construct path with control characters or empty ids, keeping a valid source', () => {
    for (const bad of ['a//b', '', 'a/\u001b[2Jb', 'x\ny', 42]) {
      const read = readProvenance({ metadata: { annotations: { 'netfence.dev/source': 'main.ts:1', 'netfence.dev/construct-path': bad } } });
      expect(read.source).toEqual({ file: 'main.ts', line: 1 });
      expect(read.problems).toHaveLength(1);
    }
  });

  it('ignores objects without annotations, and non-string values', () => {
    expect(readProvenance({ metadata: {} })).toEqual({ problems: [] });
    expect(readProvenance({ metadata: { annotations: { 'netfence.dev/source': 12 } } }).problems).toHaveLength(1);
  });
});

describe('lint with provenance', () => {
  const yaml = annotated('deny', GOOD) + annotated('plain', {});
  const report = lintManifests(parseManifests(yaml, 'dist/shop.k8s.yaml'));

  it('attaches the TypeScript line to the findings of an annotated object only', () => {
    const [deny, plain] = ['deny', 'plain'].map((n) => report.findings.find((f) => f.object.name === n && f.ruleId === 'egress-without-dns')!);
    expect(deny.source).toEqual({ file: 'src/charts/shop.ts', line: 12, constructPath: 'shop/deny/Resource' });
    expect(deny.location.file).toBe('dist/shop.k8s.yaml');
    expect(plain.source).toBeUndefined();
  });

  it('text starts at the .ts line and keeps the YAML position', () => {
    const lines = formatLintText(report).split('\n');
    const deny = lines.filter((l) => l.includes('shop/deny '));
    const plain = lines.filter((l) => l.includes('shop/plain '));
    expect(deny.length).toBeGreaterThan(0);
    expect(plain.length).toBeGreaterThan(0);
    for (const l of deny) expect(l).toMatch(/^src\/charts\/shop\.ts:12: warning egress-without-dns NetworkPolicy shop\/deny spec\.policyTypes: .* \(dist\/shop\.k8s\.yaml:12:3\)$/);
    for (const l of plain) expect(l).toMatch(/^dist\/shop\.k8s\.yaml:\d+:3: warning egress-without-dns NetworkPolicy shop\/plain /);
  });

  it('JSON gives the source next to the YAML position', () => {
    const doc = JSON.parse(formatLintJson(report)) as { findings: Record<string, unknown>[] };
    expect(doc.findings[0]).toMatchObject({ file: 'dist/shop.k8s.yaml', line: 12, source: { file: 'src/charts/shop.ts', line: 12, constructPath: 'shop/deny/Resource' } });
    const plain = doc.findings.filter((f) => f.name === 'plain');
    expect(plain.length).toBeGreaterThan(0);
    for (const f of plain) expect(f.source).toBeUndefined();
  });

  it('SARIF locates the result at the .ts line, with the YAML as a related location', () => {
    const doc = JSON.parse(formatLintSarif(report)) as Record<string, unknown>;
    checkSarif(doc);
    const results = (doc.runs as { results: Record<string, unknown>[] }[])[0].results;
    expect(results[0].locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'src/charts/shop.ts' }, region: { startLine: 12 } } }]);
    expect(results[0].relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: { uri: 'dist/shop.k8s.yaml' }, region: { startLine: 12, startColumn: 3 } }, message: { text: 'the synthesized manifest' } },
    ]);
    expect(results[0].properties).toEqual({ constructPath: 'shop/deny/Resource' });
    const plain = results.filter((r) => (r.message as { text: string }).text.startsWith('NetworkPolicy shop/plain'));
    expect(plain.length).toBeGreaterThan(0);
    for (const r of plain) {
      expect(r.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'dist/shop.k8s.yaml' }, region: { startLine: expect.any(Number) as unknown, startColumn: 3 } } }]);
      expect(r.relatedLocations).toBeUndefined();
    }
  });

  it('a hostile annotation cannot move a finding: the YAML position stays, and a warning names the object', () => {
    for (const value of HOSTILE) {
      const r = lintManifests(parseManifests(annotated('evil', { 'netfence.dev/source': value }), 'dist/evil.yaml'));
      const f = r.findings.find((x) => x.ruleId === 'egress-without-dns')!;
      expect(f.source).toBeUndefined();
      const sarif = JSON.parse(formatLintSarif(r)) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
      expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('dist/evil.yaml');
      expect(formatLintText(r).split('\n')[0]).toMatch(/^dist\/evil\.yaml:/);
      expect(r.warnings.map((w) => w.location?.file)).toContain('dist/evil.yaml');
    }
  });
});

describe('SARIF with provenance against the SARIF 2.1.0 schema', () => {
  const schemaFile = [path.join(__dirname, '../../../shared/schemas/sarif-schema-2.1.0.json'), path.join(__dirname, '../../../shared/schemas/sarif/sarif-schema-2.1.0.json')].find((f) => fs.existsSync(f));
  const withSchema = schemaFile === undefined ? it.skip : it;
  if (schemaFile === undefined) it('skips: ../shared holds no SARIF 2.1.0 schema (sarif-schema-2.1.0.json); the shape checks above still run', () => undefined);
  withSchema('validates', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(fs.readFileSync(schemaFile!, 'utf8')) as object);
    const report = lintManifests(parseManifests(annotated('deny', GOOD), 'dist/shop.k8s.yaml'));
    const ok = validate(JSON.parse(formatLintSarif(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});
