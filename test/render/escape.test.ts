import fc from 'fast-check';
import { dotLabel, escapeText, markdownCode, markdownText, mermaidLabel } from '../../lib/render/escape';
import { formatManifestFinding, validateManifests } from '../../lib/validate/manifests';
import { formatLintFinding } from '../../lib/lint/finding';
import { parseManifests } from '../../lib/io/manifests';

describe('escapeText', () => {
  test('control and invisible characters become visible escapes; the rest is kept', () => {
    expect(escapeText('a\nb\r\tc\u001b[31m\u007f\u0085\u202e\u2028\u200b é 中')).toBe('a\\nb\\r\\tc\\x1b[31m\\x7f\\x85\\u{202e}\\u{2028}\\u{200b} é 中');
    expect(escapeText('shop/web')).toBe('shop/web');
  });

  test('never leaves a control character or a line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(escapeText(s)).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
      }),
    );
  });
});

describe('Markdown', () => {
  test('code spans: backtick, pipe and backslash are escaped, so the span is one line and closes', () => {
    expect(markdownCode('a`b|c\\d\ne')).toBe('`a\\x60b\\x7cc\\x5cd\\ne`');
    expect(markdownCode('')).toBe('` `');
    expect(markdownCode(' x ')).toBe('`  x  `');
  });

  test('code spans are injective: two different values never render alike', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        if (a !== b) expect(markdownCode(a)).not.toBe(markdownCode(b));
      }),
    );
  });

  test('text: inline metacharacters are backslash-escaped', () => {
    expect(markdownText('<!-- *x* | `y` [l](u) ~s~ $m$ & \\')).toBe('\\<\\!-- \\*x\\* \\| \\`y\\` \\[l\\](u) \\~s\\~ \\$m\\$ \\& \\\\');
    expect(markdownText('a\nb')).toBe('a\\\\nb');
  });
});

test('Mermaid and DOT labels hold no quote, newline or control character of the value', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const m = mermaidLabel(s);
      expect(m.slice(1, -1)).not.toMatch(/["`<>|\n\r\p{Cc}]/u);
      const d = dotLabel(s).slice(1, -1);
      expect(d).not.toMatch(/[\n\r\p{Cc}]/u);
      expect(d.replace(/\\\\/g, '').replace(/\\"/g, '')).not.toContain('"');
    }),
  );
});

describe('text reports print one line per finding whatever the names hold', () => {
  const yaml = JSON.stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'evil\n\u001b[2Jfake: all valid', namespace: 'x' },
    spec: { podSelector: {}, policyTypes: ['Ingress\u001b'] },
  });
  const report = validateManifests(parseManifests(yaml, 'a\nb.yaml'));

  test('validate', () => {
    const lines = report.findings.map(formatManifestFinding);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).not.toMatch(/[\n\u001b]/);
    expect(lines.join('')).toContain('a\\nb.yaml');
  });

  test('lint', () => {
    const line = formatLintFinding({
      ruleId: 'r',
      severity: 'error',
      message: 'm\u001b]0;title\u0007',
      object: { kind: 'Pod', namespace: 'x', name: 'p\nq' },
      path: [],
      location: { file: 'f.yaml', line: 1, column: 1 },
    });
    expect(line).toBe('f.yaml:1:1: error r Pod x/p\\nq: m\\x1b]0;title\\x07');
  });
});
