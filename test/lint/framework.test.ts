import { parseManifests } from '../../lib/io/manifests';
import { LINT_RULES, lintManifests, LintRule, formatLintFinding } from '../../lib/lint';
import { findingsOf, lintYaml, namespace, pod, policy } from './helpers';

const DENY_EGRESS = policy('shop', 'deny-egress', `
  podSelector: {}
  policyTypes: [Egress]
`);

describe('rule registry', () => {
  it('has unique kebab-case ids and complete documentation for every rule', () => {
    const ids = LINT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of LINT_RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.title).not.toMatch(/\n/);
      expect(r.explanation.length).toBeGreaterThan(40);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });

  it('keeps the published ids (renaming one breaks users\' --disable lists)', () => {
    expect(LINT_RULES.map((r) => r.id).sort()).toEqual(
      [
        'api-server-egress',
        'egress-without-dns',
        'empty-list-allows-all',
        'end-port',
        'invalid-manifest',
        'ipblock-covers-pods',
        'named-port-not-exposed',
        'namespace-labels-unmatched',
        'peer-matches-nothing',
        'peer-selectors-and',
        'peer-selectors-or',
        'pod-not-isolated',
        'policy-in-default-namespace',
        'policy-selects-no-pod',
        'policy-types-mismatch',
        'rule-admits-everyone',
        'service-port-not-container-port',
        'shadowed-rule',
        'cluster-priority-conflict',
        'baseline-pass',
        'cluster-rule-shadowed',
        'admin-deny-overrides-allow',
        'baseline-accept-moots-deny',
        'domain-names-misuse',
        'cluster-experimental-peer',
      ].sort(),
    );
  });
});

describe('lintManifests', () => {
  it('attaches rule id, severity, object, field path and file:line:column', () => {
    const r = lintYaml(DENY_EGRESS);
    const [udp, tcp] = findingsOf(r, 'egress-without-dns');
    expect(udp).toMatchObject({
      ruleId: 'egress-without-dns',
      severity: 'warning',
      object: { kind: 'NetworkPolicy', namespace: 'shop', name: 'deny-egress' },
      path: ['spec', 'policyTypes'],
      location: { file: 'policies.yaml', line: 9, column: 3 },
    });
    expect(udp.message).toMatch(/53\/UDP/);
    expect(tcp.message).toMatch(/53\/TCP/);
    expect(formatLintFinding(udp)).toMatch(/^policies\.yaml:9:3: warning egress-without-dns NetworkPolicy shop\/deny-egress spec\.policyTypes: isolates egress/);
  });

  it('switches rules off and reports them as disabled', () => {
    const r = lintYaml(DENY_EGRESS, undefined, { disable: ['egress-without-dns'] });
    expect(findingsOf(r, 'egress-without-dns')).toEqual([]);
    expect(r.rules.find((s) => s.rule.id === 'egress-without-dns')?.status).toBe('disabled');
  });

  it('overrides severities', () => {
    const r = lintYaml(DENY_EGRESS, undefined, { severities: { 'egress-without-dns': 'error' } });
    expect(findingsOf(r, 'egress-without-dns').map((f) => f.severity)).toEqual(['error', 'error']);
  });

  it('rejects unknown rule ids, naming the valid ones', () => {
    expect(() => lintYaml(DENY_EGRESS, undefined, { disable: ['no-such-rule'] })).toThrow(/--disable: unknown lint rule "no-such-rule"; rules are invalid-manifest, /);
    expect(() => lintYaml(DENY_EGRESS, undefined, { severities: { nope: 'info' } })).toThrow(/--severity: unknown lint rule "nope"/);
  });

  it('skips rules whose inputs are missing and says which', () => {
    const r = lintYaml(DENY_EGRESS);
    const skipped = r.rules.filter((s) => s.status === 'skipped').map((s) => [s.rule.id, s.missing]);
    expect(skipped).toContainEqual(['policy-selects-no-pod', ['pods']]);
    expect(skipped).toContainEqual(['namespace-labels-unmatched', ['namespaces']]);
    expect(skipped).toContainEqual(['service-port-not-container-port', ['pods', 'services']]);
    const withPods = lintYaml(DENY_EGRESS + pod('shop', 'a', { app: 'a' }));
    expect(withPods.rules.find((s) => s.rule.id === 'policy-selects-no-pod')?.status).toBe('ran');
  });

  it('orders findings by file, line, column, rule order; reruns are identical', () => {
    const yaml =
      policy(undefined, 'b', `
  podSelector: {}
  egress: []
`) + DENY_EGRESS;
    const r1 = lintYaml(yaml, namespace('shop') + pod('shop', 'x', { app: 'x' }));
    const r2 = lintYaml(yaml, namespace('shop') + pod('shop', 'x', { app: 'x' }));
    expect(r1).toEqual(r2);
    const keys = r1.findings.map((f) => [f.location.file === 'policies.yaml' ? 0 : 1, f.location.line ?? 0, f.location.column ?? 0]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    expect(keys).toEqual(sorted);
    // The inventory pod's own finding comes after every finding of the linted file.
    expect(r1.findings[r1.findings.length - 1].location.file).toBe('inventory.yaml');
  });

  it('runs custom rules passed in options', () => {
    const custom: LintRule = {
      id: 'always',
      severity: 'info',
      title: 'a rule that flags every policy',
      explanation: 'x',
      fix: 'y',
      check: (ctx) => ctx.policies.map((p) => ctx.issue(p, ['metadata', 'name'], 'hello')),
    };
    const r = lintManifests(parseManifests(DENY_EGRESS, 'p.yaml'), { rules: [custom] });
    expect(r.findings.map((f) => [f.ruleId, f.location.line, f.message])).toEqual([['always', 5, 'hello']]);
  });

  it('counts only linted NetworkPolicies; inventory policies are surroundings, never findings', () => {
    const inv = policy('shop', 'other', `
  podSelector: {}
  egress: []
`);
    const r = lintYaml(DENY_EGRESS, inv);
    expect(r.checked).toBe(1);
    expect(r.findings.every((f) => f.object.name === 'deny-egress')).toBe(true);
  });

  it('ignores an inventory file that is also linted (no double counting)', () => {
    const m = parseManifests(DENY_EGRESS, 'same.yaml');
    const r = lintManifests(m, { inventory: parseManifests(DENY_EGRESS, 'same.yaml') });
    expect(findingsOf(r, 'egress-without-dns')).toHaveLength(2);
  });
});
