import { findingsOf, lintYaml, pod, policy } from '../helpers';

const shadowed = (yaml: string, inv?: string): string[] =>
  findingsOf(lintYaml(yaml, inv), 'shadowed-rule').map((f) => `${f.object.name} ${f.path.join('.')}: ${f.message}`);

describe('shadowed-rule', () => {
  it('flags a rule of the same policy whose peers and ports are contained in another rule', () => {
    const p = policy('shop', 'web', `
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: 8000, endPort: 8100}]
    - from: [{podSelector: {matchLabels: {app: frontend, tier: edge}}}]
      ports: [{port: 8080}]
`);
    expect(shadowed(p)).toEqual([
      'web spec.ingress.1: rule is shadowed by ingress[0] of this policy, which admits every peer and port this rule admits for at least the same pods; this rule adds nothing',
    ]);
  });

  it('flags a rule shadowed by a policy selecting a superset of pods (by selector)', () => {
    const all = policy('shop', 'all', `
  podSelector: {}
  ingress:
    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
`);
    const web = policy('shop', 'web', `
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
          podSelector: {matchLabels: {app: prometheus}}
      ports: [{port: 9090}]
`);
    expect(shadowed(all + web)).toEqual([
      'web spec.ingress.0: rule is shadowed by shop/all ingress[0], which admits every peer and port this rule admits for at least the same pods; this rule adds nothing',
    ]);
  });

  it('reports only the later of two equal rules', () => {
    const a = policy('shop', 'a', '  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]');
    const b = policy('shop', 'b', '  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]');
    expect(shadowed(a + b).map((s) => s.split(':')[0])).toEqual(['b spec.ingress.0']);
  });

  it('handles ipBlocks by range and except', () => {
    const p = (broadExcept: string): string =>
      policy('shop', 'out', `
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 10.0.0.0/8, except: ${broadExcept}}}]
    - to: [{ipBlock: {cidr: 10.1.0.0/16, except: [10.1.2.0/24]}}]
`);
    expect(shadowed(p('[192.168.0.0/16]').replace('192.168.0.0/16', '10.9.0.0/16'))).toHaveLength(1);
    expect(shadowed(p('[10.1.2.0/25]'))).toHaveLength(1);
    // The broad rule's hole cuts into the narrow range: not contained.
    expect(shadowed(p('[10.1.0.0/24]'))).toEqual([]);
  });

  it('is quiet when the other rule is narrower somewhere, in another direction, namespace or non-isolating policy', () => {
    const p = policy('shop', 'web', `
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: 80}]
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: 443}]
    - from: [{podSelector: {matchLabels: {app: admin}}}, {podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: 8080}]
    - from: [{namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: 80}]
`);
    expect(shadowed(p)).toEqual([]);
    const egressOnly = policy('shop', 'e', '  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{}]\n  egress: [{}]');
    const web = policy('shop', 'w', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{ports: [{port: 80}]}]');
    expect(shadowed(egressOnly + web)).toEqual([]);
    const otherNs = policy('other', 'all', '  podSelector: {}\n  ingress: [{}]');
    expect(shadowed(otherNs + web)).toEqual([]);
  });

  it('with pods, uses the pods both policies select when selectors alone prove nothing', () => {
    const broad = policy('shop', 'tier', '  podSelector: {matchLabels: {tier: front}}\n  ingress: [{}]');
    const web = policy('shop', 'web', '  podSelector: {matchLabels: {app: web}}\n  ingress: [{ports: [{port: 80}]}]');
    expect(shadowed(broad + web)).toEqual([]);
    const out = shadowed(broad + web, pod('shop', 'web', { app: 'web', tier: 'front' }));
    expect(out).toEqual([
      'web spec.ingress.0: rule is shadowed by shop/tier ingress[0], which admits every peer and port this rule admits for the same pods of the inputs; this rule adds nothing',
    ]);
    expect(shadowed(broad + web, pod('shop', 'web', { app: 'web', tier: 'front' }) + pod('shop', 'web2', { app: 'web' }))).toEqual([]);
  });
});
