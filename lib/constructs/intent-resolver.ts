import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { NetfenceError } from '../core/errors';
import { Construct, IConstruct } from 'constructs';
import { NamespacedPolicy } from '../analysis/policy-model';
import { LabelSelector } from '../core/label-selector';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { ClusterNetworkPolicy } from './cluster-network-policy';
import { addBaselineIsolators, AppClusterContext, isClusterScopedPolicyObject, readAppClusterContext } from './app-cluster-policies';
import { AppPolicy, duplicatePolicyNames, ForeignPolicy, foreignPoliciesChanged, isKubernetesNetworkPolicy, readAppPolicies, snapshotOf, writtenNamespaceOf } from './app-policies';
import { ChartScan, ChartWrite, inFindAllOrder } from './chart-write';
import { ClusterHolds } from './cluster-holds';
import { AppState } from './app-state';
import { checkIntentsAgainstClusterTiers, IFlowIntent } from './cluster-check';
import { IsolationIndex } from './isolation-index';
import { LeanTree } from './lean-tree';
import type { NetworkPolicy } from './network-policy';
import { outputFileCollisions } from './output-files';
import { PolicyType } from './policy-type';
import { SideScopes } from './side-scopes';
import { appendAll } from '../core/values';
import { createdBy } from './provenance';

/** Isolation a Side.ALWAYS side will add once written: its direction, namespace and pods. */
export interface IsolationEntry {
  readonly direction: PolicyType;
  readonly namespace: string;
  readonly selector: LabelSelector;
  /** What isolates, for messages (computed only when a message needs it). */
  readonly by: string | (() => string);
}

/** What an intent needs to write its deferred sides. */
export interface ResolutionContext {
  /** What the app isolates: its policies, and every intent's Side.ALWAYS sides. */
  readonly index: IsolationIndex;
  /** Where a side goes: the scope to create it under. */
  readonly scopes: SideScopes;
}

/** The deferred sides an intent wrote, and the problems it found (`field: message`). */
export interface MaterializedSides {
  readonly policies: readonly NetworkPolicy[];
  /** Where each of `policies` is among the sides the intent decided. */
  readonly positions: readonly number[];
  readonly errors: readonly string[];
}

/** Where an intent may write sides. */
export interface IntentReach {
  /** The namespaces its ends' pods live in, by name: where its sides may be written. */
  readonly namespaces: readonly string[];
  /** Those of them whose isolation decides its sides (its Side.AUTO ends'; a Side.ALWAYS side is written whatever isolates). */
  readonly decidedBy: readonly string[];
  /** True when an end's pods live in namespaces not named (every namespace, or chosen by labels). */
  readonly unnamed: boolean;
}

/** An intent with sides that are decided once the whole app is known. */
export interface IDeferredIntent extends IFlowIntent {
  /** The isolation its Side.ALWAYS sides in other namespaces add, written or not. */
  pendingIsolation(): readonly IsolationEntry[];
  /** Where its sides may go (fixed once declared). */
  reach(): IntentReach;
  /**
   * Decides its sides (the first time; later, reports if they would now differ) and writes those
   * not written yet that land in a chart `lands` accepts (every one without it).
   */
  materialize(ctx: ResolutionContext, lands?: (chart: Chart | undefined) => boolean): MaterializedSides;
  /** The sides it wrote at synthesis so far, in the order it decided them. */
  deferredPolicies(): readonly NetworkPolicy[];
  /** Decides its sides again on the app as it is now: the problems, and whether they would differ from those written. */
  recheck(ctx: ResolutionContext): readonly string[];
}

/** What the last whole-app check found, and the state of the app it found it in. */
interface Checked {
  generation: number;
  readonly errors: readonly string[];
  readonly foreign: readonly ForeignPolicy[];
}

const RESOLVER_ID = 'netfence.IntentResolver';

/** Records what one policy, as the engine reads it, isolates. */
function indexPolicy(index: IsolationIndex, policy: NamespacedPolicy): void {
  if (!policy.isolatesIngress && !policy.isolatesEgress) return;
  const selector = LabelSelector.fromManifest(policy.subject.podSelector);
  if (policy.isolatesIngress) index.add(PolicyType.INGRESS, policy.namespace, selector, policy.id);
  if (policy.isolatesEgress) index.add(PolicyType.EGRESS, policy.namespace, selector, policy.id);
}

