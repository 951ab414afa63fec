/**
 * Everything the API server checks when a `policy.networking.k8s.io/v1alpha2`
 * ClusterNetworkPolicy is created, from its CRD (bundle v0.2.0): the structural schema
 * (cluster-policy-schemas.ts) and the CEL rules, written as code:
 * - `isCIDR(self)` on every `networks` entry ("Invalid CIDR format provided");
 * - `self.start < self.end` on every port range ("Start port must be less than End port");
 * - experimental channel only, on egress rules: no `destinationNamedPort` in a rule with a
 *   `networks`, `nodes` or `domainNames` peer.
 * The Go types' comments add nothing the server checks beyond these. netfence adds, on purpose:
 * no `metadata.namespace`, valid label selectors, no null `matchLabels` values, no host bits in
 * `networks`, and the named-port rule in the standard channel too (the Go API documents it there).
 */
import { CLUSTER_NETWORK_POLICY_API_VERSION, CLUSTER_NETWORK_POLICY_KIND } from '../core/cluster-manifest';
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
import { CLUSTER_NETWORK_POLICY_CRD } from './cluster-policy-schemas';
import { finding, ValidationFinding } from './finding';

const PROTOCOL_FIELDS = ['tcp', 'udp', 'sctp'] as const;

const NAMED_PORT_MESSAGE =
  'destinationNamedPort names a pod container port, and networks, nodes and domain names have none; use port numbers, or split the rule so the named port goes with pods peers only';

function hasNamedPort(rule: Record<string, unknown>): boolean {
  return listOrEmpty(rule.protocols).some((p) => isRecord(p) && p.destinationNamedPort !== undefined && p.destinationNamedPort !== null);
}

/** The CRD's CEL rules, on the object as the API server validates it (nulls dropped). */
function cel(obj: Record<string, unknown>, channel: string, out: ValidationFinding[]): void {
  checkNetworkCidrs(obj, out);
  for (const r of rulesOf(obj)) {
    listOrEmpty(r.rule.protocols).forEach((proto, j) => {
      if (!isRecord(proto)) return;
      for (const field of PROTOCOL_FIELDS) {
        const match = proto[field];
        const range = isRecord(match) && isRecord(match.destinationPort) ? match.destinationPort.range : undefined;
        if (isRecord(range) && typeof range.start === 'number' && typeof range.end === 'number' && !(range.start < range.end)) {
          out.push(
            finding(
              [...r.path, 'protocols', j, field, 'destinationPort', 'range'],
              `start port ${range.start} is not less than end port ${range.end}`,
              undefined,
              range.start === range.end ? `for one port write number: ${range.start}` : 'the start port must be less than the end port',
            ),
          );
        }
      }
    });
  }
  if (channel === 'experimental') checkNamedPortPeers(obj, hasNamedPort, ['networks', 'nodes', 'domainNames'], NAMED_PORT_MESSAGE, out);
}

function stricter(obj: Record<string, unknown>, channel: string, out: ValidationFinding[]): void {
  checkClusterSelectors(obj, out);
  checkNetworkHostBits(obj, out);
  if (channel === 'standard') {
    checkNamedPortPeers(obj, hasNamedPort, ['networks', 'nodes', 'domainNames'], `${NAMED_PORT_MESSAGE} (the standard CRD lets it through; the experimental one and the Go API do not)`, out);
  }
}

/** ClusterNetworkPolicy as the validation layer knows it. */
export const CLUSTER_NETWORK_POLICY: ClusterPolicyKind = {
  kind: CLUSTER_NETWORK_POLICY_KIND,
  apiVersion: CLUSTER_NETWORK_POLICY_API_VERSION,
  schema: CLUSTER_NETWORK_POLICY_CRD,
  cel,
  stricter,
};

/**
 * Returns every reason the API server would reject this object as a v1alpha2
 * ClusterNetworkPolicy on create (plus netfence's own checks unless `rules: 'api-server'`), in
 * document order; empty when it would be accepted. Never throws.
 */
export function validateClusterNetworkPolicy(obj: unknown, options: ClusterPolicyValidationOptions = {}): ValidationFinding[] {
  return validateClusterScopedPolicy(obj, CLUSTER_NETWORK_POLICY, options);
}
