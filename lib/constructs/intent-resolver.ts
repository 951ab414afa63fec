import { App, Chart } from 'cdk8s';
import { NetfenceError } from '../core/errors';
import { Construct, IConstruct } from 'constructs';
import { NamespacedPolicy } from '../analysis/policy-model';
import { LabelSelector } from '../core/label-selector';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { addBaselineIsolators, readAppClusterContext } from './app-cluster-policies';
import { AppPolicy, duplicatePolicyNames, readAppPolicies } from './app-policies';
import { checkIntentsAgainstClusterTiers, IFlowIntent } from './cluster-check';
import { IsolationIndex } from './isolation-index';
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
  /** The isolation of its Side.ALWAYS sides that are not written yet. */
  pendingIsolation(): readonly IsolationEntry[];
  /** Writes the deferred sides the context calls for (once). */
  materialize(ctx: ResolutionContext): MaterializedSides;
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
 * NetworkPolicies netfence did not write, that no two share a namespace and name, and that no
 * two objects would be written to the same file. cdk8s validates before it serializes, on every
 * synthesis path, and so does netfence's own synthesis.
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
  private resolved = false;

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
   * `[construct path] message`. Safe to call more than once; netfence's own synth calls it once.
   */
  public resolve(): string[] {
    const app = this.node.root as App;
    const errors: string[] = [];
    const constructs = app.node.findAll();
    const index = this.resolved ? undefined : new IsolationIndex();
    const read = readAppPolicies(constructs, this.policies, index && ((policy) => indexPolicy(index, policy)));
    appendAll(errors, read.errors);
    const policies: AppPolicy[] = read.policies;
    let written: NetworkPolicy[] = [];
    if (index !== undefined) {
      this.resolved = true;
      const cluster = readAppClusterContext(constructs);
      appendAll(errors, cluster.errors);
      // Namespaces the app knows: declared, held by the cluster, of its policies and charts.
      const known = new Set<string>(cluster.namespaces.keys());
      if (cluster.policies.length > 0) {
        addBaselineIsolators(index, cluster);
        for (const p of policies) if (p.namespace !== undefined) known.add(p.namespace);
        for (const c of constructs) if (Chart.isChart(c) && c.namespace !== undefined) known.add(c.namespace);
        index.setNamespaces((ns) => cluster.namespaces.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns }, [...known]);
      }
      written = this.writeSides(index, constructs, errors);
      appendAll(policies, readAppPolicies(written, this.policies).policies);
      if (cluster.policies.length > 0) appendAll(errors, checkIntentsAgainstClusterTiers(app.node.findAll(), this.intents, cluster, [...known]));
    }
    appendAll(errors, duplicatePolicyNames(policies));
    appendAll(errors, outputFileCollisions(app, written.length > 0 ? app.node.findAll() : constructs));
    return errors;
  }

  private writeSides(index: IsolationIndex, constructs: readonly IConstruct[], errors: string[]): NetworkPolicy[] {
    for (const intent of this.intents) {
      for (const e of intent.pendingIsolation()) index.add(e.direction, e.namespace, e.selector, e.by);
    }
    const ctx: ResolutionContext = { index, scopes: new SideScopes(constructs) };
    const written: NetworkPolicy[] = [];
    for (const intent of this.intents) {
      const sides = intent.materialize(ctx);
      appendAll(errors, sides.errors.map((e) => `[${intent.node.path}] ${e}`));
      for (const policy of sides.policies) {
        createdBy(policy, intent);
        // Created after the synthesis listed the constructs to validate, so validated here.
        appendAll(errors, policy.node.validate().map((e) => `[${policy.node.path}] ${e}`));
        written.push(policy);
      }
    }
    return written;
  }
}
