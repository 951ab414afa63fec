/**
 * The per-chart first synthesis (`Chart.toJson()`, so cdk8s's `Testing.synth(chart)`) against the
 * whole-app synthesis, as a differential law on random apps. Each app is built twice by one
 * builder: a "subject" whose charts are synthesized one by one, and a "reference" synthesized
 * whole (`synthYaml()`) first, whose charts are then rendered as cdk8s renders them.
 *
 * 1. Output: a chart's `toJson()` is exactly (deep equal, same order) that chart's part of the
 *    whole-app synthesis.
 * 2. Errors are a subset: every error line `toJson()` lists is one the whole-app pass lists; when
 *    that pass lists none, `toJson()` does not throw.
 * 3. Errors that touch the chart are kept: every whole-app error whose construct (the first
 *    bracketed path, or the second after `[netfence.IntentResolver]`) is the chart or under it, or
 *    an intent that writes sides into it (their rules carry its values), is listed; a duplicate
 *    name only when both writers are under it.
 * 4. Sequences: any sequence of charts (repeats included) on one app obeys 1 to 3 at every step;
 *    a repeated `toJson()` answers as the first did while no other chart was written (the write
 *    of a second chart is the app's whole synthesis, whose errors it then reports); and a
 *    whole-app `synthYaml()` afterwards gives the reference's YAML (or its error lines, as a set).
 *
 * Apps hold 2 to 5 charts (`a`, `b`, sometimes a second chart of `a`, a chart without namespace,
 * a nested chart; namespace `c` has none), intents with every kind of end and Side declared in
 * each, DenyAlls, netfence NetworkPolicies and raw ones (some invalid) so that Side.AUTO sides
 * depend on other charts, colliding names and invalid values in one chart while others stay
 * valid; and sometimes what takes an app off any per-chart path: ends in every namespace or in
 * namespaces chosen by labels, a cluster-scoped policy, YamlOutputType.FILE_PER_RESOURCE.
 */
import { ApiObject, App, Chart, DependencyGraph, Testing, YamlOutputType } from 'cdk8s';
import fc from 'fast-check';
import {
  Allow,
  BaselineDefaultDeny,
  Cidr,
  DenyAll,
  DenyDirection,
  Internet,
  IPeer,
  LabelSelector,
  Namespaces,
  NetworkPolicy,
  Pods,
  Port,
  Side,
} from '../../lib';
import { thrown } from './written';

// ---- what an app is made of ----------------------------------------------------------------

type Ns = 'a' | 'b' | 'c';
type Labels = Record<string, string>;
const APPS = ['x', 'y'] as const;

interface LayoutSpec {
  /** The top-level charts in construct order (`a` and `b` always, `a2` and `free` sometimes). */
  readonly order: readonly ('a' | 'b' | 'a2' | 'free')[];
  /** A chart nested in another, of namespace `a`, `b` or none. */
  readonly nested?: { readonly parent: 'a' | 'b' | 'a2' | 'free'; readonly ns: 'a' | 'b' | undefined };
}

/** One end of an intent. `any` and `labelled` are the ends no chart can own. */
type EndSpec =
  | { readonly kind: 'home'; readonly app: string }
  | { readonly kind: 'in'; readonly app: string; readonly ns: Ns }
  | { readonly kind: 'in-two'; readonly app: string }
  | { readonly kind: 'namespaces'; readonly nss: readonly Ns[] }
  | { readonly kind: 'ip'; readonly internet: boolean }
  | { readonly kind: 'any'; readonly app: string }
  | { readonly kind: 'labelled'; readonly app: string | undefined };

/** A value the API server would refuse, in one intent only. */
type Bad = 'none' | 'port' | 'namespace' | 'cidr' | 'missing-namespace';

interface IntentSpec {
  /** The chart, as an index into the app's charts (modulo their number). */
  readonly chart: number;
  /** The intent's own namespace when not the chart's. */
  readonly home: 'chart' | 'a' | 'c';
  readonly from: EndSpec;
  readonly to: EndSpec;
  readonly ports: 'all' | 'props' | 'on';
  readonly targetSide: Side | undefined;
  readonly sourceSide: Side | undefined;
  readonly name: string | undefined;
  readonly bad: Bad;
}

