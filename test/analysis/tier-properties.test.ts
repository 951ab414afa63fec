/**
 * Laws of the tiered engine, on random small clusters (fast-check) with NetworkPolicies and
 * cluster-scoped policies of both tiers (priorities that collide, every action, Pass chains,
 * networks, nodes and domain names peers, named ports of every protocol, legacy
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy), pods of the pod network and host-network
 * pods on nodes, IPv4 and IPv6:
 * - the class matrix equals the naive evaluator, outcome for outcome (implementation-defined and
 *   depends on DNS included), for both readings of NetworkPolicy ipBlock;
 * - each cell is the per-flow verdict's outcome, which combines its two sides;
 * - an Admin Deny of everything at a priority of its own, before every other, denies every flow
 *   from or to its subject's pods (and changes no flow of other pods);
 * - no cluster policy ever makes a host-network pod's side decide anything.
 */
import fc from 'fast-check';
import { InventoryBuilder, Inventory } from '../../lib/analysis/inventory';
import { computeMatrix, matrixToJson, MatrixJson } from '../../lib/analysis/matrix';
import { naiveMatrix } from '../../lib/analysis/naive-matrix';
import { combineOutcomes, Outcome } from '../../lib/analysis/outcome';
import { evaluateFlow } from '../../lib/analysis/verdict';
import { PortProtocol } from '../../lib/analysis/endpoint';
import { NetworkPolicyManifest } from '../../lib/core/manifest';
import { clusterPoliciesArb, ClusterVocabulary, GenSelector } from './cluster-arbitraries';

const NAMESPACES = ['n1', 'n2', 'n3'];
const PORTS: PortProtocol[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
  { port: 80, protocol: 'UDP' },
  { port: 53, protocol: 'UDP' },
  { port: 80, protocol: 'SCTP' },
];
const EXTERNALS = ['10.0.1.7', '8.8.8.8', 'fd00::99', '172.20.0.2'];

