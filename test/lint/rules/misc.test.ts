import { InvalidInputError } from '../../../lib/analysis/read-inputs';
import { findingsOf, lintYaml, policy } from '../helpers';

describe('invalid-manifest', () => {
  const bad = policy('shop', 'bad', `
  podSelecter: {}
  ingress:
    - ports: [{port: 0}]
`);

  it('refuses the inputs by default, with the findings netfence validate gives', () => {
    expect(() => lintYaml(bad)).toThrow(InvalidInputError);
    expect(() => lintYaml(bad)).toThrow(/policies\.yaml:8:3: NetworkPolicy\/shop\/bad spec\.podSelecter: unknown field "podSelecter"; did you mean "podSelector"\?/);
    expect(() => lintYaml(bad)).toThrow(/pass --skip-invalid to analyse the rest/);
  });

  it('with skipInvalid: reports validation findings as errors with their location, and other rules skip the policy', () => {
    const r = lintYaml(bad, undefined, { skipInvalid: true });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['invalid-manifest', 'invalid-manifest']);
    expect(r.findings[0]).toMatchObject({ severity: 'error', path: ['spec', 'podSelecter'], location: { line: 8 } });
    expect(r.findings[0].message).toContain('did you mean "podSelector"');
    expect(r.findings[1].message).toContain('between 1 and 65535');
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^skipped NetworkPolicy\/shop\/bad: the API server would reject it/)]);
  });

  it('is quiet on valid policies; when disabled, invalid policies are still skipped', () => {
    expect(findingsOf(lintYaml(policy('shop', 'ok', '  podSelector: {}')), 'invalid-manifest')).toEqual([]);
    expect(lintYaml(bad, undefined, { disable: ['invalid-manifest'], skipInvalid: true }).findings).toEqual([]);
  });

  it('with skipInvalid, lints without invalid inventory policies (they could never exist) and warns naming them', () => {
    const deny = policy('shop', 'deny', '  podSelector: {}\n  policyTypes: [Egress]');
    const badDns = policy('shop', 'dns', '  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{ports: [{port: 53, protocol: udp}, {port: 53}]}]');
    const goodDns = badDns.replace('protocol: udp', 'protocol: UDP');
    expect(findingsOf(lintYaml(deny, goodDns), 'egress-without-dns')).toEqual([]);
    expect(() => lintYaml(deny, badDns)).toThrow(/inventory\.yaml:10:\d+: NetworkPolicy\/shop\/dns spec\.egress\[0\]\.ports\[0\]\.protocol: unsupported protocol/);
    const r = lintYaml(deny, badDns, { skipInvalid: true });
    expect(r.findings.filter((f) => f.ruleId === 'invalid-manifest')).toEqual([]);
    expect(findingsOf(r, 'egress-without-dns')).toHaveLength(2);
    expect(r.warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/^skipped NetworkPolicy\/shop\/dns/), location: expect.objectContaining({ file: 'inventory.yaml' }) })]);
  });
});

describe('policy-in-default-namespace', () => {
  it('flags a policy without namespace and one in default', () => {
    const out = findingsOf(lintYaml(policy(undefined, 'a', '  podSelector: {}') + policy('default', 'b', '  podSelector: {}')), 'policy-in-default-namespace');
    expect(out.map((f) => [f.object.namespace, f.path.join('.'), f.message.slice(0, 30)])).toEqual([
      [undefined, 'metadata', 'has no metadata.namespace: it '],
      ['default', 'metadata.namespace', 'is in the "default" namespace;'],
    ]);
  });

  it('is quiet for other namespaces', () => {
    expect(findingsOf(lintYaml(policy('shop', 'a', '  podSelector: {}')), 'policy-in-default-namespace')).toEqual([]);
  });
});

describe('end-port', () => {
  it('flags endPort as info and is quiet on single ports', () => {
    const r = lintYaml(policy('shop', 'a', '  podSelector: {}\n  ingress: [{ports: [{port: 8000, endPort: 8080}, {port: 9000}]}]'));
    const out = findingsOf(r, 'end-port');
    expect(out.map((f) => [f.severity, f.path.join('.')])).toEqual([['info', 'spec.ingress.0.ports.0.endPort']]);
    expect(out[0].message).toContain('port range 8000-8080/TCP uses endPort');
  });
});

describe('api-server-egress', () => {
  const egress = (peer: string, ports: string): string =>
    policy('shop', 'api', `
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [${peer}]
      ports: ${ports}
`);

  it('flags selector egress on 443/6443 to namespace default or kube-apiserver pods', () => {
    const toDefault = findingsOf(lintYaml(egress('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: default}}}', '[{port: 443}]')), 'api-server-egress');
    expect(toDefault).toHaveLength(1);
    expect(toDefault[0].message).toContain('port 443/TCP to namespace default');
    const toPods = findingsOf(
      lintYaml(egress('{namespaceSelector: {}, podSelector: {matchLabels: {component: kube-apiserver}}}', '[{port: 6443}]')),
      'api-server-egress',
    );
    expect(toPods[0].message).toContain('pods labelled component=kube-apiserver');
  });

  it('is quiet for ipBlock egress, other ports and other namespaces', () => {
    expect(findingsOf(lintYaml(egress('{ipBlock: {cidr: 10.0.0.1/32}}', '[{port: 6443}]')), 'api-server-egress')).toEqual([]);
    expect(findingsOf(lintYaml(egress('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: default}}}', '[{port: 80}]')), 'api-server-egress')).toEqual([]);
    expect(findingsOf(lintYaml(egress('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: web}}}', '[{port: 443}]')), 'api-server-egress')).toEqual([]);
  });
});
