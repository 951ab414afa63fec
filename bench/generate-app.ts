import { App, AppProps, Chart } from 'cdk8s';
import { AllowDns, AllowFrom, DenyAll } from '../lib/constructs';
import { Cidr, Namespaces, Pods, Port } from '../lib/core';
import { Prng } from './prng';

/** Workload names the generator draws from. */
export const APP_NAMES: readonly string[] = [
  'frontend', 'web', 'api', 'orders', 'payments', 'cart', 'search', 'auth', 'worker', 'cache', 'ledger', 'mailer',
];

/** Policies each generated chart writes. */
export const POLICIES_PER_CHART = 10;

/** The namespace of chart `i`. */
export function namespaceName(i: number): string {
  return `team-${i.toString().padStart(5, '0')}`;
}

/**
 * A realistic netfence app: `charts` namespaces, each with default deny, DNS, two intents inside
 * the namespace, one to another namespace (every namespace is the target of exactly one), egress
 * to a CIDR, and scraping from the monitoring namespace on a named port. Egress sides are deferred
 * intents, so synthesis has to materialize them. Ten NetworkPolicies per chart.
 */
export function buildBenchApp(charts: number, seed = 1, props: AppProps = {}): App {
  const rng = new Prng(seed);
  const app = new App(props);
  const order = rng.shuffle([...Array(charts).keys()]);
  const targetOf = new Map<number, number>();
  order.forEach((ns, k) => targetOf.set(ns, order[(k + 1) % order.length]));
  for (let i = 0; i < charts; i++) {
    const ns = namespaceName(i);
    const chart = new Chart(app, ns, { namespace: ns, labels: { 'app.kubernetes.io/part-of': 'bench' } });
    const [a, b, c, d] = rng.sample(APP_NAMES, 4).map((name) => Pods.labelled({ app: name }));
    new DenyAll(chart, 'deny-all');
    new AllowDns(chart, 'dns');
    AllowFrom(chart, a).to(b).on(Port.named('http'));
    AllowFrom(chart, b).to(c).on(Port.tcp(8080 + rng.int(20)), Port.named('grpc'));
    // One peer outside: the ingress side lands in the other namespace, the egress side here.
    const other = namespaceName(charts === 1 ? i : targetOf.get(i)!);
    if (other !== ns) {
      AllowFrom(chart, c).to(Pods.labelled({ app: 'api' }).inNamespace(other)).on(Port.named('grpc'));
    } else {
      AllowFrom(chart, c).to(Pods.labelled({ app: 'api' })).on(Port.named('grpc'));
    }
    AllowFrom(chart, d)
      .to(Cidr.of(`10.${rng.int(256)}.${rng.int(256)}.0/24`))
      .on(Port.HTTPS);
    AllowFrom(chart, Namespaces.named('monitoring')).to(Pods.all()).on(Port.named('metrics'));
  }
  return app;
}
