import { App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { NetfenceError } from '../core/errors';
import { Labels } from '../core/label-selector';
import { isRecord } from '../core/values';
import { readClusterPolicy } from '../analysis/read-cluster-policy';
import { CLUSTER_SCOPED_POLICY_KINDS } from '../core/cluster-manifest';
import { NETWORK_POLICY_KIND } from '../core/manifest';
import { formatFinding, validateNetworkPolicy } from '../validate';
import { BaselineDefaultDeny, BaselineDefaultDenyProps } from './baseline-default-deny';

/** Properties of `ClusterHolds`. */
export interface ClusterHoldsProps {
  /**
   * The cluster holds a Baseline default deny (as `BaselineDefaultDeny` writes it, with these
   * props): every namespace denies what no NetworkPolicy opens.
   * @default none
   */
  readonly baselineDefaultDeny?: boolean | BaselineDefaultDenyProps;
  /**
   * Policies the cluster holds, as manifests (ClusterNetworkPolicy, AdminNetworkPolicy,
   * BaselineAdminNetworkPolicy, or NetworkPolicies of other teams, each with its namespace), e.g.
   * read from the platform team's repository with `loadManifests`.
   * @default none
   */
  readonly policies?: readonly object[];
  /**
   * The labels of namespaces the app does not declare, as the cluster holds them (so that
   * cluster policies selecting namespaces by labels find them).
   * @default none
   */
  readonly namespaceLabels?: Readonly<Record<string, Labels>>;
}

const HOLDS = Symbol.for('netfence.ClusterHolds');
/** Apps that declared a ClusterHolds. */
const declaring = new WeakSet<IConstruct>();

/**
 * What the cluster holds outside this app: policies another team owns (a Baseline default deny
 * for every namespace, the platform's guardrails) and the labels of namespaces the app does not
 * declare. Nothing of it is synthesized. Intents take it into account (a Baseline default deny
 * makes `Side.AUTO` write the side that overrides it; an Admin Deny of an intent's flow is a
 * synth error), and the matchers evaluate apps with it, so that tests of an application app are
 * not optimistic about a cluster it does not contain.
 */
export class ClusterHolds extends Construct {
  /** Every ClusterHolds of the app `scope` belongs to, in construct order. */
  public static of(scope: IConstruct): ClusterHolds[] {
    return scope.node.root.node.findAll().filter((c): c is ClusterHolds => (c as unknown as Record<symbol, unknown>)[HOLDS] === true);
  }

  /** True when a ClusterHolds was ever declared in the app `scope` belongs to (without walking the app). */
  public static declaredIn(scope: IConstruct): boolean {
    return declaring.has(scope.node.root);
  }

  /** The objects the cluster holds: the policies, then a Namespace per `namespaceLabels` entry. */
  public readonly manifests: readonly Record<string, unknown>[];

  public constructor(scope: Construct, id: string, props: ClusterHoldsProps) {
    super(scope, id);
    Object.defineProperty(this, HOLDS, { value: true });
    declaring.add(this.node.root);
    const policies = (props.policies ?? []).map((p) => JSON.parse(JSON.stringify(p)) as Record<string, unknown>);
    if (props.baselineDefaultDeny) {
      // Written in an app of its own: the cluster holds it, this app does not write it.
      const scratch = new Chart(new App(), 'cluster');
      const deny = new BaselineDefaultDeny(scratch, 'default-deny', props.baselineDefaultDeny === true ? {} : props.baselineDefaultDeny);
      policies.unshift(deny.policy.toManifest() as unknown as Record<string, unknown>);
    }
    const namespaces = Object.entries(props.namespaceLabels ?? {}).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels } } }));
    this.manifests = Object.freeze([...policies, ...namespaces]);
    this.node.addValidation({ validate: () => this.problems() });
  }

  /** What the API server would reject, or netfence cannot read, in the declared policies. */
  private problems(): string[] {
    const out: string[] = [];
    this.manifests.forEach((m, i) => {
      const kind = m.kind;
      const at = `policies[${i}]`;
      if (typeof kind === 'string' && Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, kind)) {
        try {
          readClusterPolicy(m);
        } catch (e) {
          out.push(`${at}: ${e instanceof NetfenceError ? e.message : String(e)}`);
        }
      } else if (kind === NETWORK_POLICY_KIND) {
        for (const f of validateNetworkPolicy(m)) out.push(`${at}: ${formatFinding(f)}`);
        const meta = isRecord(m.metadata) ? m.metadata : {};
        if (typeof meta.namespace !== 'string' || meta.namespace === '') out.push(`${at}: metadata.namespace: a NetworkPolicy the cluster holds needs its namespace`);
      } else if (kind !== 'Namespace') {
        out.push(`${at}: kind ${JSON.stringify(kind)} is not a policy netfence reads; give ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy or NetworkPolicy manifests`);
      }
    });
    return out;
  }
}
