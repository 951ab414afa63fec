import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatFieldPath, listManifestFiles, loadManifests, parseManifests } from '../../lib/io/manifests';

const TEXT = `# leading comment
---
apiVersion: v1
kind: Namespace
metadata:
  name: a
  labels:
    enabled: yes
---
---
apiVersion: v1
kind: List
items:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: p
      namespace: a
    spec:
      podSelector:
        matchLabels:
          app: web
`;

describe('parseManifests', () => {
  const docs = parseManifests(TEXT, 'x.yaml');

  test('skips empty documents and unwraps kind: List', () => {
    expect(docs.map((d) => d.object.kind)).toEqual(['Namespace', 'NetworkPolicy']);
    expect(docs[1].source).toEqual({ file: 'x.yaml', line: 14, column: 5 });
  });

  test('reads YAML 1.1 as kubectl does: an unquoted yes is a boolean', () => {
    expect((docs[0].object.metadata as { labels: Record<string, unknown> }).labels.enabled).toBe(true);
  });

  test('locates scalars at their value and collections at their key', () => {
    expect(docs[1].locate(['metadata', 'name'])).toEqual({ file: 'x.yaml', line: 17, column: 13 });
    expect(docs[1].locate(['spec', 'podSelector'])).toEqual({ file: 'x.yaml', line: 20, column: 7 });
    // A missing field falls back to its nearest existing ancestor.
    expect(docs[1].locate(['spec', 'ingress', 0])).toEqual({ file: 'x.yaml', line: 20, column: 7 });
  });

  test('syntax errors name file, line and column', () => {
    expect(() => parseManifests('a: [1, 2\nb: 3\n', 'bad.yaml')).toThrow(/^bad\.yaml:\d+:\d+: not valid YAML/);
  });

  test('a document that is not a mapping is refused with its position', () => {
    expect(() => parseManifests('- 1\n- 2\n', 'list.yaml')).toThrow(/list\.yaml:1:1: a manifest must be a mapping/);
  });

  test('a comment-only file holds nothing', () => {
    expect(parseManifests('# nothing\n', 'c.yaml')).toEqual([]);
  });
});

describe('loadManifests', () => {
  test('folders are read recursively in sorted order; other files and dotfiles are skipped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nf-io-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'kind: B\n');
    fs.writeFileSync(path.join(dir, 'a.json'), '{"kind": "A"}');
    fs.writeFileSync(path.join(dir, 'sub', 'c.yml'), 'kind: C\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'kind: X\n');
    fs.writeFileSync(path.join(dir, '.hidden.yaml'), 'kind: H\n');
    expect(listManifestFiles([dir]).map((f) => path.relative(dir, f))).toEqual(['a.json', 'b.yaml', path.join('sub', 'c.yml')]);
    expect(loadManifests([dir]).map((m) => m.object.kind)).toEqual(['A', 'B', 'C']);
  });

  test('a missing path is an error that says what to pass', () => {
    expect(() => loadManifests(['/no/such/file.yaml'])).toThrow(/\/no\/such\/file\.yaml: no such file or folder; pass a YAML or JSON file/);
  });
});

test('formatFieldPath writes paths the way Kubernetes does', () => {
  expect(formatFieldPath(['spec', 'ingress', 0, 'from', 1, 'ipBlock'])).toBe('spec.ingress[0].from[1].ipBlock');
  expect(formatFieldPath([])).toBe('');
});

describe('JSON input', () => {
  const json = JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x' } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'x', labels: { on: 'yes' } } },
      ],
    },
    null,
    2,
  );

  test('reads the same objects as the YAML path, with the same positions', () => {
    const fast = parseManifests(json, 'dump.json');
    const viaYaml = parseManifests(`# as YAML\n${json}`, 'dump.json');
    expect(fast.map((m) => m.object)).toEqual(viaYaml.map((m) => m.object));
    expect(fast[1].source).toEqual({ file: 'dump.json', line: 13, column: 5 });
    expect(fast[1].locate(['metadata', 'labels', 'on'])).toEqual({ file: 'dump.json', line: 20, column: 17 });
  });

  test('a broken JSON file is reported with its position', () => {
    expect(() => parseManifests('{"kind": "Pod",, }', 'bad.json')).toThrow(/^bad\.json:1:\d+: not valid YAML/);
  });
});
