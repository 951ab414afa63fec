/**
 * A chart's first synthesis on its own (`Testing.synth(chart)`, `Chart.toJson()` before the app
 * was synthesized whole): netfence writes the sides that land in that chart, and checks what
 * touches it, instead of the whole app. What that means for a user, case by case; the differential
 * law over random apps is in chart-first-synthesis.test.ts.
 */
import { ApiObject, App, Chart, Testing, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowFrom, BaselineDefaultDeny, Cidr, ClusterHolds, DenyAll, DenyDirection, Namespaces, NetworkPolicy, Pods, Port } from '../../lib';
import { thrown } from './written';

const web = Pods.labelled({ app: 'web' });
const api = Pods.labelled({ app: 'api' });

/** Two charts: shop's web calls pay's api; pay denies everything by default. */
function build(props: { pay?: (pay: Chart) => void; app?: App } = {}): { app: App; shop: Chart; pay: Chart; other: Chart } {
  const app = props.app ?? new App();
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  const pay = new Chart(app, 'pay', { namespace: 'pay' });
  const other = new Chart(app, 'other', { namespace: 'other' });
  new DenyAll(shop, 'deny-all');
  new DenyAll(pay, 'deny-all');
  AllowFrom(shop, web).to(api.inNamespace('pay')).on(Port.tcp(8080));
  AllowFrom(other, web).to(api).on(Port.tcp(80));
  props.pay?.(pay);
  return { app, shop, pay, other };
}

/** The paths of the NetworkPolicies under `scope`. */
function policyPaths(scope: Construct): string[] {
  return scope.node.findAll().filter((c) => ApiObject.isApiObject(c) && c.kind === 'NetworkPolicy').map((c) => c.node.path);
}

/** The `ns/name` of each NetworkPolicy in a chart's output. */
function written(objects: readonly unknown[]): string[] {
  return (objects as { kind: string; metadata: { namespace: string; name: string } }[])
    .filter((o) => o.kind === 'NetworkPolicy')
    .map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
}

