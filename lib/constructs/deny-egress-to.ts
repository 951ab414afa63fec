import { Construct } from 'constructs';
import { Cidr } from '../core/cidr';
import { ClusterRule, ClusterSubject } from '../core/cluster-rule';
import { ClusterTier } from '../core/cluster-tier';
import { Namespaces } from '../core/namespaces';
import { Port } from '../core/port';
import { toDnsLabel } from '../core/names';
import { ClusterNetworkPolicy } from './cluster-network-policy';
import { GUARDRAIL_PRIORITIES } from './guardrail-priorities';
import { LeanTree } from './lean-tree';

/** Properties of `DenyEgressTo`. */
export interface DenyEgressToProps {
  /** The addresses no pod may reach (CIDRs without `except`: carve-outs go in an earlier policy). */
  readonly destinations: readonly Cidr[];
  /**
   * The pods the deny applies to.
   * @default every pod of every namespace
   */
  readonly from?: ClusterSubject;
  /**
   * The ports denied.
   * @default every port of every protocol
   */
  readonly ports?: readonly Port[];
  /**
   * The priority within the Admin tier.
   * @default 10
   */
  readonly priority?: number;
  /**
   * The policy name, also the rule's name.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
}

/** Nothing reaches these addresses, whatever any NetworkPolicy says: an Admin tier Deny of egress. */
export class DenyEgressTo extends Construct {
  /** The written policy. */
  public readonly policy: ClusterNetworkPolicy;

  public constructor(scope: Construct, id: string, props: DenyEgressToProps) {
    super(scope, id);
    LeanTree.register(this);
    const name = props.name ?? toDnsLabel(id);
    const rule = ClusterRule.deny(...props.destinations).named(name);
    this.policy = new ClusterNetworkPolicy(this, 'policy', {
      name,
      tier: ClusterTier.ADMIN,
      priority: props.priority ?? GUARDRAIL_PRIORITIES.denyEgress,
      subject: props.from ?? Namespaces.all(),
      egress: [props.ports === undefined ? rule : rule.on(...props.ports)],
    });
  }
}
