import fc from 'fast-check';
import { selectorMatches } from '../../lib/core/label-match';
import { LabelSelectorManifest, LabelSelectorRequirementManifest } from '../../lib/core/manifest';
import { namespaceNamesOf, requirementsOf, selectorSubsumes } from '../../lib/core/selector-logic';

const KEYS = ['a', 'b', 'c'];
const VALUES = ['1', '2', '3'];

const requirement: fc.Arbitrary<LabelSelectorRequirementManifest> = fc.oneof(
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1 }) }),
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
);

const selector: fc.Arbitrary<LabelSelectorManifest> = fc.record(
  {
    matchLabels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 }),
    matchExpressions: fc.array(requirement, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES));

describe('selectorSubsumes', () => {
  it('is sound: when it says broad covers narrow, every label set narrow matches, broad matches', () => {
    fc.assert(
      fc.property(selector, selector, fc.array(labels, { minLength: 20, maxLength: 20 }), (broad, narrow, samples) => {
        if (!selectorSubsumes(broad, narrow)) return true;
        return samples.every((l) => !selectorMatches(narrow, l) || selectorMatches(broad, l));
      }),
      { numRuns: 2000 },
    );
  });

  it('proves the cases lint relies on', () => {
    expect(selectorSubsumes({}, { matchLabels: { a: '1' } })).toBe(true);
    expect(selectorSubsumes({ matchLabels: { a: '1' } }, { matchLabels: { a: '1', b: '2' } })).toBe(true);
    expect(selectorSubsumes({ matchLabels: { a: '1', b: '2' } }, { matchLabels: { a: '1' } })).toBe(false);
    expect(selectorSubsumes({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, { matchLabels: { a: '2' } })).toBe(true);
    expect(selectorSubsumes({ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, { matchLabels: { a: '2' } })).toBe(true);
    expect(selectorSubsumes({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] })).toBe(true);
    expect(selectorSubsumes({ matchLabels: { a: '1' } }, {})).toBe(false);
  });
});

describe('namespaceNamesOf / requirementsOf', () => {
  it('reads names pinned through kubernetes.io/metadata.name only', () => {
    expect(namespaceNamesOf({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } })).toEqual(['shop']);
    expect(namespaceNamesOf({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['b', 'a'] }] })).toEqual(['a', 'b']);
    expect(namespaceNamesOf({ matchLabels: { name: 'shop' } })).toBeUndefined();
    expect(namespaceNamesOf({ matchLabels: { 'kubernetes.io/metadata.name': 'shop', team: 'x' } })).toBeUndefined();
    expect(namespaceNamesOf({})).toBeUndefined();
  });

  it('turns matchLabels into In requirements', () => {
    expect(requirementsOf({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'Exists' }] })).toEqual([
      { key: 'a', operator: 'In', values: ['1'] },
      { key: 'b', operator: 'In', values: ['2'] },
      { key: 'c', operator: 'Exists' },
    ]);
  });
});