describe("a chart's first synthesis on its own", () => {
  test("writes the sides that land in the chart, from intents of other charts too, and no other chart's", () => {
    const { app, shop, pay, other } = build();
    const out = Testing.synth(pay);
    expect(written(out)).toEqual(['pay/deny-all', 'pay/shop-allow-web-to-pay-api']);
    // The ingress side shop's intent writes into pay is under pay, as a whole-app synthesis puts it.
    expect(policyPaths(pay)).toContain('pay/shop--allow-web-to-pay-api/ingress.pay');
    // shop's egress side is shop's to write, at shop's synthesis or the app's.
    expect(policyPaths(shop)).not.toContain('shop/allow-web-to-pay-api/egress');
    expect(policyPaths(other).length).toBe(1);
    // The whole app afterwards writes the rest, exactly as a fresh app does.
    expect(app.synthYaml()).toBe(build().app.synthYaml());
  });

  test('a Side.AUTO side decided by isolation declared in another chart', () => {
    const { shop } = build();
    // shop's egress is isolated by shop's DenyAll; the side is written under the intent.
    const out = Testing.synth(shop);
    expect(written(out)).toEqual(['shop/deny-all', 'shop/allow-web-to-pay-api-egress']);
    const fresh = build();
    // pay isolates ingress in pay's chart: the ingress side is written into pay whatever chart is synthesized first.
    expect(written(Testing.synth(fresh.pay))).toContain('pay/shop-allow-web-to-pay-api');
  });

  test("other charts' own problems wait for the app's synthesis, which the write of a second chart is", () => {
    const bad = (p: Chart): NetworkPolicy => new NetworkPolicy(p, 'bad', { ingress: [{ peers: [web], ports: [Port.tcp(70000)] }] });
    const { app, shop, other } = build({ pay: bad });
    // shop does not hold pay's bad policy: its synthesis passes, and again.
    expect(written(Testing.synth(shop))).toContain('shop/allow-web-to-pay-api-egress');
    expect(written(Testing.synth(shop))).toContain('shop/allow-web-to-pay-api-egress');
    // Another chart's write synthesizes the whole app: pay's problem is reported there.
    expect(thrown(() => Testing.synth(other))).toMatch(/\[pay\/bad\] .*70000/);
    expect(thrown(() => app.synthYaml())).toMatch(/\[pay\/bad\] .*70000/);
    // pay's own first synthesis reports it.
    expect(thrown(() => Testing.synth(build({ pay: bad }).pay))).toMatch(/\[pay\/bad\] .*70000/);
  });

  test('an intent of another chart with a bad value fails the chart it writes into', () => {
    const app = new App();
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const pay = new Chart(app, 'pay', { namespace: 'pay' });
    new DenyAll(pay, 'deny-all');
    AllowFrom(shop, web).to(api.inNamespace('pay')).on(Port.tcp(0));
    expect(thrown(() => Testing.synth(pay))).toMatch(/\[shop\/allow-web-to-pay-api\] .*ports/);
  });

  test("a validation someone added to a netfence policy of another chart still runs, as cdk8s runs every construct's", () => {
    const { shop, pay } = build();
    const deny = pay.node.findChild('deny-all').node.findChild('Resource');
    deny.node.addValidation({ validate: () => ['checked by the team'] });
    expect(thrown(() => Testing.synth(shop))).toMatch(/\[pay\/deny-all\/Resource\] checked by the team/);
    // The same for an intent of another chart that writes nothing into the one synthesized.
    const fresh = build();
    fresh.other.node.findChild('allow-web-to-api').node.addValidation({ validate: () => ['intent checked by the team'] });
    expect(thrown(() => Testing.synth(fresh.shop))).toMatch(/\[other\/allow-web-to-api\] intent checked by the team/);
    // A dependency given to a policy of another chart orders objects as cdk8s does: it is met.
    const third = build();
    const denyPay = third.pay.node.findChild('deny-all').node.findChild('Resource');
    denyPay.node.addDependency(third.shop.node.findChild('deny-all').node.findChild('Resource'));
    expect(written(Testing.synth(third.shop))).toContain('shop/deny-all');
  });

  test('the app changing after a chart was synthesized so that its sides would differ is an error at the next synthesis', () => {
    const { app, shop, pay } = build();
    Testing.synth(shop);
    // shop's egress side was decided from shop's DenyAll; removing that isolation changes it.
    new DenyAll(pay, 'deny-egress', { direction: DenyDirection.EGRESS });
    expect(() => Testing.synth(pay)).not.toThrow();
    shop.node.tryRemoveChild('deny-all');
    expect(thrown(() => app.synthYaml())).toMatch(/\[shop\/allow-web-to-pay-api\] the app changed after its first synthesis/);
  });

  test('when the sides needed now have the names of those written, the error says what each selects', () => {
    const app = new App();
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new DenyAll(shop, 'deny-canary', { direction: DenyDirection.EGRESS, pods: Pods.labelled({ track: 'canary' }) });
    AllowFrom(shop, web).to(Cidr.of('10.0.0.0/8'));
    Testing.synth(shop);
    // Now every pod's egress is isolated: the side selects app=web, not app=web and track=canary.
    new DenyAll(shop, 'deny-egress', { direction: DenyDirection.EGRESS });
    const error = thrown(() => app.synthYaml()) ?? '';
    expect(error).toContain(
      'written then: shop/allow-web-to-10-0-0-0-8 (egress of pods {"matchLabels":{"app":"web","track":"canary"}}, under shop/allow-web-to-10-0-0-0-8); needed now: shop/allow-web-to-10-0-0-0-8 (egress of pods {"matchLabels":{"app":"web"}}, under shop/allow-web-to-10-0-0-0-8)',
    );
  });

  test('a side written by an earlier chart synthesis isolates nothing new when a later one decides its sides', () => {
    // Namespace c has no chart: each intent's egress side there stays under the intent, in its own chart.
    const make = (): { app: App; x: Chart; y: Chart } => {
      const app = new App();
      const x = new Chart(app, 'x', { namespace: 'x' });
      const y = new Chart(app, 'y', { namespace: 'y' });
      new DenyAll(x, 'deny-canary-egress', { namespace: 'c', direction: DenyDirection.EGRESS, pods: Pods.labelled({ track: 'canary' }) });
      AllowFrom(x, Pods.labelled({ app: 'x' }).inNamespace('c')).to(Cidr.of('10.0.0.0/8'));
      AllowFrom(y, Pods.all().inNamespace('c')).to(Cidr.of('10.0.0.0/8'));
      return { app, x, y };
    };
    const subject = make();
    Testing.synth(subject.x);
    // x's side (app=x, track=canary) exists now; y's side is decided from what isolated c before any side: track=canary only.
    const got = Testing.synth(subject.y);
    const whole = make();
    whole.app.synthYaml();
    expect(got).toEqual(Testing.synth(whole.y));
    expect(written(got)).toEqual(['c/y-allow-c-all-pods-to-10-0-0-0-8']);
  });

  test('an intent declared on the App itself, with its namespace, writes its side into the chart of the other namespace', () => {
    const make = (): { app: App; pay: Chart } => {
      const app = new App();
      const pay = new Chart(app, 'pay', { namespace: 'pay' });
      new DenyAll(pay, 'deny-all');
      // No chart holds the intent: cdk8s's Chart.of() would throw for it.
      AllowFrom(app, web).to(api.inNamespace('pay'), { namespace: 'shop' }).on(Port.tcp(8080));
      return { app, pay };
    };
    const { app, pay } = make();
    expect(written(Testing.synth(pay))).toEqual(['pay/deny-all', 'pay/shop-allow-web-to-pay-api']);
    expect(policyPaths(pay)).toContain('pay/allow-web-to-pay-api/ingress.pay');
    expect(app.synthYaml()).toBe(make().app.synthYaml());
  });

  test('no intent can be declared after a chart was synthesized', () => {
    const { shop } = build();
    Testing.synth(shop);
    expect(thrown(() => AllowFrom(shop, api).to(web))).toMatch(/already synthesized; declare every intent before the first synth/);
  });

  test.each([
    ['an intent whose pods live in namespaces chosen by labels', (_app: App, shop: Chart): void => void AllowFrom(shop, Namespaces.labelled({ team: 'x' })).to(web)],
    ['an intent whose pods live in every namespace', (_app: App, shop: Chart): void => void AllowFrom(shop, web).to(api.inAnyNamespace())],
    ['a cluster-scoped policy', (app: App): void => void new BaselineDefaultDeny(new Chart(app, 'cluster'), 'deny')],
    ['what the cluster holds', (app: App): void => void new ClusterHolds(app, 'holds', { namespaceLabels: { pay: { team: 'pay' } } })],
    ['a per-resource layout', undefined],
  ])('with %s, the whole app is synthesized, as before', (_what, add) => {
    const app = new App(add === undefined ? { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE } : {});
    const { shop, pay } = build({ app });
    add?.(app, shop);
    // The whole app is checked too: with labels, pay's default deny meets the labelled source,
    // and per resource the two deny-all policies share a file. Either way, a whole-app error.
    const error = thrown(() => Testing.synth(shop));
    if (error !== undefined) expect(error).toMatch(/labels, and pay\/deny-all isolates|NetworkPolicy\.deny-all\.k8s\.yaml/);
    // pay's side was written by shop's synthesis: the whole app's.
    expect(policyPaths(pay)).toContain('pay/shop--allow-web-to-pay-api/ingress.pay');
  });
});
