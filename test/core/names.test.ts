import fc from 'fast-check';
import { toDnsLabel } from '../../lib/core';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('toDnsLabel', () => {
  test('reads like the words it came from', () => {
    expect(toDnsLabel('allow', 'frontend', 'to', 'web')).toBe('allow-frontend-to-web');
    expect(toDnsLabel('Allow Web', '10.0.0.0/8')).toBe('allow-web-10-0-0-0-8');
    expect(toDnsLabel('--a__b--')).toBe('a-b');
  });

  test('law: any words with a letter or digit give a valid, stable DNS label of at most 63', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 5 }), (words) => {
        fc.pre(/[a-zA-Z0-9]/.test(words.join('')));
        const name = toDnsLabel(...words);
        expect(name).toMatch(DNS_LABEL);
        expect(name.length).toBeLessThanOrEqual(63);
        expect(toDnsLabel(...words)).toBe(name);
      }),
    );
  });

  test('long names that differ only at the end stay different', () => {
    const long = 'x'.repeat(80);
    expect(toDnsLabel(long, 'a')).not.toBe(toDnsLabel(long, 'b'));
    expect(toDnsLabel(long, 'a')).toHaveLength(63);
  });
});
