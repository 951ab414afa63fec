/**
 * The face-agreement law: on random namespaces, nodes, pods (with IPs and named container ports;
 * some host-network pods on nodes), NetworkPolicies, cluster-scoped policies (both tiers, colliding
 * priorities, every action, Pass chains, networks, nodes and domain names peers, legacy kinds) and
 * ends (a pod by name, a selector in kubectl syntax that may match nothing and so stand for a
 * stand-in, an IP, a CIDR), every face gives the same answer as an independent naive oracle
 * (./oracle.ts), on every port of every protocol:
 *
 * - the jest matchers' engine (`connectivity`), and `netfence check`, `matrix`, `graph` and `diff`
 *   run in-process on the same file;
 * - for each port, the set of outcomes over every pair of members of the two ends (for a CIDR:
 *   every address in it, which the oracle enumerates): allowed, denied, implementation-defined,
 *   depends on DNS;
 * - diff compares the inputs without policies to the inputs with them: a flow is listed as removed
 *   iff the policies deny it, as undecided iff they leave it undecided, so each port's listed
 *   outcomes are the oracle's outcomes other than allowed, and every entry must be the oracle's.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatSelectorText } from '../../lib/analysis/flow-end';
import { connectivity } from '../../lib/testing';
import { run } from '../cli/run-cli';
import { graphFlows, graphUndecided, graphUnits, GraphShape } from '../ci/graph-expand';
import { ADDRESSES, inCidr, nameOf, OEnd, ONode, OOutcome, Oracle, ORACLE_PORTS, OPod, Sel, World } from './oracle';
import { clusterPoliciesArb, ClusterVocabulary } from '../analysis/cluster-arbitraries';

/** Runs of the first law: the matchers' engine, `check` and `matrix` on each random world. */
const RUNS = 150;
/** Runs of the second law: `graph` and `diff`, which compute every pair of the world (slower). */
const DRAWN_RUNS = 80;

type Interval = { protocol: string; from: number; to: number };

function parseInterval(text: string): Interval {
  const m = /^(\d+)(?:-(\d+))?\/(\w+)$/.exec(text);
  if (!m) throw new Error(`not a port interval: ${text}`);
  return { protocol: m[3], from: Number(m[1]), to: Number(m[2] ?? m[1]) };
}

const covers = (ivs: readonly Interval[], p: { port: number; protocol: string }): boolean => ivs.some((i) => i.protocol === p.protocol && p.port >= i.from && p.port <= i.to);

// ---- generators -------------------------------------------------------------------------------

