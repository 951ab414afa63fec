import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import {
  AlwaysAllow,
  AlwaysAllowDns,
  AlwaysAllowMonitoring,
  BaselineDefaultDeny,
  Cidr,
  ClusterNetworkPolicy,
  ClusterRule,
  ClusterTier,
  DelegateToNamespaces,
  DenyCloudMetadata,
  DenyDirection,
  DenyEgressTo,
  DomainNames,
  Internet,
  LabelRequirement,
  LabelSelector,
  Namespaces,
  Nodes,
  Peer,
  Pods,
  Port,
  Protocol,
  synthesizeToMemory,
  TenantIsolation,
  validateClusterNetworkPolicy,
} from '../../lib';

type Obj = { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: Record<string, unknown> };

function synthOne(build: (c: Chart) => void, namespace = 'shop'): Obj[] {
  const c = new Chart(Testing.app(), 'platform', { namespace });
  build(c);
  return Testing.synth(c) as Obj[];
}

function errorsOf(build: (c: Chart) => void): string {
  const app = Testing.app();
  build(new Chart(app, 'platform', { namespace: 'shop' }));
  try {
    app.synthYaml();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail');
}

const ALL = Namespaces.all();

describe('ClusterNetworkPolicy', () => {
  test('is cluster-scoped: no namespace, even in a chart with one, on both synthesis paths', () => {
    const app = Testing.app();
    const c = new Chart(app, 'platform', { namespace: 'shop' });
    new ClusterNetworkPolicy(c, 'Deny Metadata', { tier: ClusterTier.ADMIN, priority: 10, subject: ALL, egress: [ClusterRule.deny(Cidr.ipv4('169.254.169.254'))] });
    const [obj] = Testing.synth(c) as Obj[];
    expect(obj.metadata).toEqual({ name: 'deny-metadata' });
    const files = synthesizeToMemory(app);
    expect([...files.values()].join('')).not.toContain('namespace: shop');
    expect([...files.values()].join('')).toContain('name: deny-metadata');
  });

  test('writes tier, priority, subject and rules in order, with names and protocols', () => {
    const [obj] = synthOne((c) =>
      new ClusterNetworkPolicy(c, 'p', {
        tier: ClusterTier.BASELINE,
        priority: 7,
        subject: Pods.labelled({ app: 'web' }).inNamespacesLabelled({ team: 'a' }),
        ingress: [
          ClusterRule.pass(Namespaces.named('a')).named('pass-a'),
          ClusterRule.deny(Pods.all().inAnyNamespace(), Pods.labelled({ app: 'x' }).inNamespace('b')).on(Port.tcp(80), Port.udpRange(1000, 2000), Port.allSctp(), Port.named('metrics'), Port.tcp(80)),
        ],
        egress: [ClusterRule.accept(Cidr.of('10.0.0.0/8'), Namespaces.all(), Cidr.anyOf(Cidr.of('fd00::/8'), Cidr.of('10.0.0.0/8'))).on(Port.tcpRange(443, 443))],
      }),
    );
    expect(obj).toEqual({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'p' },
      spec: {
        tier: 'Baseline',
        priority: 7,
        subject: { pods: { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'web' } } } },
        ingress: [
          { name: 'pass-a', action: 'Pass', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } }] },
          {
            action: 'Deny',
            from: [{ namespaces: {} }, { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } }, podSelector: { matchLabels: { app: 'x' } } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { range: { start: 1000, end: 2000 } } } },
              { sctp: { destinationPort: { range: { start: 1, end: 65535 } } } },
              { destinationNamedPort: 'metrics' },
            ],
          },
        ],
        egress: [{ action: 'Accept', to: [{ namespaces: {} }, { networks: ['10.0.0.0/8', 'fd00::/8'] }], protocols: [{ tcp: { destinationPort: { number: 443 } } }] }],
      },
    });
    expect(validateClusterNetworkPolicy(obj)).toEqual([]);
  });

  test('splits more than 25 CIDRs or domain names into several peers', () => {
    const cidrs = Array.from({ length: 30 }, (_, i) => Cidr.of(`10.${i}.0.0/16`));
    const [obj] = synthOne((c) => new ClusterNetworkPolicy(c, 'p', { tier: ClusterTier.ADMIN, priority: 1, subject: ALL, egress: [ClusterRule.deny(...cidrs)] }));
    const to = (obj.spec.egress as { to: { networks: string[] }[] }[])[0].to;
    expect(to.map((p) => p.networks.length)).toEqual([25, 5]);
  });

  test('nodes and domain names select the experimental channel for validation', () => {
    const [obj] = synthOne((c) =>
      new ClusterNetworkPolicy(c, 'p', {
        tier: ClusterTier.ADMIN,
        priority: 1,
        subject: ALL,
        egress: [ClusterRule.accept(Nodes.labelled({ 'node-role.kubernetes.io/control-plane': '' }), DomainNames.of('*.example.com', 'api.example.com')).on(Port.HTTPS)],
      }),
    );
    expect((obj.spec.egress as unknown[])[0]).toEqual({
      action: 'Accept',
      to: [{ nodes: { matchLabels: { 'node-role.kubernetes.io/control-plane': '' } } }, { domainNames: ['*.example.com', 'api.example.com'] }],
      protocols: [{ tcp: { destinationPort: { number: 443 } } }],
    });
    expect(
      errorsOf((c) => new ClusterNetworkPolicy(c, 'p', { tier: ClusterTier.ADMIN, priority: 1, subject: ALL, crdChannel: 'standard', egress: [ClusterRule.accept(Nodes.all())] })),
    ).toContain('[platform/p] spec.egress[0].to[0].nodes: unknown field "nodes" in the standard channel');
  });

  test('everything it cannot write faithfully is a synth error naming the construct and the field', () => {
    const message = errorsOf((c) => {
      new ClusterNetworkPolicy(c, 'x', {
        tier: ClusterTier.ADMIN,
        priority: 1001,
        subject: Pods.labelled({ app: 'x' }),
        ingress: [ClusterRule.accept(Cidr.of('10.0.0.0/8'), Nodes.all()), ClusterRule.deny()],
        egress: [
          ClusterRule.deny(Internet.exceptPrivate(), Peer.anyone()).on(Port.named('dns', Protocol.UDP), Port.tcpRange(9, 3)),
          ClusterRule.deny(DomainNames.of('example.com')),
          ClusterRule.accept(Cidr.of('10.0.0.0/8')).on(Port.named('web')),
          ClusterRule.accept(Namespaces.all()).on(),
        ],
      });
      new ClusterNetworkPolicy(c, 'empty', { tier: ClusterTier.ADMIN, priority: 1, subject: Cidr.of('10.0.0.0/8') });
    });
    expect(message.split('\n')).toEqual([
      'Validation failed with the following errors:',
      "  [platform/x] spec.subject: pods app=x in namespace <none>: a cluster-scoped policy has no namespace of its own to lend; say where the pods are: .inNamespace('name'), .inNamespacesLabelled({...}) or .inAnyNamespace()",
      '  [platform/x] spec.ingress[0].from[0]: 10.0.0.0/8 cannot be an ingress peer: ClusterNetworkPolicy ingress rules name pods only (Pods, Namespaces); match addresses outside the cluster with an egress rule on the sender or a NetworkPolicy ipBlock',
      '  [platform/x] spec.ingress[0].from[1]: every node cannot be an ingress peer: ClusterNetworkPolicy ingress rules name pods only (Pods, Namespaces); match addresses outside the cluster with an egress rule on the sender or a NetworkPolicy ipBlock',
      '  [platform/x] spec.ingress[1].from: a rule needs at least one peer; ClusterNetworkPolicy has no "every peer" rule, so name them (Namespaces.all() is every pod)',
      '  [platform/x] spec.egress[0].to[0]: 0.0.0.0/0 except 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16: ClusterNetworkPolicy networks cannot carve out exceptions; put a rule for the exceptions before this one (a Pass or the opposite action)',
      '  [platform/x] spec.egress[0].to[0]: ::/0 except ::1/128, fc00::/7, fe80::/10: ClusterNetworkPolicy networks cannot carve out exceptions; put a rule for the exceptions before this one (a Pass or the opposite action)',
      '  [platform/x] spec.egress[0].to[1]: Peer.anyone() has no ClusterNetworkPolicy form; name the peers: Namespaces.all() (every pod) and, for egress, Internet.all() (every address)',
      "  [platform/x] spec.egress[0].protocols[0]: dns/UDP: a ClusterNetworkPolicy named port takes its protocol from the container port and cannot be limited to UDP; write Port.named('dns'), or use port numbers",
      '  [platform/x] spec.egress[0].protocols[1]: range 9-3 ends before it starts; the end must be greater than the start',
      '  [platform/x] spec.egress[1].to: domain names are supported in Accept rules only (the API matches them by watching DNS answers); deny everything else with a later rule, or name the addresses with Cidr',
      '  [platform/x] spec.egress[2].protocols: a named port is resolved against pod container ports, so it cannot go with CIDR, node or domain name peers; use port numbers, or split the rule',
      '  [platform/x] spec.egress[3].protocols: an empty port list; list the ports, or leave them out to match every port',
      '  [platform/empty] spec.subject: 10.0.0.0/8 is not one set of pods; a subject is Namespaces or Pods placed in namespaces (one value; write one policy per set)',
      '  [platform/empty] spec: no ingress or egress rules; the policy would do nothing; give `ingress` or `egress` rules',
    ]);
  });

  test('what only the API server checks is reported through the validator, at synth', () => {
    expect(errorsOf((c) => new ClusterNetworkPolicy(c, 'Bad_Name', { name: 'Bad_Name', tier: ClusterTier.ADMIN, priority: 1001, subject: ALL, egress: [ClusterRule.deny(Cidr.of('10.0.0.1/8'))] }))).toBe(
      [
        'Validation failed with the following errors:',
        '  [platform/Bad_Name] metadata.name: invalid name (got "Bad_Name"); a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
        '  [platform/Bad_Name] spec.priority: out of range (got 1001); must be an integer from 0 to 1000',
        '  [platform/Bad_Name] spec.egress[0].to[0].networks[0]: bits set beyond the prefix length (got "10.0.0.1/8"); the API server accepts it, but it means the whole block 10.0.0.0/8; write "10.0.0.0/8" or the single address "10.0.0.1/32"',
      ].join('\n'),
    );
  });

  test('rules added later come after the ones given', () => {
    const [obj] = synthOne((c) => {
      const p = new ClusterNetworkPolicy(c, 'p', { tier: ClusterTier.ADMIN, priority: 1, subject: ALL, ingress: [ClusterRule.pass(Namespaces.named('a'))] });
      p.addIngressRule(ClusterRule.deny(ALL));
      p.addEgressRule(ClusterRule.deny(Internet.all()));
    });
    expect((obj.spec.ingress as { action: string }[]).map((r) => r.action)).toEqual(['Pass', 'Deny']);
    expect(obj.spec.egress).toEqual([{ action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] }]);
  });

  test('two cluster-scoped policies of one kind and name are a synth error naming both constructs, raw objects included', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'x' });
    const b = new Chart(app, 'b', { namespace: 'y' });
    new DenyCloudMetadata(a, 'guard', { name: 'same' });
    new ClusterNetworkPolicy(b, 'other', { name: 'same', tier: ClusterTier.BASELINE, priority: 1, subject: ALL, ingress: [ClusterRule.deny(ALL)] });
    new ApiObject(b, 'raw', { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'same' } });
    new ApiObject(b, 'np', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'same' }, spec: { podSelector: {} } });
    expect(() => synthesizeToMemory(app)).toThrow(
      [
        'Validation failed with the following errors:',
        '  [netfence.ClusterPolicyNames] metadata.name: ClusterNetworkPolicy same is written twice, by a/guard/policy and b/other; cluster-scoped names are unique in the whole cluster, so give one of them another `name`',
        '  [netfence.ClusterPolicyNames] metadata.name: ClusterNetworkPolicy same is written twice, by a/guard/policy and b/raw; cluster-scoped names are unique in the whole cluster, so give one of them another `name`',
      ].join('\n'),
    );
  });

  test('netfence synthesis writes the same bytes as cdk8s', () => {
    const build = (outdir?: string): App => {
      const app = new App(outdir ? { outdir } : {});
      const c = new Chart(app, 'guardrails', { namespace: 'platform', labels: { team: 'platform' } });
      new DenyCloudMetadata(c, 'deny-cloud-metadata');
      new TenantIsolation(c, 'tenants', { tenants: ['blue', 'red'] });
      new BaselineDefaultDeny(c, 'default-deny');
      return app;
    };
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-cnp-'));
    build(outdir).synth();
    const ours = synthesizeToMemory(build());
    for (const [file, text] of ours) expect(fs.readFileSync(path.join(outdir, file), 'utf8')).toBe(text);
    expect([...ours.values()].join('')).toContain('team: platform');
  });
});

