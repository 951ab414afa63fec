/**
 * The laws of intents, proved through the engine on the files synthesis writes, for random apps:
 * netfence DenyAlls and foreign NetworkPolicies (raw ApiObjects with every shape of policyTypes,
 * ingress and egress), intents with every Side on both ends, ends in one namespace, in several
 * named namespaces, in any namespace and unions of those (Peer.anyOf), and every YamlOutputType.
 *
 * 1. Every intent's flow is allowed: on each side the intent writes (not Side.NEVER), the flow
 *    passes whatever the app denies.
 * 2. Side.AUTO never isolates anything: a pod's isolation changes only where a Side.ALWAYS side
 *    of an intent selects it, so flows to pods no intent targets never close.
 * 3. Nothing is allowed that was denied before unless an intent states it.
 * 4. The files mean what the in-memory app means, for every YamlOutputType and on both synthesis
 *    paths (netfence's and cdk8s's), or synthesis fails on both, naming the two objects of a file.
 *
 * With cluster policies in the app (a Baseline default deny, written by the app or declared as held
 * by the cluster, or one that accepts before it denies; Admin Deny, Pass and Accept rules at
 * colliding priorities), laws 1 to 3 hold through the tiers, or synthesis fails naming the intent
 * whose flow the Admin tier denies (which the engine confirms) or the Baseline tier still denies.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, YamlOutputType } from 'cdk8s';
import fc from 'fast-check';
import {
  Allow,
  BaselineDefaultDeny,
  ClusterHolds,
  ClusterNetworkPolicy,
  ClusterRule,
  ClusterTier,
  DenyAll,
  DenyDirection,
  evaluateFlow,
  Inventory,
  inventoryFromObjects,
  IPeer,
  LabelSelector,
  loadManifests,
  Namespaces,
  Peer,
  Pods,
  Port,
  Internet,
  Side,
  synth,
} from '../../lib';
import { renderAppDocuments } from '../../lib/synth/render-app';

/** Namespaces of the little cluster; `c` has no chart, so sides there stay in the intent's chart. */
const NAMESPACES = ['a', 'b', 'c'] as const;
const CHARTED = ['a', 'b'] as const;
const APPS = ['x', 'y', 'z'] as const;
const TRACKS = ['canary', 'stable'] as const;
const PORTS = [80, 443] as const;
const CHECK_PORTS = [80, 443, 8080];
const OUTSIDE = '203.0.113.1';
const OUTPUT_TYPES = [
  YamlOutputType.FILE_PER_CHART,
  YamlOutputType.FILE_PER_APP,
  YamlOutputType.FILE_PER_RESOURCE,
  YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
];

type Ns = (typeof NAMESPACES)[number];
type Home = (typeof CHARTED)[number];
interface TestPod {
  readonly ns: Ns;
  readonly app: string;
  readonly track: string;
  readonly id: string;
}

const PODS: TestPod[] = NAMESPACES.flatMap((ns) =>
  APPS.flatMap((app) => TRACKS.map((track) => ({ ns, app, track, id: `${ns}/${app}-${track}` }))),
);
const POD_MANIFESTS = PODS.map((p) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `${p.app}-${p.track}`, namespace: p.ns, labels: { app: p.app, track: p.track } },
}));

// ---- what an app is made of ----------------------------------------------------------------

type Labels = Record<string, string>;
const podLabels: fc.Arbitrary<Labels> = fc.oneof(
  fc.constant({}),
  fc.constantFrom(...APPS).map((app) => ({ app })),
  fc.constantFrom(...TRACKS).map((track) => ({ track })),
);

interface DenySpec {
  readonly ns: Home;
  readonly direction: DenyDirection;
  readonly pods: Labels;
}
const deny: fc.Arbitrary<DenySpec> = fc.record({
  ns: fc.constantFrom(...CHARTED),
  direction: fc.constantFrom(DenyDirection.INGRESS, DenyDirection.EGRESS, DenyDirection.BOTH),
  pods: podLabels,
});

