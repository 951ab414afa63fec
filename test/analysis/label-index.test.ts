import fc from 'fast-check';
import { assembleInventory, LabelIndex, LabelSelectorManifest, makePod, podSetMatches, PodSet } from '../../lib';

const labels = fc.dictionary(fc.constantFrom('app', 'team', 'tier'), fc.constantFrom('a', 'b'), { maxKeys: 3 });
const selector: fc.Arbitrary<LabelSelectorManifest> = fc.record(
  {
    matchLabels: labels,
    matchExpressions: fc.array(
      fc.record({ key: fc.constantFrom('app', 'team', 'tier'), operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'), values: fc.constant(['a']) }).map((e) =>
        e.operator === 'Exists' || e.operator === 'DoesNotExist' ? { key: e.key, operator: e.operator } : e,
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);
const podSet: fc.Arbitrary<PodSet> = fc.record({ namespaceSelector: selector, podSelector: selector }, { requiredKeys: [] });

describe('LabelIndex', () => {
  test('law: podSetPods is the scan by podSetMatches, and hasPodSetPod says whether it is empty', () => {
    fc.assert(
      fc.property(
        fc.array(labels, { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ ns: fc.nat(3), labels, hostNetwork: fc.boolean() }), { maxLength: 25 }),
        podSet,
        fc.option(fc.nat(4), { nil: undefined }),
        (nsLabels, podSpecs, set, policyNs) => {
          const namespaces = nsLabels.map((l, i) => ({ name: `ns${i}`, labels: l }));
          const pods = podSpecs.map((p, i) => makePod(`ns${p.ns % namespaces.length}`, `p${i}`, { labels: p.labels, hostNetwork: p.hostNetwork }));
          const inventory = assembleInventory(namespaces, pods, []);
          const ns = policyNs === undefined ? undefined : `ns${policyNs}`;
          const nsLabelsOf = (n: string) => inventory.namespaces.find((x) => x.name === n)?.labels ?? {};
          const scan = inventory.pods.map((p, i) => (podSetMatches(set, ns, p, nsLabelsOf) ? i : -1)).filter((i) => i >= 0);
          const index = new LabelIndex(inventory, inventory.pods);
          expect([...index.podSetPods(set, ns)].sort((a, b) => a - b)).toEqual(scan);
          expect(index.hasPodSetPod(set, ns)).toBe(scan.length > 0);
        },
      ),
      { numRuns: 400 },
    );
  });
});
