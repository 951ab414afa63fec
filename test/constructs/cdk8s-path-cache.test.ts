/**
 * netfence's checks on the cdk8s path (`App.synth()`, `synthYaml()`, `Chart.toJson()`,
 * `Testing.synth()`) are done once and kept until the app changes, and netfence's wrappers leave
 * the walks of cdk8s's own synths while they give cdk8s nothing to do. These tests try to make a
 * kept answer stale: every change after a first synthesis must show in the next one, as output
 * or as an error, and the tree must read as it did outside a synth.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, JsonPatch, Lazy, Testing, YamlOutputType } from 'cdk8s';
import { Construct, ConstructOrder, IConstruct, Node } from 'constructs';
import { AllowDns, AllowFrom, ClusterNetworkPolicy, ClusterRule, ClusterTier, DenyAll, Namespaces, NetworkPolicy, Pods, Port } from '../../lib';
import { readTree } from './written';

const frontend = Pods.labelled({ app: 'frontend' });
const web = Pods.labelled({ app: 'web' });

function thrown(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-cache-'));
}

/** Every construct as constructs' own findAll lists it, whatever the node's methods are now. */
function everything(root: IConstruct): IConstruct[] {
  return Node.prototype.findAll.call(root.node, ConstructOrder.PREORDER);
}

/** A small app: two namespaces, intents inside and across, DenyAll and DNS. */
function build(props: AppProps = {}): { app: App; shop: Chart; pay: Chart } {
  // Never cdk8s's default outdir: that is the repository's own dist/.
  const app = new App({ outdir: tmp(), ...props });
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  const pay = new Chart(app, 'pay', { namespace: 'pay' });
  for (const c of [shop, pay]) {
    new DenyAll(c, 'deny-all');
    new AllowDns(c, 'dns');
  }
  AllowFrom(shop, frontend).to(web).on(Port.HTTP);
  AllowFrom(shop, web).to(Pods.labelled({ app: 'api' }).inNamespace('pay')).on(Port.tcp(8443));
  return { app, shop, pay };
}

/** The same objects as plain ApiObjects, chart by chart. */
function plainCopy(app: App, props: AppProps = {}): App {
  const copy = new App({ outdir: tmp(), ...props });
  for (const chart of app.charts) {
    const c = new Chart(copy, chart.node.id);
    chart.toJson().forEach((d: Record<string, unknown>, i: number) => new ApiObject(c, `o${i}`, d as never));
  }
  return copy;
}

describe('output is what cdk8s writes for the same objects, on every path and every time', () => {
  // FILE_PER_RESOURCE would write the two DenyAll to one file: see the last test of this block.
  test.each([YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE])(
    'App.synth() layout %s: the files of the plain objects, byte for byte, twice',
    (yamlOutputType) => {
      const ours = tmp();
      const { app } = build({ outdir: ours, yamlOutputType });
      app.synth();
      const first = readTree(ours);
      const theirs = tmp();
      plainCopy(app, { outdir: theirs, yamlOutputType }).synth();
      expect(first).toEqual(readTree(theirs));
      app.synth();
      expect(readTree(ours)).toEqual(first);
    },
  );

  test('FILE_PER_RESOURCE: a JSON patch renaming a foreign object after synth is followed to its file', () => {
    const dir = tmp();
    const app = new App({ outdir: dir, yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny-all');
    const cm = new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'NetworkPolicy', metadata: { name: 'other' }, spec: { podSelector: {} } });
    app.synth();
    expect([...readTree(dir).keys()].sort()).toEqual(['NetworkPolicy.deny-all.k8s.yaml', 'NetworkPolicy.other.k8s.yaml']);
    cm.addJsonPatch(JsonPatch.replace('/metadata/name', 'deny-all'));
    expect(thrown(() => app.synth())).toMatch(/would both be written to NetworkPolicy\.deny-all\.k8s\.yaml/);
  });

  test('synthYaml(), Chart.toJson() and Testing.synth() agree with the plain objects', () => {
    const { app, shop } = build();
    const plain = plainCopy(build().app);
    expect(app.synthYaml()).toBe(plain.synthYaml());
    expect(app.synthYaml()).toBe(plain.synthYaml());
    expect(Testing.synth(shop)).toEqual(Testing.synth(plain.charts[0]));
    expect(shop.toJson()).toEqual(plain.charts[0].toJson());
  });
});

