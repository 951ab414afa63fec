import fc from 'fast-check';
import {
  closestName,
  editDistance,
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidNamespaceName,
  isValidNetworkPolicyName,
  isValidPortName,
  isValidPortNum,
} from '../../lib/validate';

// Cases from apimachinery pkg/api/validate/content/dns_test.go.
describe('isDns1123Label', () => {
  const good = ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a'.repeat(63)];
  const bad = [
    '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
    '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'a'.repeat(64),
  ];
  it.each(good)('accepts %j', (v) => expect(isDns1123Label(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isDns1123Label(v).length).toBeGreaterThan(0));

  it('says a dotted value is a subdomain, not a label', () => {
    expect(isDns1123Label('a.b')).toEqual(['must not contain dots']);
  });
  it('reports length in bytes', () => {
    expect(isDns1123Label('a'.repeat(64))).toContain('must be no more than 63 bytes');
  });
  it('names the rule and examples, word for word as upstream', () => {
    expect(isDns1123Label('A')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
  it('namespace names are labels', () => {
    expect(isValidNamespaceName('dev-team')).toEqual([]);
    expect(isValidNamespaceName('dev.team')).toEqual(['must not contain dots']);
  });
});

describe('isDns1123Subdomain', () => {
  const good = [
    'a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a.a', 'ab.a', 'abc.a', 'a1.a',
    'a-1.a', 'a--1--2--b.a', 'a.1', 'ab.1', 'abc.1', 'a1.1', 'a-1.1', 'a--1--2--b.1', '0.a', '01.a', '012.a', '1a.a', '1-a.a',
    '0.1', '01.1', '012.1', '1a.1', '1-a.1', '1--a--b--2.1', 'a.b.c.d.e', 'aa.bb.cc.dd.ee', '1.2.3.4.5', '11.22.33.44.55',
    'a'.repeat(253),
  ];
  const bad = [
    '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.',
    '.a', 'a..b', '1.', '.1', '1..2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'A.a', 'aB.a', 'ab.A', 'A1.a', 'a1.A', 'A.1',
    'aB.1', 'A1.1', '1A.1', '0.A', '01.A', '012.A', '1A.a', '1a.A', 'A.B.C.D.E', 'AA.BB.CC.DD.EE', 'a.B.c.d.e', 'aa.bB.cc.dd.ee',
    'a@b', 'a,b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b', 'a'.repeat(254),
  ];
  it.each(good)('accepts %j', (v) => expect(isDns1123Subdomain(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isDns1123Subdomain(v).length).toBeGreaterThan(0));

  it('every valid label is a valid subdomain', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-.]{0,70}$/), (s) => {
        if (isDns1123Label(s).length === 0) expect(isDns1123Subdomain(s)).toEqual([]);
      }),
    );
  });
  it('labels joined by dots are subdomains while short enough', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 8 }), (labels) => {
        expect(isDns1123Subdomain(labels.join('.'))).toEqual([]);
      }),
    );
  });
});

describe('isValidNetworkPolicyName', () => {
  it('is a DNS subdomain', () => {
    expect(isValidNetworkPolicyName('allow-frontend-to-web')).toEqual([]);
    expect(isValidNetworkPolicyName('allow.web')).toEqual([]);
    expect(isValidNetworkPolicyName('Allow_Web').length).toBe(1);
  });
  it('lets a generateName prefix end with a dash', () => {
    expect(isValidNetworkPolicyName('allow-', true)).toEqual([]);
    expect(isValidNetworkPolicyName('allow-', false).length).toBe(1);
    expect(isValidNetworkPolicyName('Allow-', true).length).toBe(1);
  });
});

