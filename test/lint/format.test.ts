import { formatLintJson, formatLintSarif, formatLintText, toArtifactUri } from '../../lib/lint';
import { lintYaml, pod, policy } from './helpers';
import { checkSarif } from './sarif-shape';

const YAML =
  policy('shop', 'deny', '  podSelector: {}\n  policyTypes: [Ingress, Egress]') +
  policy('shop', 'bad', '  podSelector: {}\n  ingress: [{ports: [{port: 0}]}]');

describe('text output', () => {
  it('prints one line per finding, a blank line between files, a summary and the rules that did not run', () => {
    const r = lintYaml(YAML, pod('shop', 'a', { app: 'a' }, { ip: '10.0.0.1' }) + pod('other', 'b', {}), { skipInvalid: true });
    const lines = formatLintText(r).trimEnd().split('\n');
    expect(lines).toEqual([
      'policies.yaml:9:3: warning egress-without-dns NetworkPolicy shop/deny spec.policyTypes: isolates egress, but no NetworkPolicy in namespace shop allows egress to port 53/UDP for its pod (shop/a): DNS lookups will fail',
      'policies.yaml:9:3: warning egress-without-dns NetworkPolicy shop/deny spec.policyTypes: isolates egress, but no NetworkPolicy in namespace shop allows egress to port 53/TCP for its pod (shop/a): DNS lookups with large answers will fail',
      'policies.yaml:18:29: error invalid-manifest NetworkPolicy shop/bad spec.ingress[0].ports[0].port: invalid port number (got 0); must be between 1 and 65535, inclusive; to allow every port of the protocol, omit port and keep only protocol',
      '',
      'inventory.yaml:16:1: info pod-not-isolated Pod other/b: is not isolated for ingress: no NetworkPolicy of namespace other selects it with Ingress in policyTypes, so all ingress is allowed',
      'inventory.yaml:16:1: info pod-not-isolated Pod other/b: is not isolated for egress: no NetworkPolicy of namespace other selects it with Egress in policyTypes, so all egress is allowed',
      '',
      '5 findings (1 error, 2 warnings, 2 info) in 2 NetworkPolicies',
      'not run (no Namespace in the inputs; add them with -f or --inventory): namespace-labels-unmatched',
      'not run (no Service in the inputs; add them with -f or --inventory): service-port-not-container-port',
    ]);
  });

  it('says so when there is nothing to report', () => {
    expect(formatLintText(lintYaml(policy('shop', 'x', '  podSelector: {}\n  policyTypes: [Ingress]'), undefined, { disable: ['pod-not-isolated'] }))).toMatch(/^1 NetworkPolicy linted: no findings\n/);
    expect(formatLintText(lintYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n'))).toMatch(/^no NetworkPolicy objects found\n/);
  });
});

describe('JSON output', () => {
  it('has a summary, flat findings and rule statuses', () => {
    const doc = JSON.parse(formatLintJson(lintYaml(YAML, undefined, { skipInvalid: true }))) as {
      summary: Record<string, number>;
      findings: Record<string, unknown>[];
      rules: { id: string; status: string; missing?: string[] }[];
    };
    expect(doc.summary).toEqual({ checked: 2, findings: 3, errors: 1, warnings: 2, info: 0 });
    expect(doc.findings[0]).toEqual({
      ruleId: 'egress-without-dns',
      severity: 'warning',
      file: 'policies.yaml',
      line: 9,
      column: 3,
      kind: 'NetworkPolicy',
      namespace: 'shop',
      name: 'deny',
      field: 'spec.policyTypes',
      message: expect.stringContaining('53/UDP') as unknown,
    });
    expect(doc.rules.find((r) => r.id === 'policy-selects-no-pod')).toMatchObject({ status: 'skipped', missing: ['pods'] });
  });
});

describe('SARIF output', () => {
  it('is SARIF 2.1.0 with the driver rules and located results', () => {
    const r = lintYaml(YAML, pod('shop', 'a', { app: 'a' }), { severities: { 'invalid-manifest': 'warning' }, skipInvalid: true });
    const doc = JSON.parse(formatLintSarif(r)) as Record<string, unknown>;
    checkSarif(doc);
    const run = (doc.runs as Record<string, unknown>[])[0] as { tool: { driver: { rules: Record<string, unknown>[] } }; results: Record<string, unknown>[] };
    expect(run.tool.driver.rules.map((x) => x.id)).toEqual(r.rules.map((s) => s.rule.id));
    const dns = run.tool.driver.rules.find((x) => x.id === 'egress-without-dns');
    expect(dns).toMatchObject({ shortDescription: { text: 'Egress isolated without DNS allowed on both UDP 53 and TCP 53' }, defaultConfiguration: { level: 'warning' } });
    expect(run.tool.driver.rules.find((x) => x.id === 'pod-not-isolated')).toMatchObject({ defaultConfiguration: { level: 'note' } });
    expect(run.results).toHaveLength(r.findings.length);
    expect(run.results[0]).toEqual({
      ruleId: 'egress-without-dns',
      ruleIndex: run.tool.driver.rules.findIndex((x) => x.id === 'egress-without-dns'),
      level: 'warning',
      message: { text: expect.stringMatching(/^NetworkPolicy shop\/deny spec\.policyTypes: isolates egress/) as unknown },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'policies.yaml' }, region: { startLine: 9, startColumn: 3 } } }],
    });
    // The override shows in the result level; the rule keeps its default level.
    expect(run.results.filter((x) => x.ruleId === 'invalid-manifest').map((x) => x.level)).toEqual(['warning']);
    expect(run.tool.driver.rules.find((x) => x.id === 'invalid-manifest')).toMatchObject({ defaultConfiguration: { level: 'error' } });
  });

  it('encodes file paths as relative URIs', () => {
    expect(toArtifactUri('policies/my file#1.yaml')).toBe('policies/my%20file%231.yaml');
    expect(toArtifactUri('a\\b.yaml')).toBe('a/b.yaml');
    expect(toArtifactUri('/repo/policies/a b.yaml')).toBe('file:///repo/policies/a%20b.yaml');
    expect(toArtifactUri('C:\\repo\\a.yaml')).toBe('file:///C:/repo/a.yaml');
  });
});
