import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AllowFrom,
  AllowIngressController,
  AlwaysAllowDns,
  AlwaysAllowMonitoring,
  BaselineDefaultDeny,
  DelegateToNamespaces,
  DenyCloudMetadata,
  Internet,
  LabelRequirement,
  LabelSelector,
  Namespaces,
  Port,
  TenantIsolation,
} from '../../lib';
import { Workload } from '../platform-lib';

/** The tenants of the cluster: each owns the namespace of its name, labelled `tenant: <name>`. */
export const TENANTS = ['payments', 'storefront'] as const;

/** One of TENANTS. */
export type Tenant = (typeof TENANTS)[number];

/** Namespaces that carry the `tenant` label: the tenants' and the sandbox. */
const TENANT_NAMESPACES = Namespaces.matching(LabelSelector.matchExpressions(LabelRequirement.exists('tenant')));

/**
 * The platform team's chart: the cluster's guardrails, cluster-scoped (no namespace), and the
 * sandbox namespace it runs for experiments. No namespace can override the Admin tier; the
 * Baseline default deny of every tenant namespace is what their teams open with NetworkPolicy.
 */
export class GuardrailsChart extends Chart {
  public constructor(scope: Construct, id = 'cluster-guardrails') {
    super(scope, id);
    const sandbox = new ApiObject(this, 'sandbox', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sandbox', labels: { tenant: 'sandbox' } } });
    sandbox.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    new DenyCloudMetadata(this, 'deny-cloud-metadata'); // Admin 10: nothing reaches 169.254.169.254
    new AlwaysAllowDns(this, 'allow-dns'); // Admin 20: DNS always works
    new AlwaysAllowMonitoring(this, 'allow-monitoring', { ports: [Port.named('metrics')] }); // Admin 30
    new DelegateToNamespaces(this, 'delegate-sandbox', { namespaces: Namespaces.named('sandbox') }); // Admin 50: Pass
    new TenantIsolation(this, 'tenants', { tenants: TENANTS }); // Admin 100: no tenant reaches another (the sandbox counts as one)
    new BaselineDefaultDeny(this, 'default-deny', { namespaces: TENANT_NAMESPACES }); // Baseline 1000
  }
}

/**
 * An application team's chart: its Namespace, labelled with its tenant so the guardrails find it,
 * and the workloads and connection intents it owns. The Baseline default deny isolates every pod,
 * so each intent writes both its sides (`Side.AUTO` counts the default deny as isolation).
 */
export class TenantChart extends Chart {
  public constructor(scope: Construct, tenant: Tenant) {
    super(scope, tenant, { namespace: tenant });
    const ns = new ApiObject(this, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: tenant, labels: { tenant } } });
    // A Namespace is cluster-scoped: the chart's default namespace must not be written on it.
    ns.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

/** The workloads of the example, for tests. */
export interface ClusterGuardrailsApp {
  readonly guardrails: GuardrailsChart;
  readonly storefront: TenantChart;
  readonly payments: TenantChart;
  readonly web: Workload;
  readonly checkout: Workload;
  readonly gateway: Workload;
  readonly ledger: Workload;
  readonly postgres: Workload;
}

/**
 * Example 8: both layers of a platform. The platform team's guardrails (a cluster chart of
 * ClusterNetworkPolicies), and two tenants' charts of NetworkPolicy: the storefront serves the
 * web through the ingress controller and calls its checkout; payments runs a gateway that calls
 * its ledger, which alone reaches PostgreSQL, and that calls a card processor on the internet.
 */
export function clusterGuardrails(scope: Construct): ClusterGuardrailsApp {
  const guardrails = new GuardrailsChart(scope);

  const storefront = new TenantChart(scope, 'storefront');
  const web = new Workload(storefront, 'web', { ports: { http: 8080, metrics: 9100 } });
  const checkout = new Workload(storefront, 'checkout', { ports: { http: 8080, metrics: 9100 } });
  new AllowIngressController(storefront, 'allow-ingress-to-web', { to: web.pods, ports: [Port.named('http')] });
  AllowFrom(storefront, web.pods).to(checkout.pods).on(Port.named('http'));

  const payments = new TenantChart(scope, 'payments');
  const gateway = new Workload(payments, 'gateway', { ports: { https: 8443, metrics: 9100 } });
  const ledger = new Workload(payments, 'ledger', { ports: { grpc: 9000, metrics: 9100 } });
  const postgres = new Workload(payments, 'postgres', { ports: { postgres: 5432, metrics: 9187 } });
  AllowFrom(payments, gateway.pods).to(ledger.pods).on(Port.named('grpc'));
  AllowFrom(payments, ledger.pods).to(postgres.pods).on(Port.POSTGRES);
  // Not Internet.all(): the cloud metadata address is denied in the Admin tier, and an intent
  // that claims it is a synth error naming the guardrail.
  AllowFrom(payments, gateway.pods).to(Internet.exceptPrivate()).on(Port.HTTPS);

  return { guardrails, storefront, payments, web, checkout, gateway, ledger, postgres };
}