/**
 * One per App. At the first validation of the app it writes the deferred sides of intents, which
 * needs every policy of the app wherever declared: it reads each NetworkPolicy (netfence's, raw
 * ApiObjects, cdk8s-plus, Include) through the engine's one reading, adds the Side.ALWAYS sides
 * intents will write and the pods a Baseline-tier default deny denies everything to (of the app,
 * or of what `ClusterHolds` declares), then lets each intent write its sides. When the app has
 * cluster-scoped policies, it then checks each intent's flow against the tiers: a flow the Admin
 * tier denies (no NetworkPolicy can open it) or the Baseline tier still denies on a side the
 * intent writes is an error naming both constructs. On every validation it checks the
 * NetworkPolicies netfence did not write, that no two share a namespace and name, that no two
 * objects would be written to the same file, and that the sides written (and the cluster tiers'
 * verdicts on them) still are what the app calls for. cdk8s validates before it serializes, on
 * every synthesis path (once per chart in `App.synth()`), and so does netfence's own synthesis:
 * these checks run again only when the app changed since the last (see AppState), and netfence's
 * idle wrappers leave cdk8s's walks (see LeanTree).
 *
 * The first `Chart.toJson()` (so `Testing.synth()`) of an app, before its first whole synthesis,
 * writes that chart alone where it can (see `writesAlone`): the sides that land in the chart (and
 * in charts nested in it), from the intents of the chart and those whose pods live in its
 * namespace, decided from the policies of the namespaces those intents reach. The sides are
 * decided as a whole-app synthesis decides them, so the chart's output is its part of the app's;
 * what it reports are the problems that touch the chart. Problems of other charts' own values
 * wait for the app's synthesis, which the next write of another chart is.
 */
