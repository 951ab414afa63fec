import { findingsOf, lintYaml, namespace, pod, policy } from '../helpers';

const AND_PEER = policy('shop', 'web', `
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: monitoring}
          podSelector:
            matchLabels: {app: frontend}
`);

const OR_PEERS = policy('shop', 'web', `
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: monitoring}
        - podSelector:
            matchLabels: {app: prometheus}
`);

describe('peer-selectors-and', () => {
  it('fires when the combined peer matches no pod but its podSelector matches pods of the own namespace', () => {
    const r = lintYaml(AND_PEER, pod('shop', 'fe', { app: 'frontend' }) + pod('shop', 'web', { app: 'web' }) + pod('monitoring', 'prom', { app: 'prometheus' }));
    const [f] = findingsOf(r, 'peer-selectors-and');
    expect(f.path).toEqual(['spec', 'ingress', 0, 'from', 0]);
    expect(f.location.line).toBe(13);
    expect(f.message).toContain('podSelector alone matches 1 pod in the policy\'s own namespace shop (shop/fe)');
    expect(f.message).toContain('write two peers');
  });

  it('does not fire when pods with both exist (the AND is real)', () => {
    const r = lintYaml(AND_PEER, pod('shop', 'fe', { app: 'frontend' }) + pod('monitoring', 'fe', { app: 'frontend' }));
    expect(findingsOf(r, 'peer-selectors-and')).toEqual([]);
  });

  it('does not fire when the podSelector matches no pod of the own namespace either (a typo, not AND/OR)', () => {
    const r = lintYaml(AND_PEER, pod('shop', 'web', { app: 'web' }));
    expect(findingsOf(r, 'peer-selectors-and')).toEqual([]);
  });

  it('without pods, fires when the podSelector is what a policy of the own namespace selects and the namespaceSelector names other namespaces', () => {
    const fe = policy('shop', 'fe', `
  podSelector:
    matchLabels: {app: frontend}
  policyTypes: [Ingress]
`);
    const [f] = findingsOf(lintYaml(AND_PEER + fe), 'peer-selectors-and');
    expect(f.message).toContain('podSelector app=frontend is what NetworkPolicies of the policy\'s own namespace shop select, not of monitoring');
  });

  it('falls back to the policy evidence when the inputs hold no pod of the own namespace', () => {
    const fe = policy('shop', 'fe', `
  podSelector:
    matchLabels: {app: frontend}
  policyTypes: [Ingress]
`);
    expect(findingsOf(lintYaml(AND_PEER + fe, pod('other', 'x', { app: 'x' })), 'peer-selectors-and')).toHaveLength(1);
    expect(findingsOf(lintYaml(AND_PEER + fe, pod('shop', 'x', { app: 'x' })), 'peer-selectors-and')).toEqual([]);
  });

  it('without pods, stays quiet when the other namespace also has policies for those pods, or no policy names them', () => {
    expect(findingsOf(lintYaml(AND_PEER), 'peer-selectors-and')).toEqual([]);
    const both = policy('shop', 'fe', `
  podSelector:
    matchLabels: {app: frontend}
`) + policy('monitoring', 'fe', `
  podSelector:
    matchLabels: {app: frontend}
`);
    expect(findingsOf(lintYaml(AND_PEER + both), 'peer-selectors-and')).toEqual([]);
  });

  it('ignores peers with an empty selector on either side', () => {
    const p = policy('shop', 'x', `
  podSelector: {}
  ingress:
    - from:
        - namespaceSelector: {}
          podSelector:
            matchLabels: {app: frontend}
`);
    expect(findingsOf(lintYaml(p, pod('shop', 'fe', { app: 'frontend' })), 'peer-selectors-and')).toEqual([]);
  });
});

describe('peer-selectors-or', () => {
  it('fires on the podSelector-only peer when its pods run only in the namespaces of the namespaceSelector peer', () => {
    const r = lintYaml(OR_PEERS, pod('monitoring', 'prom', { app: 'prometheus' }) + pod('shop', 'web', { app: 'web' }));
    const [f] = findingsOf(r, 'peer-selectors-or');
    expect(f.path).toEqual(['spec', 'ingress', 0, 'from', 1]);
    expect(f.message).toContain('means pods of the policy\'s namespace shop, ORed with every pod of namespaces kubernetes.io/metadata.name=monitoring (from[0])');
    expect(f.message).toContain('monitoring/prom');
    expect(f.message).toContain('put both selectors in one peer');
  });

  it('does not fire when the podSelector matches pods of the own namespace (the OR is real)', () => {
    const r = lintYaml(OR_PEERS, pod('monitoring', 'prom', { app: 'prometheus' }) + pod('shop', 'prom', { app: 'prometheus' }));
    expect(findingsOf(r, 'peer-selectors-or')).toEqual([]);
  });

  it('without pods, fires when the podSelector is what policies of the named namespace select', () => {
    const mon = policy('monitoring', 'prom', `
  podSelector:
    matchLabels: {app: prometheus}
  policyTypes: [Egress]
  egress: [{}]
`);
    expect(findingsOf(lintYaml(OR_PEERS + mon), 'peer-selectors-or')).toHaveLength(1);
    expect(findingsOf(lintYaml(OR_PEERS), 'peer-selectors-or')).toEqual([]);
  });

  it('does not fire on a rule with only one kind of peer', () => {
    const p = policy('shop', 'x', `
  podSelector: {}
  ingress:
    - from:
        - podSelector:
            matchLabels: {app: prometheus}
`);
    expect(findingsOf(lintYaml(p, pod('monitoring', 'prom', { app: 'prometheus' }) + namespace('monitoring')), 'peer-selectors-or')).toEqual([]);
  });
});