const labelValues = fc.constantFrom('web', 'db');
const selArb: fc.Arbitrary<Sel> = fc.oneof(
  fc.constant({}),
  labelValues.map((app) => ({ matchLabels: { app } })),
  labelValues.map((app) => ({ matchLabels: { app, tier: '1' } })),
  fc
    .record({ key: fc.constantFrom('app', 'tier'), operator: fc.constantFrom('In' as const, 'NotIn' as const, 'DoesNotExist' as const), values: fc.subarray(['web', 'db', '1'], { minLength: 1 }) })
    .map((r) => ({ matchExpressions: [r.operator === 'DoesNotExist' ? { key: r.key, operator: r.operator } : r] })),
  labelValues.map((app) => ({ matchLabels: { app }, matchExpressions: [{ key: 'tier', operator: 'Exists' as const }] })),
);
const nsSelArb: fc.Arbitrary<Sel> = fc.oneof(
  fc.constant({}),
  fc.constantFrom('x', 'y').map((env) => ({ matchLabels: { env } })),
  fc.constantFrom('a', 'b', 'c').map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
  fc.constant<Sel>({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }),
);
const BLOCKS = [
  { cidr: '10.0.0.0/28', except: ['10.0.0.0/30'] },
  { cidr: '10.0.0.4/31' },
  { cidr: '10.0.0.8/29', except: ['10.0.0.12/30'] },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
  { cidr: '10.0.0.0/8' },
  { cidr: '0.0.0.0/0' },
];
const peerArb = fc.oneof(
  fc
    .record({ podSelector: selArb, namespaceSelector: nsSelArb }, { requiredKeys: [] })
    .filter((p) => p.podSelector !== undefined || p.namespaceSelector !== undefined),
  fc.constantFrom(...BLOCKS).map((ipBlock) => ({ ipBlock })),
  fc.constantFrom(...BLOCKS).map((ipBlock) => ({ ipBlock })),
);
const portArb = fc.oneof(
  fc.record({ port: fc.integer({ min: 1, max: 10 }), protocol: fc.constantFrom('TCP', 'UDP') }, { requiredKeys: ['port'] }),
  fc.tuple(fc.integer({ min: 1, max: 10 }), fc.constantFrom(10, 65535)).map(([port, endPort]) => ({ port, endPort })),
  fc.constant({ port: 'http' }),
  fc.constant({ port: 'dns', protocol: 'UDP' }),
  fc.constantFrom('TCP', 'UDP', 'SCTP').map((protocol) => ({ protocol })),
);
const ruleArb = fc.record({ peers: fc.array(peerArb, { minLength: 1, maxLength: 2 }), ports: fc.array(portArb, { minLength: 1, maxLength: 2 }) }, { requiredKeys: ['ports'] });
const policyArb = fc.record({
  ns: fc.constantFrom('a', 'b'),
  podSelector: fc.oneof(fc.constant<Sel>({}), selArb),
  types: fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.option(fc.array(ruleArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(ruleArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
});
const podArb = fc.record({
  ns: fc.constantFrom('a', 'b'),
  app: fc.option(labelValues, { nil: undefined }),
  tier: fc.boolean(),
  ip: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  http: fc.constantFrom(undefined, 5, 6),
  dns: fc.boolean(),
  host: fc.constantFrom(undefined, undefined, undefined, undefined, 'node-a', 'node-b'),
});

/** Two nodes, with addresses in the oracle's universe. */
const NODES: ONode[] = [
  { name: 'node-a', labels: { zone: 'a' }, ip: '10.0.0.13' },
  { name: 'node-b', labels: { zone: 'b' }, ip: '10.0.0.14' },
];

const CLUSTER_VOCABULARY: ClusterVocabulary = {
  pods: fc.oneof(fc.constant({}), fc.constant({}), selArb),
  namespaces: fc.oneof(fc.constant({}), nsSelArb),
  networks: ['10.0.0.0/28', '10.0.0.4/31', '10.0.0.8/29', '0.0.0.0/0', '10.0.0.0/8'],
  nodes: fc.constantFrom<Sel>({}, { matchLabels: { zone: 'a' } }),
  ports: [1, 3, 5, 7, 10],
  portNames: ['http', 'dns'],
  priorities: [1, 2],
};
const nsLabelsArb = fc.constantFrom<Record<string, string>>({}, { env: 'x' }, { env: 'y' });

/** A default deny for a namespace's pods in one or both directions, so that rules decide something. */
const denyArb = fc.record({ ns: fc.constantFrom('a', 'b'), types: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']) }).map((d) => ({
  ns: d.ns,
  podSelector: {} as Sel,
  types: d.types,
  ingress: undefined,
  egress: undefined,
}));

/**
 * Policies that surely leave flows undecided: two of one tier and priority over every pod with
 * different actions (on some ports), or a domain name Accept followed by a Deny.
 */
const undecidedArb = fc.oneof(
  fc.tuple(fc.constantFrom('Admin', 'Baseline'), fc.constantFrom(['Accept', 'Deny'], ['Deny', 'Pass'], ['Accept', 'Pass']), fc.constantFrom('ingress', 'egress'), fc.boolean()).map(([tier, actions, direction, someTcp]) =>
    actions.map((action, i) => ({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: `same-${i}` },
      spec: {
        tier,
        priority: 7,
        subject: { namespaces: {} },
        [direction]: [
          {
            action,
            [direction === 'ingress' ? 'from' : 'to']: [{ namespaces: {} }, ...(direction === 'egress' ? [{ networks: ['0.0.0.0/0'] }] : [])],
            ...(someTcp ? { protocols: [{ tcp: { destinationPort: { range: { start: 3, end: 65535 } } } }] } : {}),
          },
        ],
      },
    })),
  ),
  fc.constantFrom(['*.example.com'], ['*.cluster.local']).map((domainNames) => [
    {
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'names' },
      spec: {
        tier: 'Admin',
        priority: 7,
        subject: { namespaces: {} },
        egress: [
          { action: 'Accept', to: [{ domainNames }], protocols: [{ tcp: { destinationPort: { range: { start: 1, end: 5 } } } }] },
          { action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }, { namespaces: {} }] },
        ],
      },
    },
  ]),
);

