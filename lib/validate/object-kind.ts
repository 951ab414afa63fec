/**
 * What an object of the inputs is to netfence, decided once for `netfence validate` and for every
 * analysis command alike:
 * - a kind netfence reads (NetworkPolicy, ClusterNetworkPolicy, AdminNetworkPolicy,
 *   BaselineAdminNetworkPolicy, Namespace, Node, Pod, a workload, a Service), at its apiVersion;
 * - a kind that decides traffic but is not read (Cilium, Calico): a warning;
 * - anything else (ConfigMaps, CRDs, ...): skipped, as a cluster dump legitimately holds them;
 * - an error for what is broken or nearly one of ours: no kind or apiVersion, a near-miss of a
 *   kind we read (`Networkpolicy`, `networkpolicies`), one of our kinds at an apiVersion the API
 *   server does not serve, or a List inside a List. Skipping those would analyse less than the
 *   author meant without a word.
 */
import { CLUSTER_SCOPED_POLICY_KINDS } from '../core/cluster-manifest';
import { apiGroup, isBuiltInGroup, READ_KINDS, UNREAD_POLICY_KINDS, WORKLOAD_KINDS } from '../core/kinds';
import { finding, ValidationFinding } from './finding';
import { editDistance } from './suggest';

/** What netfence reads an object as. */
export type ObjectRole = 'NetworkPolicy' | 'ClusterPolicy' | 'Namespace' | 'Node' | 'Pod' | 'Workload' | 'Service' | 'Unread' | 'Other';

/** The role of an object, and what is wrong with what it claims to be. */
export interface ObjectKindCheck {
  readonly role: ObjectRole;
  /** Errors: the object is broken or a near-miss of a kind netfence reads. */
  readonly findings: readonly ValidationFinding[];
  /** For `Unread`: why the analysis leaves the object out. */
  readonly warning?: string;
}

/** Lower case, letters and digits only, singular: how a slip of a kind's spelling is recognized. */
function normalizeKind(kind: string): string {
  const k = kind.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (k.endsWith('ies')) return `${k.slice(0, -3)}y`;
  if (k.endsWith('s') && !k.endsWith('ss')) return k.slice(0, -1);
  return k;
}

const NORMALIZED = new Map(Object.keys(READ_KINDS).map((k) => [normalizeKind(k), k]));

/** The kind netfence reads that `kind` is a slip of, if any (never the kind itself). */
export function nearMissKind(kind: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(READ_KINDS, kind)) return undefined;
  const n = normalizeKind(kind);
  const exact = NORMALIZED.get(n);
  if (exact !== undefined) return exact;
  // One slipped letter in a long name (NetworkPolcy); short names such as Pod/Node stay apart.
  if (n.length < 8) return undefined;
  for (const [norm, real] of NORMALIZED) if (norm.length >= 8 && editDistance(n, norm) <= 1) return real;
  return undefined;
}

function roleOf(kind: string): ObjectRole {
  if (kind === 'NetworkPolicy' || kind === 'Namespace' || kind === 'Node' || kind === 'Pod' || kind === 'Service') return kind;
  if (Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, kind)) return 'ClusterPolicy';
  return WORKLOAD_KINDS.includes(kind) ? 'Workload' : 'Other';
}

/** Classifies one parsed object; see the file comment for the rule. */
export function checkObjectKind(obj: Record<string, unknown>): ObjectKindCheck {
  const { kind, apiVersion } = obj;
  const findings: ValidationFinding[] = [];
  if (typeof kind !== 'string' || kind === '') {
    findings.push(finding(['kind'], 'missing kind', kind === undefined || kind === null ? undefined : kind, 'every object needs apiVersion and kind (e.g. kind: NetworkPolicy)'));
  }
  // Policies' apiVersions are checked with the rest of the policy (validateNetworkPolicy, ...).
  if ((typeof apiVersion !== 'string' || apiVersion === '') && kind !== 'NetworkPolicy' && !(typeof kind === 'string' && Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, kind))) {
    const expected = typeof kind === 'string' ? READ_KINDS[kind] : undefined;
    findings.push(
      finding(['apiVersion'], 'missing apiVersion', apiVersion === undefined || apiVersion === null ? undefined : apiVersion, expected ? `${kind} is served as ${expected}` : 'every object needs apiVersion and kind'),
    );
  }
  if (typeof kind !== 'string' || kind === '') return { role: 'Other', findings };
  const group = typeof apiVersion === 'string' ? apiGroup(apiVersion) : '';
  if (Array.isArray(obj.items) && (kind === 'List' || kind.endsWith('List'))) {
    const why =
      kind === 'List'
        ? 'a List inside a List: netfence (like kubectl) unwraps the items of a top-level List only; move these items up'
        : `a ${kind} is not unwrapped: write it as kind: List (what kubectl get -o yaml prints) or give its items as documents`;
    findings.push(finding(['kind'], 'list not read', kind, why));
    return { role: 'Other', findings };
  }
  if (UNREAD_POLICY_KINDS.includes(kind) || (kind === 'NetworkPolicy' && !isBuiltInGroup(group) && group !== 'extensions')) {
    return { role: 'Unread', findings, warning: `${apiVersion} ${kind} decides traffic but netfence does not read it: what it allows or denies is not part of this analysis` };
  }
  const expected = READ_KINDS[kind];
  if (expected === undefined) {
    const near = nearMissKind(kind);
    if (near !== undefined) {
      findings.push(finding(['kind'], 'unknown kind', kind, `did you mean "${near}"? (kinds are case-sensitive; ${near} is served as ${READ_KINDS[near]})`));
    }
    return { role: 'Other', findings };
  }
  // A CRD may share a kind's name (Knative's Service): only built-in groups are ours.
  if (typeof apiVersion === 'string' && apiVersion !== '' && !isBuiltInGroup(group)) return { role: 'Other', findings };
  // Policies' apiVersions are checked with the rest of the policy, by their own validators.
  const policyKind = kind === 'NetworkPolicy' || Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, kind);
  if (!policyKind && typeof apiVersion === 'string' && apiVersion !== '' && apiVersion !== expected) {
    findings.push(finding(['apiVersion'], 'unsupported apiVersion', apiVersion, `${kind} is served as ${expected}`));
  }
  return { role: roleOf(kind), findings };
}
