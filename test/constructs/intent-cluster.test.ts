/**
 * Intents know the cluster layer: an intent whose flow an Admin-tier Deny blocks is a synth error
 * naming both constructs; a Baseline default deny counts as isolation for Side.AUTO (the intent
 * writes the NetworkPolicy side that overrides it), whether the app writes it or declares that the
 * cluster holds it (ClusterHolds); a Baseline tier the intent cannot override is an error.
 */
import { App, Chart, Testing } from 'cdk8s';
import {
  AllowFrom,
  AlwaysAllowDns,
  BaselineDefaultDeny,
  ClusterHolds,
  ClusterNetworkPolicy,
  ClusterRule,
  ClusterTier,
  DenyDirection,
  Namespaces,
  Peer,
  Pods,
  Port,
  Side,
  TenantIsolation,
} from '../../lib';
import { renderAppDocuments } from '../../lib/synth/render-app';

/** The synth errors of an app, or [] when it synthesizes. */
function synthErrors(app: App): string[] {
  try {
    renderAppDocuments(app);
    return [];
  } catch (e) {
    return (e as Error).message.split('\n').slice(1).map((l) => l.trim());
  }
}

/** The NetworkPolicies an app writes, by namespace/name. */
function policyNames(app: App): string[] {
  return (renderAppDocuments(app) as { kind: string; metadata: { name: string; namespace?: string } }[])
    .filter((d) => d.kind === 'NetworkPolicy')
    .map((d) => `${d.metadata.namespace}/${d.metadata.name}`)
    .sort();
}