const worldArb: fc.Arbitrary<World> = fc
  .record({
    a: nsLabelsArb,
    b: nsLabelsArb,
    pods: fc.array(podArb, { maxLength: 5 }),
    denies: fc.array(denyArb, { minLength: 1, maxLength: 2 }),
    rules: fc.array(policyArb, { maxLength: 4 }),
    cluster: fc.option(clusterPoliciesArb(CLUSTER_VOCABULARY, 3), { nil: undefined, freq: 3 }),
    undecided: fc.option(undecidedArb, { nil: undefined, freq: 2 }),
  })
  .map(({ a, b, pods, denies, rules, cluster: drawn, undecided }) => {
    const cluster = drawn === undefined ? undefined : [...drawn, ...(undecided ?? [])];
    // Without cluster policies, the NetworkPolicy-only worlds the law was written for.
    const policies = cluster === undefined ? [...denies, ...rules] : rules;
    const usedIps = new Set<number>();
    const opods: OPod[] = pods.map((p, i) => {
      const labels: Record<string, string> = {};
      if (p.app) labels.app = p.app;
      if (p.tier) labels.tier = '1';
      const ip = p.ip !== undefined && !usedIps.has(p.ip) ? p.ip : undefined;
      if (ip !== undefined) usedIps.add(ip);
      const ports = [...(p.http ? [{ name: 'http', port: p.http, protocol: 'TCP' }] : []), ...(p.dns ? [{ name: 'dns', port: 7, protocol: 'UDP' }] : [])];
      const node = NODES.find((n) => n.name === p.host);
      if (node !== undefined) return { ns: p.ns, name: `p${i}`, labels, ports, ip: node.ip, hostNetworkOn: node.name };
      return { ns: p.ns, name: `p${i}`, labels, ports, ...(ip !== undefined ? { ip: `10.0.0.${ip}` } : {}) };
    });
    const rule = (r: { peers?: unknown[]; ports?: unknown[] }, key: 'from' | 'to'): Record<string, unknown> => ({ ...(r.peers ? { [key]: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) });
    const manifests = policies.map((p, i) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `np${i}`, namespace: p.ns },
      spec: {
        podSelector: p.podSelector,
        ...(p.types ? { policyTypes: p.types } : {}),
        ...(p.ingress ? { ingress: p.ingress.map((r) => rule(r, 'from')) } : {}),
        ...(p.egress ? { egress: p.egress.map((r) => rule(r, 'to')) } : {}),
      },
    }));
    return { namespaces: { a, b }, pods: opods, policies: manifests, clusterPolicies: cluster ?? [], nodes: NODES };
  });

/** An end as text (what every face reads) and its members as the oracle sees them. */
interface End {
  readonly text: string;
  members(o: Oracle): OEnd[];
  /** True when a name a face uses belongs to this end. */
  has(o: Oracle, name: string): boolean;
}

function selText(sel: Sel): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'In') parts.push(`${r.key} in (${(r.values ?? []).join(',')})`);
    else if (r.operator === 'NotIn') parts.push(`${r.key} notin (${(r.values ?? []).join(',')})`);
    else if (r.operator === 'Exists') parts.push(r.key);
    else parts.push(`!${r.key}`);
  }
  return parts.length === 0 ? '*' : parts.join(',');
}

