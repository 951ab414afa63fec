/**
 * The legacy `policy.networking.k8s.io/v1alpha1` kinds that ClusterNetworkPolicy replaced, still
 * run by many clusters: AdminNetworkPolicy (the Admin tier, actions Allow/Deny/Pass) and the
 * singleton BaselineAdminNetworkPolicy (the Baseline tier, actions Allow/Deny, named `default`).
 * What their CRDs (bundle v0.1.7) check, as code: the structural schema
 * (cluster-policy-schemas.ts) and the CEL rules:
 * - `isCIDR(self)` on every `networks` entry;
 * - BaselineAdminNetworkPolicy: `self.metadata.name == 'default'`;
 * - experimental channel, egress rules: no `namedPort` with `networks` or `nodes` peers (and, for
 *   AdminNetworkPolicy, `domainNames`).
 * netfence adds, on purpose: what it adds for ClusterNetworkPolicy, plus `protocol` one of TCP,
 * UDP, SCTP (the CRD takes any string; the Go type is `v1.Protocol`) and `portRange` start below
 * end (the Go comments require it; the v1alpha1 CRD does not check it).
 */
import {
  ADMIN_NETWORK_POLICY_API_VERSION,
  ADMIN_NETWORK_POLICY_KIND,
  BASELINE_ADMIN_NETWORK_POLICY_KIND,
  BASELINE_ADMIN_NETWORK_POLICY_NAME,
} from '../core/cluster-manifest';
import { isProtocolName, PROTOCOL_NAMES } from '../core/manifest';
import { isRecord, listOrEmpty } from '../core/values';
import {
  checkClusterSelectors,
  checkNamedPortPeers,
  checkNetworkHostBits,
  ClusterPolicyKind,
  checkNetworkCidrs,
  ClusterPolicyValidationOptions,
  rulesOf,
  validateClusterScopedPolicy,
} from './cluster-policy-common';
import { ADMIN_NETWORK_POLICY_CRD, BASELINE_ADMIN_NETWORK_POLICY_CRD } from './cluster-policy-schemas';
import { finding, ValidationFinding } from './finding';

function hasNamedPort(rule: Record<string, unknown>): boolean {
  return listOrEmpty(rule.ports).some((p) => isRecord(p) && p.namedPort !== undefined && p.namedPort !== null);
}

/** netfence's checks of v1alpha1 ports, which the CRD leaves open. */
function checkPorts(obj: Record<string, unknown>, out: ValidationFinding[]): void {
  for (const r of rulesOf(obj)) {
    listOrEmpty(r.rule.ports).forEach((port, j) => {
      if (!isRecord(port)) return;
      for (const field of ['portNumber', 'portRange'] as const) {
        const entry = port[field];
        if (!isRecord(entry)) continue;
        const at = [...r.path, 'ports', j, field];
        const protocol = entry.protocol;
        if (typeof protocol === 'string' && !isProtocolName(protocol)) {
          const fixed = PROTOCOL_NAMES.find((p) => p.toLowerCase() === protocol.toLowerCase());
          out.push(
            finding([...at, 'protocol'], 'unsupported protocol', protocol, `must be ${PROTOCOL_NAMES.join(', ')}${fixed ? ` (case-sensitive: "${fixed}")` : ''}; the CRD accepts any text, implementations do not`),
          );
        }
        if (field === 'portRange' && typeof entry.start === 'number' && typeof entry.end === 'number' && !(entry.start < entry.end)) {
          out.push(
            finding(at, `start port ${entry.start} is not less than end port ${entry.end}`, undefined, entry.start === entry.end ? `for one port write portNumber: {port: ${entry.start}}` : 'the start port must be less than the end port (the API documents it; the v1alpha1 CRD does not check it)'),
          );
        }
      }
    });
  }
}

function kind(name: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy'): ClusterPolicyKind {
  const admin = name === ADMIN_NETWORK_POLICY_KIND;
  const addressPeers = admin ? ['networks', 'nodes', 'domainNames'] : ['networks', 'nodes'];
  const namedPortMessage = `namedPort names a pod container port, and ${addressPeers.join(', ')} peers have none; use portNumber or portRange, or split the rule`;
  return {
    kind: name,
    apiVersion: ADMIN_NETWORK_POLICY_API_VERSION,
    schema: admin ? ADMIN_NETWORK_POLICY_CRD : BASELINE_ADMIN_NETWORK_POLICY_CRD,
    cel: (obj, channel, out) => {
      checkNetworkCidrs(obj, out);
      if (!admin) {
        const meta = isRecord(obj.metadata) ? obj.metadata : {};
        if (meta.name !== BASELINE_ADMIN_NETWORK_POLICY_NAME) {
          out.push(
            finding(['metadata', 'name'], 'not the singleton name', meta.name ?? undefined, `a BaselineAdminNetworkPolicy must be named "${BASELINE_ADMIN_NETWORK_POLICY_NAME}": only one can exist in a cluster`),
          );
        }
      }
      if (channel === 'experimental') checkNamedPortPeers(obj, hasNamedPort, addressPeers, namedPortMessage, out);
    },
    stricter: (obj, channel, out) => {
      checkClusterSelectors(obj, out);
      checkNetworkHostBits(obj, out);
      checkPorts(obj, out);
      if (channel === 'standard') checkNamedPortPeers(obj, hasNamedPort, addressPeers, namedPortMessage, out);
    },
  };
}

/** AdminNetworkPolicy as the validation layer knows it. */
export const ADMIN_NETWORK_POLICY: ClusterPolicyKind = kind(ADMIN_NETWORK_POLICY_KIND);

/** BaselineAdminNetworkPolicy as the validation layer knows it. */
export const BASELINE_ADMIN_NETWORK_POLICY: ClusterPolicyKind = kind(BASELINE_ADMIN_NETWORK_POLICY_KIND);

/** Every reason the API server would reject this object as a v1alpha1 AdminNetworkPolicy (plus netfence's checks). */
export function validateAdminNetworkPolicy(obj: unknown, options: ClusterPolicyValidationOptions = {}): ValidationFinding[] {
  return validateClusterScopedPolicy(obj, ADMIN_NETWORK_POLICY, options);
}

/** Every reason the API server would reject this object as the v1alpha1 BaselineAdminNetworkPolicy (plus netfence's checks). */
export function validateBaselineAdminNetworkPolicy(obj: unknown, options: ClusterPolicyValidationOptions = {}): ValidationFinding[] {
  return validateClusterScopedPolicy(obj, BASELINE_ADMIN_NETWORK_POLICY, options);
}