describe('intents and the Admin tier', () => {
  test('an intent whose flow an Admin Deny blocks is a synth error naming the intent and the policy', () => {
    const app = Testing.app();
    const platform = new Chart(app, 'platform');
    new ClusterNetworkPolicy(platform, 'no-shop-to-bank', {
      tier: ClusterTier.ADMIN,
      priority: 10,
      subject: Namespaces.named('bank'),
      ingress: [ClusterRule.deny(Namespaces.named('shop')).named('deny-shop')],
    });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    AllowFrom(shop, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'api' }).inNamespace('bank')).on(Port.tcp(443));
    const errors = synthErrors(app);
    expect(errors).toEqual([
      expect.stringMatching(
        /^\[netfence\.IntentResolver\] \[shop\/allow-web-to-bank-api\] the flow this intent allows \(shop\/app=web -> bank\/app=api on 443\/TCP\) is one the Admin tier denies, before any NetworkPolicy and whatever they say: cnp\/no-shop-to-bank \(Admin, priority 10\) ingress\[0\] "deny-shop": Deny, written by platform\/no-shop-to-bank; ask for an Admin Pass or Accept of this flow, or remove the intent$/,
      ),
    ]);
  });

  test.each([
    ['by name, a namespace the app has no chart or object for', Namespaces.named('vault'), /-> vault\/app=x on 443\/TCP\) is one the Admin tier denies/],
    ['by labels', Namespaces.labelled({ zone: 'restricted' }), /-> \(zone=restricted\)\/app=x on 443\/TCP\) is one the Admin tier denies/],
  ])('an intent to pods of every namespace that an Admin Deny closes in namespaces the policy singles out %s is a synth error', (_how, guarded, message) => {
    const app = Testing.app();
    new ClusterNetworkPolicy(new Chart(app, 'platform'), 'guard', {
      tier: ClusterTier.ADMIN,
      priority: 10,
      subject: guarded,
      ingress: [ClusterRule.deny(Pods.labelled({ app: 'web' }).inAnyNamespace())],
    });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    AllowFrom(shop, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'x' }).inAnyNamespace()).on(Port.tcp(443));
    const errors = synthErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[netfence\.IntentResolver\] \[shop\/allow-web-to-/);
    expect(errors[0]).toMatch(message);
  });

  test('a namespace the cluster policies name carries only its name label, as a namespace the app knows does, whatever other selectors ask of it', () => {
    const app = Testing.app();
    const platform = new Chart(app, 'platform');
    // Accepted only if vault were labelled zone=restricted: the app says nothing of its labels.
    new ClusterNetworkPolicy(platform, 'accept-restricted-vault', {
      tier: ClusterTier.ADMIN,
      priority: 1,
      subject: Namespaces.labelled({ 'kubernetes.io/metadata.name': 'vault', zone: 'restricted' }),
      ingress: [ClusterRule.accept(Pods.labelled({ app: 'web' }).inAnyNamespace())],
    });
    new ClusterNetworkPolicy(platform, 'deny-vault', {
      tier: ClusterTier.ADMIN,
      priority: 2,
      subject: Namespaces.named('vault'),
      ingress: [ClusterRule.deny(Pods.labelled({ app: 'web' }).inAnyNamespace())],
    });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    AllowFrom(shop, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'x' }).inAnyNamespace()).on(Port.tcp(443));
    const errors = synthErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/-> vault\/app=x on 443\/TCP\) is one the Admin tier denies/);
    expect(errors[0]).toContain('written by platform/deny-vault');
    // Declared with that label (ClusterHolds), vault is accepted before the deny: no error.
    new ClusterHolds(app, 'vault-labels', { namespaceLabels: { vault: { zone: 'restricted' } } });
    expect(synthErrors(app)).toEqual([]);
  });

  test('an intent from anyone that an Admin Deny closes for pods of a namespace the app does not know is a synth error', () => {
    const app = Testing.app();
    new ClusterNetworkPolicy(new Chart(app, 'platform'), 'guard', {
      tier: ClusterTier.ADMIN,
      priority: 10,
      subject: Namespaces.named('shop'),
      ingress: [ClusterRule.deny(Namespaces.named('vault'))],
    });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    AllowFrom(shop, Peer.anyone()).to(Pods.labelled({ app: 'web' })).on(Port.tcp(443));
    const errors = synthErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/\(vault\/\* -> shop\/app=web on 443\/TCP\) is one the Admin tier denies/);
  });

  test('TenantIsolation forbids an intent between tenants, and allows one within a tenant', () => {
    const build = (to: string): App => {
      const app = Testing.app();
      new TenantIsolation(new Chart(app, 'platform'), 'tenants', { tenants: ['blue', 'red'] });
      for (const t of ['blue', 'red']) new ClusterHolds(app, `ns-${t}`, { namespaceLabels: { [t]: { tenant: t } } });
      const blue = new Chart(app, 'blue', { namespace: 'blue' });
      AllowFrom(blue, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'api' }).inNamespace(to)).on(Port.tcp(8080));
      return app;
    };
    const across = synthErrors(build('red'));
    expect(across).toHaveLength(1);
    expect(across[0]).toContain('[blue/allow-web-to-red-api] the flow this intent allows (blue/app=web -> red/app=api on 8080/TCP) is one the Admin tier denies');
    expect(across[0]).toContain('written by platform/tenants/');
    expect(synthErrors(build('blue'))).toEqual([]);
  });

  test('an Admin Deny of other traffic, an Admin Pass or Accept of this one: no error', () => {
    const app = Testing.app();
    const platform = new Chart(app, 'platform');
    new ClusterNetworkPolicy(platform, 'guard', {
      tier: ClusterTier.ADMIN,
      priority: 10,
      subject: Namespaces.named('bank'),
      ingress: [ClusterRule.pass(Namespaces.named('shop')), ClusterRule.deny(Namespaces.all())],
    });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    AllowFrom(shop, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'api' }).inNamespace('bank')).on(Port.tcp(443));
    expect(synthErrors(app)).toEqual([]);
    expect(app).toAllow(Pods.labelled({ app: 'web' }).inNamespace('shop'), Pods.labelled({ app: 'api' }).inNamespace('bank'), Port.tcp(443));
  });
});