export class IntentResolver extends Construct {
  /** The resolver of the app that `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): IntentResolver {
    const app = scope.node.root as App;
    const existing = app.node.tryFindChild(RESOLVER_ID);
    if (existing) return existing as IntentResolver;
    return new IntentResolver(app, RESOLVER_ID);
  }

  private readonly intents: IDeferredIntent[] = [];
  /** Each intent's position in `intents`: sides are decided and written in that order. */
  private readonly order = new Map<IConstruct, number>();
  /** Where each intent's sides may go, as declared. */
  private readonly reaches = new Map<IConstruct, IntentReach>();
  /** Per namespace, the intents whose pods live there (in `intents` order). */
  private readonly reaching = new Map<string, IDeferredIntent[]>();
  /** Per namespace, the isolation intents' Side.ALWAYS sides add there (in `intents` order). */
  private readonly always = new Map<string, IsolationEntry[]>();
  /** True when some intent's pods live in namespaces not named: only the whole app tells where its sides go. */
  private unnamed = false;
  private readonly policies = new Set<NetworkPolicy>();
  /** netfence's policies by the namespace they were declared in (JSON patches may move one: see `patched`). */
  private readonly declaredIn = new Map<string, NetworkPolicy[]>();
  /** netfence's policies with JSON patches: their namespace is the patched object's. */
  private readonly patched = new Set<NetworkPolicy>();
  /** The sides intents wrote at synthesis: they add no isolation of their own to decide on. */
  private readonly written = new Set<NetworkPolicy>();
  /** Per namespace, the sides written there at synthesis so far. */
  private readonly writtenIn = new Map<string, NetworkPolicy[]>();
  /** Where each side written at synthesis is in a whole-app synthesis's order: its intent's position, then its own among the intent's. */
  private readonly rank = new Map<NetworkPolicy, number>();
  /** True once the app was synthesized whole. */
  private resolved = false;
  /** True once any synthesis (of the app or of one chart) began: intents are declared by then. */
  private started = false;
  /** The chart written alone, if one was. */
  private alone: Chart | undefined;
  private checked: Checked | undefined;
  /** What each chart write read of the app. */
  private readonly views = new WeakMap<ChartWrite, ChartView>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.resolve() });
    LeanTree.decideChartWrites(this, (write) => this.writesAlone(write));
  }

  /** Records a netfence policy: it checks itself, so the resolver only reads it. */
  public registerPolicy(policy: NetworkPolicy): void {
    this.policies.add(policy);
    listIn(this.declaredIn, policy.policyNamespace ?? '').push(policy);
  }

  /** Records that a netfence policy got JSON patches: its namespace may no longer be the one declared. */
  public policyPatched(policy: NetworkPolicy): void {
    this.patched.add(policy);
  }

  /** Records an intent whose sides wait for the whole app. */
  public registerIntent(intent: IDeferredIntent): void {
    if (this.started) {
      throw new NetfenceError(
        `${intent.node.path}: the app was already synthesized; declare every intent before the first synth`,
      );
    }
    this.order.set(intent, this.intents.length);
    this.intents.push(intent);
    // What an intent reaches is fixed once declared: index it now, not at each chart's write.
    const reach = intent.reach();
    this.reaches.set(intent, reach);
    if (reach.unnamed) this.unnamed = true;
    for (const ns of reach.namespaces) listIn(this.reaching, ns).push(intent);
    for (const e of intent.pendingIsolation()) listIn(this.always, e.namespace).push(e);
  }

  /**
   * Writes the deferred sides of all intents (once) and returns every problem found, as
   * `[construct path] message`. Safe to call more than once: after the first call, the checks
   * are done again only when the app changed. While one chart is written alone, writes and checks
   * what lands in that chart.
   */
  public resolve(): string[] {
    if (!this.resolved) {
      const write = LeanTree.chartWrite(this);
      const errors = write !== undefined && write.alone ? this.writeChart(write) : this.firstCheck(AppState.of(this));
      return [...errors];
    }
    const state = AppState.of(this);
    const generation = state.current();
    if (this.checked === undefined || this.checked.generation !== generation || foreignPoliciesChanged(this.checked.foreign)) {
      this.checked = this.check(state.constructs, generation);
    }
    return [...this.checked.errors];
  }

  /**
   * True when `write`'s chart can be written alone, as its part of the whole app: before the
   * app's first whole synthesis, with every intent's pods in named namespaces, no cluster-scoped
   * policy (its tiers reach every namespace) and a layout whose files are the charts' (a
   * per-resource layout names files across charts).
   */
  private writesAlone(write: ChartWrite): boolean {
    // One chart only: writing the next alone would cost more than the whole app's pass (each
    // write lists the app once, and decides again the sides of intents two charts share), and
    // after that pass every write reuses what it found.
    if (this.resolved || this.unnamed || (this.alone !== undefined && this.alone !== write.chart)) return false;
    const type = (this.node.root as App).yamlOutputType;
    if (type === YamlOutputType.FILE_PER_RESOURCE || type === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE) return false;
    if (ClusterHolds.declaredIn(this)) return false;
    // The intents of other charts that may write into this one are checked with it, by cdk8s as
    // it checks the chart's own: their values decide what the chart holds.
    write.alsoCheck(this.reachingCharts(write.chart.node.findAll()));
    return !this.viewOf(write).cluster;
  }

  /** What `write` reads of the app, once per write. */
  private viewOf(write: ChartWrite): ChartView {
    let view = this.views.get(write);
    if (view === undefined) this.views.set(write, (view = readChartView(write.scan)));
    return view;
  }

  /**
   * Writes the deferred sides that land in `write`'s chart and returns the problems that touch
   * it: of the intents that write there (their values, their sides), of the NetworkPolicies read
   * to decide those sides or held in the chart, and names written twice in the namespaces of the
   * chart's policies.
   */
  private writeChart(write: ChartWrite): string[] {
    this.started = true;
    this.alone = write.chart;
    const view = this.viewOf(write);
    const inside = write.inside;
    // Its intents, and those whose pods live in the namespace of a chart it holds (itself, or a
    // chart nested in it; found when the write was decided): all the sides that land in those
    // charts are written in this one pass, in the order a whole-app synthesis writes them.
    const intents = new Set<IDeferredIntent>();
    for (const c of [...write.checkedToo, ...inside]) if (this.order.has(c)) intents.add(c as unknown as IDeferredIntent);
    const ordered = [...intents].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    // The sides of these intents are decided from the isolation of the namespaces of their
    // Side.AUTO ends; the chart's own policies are read too (their problems are the chart's).
    const decides = new Set<string>();
    for (const intent of ordered) for (const ns of this.reaches.get(intent)!.decidedBy) decides.add(ns);
    const mine: ApiObject[] = [];
    for (const c of inside) if (ApiObject.isApiObject(c) && isKubernetesNetworkPolicy(c)) mine.push(c);
    const read = inFindAllOrder([...new Set([...mine, ...this.policiesIn(decides, view)])]);
    const index = new IsolationIndex();
    const policies = readAppPolicies(read, this.policies, {
      read: (policy) => indexPolicy(index, policy),
      reads: (object) => !this.isDeferred(object) && decides.has(writtenNamespaceOf(object, this.policies)!),
    });
    const errors: string[] = [...policies.errors];
    this.addAlways(index, decides);
    const ctx: ResolutionContext = { index, scopes: view.scopes };
    const named = new Set<string>();
    for (const p of mine) {
      const ns = writtenNamespaceOf(p, this.policies);
      if (ns !== undefined) named.add(ns);
    }
    for (const intent of ordered) {
      const at = (e: string): string => `[${intent.node.path}] ${e}`;
      const sides = intent.materialize(ctx, (landing) => landing !== undefined && write.holds(landing));
      appendAll(errors, sides.errors.map(at));
      appendAll(errors, this.wrote(intent, sides));
      for (const p of sides.policies) if (p.policyNamespace !== undefined) named.add(p.policyNamespace);
    }
    // Names taken twice in the namespaces of the chart's policies, where one of the two is the
    // chart's (a side another chart writes into one of them is seen once written, by that
    // chart's synthesis or the app's).
    const others = readAppPolicies(inFindAllOrder([...new Set([...mine, ...this.policiesIn(named, view)])]), this.policies).policies;
    const ours = (p: AppPolicy): boolean => write.holds(p.object);
    appendAll(errors, duplicatePolicyNames([...this.undeferred(others), ...this.deferredSides(named)], (a, b) => ours(a) || ours(b)));
    return errors;
  }

  /**
   * Adds to `index` the isolation intents' Side.ALWAYS sides add in `namespaces`, written or not
   * (a side written at synthesis is not read as a policy: its isolation is this).
   */
  private addAlways(index: IsolationIndex, namespaces: Iterable<string>): void {
    for (const ns of namespaces) for (const e of this.always.get(ns) ?? []) index.add(e.direction, e.namespace, e.selector, e.by);
  }

  /** The intents whose pods live in the namespace of one of the charts among `constructs`. */
  private reachingCharts(constructs: readonly IConstruct[]): IDeferredIntent[] {
    const out: IDeferredIntent[] = [];
    for (const c of constructs) {
      if (Chart.isChart(c) && c.namespace !== undefined) appendAll(out, this.reaching.get(c.namespace) ?? []);
    }
    return out;
  }

  /** netfence's and others' NetworkPolicies of the app whose namespace is in `namespaces` (in no order). */
  private policiesIn(namespaces: ReadonlySet<string>, view: ChartView): ApiObject[] {
    const out: ApiObject[] = [];
    for (const ns of namespaces) {
      for (const p of this.declaredIn.get(ns) ?? []) if (!this.patched.has(p)) out.push(p);
    }
    for (const p of this.patched) {
      const ns = writtenNamespaceOf(p, this.policies);
      if (ns !== undefined && namespaces.has(ns)) out.push(p);
    }
    for (const f of view.foreign) if (f.namespace !== undefined && namespaces.has(f.namespace)) out.push(f.object);
    return out;
  }

  /** Records the sides `intent` just wrote; returns their own problems (cdk8s listed the constructs to validate before they existed). */
  private wrote(intent: IDeferredIntent, sides: MaterializedSides): string[] {
    const errors: string[] = [];
    const order = this.order.get(intent)!;
    sides.policies.forEach((policy, i) => {
      createdBy(policy, intent);
      appendAll(errors, policy.node.validate().map((e) => `[${policy.node.path}] ${e}`));
      this.written.add(policy);
      this.rank.set(policy, order * 1_000_000 + sides.positions[i]);
      listIn(this.writtenIn, policy.policyNamespace ?? '').push(policy);
    });
    return errors;
  }

  /** True for a side an intent wrote at synthesis: not read as a policy (its isolation is the intent's). */
  private isDeferred(object: ApiObject): boolean {
    return this.written.has(object as NetworkPolicy);
  }

  /** `policies` without the sides intents wrote at synthesis (`deferredSides` lists those in their order). */
  private undeferred(policies: readonly AppPolicy[]): AppPolicy[] {
    return policies.filter((p) => !this.isDeferred(p.object));
  }

  /**
   * The sides intents wrote at synthesis so far (in `namespaces` when given), as a whole-app
   * synthesis lists them: by intent, in the order each decided them.
   */
  private deferredSides(namespaces?: ReadonlySet<string>): AppPolicy[] {
    const sides = namespaces === undefined ? this.intents.flatMap((i) => i.deferredPolicies()) : [...namespaces].flatMap((ns) => this.writtenIn.get(ns) ?? []);
    if (namespaces !== undefined) sides.sort((a, b) => this.rank.get(a)! - this.rank.get(b)!);
    return sides.map((p) => ({ object: p, namespace: p.policyNamespace, name: p.name }));
  }

  /** Reads the app, writes the deferred sides (those no chart's write wrote), and checks the app with them. */
  private firstCheck(state: AppState): readonly string[] {
    const app = this.node.root as App;
    this.started = true;
    const errors: string[] = [];
    const constructs = LeanTree.everything(app);
    const index = new IsolationIndex();
    const read = readAppPolicies(constructs, this.policies, {
      read: (policy) => indexPolicy(index, policy),
      reads: (object) => !this.isDeferred(object),
    });
    appendAll(errors, read.errors);
    const policies = this.undeferred(read.policies);
    this.resolved = true;
    const tiers = clusterTiers(index, constructs, policies);
    appendAll(errors, tiers.errors);
    // The sides' own problems are reported here this once (cdk8s listed the constructs to
    // validate before they existed); later validations of the app run their own checks.
    const lasting: string[] = [...errors];
    const written = this.writeSides(index, constructs, errors, lasting);
    appendAll(policies, this.deferredSides());
    const all = written > 0 ? LeanTree.everything(app) : constructs;
    const rest = [...this.tierVerdicts(all, tiers), ...duplicatePolicyNames(policies), ...outputFileCollisions(app, all)];
    appendAll(errors, rest);
    appendAll(lasting, rest);
    this.checked = { generation: state.current(), errors: lasting, foreign: [...read.foreign, ...volatileClusterObjects(constructs, tiers)] };
    return errors;
  }

  /**
   * The whole-app checks after the first synthesis: foreign NetworkPolicies, names, files, and
   * each intent's sides decided again from the app's policies as they are now.
   */
  private check(constructs: readonly IConstruct[], generation: number): Checked {
    const app = this.node.root as App;
    const errors: string[] = [];
    const index = new IsolationIndex();
    const read = readAppPolicies(constructs, this.policies, {
      read: (policy) => indexPolicy(index, policy),
      reads: (object) => !this.isDeferred(object),
    });
    appendAll(errors, read.errors);
    // The tiers as the first synthesis saw them: before the sides it wrote existed.
    const undeferred = this.undeferred(read.policies);
    const tiers = clusterTiers(index, constructs, undeferred);
    appendAll(errors, tiers.errors);
    this.addAlways(index, this.always.keys());
    const ctx: ResolutionContext = { index, scopes: new SideScopes(constructs) };
    for (const intent of this.intents) appendAll(errors, intent.recheck(ctx).map((e) => `[${intent.node.path}] ${e}`));
    appendAll(errors, this.tierVerdicts(constructs, tiers));
    appendAll(errors, duplicatePolicyNames([...undeferred, ...this.deferredSides()]));
    appendAll(errors, outputFileCollisions(app, constructs));
    return { generation, errors, foreign: [...read.foreign, ...volatileClusterObjects(constructs, tiers)] };
  }

  /** The cluster tiers' verdicts on every intent's flow, when the app has cluster-scoped policies. */
  private tierVerdicts(constructs: readonly IConstruct[], tiers: ClusterTiers): string[] {
    return tiers.cluster.policies.length > 0 ? checkIntentsAgainstClusterTiers(constructs, this.intents, tiers.cluster, tiers.known) : [];
  }

  /**
   * Writes every intent's deferred sides not written yet; `errors` gets every problem, `lasting`
   * all but the sides' own. Returns how many it wrote.
   */
  private writeSides(index: IsolationIndex, constructs: readonly IConstruct[], errors: string[], lasting: string[]): number {
    this.addAlways(index, this.always.keys());
    const ctx: ResolutionContext = { index, scopes: new SideScopes(constructs) };
    let written = 0;
    for (const intent of this.intents) {
      const sides = intent.materialize(ctx);
      const decided = sides.errors.map((e) => `[${intent.node.path}] ${e}`);
      appendAll(errors, decided);
      appendAll(lasting, decided);
      appendAll(errors, this.wrote(intent, sides));
      written += sides.policies.length;
    }
    return written;
  }
}

