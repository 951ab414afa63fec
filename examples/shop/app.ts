import { Construct } from 'constructs';
import { AllowFrom, AllowIngressController, Port } from 'netfence';
import { PostgresAccess, TenantNamespace, Workload } from '../platform-lib';

/** The shop's workloads, for tests. */
export interface ShopWorkloads {
  readonly frontend: Workload;
  readonly web: Workload;
  readonly orders: Workload;
  readonly postgres: Workload;
}

/**
 * Example 7: an application team's app built on the platform library: a tenant namespace with
 * default deny, the ingress controller to frontend, frontend to web, web to orders, and only
 * orders to PostgreSQL.
 */
export function shop(scope: Construct, id = 'shop'): { chart: TenantNamespace } & ShopWorkloads {
  const chart = new TenantNamespace(scope, id, { team: 'commerce' });
  const frontend = new Workload(chart, 'frontend', { ports: { http: 8080, metrics: 9100 } });
  const web = new Workload(chart, 'web', { ports: { http: 8080, metrics: 9100 } });
  const orders = new Workload(chart, 'orders', { ports: { grpc: 9000, metrics: 9100 } });
  const postgres = new Workload(chart, 'postgres', { ports: { postgres: 5432, metrics: 9187 } });
  new AllowIngressController(chart, 'allow-ingress-to-frontend', { to: frontend.pods, ports: [Port.named('http')] });
  AllowFrom(chart, frontend.pods).to(web.pods).on(Port.named('http'));
  AllowFrom(chart, web.pods).to(orders.pods).on(Port.named('grpc'));
  new PostgresAccess(chart, 'orders-db', { database: postgres.pods, clients: [orders.pods] });
  return { chart, frontend, web, orders, postgres };
}
