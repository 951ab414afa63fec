/**
 * Laws of the engine, on random small inventories (fast-check):
 * - the class-based matrix equals the naive evaluator (every policy for every pair), for both
 *   readings of ipBlock;
 * - each matrix cell equals the per-flow verdict, and a verdict is allowed iff both its sides are;
 * - adding a rule to a policy that already isolates in that direction never removes a flow;
 * - adding a policy without rules never adds a flow; removing every policy allows everything.
 */
import fc from 'fast-check';
import {
  LabelSelectorManifest,
  NetworkPolicyEgressRuleManifest,
  NetworkPolicyIngressRuleManifest,
  NetworkPolicyManifest,
  NetworkPolicyPeerManifest,
  NetworkPolicyPortManifest,
  PolicyTypeName,
} from '../../lib/core/manifest';
import { InventoryBuilder, Inventory, ContainerPort } from '../../lib/analysis/inventory';
import { computeMatrix, matrixToJson, MatrixJson } from '../../lib/analysis/matrix';
import { naiveMatrix } from '../../lib/analysis/naive-matrix';
import { evaluateFlow } from '../../lib/analysis/verdict';
import { normalizePolicy } from '../../lib/analysis/normalize-policy';
import { PortProtocol } from '../../lib/analysis/endpoint';

const NAMESPACES = ['n1', 'n2', 'n3'];
const PORTS: PortProtocol[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
  { port: 80, protocol: 'UDP' },
];
const EXTERNALS = ['10.0.1.7', '8.8.8.8', 'fd00::99'];

const labelsArb = fc.record({ app: fc.constantFrom('x', 'y'), tier: fc.constant('1') }, { requiredKeys: [] });
const selectorArb: fc.Arbitrary<LabelSelectorManifest> = fc.oneof(
  fc.constant({}),
  labelsArb.map((matchLabels) => ({ matchLabels })),
  fc
    .record({
      key: fc.constantFrom('app', 'tier', 'env'),
      operator: fc.constantFrom('In' as const, 'NotIn' as const, 'Exists' as const, 'DoesNotExist' as const),
      values: fc.subarray(['x', 'y', '1', 'a'], { minLength: 1 }),
    })
    .map((r) => ({ matchExpressions: [r.operator === 'In' || r.operator === 'NotIn' ? r : { key: r.key, operator: r.operator }] })),
);
const nsSelectorArb: fc.Arbitrary<LabelSelectorManifest> = fc.oneof(
  fc.constant({}),
  fc.constantFrom('a', 'b').map((env) => ({ matchLabels: { env } })),
  fc.constantFrom(...NAMESPACES).map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
  fc.constant({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' as const }] }),
);
const peerArb: fc.Arbitrary<NetworkPolicyPeerManifest> = fc.oneof(
  fc.record({ podSelector: selectorArb, namespaceSelector: nsSelectorArb }, { requiredKeys: [] }).filter((p) => p.podSelector !== undefined || p.namespaceSelector !== undefined),
  fc.constantFrom(
    { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } },
    { ipBlock: { cidr: '0.0.0.0/0' } },
    { ipBlock: { cidr: 'fd00::/64', except: ['fd00::99/128', 'fd00::6/128'] } },
    { ipBlock: { cidr: '10.0.1.0/24' } },
  ),
);
const portArb: fc.Arbitrary<NetworkPolicyPortManifest> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.constantFrom(80, 81, 'http', 'dns') }, { requiredKeys: ['port'] }),
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const) }),
  fc.constant({ port: 79, endPort: 80 }),
);
const ruleArb = fc.record(
  { peers: fc.array(peerArb, { maxLength: 2 }), ports: fc.array(portArb, { maxLength: 2 }) },
  { requiredKeys: [] },
);
const toIngress = (r: { peers?: NetworkPolicyPeerManifest[]; ports?: NetworkPolicyPortManifest[] }): NetworkPolicyIngressRuleManifest => ({
  ...(r.peers ? { from: r.peers } : {}),
  ...(r.ports ? { ports: r.ports } : {}),
});
const toEgress = (r: { peers?: NetworkPolicyPeerManifest[]; ports?: NetworkPolicyPortManifest[] }): NetworkPolicyEgressRuleManifest => ({
  ...(r.peers ? { to: r.peers } : {}),
  ...(r.ports ? { ports: r.ports } : {}),
});
const typesArb: fc.Arbitrary<PolicyTypeName[] | undefined> = fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']);
const policyArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podSelector: selectorArb,
  policyTypes: typesArb,
  ingress: fc.option(fc.array(ruleArb, { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(ruleArb, { maxLength: 2 }), { nil: undefined }),
});
type PolicyInput = typeof policyArb extends fc.Arbitrary<infer T> ? T : never;

