/**
 * Linear in the input: more than 125,000 objects in one file, or findings in one policy, used to
 * overflow the stack (spread pushes). These assert the outcome only; timings live in bench/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseManifests } from '../../lib/io/manifests';
import { validateManifests } from '../../lib/validate/manifests';

const N = 200_000;

test('a 200,000-object kind: List loads', () => {
  const items = Array.from({ length: N }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'x' } }));
  const loaded = parseManifests(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }), 'dump.json');
  expect(loaded).toHaveLength(N);
  expect((loaded[N - 1].object.metadata as { name: string }).name).toBe(`p${N - 1}`);
});

test('one policy with 200,000 findings is validated and reported', () => {
  const from = Array.from({ length: N }, () => ({ ipBlock: { cidr: 'nope' } }));
  const object = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { podSelector: {}, ingress: [{ from }] } };
  // Positions are not the point here: a manifest that places every field at line 1.
  const report = validateManifests([{ object, source: { file: 'p.json', line: 1 }, locate: () => ({ file: 'p.json', line: 1 }) }]);
  expect(report.findings).toHaveLength(N);
});

test('no spread push on an unbounded array anywhere in lib (it overflows the stack past ~125,000 items)', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        fs.readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
          if (/\.push\(\.\.\.|\.push\(.*,\s*\.\.\.[\w.]+\)\s*;|Math\.(max|min)\(\.\.\./.test(line) && !line.trim().startsWith('*')) offenders.push(`${p}:${i + 1}`);
        });
      }
    }
  };
  walk(path.join(__dirname, '..', '..', 'lib'));
  expect(offenders).toEqual([]);
});