describe('a change after a first synthesis shows in the next one', () => {
  test('.on() on an intent: new ports written, an invalid port refused', () => {
    const app = new App({ outdir: tmp() });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new DenyAll(shop, 'deny-all');
    const intent = AllowFrom(shop, frontend).to(web);
    expect(app.synthYaml()).not.toMatch(/port: 8080/);
    intent.on(Port.tcp(8080));
    expect(app.synthYaml()).toMatch(/port: 8080/);
    intent.on(Port.tcp(70000));
    expect(thrown(() => app.synth())).toMatch(/\[shop\/allow-frontend-to-web\] ports\[1\]\.port: invalid port number \(got 70000\)/);
    expect(thrown(() => Testing.synth(shop))).toMatch(/got 70000/);
  });

  test('addLabel / addAnnotation on a policy after synth: written, and checked', () => {
    const { app, shop } = build();
    app.synthYaml();
    const deny = shop.node.findChild('deny-all') as DenyAll;
    deny.policy.metadata.addLabel('team', 'checkout');
    expect(app.synthYaml()).toMatch(/team: checkout/);
    deny.policy.metadata.addAnnotation('bad annotation!', 'x');
    expect(thrown(() => app.synthYaml())).toMatch(/\[shop\/deny-all\/Resource\] metadata\.annotations\.bad annotation!/);
    expect(thrown(() => shop.toJson())).toMatch(/bad annotation!/);
  });

  test('a netfence policy whose label is a Lazy is checked at every synthesis, and node.validate() tells the truth', () => {
    const app = new App({ outdir: tmp() });
    const c = new Chart(app, 'c', { namespace: 'shop' });
    let value = 'ok';
    const p = new NetworkPolicy(c, 'p', { ingress: [] });
    p.metadata.addLabel('team', Lazy.any({ produce: () => value }) as unknown as string);
    const deny = new DenyAll(c, 'deny-all');
    expect(thrown(() => app.synthYaml())).toBeUndefined();
    expect(p.node.validate()).toEqual([]);
    value = 'not valid!';
    expect(thrown(() => app.synthYaml())).toMatch(/\[c\/p\] metadata\.labels\.team: invalid label value/);
    expect(deny.policy.node.validate()).toEqual([]);
    deny.policy.metadata.addLabel('x', 'bad value!');
    expect(deny.policy.node.validate().join('\n')).toMatch(/metadata\.labels\.x: invalid label value/);
  });

  test('a JSON patch on a netfence policy after synth is checked on the patched object', () => {
    const { app, shop } = build();
    expect(thrown(() => Testing.synth(shop))).toBeUndefined();
    (shop.node.findChild('deny-all') as DenyAll).policy.addJsonPatch(JsonPatch.replace('/spec/policyTypes/0', 'ingress'));
    expect(thrown(() => Testing.synth(shop))).toMatch(/\[shop\/deny-all\/Resource\] spec\.policyTypes\[0\]: unsupported policy type/);
    expect(thrown(() => app.synthYaml())).toMatch(/unsupported policy type/);
  });

  test('a foreign NetworkPolicy whose spec is mutated in place, and one holding a Lazy', () => {
    const app = new App({ outdir: tmp() });
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny-all');
    const spec: { podSelector: Record<string, unknown>; ingress?: unknown[] } = { podSelector: {} };
    new ApiObject(c, 'raw', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'raw' }, spec });
    let port = 80;
    new ApiObject(c, 'lazy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'lazy' },
      spec: { podSelector: {}, ingress: [{ ports: [{ port: Lazy.any({ produce: () => port }) }] }] },
    });
    expect(thrown(() => app.synthYaml())).toBeUndefined();
    spec.ingress = [{ ports: [{ port: 70000 }] }];
    expect(thrown(() => app.synthYaml())).toMatch(/\[c\/raw\] spec\.ingress\[0\]\.ports\[0\]\.port: invalid port number \(got 70000\)/);
    spec.ingress = [];
    expect(thrown(() => app.synthYaml())).toBeUndefined();
    port = 0;
    expect(thrown(() => app.synthYaml())).toMatch(/\[c\/lazy\] spec\.ingress\[0\]\.ports\[0\]\.port: invalid port number \(got 0\)/);
    expect(thrown(() => Testing.synth(c))).toMatch(/got 0/);
  });

  test('a policy added after synth: written; one with a name already taken: refused', () => {
    const { app, shop } = build();
    app.synthYaml();
    new NetworkPolicy(shop, 'extra', { name: 'extra', ingress: [] });
    expect(app.synthYaml()).toMatch(/name: extra/);
    new NetworkPolicy(shop, 'again', { name: 'extra', ingress: [] });
    expect(thrown(() => app.synthYaml())).toMatch(/extra/);
    // A construct added under a construct added since the last synthesis is seen too.
    const group = new Construct(shop, 'group');
    new Construct(group, 'inner');
    expect(thrown(() => app.synthYaml())).toMatch(/extra/);
  });

  test('a raw policy added deep under a new construct after synth is checked', () => {
    const { app, shop } = build();
    app.synth();
    const group = new Construct(shop, 'group');
    new ApiObject(new Construct(group, 'inner'), 'raw', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'raw' },
      spec: { podSelector: {}, policyTypes: ['Sideways'] },
    });
    expect(thrown(() => app.synthYaml())).toMatch(/\[shop\/group\/inner\/raw\] spec\.policyTypes\[0\]: unsupported policy type/);
  });

  test('removing a construct after synth removes its object; removing an isolation the sides relied on is an error', () => {
    const { app, shop } = build();
    new NetworkPolicy(shop, 'extra', { name: 'extra', ingress: [] });
    expect(app.synthYaml()).toMatch(/name: extra/);
    expect(shop.node.tryRemoveChild('extra')).toBe(true);
    expect(app.synthYaml()).not.toMatch(/name: extra/);
    // And a policy with that name is no duplicate any more.
    new NetworkPolicy(shop, 'again', { name: 'extra', ingress: [] });
    expect(app.synthYaml().match(/name: extra/g)).toHaveLength(1);
    // The egress sides of shop's intents were written because DenyAll isolated shop.
    expect(shop.node.tryRemoveChild('deny-all')).toBe(true);
    expect(thrown(() => app.synthYaml())).toMatch(/\[shop\/allow-frontend-to-web\] the app changed after its first synthesis so that this intent's sides would differ \(written then: shop\/allow-frontend-to-web-egress; needed now: none\)/);
  });

  test('a namespace isolated after synth would call for sides not written: an error, not a stale pass', () => {
    const app = new App({ outdir: tmp() });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    AllowFrom(shop, frontend).to(web).on(Port.tcp(8443));
    const before = app.synthYaml();
    // Nothing isolated shop for egress at the first synthesis: no egress side. Now it needs one.
    expect(before).not.toMatch(/egress/);
    new DenyAll(shop, 'deny-all');
    const error = thrown(() => app.synthYaml());
    expect(error).toMatch(/\[shop\/allow-frontend-to-web\] the app changed after its first synthesis so that this intent's sides would differ/);
    expect(thrown(() => app.synth())).toBe(error);
    expect(thrown(() => Testing.synth(shop))).toBe(error);
  });

  test('a validation added to a netfence wrapper after synth runs', () => {
    const { app, shop } = build();
    app.synth();
    const intent = shop.node.findChild('allow-frontend-to-web');
    intent.node.addValidation({ validate: () => ['refused by the team'] });
    expect(thrown(() => app.synth())).toMatch(/\[shop\/allow-frontend-to-web\] refused by the team/);
    expect(thrown(() => app.synthYaml())).toMatch(/refused by the team/);
    expect(thrown(() => Testing.synth(shop))).toMatch(/refused by the team/);
  });

  test('a dependency added to a wrapper after synth orders the charts as cdk8s would', () => {
    const fresh = (dependency: boolean): Map<string, string> => {
      const dir = tmp();
      const { app, shop, pay } = build({ outdir: dir });
      app.synth();
      if (dependency) (pay.node.findChild('deny-all') as Construct).node.addDependency(shop);
      app.synth();
      return readTree(dir);
    };
    const from = (): Map<string, string> => {
      const dir = tmp();
      const { app, shop, pay } = build({ outdir: dir });
      (pay.node.findChild('deny-all') as Construct).node.addDependency(shop);
      app.synth();
      return readTree(dir);
    };
    const withDep = from();
    // Charts that depend on others are written with an index: shop first, then pay.
    expect([...withDep.keys()].sort()).toEqual(['0000-shop.k8s.yaml', '0001-pay.k8s.yaml']);
    const later = fresh(true);
    // The files of the first synthesis stay; the second adds the indexed ones, as cdk8s does.
    for (const [name, text] of withDep) expect(later.get(name)).toBe(text);
  });

  test('Testing.synth twice with a change between', () => {
    const { shop } = build();
    const first = Testing.synth(shop);
    (shop.node.findChild('deny-all') as DenyAll).policy.metadata.addLabel('tier', 'gold');
    const second = Testing.synth(shop);
    expect(JSON.stringify(first)).not.toMatch(/gold/);
    expect(JSON.stringify(second)).toMatch(/"tier":"gold"/);
  });

  test('two apps side by side keep their own answers', () => {
    const a = build();
    const b = build();
    expect(thrown(() => a.app.synthYaml())).toBeUndefined();
    expect(thrown(() => b.app.synthYaml())).toBeUndefined();
    (a.shop.node.findChild('deny-all') as DenyAll).policy.metadata.addLabel('bad key!', 'x');
    expect(thrown(() => a.app.synthYaml())).toMatch(/bad key!/);
    expect(thrown(() => b.app.synthYaml())).toBeUndefined();
    new NetworkPolicy(b.shop, 'dup', { name: 'deny-all', ingress: [] });
    expect(thrown(() => b.app.synthYaml())).toMatch(/\[shop\/dup\]|shop\/dup/);
    expect(thrown(() => a.app.synthYaml())).not.toMatch(/\[shop\/dup\]/);
  });
});

