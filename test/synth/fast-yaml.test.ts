import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { stringifyDocument } from '../../lib/synth/fast-yaml';

const TRICKY = [
  'yes', 'Yes', 'YES', 'no', 'NO', 'on', 'Off', 'y', 'Y', 'n', 'N', 'true', 'False', 'null', 'Null', '~', '',
  'e5', 'E-3', 'e+5', 'e', '0775', '0x1F', '0b101', '1_000', '12:30', '190:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
  '.inf', '-.INF', '.NaN', '1.5', '1e3', '+1', '-1', '-', '?', '-a', '?a', 'a b', ' a', 'a ', 'a: b', 'a:b', 'a:', '#x',
  'x #y', 'x#y', 'multi\nline', 'trail\n', '"q"', "'s'", "it's", '<<', '---', '--- x', '...', '%x', '@x', '`x', '!x',
  '&x', '*x', '|', '>', '[x]', '{x}', 'a,b', 'é', 'naïve', '🙂', 'tab\there', 'ctrl\u0001', 'x'.repeat(1100),
  'networking.k8s.io/v1', 'app.kubernetes.io/part-of', '10.0.0.0/8', 'fc00::/7', 'TCP', 'kube-dns', 'a-b_c.d/e',
];

const word = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.stringMatching(/^[A-Za-z0-9._/:\- #'"]{0,12}$/),
  fc.string({ maxLength: 8 }),
);

const scalar = fc.oneof(
  word,
  fc.integer(),
  fc.constantFrom(0, -0, 1.5, 1e21, -2.5e-7, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(word, tie('value'), { maxKeys: 5 }),
}));

const expected = (doc: unknown): string => Yaml.stringify(doc);

describe('stringifyDocument writes what yaml writes for cdk8s', () => {
  test('random JSON documents, tricky strings and keys included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(word, value, { maxKeys: 6 }), fc.array(value, { maxLength: 5 })), (doc) => {
        expect(stringifyDocument(doc)).toBe(expected(doc));
      }),
      { numRuns: 1500 },
    );
  });

  test('every tricky string as a key, a value and a list item', () => {
    for (const s of TRICKY) {
      for (const doc of [{ [s]: 1 }, { k: s }, { k: [s, { [s]: s }] }, [s], [[s]], { a: { b: { [s]: s } } }, [{ [s]: [s] }]]) {
        expect(stringifyDocument(doc)).toBe(expected(doc));
      }
    }
  });

  test('plain-looking name strings (the fast path) are plain exactly when yaml says so', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9._/-]{0,6}$/), fc.stringMatching(/^[0-9][0-9a-fA-F._:-]{0,6}\/[0-9a-z._/-]{0,4}$/)), (s) => {
        expect(stringifyDocument({ [s]: s, l: [s] })).toBe(expected({ [s]: s, l: [s] }));
      }),
      { numRuns: 2500 },
    );
  });

  test('nesting shapes: lists of lists, maps in lists, empty collections', () => {
    const doc = { a: [[1, 2], [{}], [[]], {}, [], { b: { c: [1] }, d: 2 }], e: {}, f: [[[{ g: [] }]]] };
    expect(stringifyDocument(doc)).toBe(expected(doc));
    expect(stringifyDocument([])).toBe(expected([]));
    expect(stringifyDocument({})).toBe(expected({}));
  });

  test('an object met twice (yaml writes an alias) and non-plain values go through yaml', () => {
    const shared = { x: 1 };
    for (const doc of [{ a: shared, b: shared }, { d: new Date(0) }, 'top-level string', 42, null, { m: new Map([[1, 2]]) }]) {
      expect(stringifyDocument(doc)).toBe(expected(doc));
    }
    expect(stringifyDocument({ a: shared, b: shared })).toContain('*a1');
  });

  test('undefined as a document is a blank line, as in cdk8s', () => {
    expect(stringifyDocument(undefined)).toBe(Yaml.stringify(undefined));
  });
});
