import { App, Chart, Testing } from 'cdk8s';
import { AllowFrom, ClusterHolds, Internet, NetworkPolicy, Pods, Port, PolicyType } from '../../lib';
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

    test('what no NetworkPolicy opens stays closed by the Baseline default deny of every tenant namespace', () => {
      expect(app).toDeny(x.web.pods.inNamespace('storefront'), '203.0.113.10');
      expect(app).toDeny(x.checkout.pods.inNamespace('storefront'), x.web.pods.inNamespace('storefront'), Port.tcp(9999));
      // Namespaces of no tenant are not the guardrails' business.
      expect(app).toAllow(Pods.labelled({ app: 'tool' }).inNamespace('kube-system'), '203.0.113.10', Port.HTTPS);
    });

    test('Side.AUTO counts the Baseline default deny as isolation: each intent wrote its egress side too', () => {
      const names = (c: { node: { findAll(): unknown[] } }): string[] =>
        Testing.synth(c as never)
          .filter((o: { kind: string }) => o.kind === 'NetworkPolicy')
          .map((o: { metadata: { name: string } }) => o.metadata.name)
          .sort();
      expect(names(x.storefront)).toEqual(['allow-ingress-to-web', 'allow-web-to-checkout', 'allow-web-to-checkout-egress']);
      expect(names(x.payments)).toEqual([
        'allow-gateway-to-internet',
        'allow-gateway-to-ledger',
        'allow-gateway-to-ledger-egress',
        'allow-ledger-to-postgres',
        'allow-ledger-to-postgres-egress',
      ]);
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
      expect(app).toAllow(x.gateway.pods.inNamespace('payments'), '198.51.100.7', Port.HTTPS);
    });

    test('an intent that claims the metadata address is a synth error naming the guardrail', () => {
      const a = Testing.app();
      const y = clusterGuardrails(a);
      AllowFrom(y.payments, y.gateway.pods).to(Internet.all(), { name: 'gateway-to-anywhere' }).on(Port.HTTPS);
      expect(() => Testing.synth(y.payments)).toThrow(/\[payments\/gateway-to-anywhere\] the flow this intent allows \(payments\/gateway -> 169\.254\.169\.254 .*\) is one the Admin tier denies.*cnp\/deny-cloud-metadata/);
    });

    test('the sandbox is delegated (Pass): without NetworkPolicies of its own, the Baseline deny still applies', () => {
      expect(app).toDeny(Pods.labelled({ app: 'notebook' }).inNamespace('sandbox'), '203.0.113.10', Port.HTTPS);
      // DNS comes before the delegation (priority 20 < 50).
      expect(app).toAllow(Pods.labelled({ app: 'notebook' }).inNamespace('sandbox'), kubeDns, Port.DNS_UDP);
      // The delegation does not pass it to other tenants: their own isolation denies the sandbox.
      expect(app).toDeny(Pods.labelled({ app: 'notebook' }).inNamespace('sandbox'), x.web.pods.inNamespace('storefront'));
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

  describe('an application app tested alone, with what the cluster holds declared', () => {
    /** The storefront's chart alone, as its team's repository holds it. */
    const storefrontAlone = (declare: boolean): App => {
      const a = Testing.app();
      if (declare) new ClusterHolds(a, 'platform', { baselineDefaultDeny: true });
      const chart = new Chart(a, 'storefront', { namespace: 'storefront' });
      AllowFrom(chart, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'checkout' })).on(Port.tcp(8080));
      return a;
    };
    const web = Pods.labelled({ app: 'web' }).inNamespace('storefront');
    const checkout = Pods.labelled({ app: 'checkout' }).inNamespace('storefront');

    test('without the declaration the tests are optimistic: web seems to reach the internet', () => {
      expect(storefrontAlone(false)).toAllow(web, '203.0.113.10', Port.HTTPS);
    });

    test('declaring the Baseline default deny the cluster holds: web reaches only what its intents open, and the intent writes its egress side', () => {
      const a = storefrontAlone(true);
      expect(a).toDeny(web, '203.0.113.10', Port.HTTPS);
      expect(a).toAllow(web, checkout, Port.tcp(8080));
      const written = Testing.synth(a.node.findChild('storefront') as Chart).map((o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`);
      expect(written.sort()).toEqual(['NetworkPolicy/allow-web-to-checkout', 'NetworkPolicy/allow-web-to-checkout-egress']);
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
