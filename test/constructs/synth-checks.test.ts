/**
 * What synthesis refuses: every value of every intent whether or not a policy is written, the
 * whole object written for every NetworkPolicy of the app (netfence's or a raw ApiObject), and
 * two objects that would be written to the same file. Each on both synthesis paths.
 */
import { ApiObject, App, AppProps, Chart, JsonPatch, Testing, YamlOutputType } from 'cdk8s';
import {
  AllowFrom,
  Cidr,
  DenyAll,
  DenyDirection,
  Internet,
  NamespaceIsolation,
  Namespaces,
  NetworkPolicy,
  Pods,
  Port,
  synthesizeToMemory,
} from '../../lib';
import { allows, Build, thrown, world, writeBoth, writeWithCdk8s } from './written';

const frontend = Pods.labelled({ app: 'frontend' });
const web = Pods.labelled({ app: 'web' });

/** The error each synthesis path gives, which must be the same. */
function bothFail(build: Build, props: AppProps = {}): string {
  const ours = thrown(() => synthesizeToMemory(build(props)));
  const theirs = thrown(() => writeWithCdk8s(build, props));
  expect(ours).toBeDefined();
  expect(theirs).toBe(ours);
  expect(thrown(() => build(props).synthYaml())).toBe(ours);
  return ours!;
}

describe('every value of every intent is checked at synth, whether or not a policy is written', () => {
  test.each([
    ['a CIDR with host bits', Cidr.of('10.0.0.1/8'), /to\.ipBlock\.cidr: .*"10\.0\.0\.1\/8".*bits set beyond the prefix length; use the network "10\.0\.0\.0\/8" or the single address/],
    ['an address without a prefix', Cidr.of('10.0.0.5'), /to\.ipBlock\.cidr: invalid CIDR \(got "10\.0\.0\.5"\)/],
    ['an IPv4 except in an IPv6 block', Cidr.of('2001:db8::/32').except('10.0.0.0/8'), /to\.ipBlock\.except\[0\]: .*other IP family/],
    ['an except with host bits', Cidr.of('10.0.0.0/8').except('10.1.0.1/16'), /to\.ipBlock\.except\[0\]: .*bits set beyond the prefix length/],
  ])('%s fails synth with no DenyAll isolating the source', (_name, cidr, message) => {
    const build: Build = (props) => {
      const app = new App(props);
      AllowFrom(new Chart(app, 'c', { namespace: 'shop' }), frontend).to(cidr as Cidr).on(Port.HTTPS);
      return app;
    };
    const error = bothFail(build);
    expect(error).toMatch(/\[c\/allow-frontend-to-[a-z0-9-]+\] /);
    expect(error).toMatch(message);
    // Once, not once per place the value would be written.
    expect(error.split('\n').filter((l) => l.includes('ipBlock')).length).toBe(1);
  });

  test('the same values fail with a DenyAll too, reported once, at the intent', () => {
    const app = new App();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new DenyAll(c, 'deny-all');
    AllowFrom(c, frontend).to(Cidr.of('10.0.0.1/8'));
    const error = thrown(() => synthesizeToMemory(app))!;
    expect(error.split('\n').filter((l) => l.includes('10.0.0.1/8'))).toHaveLength(1);
    expect(error).toMatch(/\[c\/allow-frontend-to-10-0-0-1-8\] to\.ipBlock\.cidr/);
  });

  test('a source CIDR, ports and namespace names are values too', () => {
    const app = new App();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    AllowFrom(c, Cidr.of('192.0.2.1/24')).to(web);
    AllowFrom(c, frontend).to(Cidr.of('192.0.2.0/24')).on(Port.tcp(70000));
    AllowFrom(c, frontend).to(Pods.labelled({ app: 'x' }).inNamespace('Not_A_Namespace'));
    const error = thrown(() => synthesizeToMemory(app))!;
    expect(error).toMatch(/\[c\/allow-192-0-2-1-24-to-web\] from\.ipBlock\.cidr: .*bits set/);
    expect(error).toMatch(/\[c\/allow-frontend-to-192-0-2-0-24\] ports\[0\]\.port: invalid port number \(got 70000\)/);
    expect(error).toMatch(/\[c\/allow-frontend-to-not-a-namespace-x\] to\.namespace: invalid namespace \(got "Not_A_Namespace"\)/);
    // Reported once, at the intent: no side is written into a namespace that cannot exist.
    expect(error.split('\n').filter((l) => l.includes('Not_A_Namespace'))).toHaveLength(1);
  });

  test('the L2 refuses a CIDR with host bits in its own rules', () => {
    const app = new App();
    new NetworkPolicy(new Chart(app, 'c', { namespace: 'shop' }), 'p', { egress: [{ peers: [Cidr.of('10.0.0.1/8')] }] });
    expect(thrown(() => synthesizeToMemory(app))).toMatch(/\[c\/p\] spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: .*bits set beyond the prefix length/);
  });
});