// Cases from content/kube_test.go (TestIsLabelKey, TestIsLabelValue).
describe('isQualifiedName (label keys)', () => {
  const good = [
    'simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes', 'now.with.dots/simple', 'now-with.dashes-and.dots/simple', '1-num.2-num/3-num',
    '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123', 'requests.storage-foo',
    'a'.repeat(63), `${'a'.repeat(253)}/${'b'.repeat(63)}`,
  ];
  const bad = [
    'nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc', 'example_com/abc',
    'example.com/', '/simple', 'a'.repeat(64), `${'a'.repeat(254)}/abc`,
    // The upstream NetworkPolicy tests' invalid selector key.
    'NoUppercaseOrSpecialCharsLike=Equals',
  ];
  it.each(good)('accepts %j', (v) => expect(isQualifiedName(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isQualifiedName(v).length).toBeGreaterThan(0));

  it('says which part is wrong', () => {
    expect(isQualifiedName('/simple')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('example.com/')[0]).toBe('name part must be non-empty');
    expect(isQualifiedName('Example.com/abc')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 bytes']);
    expect(isQualifiedName('only/one/slash')[0]).toMatch(/optional DNS subdomain prefix and '\/'/);
  });
});

describe('isValidLabelValue', () => {
  const good = ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), ''];
  const bad = [
    'nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-',
    '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64),
  ];
  it.each(good)('accepts %j', (v) => expect(isValidLabelValue(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isValidLabelValue(v).length).toBeGreaterThan(0));

  it('accepts every generated value of the documented alphabet', () => {
    const value = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/);
    fc.assert(fc.property(value, (v) => expect(isValidLabelValue(v)).toEqual([])));
  });
  it('rejects every value longer than 63 bytes', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{64,90}$/), (v) => expect(isValidLabelValue(v)).toContain('must be no more than 63 bytes')));
  });
  it('counts bytes, not characters, as Go does', () => {
    // 32 two-byte characters are 64 bytes.
    expect(isValidLabelValue('é'.repeat(32))).toContain('must be no more than 63 bytes');
  });
});

// Cases from apimachinery pkg/util/validation/validation_test.go (TestIsValidPortNum / Name).
describe('isValidPortNum', () => {
  it.each([1, 2, 1000, 16384, 32768, 65535])('accepts %d', (n) => expect(isValidPortNum(n)).toEqual([]));
  it.each([0, -1, 65536, 100000, 123456789, 80.5])('rejects %d', (n) =>
    expect(isValidPortNum(n)).toEqual(['must be between 1 and 65535, inclusive']),
  );
  it('accepts exactly the integers 1..65535', () => {
    fc.assert(fc.property(fc.integer({ min: -100000, max: 200000 }), (n) => expect(isValidPortNum(n).length === 0).toBe(n >= 1 && n <= 65535)));
  });
});

describe('isValidPortName', () => {
  const good = ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3'];
  const bad = ['longerthan15characters', '', 'a'.repeat(16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', '1-2', 'whois++'];
  it.each(good)('accepts %j', (v) => expect(isValidPortName(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isValidPortName(v).length).toBeGreaterThan(0));

  it('gives each broken rule its own message', () => {
    expect(isValidPortName('-Ab--')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ]);
    expect(isValidPortName('8080')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('a'.repeat(16))).toEqual(['must be no more than 15 bytes']);
  });
  it('rejects upper case, which RFC 6335 allows but Kubernetes does not', () => {
    expect(isValidPortName('HTTP').length).toBeGreaterThan(0);
  });

  const ianaName = fc
    .array(fc.stringMatching(/^[a-z0-9]{1,5}$/), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join('-'))
    .filter((s) => s.length <= 15 && /[a-z]/.test(s));
  it('accepts every generated IANA service name', () => {
    fc.assert(fc.property(ianaName, (name) => expect(isValidPortName(name)).toEqual([])));
  });
  it('rejects every name with an upper-case letter', () => {
    fc.assert(
      fc.property(ianaName, fc.nat(), (name, i) => {
        const letters = [...name].map((c, j) => ({ c, j })).filter((x) => /[a-z]/.test(x.c));
        const at = letters[i % letters.length].j;
        const upper = name.slice(0, at) + name[at].toUpperCase() + name.slice(at + 1);
        expect(isValidPortName(upper).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('closestName', () => {
  it('measures edits, counting a swap of neighbours as one', () => {
    expect(editDistance('podSelecter', 'podSelector')).toBe(1);
    expect(editDistance('form', 'from')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('prefers a case-only difference, then the nearest name, then an affix', () => {
    const known = ['podSelector', 'namespaceSelector', 'ipBlock'];
    expect(closestName('IPBLOCK', known)).toBe('ipBlock');
    expect(closestName('podselectr', known)).toBe('podSelector');
    expect(closestName('namespace', known)).toBe('namespaceSelector');
    expect(closestName('zzz', known)).toBeUndefined();
  });
  it('is symmetric in distance', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => expect(editDistance(a, b)).toBe(editDistance(b, a))));
  });
});
