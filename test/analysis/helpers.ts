/** Small builders for engine tests. */
import { NetworkPolicyManifest, NetworkPolicySpecManifest } from '../../lib/core/manifest';

/** A NetworkPolicy manifest in a namespace. */
export function np(namespace: string, name: string, spec: NetworkPolicySpecManifest): NetworkPolicyManifest {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}