describe('the whole object written is validated, for every NetworkPolicy of the app', () => {
  test('invalid label keys on a chart reach every policy in it, netfence\'s and raw', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const c = new Chart(app, 'c', { namespace: 'shop', labels: { 'bad key!': 'x' } });
      new DenyAll(c, 'deny-all');
      new ApiObject(c, 'raw', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'raw' }, spec: { podSelector: {} } });
      return app;
    };
    const error = bothFail(build);
    expect(error).toMatch(/\[c\/deny-all\/Resource\] metadata\.labels\.bad key!: /);
    expect(error).toMatch(/\[c\/raw\] metadata\.labels\.bad key!: /);
  });

  test('labels and annotations on a policy', () => {
    const app = new App();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new NetworkPolicy(c, 'p', { ingress: [], labels: { 'bad key!': 'x' }, annotations: { 'also bad!': 'y' } });
    const d = new DenyAll(c, 'd');
    d.policy.metadata.addLabel('team', 'not a valid value!');
    const error = thrown(() => synthesizeToMemory(app))!;
    expect(error).toMatch(/\[c\/p\] metadata\.labels\.bad key!/);
    expect(error).toMatch(/\[c\/p\] metadata\.annotations\.also bad!/);
    expect(error).toMatch(/\[c\/d\/Resource\] metadata\.labels\.team: invalid label value/);
  });

  test('a raw ApiObject NetworkPolicy with port 70000, with its construct path', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const c = new Chart(app, 'c', { namespace: 'shop' });
      new DenyAll(c, 'deny-all');
      new ApiObject(c, 'raw', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'raw' },
        spec: { podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] },
      });
      return app;
    };
    expect(bothFail(build)).toMatch(/\[c\/raw\] spec\.ingress\[0\]\.ports\[0\]\.port: invalid port number \(got 70000\)/);
  });

  test('a JSON patch that breaks a netfence policy is caught on the patched object', () => {
    const app = new App();
    const d = new DenyAll(new Chart(app, 'c', { namespace: 'shop' }), 'd');
    d.policy.addJsonPatch(JsonPatch.replace('/spec/policyTypes/0', 'ingress'));
    expect(thrown(() => synthesizeToMemory(app))).toMatch(/\[c\/d\/Resource\] spec\.policyTypes\[0\]: unsupported policy type/);
  });

  test('a raw NetworkPolicy with no namespace is refused: nothing can tell which pods it isolates', () => {
    const app = new App();
    const c = new Chart(app, 'c');
    new ApiObject(c, 'raw', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'raw' }, spec: { podSelector: {} } });
    new DenyAll(new Chart(app, 'd', { namespace: 'shop' }), 'deny');
    expect(thrown(() => synthesizeToMemory(app))).toMatch(/\[c\/raw\] metadata\.namespace: no namespace/);
  });

  test('a pure cdk8s app synthesized by netfence is checked too (cdk8s alone knows nothing of netfence)', () => {
    const app = new App();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new ApiObject(c, 'raw', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'raw' },
      spec: { podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] },
    });
    expect(thrown(() => synthesizeToMemory(app))).toMatch(/\[c\/raw\] spec\.ingress\[0\]\.ports\[0\]\.port/);
  });
});

