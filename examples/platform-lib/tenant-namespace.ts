import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns, AllowPrometheusScrape, DenyAll } from 'netfence';

/** Properties of a `TenantNamespace`. */
export interface TenantNamespaceProps {
  /** The owning team, written as the namespace label `team`. */
  readonly team: string;
}

/**
 * The platform team's namespace pattern: the Namespace itself, default deny both ways, DNS, and
 * Prometheus scraping of every pod's `metrics` port. Application teams add their intents to it.
 */
export class TenantNamespace extends Chart {
  /** The namespace name (the construct id). */
  public readonly namespaceName: string;

  public constructor(scope: Construct, id: string, props: TenantNamespaceProps) {
    super(scope, id, { namespace: id });
    this.namespaceName = id;
    const namespace = new ApiObject(this, 'namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: id, labels: { team: props.team } },
    });
    // A Namespace is cluster-scoped: the chart's default namespace must not be written on it.
    namespace.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    new DenyAll(this, 'deny-all');
    new AllowDns(this, 'allow-dns');
    new AllowPrometheusScrape(this, 'allow-prometheus-scrape');
  }
}
