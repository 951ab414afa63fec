import { findingsOf, lintYaml, policy } from '../helpers';

const find = (spec: string): { path: string; message: string }[] =>
  findingsOf(lintYaml(policy('shop', 'p', spec)), 'policy-types-mismatch').map((f) => ({ path: f.path.join('.'), message: f.message }));

describe('policy-types-mismatch', () => {
  it('flags egress: [] without policyTypes, which does not isolate egress', () => {
    const [f, ...rest] = find('  podSelector: {}\n  egress: []');
    expect(rest).toEqual([]);
    expect(f.path).toBe('spec.egress');
    expect(f.message).toContain('does not isolate egress');
  });

  it('flags egress rules without policyTypes and without ingress: ingress is denied silently', () => {
    const [f] = find('  podSelector: {}\n  egress: [{ports: [{port: 443}]}]');
    expect(f.path).toBe('spec.policyTypes');
    expect(f.message).toContain('all ingress to the selected pods is denied');
  });

  it('flags rules of a direction policyTypes leaves out (they are ignored)', () => {
    const out = find('  podSelector: {}\n  policyTypes: [Ingress]\n  egress: [{ports: [{port: 443}]}]\n');
    expect(out.map((f) => f.path)).toEqual(['spec.egress']);
    expect(out[0].message).toContain('the egress rules are ignored');
    const ing = find('  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{}]\n');
    expect(ing.map((f) => f.path)).toEqual(['spec.ingress']);
  });

  it('is quiet when the defaults match the rules', () => {
    expect(find('  podSelector: {}')).toEqual([]); // classic default-deny ingress
    expect(find('  podSelector: {}\n  ingress: [{}]')).toEqual([]);
    expect(find('  podSelector: {}\n  ingress: [{}]\n  egress: [{}]')).toEqual([]);
    expect(find('  podSelector: {}\n  ingress: []\n  egress: [{}]')).toEqual([]);
    expect(find('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  egress: []')).toEqual([]);
    expect(find('  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{}]')).toEqual([]);
  });
});
