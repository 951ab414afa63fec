/**
 * Random NetworkPolicy sets for laws: selectors over a few keys and values, namespace selectors
 * by labels and by name, ipBlocks that nest, numeric, ranged and named ports. Small on purpose,
 * so that random sets overlap and differences are subtle.
 */
import fc from 'fast-check';
import { NetworkPolicyManifest, NetworkPolicySpecManifest } from '../../lib/core/manifest';
import { Sel } from '../faces/oracle';

export const KEYS = ['app', 'tier'];
export const VALUES = ['web', 'db', '1'];
export const selArb: fc.Arbitrary<Sel> = fc.oneof(
  fc.constant({}),
  fc.record({ k: fc.constantFrom(...KEYS), v: fc.constantFrom(...VALUES) }).map(({ k, v }) => ({ matchLabels: { [k]: v } })),
  fc
    .record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('In' as const, 'NotIn' as const, 'Exists' as const, 'DoesNotExist' as const), values: fc.subarray(VALUES, { minLength: 1 }) })
    .map((r) => ({ matchExpressions: [r.operator === 'Exists' || r.operator === 'DoesNotExist' ? { key: r.key, operator: r.operator } : r] })),
);
export const nsSelArb: fc.Arbitrary<Sel> = fc.oneof(
  fc.constant({}),
  fc.constantFrom('x', 'y').map((env) => ({ matchLabels: { env } })),
  fc.constantFrom('a', 'b').map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
  fc.constant<Sel>({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['x'] }] }),
  fc.constant<Sel>({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }] }),
  fc.constant<Sel>({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['a'] }] }),
);
export const peerArb = fc.oneof(
  fc.record({ podSelector: selArb, namespaceSelector: nsSelArb }, { requiredKeys: [] }).filter((p) => p.podSelector !== undefined || p.namespaceSelector !== undefined),
  fc.constantFrom('10.0.0.0/28', '10.0.0.8/29', '0.0.0.0/0').map((cidr) => ({ ipBlock: { cidr } })),
);
export const portArb = fc.oneof(
  fc.record({ port: fc.integer({ min: 1, max: 10 }), protocol: fc.constantFrom('TCP', 'UDP') }, { requiredKeys: ['port'] }),
  fc.tuple(fc.integer({ min: 1, max: 10 }), fc.constantFrom(10, 65535)).map(([port, endPort]) => ({ port, endPort })),
  fc.constant({ port: 'http' }),
  fc.constantFrom('TCP', 'UDP').map((protocol) => ({ protocol })),
);
export const ruleArb = fc.record({ peers: fc.array(peerArb, { minLength: 1, maxLength: 2 }), ports: fc.array(portArb, { minLength: 1, maxLength: 2 }) }, { requiredKeys: [] });
export const policyArb = fc.record({
  ns: fc.constantFrom('a', 'b'),
  podSelector: selArb,
  types: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.array(ruleArb, { maxLength: 2 }),
  egress: fc.array(ruleArb, { maxLength: 2 }),
});
/** A policy before it is a manifest. */
export type PolicyDraft = { ns: string; podSelector: Sel; types: readonly string[]; ingress: { peers?: unknown[]; ports?: unknown[] }[]; egress: { peers?: unknown[]; ports?: unknown[] }[] };

/** The manifest of a draft, named p<i>. */
export function manifest(p: PolicyDraft, i: number): NetworkPolicyManifest {
  const rules = (rs: PolicyDraft['ingress'], field: 'from' | 'to') => rs.map((r) => ({ ...(r.peers ? { [field]: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) }));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `p${i}`, namespace: p.ns }, spec: { podSelector: p.podSelector, policyTypes: [...p.types], ingress: rules(p.ingress, 'from'), egress: rules(p.egress, 'to') } as NetworkPolicySpecManifest };
}