describe('the cluster tiers are checked again when they change after a first synthesis', () => {
  const denyShop = (): ClusterRule => ClusterRule.deny(Namespaces.named('shop')).named('deny-shop');
  const intentToBank = (app: App): Chart => {
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    AllowFrom(shop, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'api' }).inNamespace('bank')).on(Port.tcp(443));
    return shop;
  };
  const denied = /\[shop\/allow-web-to-bank-api\] the flow this intent allows .* is one the Admin tier denies/;

  test('an Admin ClusterNetworkPolicy added after synth, and a rule added to one', () => {
    const app = new App({ outdir: tmp() });
    const platform = new Chart(app, 'platform');
    const shop = intentToBank(app);
    const cnp = new ClusterNetworkPolicy(platform, 'guard', { tier: ClusterTier.ADMIN, priority: 10, subject: Namespaces.named('bank'), ingress: [ClusterRule.deny(Namespaces.named('other'))] });
    expect(thrown(() => app.synthYaml())).toBeUndefined();
    cnp.addIngressRule(denyShop());
    expect(thrown(() => app.synthYaml())).toMatch(denied);
    expect(thrown(() => Testing.synth(shop))).toMatch(denied);
    const other = new App({ outdir: tmp() });
    intentToBank(other);
    expect(thrown(() => other.synthYaml())).toBeUndefined();
    new ClusterNetworkPolicy(new Chart(other, 'platform'), 'late', { tier: ClusterTier.ADMIN, priority: 10, subject: Namespaces.named('bank'), ingress: [denyShop()] });
    expect(thrown(() => other.synthYaml())).toMatch(denied);
  });

  test('a raw AdminNetworkPolicy-kind object mutated in place after synth', () => {
    const app = new App({ outdir: tmp() });
    intentToBank(app);
    const ingress: unknown[] = [{ name: 'deny-other', action: 'Deny', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } }] }];
    new ApiObject(new Chart(app, 'platform'), 'raw', {
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'raw' },
      spec: { tier: 'Admin', priority: 10, subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'bank' } } }, ingress },
    });
    expect(thrown(() => app.synthYaml())).toBeUndefined();
    ingress.push({ name: 'deny-shop', action: 'Deny', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }] });
    expect(thrown(() => app.synthYaml())).toMatch(denied);
  });
});