interface IsolatorSpec {
  readonly chart: number;
  /** `c` (no chart) or the chart's own namespace; a chart without one uses `a`. */
  readonly inC: boolean;
  readonly pods: Labels;
}
interface DenySpec extends IsolatorSpec {
  readonly direction: DenyDirection;
}
interface PolicySpec extends IsolatorSpec {
  readonly ingress: boolean;
  readonly egress: boolean;
}
interface RawSpec extends IsolatorSpec {
  readonly policyTypes: readonly string[] | undefined;
  readonly egressRule: boolean;
  readonly name: 'own' | 'dup';
  readonly invalid: boolean;
}

interface AppSpec {
  readonly layout: LayoutSpec;
  readonly intents: readonly IntentSpec[];
  readonly denies: readonly DenySpec[];
  readonly policies: readonly PolicySpec[];
  readonly raws: readonly RawSpec[];
  /** A cluster-scoped Baseline default deny in one chart. */
  readonly baseline: { readonly chart: number; readonly direction: DenyDirection } | undefined;
  readonly perResourceFiles: boolean;
}

const layout: fc.Arbitrary<LayoutSpec> = fc
  .record({
    a2: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    free: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    nested: fc.option(fc.record({ parent: fc.nat(3), ns: fc.constantFrom<'a' | 'b' | undefined>('a', 'b', undefined) }), { freq: 2 }),
  })
  .chain((l) => {
    const present: ('a' | 'b' | 'a2' | 'free')[] = ['a', 'b', ...(l.a2 ? (['a2'] as const) : []), ...(l.free ? (['free'] as const) : [])];
    return fc.shuffledSubarray(present, { minLength: present.length, maxLength: present.length }).map((order) => ({
      order,
      ...(l.nested === null ? {} : { nested: { parent: order[l.nested.parent % order.length], ns: l.nested.ns } }),
    }));
  });

const labels: fc.Arbitrary<Labels> = fc.oneof(fc.constant({}), fc.constantFrom(...APPS).map((app) => ({ app })));
const appName = fc.constantFrom(...APPS);
const ns = fc.constantFrom<Ns>('a', 'b', 'c');
const end: fc.Arbitrary<EndSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('home' as const), app: appName }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('in' as const), app: appName, ns }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('in-two' as const), app: appName }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('namespaces' as const), nss: fc.uniqueArray(ns, { minLength: 1, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ip' as const), internet: fc.boolean() }) },
);
/** Ends no chart can own: pods of every namespace, or of namespaces chosen by labels. */
const wideEnd: fc.Arbitrary<EndSpec> = fc.oneof(
  fc.record({ kind: fc.constant('any' as const), app: appName }),
  fc.record({ kind: fc.constant('labelled' as const), app: fc.option(appName, { nil: undefined }) }),
);
const side = fc.constantFrom(undefined, undefined, Side.AUTO, Side.ALWAYS, Side.NEVER);
/** True when the end is pods netfence can write a side for (its namespaces named, or every one). */
const podsEnd = (e: EndSpec): boolean => e.kind !== 'ip' && e.kind !== 'labelled';
const intent = (ends: fc.Arbitrary<EndSpec>): fc.Arbitrary<IntentSpec> =>
  fc.record({
    chart: fc.nat(9),
    home: fc.oneof({ weight: 6, arbitrary: fc.constant('chart' as const) }, { weight: 1, arbitrary: fc.constantFrom('a' as const, 'c' as const) }),
    from: ends,
    to: ends,
    ports: fc.constantFrom<IntentSpec['ports']>('all', 'props', 'props', 'on'),
    targetSide: side,
    sourceSide: side,
    name: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('dup', 'web') }),
    bad: fc.oneof(
      { weight: 20, arbitrary: fc.constant('none' as const) },
      { weight: 2, arbitrary: fc.constant('port' as const) },
      { weight: 1, arbitrary: fc.constantFrom<Bad>('namespace', 'cidr', 'missing-namespace') },
    ),
  })
  // An intent no side of which can carry a rule is an error of its own, kept rare: the bad values do that job.
  .filter((t) => (podsEnd(t.to) && t.targetSide !== Side.NEVER) || (podsEnd(t.from) && t.sourceSide !== Side.NEVER));
