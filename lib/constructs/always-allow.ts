import { Construct } from 'constructs';
import { ClusterRule, ClusterSubject } from '../core/cluster-rule';
import { ClusterTier } from '../core/cluster-tier';
import { Port } from '../core/port';
import { toDnsLabel } from '../core/names';
import { ClusterNetworkPolicy } from './cluster-network-policy';
import { GUARDRAIL_PRIORITIES } from './guardrail-priorities';
import { LeanTree } from './lean-tree';

/** Properties of `AlwaysAllow`. */
export interface AlwaysAllowProps {
  /** The clients: `Namespaces`, or `Pods` placed in namespaces. */
  readonly from: ClusterSubject;
  /** The servers: `Namespaces`, or `Pods` placed in namespaces. */
  readonly to: ClusterSubject;
  /**
   * The ports (of the servers).
   * @default every port of every protocol
   */
  readonly ports?: readonly Port[];
  /**
   * The priority within the Admin tier.
   * @default 20
   */
  readonly priority?: number;
  /**
   * The policy name prefix: `<name>-egress` on the clients, `<name>-ingress` on the servers.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
}

/**
 * A flow that always works, whatever any NetworkPolicy says: two Admin tier Accept policies, one
 * on the clients' egress and one on the servers' ingress (each direction is decided on its own
 * side, so both are needed). Admin policies with a lower priority still apply before it.
 */
export class AlwaysAllow extends Construct {
  /** The policy on the clients' egress. */
  public readonly egress: ClusterNetworkPolicy;
  /** The policy on the servers' ingress. */
  public readonly ingress: ClusterNetworkPolicy;

  public constructor(scope: Construct, id: string, props: AlwaysAllowProps) {
    super(scope, id);
    LeanTree.register(this);
    const base = props.name ?? toDnsLabel(id);
    const priority = props.priority ?? GUARDRAIL_PRIORITIES.alwaysAllow;
    const on = (rule: ClusterRule): ClusterRule => (props.ports === undefined ? rule : rule.on(...props.ports));
    this.egress = new ClusterNetworkPolicy(this, 'egress', {
      name: toDnsLabel(base, 'egress'),
      tier: ClusterTier.ADMIN,
      priority,
      subject: props.from,
      egress: [on(ClusterRule.accept(props.to).named(base))],
    });
    this.ingress = new ClusterNetworkPolicy(this, 'ingress', {
      name: toDnsLabel(base, 'ingress'),
      tier: ClusterTier.ADMIN,
      priority,
      subject: props.to,
      ingress: [on(ClusterRule.accept(props.from).named(base))],
    });
  }
}