const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels: labelsArb,
  httpPort: fc.constantFrom(undefined, 80, 81),
  dns: fc.boolean(),
  ip: fc.constantFrom(undefined, '10.0.0.5', '10.0.1.5', '10.0.2.5', 'fd00::5', 'fd00::6'),
});
type PodInput = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

const worldArb = fc.record({
  nsEnv: fc.array(fc.constantFrom(undefined, 'a', 'b'), { minLength: 3, maxLength: 3 }),
  pods: fc.array(podArb, { maxLength: 6 }),
  policies: fc.array(policyArb, { maxLength: 4 }),
});
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function manifest(p: PolicyInput, i: number): NetworkPolicyManifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `p${i}`, namespace: p.namespace },
    spec: {
      podSelector: p.podSelector,
      ...(p.policyTypes ? { policyTypes: p.policyTypes } : {}),
      ...(p.ingress ? { ingress: p.ingress.map(toIngress) } : {}),
      ...(p.egress ? { egress: p.egress.map(toEgress) } : {}),
    },
  };
}

function build(w: World, policies: readonly NetworkPolicyManifest[]): Inventory {
  const b = new InventoryBuilder();
  NAMESPACES.forEach((n, i) => b.namespace(n, w.nsEnv[i] ? { env: w.nsEnv[i] as string } : {}));
  const usedIps = new Set<string>();
  w.pods.forEach((p: PodInput, i) => {
    const ports: ContainerPort[] = [];
    if (p.httpPort) ports.push({ name: 'http', port: p.httpPort, protocol: 'TCP' });
    if (p.dns) ports.push({ name: 'dns', port: 80, protocol: 'UDP' });
    const ips = p.ip && !usedIps.has(p.ip) ? [p.ip] : [];
    for (const ip of ips) usedIps.add(ip);
    b.pod(`${p.namespace}/pod${i}`, { labels: p.labels, ports, ips });
  });
  for (const m of policies) b.policy(m);
  return b.build();
}

function cells(json: MatrixJson): Set<string> {
  const out = new Set<string>();
  for (const [from, row] of Object.entries(json.allowed)) for (const [to, ports] of Object.entries(row)) for (const p of ports) out.add(`${from}>${to}@${p}`);
  return out;
}

const RUNS = { numRuns: 150 };