describe('a Baseline default deny counts as isolation for Side.AUTO', () => {
  const appWith = (deny: (app: App) => void): App => {
    const app = Testing.app();
    deny(app);
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    AllowFrom(shop, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'api' })).on(Port.tcp(8080));
    return app;
  };
  const web = Pods.labelled({ app: 'web' }).inNamespace('shop');
  const api = Pods.labelled({ app: 'api' }).inNamespace('shop');

  test('in the app: the intent writes the egress side that overrides it, and the flow is allowed', () => {
    const app = appWith((a) => new BaselineDefaultDeny(new Chart(a, 'platform'), 'default-deny'));
    expect(policyNames(app)).toEqual(['shop/allow-web-to-api', 'shop/allow-web-to-api-egress']);
    expect(app).toAllow(web, api, Port.tcp(8080));
    expect(app).toDeny(web, api, Port.tcp(8081));
    expect(app).toDeny(web, '203.0.113.1');
  });

  test('without it, Side.AUTO writes no egress side (nothing isolates the source)', () => {
    const app = appWith(() => undefined);
    expect(policyNames(app)).toEqual(['shop/allow-web-to-api']);
    expect(app).toAllow(web, '203.0.113.1');
  });

  test('declared as held by the cluster (ClusterHolds): the same sides, nothing of it written, and the matchers not optimistic', () => {
    const app = appWith((a) => new ClusterHolds(a, 'platform', { baselineDefaultDeny: true }));
    expect(policyNames(app)).toEqual(['shop/allow-web-to-api', 'shop/allow-web-to-api-egress']);
    expect((renderAppDocuments(app) as { kind: string }[]).some((d) => d.kind === 'ClusterNetworkPolicy')).toBe(false);
    expect(app).toAllow(web, api, Port.tcp(8080));
    // Without the declaration, a test would see web's egress open.
    expect(app).toDeny(web, '203.0.113.1');
    expect(app).toDeny(Pods.labelled({ app: 'batch' }).inNamespace('other'), api);
  });

  test('only egress denied by default: the ingress side is written as always, the egress side too', () => {
    const app = appWith((a) => new ClusterHolds(a, 'platform', { baselineDefaultDeny: { direction: DenyDirection.EGRESS } }));
    expect(policyNames(app)).toEqual(['shop/allow-web-to-api', 'shop/allow-web-to-api-egress']);
  });

  test('a Baseline policy that accepts something before its deny is not a default deny to override: the intent is an error asking for Side.ALWAYS', () => {
    const app = appWith((a) => {
      new ClusterNetworkPolicy(new Chart(a, 'platform'), 'baseline', {
        tier: ClusterTier.BASELINE,
        priority: 10,
        subject: Namespaces.all(),
        egress: [ClusterRule.accept(Namespaces.named('monitoring')), ClusterRule.deny(Namespaces.all())],
      });
    });
    const errors = synthErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('is one the Baseline tier still denies on the egress side');
    expect(errors[0]).toContain('set sourceSide: Side.ALWAYS');
    // Side.ALWAYS writes the side, and the flow is allowed.
    const fixed = Testing.app();
    new ClusterNetworkPolicy(new Chart(fixed, 'platform'), 'baseline', {
      tier: ClusterTier.BASELINE,
      priority: 10,
      subject: Namespaces.all(),
      egress: [ClusterRule.accept(Namespaces.named('monitoring')), ClusterRule.deny(Namespaces.all())],
    });
    AllowFrom(new Chart(fixed, 'shop', { namespace: 'shop' }), Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'api' }), { sourceSide: Side.ALWAYS }).on(Port.tcp(8080));
    expect(synthErrors(fixed)).toEqual([]);
    expect(fixed).toAllow(web, api, Port.tcp(8080));
  });

  test('pods of every namespace under a cluster default deny: an error saying to name the namespaces', () => {
    const app = Testing.app();
    new ClusterHolds(app, 'platform', { baselineDefaultDeny: true });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    AllowFrom(shop, Pods.labelled({ app: 'prometheus' }).inAnyNamespace()).to(Pods.labelled({ app: 'api' })).on(Port.tcp(9090));
    const errors = synthErrors(app);
    expect(errors.join('\n')).toContain('has its egress denied by default by cnp/default-deny (Baseline, priority 1000), a default deny in namespaces netfence cannot name');
    // Naming the namespace works.
    const named = Testing.app();
    new ClusterHolds(named, 'platform', { baselineDefaultDeny: true });
    AllowFrom(new Chart(named, 'shop', { namespace: 'shop' }), Pods.labelled({ app: 'prometheus' }).inNamespace('monitoring')).to(Pods.labelled({ app: 'api' })).on(Port.tcp(9090));
    expect(synthErrors(named)).toEqual([]);
    expect(named).toAllow(Pods.labelled({ app: 'prometheus' }).inNamespace('monitoring'), Pods.labelled({ app: 'api' }).inNamespace('shop'), Port.tcp(9090));
  });

  test('AlwaysAllowDns in the Admin tier keeps DNS working beside the written sides', () => {
    const app = appWith((a) => {
      const platform = new Chart(a, 'platform');
      new BaselineDefaultDeny(platform, 'default-deny');
      new AlwaysAllowDns(platform, 'dns');
    });
    expect(app).toAllow(web, Pods.labelled({ 'k8s-app': 'kube-dns' }).inNamespace('kube-system'), Port.DNS_UDP);
  });
});

describe('ClusterHolds', () => {
  test('refuses policies the API server would reject, and kinds it does not read, naming the entry', () => {
    const app = Testing.app();
    new ClusterHolds(app, 'platform', { policies: [{ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'x' }, spec: { tier: 'Admin', priority: 2000, subject: { namespaces: {} } } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }] });
    const errors = synthErrors(app);
    expect(errors).toEqual([expect.stringMatching(/^\[platform\] policies\[0\]: .*spec\.priority/), expect.stringMatching(/^\[platform\] policies\[1\]: kind "ConfigMap" is not a policy netfence reads/)]);
  });
});