// Broad selectors often, so that policies of one priority meet on the same flows.
const podSelectorArb: fc.Arbitrary<GenSelector> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 3 },
  { arbitrary: fc.constantFrom('x', 'y').map((app) => ({ matchLabels: { app } })), weight: 2 },
  { arbitrary: fc.constant({ matchExpressions: [{ key: 'app', operator: 'In' as const, values: ['x', 'y'] }] }), weight: 1 },
  { arbitrary: fc.constant({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' as const }] }), weight: 1 },
);
const nsSelectorArb: fc.Arbitrary<GenSelector> = fc.oneof(
  fc.constant({}),
  fc.constant({}),
  fc.constantFrom('a', 'b').map((env) => ({ matchLabels: { env } })),
  fc.constantFrom(...NAMESPACES).map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
  fc.constant({ matchExpressions: [{ key: 'env', operator: 'NotIn' as const, values: ['a'] }] }),
);
const VOCABULARY: ClusterVocabulary = {
  pods: podSelectorArb,
  namespaces: nsSelectorArb,
  networks: ['10.0.0.0/16', '0.0.0.0/0', '::/0', 'fd00::/64', '172.20.0.0/24', '10.0.1.0/24'],
  nodes: fc.constantFrom<GenSelector>({}, { matchLabels: { zone: 'a' } }),
  ports: [53, 79, 80, 81],
  portNames: ['http', 'dns'],
  priorities: [1, 2],
};

const npArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podSelector: podSelectorArb,
  policyTypes: fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.option(fc.array(fc.record({ from: fc.array(fc.record({ podSelector: podSelectorArb, namespaceSelector: nsSelectorArb }), { maxLength: 1 }) }), { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(
    fc.array(
      fc.oneof(fc.record({ to: fc.array(fc.record({ podSelector: podSelectorArb }), { maxLength: 1 }) }), fc.constant({ to: [{ ipBlock: { cidr: '10.0.0.0/16' } }] }), fc.constant({ ports: [{ port: 'dns', protocol: 'UDP' }] })),
      { maxLength: 2 },
    ),
    { nil: undefined },
  ),
});

const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  app: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
  ip: fc.constantFrom(undefined, '10.0.0.5', '10.0.1.5', '10.0.2.5', 'fd00::5'),
  hostNetwork: fc.constantFrom(undefined, 'node-a', 'node-b'),
  http: fc.constantFrom(undefined, 80, 81),
  dns: fc.boolean(),
});

const worldArb = fc.record({
  nsEnv: fc.array(fc.constantFrom(undefined, 'a', 'b'), { minLength: 3, maxLength: 3 }),
  pods: fc.array(podArb, { minLength: 1, maxLength: 6 }),
  networkPolicies: fc.array(npArb, { maxLength: 2 }),
  clusterPolicies: clusterPoliciesArb(VOCABULARY, 4),
});
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function networkPolicy(p: World['networkPolicies'][number], i: number): NetworkPolicyManifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np${i}`, namespace: p.namespace },
    spec: {
      podSelector: p.podSelector,
      ...(p.policyTypes ? { policyTypes: [...p.policyTypes] } : {}),
      ...(p.ingress ? { ingress: p.ingress } : {}),
      ...(p.egress ? { egress: p.egress as NetworkPolicyManifest['spec']['egress'] } : {}),
    },
  };
}

function build(w: World, extra: readonly Record<string, unknown>[] = []): Inventory {
  const b = new InventoryBuilder();
  NAMESPACES.forEach((n, i) => b.namespace(n, w.nsEnv[i] ? { env: w.nsEnv[i] as string } : {}));
  b.node('node-a', { labels: { zone: 'a' }, addresses: ['172.20.0.1', 'fd00:20::1'] });
  b.node('node-b', { labels: { zone: 'b' }, addresses: ['172.20.0.2'] });
  const used = new Set<string>();
  w.pods.forEach((p, i) => {
    const ports = [...(p.http ? [{ name: 'http', port: p.http, protocol: 'TCP' as const }] : []), ...(p.dns ? [{ name: 'dns', port: 53, protocol: 'UDP' as const }] : [])];
    const ips = p.hostNetwork === undefined && p.ip !== undefined && !used.has(p.ip) ? [p.ip] : [];
    ips.forEach((ip) => used.add(ip));
    b.pod(`${p.namespace}/pod${i}`, {
      labels: p.app ? { app: p.app } : {},
      ports,
      ips,
      ...(p.hostNetwork !== undefined ? { hostNetwork: true, nodeName: p.hostNetwork } : {}),
    });
  });
  w.networkPolicies.forEach((p, i) => b.policy(networkPolicy(p, i)));
  for (const c of [...w.clusterPolicies, ...extra]) b.clusterPolicy(c);
  return b.build();
}

/** The addresses outside the cluster to ask about: those no pod has (a host-network pod has its node's). */
function externalsOf(inv: Inventory): string[] {
  const ips = new Set(inv.pods.flatMap((p) => p.ips));
  return EXTERNALS.filter((e) => !ips.has(e));
}

function outcomeOf(json: MatrixJson, from: string, to: string, port: string): Outcome {
  return (json.allowed[from]?.[to] ?? []).includes(port) ? 'allowed' : (json.undecided?.[from]?.[to]?.[port] ?? 'denied');
}

const STATS = new Map<string, number>();
afterAll(() => {
  if (process.env.TIER_STATS) console.log([...STATS].sort().map(([k, v]) => `${k}: ${v}`).join('\n'));
});

describe('tiered engine laws (fast-check)', () => {
  it('the class matrix equals the naive evaluator, outcome for outcome, for both readings of ipBlock', () => {
    fc.assert(
      fc.property(worldArb, fc.boolean(), (w, ipBlockMatchesPods) => {
        const inv = build(w);
        const options = { externals: externalsOf(inv), ipBlockMatchesPods };
        const m = matrixToJson(computeMatrix(inv, PORTS, options));
        if (process.env.TIER_STATS) {
          const seen = new Set<string>();
          for (const row of Object.values(m.undecided ?? {})) for (const cell of Object.values(row)) for (const o of Object.values(cell)) seen.add(o);
          for (const o of seen) STATS.set(`worlds with ${o}`, (STATS.get(`worlds with ${o}`) ?? 0) + 1);
          if (w.clusterPolicies.length > 0) STATS.set('worlds with cluster policies', (STATS.get('worlds with cluster policies') ?? 0) + 1);
          STATS.set('worlds', (STATS.get('worlds') ?? 0) + 1);
        }
        expect(m).toEqual(naiveMatrix(inv, PORTS, options));
      }),
      { numRuns: 300 },
    );
  });

  it('each cell is the per-flow verdict, which combines its two sides', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const inv = build(w);
        const json = matrixToJson(computeMatrix(inv, PORTS, { externals: externalsOf(inv) }));
        const names = [...json.pods, ...json.external];
        for (const from of names) {
          for (const to of names) {
            if (json.external.includes(from) && json.external.includes(to)) continue;
            for (const pp of PORTS) {
              const v = evaluateFlow(inv, { from, to, ...pp });
              expect(v.outcome).toBe(combineOutcomes(v.egress.outcome, v.ingress.outcome));
              expect(v.allowed).toBe(v.outcome === 'allowed');
              expect([from, to, pp, outcomeOf(json, from, to, `${pp.port}/${pp.protocol}`)]).toEqual([from, to, pp, v.outcome]);
            }
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('an Admin Deny of everything before every other policy denies every flow of its subject, and no other', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom(...NAMESPACES), (w, namespace) => {
        const deny = {
          apiVersion: 'policy.networking.k8s.io/v1alpha2',
          kind: 'ClusterNetworkPolicy',
          metadata: { name: 'lockdown' },
          spec: {
            tier: 'Admin',
            priority: 0,
            subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } },
            ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
            egress: [{ action: 'Deny', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] }],
          },
        };
        const inv = build(w, [deny]);
        const before = matrixToJson(computeMatrix(build(w), PORTS, { externals: externalsOf(inv) }));
        const after = matrixToJson(computeMatrix(inv, PORTS, { externals: externalsOf(inv) }));
        const locked = new Set(inv.pods.filter((p) => p.namespace === namespace && !p.hostNetwork).map((p) => p.id));
        const names = [...after.pods, ...after.external];
        for (const from of names) {
          for (const to of names) {
            if (after.external.includes(from) && after.external.includes(to)) continue;
            for (const pp of PORTS) {
              const port = `${pp.port}/${pp.protocol}`;
              const fromLocked = locked.has(from);
              // Egress from a locked pod: denied. Ingress to it from a pod of the pod network: denied.
              const toLocked = locked.has(to) && inv.pods.some((p) => p.id === from && !p.hostNetwork);
              if (fromLocked || toLocked) expect([from, to, port, outcomeOf(after, from, to, port)]).toEqual([from, to, port, 'denied']);
              else if (!locked.has(to)) expect([from, to, port, outcomeOf(after, from, to, port)]).toEqual([from, to, port, outcomeOf(before, from, to, port)]);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a host-network pod is never a subject: its own side always allows', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const inv = build(w);
        for (const p of inv.pods.filter((x) => x.hostNetwork)) {
          for (const other of [...inv.pods.map((x) => x.id), ...externalsOf(inv)]) {
            for (const pp of PORTS) {
              expect(evaluateFlow(inv, { from: p.id, to: other, ...pp }).egress.outcome).toBe('allowed');
              expect(evaluateFlow(inv, { from: other, to: p.id, ...pp }).ingress.outcome).toBe('allowed');
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('tiered engine laws on larger clusters (sparse class sets)', () => {
  it('the class matrix equals the naive evaluator with dozens of distinguishable pods', () => {
    const many = fc.record({
      nsEnv: fc.array(fc.constantFrom(undefined, 'a', 'b'), { minLength: 3, maxLength: 3 }),
      pods: fc.array(fc.record({ namespace: fc.constantFrom(...NAMESPACES), n: fc.nat(60), hostNetwork: fc.constantFrom(undefined, undefined, undefined, 'node-a') }), { minLength: 40, maxLength: 80 }),
      clusterPolicies: clusterPoliciesArb({ ...VOCABULARY, pods: fc.oneof(podSelectorArb, fc.nat(60).map((n) => ({ matchLabels: { id: `p${n}` } }))) }, 4),
    });
    fc.assert(
      fc.property(many, (w) => {
        const b = new InventoryBuilder();
        NAMESPACES.forEach((n, i) => b.namespace(n, w.nsEnv[i] ? { env: w.nsEnv[i] as string } : {}));
        b.node('node-a', { labels: { zone: 'a' }, addresses: ['172.20.0.1'] });
        w.pods.forEach((p, i) => {
          const labels: Record<string, string> = { id: `p${p.n}`, ...(p.n % 3 === 0 ? { app: 'x' } : p.n % 3 === 1 ? { app: 'y' } : {}) };
          b.pod(`${p.namespace}/pod${i}`, { labels, ips: p.hostNetwork ? [] : [`10.0.${i % 3}.${i + 1}`], ...(p.hostNetwork ? { hostNetwork: true, nodeName: p.hostNetwork } : {}) });
        });
        for (const c of w.clusterPolicies) b.clusterPolicy(c);
        const inv = b.build();
        const options = { externals: externalsOf(inv) };
        expect(matrixToJson(computeMatrix(inv, PORTS, options))).toEqual(naiveMatrix(inv, PORTS, options));
      }),
      { numRuns: 25 },
    );
  });
});