/** A rule list as a foreign policy may write it: absent, `[]`, `[{}]` (everyone) or a real rule. */
type RuleShape = 'absent' | 'empty' | 'everyone' | 'rule';
interface RawSpec {
  readonly ns: Home;
  readonly pods: Labels;
  readonly policyTypes: readonly string[] | undefined;
  readonly ingress: RuleShape;
  readonly egress: RuleShape;
  readonly peerApp: string;
  readonly port: number;
}
const ruleShape = fc.constantFrom<RuleShape>('absent', 'empty', 'everyone', 'rule');
const raw: fc.Arbitrary<RawSpec> = fc.record({
  ns: fc.constantFrom(...CHARTED),
  pods: podLabels,
  policyTypes: fc.constantFrom(undefined, [], ['Ingress'], ['Egress'], ['Ingress', 'Egress'], ['Egress', 'Ingress']),
  ingress: ruleShape,
  egress: ruleShape,
  peerApp: fc.constantFrom(...APPS),
  port: fc.constantFrom(...PORTS),
});

/** One end of an intent. */
type EndSpec =
  | { readonly kind: 'pods'; readonly app: string; readonly ns: Ns | 'home' }
  | { readonly kind: 'pods-in'; readonly app: string; readonly nss: readonly Ns[] }
  | { readonly kind: 'namespaces'; readonly nss: readonly Ns[] }
  | { readonly kind: 'pods-any'; readonly app: string }
  | { readonly kind: 'any-of'; readonly ends: readonly EndSpec[] };

const twoNamespaces = fc.uniqueArray(fc.constantFrom(...NAMESPACES), { minLength: 2, maxLength: 2 });
const simpleEnd: fc.Arbitrary<EndSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pods' as const), app: fc.constantFrom(...APPS), ns: fc.constantFrom<Ns | 'home'>('home', ...NAMESPACES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pods-in' as const), app: fc.constantFrom(...APPS), nss: twoNamespaces }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('namespaces' as const), nss: twoNamespaces }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pods-any' as const), app: fc.constantFrom(...APPS) }) },
);
const end: fc.Arbitrary<EndSpec> = fc.oneof(
  { weight: 7, arbitrary: simpleEnd },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('any-of' as const), ends: fc.array(simpleEnd, { minLength: 2, maxLength: 2 }) }) },
);
/** True when pods of any namespace are among the end's pods (no Side.ALWAYS can be written there). */
const anywhere = (e: EndSpec): boolean => e.kind === 'pods-any' || (e.kind === 'any-of' && e.ends.some(anywhere));

interface IntentSpec {
  readonly home: Home;
  readonly from: EndSpec;
  readonly to: EndSpec;
  readonly port: number;
  readonly sourceSide: Side | undefined;
  readonly targetSide: Side | undefined;
}
const side = fc.constantFrom(undefined, Side.AUTO, Side.ALWAYS, Side.NEVER);
const intent: fc.Arbitrary<IntentSpec> = fc
  .record({ home: fc.constantFrom(...CHARTED), from: end, to: end, port: fc.constantFrom(...PORTS), sourceSide: side, targetSide: side })
  // Both sides NEVER, or Side.ALWAYS for pods of every namespace, are synth errors by design.
  .filter((t) => !(t.sourceSide === Side.NEVER && t.targetSide === Side.NEVER))
  .filter((t) => !(anywhere(t.from) && t.sourceSide === Side.ALWAYS))
  .filter((t) => !(anywhere(t.to) && t.targetSide === Side.ALWAYS));

/** Cluster policies of an app: a Baseline policy and Admin rules over named namespaces. */
interface ClusterSpec {
  /** A Baseline default deny (both directions or one), one that accepts namespace c first (`partial`), or none. */
  readonly baseline: 'none' | 'both' | 'egress' | 'ingress' | 'partial';
  /** True: declared with ClusterHolds (not written); false: written by the app's platform chart. */
  readonly held: boolean;
  readonly admin: readonly { readonly action: 'Accept' | 'Deny' | 'Pass'; readonly fromApp: string; readonly toNs: Ns; readonly priority: number; readonly port?: number }[];
}
const clusterSpec: fc.Arbitrary<ClusterSpec> = fc.record({
  baseline: fc.constantFrom<ClusterSpec['baseline']>('none', 'both', 'both', 'egress', 'ingress', 'partial'),
  held: fc.boolean(),
  admin: fc.array(
    fc.record(
      { action: fc.constantFrom<'Accept' | 'Deny' | 'Pass'>('Accept', 'Deny', 'Pass'), fromApp: fc.constantFrom(...APPS), toNs: fc.constantFrom(...NAMESPACES), priority: fc.constantFrom(1, 2, 3), port: fc.constantFrom(...PORTS) },
      { requiredKeys: ['action', 'fromApp', 'toNs', 'priority'] },
    ),
    { maxLength: 2 },
  ),
});

