import { ApiObject, App } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { CLUSTER_SCOPED_POLICY_KINDS } from '../core/cluster-manifest';
import { AppState } from './app-state';

const REGISTRY_ID = 'netfence.ClusterPolicyNames';

/**
 * One per App, created by the first cluster-scoped policy construct: at validation it checks
 * that no two cluster-scoped policies of one kind (ClusterNetworkPolicy, AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy), written by netfence or as raw ApiObjects, share a name. They have
 * no namespace, so a name is unique in the whole cluster and the second object would silently
 * replace the first at apply time. The check runs again only when the app changed (AppState).
 */
export class ClusterPolicyNames extends Construct {
  /** The registry of the app that `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): ClusterPolicyNames {
    const app = scope.node.root as App;
    const existing = app.node.tryFindChild(REGISTRY_ID);
    if (existing) return existing as ClusterPolicyNames;
    return new ClusterPolicyNames(app, REGISTRY_ID);
  }

  private checked: { generation: number; errors: readonly string[] } | undefined;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.check() });
  }

  private check(): string[] {
    const state = AppState.of(this);
    const generation = state.current();
    if (this.checked?.generation !== generation) this.checked = { generation, errors: this.duplicateNames(state.constructs) };
    return [...this.checked.errors];
  }


  private duplicateNames(constructs: readonly IConstruct[]): string[] {
    const seen = new Map<string, string>();
    const errors: string[] = [];
    for (const obj of constructs) {
      if (!ApiObject.isApiObject(obj) || !Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, obj.kind)) continue;
      const key = `${obj.kind} ${obj.name}`;
      const other = seen.get(key);
      if (other !== undefined) {
        errors.push(
          `metadata.name: ${key} is written twice, by ${other} and ${obj.node.path}; cluster-scoped names are unique in the whole cluster, so give one of them another \`name\``,
        );
      } else {
        seen.set(key, obj.node.path);
      }
    }
    return errors;
  }
}