describe('guardrails', () => {
  test('a platform team\'s first week, as YAML', () => {
    const objects = synthOne((c) => {
      new DenyCloudMetadata(c, 'deny-cloud-metadata');
      new AlwaysAllowDns(c, 'allow-dns');
      new AlwaysAllowMonitoring(c, 'allow-monitoring', { ports: [Port.named('metrics')] });
      new DelegateToNamespaces(c, 'delegate-legacy', { namespaces: Namespaces.named('legacy-a', 'legacy-b') });
      new TenantIsolation(c, 'tenants', { tenants: ['blue', 'red'] });
      new BaselineDefaultDeny(c, 'default-deny');
    });
    expect(objects.map((o) => `${o.metadata.name} ${String(o.spec.tier)} ${String(o.spec.priority)}`)).toEqual([
      'deny-cloud-metadata Admin 10',
      'allow-dns-egress Admin 20',
      'allow-dns-ingress Admin 20',
      'allow-monitoring-egress Admin 30',
      'allow-monitoring-ingress Admin 30',
      'delegate-legacy Admin 50',
      'tenants-blue Admin 100',
      'tenants-red Admin 100',
      'default-deny Baseline 1000',
    ]);
    for (const o of objects) expect(validateClusterNetworkPolicy(o)).toEqual([]);
    expect(objects).toMatchSnapshot();
  });

  test('BaselineDefaultDeny: directions, namespaces and exceptions', () => {
    const [egressOnly] = synthOne((c) => new BaselineDefaultDeny(c, 'd', { direction: DenyDirection.EGRESS, exceptNamespaces: ['kube-system', 'monitoring', 'kube-system'] }));
    expect(egressOnly.spec.ingress).toBeUndefined();
    expect(egressOnly.spec.subject).toEqual({ namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'monitoring'] }] } });
    const [ingressOnly] = synthOne((c) => new BaselineDefaultDeny(c, 'd', { direction: DenyDirection.INGRESS, namespaces: Namespaces.labelled({ env: 'prod' }), priority: 900 }));
    expect(ingressOnly.spec).toEqual({
      tier: 'Baseline',
      priority: 900,
      subject: { namespaces: { matchLabels: { env: 'prod' } } },
      ingress: [{ name: 'deny-all-ingress', action: 'Deny', from: [{ namespaces: {} }] }],
    });
    const [all] = synthOne((c) => new BaselineDefaultDeny(c, 'd', { exceptNamespaces: [] }));
    expect(all.spec.subject).toEqual({ namespaces: {} });
  });

  test('TenantIsolation refuses an empty or repeated tenant list', () => {
    const c = new Chart(Testing.app(), 'c');
    expect(() => new TenantIsolation(c, 't', { tenants: [] })).toThrow('c/t: tenants is empty; list the tenants to isolate');
    expect(() => new TenantIsolation(c, 'u', { tenants: ['a', 'b', 'a'] })).toThrow('c/u: tenants lists a more than once; list each once');
  });

  test('TenantIsolation uses the label it is given and denies every other tenant, listed or not', () => {
    const [blue] = synthOne((c) => new TenantIsolation(c, 'iso', { tenants: ['blue'], label: 'example.com/tenant', priority: 5 }));
    const others = { namespaces: { matchExpressions: [{ key: 'example.com/tenant', operator: 'Exists' }, { key: 'example.com/tenant', operator: 'NotIn', values: ['blue'] }] } };
    expect(blue.spec).toEqual({
      tier: 'Admin',
      priority: 5,
      subject: { namespaces: { matchLabels: { 'example.com/tenant': 'blue' } } },
      ingress: [{ name: 'deny-from-other-tenants', action: 'Deny', from: [others] }],
      egress: [{ name: 'deny-to-other-tenants', action: 'Deny', to: [others] }],
    });
    expect(LabelSelector.matchExpressions(LabelRequirement.exists('example.com/tenant'), LabelRequirement.notIn('example.com/tenant', ['blue'])).matches({ 'example.com/tenant': 'green' })).toBe(true);
  });

  test('AlwaysAllow writes both sides; DenyEgressTo takes ports and refuses carve-outs', () => {
    const objects = synthOne((c) => {
      new AlwaysAllow(c, 'ingress-controller', { from: Pods.labelled({ app: 'ingress-nginx' }).inNamespace('ingress'), to: ALL, ports: [Port.HTTP, Port.HTTPS] });
      new DenyEgressTo(c, 'deny-smtp', { destinations: [Internet.all()], ports: [Port.SMTP] });
    });
    expect(objects.map((o) => [o.metadata.name, Object.keys(o.spec).filter((k) => k === 'ingress' || k === 'egress')])).toEqual([
      ['ingress-controller-egress', ['egress']],
      ['ingress-controller-ingress', ['ingress']],
      ['deny-smtp', ['egress']],
    ]);
    expect(errorsOf((c) => new DenyEgressTo(c, 'd', { destinations: [Cidr.of('10.0.0.0/8').except('10.1.0.0/16')] }))).toContain(
      '[platform/d/policy] spec.egress[0].to[0]: 10.0.0.0/8 except 10.1.0.0/16: ClusterNetworkPolicy networks cannot carve out exceptions',
    );
  });
});