const isolator = { chart: fc.nat(9), inC: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), pods: labels };
const deny: fc.Arbitrary<DenySpec> = fc.record({ ...isolator, direction: fc.constantFrom(DenyDirection.INGRESS, DenyDirection.EGRESS, DenyDirection.BOTH) });
const policy: fc.Arbitrary<PolicySpec> = fc.record({ ...isolator, ingress: fc.boolean(), egress: fc.boolean() });
const raw: fc.Arbitrary<RawSpec> = fc.record({
  ...isolator,
  policyTypes: fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  egressRule: fc.boolean(),
  name: fc.oneof({ weight: 5, arbitrary: fc.constant('own' as const) }, { weight: 1, arbitrary: fc.constant('dup' as const) }),
  invalid: fc.oneof({ weight: 10, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

/** About one app in six each: a wide end, a cluster policy, per-resource files. */
const oneIn = (n: number) => fc.nat(n - 1).map((x) => x === 1);
const appSpec: fc.Arbitrary<AppSpec> = fc
  .record({ wide: oneIn(6), cluster: oneIn(6), perResource: oneIn(6) })
  .chain(({ wide, cluster, perResource }) =>
    fc.record({
      layout,
      intents: fc
        .array(intent(end), { minLength: 1, maxLength: 6 })
        .chain((xs) =>
          wide ? fc.tuple(intent(end), wideEnd, fc.boolean()).map(([t, w, onTarget]) => [...xs, onTarget ? { ...t, to: w } : { ...t, from: w }]) : fc.constant(xs),
        ),
      denies: fc.array(deny, { maxLength: 3 }),
      policies: fc.array(policy, { maxLength: 2 }),
      raws: fc.array(raw, { maxLength: 2 }),
      baseline: cluster ? fc.record({ chart: fc.nat(9), direction: fc.constantFrom(DenyDirection.INGRESS, DenyDirection.EGRESS, DenyDirection.BOTH) }) : fc.constant(undefined),
      perResourceFiles: fc.constant(perResource),
    }),
  );

// ---- building an app -------------------------------------------------------------------------

interface Built {
  readonly app: App;
  /** The charts in construct (preorder) order. */
  readonly charts: readonly Chart[];
}

function peer(e: EndSpec, bad: Bad): IPeer {
  switch (e.kind) {
    case 'home':
      return Pods.labelled({ app: e.app });
    case 'in':
      return Pods.labelled({ app: e.app }).inNamespace(bad === 'namespace' ? 'Not_A_Namespace' : e.ns);
    case 'in-two':
      return Pods.labelled({ app: e.app }).inNamespaces('a', 'c');
    case 'namespaces':
      return Namespaces.named(...e.nss);
    case 'ip':
      if (bad === 'cidr') return Cidr.of('10.0.0.1/8');
      return e.internet ? Internet.all() : Cidr.of('10.0.0.0/8');
    case 'any':
      return Pods.labelled({ app: e.app }).inAnyNamespace();
    case 'labelled':
      return e.app === undefined ? Namespaces.labelled({ team: 'blue' }) : Pods.labelled({ app: e.app }).inNamespacesLabelled({ team: 'blue' });
  }
}

function build(spec: AppSpec): Built {
  // Nothing is written to files (synthYaml and toJson only): no outdir is made.
  const app = new App(spec.perResourceFiles ? { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE } : {});
  const top = new Map<string, Chart>();
  const namespaces: Record<string, string | undefined> = { a: 'a', b: 'b', a2: 'a', free: undefined };
  for (const key of spec.layout.order) {
    const chart = new Chart(app, key, namespaces[key] === undefined ? {} : { namespace: namespaces[key] });
    top.set(key, chart);
    const n = spec.layout.nested;
    if (n !== undefined && n.parent === key) new Chart(chart, 'nested', n.ns === undefined ? {} : { namespace: n.ns });
  }
  const charts = app.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  const chartAt = (i: number): Chart => charts[i % charts.length];
  /** An isolator's namespace: `c`, or the chart's (`a` for a chart without one). */
  const nsOf = (c: Chart, inC: boolean): string => (inC ? 'c' : c.namespace ?? 'a');

  spec.denies.forEach((d, i) => {
    const c = chartAt(d.chart);
    new DenyAll(c, `deny${i}`, { direction: d.direction, pods: LabelSelector.matchLabels(d.pods), namespace: nsOf(c, d.inC) });
  });
  spec.policies.forEach((p, i) => {
    const c = chartAt(p.chart);
    new NetworkPolicy(c, `np${i}`, {
      namespace: nsOf(c, p.inC),
      selector: LabelSelector.matchLabels(p.pods),
      ...(p.ingress ? { ingress: [] } : {}),
      ...(p.egress || !p.ingress ? { egress: [{ peers: [Pods.labelled({ app: 'y' })], ports: [Port.tcp(53)] }] } : {}),
    });
  });
  spec.raws.forEach((r, i) => {
    const c = chartAt(r.chart);
    const s: Record<string, unknown> = { podSelector: Object.keys(r.pods).length === 0 ? {} : { matchLabels: r.pods } };
    if (r.policyTypes !== undefined) s.policyTypes = [...r.policyTypes];
    s.ingress = [{ from: [{ podSelector: { matchLabels: { app: 'x' } } }], ports: [{ port: r.invalid ? 70000 : 8080 }] }];
    if (r.egressRule) s.egress = [{ to: [{ podSelector: {} }] }];
    new ApiObject(c, `raw${i}`, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: r.name === 'dup' ? 'dup' : `raw${i}`, namespace: nsOf(c, r.inC) },
      spec: s,
    });
  });
  if (spec.baseline !== undefined) new BaselineDefaultDeny(chartAt(spec.baseline.chart), 'baseline', { direction: spec.baseline.direction });
  spec.intents.forEach((t, i) => {
    const c = chartAt(t.chart);
    const home = t.home !== 'chart' ? t.home : c.namespace === undefined && t.bad !== 'missing-namespace' ? 'c' : undefined;
    const port = Port.tcp(t.bad === 'port' ? 70000 : 80);
    const props = {
      ...(home !== undefined ? { namespace: home } : {}),
      ...(t.ports === 'props' ? { ports: [port] } : {}),
      ...(t.name !== undefined ? { name: t.name } : {}),
      targetSide: t.targetSide,
      sourceSide: t.sourceSide,
    };
    const from = peer(t.from, t.bad);
    const to = peer(t.to, t.bad);
    const made = new Allow(c, `i${i}`, { ...props, from, to });
    if (t.ports === 'on') made.on(port);
  });
  return { app, charts };
}

// ---- outcomes --------------------------------------------------------------------------------

const HEADER = 'Validation failed with the following errors:\n';

/** What a synthesis gave: a value, cdk8s's validation errors (one per line), or another error. */
type Outcome<T> = { readonly value: T } | { readonly lines: readonly string[] } | { readonly other: string };

function outcome<T>(f: () => T): Outcome<T> {
  try {
    return { value: f() };
  } catch (e) {
    const message = (e as Error).message;
    if (!message.startsWith(HEADER)) return { other: message };
    return { lines: message.slice(HEADER.length).split('\n').map((l) => l.replace(/^ {2}/, '')) };
  }
}

/** The construct an error line is about: its first path, or the second after the resolver's. */
function pathOf(line: string): string | undefined {
  const m = /^\[([^\]]*)\] (?:\[([^\]]*)\] )?/.exec(line);
  if (m === null) return undefined;
  return m[1] === 'netfence.IntentResolver' ? m[2] : m[1];
}