/** `map`'s list for `key`, created empty on first use. */
function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (list === undefined) map.set(key, (list = []));
  return list;
}

/** What a chart's write reads of the app, besides netfence's own policies (which the resolver knows). */
interface ChartView {
  /** Where sides go. */
  readonly scopes: SideScopes;
  /** The Kubernetes NetworkPolicies netfence did not write, and their namespaces. */
  readonly foreign: readonly { readonly object: ApiObject; readonly namespace: string | undefined }[];
  /** True when the app holds a cluster-scoped policy. */
  readonly cluster: boolean;
}

/** Reads what a chart's write needs of the app from the pass over it. */
function readChartView(scan: ChartScan): ChartView {
  const foreign: { object: ApiObject; namespace: string | undefined }[] = [];
  let cluster = false;
  for (const at of scan.foreign) {
    const c = scan.all[at] as ApiObject;
    if (isClusterScopedPolicyObject(c)) cluster = true;
    if (isKubernetesNetworkPolicy(c)) foreign.push({ object: c, namespace: writtenNamespaceOf(c, NO_POLICIES) });
  }
  return { scopes: new SideScopes(scan.charts), foreign, cluster };
}

const NO_POLICIES: ReadonlySet<NetworkPolicy> = new Set();

/** The app's cluster-scoped policies, and the namespaces the app knows. */
interface ClusterTiers {
  readonly cluster: AppClusterContext;
  readonly known: string[];
  readonly errors: readonly string[];
}

