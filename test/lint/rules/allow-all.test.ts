import { findingsOf, lintYaml, policy } from '../helpers';

const lint = (spec: string, id: string): { path: string; message: string }[] =>
  findingsOf(lintYaml(policy('shop', 'p', spec)), id).map((f) => ({ path: f.path.join('.'), message: f.message }));

describe('empty-list-allows-all', () => {
  it('flags from: [], to: [] and ports: []', () => {
    const out = lint(
      `
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress:
    - from: []
      ports: []
  egress:
    - to: []
      ports: [{port: 443}]
`,
      'empty-list-allows-all',
    );
    expect(out.map((f) => f.path)).toEqual(['spec.ingress.0.from', 'spec.ingress.0.ports', 'spec.egress.0.to']);
    expect(out[0].message).toContain('from: [] admits every source, including addresses outside the cluster, not nobody');
    expect(out[2].message).toContain('to: [] admits every destination');
    expect(out[1].message).toContain('ports: [] admits every port');
  });

  it('is quiet on omitted and non-empty lists', () => {
    expect(lint('  podSelector: {}\n  ingress:\n    - ports: [{port: 80}]\n    - from: [{podSelector: {}}]', 'empty-list-allows-all')).toEqual([]);
  });
});

describe('rule-admits-everyone', () => {
  it('flags a rule without from (every source) in an isolated direction', () => {
    const [f] = lint('  podSelector: {}\n  ingress:\n    - ports: [{port: 80}]', 'rule-admits-everyone');
    expect(f.path).toBe('spec.ingress.0');
    expect(f.message).toBe('rule has no from: it admits traffic from every source (all namespaces and outside the cluster) on the listed ports');
    const [e] = lint('  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{}]', 'rule-admits-everyone');
    expect(e.message).toContain('to every destination');
    expect(e.message).toContain('on every port');
  });

  it('flags namespaceSelector: {} alone, and with podSelector: {}', () => {
    const out = lint(
      `
  podSelector: {}
  ingress:
    - from:
        - namespaceSelector: {}
        - namespaceSelector: {}
          podSelector: {}
`,
      'rule-admits-everyone',
    );
    expect(out.map((f) => f.path)).toEqual(['spec.ingress.0.from.0.namespaceSelector', 'spec.ingress.0.from.1.namespaceSelector']);
    expect(out[0].message).toContain('every pod of the cluster');
  });

  it('is quiet on listed peers, namespaceSelector: {} narrowed by a podSelector, empty lists (another rule) and ignored directions', () => {
    const spec = `
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector: {}
        - namespaceSelector: {}
          podSelector: {matchLabels: {app: prometheus}}
    - from: []
  egress: [{}]
`;
    expect(lint(spec, 'rule-admits-everyone')).toEqual([]);
  });
});