function endArb(world: World): fc.Arbitrary<End> {
  const byName = world.pods.map((p): End => {
    const id = `${p.ns}/${p.name}`;
    return { text: id, members: (o) => [{ kind: 'pod', pod: o.pod(id)! }], has: (_o, n) => n === id };
  });
  const selector = fc.tuple(fc.constantFrom('a', 'b'), selArb).map(([ns, sel]): End => {
    const members = (o: Oracle): OEnd[] => o.selected(ns, sel, formatSelectorText);
    return { text: `${ns}/${selText(sel)}`, members, has: (o, n) => members(o).some((e) => nameOf(e) === n) };
  });
  const ip = fc.constantFrom(...ADDRESSES).map((a): End => ({
    text: a,
    members: (o) => [o.atAddress(a)],
    has: (o, n) => nameOf(o.atAddress(a)) === n,
  }));
  const cidr = fc.constantFrom('10.0.0.0/28', '10.0.0.0/30', '10.0.0.8/29', '0.0.0.0/0', '10.0.0.0/8', '10.0.0.4/31').map((c): End => ({
    text: c,
    members: (o) => o.inCidr(c),
    has: (o, n) => (o.pod(n) ? o.pod(n)?.ip !== undefined && inCidr(o.pod(n)!.ip!, c) : /^\d+\.\d+\.\d+\.\d+$/.test(n) && inCidr(n, c) && o.atAddress(n).kind === 'ip'),
  }));
  // Pods, selectors and CIDRs hold several members (where faces can disagree); addresses one.
  return byName.length > 0
    ? fc.oneof({ arbitrary: fc.constantFrom(...byName), weight: 2 }, { arbitrary: selector, weight: 3 }, { arbitrary: ip, weight: 1 }, { arbitrary: cidr, weight: 3 })
    : fc.oneof({ arbitrary: selector, weight: 3 }, { arbitrary: ip, weight: 1 }, { arbitrary: cidr, weight: 3 });
}

const caseArb = worldArb.chain((world) => fc.record({ world: fc.constant(world), from: endArb(world), to: endArb(world) }));

// ---- the worlds as files -------------------------------------------------------------------------

function manifests(world: World, withPolicies = true): Record<string, unknown>[] {
  const ns = Object.entries(world.namespaces).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
  const nodes = (world.nodes ?? []).map((n) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: n.name, labels: n.labels }, status: { addresses: [{ type: 'InternalIP', address: n.ip }] } }));
  const pods = world.pods.map((p) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.ns, labels: p.labels },
    spec: {
      ...(p.hostNetworkOn !== undefined ? { hostNetwork: true, nodeName: p.hostNetworkOn } : {}),
      containers: [{ name: 'c', image: 'x', ports: p.ports.map((c) => ({ name: c.name, containerPort: c.port, protocol: c.protocol })) }],
    },
    ...(p.ip ? { status: { podIP: p.ip } } : {}),
  }));
  return [...ns, ...nodes, ...pods, ...(withPolicies ? [...world.policies, ...(world.clusterPolicies ?? [])] : [])];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-faces-'));
let fileCount = 0;
function write(objects: Record<string, unknown>[]): string {
  const file = path.join(dir, `w${fileCount++}.json`);
  fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  return file;
}

// ---- verdicts ------------------------------------------------------------------------------------

/** Per port: the outcomes over every member pair, sorted (`allowed`, `denied`, `implementation-defined`, `depends-on-dns`). */
type Aggregate = string;

const setOf = (outcomes: Iterable<string>): Aggregate => [...new Set(outcomes)].sort().join(' ');

/** Per port: the outcomes of every pair of `sources` x `dests` (external pairs skipped). */
function aggregate<T>(sources: readonly T[], dests: readonly T[], external: (x: T) => boolean, outcome: (s: T, d: T, p: { port: number; protocol: string }) => string): Aggregate[] {
  return ORACLE_PORTS.map((p) => {
    const seen: string[] = [];
    for (const s of sources) {
      for (const d of dests) {
        if (external(s) && external(d)) continue;
        seen.push(outcome(s, d, p));
      }
    }
    return setOf(seen);
  });
}

