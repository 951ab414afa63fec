import { NetfenceError } from '../core/errors';
import { ApiObject, App } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { LabelSelector } from '../core/label-selector';
import { selectorSubsumes } from '../core/selector-logic';
import { LabelSelectorManifest, NETWORK_POLICY_KIND } from '../core/manifest';
import type { NetworkPolicy } from './network-policy';
import { PolicyType } from './policy-type';
import { appendAll } from '../core/values';

/**
 * The pod selectors, per direction and namespace, of the policies that isolate pods. A deferred
 * side of an intent is written only for pods these select, so it never isolates a pod by itself.
 */
export class IsolationIndex {
  private readonly byKey = new Map<string, LabelSelector[]>();

  /** Records one isolating policy. */
  public add(direction: PolicyType, namespace: string, selector: LabelSelector): void {
    const key = `${direction}/${namespace}`;
    const list = this.byKey.get(key);
    if (list) list.push(selector);
    else this.byKey.set(key, [selector]);
  }

  /**
   * The selectors under which pods of `pods` (in `namespace`) are isolated in `direction`:
   * `[pods]` when a policy selects all of them, else `pods AND isolator` for each isolator they
   * can meet, and none when nothing isolates them.
   */
  public isolatedSelectors(direction: PolicyType, namespace: string, pods: LabelSelector): LabelSelector[] {
    const isolators = this.byKey.get(`${direction}/${namespace}`) ?? [];
    const source = pods;
    if (isolators.some((p) => selectorSubsumes(p.toManifest(), source.toManifest()))) return [source];
    const out: LabelSelector[] = [];
    const seen = new Set<string>();
    for (const p of isolators) {
      const both = source.and(p);
      const key = JSON.stringify(both.toManifest());
      if (both.isSatisfiable && !seen.has(key)) {
        seen.add(key);
        out.push(both);
      }
    }
    return out;
  }
}

/** An intent with a side that is decided once the whole app is known. */
export interface IDeferredIntent extends IConstruct {
  /** Writes the deferred policies the index calls for; returns them. */
  materialize(index: IsolationIndex): NetworkPolicy[];
}

const RESOLVER_ID = 'netfence.IntentResolver';

/**
 * One per App. At the first validation of the app it writes the deferred sides of intents (this
 * needs every policy of the app, wherever declared) and checks that no two NetworkPolicies share
 * a namespace and name. cdk8s validates before it serializes, on every synthesis path.
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

  /** Records a netfence policy, so the index can read it without serializing it. */
  public registerPolicy(policy: NetworkPolicy): void {
    this.policies.add(policy);
  }

  /** Records an intent whose source side waits for the whole app. */
  public registerIntent(intent: IDeferredIntent): void {
    if (this.resolved) {
      throw new NetfenceError(
        `${intent.node.path}: the app was already synthesized; declare every intent before the first synth`,
      );
    }
    this.intents.push(intent);
  }

  /**
   * Writes the deferred sides of all intents (once) and returns every problem found. Safe to call
   * more than once; netfence's own synth calls it directly.
   */
  public resolve(): string[] {
    const errors: string[] = [];
    if (!this.resolved) {
      this.resolved = true;
      const index = this.buildIndex();
      for (const intent of this.intents) {
        for (const policy of intent.materialize(index)) {
          // Created after cdk8s listed the constructs to validate, so validate them here.
          appendAll(errors, policy.node.validate().map((e) => `[${policy.node.path}] ${e}`));
        }
      }
    }
    appendAll(errors, this.duplicateNames());
    return errors;
  }

  private buildIndex(): IsolationIndex {
    const index = new IsolationIndex();
    for (const obj of this.node.root.node.findAll()) {
      if (!ApiObject.isApiObject(obj) || obj.kind !== NETWORK_POLICY_KIND) continue;
      if (this.policies.has(obj as NetworkPolicy)) {
        const policy = obj as NetworkPolicy;
        if (policy.policyNamespace === undefined) continue;
        for (const t of policy.policyTypes) index.add(t, policy.policyNamespace, policy.podSelector);
        continue;
      }
      // A NetworkPolicy written some other way (a raw ApiObject, cdk8s-plus, an Include).
      const json = obj.toJson() as {
        metadata?: { namespace?: string };
        spec?: { podSelector?: LabelSelectorManifest; policyTypes?: string[]; egress?: unknown };
      };
      const ns = json.metadata?.namespace;
      const types = json.spec?.policyTypes ?? (json.spec?.egress !== undefined ? ['Ingress', 'Egress'] : ['Ingress']);
      if (ns === undefined) continue;
      const selector = LabelSelector.fromManifest(json.spec?.podSelector ?? {});
      if (types.includes(PolicyType.INGRESS)) index.add(PolicyType.INGRESS, ns, selector);
      if (types.includes(PolicyType.EGRESS)) index.add(PolicyType.EGRESS, ns, selector);
    }
    return index;
  }

  private duplicateNames(): string[] {
    const seen = new Map<string, string>();
    const errors: string[] = [];
    for (const obj of this.node.root.node.findAll()) {
      if (!ApiObject.isApiObject(obj) || obj.kind !== NETWORK_POLICY_KIND) continue;
      const ns = obj.metadata.namespace ?? '';
      const key = `${ns}/${obj.name}`;
      const other = seen.get(key);
      if (other !== undefined) {
        errors.push(
          `metadata.name: NetworkPolicy ${key} is written twice, by ${other} and ${obj.node.path}; give one of them another \`name\``,
        );
      } else {
        seen.set(key, obj.node.path);
      }
    }
    return errors;
  }
}
