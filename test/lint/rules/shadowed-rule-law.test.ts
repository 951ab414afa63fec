import fc from 'fast-check';
import { inventoryFromObjects } from '../../../lib/analysis/inventory-from-manifests';
import { evaluateFlow } from '../../../lib/analysis/verdict';
import { LoadedManifest } from '../../../lib/io/manifests';
import { lintManifests } from '../../../lib/lint';
import { shadowedRule } from '../../../lib/lint/rules/shadowed-rule';

type Obj = Record<string, unknown>;

const loaded = (object: Obj, i: number): LoadedManifest => {
  const source = { file: 'gen.yaml', line: i + 1, column: 1 };
  return { object, source, locate: () => source };
};

const POD_SELECTORS: Obj[] = [{}, { matchLabels: { app: 'web' } }, { matchLabels: { app: 'web', tier: '1' } }, { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] }, { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }];
const NS_SELECTORS: Obj[] = [{}, { matchLabels: { team: 'x' } }, { matchLabels: { 'kubernetes.io/metadata.name': 'a' } }, { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['y'] }] }];
const peer = fc.oneof(
  fc.record({ podSelector: fc.constantFrom(...POD_SELECTORS) }),
  fc.record({ namespaceSelector: fc.constantFrom(...NS_SELECTORS) }),
  fc.record({ namespaceSelector: fc.constantFrom(...NS_SELECTORS), podSelector: fc.constantFrom(...POD_SELECTORS) }),
  fc.constantFrom<Obj>({ ipBlock: { cidr: '10.0.0.0/16' } }, { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }, { ipBlock: { cidr: '10.0.1.0/24' } }, { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }),
);
const port = fc.constantFrom<Obj>({ port: 80 }, { port: 8000, endPort: 8100 }, { port: 8080 }, { port: 'http' }, { protocol: 'UDP', port: 53 }, { protocol: 'TCP' });
const rule = (peerField: 'from' | 'to'): fc.Arbitrary<Obj> =>
  fc.record({ peers: fc.option(fc.array(peer, { minLength: 1, maxLength: 2 }), { nil: undefined }), ports: fc.option(fc.array(port, { minLength: 1, maxLength: 2 }), { nil: undefined }) }).map((r) => ({
    ...(r.peers ? { [peerField]: r.peers } : {}),
    ...(r.ports ? { ports: r.ports } : {}),
  }));
const policy = fc.record({
  ns: fc.constantFrom('a', 'b'),
  podSelector: fc.constantFrom(...POD_SELECTORS),
  types: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.array(rule('from'), { maxLength: 3 }),
  egress: fc.array(rule('to'), { maxLength: 3 }),
});
const pod = fc.record({ ns: fc.constantFrom('a', 'b'), app: fc.constantFrom('web', 'db', 'fe'), tier: fc.constantFrom('1', '2', undefined) });

function objects(teams: string[], pods: { ns: string; app: string; tier?: string }[], policies: readonly { ns: string; podSelector: Obj; types: readonly string[]; ingress: Obj[]; egress: Obj[] }[]): { inv: Obj[]; pols: Obj[] } {
  const inv: Obj[] = ['a', 'b'].map((n, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, labels: { team: teams[i] } } }));
  pods.forEach((p, i) =>
    inv.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, namespace: p.ns, labels: { app: p.app, ...(p.tier ? { tier: p.tier } : {}) } },
      spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: p.app === 'web' ? 8080 : 80 }] }] },
      status: { podIP: `10.0.${i % 3}.${i + 1}` },
    }),
  );
  const pols = policies.map((p, i) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np${i}`, namespace: p.ns },
    spec: { podSelector: p.podSelector, policyTypes: p.types, ingress: p.ingress, egress: p.egress },
  }));
  return { inv, pols };
}

const FLOWS: { port: number; protocol: 'TCP' | 'UDP' }[] = [
  { port: 80, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 8050, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 9999, protocol: 'TCP' },
];

function verdicts(all: Obj[], podCount: number): boolean[] {
  const inventory = inventoryFromObjects(all);
  const ends = [...Array.from({ length: podCount }, (_, i) => `${inventory.pods[i].id}`), '10.0.1.200', '192.168.1.1'];
  const out: boolean[] = [];
  for (const from of ends) for (const to of ends) {
    if (from === to || (!from.includes('/') && !to.includes('/'))) continue;
    for (const f of FLOWS) out.push(evaluateFlow(inventory, { from, to, ...f }).allowed);
  }
  return out;
}

describe('shadowed-rule is sound', () => {
  it('removing a rule it reports never changes any verdict (pods, ports, outside addresses)', () => {
    let reported = 0;
    fc.assert(
      fc.property(
        fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('x', 'y')),
        fc.array(pod, { minLength: 1, maxLength: 5 }),
        fc.array(policy, { minLength: 1, maxLength: 4 }),
        (teams, pods, policies) => {
          const { inv, pols } = objects(teams, pods, policies);
          const report = lintManifests(pols.map(loaded), { inventory: inv.map(loaded), rules: [shadowedRule] });
          if (report.findings.length === 0) return true;
          const before = verdicts([...inv, ...pols], pods.length);
          for (const f of report.findings) {
            reported++;
            const [, direction, index] = f.path as [string, 'ingress' | 'egress', number];
            const target = pols.find((p) => (p.metadata as Obj).name === f.object.name) as Obj;
            const spec = target.spec as Obj;
            const changed = { ...target, spec: { ...spec, [direction]: (spec[direction] as Obj[]).filter((_, i) => i !== index) } };
            const after = verdicts([...inv, ...pols.map((p) => (p === target ? changed : p))], pods.length);
            expect(after).toEqual(before);
          }
          return true;
        },
      ),
      { numRuns: 300, seed: 20261122 },
    );
    // The law must actually be exercised.
    expect(reported).toBeGreaterThan(50);
  });
});
