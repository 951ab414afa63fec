/**
 * The cluster lint rules that claim a rule does nothing are sound, against the engine: removing a
 * rule `cluster-rule-shadowed` reports, or a NetworkPolicy rule `admin-deny-overrides-allow`
 * reports, never changes the outcome of any flow (pods, host-network pods, addresses, ports).
 */
import fc from 'fast-check';
import { computeMatrix, matrixToJson } from '../../../lib/analysis/matrix';
import { inventoryFromObjects } from '../../../lib/analysis/inventory-from-manifests';
import { normalizePolicy } from '../../../lib/analysis/normalize-policy';
import { PortProtocol } from '../../../lib/analysis/endpoint';
import { LoadedManifest } from '../../../lib/io/manifests';
import { lintManifests } from '../../../lib/lint';
import { adminDenyOverridesAllow } from '../../../lib/lint/rules/admin-deny-overrides-allow';
import { clusterRuleShadowed } from '../../../lib/lint/rules/cluster-rule-shadowed';
import { clusterPriorityConflict } from '../../../lib/lint/rules/cluster-priority-conflict';
import { clusterPoliciesArb, ClusterVocabulary, GenSelector } from '../../analysis/cluster-arbitraries';

type Obj = Record<string, unknown>;

const loaded = (object: Obj, i: number): LoadedManifest => {
  const source = { file: 'gen.yaml', line: i + 1, column: 1 };
  return { object, source, locate: () => source };
};

const PODS: GenSelector[] = [{}, { matchLabels: { app: 'web' } }, { matchLabels: { app: 'web', tier: '1' } }, { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }];
const NAMESPACES: GenSelector[] = [{}, { matchLabels: { team: 'x' } }, { matchLabels: { 'kubernetes.io/metadata.name': 'a' } }];
const VOCABULARY: ClusterVocabulary = {
  pods: fc.constantFrom(...PODS),
  namespaces: fc.constantFrom(...NAMESPACES),
  networks: ['10.0.0.0/16', '10.0.1.0/24', '0.0.0.0/0', '::/0'],
  nodes: fc.constantFrom<GenSelector>({}, { matchLabels: { zone: 'a' } }),
  ports: [53, 80, 8080],
  portNames: ['http'],
  priorities: [1, 2, 3],
};
const PORTS: PortProtocol[] = [
  { port: 80, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 9999, protocol: 'SCTP' },
];

const npArb = fc.record({
  ns: fc.constantFrom('a', 'b'),
  podSelector: fc.constantFrom(...PODS),
  ingress: fc.array(
    fc.record({ from: fc.array(fc.oneof(fc.record({ namespaceSelector: fc.constantFrom(...NAMESPACES) }), fc.record({ podSelector: fc.constantFrom(...PODS) })), { minLength: 1, maxLength: 2 }), ports: fc.constantFrom(undefined, [{ port: 80 }], [{ port: 'http' }]) }),
    { minLength: 1, maxLength: 2 },
  ),
});
const podArb = fc.record({ ns: fc.constantFrom('a', 'b'), app: fc.constantFrom('web', 'db'), tier: fc.constantFrom('1', undefined), host: fc.constantFrom(undefined, undefined, undefined, 'n1') });
/** An Admin policy denying ingress broadly, sometimes after an Accept or a Pass: what makes NetworkPolicy rules dead. */
const adminDenyArb = fc
  .record({
    priority: fc.constantFrom(1, 2, 3),
    subject: fc.constantFrom(...NAMESPACES),
    deny: fc.array(fc.oneof(fc.constantFrom(...NAMESPACES).map((namespaces) => ({ namespaces })), fc.constantFrom(...PODS).map((podSelector) => ({ pods: { namespaceSelector: {}, podSelector } }))), { minLength: 1, maxLength: 2 }),
    before: fc.option(fc.record({ action: fc.constantFrom('Accept', 'Pass'), from: fc.constantFrom(...NAMESPACES).map((namespaces) => [{ namespaces }]) }), { nil: undefined }),
  })
  .map((d) => ({
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'admin-deny' },
    spec: { tier: 'Admin', priority: d.priority, subject: { namespaces: d.subject }, ingress: [...(d.before ? [d.before] : []), { action: 'Deny', from: d.deny }] },
  }));