function oracleVerdicts(world: World, from: End, to: End): Aggregate[] {
  const o = new Oracle(world);
  return aggregate(from.members(o), to.members(o), (e) => e.kind === 'ip', (s, d, p) => o.outcome(s, d, p.port, p.protocol));
}

/** Aggregates from (ports, outcome) runs. */
function fromRuns(runs: readonly { ports: Interval[]; outcome: string }[]): Aggregate[] {
  return ORACLE_PORTS.map((p) => setOf(runs.filter((r) => covers(r.ports, p)).map((r) => r.outcome)));
}

function graphVerdicts(g: GraphShape, isFrom: (n: string) => boolean, isTo: (n: string) => boolean): Aggregate[] {
  const { all, externals } = graphUnits(g);
  const allowed = graphFlows(g);
  const undecided = graphUndecided(g);
  return aggregate(all.filter(isFrom), all.filter(isTo), (n) => externals.has(n), (s, d, p) => {
    const key = `${s}\u0000${d}`;
    if (covers(allowed.get(key) ?? [], p)) return 'allowed';
    const u = (undecided.get(key) ?? []).find((x) => covers([x], p));
    return u?.outcome ?? 'denied';
  });
}

const allAllowed = (a: Aggregate): boolean => a === 'allowed';

function explain(label: string, world: World, from: End, to: End): string {
  return `${label}: ${from.text} -> ${to.text}\n${JSON.stringify(manifests(world))}`;
}