interface AppSpec {
  readonly denies: readonly DenySpec[];
  readonly raws: readonly RawSpec[];
  readonly intents: readonly IntentSpec[];
  readonly cluster?: ClusterSpec;
}
const appSpec = (maxIntents: number, minIntents = 0): fc.Arbitrary<AppSpec> =>
  fc.record({
    denies: fc.array(deny, { maxLength: 3 }),
    raws: fc.array(raw, { maxLength: 3 }),
    intents: fc.array(intent, { minLength: minIntents, maxLength: maxIntents }),
  });
const clusterAppSpec = (maxIntents: number, minIntents = 0): fc.Arbitrary<AppSpec> =>
  fc.record({
    denies: fc.array(deny, { maxLength: 2 }),
    raws: fc.array(raw, { maxLength: 2 }),
    intents: fc.array(intent, { minLength: minIntents, maxLength: maxIntents }),
    cluster: clusterSpec,
  });

// ---- building and writing an app -------------------------------------------------------------

function rules(shape: RuleShape, peerField: 'from' | 'to', peerApp: string, port: number): unknown[] | undefined {
  switch (shape) {
    case 'absent':
      return undefined;
    case 'empty':
      return [];
    case 'everyone':
      return [{}];
    case 'rule':
      return [{ [peerField]: [{ podSelector: { matchLabels: { app: peerApp } } }], ports: [{ port }] }];
  }
}

function peer(e: EndSpec): IPeer {
  switch (e.kind) {
    case 'pods':
      return e.ns === 'home' ? Pods.labelled({ app: e.app }) : Pods.labelled({ app: e.app }).inNamespace(e.ns);
    case 'pods-in':
      return Pods.labelled({ app: e.app }).inNamespaces(...e.nss);
    case 'namespaces':
      return Namespaces.named(...e.nss);
    case 'pods-any':
      return Pods.labelled({ app: e.app }).inAnyNamespace();
    case 'any-of':
      return Peer.anyOf(...e.ends.map(peer));
  }
}

function buildCluster(app: App, c: ClusterSpec): void {
  const platform = new Chart(app, 'platform');
  if (c.baseline === 'partial') {
    new ClusterNetworkPolicy(platform, 'baseline', {
      tier: ClusterTier.BASELINE,
      priority: 100,
      subject: Namespaces.all(),
      egress: [ClusterRule.accept(Namespaces.named('c')), ClusterRule.deny(Namespaces.all(), Internet.all())],
    });
  } else if (c.baseline !== 'none') {
    const direction = c.baseline === 'both' ? DenyDirection.BOTH : c.baseline === 'egress' ? DenyDirection.EGRESS : DenyDirection.INGRESS;
    if (c.held) new ClusterHolds(app, 'held', { baselineDefaultDeny: { direction, exceptNamespaces: [] } });
    else new BaselineDefaultDeny(platform, 'default-deny', { direction, exceptNamespaces: [] });
  }
  c.admin.forEach((a, i) => {
    const peer = Pods.labelled({ app: a.fromApp }).inAnyNamespace();
    const rule = a.action === 'Accept' ? ClusterRule.accept(peer) : a.action === 'Deny' ? ClusterRule.deny(peer) : ClusterRule.pass(peer);
    new ClusterNetworkPolicy(platform, `admin-${i}`, {
      tier: ClusterTier.ADMIN,
      priority: a.priority,
      subject: Namespaces.named(a.toNs),
      ingress: [a.port === undefined ? rule : rule.on(Port.tcp(a.port))],
    });
  });
}

