import { formatSelector, isMatchAll, requirementMatches, selectorKey, selectorMatches } from '../../lib/core/label-match';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' };

  it('matches {} against everything, including no labels', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({}, {})).toBe(true);
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [] }, {})).toBe(true);
    expect(isMatchAll({ matchLabels: {} })).toBe(true);
    expect(isMatchAll({ matchLabels: { a: 'b' } })).toBe(false);
  });

  it('ANDs matchLabels and matchExpressions', () => {
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'web', tier: 'back' } }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels)).toBe(true);
  });

  it.each([
    ['In', ['web', 'api'], true],
    ['In', ['api'], false],
    ['NotIn', ['api'], true],
    ['NotIn', ['web'], false],
  ] as const)('evaluates %s %j on a present key', (operator, values, expected) => {
    expect(requirementMatches({ key: 'app', operator, values }, labels)).toBe(expected);
  });

  it('treats a missing key as Kubernetes does: NotIn and DoesNotExist match, In and Exists do not', () => {
    expect(requirementMatches({ key: 'missing', operator: 'NotIn', values: ['x'] }, labels)).toBe(true);
    expect(requirementMatches({ key: 'missing', operator: 'DoesNotExist' }, labels)).toBe(true);
    expect(requirementMatches({ key: 'missing', operator: 'In', values: ['x'] }, labels)).toBe(false);
    expect(requirementMatches({ key: 'missing', operator: 'Exists' }, labels)).toBe(false);
    expect(requirementMatches({ key: 'app', operator: 'DoesNotExist' }, labels)).toBe(false);
  });

  it('does not treat inherited object properties as labels', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, {})).toBe(false);
  });

  it('gives equal selectors the same key regardless of order and duplicates', () => {
    const a = selectorKey({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['y', 'x'] }] });
    const b = selectorKey({ matchLabels: { a: '1', b: '2' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['x', 'y'] }, { key: 'k', operator: 'In', values: ['y', 'x'] }] });
    expect(a).toBe(b);
    expect(selectorKey({ matchLabels: { a: '1' } })).not.toBe(selectorKey({ matchLabels: { a: '2' } }));
    expect(selectorKey({})).toBe(selectorKey({ matchLabels: {}, matchExpressions: [] }));
  });

  it('formats selectors the kubectl way', () => {
    expect(formatSelector({})).toBe('{}');
    expect(
      formatSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['a', 'b'] },
          { key: 'x', operator: 'NotIn', values: ['c'] },
          { key: 'y', operator: 'Exists' },
          { key: 'z', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,env in (a,b),x notin (c),y,!z');
  });
});
