import { Construct } from 'constructs';
import { ClusterRule } from '../core/cluster-rule';
import { ClusterTier } from '../core/cluster-tier';
import { Internet } from '../core/cidr';
import { LabelRequirement, LabelSelector } from '../core/label-selector';
import { Namespaces } from '../core/namespaces';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { toDnsLabel } from '../core/names';
import { ClusterNetworkPolicy } from './cluster-network-policy';
import { DenyDirection } from './deny-all';
import { GUARDRAIL_PRIORITIES } from './guardrail-priorities';
import { LeanTree } from './lean-tree';

/** Properties of `BaselineDefaultDeny`. */
export interface BaselineDefaultDenyProps {
  /**
   * The namespaces whose pods are denied by default.
   * @default every namespace except those in `exceptNamespaces`
   */
  readonly namespaces?: Namespaces;
  /**
   * Namespaces left out of the default `namespaces` (system namespaces whose components have no
   * NetworkPolicies of their own). Ignored when `namespaces` is given.
   * @default ['kube-system']
   */
  readonly exceptNamespaces?: readonly string[];
  /**
   * The directions denied.
   * @default both
   */
  readonly direction?: DenyDirection;
  /**
   * The priority within the Baseline tier.
   * @default 1000 (after every other Baseline policy)
   */
  readonly priority?: number;
  /**
   * The policy name.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
}

/**
 * A default deny for a whole cluster (or some namespaces) in the Baseline tier: traffic that no
 * NetworkPolicy decides is denied, so every namespace opens what it needs with its own
 * NetworkPolicies (which override the Baseline tier). Ingress covers traffic from pods only:
 * ClusterNetworkPolicy ingress rules cannot name addresses outside the cluster. Egress covers
 * every pod and every address. Remember DNS: see AlwaysAllowDns or AllowDns.
 */
export class BaselineDefaultDeny extends Construct {
  /** The written policy. */
  public readonly policy: ClusterNetworkPolicy;

  public constructor(scope: Construct, id: string, props: BaselineDefaultDenyProps = {}) {
    super(scope, id);
    LeanTree.register(this);
    const direction = props.direction ?? DenyDirection.BOTH;
    const except = props.exceptNamespaces ?? ['kube-system'];
    const subject =
      props.namespaces ??
      (except.length === 0
        ? Namespaces.all()
        : Namespaces.matching(LabelSelector.matchExpressions(LabelRequirement.notIn(NAMESPACE_NAME_LABEL, [...new Set(except)].sort()))));
    const ingress = direction === DenyDirection.EGRESS ? [] : [ClusterRule.deny(Namespaces.all()).named('deny-all-ingress')];
    const egress = direction === DenyDirection.INGRESS ? [] : [ClusterRule.deny(Namespaces.all(), Internet.all()).named('deny-all-egress')];
    this.policy = new ClusterNetworkPolicy(this, 'policy', {
      name: props.name ?? toDnsLabel(id),
      tier: ClusterTier.BASELINE,
      priority: props.priority ?? GUARDRAIL_PRIORITIES.baselineDefaultDeny,
      subject,
      ingress,
      egress,
    });
  }
}
