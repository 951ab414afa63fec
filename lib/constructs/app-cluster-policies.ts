import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isMatchAll } from '../core/label-match';
import { LabelSelector, Labels } from '../core/label-selector';
import { CLUSTER_SCOPED_POLICY_KINDS, POLICY_NETWORKING_GROUP } from '../core/cluster-manifest';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { NetfenceError } from '../core/errors';
import { isRecord } from '../core/values';
import { readClusterPolicy } from '../analysis/read-cluster-policy';
import { Direction, Policy, PolicyRule, rulesFor } from '../analysis/policy-model';
import { ClusterHolds } from './cluster-holds';
import { ClusterNetworkPolicy } from './cluster-network-policy';
import { IsolationIndex } from './isolation-index';
import { PolicyType } from './policy-type';

/** A cluster-scoped policy of the app (or held by the cluster), with the construct that writes or declares it. */
export interface AppClusterPolicy {
  readonly policy: Policy;
  /** The construct path, for messages. */
  readonly path: string;
}

/** The cluster-scoped policies of an app and the namespace labels it knows. */
export interface AppClusterContext {
  readonly policies: readonly AppClusterPolicy[];
  /** Labels of the namespaces the app declares or the cluster is declared to hold, by name. */
  readonly namespaces: ReadonlyMap<string, Labels>;
  /** Problems of raw cluster policy objects netfence did not write: `[path] message`. */
  readonly errors: readonly string[];
}

/** True for an object of one of the cluster-scoped policy kinds of the policy API group (AdminNetworkPolicy, ...). */
export function isClusterScopedPolicyObject(obj: ApiObject): boolean {
  return obj.apiGroup === POLICY_NETWORKING_GROUP && Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, obj.kind);
}

/**
 * Reads the app's cluster-scoped policies (netfence's ClusterNetworkPolicy, raw ApiObjects of
 * those kinds) and what `ClusterHolds` declares, through the one reading of those kinds, and the
 * labels of the namespaces the app knows.
 */
export function readAppClusterContext(constructs: readonly IConstruct[]): AppClusterContext {
  const policies: AppClusterPolicy[] = [];
  const namespaces = new Map<string, Labels>();
  const errors: string[] = [];
  const namespaceOf = (m: Record<string, unknown>): void => {
    const meta = isRecord(m.metadata) ? m.metadata : {};
    if (typeof meta.name !== 'string' || meta.name === '') return;
    const labels = isRecord(meta.labels) ? Object.fromEntries(Object.entries(meta.labels).filter(([, v]) => typeof v === 'string')) as Labels : {};
    namespaces.set(meta.name, { ...labels, [NAMESPACE_NAME_LABEL]: meta.name });
  };
  for (const c of constructs) {
    if (c instanceof ClusterHolds) {
      for (const m of c.manifests) {
        if (m.kind === 'Namespace') namespaceOf(m);
        else if (typeof m.kind === 'string' && Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, m.kind)) {
          try {
            policies.push({ policy: readClusterPolicy(m), path: c.node.path });
          } catch {
            // ClusterHolds reports it in its own validation.
          }
        }
      }
      continue;
    }
    if (!ApiObject.isApiObject(c)) continue;
    if (c.kind === 'Namespace' && c.apiGroup === 'core') {
      namespaceOf(c.toJson() as Record<string, unknown>);
      continue;
    }
    if (!isClusterScopedPolicyObject(c)) continue;
    const path = c.node.path;
    // Not `instanceof`: cdk8s makes every ApiObject an instance of every ApiObject class.
    const mine = Object.prototype.isPrototypeOf.call(ClusterNetworkPolicy.prototype, c);
    try {
      policies.push({ policy: readClusterPolicy(c.toJson() as Record<string, unknown>), path });
    } catch (e) {
      // netfence's own construct reports its problems in its own validation.
      if (!mine) errors.push(`[${path}] ${e instanceof NetfenceError ? e.message : String(e)}`);
    }
  }
  return { policies, namespaces, errors };
}

function coversEveryPod(rule: PolicyRule): boolean {
  return (rule.peers ?? []).some((p) => p.kind === 'pods' && isMatchAll(p.namespaceSelector ?? {}) && isMatchAll(p.podSelector ?? {}));
}

function coversEveryAddress(rule: PolicyRule): boolean {
  const whole = (family: 4 | 6): boolean => (rule.peers ?? []).some((p) => p.kind === 'ipBlock' && p.cidr.prefix === 0 && p.cidr.family === family && p.except.length === 0);
  return whole(4) && whole(6);
}

/** True when two cluster subjects may share a pod. */
function subjectsMeet(a: Policy, b: Policy): boolean {
  const sel = (x: Policy, part: 'namespaceSelector' | 'podSelector') => LabelSelector.fromManifest(x.subject[part] ?? {});
  return sel(a, 'namespaceSelector').and(sel(b, 'namespaceSelector')).isSatisfiable && sel(a, 'podSelector').and(sel(b, 'podSelector')).isSatisfiable;
}

/**
 * Adds to the index the pods whose direction a Baseline-tier policy denies by default: its first
 * rule of the direction denies every pod (and, for egress, every address of both families) on
 * every port, and no Baseline policy of a lower or equal priority that may select the same pods
 * accepts or passes anything in that direction first. For such pods a NetworkPolicy side decides
 * instead of the Baseline tier and can only add flows, so Side.AUTO writes it.
 */
export function addBaselineIsolators(index: IsolationIndex, context: AppClusterContext): void {
  const baseline = context.policies.filter((p) => p.policy.tier === 'Baseline');
  for (const { policy } of baseline) {
    for (const direction of ['ingress', 'egress'] as const satisfies readonly Direction[]) {
      const first = rulesFor(policy, direction)[0];
      if (first === undefined || first.action !== 'Deny' || first.ports !== undefined || !coversEveryPod(first)) continue;
      if (direction === 'egress' && !coversEveryAddress(first)) continue;
      const earlier = baseline.some(
        (q) => q.policy !== policy && q.policy.priority <= policy.priority && subjectsMeet(q.policy, policy) && rulesFor(q.policy, direction).some((r) => r.action !== 'Deny'),
      );
      if (earlier) continue;
      index.addClusterIsolator(
        direction === 'ingress' ? PolicyType.INGRESS : PolicyType.EGRESS,
        policy.subject.namespaceSelector ?? {},
        LabelSelector.fromManifest(policy.subject.podSelector),
        `${policy.id} (Baseline, priority ${policy.priority}), a default deny`,
      );
    }
  }
}