const under = (path: string, chart: Chart): boolean => path === chart.node.path || path.startsWith(`${chart.node.path}/`);

/**
 * True when the chart's own synthesis must report the whole-app error `line`: it is about the
 * chart or a construct under it, or about an intent that writes sides into it (`writers`), whose
 * errors (a port out of range, ...) are in those sides' rules; a duplicate name only when both
 * writers are under the chart.
 */
function touches(line: string, chart: Chart, writers: ReadonlySet<string>): boolean {
  const twice = twiceOf(line);
  if (twice !== undefined) return under(twice.writers[0], chart) && under(twice.writers[1], chart);
  const path = pathOf(line);
  return path !== undefined && (under(path, chart) || writers.has(path));
}

/**
 * A "written twice" line: the `namespace/name` taken twice, and the two writers it names (the
 * first that took the name, and another). Which first a synthesis names depends on what is
 * written when it runs: a chart's own synthesis names the first written so far.
 */
function twiceOf(line: string): { key: string; writers: [string, string] } | undefined {
  const m = / NetworkPolicy (\S+) is written twice, by (\S+) and (\S+);/.exec(line);
  return m === null ? undefined : { key: m[1], writers: [m[2], m[3]] };
}

/** Per name taken twice, every writer the lines name. */
function twiceWriters(lines: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const l of lines) {
    const t = twiceOf(l);
    if (t === undefined) continue;
    const set = out.get(t.key) ?? new Set<string>();
    for (const w of t.writers) set.add(w);
    out.set(t.key, set);
  }
  return out;
}