const worldArb = fc
  .record({
    teams: fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('x', 'y')),
    pods: fc.array(podArb, { minLength: 1, maxLength: 4 }),
    nps: fc.array(npArb, { minLength: 1, maxLength: 2 }),
    drawn: clusterPoliciesArb(VOCABULARY, 2),
    deny: fc.option(adminDenyArb, { nil: undefined, freq: 4 }),
  })
  .map(({ drawn, deny, ...rest }) => ({ ...rest, cluster: [...drawn, ...(deny ? [deny] : [])] as Obj[] }));
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function inventoryObjects(w: World): Obj[] {
  const out: Obj[] = ['a', 'b'].map((n, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, labels: { team: w.teams[i] } } }));
  out.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { zone: 'a' } }, status: { addresses: [{ type: 'InternalIP', address: '10.0.9.1' }] } });
  w.pods.forEach((p, i) =>
    out.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, namespace: p.ns, labels: { app: p.app, ...(p.tier ? { tier: p.tier } : {}) } },
      spec: { ...(p.host ? { hostNetwork: true, nodeName: p.host } : {}), containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: p.app === 'web' ? 8080 : 80 }] }] },
      ...(p.host ? {} : { status: { podIP: `10.0.${i % 2}.${i + 1}` } }),
    }),
  );
  return out;
}

function networkPolicies(w: World): Obj[] {
  return w.nps.map((p, i) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np${i}`, namespace: p.ns },
    spec: { podSelector: p.podSelector, policyTypes: ['Ingress'], ingress: p.ingress.map((r) => ({ from: r.from, ...(r.ports ? { ports: r.ports } : {}) })) },
  }));
}

function outcomes(objects: Obj[]): string {
  const inventory = inventoryFromObjects(objects);
  return JSON.stringify(matrixToJson(computeMatrix(inventory, PORTS, { externals: ['10.0.1.200', '192.168.1.1', 'fd00::1'] })));
}

/** The object with one rule removed (a direction left without rules is dropped; NetworkPolicy keeps its isolation). */
function without(o: Obj, direction: 'ingress' | 'egress', index: number): Obj {
  const spec = o.spec as Obj;
  const rules = (spec[direction] as Obj[]).filter((_, i) => i !== index);
  const next: Obj = { ...spec, [direction]: rules };
  if (rules.length === 0 && o.kind !== 'NetworkPolicy') delete next[direction];
  if (o.kind === 'NetworkPolicy') {
    const p = normalizePolicy(o, (o.metadata as { namespace: string }).namespace);
    next.policyTypes = [...(p.isolatesIngress ? ['Ingress'] : []), ...(p.isolatesEgress ? ['Egress'] : [])];
  }
  return { ...o, spec: next };
}

describe('the cluster lint rules that call a rule dead are sound', () => {
  for (const [rule, minimum] of [
    [clusterRuleShadowed, 30],
    [adminDenyOverridesAllow, 10],
  ] as const) {
    it(`${rule.id}: removing a rule it reports changes no outcome`, () => {
      let reported = 0;
      fc.assert(
        fc.property(worldArb, (w) => {
          const inv = inventoryObjects(w);
          const policies = [...networkPolicies(w), ...w.cluster];
          const report = lintManifests(policies.map(loaded), { inventory: inv.map(loaded), rules: [rule] });
          if (report.findings.length === 0) return;
          const before = outcomes([...inv, ...policies]);
          for (const f of report.findings) {
            reported++;
            const [, direction, index] = f.path as [string, 'ingress' | 'egress', number];
            const target = policies.find((p) => (p.metadata as Obj).name === f.object.name && p.kind === f.object.kind)!;
            const after = outcomes([...inv, ...policies.map((p) => (p === target ? without(p, direction, index) : p))]);
            expect([f.message, after]).toEqual([f.message, before]);
          }
        }),
        { numRuns: 200, seed: 20261123 },
      );
      if (process.env.LAW_STATS) console.log(rule.id, reported);
      expect(reported).toBeGreaterThan(minimum);
    });
  }
});

describe('cluster-priority-conflict is complete', () => {
  it('whenever the engine finds a flow implementation-defined, the rule reports the policies', () => {
    let undecidedWorlds = 0;
    fc.assert(
      fc.property(worldArb, (w) => {
        const inv = inventoryObjects(w);
        const policies = [...networkPolicies(w), ...w.cluster];
        const json = outcomes([...inv, ...policies]);
        if (!json.includes('implementation-defined')) return;
        undecidedWorlds++;
        const report = lintManifests(policies.map(loaded), { inventory: inv.map(loaded), rules: [clusterPriorityConflict] });
        expect([JSON.stringify(w.cluster), report.findings.length > 0]).toEqual([JSON.stringify(w.cluster), true]);
      }),
      { numRuns: 300, seed: 20261124 },
    );
    expect(undecidedWorlds).toBeGreaterThan(5);
  });
});