function build(spec: AppSpec, withIntents: boolean, props: AppProps = {}): App {
  const app = new App(props);
  if (spec.cluster !== undefined) buildCluster(app, spec.cluster);
  const charts = new Map(CHARTED.map((ns) => [ns, new Chart(app, ns, { namespace: ns })]));
  spec.denies.forEach((d, i) => new DenyAll(charts.get(d.ns)!, `deny-${d.ns}-${i}`, { direction: d.direction, pods: LabelSelector.matchLabels(d.pods) }));
  spec.raws.forEach((r, i) => {
    const s: Record<string, unknown> = { podSelector: Object.keys(r.pods).length === 0 ? {} : { matchLabels: r.pods } };
    if (r.policyTypes !== undefined) s.policyTypes = [...r.policyTypes];
    const ingress = rules(r.ingress, 'from', r.peerApp, r.port);
    const egress = rules(r.egress, 'to', r.peerApp, r.port);
    if (ingress !== undefined) s.ingress = ingress;
    if (egress !== undefined) s.egress = egress;
    new ApiObject(charts.get(r.ns)!, `raw-${r.ns}-${i}`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `raw-${r.ns}-${i}` }, spec: s });
  });
  if (withIntents) {
    spec.intents.forEach((t, i) => {
      new Allow(charts.get(t.home)!, `intent-${i}`, {
        from: peer(t.from),
        to: peer(t.to),
        ports: [Port.tcp(t.port)],
        name: `intent-${i}`,
        sourceSide: t.sourceSide,
        targetSide: t.targetSide,
      });
    });
  }
  return app;
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-laws-'));
}