const STATS: string[] = [];
const kindOf = (t: string): string => (t.includes('/') ? (/^\d/.test(t) ? 'cidr' : /[=!*(,]/.test(t) ? 'sel' : 'name') : 'ip');
afterAll(() => {
  if (process.env.FACES_STATS) {
    const c = new Map<string, number>();
    for (const x of STATS) c.set(x, (c.get(x) ?? 0) + 1);
    console.log([...c].sort().map(([k, v]) => `${k}: ${v}`).join('\n'));
  }
});

describe('every face agrees with the naive oracle, on every port, for pod, selector, address and CIDR ends', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`the matchers, check and matrix (${RUNS} random worlds)`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ world, from, to }) => {
        const expected = oracleVerdicts(world, from, to);
        if (process.env.FACES_STATS) STATS.push(`${kindOf(from.text)}>${kindOf(to.text)} ${[...new Set(expected.flatMap((x) => x.split(' ')))].sort().join('+')}`);
        const ctx = (face: string): string => explain(face, world, from, to);
        const file = write(manifests(world));

        // Two ends of addresses only: no policy decides such flows, and the faces that answer say so.
        const o0 = new Oracle(world);
        if (from.members(o0).every((e) => e.kind === 'ip') && to.members(o0).every((e) => e.kind === 'ip')) {
          expect(() => connectivity(manifests(world), from.text, to.text)).toThrow(/no flow to evaluate/);
          const none = await run(['check', '-f', file, '--from', from.text, '--to', to.text]);
          expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('no flow to evaluate')]);
          return;
        }
        // The matchers' engine.
        const report = connectivity(manifests(world), from.text, to.text);
        const matcher = fromRuns(report.runs.map((r) => ({ ports: r.ports.map((x) => ({ ...x })), outcome: r.outcome })));
        expect([ctx('matchers'), matcher]).toEqual([ctx('matchers'), expected]);

        // netfence check --format json.
        const check = await run(['check', '-f', file, '--from', from.text, '--to', to.text, '--format', 'json']);
        expect([ctx('check'), check.stderr]).toEqual([ctx('check'), '']);
        const doc = JSON.parse(check.stdout) as { allowed: boolean; flows: { ports: string[]; outcome: string }[] };
        const checked = fromRuns(doc.flows.map((f) => ({ ports: f.ports.map(parseInterval), outcome: f.outcome })));
        expect([ctx('check'), checked]).toEqual([ctx('check'), expected]);
        const undecidedSomewhere = expected.some((x) => x.includes('implementation-defined') || x.includes('depends-on-dns'));
        expect(check.code).toBe(expected.every(allAllowed) ? 0 : undecidedSomewhere ? 4 : 1);

        // netfence matrix --from --to --format json (every port).
        const m = JSON.parse((await run(['matrix', '-f', file, '--from', from.text, '--to', to.text, '--format', 'json'])).stdout) as {
          from?: string[];
          to?: string[];
          pods: string[];
          external: string[];
          allowed: Record<string, Record<string, string[]>>;
          undecided?: Record<string, Record<string, Record<string, string>>>;
        };
        const ext = new Set(m.external);
        const rows = m.from ?? [...m.pods, ...m.external];
        const cols = m.to ?? [...m.pods, ...m.external];
        const matrixRuns = rows.flatMap((r) =>
          cols
            .filter((c) => !(ext.has(r) && ext.has(c)))
            .map((c) => ({ cell: (m.allowed[r]?.[c] ?? []).map(parseInterval), undecided: Object.entries(m.undecided?.[r]?.[c] ?? {}).map(([port, o]) => ({ iv: parseInterval(port), o })) })),
        );
        const matrix = ORACLE_PORTS.map((p) => setOf(matrixRuns.map((x) => (covers(x.cell, p) ? 'allowed' : (x.undecided.find((u) => covers([u.iv], p))?.o ?? 'denied')))));
        expect([ctx('matrix'), matrix]).toEqual([ctx('matrix'), expected]);

      }),
      { numRuns: RUNS },
    );
  });

  it(`graph and diff (${DRAWN_RUNS} random worlds)`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ world, from, to }) => {
        const expected = oracleVerdicts(world, from, to);
        const ctx = (face: string): string => explain(face, world, from, to);
        const file = write(manifests(world));
        // netfence graph --include --format json: its nodes' members are every endpoint it drew.
        const o = new Oracle(world);
        const g = JSON.parse((await run(['graph', '-f', file, '--include', from.text, to.text, '--format', 'json'])).stdout) as GraphShape;
        const graph = graphVerdicts(g, (n) => from.has(o, n), (n) => to.has(o, n));
        expect([ctx('graph'), graph]).toEqual([ctx('graph'), expected]);

        // netfence diff: the inputs without policies against the inputs with them.
        const bare = write(manifests(world, false));
        const d = JSON.parse((await run(['diff', bare, file, '--include', from.text, '--include', to.text, '--format', 'json'])).stdout) as {
          added: unknown[];
          removed: { from: string; to: string; port: string; after: string }[];
          undecided?: { from: string; to: string; port: string; after: string }[];
        };
        expect(d.added).toEqual([]);
        // A stand-in's named port (`http/TCP`) is no number the oracle asks about: its own law is in
        // test/ci/diff-named-ports.test.ts.
        const changed = [...d.removed, ...(d.undecided ?? [])].filter((e) => /^\d/.test(e.port));
        const between = changed.filter((e) => from.has(o, e.from) && to.has(o, e.to));
        const diff = ORACLE_PORTS.map((p) => setOf(between.filter((e) => covers([parseInterval(e.port)], p)).map((e) => e.after)));
        expect([ctx('diff'), diff]).toEqual([ctx('diff'), expected.map((x) => setOf(x.split(' ').filter((y) => y !== 'allowed' && y !== '')))]);
        // Every listed flow has the oracle's outcome (for pods and addresses it names).
        for (const e of changed) {
          const end = (n: string): OEnd | undefined => (o.pod(n) ? { kind: 'pod', pod: o.pod(n)! } : /^\d+\.\d+\.\d+\.\d+$/.test(n) ? o.atAddress(n) : undefined);
          const [s, t] = [end(e.from), end(e.to)];
          if (!s || !t) continue; // stand-ins of the policies' own pod sets: the oracle has no record of them
          const iv = parseInterval(e.port);
          expect([ctx('diff entry'), e, o.outcome(s, t, iv.from, iv.protocol) as OOutcome]).toEqual([ctx('diff entry'), e, e.after]);
        }
      }),
      { numRuns: DRAWN_RUNS },
    );
  });
});