test('a raw cluster policy object netfence cannot read is reported, not taken for netfence\'s own (cdk8s makes every ApiObject `instanceof` every ApiObject class)', () => {
  const app = new App({ outdir: tmp() });
  new ApiObject(new Chart(app, 'platform'), 'raw', {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'raw' },
    spec: { tier: 'Admin', priority: 10, subject: { namespaces: {} }, ingress: [{ name: 'x', action: 'Sideways', from: [{ namespaces: {} }] }] },
  });
  withIntent(app);
  expect(thrown(() => app.synthYaml())).toMatch(/\[platform\/raw\] /);
});

/** Gives the app an intent, so that the resolver reads the cluster tiers. */
function withIntent(app: App): void {
  AllowFrom(new Chart(app, 'shop', { namespace: 'shop' }), frontend).to(web);
}

describe('the tree reads as before, outside a synth', () => {
  test('findAll, children, tryFindChild, Chart.of and dependencies are the same before and after synths', () => {
    const { app, shop, pay } = build();
    const snapshot = (): unknown => ({
      app: app.node.findAll().map((c) => c.node.path),
      appPost: app.node.findAll(ConstructOrder.POSTORDER).map((c) => c.node.path),
      raw: everything(app).map((c) => c.node.path),
      shop: shop.node.findAll().map((c) => c.node.path),
      children: shop.node.children.map((c) => c.node.id),
      apiObjects: shop.apiObjects.map((c) => c.node.path),
      find: ['deny-all', 'dns', 'allow-frontend-to-web', 'deny-all/Resource'].map((id) => shop.node.tryFindChild(id)?.node.path),
      charts: everything(app).map((c) => thrown(() => Chart.of(c)) ?? Chart.of(c).node.id),
      deps: everything(app).map((c) => c.node.dependencies.map((d) => d.node.path)),
    });
    // A chart's first synthesis writes the sides that land in it, the app's the rest: from then on nothing moves.
    Testing.synth(shop);
    app.synth();
    const before = snapshot();
    expect((before as { app: string[] }).app).toContain('shop/allow-frontend-to-web');
    app.synthYaml();
    Testing.synth(pay);
    Testing.synth(shop);
    const after = snapshot() as { app: string[]; raw: string[]; deps: string[][] };
    // cdk8s adds chart dependencies of its own during synth; nothing else moves.
    expect({ ...after, deps: undefined }).toEqual({ ...(before as object), deps: undefined });
    expect(after.app).toEqual(after.raw);
  });

  test('inside a cdk8s synth, a Lazy and a validation reading the app see every construct', () => {
    const { app, shop } = build();
    // What findAll lists, and what constructs' own findAll lists at that moment.
    const seen: [string[], string[]][] = [];
    const look = (): void => void seen.push([app.node.findAll().map((c) => c.node.path), everything(app).map((c) => c.node.path)]);
    new ApiObject(shop, 'probe', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'probe' },
      data: { n: Lazy.any({ produce: () => (look(), 'x') }) },
    });
    new Construct(shop, 'checker').node.addValidation({ validate: () => (look(), []) });
    app.synth();
    app.synth();
    Testing.synth(shop);
    app.synthYaml();
    shop.toJson();
    expect(seen.length).toBeGreaterThanOrEqual(10);
    for (const [list, all] of seen) expect(list).toEqual(all);
    const all = everything(app).map((c) => c.node.path);
    expect(seen[seen.length - 1][0]).toEqual(all);
    // Outside the synth, everything again.
    expect(app.node.findAll().map((c) => c.node.path)).toEqual(all);
  });

  test('an App subclass overriding synth runs as before', () => {
    const dir = tmp();
    class MyApp extends App {
      public calls = 0;
      public override synth(): void {
        this.calls++;
        super.synth();
      }
    }
    const app = new MyApp({ outdir: dir });
    const c = new Chart(app, 'shop', { namespace: 'shop' });
    new DenyAll(c, 'deny-all');
    AllowFrom(c, frontend).to(web).on(Port.HTTP);
    app.synth();
    app.synth();
    expect(app.calls).toBe(2);
    expect([...readTree(dir).keys()]).toEqual(['shop.k8s.yaml']);
  });
});