/** A line the whole app's `lines` confirm: listed there, or a name taken twice by two of the writers the app names for it. */
function confirmed(line: string, lines: ReadonlySet<string>, twice: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (lines.has(line)) return true;
  const t = twiceOf(line);
  return t !== undefined && t.writers.every((w) => twice.get(t.key)?.has(w) === true);
}

/** The paths of the intents that wrote sides under the chart (their holders are `<intent path, / as -->`). */
function writersInto(chart: Chart): Set<string> {
  const out = new Set<string>();
  for (const c of chart.node.findAll()) if (c.node.id.includes('--')) out.add(c.node.id.split('--').join('/'));
  return out;
}

/** The reference: the whole app synthesized first, then each chart's objects as cdk8s renders them. */
class Reference {
  public readonly whole: Outcome<string>;
  private readonly built: Built;
  private readonly rendered = new Map<number, unknown[]>();

  public constructor(spec: AppSpec) {
    this.built = build(spec);
    this.whole = outcome(() => this.built.app.synthYaml());
  }

  /** The whole-app error lines (empty when it synthesized). */
  public get lines(): readonly string[] {
    return 'lines' in this.whole ? this.whole.lines : [];
  }

  /** The intents that wrote sides under chart `i` in the whole-app synthesis. */
  public writers(i: number): Set<string> {
    return writersInto(this.built.charts[i]);
  }

  /** Chart `i`'s part of the whole-app synthesis. */
  public chart(i: number): unknown[] {
    let out = this.rendered.get(i);
    if (out === undefined) {
      const chart = this.built.charts[i];
      // cdk8s's chartToKube: the chart's objects in dependency order, each in its closest chart.
      const objects = (): unknown[] =>
        new DependencyGraph(chart.node)
          .topology()
          .filter((x): x is ApiObject => ApiObject.isApiObject(x) && Chart.of(x) === chart)
          .map((x) => x.toJson());
      if ('value' in this.whole) {
        out = Testing.synth(chart);
        // The mirror used for a failed app renders a valid one as cdk8s does.
        expect(objects()).toEqual(out);
      } else out = objects();
      this.rendered.set(i, out);
    }
    return out;
  }
}

/** Laws 1 to 3 for one `toJson()` of the subject's chart `i`. */
function judgeChart(got: Outcome<unknown[]>, chart: Chart, i: number, ref: Reference): void {
  const label = `chart ${chart.node.path} (#${i})`;
  if ('other' in ref.whole) {
    // Not a validation failure (a construct refused while sides were written): the same refusal.
    expect([label, got]).toEqual([label, { other: ref.whole.other }]);
    return;
  }
  if ('value' in got) {
    // Law 1 (and law 2's second half: no error where the whole app has none of this chart's).
    expect([label, got.value]).toEqual([label, ref.chart(i)]);
  } else if ('lines' in got) {
    // Law 2: a subset of the whole app's errors, and never an error where the app has none.
    const known = new Set(ref.lines);
    const twice = twiceWriters(ref.lines);
    expect([label, 'whole app failed', ref.lines.length > 0]).toEqual([label, 'whole app failed', true]);
    expect([label, got.lines.filter((l) => !confirmed(l, known, twice))]).toEqual([label, []]);
  } else {
    expect([label, got]).toEqual([label, 'a value or validation errors']);
  }
  // Law 3: every whole-app error under the chart, or of an intent writing into it, is reported by the chart.
  const listed = new Set('lines' in got ? got.lines : []);
  const keys = new Set([...listed].map((l) => twiceOf(l)?.key));
  const writers = ref.writers(i);
  const reported = (l: string): boolean => listed.has(l) || (twiceOf(l) !== undefined && keys.has(twiceOf(l)!.key));
  expect([label, ref.lines.filter((l) => touches(l, chart, writers) && !reported(l))]).toEqual([label, []]);
}

