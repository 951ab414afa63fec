import fc from 'fast-check';
import { LabelRequirement, LabelSelector, Labels } from '../../lib';

const key = fc.constantFrom('app', 'tier', 'team', 'env');
const value = fc.constantFrom('a', 'b', 'c');
const labels: fc.Arbitrary<Labels> = fc.dictionary(key, value, { maxKeys: 4 });
const requirement = fc.oneof(
  fc.tuple(key, fc.array(value, { minLength: 1, maxLength: 3 })).map(([k, v]) => LabelRequirement.in(k, v)),
  fc.tuple(key, fc.array(value, { minLength: 1, maxLength: 3 })).map(([k, v]) => LabelRequirement.notIn(k, v)),
  key.map((k) => LabelRequirement.exists(k)),
  key.map((k) => LabelRequirement.doesNotExist(k)),
);
const selector = fc
  .tuple(labels, fc.array(requirement, { maxLength: 3 }))
  .map(([l, r]) => LabelSelector.matchLabels(l).withRequirements(...r));

describe('LabelSelector', () => {
  test('matchLabels needs every pair; the empty selector matches everything', () => {
    const web = LabelSelector.matchLabels({ app: 'web', tier: 'front' });
    expect(web.matches({ app: 'web', tier: 'front', extra: 'x' })).toBe(true);
    expect(web.matches({ app: 'web' })).toBe(false);
    expect(LabelSelector.all().matches({})).toBe(true);
    expect(LabelSelector.all().isEmpty).toBe(true);
  });

  test('operators follow Kubernetes: NotIn matches a missing key, In does not', () => {
    expect(LabelRequirement.notIn('env', ['prod']).matches({})).toBe(true);
    expect(LabelRequirement.in('env', ['prod']).matches({})).toBe(false);
    expect(LabelRequirement.exists('env').matches({ env: '' })).toBe(true);
    expect(LabelRequirement.doesNotExist('env').matches({ env: 'x' })).toBe(false);
  });

  test('toManifest sorts keys and values and drops repeated requirements', () => {
    const s = LabelSelector.matchLabels({ z: '1', a: '2' }).withRequirements(
      LabelRequirement.in('env', ['prod', 'dev', 'prod']),
      LabelRequirement.in('env', ['prod', 'dev', 'prod']),
      LabelRequirement.exists('team'),
    );
    expect(JSON.stringify(s.toManifest())).toBe(
      '{"matchLabels":{"a":"2","z":"1"},"matchExpressions":[{"key":"env","operator":"In","values":["dev","prod"]},{"key":"team","operator":"Exists"}]}',
    );
  });

  test('fromManifest round-trips', () => {
    fc.assert(
      fc.property(selector, (s) => {
        expect(LabelSelector.fromManifest(s.toManifest()).toManifest()).toEqual(s.toManifest());
      }),
    );
  });

  test('law: a.and(b) matches exactly what both match', () => {
    fc.assert(
      fc.property(selector, selector, labels, (a, b, l) => {
        expect(a.and(b).matches(l)).toBe(a.matches(l) && b.matches(l));
      }),
      { numRuns: 500 },
    );
  });

  test('law: a selector that matches some labels is satisfiable', () => {
    fc.assert(
      fc.property(selector, labels, (s, l) => {
        if (s.matches(l)) expect(s.isSatisfiable).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test('contradictions are unsatisfiable', () => {
    const web = LabelSelector.matchLabels({ app: 'web' });
    expect(web.and(LabelSelector.matchLabels({ app: 'db' })).isSatisfiable).toBe(false);
    expect(web.withRequirements(LabelRequirement.notIn('app', ['web'])).isSatisfiable).toBe(false);
    expect(web.withRequirements(LabelRequirement.doesNotExist('app')).isSatisfiable).toBe(false);
    expect(
      LabelSelector.matchExpressions(LabelRequirement.in('a', ['1']), LabelRequirement.in('a', ['2'])).isSatisfiable,
    ).toBe(false);
    expect(web.and(LabelSelector.matchLabels({ tier: 'x' })).isSatisfiable).toBe(true);
  });

  test('describe reads like kubectl selectors', () => {
    expect(
      LabelSelector.matchLabels({ app: 'web' })
        .withRequirements(LabelRequirement.notIn('env', ['prod']), LabelRequirement.doesNotExist('canary'))
        .describe(),
    ).toBe('app=web,env notin (prod),!canary');
    expect(LabelSelector.all().describe()).toBe('<all>');
  });
});

describe('__proto__ is an ordinary label key', () => {
  it('survives toManifest and matching, never becoming a prototype', () => {
    const labels = Object.fromEntries([['__proto__', 'x']]) as Record<string, string>;
    const sel = LabelSelector.matchLabels(labels);
    expect(Object.keys(sel.toManifest().matchLabels ?? {})).toEqual(['__proto__']);
    expect(sel.matches({})).toBe(false);
    expect(sel.matches(labels)).toBe(true);
  });
});