describe('engine laws (fast-check)', () => {
  it('the class-based matrix equals the naive evaluator, for both readings of ipBlock', () => {
    fc.assert(
      fc.property(worldArb, fc.boolean(), (w, ipBlockMatchesPods) => {
        const inv = build(w, w.policies.map(manifest));
        const options = { externals: EXTERNALS, ipBlockMatchesPods };
        expect(matrixToJson(computeMatrix(inv, PORTS, options))).toEqual(naiveMatrix(inv, PORTS, options));
      }),
      RUNS,
    );
  });

  it('each cell equals the per-flow verdict, which is allowed iff both sides allow', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const inv = build(w, w.policies.map(manifest));
        const json = matrixToJson(computeMatrix(inv, PORTS, { externals: EXTERNALS }));
        const names = [...json.pods, ...json.external];
        for (const from of names) {
          for (const to of names) {
            if (json.external.includes(from) && json.external.includes(to)) continue;
            for (const pp of PORTS) {
              const v = evaluateFlow(inv, { from, to, ...pp });
              expect(v.allowed).toBe(v.egress.allowed && v.ingress.allowed);
              expect((json.allowed[from]?.[to] ?? []).includes(`${pp.port}/${pp.protocol}`)).toBe(v.allowed);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('adding a rule to a policy that already isolates that direction never removes a flow', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), fc.boolean(), ruleArb, (w, pick, ingress, rule) => {
        fc.pre(w.policies.length > 0);
        const before = w.policies.map(manifest);
        const i = pick % before.length;
        const normalized = normalizePolicy(before[i] as unknown as Record<string, unknown>, before[i].metadata.namespace!);
        fc.pre(ingress ? normalized.isolatesIngress : normalized.isolatesEgress);
        const spec = before[i].spec;
        const after = [...before];
        after[i] = {
          ...before[i],
          spec: ingress ? { ...spec, ingress: [...(spec.ingress ?? []), toIngress(rule)] } : { ...spec, egress: [...(spec.egress ?? []), toEgress(rule)] },
        };
        const options = { externals: EXTERNALS };
        const a = cells(matrixToJson(computeMatrix(build(w, before), PORTS, options)));
        const b = cells(matrixToJson(computeMatrix(build(w, after), PORTS, options)));
        for (const c of a) expect(b.has(c)).toBe(true);
      }),
      RUNS,
    );
  });

  it('adding a policy without rules never adds a flow', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom(...NAMESPACES), selectorArb, typesArb, (w, namespace, podSelector, policyTypes) => {
        const before = w.policies.map(manifest);
        const deny: NetworkPolicyManifest = {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'added-deny', namespace },
          spec: { podSelector, ...(policyTypes ? { policyTypes } : {}) },
        };
        const options = { externals: EXTERNALS };
        const a = cells(matrixToJson(computeMatrix(build(w, before), PORTS, options)));
        const b = cells(matrixToJson(computeMatrix(build(w, [...before, deny]), PORTS, options)));
        for (const c of b) expect(a.has(c)).toBe(true);
      }),
      RUNS,
    );
  });

  it('without policies every pair is allowed on every port', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const json = matrixToJson(computeMatrix(build(w, []), PORTS, { externals: EXTERNALS }));
        const n = json.pods.length + json.external.length;
        expect(cells(json).size).toBe((n * n - json.external.length ** 2) * PORTS.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('engine laws on larger inventories (sparse class sets)', () => {
  it('the class-based matrix equals the naive evaluator with dozens of distinguishable pods', () => {
    const bigWorld = fc.record({
      nsEnv: fc.array(fc.constantFrom(undefined, 'a', 'b'), { minLength: 3, maxLength: 3 }),
      pods: fc.array(
        fc.record({ namespace: fc.constantFrom(...NAMESPACES), n: fc.nat(60), httpPort: fc.constantFrom(undefined, 80, 81), dns: fc.boolean() }),
        { minLength: 40, maxLength: 90 },
      ),
      policies: fc.array(policyArb, { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(bigWorld, (w) => {
        const b = new InventoryBuilder();
        NAMESPACES.forEach((n, i) => b.namespace(n, w.nsEnv[i] ? { env: w.nsEnv[i] as string } : {}));
        w.pods.forEach((p, i) => {
          const ports: ContainerPort[] = p.httpPort ? [{ name: 'http', port: p.httpPort, protocol: 'TCP' }] : [];
          // Unique-ish labels make many classes, so small peers become sparse sets.
          const labels: Record<string, string> = { id: `p${p.n}`, ...(p.n % 3 === 0 ? { app: 'x' } : p.n % 3 === 1 ? { app: 'y' } : {}), ...(p.dns ? { tier: '1' } : {}) };
          b.pod(`${p.namespace}/pod${i}`, { labels, ports, ips: i < 250 ? [`10.0.${i % 3}.${i + 1}`] : [] });
        });
        w.policies.map(manifest).forEach((m) => b.policy(m));
        const inv = b.build();
        const options = { externals: EXTERNALS };
        expect(matrixToJson(computeMatrix(inv, PORTS, options))).toEqual(naiveMatrix(inv, PORTS, options));
      }),
      { numRuns: 25 },
    );
  });
});