describe('two objects written to the same file are a synth error naming both', () => {
  const isolation: Build = (props) => {
    const app = new App(props);
    new NamespaceIsolation(app, 'tenants', { namespaces: ['team-a', 'team-b'] });
    return app;
  };
  const denyInTwoCharts: Build = (props) => {
    const app = new App(props);
    for (const ns of ['team-a', 'team-b']) new DenyAll(new Chart(app, ns, { namespace: ns }), 'deny-all', { direction: DenyDirection.INGRESS });
    AllowFrom(app.node.findChild('team-a') as Chart, Pods.all()).to(Pods.all());
    return app;
  };

  test.each([
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE, 'NetworkPolicy.namespace-isolation.k8s.yaml'],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, 'NetworkPolicy.namespace-isolation.k8s.yaml in the folder of chart tenants'],
  ])('NamespaceIsolation([team-a, team-b]) with %s', (_name, yamlOutputType, file) => {
    const error = bothFail(isolation, { yamlOutputType });
    expect(error).toContain(`team-a/namespace-isolation (tenants/team-a/ingress) and NetworkPolicy team-b/namespace-isolation (tenants/team-b/ingress) would both be written to ${file}`);
    expect(error).toMatch(/policyName/);
  });

  test('NamespaceIsolation with a name per namespace writes both files; they mean what the app means', () => {
    for (const yamlOutputType of [YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE]) {
      const build: Build = (props) => {
        const app = new App(props);
        new NamespaceIsolation(app, 'tenants', { namespaces: ['team-a', 'team-b'], policyName: (ns) => `isolate-${ns}` });
        return app;
      };
      const pods = [
        { ns: 'team-a', name: 'x', labels: {} },
        { ns: 'team-b', name: 'x', labels: {} },
      ];
      const inv = world(writeBoth(build, { yamlOutputType }), pods);
      expect(allows(inv, 'team-b/x', 'team-a/x', 80)).toBe(false);
      expect(allows(inv, 'team-a/x', 'team-b/x', 80)).toBe(false);
      expect(build({ yamlOutputType })).toDeny(Namespaces.named('team-b'), Namespaces.named('team-a'));
    }
  });

  test('DenyAll in two charts: FILE_PER_RESOURCE is an error; one folder per chart keeps them apart', () => {
    const error = bothFail(denyInTwoCharts, { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    expect(error).toContain('NetworkPolicy team-a/deny-all (team-a/deny-all/Resource) and NetworkPolicy team-b/deny-all (team-b/deny-all/Resource) would both be written to NetworkPolicy.deny-all.k8s.yaml');
    const written = writeBoth(denyInTwoCharts, { yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    expect([...written.files.keys()].sort()).toEqual([
      'team-a/NetworkPolicy.allow-all-pods-to-all-pods.k8s.yaml',
      'team-a/NetworkPolicy.deny-all.k8s.yaml',
      'team-b/NetworkPolicy.deny-all.k8s.yaml',
    ]);
    const inv = world(written, [
      { ns: 'team-a', name: 'x', labels: {} },
      { ns: 'team-b', name: 'x', labels: {} },
    ]);
    expect(allows(inv, 'team-b/x', 'team-a/x', 80)).toBe(false);
    expect(allows(inv, 'team-a/x', 'team-a/x', 80)).toBe(true);
  });

  test('objects of any kind collide, and kinds are compared as a case-insensitive file system would', () => {
    const app = new App({ yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    const a = new Chart(app, 'a', { namespace: 'a' });
    const b = new Chart(app, 'b', { namespace: 'b' });
    new ApiObject(a, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    new ApiObject(b, 'cm', { apiVersion: 'v1', kind: 'configmap', metadata: { name: 'settings' } });
    expect(thrown(() => synthesizeToMemory(app))).toMatch(/ConfigMap a\/settings \(a\/cm\) and configmap b\/settings \(b\/cm\) would both be written to ConfigMap\.settings\.k8s\.yaml/);
  });

  test('a JSON patch that renames an object is followed, as cdk8s names FILE_PER_RESOURCE files after the patched object', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const a = new Chart(app, 'a', { namespace: 'a' });
      new DenyAll(a, 'deny-all');
      new ApiObject(a, 'one', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' } });
      const two = new ApiObject(a, 'two', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } });
      two.addJsonPatch(JsonPatch.replace('/metadata/name', 'one'));
      return app;
    };
    expect(bothFail(build, { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE })).toMatch(/would both be written to ConfigMap\.one\.k8s\.yaml/);
  });

  test('FILE_PER_CHART and FILE_PER_APP never collide', () => {
    for (const yamlOutputType of [YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP]) {
      expect(thrown(() => synthesizeToMemory(isolation({ yamlOutputType })))).toBeUndefined();
      expect(thrown(() => synthesizeToMemory(denyInTwoCharts({ yamlOutputType })))).toBeUndefined();
    }
  });

  test('Testing.synth of one chart reports it too (the app would write both files)', () => {
    const app = Testing.app({ yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    for (const ns of ['a', 'b']) new DenyAll(new Chart(app, ns, { namespace: ns }), 'deny-all');
    expect(() => Testing.synth(app.node.findChild('a') as Chart)).toThrow(/would both be written to NetworkPolicy\.deny-all\.k8s\.yaml/);
  });
});

describe('Internet.exceptPrivate()', () => {
  test('excludes IPv6 loopback as the README says, on the written files', () => {
    const build: Build = (props) => {
      const app = new App(props);
      const c = new Chart(app, 'c', { namespace: 'shop' });
      new DenyAll(c, 'deny-all', { direction: DenyDirection.EGRESS });
      AllowFrom(c, frontend).to(Internet.exceptPrivate()).on(Port.HTTPS);
      return app;
    };
    const inv = world(writeBoth(build), [{ ns: 'shop', name: 'frontend', labels: { app: 'frontend' } }]);
    for (const denied of ['::1', '127.0.0.1', '10.1.2.3', '169.254.169.254', 'fd00::1', 'fe80::1', '100.64.0.1', '172.16.0.1', '192.168.1.1']) {
      expect([denied, allows(inv, 'shop/frontend', denied, 443)]).toEqual([denied, false]);
    }
    for (const open of ['203.0.113.9', '2001:db8::1', '8.8.8.8']) expect([open, allows(inv, 'shop/frontend', open, 443)]).toEqual([open, true]);
  });
});

describe('what changes between two syntheses is checked again', () => {
  test('a label added to a policy, a port given to an intent, a raw policy patched', () => {
    const app = new App();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    const deny = new DenyAll(c, 'deny-all');
    const intent = AllowFrom(c, frontend).to(web);
    const raw = new ApiObject(c, 'raw', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'raw' }, spec: { podSelector: {} } });
    expect(thrown(() => app.synthYaml())).toBeUndefined();
    deny.policy.metadata.addLabel('bad key!', 'x');
    expect(thrown(() => app.synthYaml())).toMatch(/\[c\/deny-all\/Resource\] metadata\.labels\.bad key!/);
    intent.on(Port.tcp(70000));
    expect(thrown(() => app.synthYaml())).toMatch(/\[c\/allow-frontend-to-web\] ports\[0\]\.port: invalid port number \(got 70000\)/);
    raw.addJsonPatch(JsonPatch.add('/spec/policyTypes', ['Sideways']));
    expect(thrown(() => app.synthYaml())).toMatch(/\[c\/raw\] spec\.policyTypes\[0\]: unsupported policy type/);
  });
});
