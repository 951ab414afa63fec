import { ApiObject, App, AppProps, Chart, JsonPatch, Lazy } from 'cdk8s';
import { AllowDns, AllowFrom, DenyAll, NamespaceIsolation } from '../../lib/constructs';
import { Internet, Pods, Port } from '../../lib/core';
import { NetworkPolicy } from '../../lib/constructs/network-policy';
import { PolicyType } from '../../lib/constructs/policy-type';

/** Builds a fresh app each call: synthesis mutates an app, so each path gets its own. */
export type AppBuilder = (props: AppProps) => App;

/**
 * Two namespaces with default deny, DNS, and intents whose sides are deferred (one lands in the
 * other namespace's chart). Names are unique across namespaces, so every YamlOutputType writes
 * every object (see test/constructs/synth-checks.test.ts for the layouts that would collide).
 */
export const intentsApp: AppBuilder = (props) => {
  const app = new App(props);
  const shop = new Chart(app, 'shop', { namespace: 'shop', labels: { team: 'commerce' } });
  const pay = new Chart(app, 'payments', { namespace: 'payments' });
  const frontend = Pods.labelled({ app: 'frontend' });
  const web = Pods.labelled({ app: 'web' });
  const ledger = Pods.labelled({ app: 'ledger' }).inNamespace('payments');
  new DenyAll(shop, 'deny-all');
  new AllowDns(shop, 'dns');
  new DenyAll(pay, 'deny-all-payments');
  AllowFrom(shop, frontend).to(web).on(Port.tcp(8080), Port.named('http'));
  // Declared in shop, lands in payments, with the egress side back in shop (deferred).
  AllowFrom(shop, web).to(ledger).on(Port.tcp(9000));
  AllowFrom(shop, web).to(Internet.exceptPrivate()).on(Port.HTTPS);
  AllowFrom(pay, Pods.labelled({ app: 'ledger' })).to(Pods.labelled({ app: 'db' })).on(Port.POSTGRES);
  new NamespaceIsolation(app, 'tenants', { namespaces: ['team-a', 'team-b'], allowFrom: ['monitoring'], policyName: (ns) => `isolate-${ns}` });
  return app;
};

/** netfence policies next to raw ApiObjects, Lazy values, JSON patches and generated names. */
export const mixedApp: AppBuilder = (props) => {
  const app = new App(props);
  const chart = new Chart(app, 'mixed', { namespace: 'mixed', labels: { env: 'test' } });
  new ApiObject(chart, 'config', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    data: { 'a.yaml': 'x: 1\ny: "two"\n', yes: 'no', empty: '', number: '0775', lazy: Lazy.any({ produce: () => 'late' }) },
  });
  const dep = new ApiObject(chart, 'web', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { annotations: { 'a/b': 'c: d' } },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
  });
  dep.addJsonPatch(JsonPatch.add('/spec/paused', false));
  const np = new NetworkPolicy(chart, 'Allow Web', {
    selector: Pods.labelled({ app: 'web' }),
    ingress: [{ peers: [Pods.labelled({ app: 'frontend' })], ports: [Port.named('http')] }],
  });
  np.addEgressRule({ peers: [Internet.all()], ports: [Port.HTTPS] });
  np.node.addDependency(dep);
  new DenyAll(chart, 'deny-all');
  // A NetworkPolicy that is not netfence's: the intent's deferred side must still see it.
  new ApiObject(chart, 'raw-deny-egress', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'raw-deny-egress' },
    spec: { podSelector: {}, policyTypes: ['Egress'] },
  });
  AllowFrom(chart, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'api' }).inNamespace('other')).on(Port.tcp(80));
  const other = new Chart(app, 'other', { namespace: 'other' });
  new DenyAll(other, 'deny-all-other', { direction: undefined });
  new ApiObject(other, 'svc', { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80 }] } });
  return app;
};

/** Nested charts and cross-chart dependencies, so cdk8s orders and indexes the chart files. */
export const dependentApp: AppBuilder = (props) => {
  const app = new App(props);
  const base = new Chart(app, 'zz-base', { namespace: 'base' });
  const parent = new Chart(app, 'parent', { namespace: 'parent' });
  const child = new Chart(parent, 'child', { namespace: 'child' });
  const first = new Chart(app, '1', { namespace: 'numeric' });
  new DenyAll(base, 'deny-all-base');
  new DenyAll(parent, 'deny-all-parent');
  new NetworkPolicy(child, 'allow-all-ingress', {
    ingress: [{ peers: [Pods.all()] }],
    policyTypes: [PolicyType.INGRESS],
  });
  const ns = new ApiObject(first, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'numeric' } });
  const later = new DenyAll(first, 'deny-all');
  later.node.addDependency(ns);
  parent.addDependency(base);
  AllowFrom(child, Pods.labelled({ app: 'x' })).to(Pods.labelled({ app: 'y' }));
  return app;
};

/** An app with no charts at all. */
export const emptyApp: AppBuilder = (props) => new App(props);
