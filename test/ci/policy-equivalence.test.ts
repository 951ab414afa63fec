/**
 * comparePolicySets: two policy sets are equivalent iff every possible pod is isolated alike and
 * every direction of every flow is decided alike. The examples are differences that stand-ins or
 * sampled pods miss (a namespace with labels no policy mentions, a pod without a label a NotIn
 * names, a named port resolving elsewhere, part of a CIDR); the laws hold the answer to an
 * independent oracle on random concrete clusters, both ways.
 */
import fc from 'fast-check';
import { NetworkPolicyManifest, NetworkPolicySpecManifest } from '../../lib/core/manifest';
import { normalizePolicy } from '../../lib/analysis/normalize-policy';
import { Policy } from '../../lib/analysis/policy-model';
import { partitionLabels } from '../../lib/analysis/label-partition';
import { selectorMatches } from '../../lib/core/label-match';
import { comparePolicySets, formatPolicySetDifference } from '../../lib/ci/policy-equivalence';
import { np } from '../analysis/helpers';
import { OEnd, OPod, Oracle, Sel, World } from '../faces/oracle';
import { oracleWorldOf } from './witness-oracle';
import { witnessWorlds } from '../../lib/analysis/witness-worlds';
import { manifest, peerArb, policyArb, PolicyDraft, portArb, ruleArb, selArb, VALUES } from './policy-arbitraries';

function read(...manifests: NetworkPolicyManifest[]): Policy[] {
  return manifests.map((m) => normalizePolicy(m as unknown as Record<string, unknown>, m.metadata.namespace!));
}

function same(a: NetworkPolicyManifest[], b: NetworkPolicyManifest[]): boolean {
  const r = comparePolicySets(read(...a), read(...b));
  return r.equivalent;
}

const web = { matchLabels: { app: 'web' } };
const ingressFrom = (from: NetworkPolicySpecManifest['ingress']): NetworkPolicySpecManifest => ({ podSelector: web, policyTypes: ['Ingress'], ingress: from });

describe('partitionLabels', () => {
  test('every label map lies in exactly one region, and regions are told apart by the selectors', () => {
    const selectors: Sel[] = [
      { matchLabels: { app: 'web' } },
      { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db', 'cache'] }] },
      { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'env', operator: 'DoesNotExist' }] },
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
    ];
    const regions = partitionLabels(selectors);
    const signature = (labels: Record<string, string>): string => selectors.map((s) => (selectorMatches(s, labels) ? 1 : 0)).join('');
    // Witnesses of different regions may share a signature only if the partition is finer than needed; every signature is covered.
    const covered = new Set(regions.map((r) => signature(r.labels)));
    const samples: Record<string, string>[] = [];
    for (const app of [undefined, 'web', 'api', 'zzz']) {
      for (const tier of [undefined, 'db', 'cache', 'zzz']) {
        for (const env of [undefined, 'prod']) {
          const l: Record<string, string> = {};
          if (app) l.app = app;
          if (tier) l.tier = tier;
          if (env) l.env = env;
          samples.push(l);
        }
      }
    }
    for (const s of samples) expect(covered.has(signature(s))).toBe(true);
    expect(regions.length).toBeLessThanOrEqual(samples.length);
  });

  test('a required key is never absent, and each required value is a region of its own', () => {
    const regions = partitionLabels([{ matchLabels: { team: 'a' } }], { requiredKey: 'kubernetes.io/metadata.name', requiredValues: ['x', 'y'] });
    expect(regions.every((r) => r.labels['kubernetes.io/metadata.name'] !== undefined)).toBe(true);
    const names = regions.map((r) => r.labels['kubernetes.io/metadata.name']);
    expect(names.filter((n) => n === 'x')).toHaveLength(2); // x with and without team=a
    expect(regions.filter((r) => r.unnamed.has('kubernetes.io/metadata.name'))).toHaveLength(2); // another namespace, with and without team=a
  });
});