/**
 * `got` as `before` should be when only names taken twice were added: those added are dropped
 * (failing only because of them: `before`'s value).
 */
function asRepeated(got: Outcome<unknown[]>, before: Outcome<unknown[]>): Outcome<unknown[]> {
  if (!('lines' in got)) return got;
  const had = new Set('lines' in before ? before.lines : []);
  const lines = got.lines.filter((l) => had.has(l) || twiceOf(l) === undefined);
  if (lines.length === got.lines.length || lines.length > 0 || !('value' in before)) return { lines };
  return before;
}

/** The whole-app YAML, or its error lines as a sorted set, or another error. */
function normalized(o: Outcome<string>): Outcome<string> {
  return 'lines' in o ? { lines: [...new Set(o.lines)].sort() } : o;
}

describe('per-chart first synthesis: laws against the whole-app synthesis', () => {
  test('laws 1-4: any sequence of toJson() on a fresh app gives each chart its part of the whole-app output, and errors that are the whole app\'s, keeping those under the chart', () => {
    fc.assert(
      fc.property(appSpec, fc.array(fc.nat(9), { minLength: 1, maxLength: 4 }), fc.boolean(), (spec, sequence, thenWhole) => {
        const ref = new Reference(spec);
        const subject = build(spec);
        const first = new Map<number, Outcome<unknown[]>>();
        let alone: number | undefined;
        for (const n of sequence) {
          const i = n % subject.charts.length;
          alone ??= i;
          const chart = subject.charts[i];
          const got = outcome(() => chart.toJson() as unknown[]);
          judgeChart(got, chart, i, ref);
          // Law 4: a repeated synthesis of a chart answers as its first did; only a name the chart
          // shares with a side another chart's synthesis wrote since may be added.
          const before = first.get(i);
          if (before === undefined) first.set(i, got);
          else if (i === alone && first.size === 1) expect([chart.node.path, 'again', asRepeated(got, before)]).toEqual([chart.node.path, 'again', before]);
        }
        if (thenWhole) {
          // Law 4: the whole app, after its charts, is what a whole-app first synthesis gives.
          expect(normalized(outcome(() => subject.app.synthYaml()))).toEqual(normalized(ref.whole));
        }
      }),
      { numRuns: Number(process.env.CHART_LAW_RUNS ?? 500), ...(process.env.CHART_LAW_SEED !== undefined ? { seed: Number(process.env.CHART_LAW_SEED), path: process.env.CHART_LAW_PATH } : {}) },
    );
  });
});

