import { App, Testing } from 'cdk8s';
import { NetworkPolicy, Pods, Port, PolicyType } from '../../lib';
import { lintManifests } from '../../lib/lint';
import { objectSources } from '../../lib/analysis';
import { renderAppDocuments } from '../../lib/synth';
import { clusterGuardrails, GuardrailsChart } from './app';

/** Pods of namespaces outside the app, as the tests name them. */
const ingressNginx = Pods.labelled({ 'app.kubernetes.io/name': 'ingress-nginx' }).inNamespace('ingress-nginx');
const prometheus = Pods.labelled({ app: 'prometheus' }).inNamespace('monitoring');
const kubeDns = Pods.labelled({ 'k8s-app': 'kube-dns' }).inNamespace('kube-system');

describe('example 8: cluster guardrails and tenant NetworkPolicies', () => {
  const app = Testing.app();
  const x = clusterGuardrails(app);

  test('output is locked', () => {
    expect(Testing.synth(x.guardrails)).toMatchSnapshot();
    expect(Testing.synth(x.storefront)).toMatchSnapshot();
    expect(Testing.synth(x.payments)).toMatchSnapshot();
  });

  test('the guardrails are cluster-scoped: no metadata.namespace on any of them', () => {
    for (const o of Testing.synth(x.guardrails)) expect(o.metadata.namespace).toBeUndefined();
  });

  describe('the tenant layer: what each team opens with NetworkPolicy over the Baseline default deny', () => {
    test('the storefront: ingress-nginx to web, web to checkout, on http only', () => {
      expect(app).toAllow(ingressNginx, x.web.pods.inNamespace('storefront'), Port.named('http'));
      expect(app).toAllow(x.web.pods.inNamespace('storefront'), x.checkout.pods.inNamespace('storefront'), Port.named('http'));
      expect(app).toDeny(x.checkout.pods.inNamespace('storefront'), x.web.pods.inNamespace('storefront'), Port.named('http'));
      expect(app).toDeny(ingressNginx, x.checkout.pods.inNamespace('storefront'));
    });

    test('payments: only the ledger reaches PostgreSQL; the gateway reaches the card processor on HTTPS', () => {
      const p = (w: { pods: Pods }): Pods => w.pods.inNamespace('payments');
      expect(app).toAllow(p(x.gateway), p(x.ledger), Port.named('grpc'));
      expect(app).toAllow(p(x.ledger), p(x.postgres), Port.POSTGRES);
      expect(app).toDeny(p(x.gateway), p(x.postgres));
      expect(app).toAllow(p(x.gateway), '203.0.113.10', Port.HTTPS);
      expect(app).toDeny(p(x.gateway), '203.0.113.10', Port.HTTP);
    });

    test('what no NetworkPolicy opens stays closed by the Baseline default deny, in namespaces the app does not contain too', () => {
      expect(app).toDeny(x.web.pods.inNamespace('storefront'), '203.0.113.10');
      expect(app).toDeny(Pods.labelled({ app: 'batch' }).inNamespace('legacy'), Pods.labelled({ app: 'db' }).inNamespace('legacy'), Port.tcp(5432));
      // kube-system and ingress-nginx are left out of the default deny.
      expect(app).toAllow(Pods.labelled({ app: 'tool' }).inNamespace('kube-system'), '203.0.113.10', Port.HTTPS);
    });
  });

  describe('the cluster layer: what no namespace can change', () => {
    test('tenants never reach each other, on any port, whatever their NetworkPolicies say', () => {
      expect(app).toDeny(x.checkout.pods.inNamespace('storefront'), x.gateway.pods.inNamespace('payments'));
      expect(app).toDeny(x.gateway.pods.inNamespace('payments'), x.web.pods.inNamespace('storefront'));
    });

    test('DNS always works and monitoring always scrapes, though every tenant denies by default', () => {
      for (const w of [x.web.pods.inNamespace('storefront'), x.ledger.pods.inNamespace('payments')]) {
        expect(app).toAllow(w, kubeDns, Port.DNS_UDP);
        expect(app).toAllow(w, kubeDns, Port.DNS_TCP);
        expect(app).toAllow(prometheus, w, Port.named('metrics'));
        expect(app).toDeny(prometheus, w, Port.tcp(22));
      }
    });

    test('nothing reaches the cloud metadata address, not even the gateway that may reach the internet', () => {
      expect(app).toDeny(x.gateway.pods.inNamespace('payments'), '169.254.169.254');
      expect(app).toAllow(x.gateway.pods.inNamespace('payments'), '169.254.169.253', Port.HTTPS);
    });

    test('the sandbox is delegated (Pass): without NetworkPolicies of its own, the Baseline deny still applies', () => {
      expect(app).toDeny(Pods.labelled({ app: 'notebook' }).inNamespace('sandbox'), '203.0.113.10', Port.HTTPS);
      // DNS comes before the delegation (priority 20 < 50).
      expect(app).toAllow(Pods.labelled({ app: 'notebook' }).inNamespace('sandbox'), kubeDns, Port.DNS_UDP);
    });
  });

  describe('a flow an application team tries to open, which the Admin tier forbids', () => {
    /** The app, plus the payments team's NetworkPolicy admitting the storefront's checkout to its gateway. */
    const withAttempt = (): { app: App; attempt: NetworkPolicy } => {
      const a = Testing.app();
      const y = clusterGuardrails(a);
      const attempt = new NetworkPolicy(y.payments, 'allow-storefront-checkout', {
        selector: y.gateway.pods,
        policyTypes: [PolicyType.INGRESS],
        ingress: [{ peers: [Pods.labelled({ app: 'checkout' }).inNamespace('storefront')], ports: [Port.named('https')] }],
      });
      return { app: a, attempt };
    };

    test('the NetworkPolicy is written, and the flow is still denied: the failure names the Admin rule', () => {
      const { app: a } = withAttempt();
      const checkout = Pods.labelled({ app: 'checkout' }).inNamespace('storefront');
      const gateway = Pods.labelled({ app: 'gateway' }).inNamespace('payments');
      expect(a).toDeny(checkout, gateway, Port.named('https'));
      let message = '';
      try {
        expect(a).toAllow(checkout, gateway, Port.named('https'));
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain('denied by cnp/tenants-payments (Admin, priority 100) ingress[0] "deny-from-other-tenants": Deny');
      expect(message).toContain('denied by cnp/tenants-storefront (Admin, priority 100) egress[0] "deny-to-other-tenants": Deny');
    });

    test('lint says the NetworkPolicy rule admits nothing', () => {
      const { app: a } = withAttempt();
      const docs = renderAppDocuments(a) as Record<string, unknown>[];
      const loaded = objectSources(docs).map((s) => ({ object: s.object, source: {}, locate: () => ({}) }));
      const report = lintManifests(loaded);
      const dead = report.findings.filter((f) => f.ruleId === 'admin-deny-overrides-allow');
      expect(dead.map((f) => `${f.object.namespace}/${f.object.name}`)).toEqual(['payments/allow-storefront-checkout']);
      expect(dead[0].message).toContain('cnp/tenants-payments (Admin, priority 100) ingress[0] "deny-from-other-tenants": Deny denies every flow it admits');
    });
  });

  test('lint finds no pitfall of the cluster layer in the guardrails', () => {
    const a = new App();
    new GuardrailsChart(a);
    const docs = renderAppDocuments(a) as Record<string, unknown>[];
    const loaded = objectSources(docs).map((s) => ({ object: s.object, source: {}, locate: () => ({}) }));
    const cluster = ['cluster-priority-conflict', 'baseline-pass', 'cluster-rule-shadowed', 'baseline-accept-moots-deny', 'domain-names-misuse', 'cluster-experimental-peer'];
    expect(lintManifests(loaded).findings.filter((f) => cluster.includes(f.ruleId))).toEqual([]);
  });
});
