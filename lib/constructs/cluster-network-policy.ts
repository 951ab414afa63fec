import { ApiObject, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterTier } from '../core/cluster-tier';
import {
  CLUSTER_NETWORK_POLICY_API_VERSION,
  CLUSTER_NETWORK_POLICY_KIND,
  ClusterNetworkPolicyEgressRuleManifest,
  ClusterNetworkPolicyIngressRuleManifest,
  ClusterNetworkPolicyManifest,
  ClusterNetworkPolicySpecManifest,
  ClusterTierName,
} from '../core/cluster-manifest';
import { ClusterRule, ClusterSubject, renderClusterSubject } from '../core/cluster-rule';
import { Labels } from '../core/label-selector';
import { toDnsLabel } from '../core/names';
import { CrdChannel, formatFinding, validateClusterNetworkPolicy } from '../validate';
import { ClusterPolicyNames } from './cluster-policy-names';
import { appendAll } from '../core/values';
import { AppState } from './app-state';

/** Properties of a ClusterNetworkPolicy. */
export interface ClusterNetworkPolicyProps {
  /**
   * The object name (a DNS-1123 subdomain), unique among the cluster's ClusterNetworkPolicies.
   * @default the construct id, made a DNS label (`Tenant Isolation` -> `tenant-isolation`)
   */
  readonly name?: string;
  /** Admin (guardrails before every NetworkPolicy) or Baseline (defaults after them). */
  readonly tier: ClusterTier;
  /**
   * Order within the tier, 0 to 1000, lower first. Two policies of a tier at one priority that
   * match the same traffic with different actions leave the outcome to the implementation:
   * give every policy its own priority.
   */
  readonly priority: number;
  /**
   * The pods the policy applies to: `Namespaces` (every pod of them) or `Pods` placed in
   * namespaces (`.inNamespace(...)`, `.inNamespacesLabelled(...)`, `.inAnyNamespace()`); a
   * cluster-scoped policy has no namespace to lend to `Pods.labelled(...)`.
   */
  readonly subject: ClusterSubject;
  /**
   * Ingress rules, evaluated in order (the first match decides).
   * @default none: the policy does not affect incoming traffic
   */
  readonly ingress?: readonly ClusterRule[];
  /**
   * Egress rules, evaluated in order (the first match decides).
   * @default none: the policy does not affect outgoing traffic
   */
  readonly egress?: readonly ClusterRule[];
  /**
   * The CRD bundle the cluster runs, which synthesis validates against.
   * @default 'experimental' when a rule uses Nodes or DomainNames peers, else 'standard'
   */
  readonly crdChannel?: CrdChannel;
  /**
   * Labels for the object's metadata.
   * @default none beyond the chart's labels
   */
  readonly labels?: Labels;
  /**
   * Annotations for the object's metadata.
   * @default none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

const TIERS: Readonly<Record<ClusterTier, ClusterTierName>> = { [ClusterTier.ADMIN]: 'Admin', [ClusterTier.BASELINE]: 'Baseline' };

/**
 * A `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy: cluster-wide rules in the Admin
 * tier (evaluated before every NetworkPolicy, which cannot override them) or the Baseline tier
 * (evaluated for traffic no NetworkPolicy decided). Cluster-scoped: it never carries a
 * namespace, even in a chart that has one. Everything the API server would reject, and every
 * peer or port the API cannot express as written, is a synth error naming this construct's path.
 */
export class ClusterNetworkPolicy extends ApiObject {
  /** The tier. */
  public readonly tier: ClusterTier;
  /** The priority within the tier. */
  public readonly priority: number;
  /** The pods the policy applies to. */
  public readonly subject: ClusterSubject;
  private readonly ingressRules: ClusterRule[];
  private readonly egressRules: ClusterRule[];
  private readonly channel: CrdChannel | undefined;

