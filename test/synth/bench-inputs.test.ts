import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildBenchApp, POLICIES_PER_CHART } from '../../bench/generate-app';
import { generateCluster } from '../../bench/generate-cluster';
import { Prng } from '../../bench/prng';
import { synthesizeToMemory } from '../../lib/synth';
import { withGenericToJson } from '../constructs/generic-to-json';

describe('benchmark inputs', () => {
  test('the PRNG is seeded: same seed, same sequence; another seed, another', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Prng(1).sample([1, 2, 3, 4], 4).sort()).toEqual([1, 2, 3, 4]);
  });

  test('a generated app synthesizes byte for byte as App.synth(), ten policies per chart', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-bench-app-'));
    withGenericToJson(() => buildBenchApp(12, 5, { outdir }).synth());
    const ours = synthesizeToMemory(buildBenchApp(12, 5));
    expect([...ours.keys()].sort()).toEqual(fs.readdirSync(outdir).sort());
    for (const [file, text] of ours) {
      expect(text).toBe(fs.readFileSync(path.join(outdir, file), 'utf8'));
      expect(text.match(/^kind: NetworkPolicy$/gm)).toHaveLength(POLICIES_PER_CHART);
    }
    // Deferred egress sides, cross-namespace targets and CIDRs are all there.
    const all = [...ours.values()].join('');
    expect(all).toMatch(/-egress\n/);
    expect(all).toMatch(/kubernetes.io\/metadata.name: team-\d{5}/);
    expect(all).toMatch(/cidr: 10\.\d+\.\d+\.0\/24/);
    expect(synthesizeToMemory(buildBenchApp(12, 6))).not.toEqual(ours);
  });

  test('a generated cluster has the asked sizes and is the same for the same seed', () => {
    const cluster = generateCluster({ namespaces: 10, pods: 100, policies: 50 }, 3);
    const count = (kind: string): number => cluster.filter((m) => m.kind === kind).length;
    expect([count('Namespace'), count('Pod'), count('NetworkPolicy')]).toEqual([10, 100, 50]);
    expect(JSON.stringify(generateCluster({ namespaces: 10, pods: 100, policies: 50 }, 3))).toBe(JSON.stringify(cluster));
    const more = generateCluster({ namespaces: 2, pods: 4, policies: 14 }, 3);
    expect(more.filter((m) => m.kind === 'NetworkPolicy')).toHaveLength(14);
  });
});