/** Writes the app with netfence (or cdk8s) and reads the files back: the objects a cluster would get. */
function written(spec: AppSpec, yamlOutputType: YamlOutputType, via: 'netfence' | 'cdk8s' = 'netfence'): Record<string, unknown>[] {
  const dir = tmpdir();
  try {
    if (via === 'netfence') synth(build(spec, true, { yamlOutputType }), { outdir: dir });
    else build(spec, true, { yamlOutputType, outdir: dir }).synth();
    return loadManifests([dir]).map((m) => m.object);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The written world of an app, in the given layout; where that layout would put two objects in
 * one file (a synth error, checked by law 4), the one-file-per-chart layout.
 */
function writtenWorld(spec: AppSpec, yamlOutputType: YamlOutputType): Inventory {
  let objects: Record<string, unknown>[];
  try {
    objects = written(spec, yamlOutputType);
  } catch (e) {
    expect((e as Error).message).toMatch(/would both be written to/);
    objects = written(spec, YamlOutputType.FILE_PER_CHART);
  }
  return inventoryFromObjects([...POD_MANIFESTS, ...held(spec), ...objects]);
}

/** What the app's ClusterHolds declare the cluster holds: part of the world, never of the files. */
function held(spec: AppSpec): Record<string, unknown>[] {
  const app = new App();
  if (spec.cluster !== undefined) buildCluster(app, spec.cluster);
  return ClusterHolds.of(app).flatMap((h) => [...h.manifests]);
}

function memoryWorld(spec: AppSpec, withIntents: boolean): Inventory {
  return inventoryFromObjects([...POD_MANIFESTS, ...held(spec), ...(renderAppDocuments(build(spec, withIntents)) as Record<string, unknown>[])]);
}

// ---- what an intent states ------------------------------------------------------------------

function inEnd(p: TestPod, e: EndSpec, home: Home): boolean {
  switch (e.kind) {
    case 'pods':
      return p.app === e.app && p.ns === (e.ns === 'home' ? home : e.ns);
    case 'pods-in':
      return p.app === e.app && e.nss.includes(p.ns);
    case 'namespaces':
      return e.nss.includes(p.ns);
    case 'pods-any':
      return p.app === e.app;
    case 'any-of':
      return e.ends.some((x) => inEnd(p, x, home));
  }
}

const sources = (t: IntentSpec): TestPod[] => PODS.filter((p) => inEnd(p, t.from, t.home));
const targets = (t: IntentSpec): TestPod[] => PODS.filter((p) => inEnd(p, t.to, t.home));
/**
 * The pods a target side isolates: all of the target with Side.ALWAYS; with the default, those of
 * named namespaces (for pods of any namespace it acts as AUTO); none with AUTO or NEVER.
 */
function isolatedTargets(t: IntentSpec): TestPod[] {
  if (t.targetSide === Side.ALWAYS) return targets(t);
  if (t.targetSide !== undefined) return [];
  const named = (e: EndSpec): EndSpec[] => (e.kind === 'any-of' ? e.ends.flatMap(named) : e.kind === 'pods-any' ? [] : [e]);
  return PODS.filter((p) => named(t.to).some((e) => inEnd(p, e, t.home)));
}
const alwaysSource = (t: IntentSpec): boolean => t.sourceSide === Side.ALWAYS;

/** fast-check's options; LAW_SEED and LAW_PATH (from a failure's report) replay one counterexample. */
const runs = (n: number) => ({
  numRuns: n,
  ...(process.env.LAW_SEED !== undefined ? { seed: Number(process.env.LAW_SEED), path: process.env.LAW_PATH } : {}),
});

describe('laws of intents, proved through the engine on the written files', () => {
  test('law 1: every intent\'s flow is allowed on each side it writes, whatever else the app denies', () => {
    fc.assert(
      fc.property(appSpec(4, 1), fc.constantFrom(...OUTPUT_TYPES), (spec, type) => {
        const inv = writtenWorld(spec, type);
        for (const t of spec.intents) {
          for (const s of sources(t)) {
            for (const d of targets(t)) {
              const v = evaluateFlow(inv, { from: s.id, to: d.id, port: t.port });
              if (t.sourceSide !== Side.NEVER) expect([t, s.id, d.id, 'egress', v.egress.allowed]).toEqual([t, s.id, d.id, 'egress', true]);
              if (t.targetSide !== Side.NEVER) expect([t, s.id, d.id, 'ingress', v.ingress.allowed]).toEqual([t, s.id, d.id, 'ingress', true]);
            }
          }
        }
      }),
      runs(150),
    );
  });

  test('law 2: Side.AUTO never isolates anything; flows to pods no intent targets never close', () => {
    fc.assert(
      fc.property(appSpec(4, 1), fc.constantFrom(...OUTPUT_TYPES), (spec, type) => {
        const before = memoryWorld(spec, false);
        const after = writtenWorld(spec, type);
        const isolatedBySource = new Set(spec.intents.filter(alwaysSource).flatMap((t) => sources(t).map((p) => p.id)));
        const isolatedByTarget = new Set(spec.intents.flatMap((t) => isolatedTargets(t).map((p) => p.id)));
        const targeted = new Set(spec.intents.flatMap((t) => targets(t).map((p) => p.id)));
        for (const p of PODS) {
          if (!isolatedBySource.has(p.id)) {
            const was = evaluateFlow(before, { from: p.id, to: OUTSIDE, port: 80 }).egress.isolated;
            expect([p.id, 'egress isolated', evaluateFlow(after, { from: p.id, to: OUTSIDE, port: 80 }).egress.isolated]).toEqual([p.id, 'egress isolated', was]);
          }
          if (!isolatedByTarget.has(p.id)) {
            const was = evaluateFlow(before, { from: OUTSIDE, to: p.id, port: 80 }).ingress.isolated;
            expect([p.id, 'ingress isolated', evaluateFlow(after, { from: OUTSIDE, to: p.id, port: 80 }).ingress.isolated]).toEqual([p.id, 'ingress isolated', was]);
          }
        }
        for (const from of PODS.filter((p) => !isolatedBySource.has(p.id))) {
          for (const to of PODS.filter((p) => !targeted.has(p.id))) {
            for (const port of CHECK_PORTS) {
              if (evaluateFlow(before, { from: from.id, to: to.id, port }).allowed) {
                expect([from.id, to.id, port, evaluateFlow(after, { from: from.id, to: to.id, port }).allowed]).toEqual([from.id, to.id, port, true]);
              }
            }
          }
        }
      }),
      runs(100),
    );
  });

  test('law 3: nothing is allowed that was denied before unless an intent states it', () => {
    fc.assert(
      fc.property(appSpec(4), fc.constantFrom(...OUTPUT_TYPES), (spec, type) => {
        const before = memoryWorld(spec, false);
        const after = writtenWorld(spec, type);
        const stated = (from: TestPod, to: TestPod, port: number) =>
          spec.intents.some((t) => t.port === port && inEnd(from, t.from, t.home) && inEnd(to, t.to, t.home));
        for (const from of PODS) {
          for (const to of PODS) {
            for (const port of CHECK_PORTS) {
              if (!evaluateFlow(before, { from: from.id, to: to.id, port }).allowed && evaluateFlow(after, { from: from.id, to: to.id, port }).allowed) {
                expect([from.id, to.id, port, 'stated', stated(from, to, port)]).toEqual([from.id, to.id, port, 'stated', true]);
              }
            }
          }
        }
        // Addresses outside the cluster are never opened by intents between pods.
        for (const p of PODS) {
          for (const port of CHECK_PORTS) {
            if (!evaluateFlow(before, { from: p.id, to: OUTSIDE, port }).allowed) {
              expect(evaluateFlow(after, { from: p.id, to: OUTSIDE, port }).allowed).toBe(false);
            }
          }
        }
      }),
      runs(100),
    );
  });

  test('law 4: the files mean what the in-memory app means, in every layout, on both synthesis paths', () => {
    fc.assert(
      fc.property(appSpec(3), (spec) => {
        const memory = memoryWorld(spec, true);
        const verdicts = (inv: Inventory) =>
          PODS.flatMap((from) => PODS.flatMap((to) => CHECK_PORTS.map((port) => evaluateFlow(inv, { from: from.id, to: to.id, port }).allowed)));
        const expected = verdicts(memory);
        for (const type of OUTPUT_TYPES) {
          const outcome = (via: 'netfence' | 'cdk8s'): { objects?: Record<string, unknown>[]; error?: string } => {
            try {
              return { objects: written(spec, type, via) };
            } catch (e) {
              return { error: (e as Error).message };
            }
          };
          const ours = outcome('netfence');
          const theirs = outcome('cdk8s');
          expect(theirs.error).toBe(ours.error);
          if (ours.error !== undefined) {
            // Never a silent overwrite: only the per-resource layouts can collide, and they say so.
            expect([YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE]).toContain(type);
            expect(ours.error).toMatch(/would both be written to/);
            continue;
          }
          expect(verdicts(inventoryFromObjects([...POD_MANIFESTS, ...ours.objects!]))).toEqual(expected);
          expect(verdicts(inventoryFromObjects([...POD_MANIFESTS, ...theirs.objects!]))).toEqual(expected);
        }
      }),
      runs(25),
    );
  });
});

describe('laws of intents with cluster policies in the app, through the tiers', () => {
  /** The synth errors of an app, or undefined when it synthesizes. */
  const synthErrors = (spec: AppSpec): string[] | undefined => {
    try {
      renderAppDocuments(build(spec, true));
      return undefined;
    } catch (e) {
      return (e as Error).message.split('\n').slice(1).map((l) => l.trim()).filter((l) => l !== '');
    }
  };
  /** The intent an error names: `[netfence.IntentResolver] [a/intent-3] ...`. */
  const intentOf = (spec: AppSpec, error: string): IntentSpec | undefined => {
    const m = /\[(?:a|b)\/intent-(\d+)\]/.exec(error);
    return m ? spec.intents[Number(m[1])] : undefined;
  };
  const stats = { ok: 0, admin: 0, baseline: 0, sides: 0 };
  afterAll(() => {
    if (process.env.LAW_STATS) console.log(stats);
  });

  test('law 1: every intent\'s flow is allowed through the tiers on each side it writes, or synthesis names the intent the Admin tier (confirmed by the engine) or the Baseline tier blocks', () => {
    // The Admin tier blocks about 5 intents per 120 runs (3, 4, 4 and 9 in four batches): one
    // batch alone fell under the floor in a clean CI run, so unlucky batches are topped up.
    const batch = (): void => {
      fc.assert(
        fc.property(clusterAppSpec(3, 1), (spec) => {
          const errors = synthErrors(spec);
          if (errors !== undefined) {
            const before = memoryWorld({ ...spec, intents: [] }, false);
            for (const e of errors) {
              const t = intentOf(spec, e);
              if (t === undefined) {
                // Errors of the app itself (pods of every namespace under a cluster default deny, ...).
                expect(e).toMatch(/cannot write the side|cannot name|Side\.ALWAYS|Side\.NEVER/);
                stats.sides++;
                continue;
              }
              if (/Admin tier/.test(e)) {
                stats.admin++;
                // The engine, without any intent, has the Admin tier decide some of the flow not allowed.
                const blocked = sources(t).some((s) => targets(t).some((d) => {
                  const v = evaluateFlow(before, { from: s.id, to: d.id, port: t.port });
                  return [v.egress, v.ingress].some((x) => x.decidedIn === 'Admin' && x.outcome !== 'allowed');
                }));
                expect([e, blocked]).toEqual([e, true]);
              } else {
                stats.baseline++;
                expect(e).toMatch(/Baseline tier still denies|denied by default by|cannot write the side/);
              }
            }
            return;
          }
          stats.ok++;
          const inv = writtenWorld(spec, YamlOutputType.FILE_PER_CHART);
          for (const t of spec.intents) {
            for (const s of sources(t)) {
              for (const d of targets(t)) {
                const v = evaluateFlow(inv, { from: s.id, to: d.id, port: t.port });
                if (t.sourceSide !== Side.NEVER) expect([t, s.id, d.id, 'egress', v.egress.outcome]).toEqual([t, s.id, d.id, 'egress', 'allowed']);
                if (t.targetSide !== Side.NEVER) expect([t, s.id, d.id, 'ingress', v.ingress.outcome]).toEqual([t, s.id, d.id, 'ingress', 'allowed']);
              }
            }
          }
        }),
        runs(Number(process.env.LAW_RUNS ?? 120)),
      );
    };
    batch();
    // A replayed counterexample (LAW_SEED) is one run: no floor to reach.
    if (process.env.LAW_SEED !== undefined) return;
    for (let extra = 0; extra < 3 && stats.admin <= 3; extra++) batch();
    expect(stats.ok).toBeGreaterThan(20);
    expect(stats.admin).toBeGreaterThan(3);
  });

  test('law 2: flows from pods no Side.ALWAYS source side selects to pods no intent targets never close', () => {
    fc.assert(
      fc.property(clusterAppSpec(3, 1), (spec) => {
        if (synthErrors(spec) !== undefined) return;
        const before = memoryWorld(spec, false);
        const after = writtenWorld(spec, YamlOutputType.FILE_PER_CHART);
        const alwaysSourced = new Set(spec.intents.filter(alwaysSource).flatMap((t) => sources(t).map((p) => p.id)));
        const targeted = new Set(spec.intents.flatMap((t) => targets(t).map((p) => p.id)));
        for (const from of PODS.filter((p) => !alwaysSourced.has(p.id))) {
          for (const to of [...PODS.filter((p) => !targeted.has(p.id)).map((p) => p.id), OUTSIDE]) {
            for (const port of CHECK_PORTS) {
              if (evaluateFlow(before, { from: from.id, to, port }).allowed) {
                expect([from.id, to, port, evaluateFlow(after, { from: from.id, to, port }).outcome]).toEqual([from.id, to, port, 'allowed']);
              }
            }
          }
        }
      }),
      runs(80),
    );
  });

  test('law 3: nothing is allowed that was not before unless an intent states it', () => {
    fc.assert(
      fc.property(clusterAppSpec(3), (spec) => {
        if (synthErrors(spec) !== undefined) return;
        const before = memoryWorld(spec, false);
        const after = writtenWorld(spec, YamlOutputType.FILE_PER_CHART);
        const stated = (from: TestPod, to: TestPod, port: number) => spec.intents.some((t) => t.port === port && inEnd(from, t.from, t.home) && inEnd(to, t.to, t.home));
        for (const from of PODS) {
          for (const to of PODS) {
            for (const port of CHECK_PORTS) {
              if (!evaluateFlow(before, { from: from.id, to: to.id, port }).allowed && evaluateFlow(after, { from: from.id, to: to.id, port }).allowed) {
                expect([from.id, to.id, port, 'stated', stated(from, to, port)]).toEqual([from.id, to.id, port, 'stated', true]);
              }
            }
          }
          for (const port of CHECK_PORTS) {
            if (!evaluateFlow(before, { from: from.id, to: OUTSIDE, port }).allowed) expect(evaluateFlow(after, { from: from.id, to: OUTSIDE, port }).allowed).toBe(false);
          }
        }
      }),
      runs(80),
    );
  });
});