describe('per-chart first synthesis', () => {
  const web = Pods.labelled({ app: 'web' });
  const db = Pods.labelled({ app: 'db' });

  /** The NetworkPolicies of a synthesized chart, as `namespace/name`. */
  const policyIds = (objects: readonly Record<string, unknown>[]): string[] =>
    objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => {
      const m = o.metadata as { name: string; namespace: string };
      return `${m.namespace}/${m.name}`;
    });

  test('Testing.synth(b) on a fresh app holds the ingress side an intent of chart a writes into b, under b, as after a whole-app synthesis', () => {
    const build = () => {
      const app = new App();
      const a = new Chart(app, 'a', { namespace: 'a' });
      const b = new Chart(app, 'b', { namespace: 'b' });
      new Allow(a, 'web-to-db', { from: web, to: db.inNamespace('b'), ports: [Port.tcp(5432)], name: 'web-to-db' });
      return { app, a, b };
    };
    const fresh = build();
    const got = Testing.synth(fresh.b);
    expect(policyIds(got)).toEqual(['b/a-web-to-db']);
    expect(got[0].spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } }, podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
    });
    // Written under b, in the holder of the intent's sides there.
    expect(fresh.b.node.tryFindChild('a--web-to-db')?.node.children.map((c) => c.node.id)).toEqual(['ingress.b']);
    const whole = build();
    whole.app.synthYaml();
    expect(Testing.synth(whole.b)).toEqual(got);
  });

  test('a Side.AUTO egress side in chart a exists because a DenyAll of ANOTHER chart isolates a, when only chart a is synthesized', () => {
    const build = (isolate: boolean) => {
      const app = new App();
      const a = new Chart(app, 'a', { namespace: 'a' });
      const b = new Chart(app, 'b', { namespace: 'b' });
      // The isolation comes from a third chart, of no namespace, declared last.
      const platform = new Chart(app, 'platform');
      new Allow(b, 'web-to-db', { from: web.inNamespace('a'), to: db, ports: [Port.tcp(5432)], name: 'web-to-db' });
      if (isolate) new DenyAll(platform, 'deny-egress', { namespace: 'a', direction: DenyDirection.EGRESS });
      return { app, a, b, platform };
    };
    const got = Testing.synth(build(true).a);
    expect(policyIds(got)).toEqual(['a/b-web-to-db-egress']);
    expect(got[0].spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } }, podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
    });
    const whole = build(true);
    whole.app.synthYaml();
    expect(Testing.synth(whole.a)).toEqual(got);
    // Without the other chart's DenyAll, no egress side: the side above is the isolation's doing.
    expect(Testing.synth(build(false).a)).toEqual([]);
  });

  describe('after Testing.synth(a), the app is decided', () => {
    /** Chart b declares an intent whose Side.AUTO egress side lands in chart a, isolated there for canary pods. */
    const build = () => {
      const app = new App();
      const a = new Chart(app, 'a', { namespace: 'a' });
      const b = new Chart(app, 'b', { namespace: 'b' });
      new DenyAll(a, 'deny-canary-egress', { direction: DenyDirection.EGRESS, pods: LabelSelector.matchLabels({ track: 'canary' }) });
      new Allow(b, 'web-to-db', { from: web.inNamespace('a'), to: db, ports: [Port.tcp(5432)], name: 'web-to-db' });
      return { app, a, b };
    };

    test('the side written into a is the canary egress side', () => {
      const { a } = build();
      expect(policyIds(Testing.synth(a))).toEqual(['a/deny-canary-egress', 'a/b-web-to-db-egress']);
    });

    test.each([
      ['Testing.synth(b)', (x: ReturnType<typeof build>) => Testing.synth(x.b)],
      ['Testing.synth(a) again', (x: ReturnType<typeof build>) => Testing.synth(x.a)],
      ['app.synthYaml()', (x: ReturnType<typeof build>) => x.app.synthYaml()],
    ])('a policy that changes the written side, added after Testing.synth(a), fails %s naming the intent', (_, next) => {
      const x = build();
      Testing.synth(x.a);
      // Every web pod of a now has its egress isolated: the intent's side would select them all.
      new DenyAll(x.b, 'deny-a-egress', { namespace: 'a', direction: DenyDirection.EGRESS });
      const message = thrown(() => next(x));
      expect(message).toMatch(/^Validation failed with the following errors:\n/);
      expect(message).toContain('[netfence.IntentResolver] [b/web-to-db] the app changed after its first synthesis so that this intent\'s sides would differ');
      expect(message).toContain('written then: a/b-web-to-db-egress');
    });

    test('a policy that changes nothing the intents decided is fine: Testing.synth(b) and the whole app synthesize', () => {
      const x = build();
      Testing.synth(x.a);
      new DenyAll(x.b, 'deny-b-ingress', { direction: DenyDirection.INGRESS, pods: LabelSelector.matchLabels({ app: 'cache' }) });
      expect(policyIds(Testing.synth(x.b))).toEqual(['b/web-to-db', 'b/deny-b-ingress']);
      expect(x.app.synthYaml()).toContain('name: deny-b-ingress');
    });

    test('declaring a new intent after Testing.synth(a) throws as after any synthesis', () => {
      const x = build();
      Testing.synth(x.a);
      expect(() => new Allow(x.b, 'late', { from: db, to: web.inNamespace('a') })).toThrow(
        'b/late: the app was already synthesized; declare every intent before the first synth',
      );
    });
  });
});
