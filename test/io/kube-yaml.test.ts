/**
 * kubectl's YAML dialect (sigs.k8s.io/yaml over go-yaml v2), case by case from go-yaml's
 * resolve.go and decode.go and sigs.k8s.io/yaml's YAMLToJSON.
 */
import { parseManifests } from '../../lib/io/manifests';
import { jsonKey, resolveScalar } from '../../lib/io/kube-yaml';
import { validateManifests } from '../../lib/validate/manifests';

/** The value of `v` in `{v: <text>}` as kubectl sends it. */
function value(text: string): unknown {
  return parseManifests(`kind: X\nv: ${text}\n`, 'x.yaml')[0].object.v;
}

describe('plain scalars resolve as go-yaml v2 resolves them', () => {
  test.each<[string, unknown]>([
    // Booleans: YAML 1.1's full set, and only those spellings.
    ['yes', true], ['Yes', true], ['YES', true], ['y', true], ['Y', true], ['on', true], ['ON', true], ['True', true],
    ['no', false], ['n', false], ['off', false], ['Off', false], ['FALSE', false],
    ['yEs', 'yEs'], ['oN', 'oN'],
    // Null forms.
    ['~', null], ['null', null], ['Null', null], ['NULL', null], ['', null], ['nULL', 'nULL'],
    // Integers: Go's ParseInt with base prefix, underscores removed.
    ['0755', 493], ['0o755', 493], ['0O755', 493], ['0x1F', 31], ['0b101', 5], ['-0x10', -16], ['+12', 12], ['1_000', 1000], ['0', 0], ['-0', 0],
    ['18446744073709551615', 18446744073709551615],
    // `08` is no octal: it is the float 8.
    ['08', 8], ['0x', '0x'], ['0o8', '0o8'],
    // Floats: go-yaml's YAML-style float regex, and .5.
    ['1.5', 1.5], ['1e3', 1000], ['-2.5E-1', -0.25], ['.5', 0.5], ['1.', 1], ['1e400', '1e400'], ['1.2.3', '1.2.3'],
    // Base 60 was dropped: strings.
    ['1:30', '1:30'], ['190:20:30', '190:20:30'],
    // Timestamps become Go's RFC 3339 JSON text.
    ['2001-12-14', '2001-12-14T00:00:00Z'], ['2001-2-3', '2001-02-03T00:00:00Z'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43.1-05:00'], ['2001-12-14T21:59:43Z', '2001-12-14T21:59:43Z'],
    ['2001-12-14 21:59:43.10', '2001-12-14T21:59:43.1Z'], ['2001-12-14T21:59:43+00:00', '2001-12-14T21:59:43Z'],
    ['2001-02-30', '2001-02-30'], ['2001-12-14 21:59:43 -5', '2001-12-14 21:59:43 -5'],
    // Plain text.
    ['web', 'web'], ['<<x', '<<x'],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  test('quoted and block scalars are strings', () => {
    expect(value('"0755"')).toBe('0755');
    expect(value("'yes'")).toBe('yes');
    expect(value('|\n  0755')).toBe('0755\n');
  });

  test('explicit tags', () => {
    expect(value('!!str 0755')).toBe('0755');
    expect(value('!!int "12"')).toBe(12);
    expect(value('!!float 1')).toBe(1);
    expect(value('!!bool yes')).toBe(true);
    expect(value('!!binary aGVsbG8=')).toBe('hello');
    expect(value('!custom 12')).toBe('12');
    expect(value('! 12')).toBe('12');
    expect(() => value('!!int abc')).toThrow(/x\.yaml:2:\d+: cannot decode !!str `abc` as a !!int/);
    expect(() => value('!!binary "%%"')).toThrow(/invalid base64/);
  });

  test('.inf and .nan cannot be JSON: an error, as kubectl fails', () => {
    expect(() => value('.inf')).toThrow(/x\.yaml:2:4: \.inf is not representable in JSON/);
    expect(() => value('-.Inf')).toThrow(/not representable in JSON/);
    expect(() => value('.nan')).toThrow(/not representable in JSON/);
  });
});

describe('keys, merge keys, duplicates and aliases', () => {
  test('keys become JSON keys as YAMLToJSON writes them', () => {
    const o = parseManifests('kind: X\nyes: a\n1: b\n1.5: c\n0x10: d\n1e6: e\n"k": f\n', 'k.yaml')[0].object;
    expect(Object.keys(o)).toEqual(['1', '16', 'kind', 'true', '1.5', '1e+06', 'k']);
    expect(jsonKey(resolveScalar('1e-5', 'plain'))).toBe('1e-05');
    expect(jsonKey(resolveScalar('0.1', 'plain'))).toBe('0.1');
    expect(() => parseManifests('kind: X\n~: a\n', 'k.yaml')).toThrow(/k\.yaml:2:1: unsupported map key of type <nil>/);
  });

  test('a key __proto__ is an ordinary own key', () => {
    const o = parseManifests('kind: X\nlabels: {__proto__: x}\n', 'p.yaml')[0].object as { labels: Record<string, unknown> };
    expect(Object.keys(o.labels)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(o.labels)).toBe(Object.prototype);
  });

  test('merge keys: a mapping, a list of mappings (earlier wins), later keys win', () => {
    const text = 'kind: X\nbase: &b {a: 1, b: 1}\nother: &o {b: 2, c: 2}\nm1: {<<: *b, b: 3}\nm2: {b: 3, <<: *b}\nm3: {<<: [*o, *b]}\nm4: {"<<": 1}\n';
    const o = parseManifests(text, 'm.yaml')[0].object;
    expect(o.m1).toEqual({ a: 1, b: 3 });
    expect(o.m2).toEqual({ b: 1, a: 1 });
    expect(o.m3).toEqual({ a: 1, b: 2, c: 2 });
    expect(o.m4).toEqual({ '<<': 1 });
    expect(() => parseManifests('kind: X\nm: {<<: 1}\n', 'm.yaml')).toThrow(/map merge requires map or sequence of maps/);
  });

  test('a repeated key is an error at the second key, in YAML and in JSON', () => {
    expect(() => parseManifests('kind: X\nmetadata:\n  name: a\n  name: b\n', 'd.yaml')).toThrow(/^d\.yaml:4:3: duplicate key "name"/);
    expect(() => parseManifests('kind: X\nyes: 1\ntrue: 2\n', 'd.yaml')).toThrow(/d\.yaml:3:1: duplicate key "true"/);
    expect(() => parseManifests('{"kind": "X", "metadata": {"name": "a", "name": "b"}}', 'd.json')).toThrow(/^d\.json:1:41: duplicate key "name"/);
    expect(() => parseManifests('{"kind":"List","items":[{"kind":"A","kind":"B"}]}', 'l.json')).toThrow(/duplicate key "kind"/);
    // Not a duplicate: the same key in sibling objects, or a colon inside a string.
    expect(parseManifests('{"kind":"List","items":[{"a":"x:y"},{"a":"\\":"}]}', 'ok.json')).toHaveLength(2);
  });

  test('an alias bomb is refused as go-yaml refuses it; an anchor containing itself too', () => {
    let bomb = 'kind: X\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    expect(() => parseManifests(bomb, 'bomb.yaml')).toThrow(/bomb\.yaml:\d+:\d+: document contains excessive aliasing/);
    expect(() => parseManifests('kind: X\na: &a [*a]\n', 's.yaml')).toThrow(/anchor 'a' value contains itself|unknown anchor/);
    // Ordinary reuse is fine.
    expect(parseManifests('kind: X\na: &l {app: web}\nb: *l\n', 'ok.yaml')[0].object.b).toEqual({ app: 'web' });
  });
});

describe('quote hints show what the user wrote', () => {
  const policy = (labelValue: string): string =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec:\n  podSelector:\n    matchLabels: {mode: ${labelValue}}\n`;

  test.each([
    ['0755', 'YAML reads unquoted 0755 as the number 493: quote it ("0755")'],
    ['on', 'YAML reads unquoted on as the boolean true: quote it ("on")'],
    ['1.0', 'YAML reads unquoted 1.0 as the number 1: quote it ("1.0")'],
    ['true', 'YAML reads unquoted true as a boolean: quote it ("true")'],
  ])('%s', (written, hint) => {
    const [f] = validateManifests(parseManifests(policy(written), 'h.yaml')).findings;
    expect(f.message).toContain(hint);
  });

  test('port: 1:30 is the string "1:30" (rejected), not 90', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 1:30}]}]\n';
    const doc = parseManifests(text, 'p.yaml')[0].object as { spec: { ingress: { ports: { port: unknown }[] }[] } };
    expect(doc.spec.ingress[0].ports[0].port).toBe('1:30');
    expect(validateManifests(parseManifests(text, 'p.yaml')).findings.map((f) => f.message).join('\n')).toMatch(/1:30/);
  });
});