describe("cdk8s's own walks meet only what gives them something", () => {
  /** An app of `charts` charts (netfence's and plain objects), with one plain object whose node reads are counted. */
  function counted(charts: number, dir = tmp()): { app: App; charts: Chart[]; idle: ApiObject; reads: () => number } {
    const app = new App({ outdir: dir });
    const all: Chart[] = [];
    for (let i = 0; i < charts; i++) {
      const c = new Chart(app, `c${i}`, { namespace: `ns${i}` });
      new DenyAll(c, 'deny-all');
      AllowFrom(c, frontend).to(web).on(Port.HTTP);
      new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
      all.push(c);
    }
    const idle = new ApiObject(all[charts - 1], 'idle', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'idle' } });
    const node = idle.node;
    let reads = 0;
    Object.defineProperty(idle, 'node', { get: () => (reads++, node), configurable: true });
    return { app, charts: all, idle, reads: () => reads };
  }

  test('an idle plain object is not met by the synthesis of another chart (cdk8s walks the whole app for each)', () => {
    const { app, charts, reads } = counted(20);
    app.synth();
    Testing.synth(charts[0]);
    const before = reads();
    for (const c of charts.slice(0, -1)) c.toJson();
    Testing.synth(charts[1]);
    // cdk8s's own walk would read its node at least four times per call (validate, three
    // dependency loops); its own chart is not written here.
    expect(reads() - before).toBe(0);
    // The app's synths still list the app for the chart order and write its chart.
    app.synth();
    expect(reads()).toBeGreaterThan(before);
  });

  test('a first validation on an idle plain object after synth runs, on every path', () => {
    const { app, charts, idle } = counted(3);
    app.synth();
    Testing.synth(charts[0]);
    idle.node.addValidation({ validate: () => ['the team refuses it'] });
    expect(thrown(() => app.synth())).toMatch(/\[c2\/idle\] the team refuses it/);
    expect(thrown(() => app.synthYaml())).toMatch(/the team refuses it/);
    expect(thrown(() => Testing.synth(charts[0]))).toMatch(/the team refuses it/);
  });

  /** The files of a 3-chart app with `change` made before its first synthesis, or after it (then synthesized again into an emptied folder). */
  function writtenWith(change: (x: ReturnType<typeof counted>) => void, later: boolean): Map<string, string> {
    const dir = tmp();
    const x = counted(3, dir);
    if (!later) change(x);
    x.app.synth();
    if (later) {
      change(x);
      fs.rmSync(dir, { recursive: true, force: true });
      x.app.synth();
    }
    return readTree(dir);
  }

  test('a first dependency of an idle plain object after synth orders charts and objects as cdk8s does', () => {
    const depend = ({ charts, idle }: ReturnType<typeof counted>): void => {
      idle.node.addDependency(charts[0].node.findChild('cm'));
      charts[2].node.findChild('cm').node.addDependency(idle);
    };
    const fromStart = writtenWith(depend, false);
    // Charts that depend on others are written with an index.
    expect([...fromStart.keys()].every((k) => /^000[0-2]-c[0-2]\.k8s\.yaml$/.test(k))).toBe(true);
    expect(writtenWith(depend, true)).toEqual(fromStart);
  });

  test('a chart nested in an idle chart after synth makes the parent depend on it, as from the start', () => {
    const nest = ({ charts }: ReturnType<typeof counted>): void => {
      const inner = new Chart(charts[1], 'inner', { namespace: 'inner' });
      new ApiObject(inner, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inner' } });
    };
    const fromStart = writtenWith(nest, false);
    // The inner chart is written before its parent.
    expect([...fromStart.keys()]).toEqual(['0000-c0.k8s.yaml', expect.stringMatching(/^0001-c1-inner-/), '0002-c1.k8s.yaml', '0003-c2.k8s.yaml']);
    expect(writtenWith(nest, true)).toEqual(fromStart);
  });
});

describe('namespaces chosen by labels are still refused after the first synth', () => {
  test('the same error at every synthesis', () => {
    const app = new App({ outdir: tmp() });
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny-all');
    AllowFrom(c, frontend).to(Namespaces.labelled({ team: 'x' }));
    const first = thrown(() => app.synthYaml());
    expect(first).toBeDefined();
    expect(thrown(() => app.synthYaml())).toBe(first);
    expect(thrown(() => Testing.synth(c))).toBe(first);
  });
});