describe('comparePolicySets', () => {
  test('a set is equivalent to itself and to the same meaning written differently', () => {
    const a = np('x', 'p', ingressFrom([{ from: [{ podSelector: { matchLabels: { app: 'fe' } } }], ports: [{ port: 80 }] }]));
    const b = np('x', 'p', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } }, podSelector: { matchLabels: { app: 'fe' } } }],
          ports: [{ protocol: 'TCP', port: 80, endPort: 80 }],
        },
      ],
    });
    expect(same([a], [a])).toBe(true);
    expect(same([a], [b])).toBe(true);
    // Two rules that say the same as one.
    const c = np('x', 'p', ingressFrom([{ from: [{ podSelector: { matchLabels: { app: 'fe' } } }], ports: [{ port: 80 }] }, { from: [{ podSelector: { matchLabels: { app: 'fe', v: '2' } } }], ports: [{ port: 80 }] }]));
    expect(same([a], [c])).toBe(true);
  });

  test('a namespace with labels no policy mentions: namespaceSelector {} is not the three namespaces the policies name', () => {
    const all = np('x', 'p', ingressFrom([{ from: [{ namespaceSelector: {} }] }]));
    const named = np('x', 'p', ingressFrom([{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['x', 'y', 'z'] }] } }] }]));
    const r = comparePolicySets(read(all), read(named));
    expect(r.equivalent).toBe(false);
    expect(r.differences.some((d) => d.peer?.startsWith('other-namespace/'))).toBe(true);
    expect(formatPolicySetDifference(r.differences[0])).toMatch(/^ingress to x\/app=web from .* on .*: allowed by the first set, denied by the second$/);
  });

  test('a pod without the label a NotIn names', () => {
    const notIn = np('x', 'p', ingressFrom([{ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] } }] }]));
    const exists = np('x', 'p', ingressFrom([{ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'tier', operator: 'NotIn', values: ['db'] }] } }] }]));
    const r = comparePolicySets(read(notIn), read(exists));
    expect(r.equivalent).toBe(false);
    expect(r.differences.map((d) => d.peer)).toContain('x/(no labels)');
  });

  test('namespace labels the same name can carry or not are both tried', () => {
    const byLabel = np('x', 'p', ingressFrom([{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }]));
    const byName = np('x', 'p', ingressFrom([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }] }]));
    const withY = np('y', 'q', { podSelector: {}, policyTypes: ['Ingress'] });
    const r = comparePolicySets(read(byLabel, withY), read(byName, withY));
    expect(r.equivalent).toBe(false);
    expect(r.stats.worlds).toBe(2); // y with team=a and y without
  });

  test('an egress ipBlock that holds a pod opens that pod\'s named port (a pod with an IP and a named port is a witness)', () => {
    const egress = (to: NetworkPolicySpecManifest['egress']): NetworkPolicySpecManifest => ({ podSelector: web, policyTypes: ['Egress'], egress: to });
    const viaBlock = np('x', 'p', egress([{ to: [{ ipBlock: { cidr: '10.0.0.0/28' } }], ports: [{ port: 'http' }] }]));
    const denyAll = np('x', 'p', egress([]));
    const r = comparePolicySets(read(viaBlock), read(denyAll));
    expect(r.equivalent).toBe(false);
    expect(r.differences.some((d) => d.peer !== undefined && /http\/TCP=\d+ 10\.0\.0\.\d+\]$/.test(d.peer))).toBe(true);
  });

  test('a named port is not the number it resolves to on some pods', () => {
    const named = np('x', 'p', ingressFrom([{ ports: [{ port: 'http' }] }]));
    const numbered = np('x', 'p', ingressFrom([{ ports: [{ port: 8080 }] }]));
    expect(same([named], [numbered])).toBe(false);
    // ...and a named port listed twice, or beside a number that covers what it could add, is the same.
    const twice = np('x', 'p', ingressFrom([{ ports: [{ port: 'http' }, { port: 'http', protocol: 'TCP' }] }]));
    expect(same([named], [twice])).toBe(true);
    const covered = np('x', 'p', ingressFrom([{ ports: [{ protocol: 'TCP' }, { port: 'http' }] }]));
    const allTcp = np('x', 'p', ingressFrom([{ ports: [{ protocol: 'TCP' }] }]));
    expect(same([covered], [allTcp])).toBe(true);
  });

  test('part of a CIDR', () => {
    const egress = (cidr: string, except?: string[]): NetworkPolicyManifest =>
      np('x', 'e', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr, ...(except ? { except } : {}) } }] }] });
    expect(same([egress('10.0.0.0/8')], [egress('10.0.0.0/9')])).toBe(false);
    expect(same([egress('10.0.0.0/8', ['10.1.0.0/16'])], [egress('10.0.0.0/8')])).toBe(false);
    expect(same([egress('10.0.0.0/8')], [egress('10.0.0.0/8')])).toBe(true);
  });

  test('isolation counts: a policy that allows everything is not the absence of a policy', () => {
    const allowAll = np('x', 'allow-all', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
    const r = comparePolicySets(read(allowAll), []);
    expect(r.equivalent).toBe(false);
    expect(r.differences[0]).toMatchObject({ direction: 'ingress', first: 'isolated', second: 'not isolated' });
    // ...and rules of a direction the policy does not isolate mean nothing.
    const ignored = np('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'], egress: [{ to: [{ podSelector: {} }] }] });
    const plain = np('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(same([ignored], [plain])).toBe(true);
  });
});