/**
 * Reads the app's cluster tiers and adds what they isolate to `index`: the pods a Baseline-tier
 * default deny denies everything to, in the namespaces the app knows (declared, held by the
 * cluster, of its policies and charts).
 */
function clusterTiers(index: IsolationIndex, constructs: readonly IConstruct[], policies: readonly AppPolicy[]): ClusterTiers {
  const cluster = readAppClusterContext(constructs);
  const known = new Set<string>(cluster.namespaces.keys());
  if (cluster.policies.length > 0) {
    addBaselineIsolators(index, cluster);
    for (const p of policies) if (p.namespace !== undefined) known.add(p.namespace);
    for (const c of constructs) if (Chart.isChart(c) && c.namespace !== undefined) known.add(c.namespace);
    index.setNamespaces((ns) => cluster.namespaces.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns }, [...known]);
  }
  return { cluster, known: [...known], errors: cluster.errors };
}

/**
 * What the tiers were read from that may change in place unseen: raw cluster-scoped policy
 * objects (netfence's ClusterNetworkPolicy reports its changes) and, where the app has cluster
 * policies, the Namespace objects whose labels their selectors read.
 */
function volatileClusterObjects(constructs: readonly IConstruct[], tiers: ClusterTiers): ForeignPolicy[] {
  const out: ForeignPolicy[] = [];
  const namespaces = tiers.cluster.policies.length > 0;
  for (const c of constructs) {
    // Not `instanceof`: cdk8s makes every ApiObject an instance of every ApiObject class.
    if (!ApiObject.isApiObject(c) || Object.prototype.isPrototypeOf.call(ClusterNetworkPolicy.prototype, c)) continue;
    if (isClusterScopedPolicyObject(c) || (namespaces && c.kind === 'Namespace' && c.apiGroup === 'core')) out.push(snapshotOf(c));
  }
  return out;
}