  public constructor(scope: Construct, id: string, props: ClusterNetworkPolicyProps) {
    const name = props.name ?? toDnsLabel(id);
    super(scope, id, {
      apiVersion: CLUSTER_NETWORK_POLICY_API_VERSION,
      kind: CLUSTER_NETWORK_POLICY_KIND,
      metadata: {
        name,
        ...(props.labels ? { labels: { ...props.labels } } : {}),
        ...(props.annotations ? { annotations: { ...props.annotations } } : {}),
      },
      spec: Lazy.any({ produce: () => this.renderSpec().spec }),
    });
    this.tier = props.tier;
    this.priority = props.priority;
    this.subject = props.subject;
    this.ingressRules = [...(props.ingress ?? [])];
    this.egressRules = [...(props.egress ?? [])];
    this.channel = props.crdChannel;
    ClusterPolicyNames.of(this);
    this.node.addValidation({ validate: () => this.validatePolicy() });
  }

  /** Appends an ingress rule (after the rules given so far: order decides). */
  public addIngressRule(rule: ClusterRule): void {
    this.ingressRules.push(rule);
    // The app's cluster tiers, which the intent resolver checks intents against, changed.
    AppState.touch(this);
  }

  /** Appends an egress rule (after the rules given so far: order decides). */
  public addEgressRule(rule: ClusterRule): void {
    this.egressRules.push(rule);
    // The app's cluster tiers, which the intent resolver checks intents against, changed.
    AppState.touch(this);
  }

  /** Adds JSON patches, applied after the policy is rendered (the tiers read the patched object). */
  public override addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    AppState.touch(this);
  }

  /** The object as the API server will receive it (before cdk8s adds chart labels). */
  public toManifest(): ClusterNetworkPolicyManifest {
    return { apiVersion: CLUSTER_NETWORK_POLICY_API_VERSION, kind: CLUSTER_NETWORK_POLICY_KIND, metadata: { name: this.name }, spec: this.renderSpec().spec };
  }

  /**
   * cdk8s gives every object of a chart the chart's namespace; a cluster-scoped object must
   * have none (the API server would drop it, and a reader would believe the policy is scoped).
   */
  public override toJson(): unknown {
    const json = super.toJson() as { metadata?: Record<string, unknown> };
    if (json.metadata !== undefined) delete json.metadata.namespace;
    return json;
  }

  private renderSpec(): { spec: ClusterNetworkPolicySpecManifest; problems: string[] } {
    const problems: string[] = [];
    const subject = renderClusterSubject(this.subject);
    appendAll(problems, subject.problems);
    const ingress: ClusterNetworkPolicyIngressRuleManifest[] = this.ingressRules.map((rule, i) => {
      const r = rule.toIngressManifest();
      appendAll(problems, r.problems.map((p) => `spec.ingress[${i}].${p}`));
      return r.manifest;
    });
    const egress: ClusterNetworkPolicyEgressRuleManifest[] = this.egressRules.map((rule, i) => {
      const r = rule.toEgressManifest();
      appendAll(problems, r.problems.map((p) => `spec.egress[${i}].${p}`));
      return r.manifest;
    });
    const spec: ClusterNetworkPolicySpecManifest = {
      tier: TIERS[this.tier],
      priority: this.priority,
      subject: subject.manifest ?? {},
      ...(ingress.length > 0 ? { ingress } : {}),
      ...(egress.length > 0 ? { egress } : {}),
    };
    return { spec, problems };
  }

  private validatePolicy(): string[] {
    const { spec, problems } = this.renderSpec();
    if (this.ingressRules.length === 0 && this.egressRules.length === 0) {
      problems.push('spec: no ingress or egress rules; the policy would do nothing; give `ingress` or `egress` rules');
    }
    if (problems.length > 0) return problems;
    // Only a faithfully rendered policy is worth checking against the API server's rules.
    const uses = (field: 'nodes' | 'domainNames'): boolean => (spec.egress ?? []).some((r) => r.to.some((p) => p[field] !== undefined));
    const channel = this.channel ?? (uses('nodes') || uses('domainNames') ? 'experimental' : 'standard');
    return validateClusterNetworkPolicy(this.toManifest(), { channel }).map(formatFinding);
  }
}
