import { NetfenceError } from '../core/errors';
import { Construct } from 'constructs';
import { ClusterRule } from '../core/cluster-rule';
import { ClusterTier } from '../core/cluster-tier';
import { LabelRequirement, LabelSelector } from '../core/label-selector';
import { Namespaces } from '../core/namespaces';
import { toDnsLabel } from '../core/names';
import { ClusterNetworkPolicy } from './cluster-network-policy';
import { GUARDRAIL_PRIORITIES } from './guardrail-priorities';
import { LeanTree } from './lean-tree';

/** Properties of `TenantIsolation`. */
export interface TenantIsolationProps {
  /** The tenants: values of the `label` that their namespaces carry. */
  readonly tenants: readonly string[];
  /**
   * The namespace label that says which tenant a namespace belongs to.
   * @default 'tenant'
   */
  readonly label?: string;
  /**
   * The priority within the Admin tier.
   * @default 100
   */
  readonly priority?: number;
  /**
   * The policy name prefix; each tenant's policy is `<name>-<tenant>`.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
}

/**
 * Tenants never reach each other, whatever their NetworkPolicies say: for each tenant, an Admin
 * tier policy on its namespaces denies traffic from and to every namespace that belongs to
 * another tenant (carries the label with another value, listed here or not). Traffic within a
 * tenant and to namespaces of no tenant is left to the next tiers.
 */
export class TenantIsolation extends Construct {
  /** The written policies, one per tenant, in the order given. */
  public readonly policies: readonly ClusterNetworkPolicy[];

  public constructor(scope: Construct, id: string, props: TenantIsolationProps) {
    super(scope, id);
    LeanTree.register(this);
    const label = props.label ?? 'tenant';
    if (props.tenants.length === 0) throw new NetfenceError(`${this.node.path}: tenants is empty; list the tenants to isolate`);
    const duplicates = props.tenants.filter((t, i) => props.tenants.indexOf(t) !== i);
    if (duplicates.length > 0) throw new NetfenceError(`${this.node.path}: tenants lists ${[...new Set(duplicates)].join(', ')} more than once; list each once`);
    const base = props.name ?? toDnsLabel(id);
    this.policies = props.tenants.map((tenant) => {
      const others = Namespaces.matching(LabelSelector.matchExpressions(LabelRequirement.exists(label), LabelRequirement.notIn(label, [tenant])));
      return new ClusterNetworkPolicy(this, tenant, {
        name: toDnsLabel(base, tenant),
        tier: ClusterTier.ADMIN,
        priority: props.priority ?? GUARDRAIL_PRIORITIES.tenantIsolation,
        subject: Namespaces.labelled({ [label]: tenant }),
        ingress: [ClusterRule.deny(others).named('deny-from-other-tenants')],
        egress: [ClusterRule.deny(others).named('deny-to-other-tenants')],
      });
    });
  }
}
