import { Construct } from 'constructs';
import { NamespaceIsolation } from '../../lib';

/** The tenants of the shared cluster. */
export const TENANTS = ['team-a', 'team-b', 'team-c'];

/**
 * Example 4: multi-tenant segmentation. Tenants cannot reach each other; the shared ingress
 * controller and the monitoring namespace can reach every tenant.
 */
export function multiTenant(scope: Construct, id = 'multi-tenant'): NamespaceIsolation {
  return new NamespaceIsolation(scope, id, {
    namespaces: TENANTS,
    allowFrom: ['ingress-nginx', 'monitoring'],
  });
}