// ---- laws against the independent oracle ------------------------------------------------------

/** One small change to a set of policies: most leave everything else as it was, so a difference is subtle. */
const mutationArb = fc.record({
  policy: fc.nat(),
  rule: fc.nat(),
  direction: fc.constantFrom('ingress' as const, 'egress' as const),
  what: fc.constantFrom('subject', 'peer', 'ports', 'drop-rule', 'add-rule', 'types'),
  sel: selArb,
  peer: peerArb,
  ports: fc.array(portArb, { minLength: 1, maxLength: 2 }),
  rule2: ruleArb,
  types: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
});
type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

function mutate(drafts: readonly PolicyDraft[], m: Mutation): PolicyDraft[] {
  return drafts.map((p, i) => {
    if (i !== m.policy % drafts.length) return p;
    const rules = [...p[m.direction]];
    const r = rules.length === 0 ? -1 : m.rule % rules.length;
    switch (m.what) {
      case 'subject':
        return { ...p, podSelector: m.sel };
      case 'types':
        return { ...p, types: m.types };
      case 'add-rule':
        return { ...p, [m.direction]: [...rules, m.rule2] };
      case 'drop-rule':
        return r < 0 ? p : { ...p, [m.direction]: rules.filter((_, k) => k !== r) };
      case 'peer':
        if (r < 0) return p;
        rules[r] = { ...rules[r], peers: [...(rules[r].peers ?? []).slice(1), m.peer] };
        return { ...p, [m.direction]: rules };
      default:
        if (r < 0) return p;
        rules[r] = { ...rules[r], ports: m.ports };
        return { ...p, [m.direction]: rules };
    }
  });
}

/** Random concrete clusters: namespaces a, b, c with labels, pods with labels, IPs and named ports. */
const clusterArb = fc.record({
  ns: fc.record({ a: fc.constantFrom<Record<string, string>>({}, { env: 'x' }, { env: 'y' }), b: fc.constantFrom<Record<string, string>>({}, { env: 'x' }), c: fc.constantFrom<Record<string, string>>({}, { env: 'y' }, { env: 'z' }) }),
  pods: fc.array(
    fc.record({ ns: fc.constantFrom('a', 'b', 'c'), app: fc.option(fc.constantFrom(...VALUES, 'other'), { nil: undefined }), tier: fc.option(fc.constantFrom(...VALUES, 'other'), { nil: undefined }), ip: fc.integer({ min: 0, max: 20 }), http: fc.constantFrom(undefined, 3, 9, 4242) }),
    { minLength: 1, maxLength: 6 },
  ),
});

type ClusterPod = { ns: string; app?: string; tier?: string; ip: number; http?: number };
type Cluster = { ns: Record<string, Record<string, string>>; pods: ClusterPod[] };

function cluster(c: Cluster, policies: NetworkPolicyManifest[]): World {
  // Every namespace also holds a pod without labels and one with both keys, so that namespaces and
  // label sets no policy names are always there to be told apart.
  const fixed: ClusterPod[] = ['a', 'b', 'c'].flatMap((ns) => [{ ns, ip: 20 }, { ns, app: 'web', tier: '1', ip: 20, http: 9 }]);
  const pods: OPod[] = [...fixed, ...c.pods].map((p, i) => {
    const labels: Record<string, string> = {};
    if (p.app) labels.app = p.app;
    if (p.tier) labels.tier = p.tier;
    return { ns: p.ns, name: `p${i}`, labels, ip: p.ip < 16 ? `10.0.0.${p.ip}` : `10.1.0.${p.ip}`, ports: p.http ? [{ name: 'http', port: p.http, protocol: 'TCP' }] : [] };
  });
  return { namespaces: c.ns, pods, policies: policies as unknown as Record<string, unknown>[] };
}

