import { Construct } from 'constructs';
import { Internet } from '../core/cidr';
import { ClusterRule } from '../core/cluster-rule';
import { ClusterTier } from '../core/cluster-tier';
import { Namespaces } from '../core/namespaces';
import { toDnsLabel } from '../core/names';
import { ClusterNetworkPolicy } from './cluster-network-policy';
import { GUARDRAIL_PRIORITIES } from './guardrail-priorities';
import { LeanTree } from './lean-tree';

/** Properties of `DelegateToNamespaces`. */
export interface DelegateToNamespacesProps {
  /** The namespaces whose own NetworkPolicies decide. */
  readonly namespaces: Namespaces;
  /**
   * The priority within the Admin tier: Admin policies with a lower number still apply to
   * these namespaces, those with a higher number are skipped.
   * @default 50
   */
  readonly priority?: number;
  /**
   * The policy name.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
}

/**
 * Hands the traffic of some namespaces to their own NetworkPolicies: an Admin tier Pass of every
 * incoming and outgoing connection of their pods, so later Admin policies skip them and their
 * NetworkPolicies (then the Baseline tier) decide.
 */
export class DelegateToNamespaces extends Construct {
  /** The written policy. */
  public readonly policy: ClusterNetworkPolicy;

  public constructor(scope: Construct, id: string, props: DelegateToNamespacesProps) {
    super(scope, id);
    LeanTree.register(this);
    const name = props.name ?? toDnsLabel(id);
    this.policy = new ClusterNetworkPolicy(this, 'policy', {
      name,
      tier: ClusterTier.ADMIN,
      priority: props.priority ?? GUARDRAIL_PRIORITIES.delegate,
      subject: props.namespaces,
      ingress: [ClusterRule.pass(Namespaces.all()).named('delegate-ingress')],
      egress: [ClusterRule.pass(Namespaces.all(), Internet.all()).named('delegate-egress')],
    });
  }
}
