import { ApiObject, App, Chart } from 'cdk8s';
import { NetfenceError } from '../core/errors';
import { Construct, IConstruct } from 'constructs';
import { NamespacedPolicy } from '../analysis/policy-model';
import { LabelSelector } from '../core/label-selector';
import { CLUSTER_SCOPED_POLICY_KINDS, POLICY_NETWORKING_GROUP } from '../core/cluster-manifest';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { ClusterNetworkPolicy } from './cluster-network-policy';
import { addBaselineIsolators, AppClusterContext, readAppClusterContext } from './app-cluster-policies';
import { AppPolicy, duplicatePolicyNames, ForeignPolicy, foreignPoliciesChanged, readAppPolicies, snapshotOf } from './app-policies';
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
  readonly errors: readonly string[];
}

/** An intent with sides that are decided once the whole app is known. */
export interface IDeferredIntent extends IFlowIntent {
  /**
   * The isolation of its Side.ALWAYS sides that are not written yet (`asDecided`: those decided
   * at the first synthesis, written or not).
   */
  pendingIsolation(asDecided?: boolean): readonly IsolationEntry[];
  /** Writes the deferred sides the context calls for (once). */
  materialize(ctx: ResolutionContext): MaterializedSides;
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
  private readonly policies = new Set<NetworkPolicy>();
  /** The sides intents wrote at the first synthesis: they add no isolation of their own to decide on. */
  private readonly written = new Set<NetworkPolicy>();
  private resolved = false;
  private checked: Checked | undefined;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.resolve() });
  }

  /** Records a netfence policy: it checks itself, so the resolver only reads it. */
  public registerPolicy(policy: NetworkPolicy): void {
    this.policies.add(policy);
  }

  /** Records an intent whose sides wait for the whole app. */
  public registerIntent(intent: IDeferredIntent): void {
    if (this.resolved) {
      throw new NetfenceError(
        `${intent.node.path}: the app was already synthesized; declare every intent before the first synth`,
      );
    }
    this.intents.push(intent);
  }

  /**
   * Writes the deferred sides of all intents (once) and returns every problem found, as
   * `[construct path] message`. Safe to call more than once: after the first call, the checks
   * are done again only when the app changed.
   */
  public resolve(): string[] {
    const state = AppState.of(this);
    let errors: readonly string[];
    if (!this.resolved) {
      errors = this.firstCheck(state);
    } else {
      const generation = state.current();
      if (this.checked === undefined || this.checked.generation !== generation || foreignPoliciesChanged(this.checked.foreign)) {
        this.checked = this.check(state.constructs, generation);
      }
      errors = this.checked.errors;
    }
    return [...errors];
  }


  /** Reads the app, writes the deferred sides, and checks the app with them. */
  private firstCheck(state: AppState): readonly string[] {
    const app = this.node.root as App;
    const errors: string[] = [];
    const constructs = LeanTree.everything(app);
    const index = new IsolationIndex();
    const read = readAppPolicies(constructs, this.policies, { read: (policy) => indexPolicy(index, policy) });
    appendAll(errors, read.errors);
    const policies: AppPolicy[] = read.policies;
    this.resolved = true;
    const tiers = clusterTiers(index, constructs, policies);
    appendAll(errors, tiers.errors);
    // The sides' own problems are reported here this once (cdk8s listed the constructs to
    // validate before they existed); later validations of the app run their own checks.
    const lasting: string[] = [...errors];
    const written = this.writeSides(index, constructs, errors, lasting);
    appendAll(policies, readAppPolicies(written, this.policies).policies);
    const all = written.length > 0 ? LeanTree.everything(app) : constructs;
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
      reads: (object) => !this.written.has(object as NetworkPolicy),
    });
    appendAll(errors, read.errors);
    // The tiers as the first synthesis saw them: before the sides it wrote existed.
    const tiers = clusterTiers(index, constructs, read.policies.filter((p) => !this.written.has(p.object as NetworkPolicy)));
    appendAll(errors, tiers.errors);
    for (const intent of this.intents) {
      for (const e of intent.pendingIsolation(true)) index.add(e.direction, e.namespace, e.selector, e.by);
    }
    const ctx: ResolutionContext = { index, scopes: new SideScopes(constructs) };
    for (const intent of this.intents) appendAll(errors, intent.recheck(ctx).map((e) => `[${intent.node.path}] ${e}`));
    appendAll(errors, this.tierVerdicts(constructs, tiers));
    appendAll(errors, duplicatePolicyNames(read.policies));
    appendAll(errors, outputFileCollisions(app, constructs));
    return { generation, errors, foreign: [...read.foreign, ...volatileClusterObjects(constructs, tiers)] };
  }

  /** The cluster tiers' verdicts on every intent's flow, when the app has cluster-scoped policies. */
  private tierVerdicts(constructs: readonly IConstruct[], tiers: ClusterTiers): string[] {
    return tiers.cluster.policies.length > 0 ? checkIntentsAgainstClusterTiers(constructs, this.intents, tiers.cluster, tiers.known) : [];
  }

  /** Writes every intent's deferred sides; `errors` gets every problem, `lasting` all but the sides' own. */
  private writeSides(index: IsolationIndex, constructs: readonly IConstruct[], errors: string[], lasting: string[]): NetworkPolicy[] {
    for (const intent of this.intents) {
      for (const e of intent.pendingIsolation()) index.add(e.direction, e.namespace, e.selector, e.by);
    }
    const ctx: ResolutionContext = { index, scopes: new SideScopes(constructs) };
    const written: NetworkPolicy[] = [];
    for (const intent of this.intents) {
      const sides = intent.materialize(ctx);
      const decided = sides.errors.map((e) => `[${intent.node.path}] ${e}`);
      appendAll(errors, decided);
      appendAll(lasting, decided);
      for (const policy of sides.policies) {
        createdBy(policy, intent);
        appendAll(errors, policy.node.validate().map((e) => `[${policy.node.path}] ${e}`));
        written.push(policy);
        this.written.add(policy);
      }
    }
    return written;
  }
}

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
    const clusterKind = c.apiGroup === POLICY_NETWORKING_GROUP && Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, c.kind);
    if (clusterKind || (namespaces && c.kind === 'Namespace' && c.apiGroup === 'core')) out.push(snapshotOf(c));
  }
  return out;
}