/** Whether the oracle finds a pod, peer and port on which the two sets decide a direction differently. */
function oracleDiffers(w: World, a: NetworkPolicyManifest[], b: NetworkPolicyManifest[]): boolean {
  const oa = new Oracle({ ...w, policies: a as unknown as Record<string, unknown>[] });
  const ob = new Oracle({ ...w, policies: b as unknown as Record<string, unknown>[] });
  const ends = [...w.pods.map((pod) => ({ kind: 'pod' as const, pod })), ...['10.0.0.3', '10.0.0.9', '10.1.0.1', '192.0.2.1'].map((ip) => ({ kind: 'ip' as const, ip }))];
  for (const pod of w.pods) {
    const self = { kind: 'pod' as const, pod };
    for (const direction of ['ingress', 'egress'] as const) {
      if (oa.isolated(direction, pod) !== ob.isolated(direction, pod)) return true;
      for (const other of ends) {
        for (const port of [3, 4, 9, 10, 11, 4242]) {
          for (const protocol of ['TCP', 'UDP']) {
            const dst = direction === 'ingress' ? self : other;
            if (oa.sideAllows(direction, self, other, dst, port, protocol) !== ob.sideAllows(direction, self, other, dst, port, protocol)) return true;
          }
        }
      }
    }
  }
  return false;
}

describe('comparePolicySets laws', () => {
  test('equivalent sets are never told apart on a concrete cluster; a difference the oracle finds is always found', () => {
    let differing = 0;
    let equivalent = 0;
    let seen = 0;
    fc.assert(
      fc.property(fc.array(policyArb, { minLength: 1, maxLength: 3 }), fc.array(policyArb, { maxLength: 2 }), fc.nat(), clusterArb, (base, extra, pick, c) => {
        const a = base.map(manifest);
        // b: a with one policy replaced (often by one that means something close), or a plus more.
        const b = pick % 2 === 0 && extra.length > 0 ? a.map((m, i) => (i === pick % a.length ? manifest({ ...extra[0], ns: base[i].ns }, i) : m)) : [...a, ...extra.map((p, i) => manifest(p, a.length + i))];
        const r = comparePolicySets(read(...a), read(...b));
        if (r.equivalent) equivalent++;
        else differing++;
        if (oracleDiffers(cluster(c, []), a, b)) {
          seen++;
          expect(r.equivalent).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
    expect(seen).toBeGreaterThan(0);
    expect(equivalent).toBeGreaterThan(0);
    expect(differing).toBeGreaterThan(0);
  });

  test('after one small change, the answer agrees with the oracle on a concrete cluster (never equivalent when it finds a difference)', () => {
    let seen = 0;
    let equivalent = 0;
    fc.assert(
      fc.property(fc.array(policyArb, { minLength: 1, maxLength: 3 }), mutationArb, clusterArb, (base, m, c) => {
        const a = base.map(manifest);
        const b = mutate(base, m).map(manifest);
        const r = comparePolicySets(read(...a), read(...b));
        if (r.equivalent) equivalent++;
        if (oracleDiffers(cluster(c, []), a, b)) {
          seen++;
          expect(r.equivalent).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
    expect(seen).toBeGreaterThan(0);
    expect(equivalent).toBeGreaterThan(0);
  });

  test('every difference reported is real: the oracle decides the witnesses differently', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.array(policyArb, { minLength: 1, maxLength: 3 }), policyArb, (base, other) => {
        const a = base.map(manifest);
        const b = [...a.slice(1), manifest({ ...other, ns: base[0].ns }, 0)];
        const pa = read(...a);
        const pb = read(...b);
        const r = comparePolicySets(pa, pb, { maxDifferences: 5 });
        expect(r.equivalent).toBe(r.differences.length === 0);
        const worlds = witnessWorlds([pa, pb]).worlds;
        for (const d of r.differences) {
          const world = worlds[d.world];
          const w: World = oracleWorldOf(world);
          const end = (id: string): OEnd => {
            const pod = w.pods.find((p) => `${p.ns}/${p.name}` === id);
            return pod ? { kind: 'pod', pod } : { kind: 'ip', ip: id };
          };
          const oa = new Oracle({ ...w, policies: a as unknown as Record<string, unknown>[] });
          const ob = new Oracle({ ...w, policies: b as unknown as Record<string, unknown>[] });
          const self = end(d.pod);
          if (self.kind !== 'pod') throw new Error(`not a pod: ${d.pod}`);
          if (d.peer === undefined) {
            expect(oa.isolated(d.direction, self.pod)).not.toBe(ob.isolated(d.direction, self.pod));
          } else {
            const other = end(d.peer);
            const m = /^(\d+)(?:-\d+)?\/(\w+)$/.exec(d.ports ?? '')!;
            const dst = d.direction === 'ingress' ? self : other;
            const args = [d.direction, self, other, dst, Number(m[1]), m[2]] as const;
            expect(oa.sideAllows(...args)).toBe(d.first === 'allowed');
            expect(ob.sideAllows(...args)).toBe(d.second === 'allowed');
          }
          checked++;
        }
      }),
      { numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(0);
  });
});
