import { Chart, Testing } from 'cdk8s';
import { readClusterPolicy } from '../../lib/analysis/read-cluster-policy';
import { podSetMatches } from '../../lib/analysis/matching';
import { NetfenceError } from '../../lib/core/errors';
import { parseManifests } from '../../lib/io/manifests';
import { AlwaysAllowDns, DenyCloudMetadata, TenantIsolation } from '../../lib';

type Obj = Record<string, unknown>;

const cnp = (spec: Obj, name = 'p'): Obj => ({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec });
const anp = (spec: Obj, name = 'legacy'): Obj => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec });
const banp = (spec: Obj): Obj => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec });

describe('readClusterPolicy: ClusterNetworkPolicy', () => {
  test('reads tier, priority, subject, actions, names, peers and protocols', () => {
    const p = readClusterPolicy(
      cnp({
        tier: 'Baseline',
        priority: 42,
        subject: { pods: { podSelector: { matchLabels: { app: 'web' } } } },
        ingress: [
          { name: 'from-tenant', action: 'Pass', from: [{ namespaces: { matchLabels: { tenant: 'a' } } }] },
          {
            action: 'Deny',
            from: [{ pods: { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, podSelector: {} } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }, { udp: { destinationPort: { range: { start: 1000, end: 2000 } } } }, { destinationNamedPort: 'metrics' }],
          },
        ],
        egress: [
          {
            action: 'Accept',
            to: [{ networks: ['10.0.0.1/8', 'fd00::/8'] }, { nodes: { matchLabels: { role: 'infra' } } }, { domainNames: ['*.example.com'] }, { namespaces: {} }],
          },
        ],
      }),
    );
    expect(p).toMatchObject({
      kind: 'ClusterNetworkPolicy',
      tier: 'Baseline',
      priority: 42,
      name: 'p',
      id: 'cnp/p',
      isolatesIngress: false,
      isolatesEgress: false,
      subject: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } },
    });
    expect(p.namespace).toBeUndefined();
    expect(p.ingress).toEqual([
      { name: 'from-tenant', action: 'Pass', peers: [{ kind: 'pods', namespaceSelector: { matchLabels: { tenant: 'a' } } }] },
      {
        action: 'Deny',
        peers: [{ kind: 'pods', namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists', values: [] }] }, podSelector: {} }],
        ports: [
          { protocol: 'TCP', port: 80 },
          { protocol: 'UDP', port: 1000, endPort: 2000 },
          { protocol: 'TCP', port: 'metrics' },
          { protocol: 'UDP', port: 'metrics' },
          { protocol: 'SCTP', port: 'metrics' },
        ],
      },
    ]);
    const [egress] = p.egress;
    expect(egress.action).toBe('Accept');
    expect(egress.peers?.map((x) => (x.kind === 'ipBlock' ? x.cidr.canonical : x.kind))).toEqual(['10.0.0.0/8', 'fd00::/8', 'pods']);
    expect(egress.clusterPeers).toEqual([
      { kind: 'nodes', nodeSelector: { matchLabels: { role: 'infra' } } },
      { kind: 'domainNames', domainNames: ['*.example.com'] },
    ]);
  });

  test('rules of only node or domain peers list no pod or address peer (never "every peer")', () => {
    const p = readClusterPolicy(cnp({ tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ nodes: {} }] }] }));
    expect(p.egress[0].peers).toEqual([]);
    expect(p.egress[0].clusterPeers).toEqual([{ kind: 'nodes', nodeSelector: {} }]);
  });

  test('subjects and pod peers match through the one pod-set matcher, in every namespace when unspecified', () => {
    const p = readClusterPolicy(cnp({ tier: 'Admin', priority: 1, subject: { pods: { podSelector: { matchLabels: { app: 'db' } } } }, ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { tenant: 'b' } } }] }] }));
    const nsLabels: Record<string, Record<string, string>> = {
      anywhere: { 'kubernetes.io/metadata.name': 'anywhere' },
      b1: { 'kubernetes.io/metadata.name': 'b1', tenant: 'b' },
      a1: { 'kubernetes.io/metadata.name': 'a1', tenant: 'a' },
    };
    const pod = (namespace: string, labels: Record<string, string>) => ({ namespace, name: 'x', id: `${namespace}/x`, labels, ips: [], addresses: [], ports: [], kind: 'Pod', hostNetwork: false });
    const labelsOf = (n: string): Record<string, string> => nsLabels[n];
    expect(podSetMatches(p.subject, undefined, pod('anywhere', { app: 'db' }), labelsOf)).toBe(true);
    expect(podSetMatches(p.subject, undefined, pod('anywhere', { app: 'web' }), labelsOf)).toBe(false);
    const [peer] = p.ingress[0].peers!;
    expect(peer.kind === 'pods' && podSetMatches(peer, undefined, pod('b1', { any: 'pod' }), labelsOf)).toBe(true);
    expect(peer.kind === 'pods' && podSetMatches(peer, undefined, pod('a1', { any: 'pod' }), labelsOf)).toBe(false);
  });

  test('reads what the guardrail constructs write', () => {
    const c = new Chart(Testing.app(), 'platform', { namespace: 'ignored' });
    new DenyCloudMetadata(c, 'deny-cloud-metadata');
    new AlwaysAllowDns(c, 'allow-dns');
    new TenantIsolation(c, 'tenants', { tenants: ['a'] });
    const policies = (Testing.synth(c) as Obj[]).map((o) => readClusterPolicy(o));
    expect(policies.map((p) => `${p.id} ${p.tier} ${p.priority} ${p.ingress.map((r) => r.action).join(',')}/${p.egress.map((r) => r.action).join(',')}`)).toEqual([
      'cnp/deny-cloud-metadata Admin 10 /Deny',
      'cnp/allow-dns-egress Admin 20 /Accept',
      'cnp/allow-dns-ingress Admin 20 Accept/',
      'cnp/tenants-a Admin 100 Deny/Deny',
    ]);
    expect(policies[0].egress[0]).toMatchObject({ name: 'deny-cloud-metadata', peers: [{ kind: 'ipBlock' }, { kind: 'ipBlock' }] });
  });

  test('refuses, with file and line, what the API server rejects or nothing can evaluate', () => {
    const text = [
      'apiVersion: policy.networking.k8s.io/v1alpha2',
      'kind: ClusterNetworkPolicy',
      'metadata: {name: p}',
      'spec:',
      '  tier: Admin',
      '  priority: 2000',
      '  subject: {namespaces: {}}',
    ].join('\n');
    const [m] = parseManifests(text, 'cnp.yaml');
    expect(() => readClusterPolicy(m.object, m.locate)).toThrow(
      new NetfenceError('out of range (got 2000); must be an integer from 0 to 1000 (the API server would reject this ClusterNetworkPolicy)', { location: { file: 'cnp.yaml', line: 6, column: 13 }, field: 'spec.priority' }),
    );
    const bad = (spec: Obj): string => {
      try {
        readClusterPolicy(cnp({ tier: 'Admin', priority: 1, subject: { namespaces: {} }, ...spec }));
      } catch (e) {
        return (e as Error).message;
      }
      return 'read';
    };
    expect(bad({ ingress: [{ action: 'Deny', from: [{ namespaces: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] } }] }] })).toBe(
      'spec.ingress[0].from[0].namespaces.matchExpressions[0].operator: not a valid selector operator (got "Equals"); must be one of In, NotIn, Exists, DoesNotExist (case-sensitive); the engine cannot evaluate this selector, and neither can an implementation',
    );
    expect(bad({ subject: { namespaces: { matchLabels: { tenant: null } } } })).toMatch(/^spec\.subject\.namespaces\.matchLabels\.tenant: null label value/);
    expect(bad({ egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }], protocols: [{ destinationNamedPort: 'web' }] }] })).toMatch(/^spec\.egress\[0\]: named port with networks/);
    expect(bad({ egress: [{ action: 'Deny', to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] })).toMatch(/^spec\.egress\[0\]\.to\[0\]\.ipBlock: unknown field "ipBlock"/);
    expect(() => readClusterPolicy({ kind: 'NetworkPolicy' })).toThrow('kind: not a cluster-scoped policy kind (got "NetworkPolicy"); expected one of ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy');
    expect(() => readClusterPolicy({ ...cnp({ tier: 'Admin', priority: 1, subject: { namespaces: {} } }), metadata: { generateName: 'p-' } })).toThrow(
      'metadata.name: a policy read for analysis needs metadata.name',
    );
  });

  test('ignores metadata.namespace, as the API server does', () => {
    const p = readClusterPolicy({ ...cnp({ tier: 'Admin', priority: 1, subject: { namespaces: {} } }), metadata: { name: 'p', namespace: 'team-a' } });
    expect(p.namespace).toBeUndefined();
    expect(p.id).toBe('cnp/p');
  });
});

describe('readClusterPolicy: the legacy v1alpha1 kinds', () => {
  test('AdminNetworkPolicy: the Admin tier, Allow read as Accept, ports defaulted to TCP', () => {
    const p = readClusterPolicy(
      anp({
        priority: 7,
        subject: { namespaces: { matchLabels: { env: 'prod' } } },
        ingress: [{ action: 'Allow', name: 'monitoring', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ portNumber: { port: 9090 } }, { portRange: { protocol: 'UDP', start: 53, end: 53 } }] }],
        egress: [{ action: 'Pass', to: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } } }], ports: [{ namedPort: 'dns' }] }],
      }),
    );
    expect(p).toMatchObject({ kind: 'AdminNetworkPolicy', tier: 'Admin', priority: 7, id: 'anp/legacy' });
    expect(p.ingress[0]).toEqual({
      action: 'Accept',
      name: 'monitoring',
      peers: [{ kind: 'pods', namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      ports: [
        { protocol: 'TCP', port: 9090 },
        { protocol: 'UDP', port: 53 },
      ],
    });
    expect(p.egress[0]).toMatchObject({ action: 'Pass', ports: [{ protocol: 'TCP', port: 'dns' }, { protocol: 'UDP', port: 'dns' }, { protocol: 'SCTP', port: 'dns' }] });
  });

  test('AdminNetworkPolicy: refuses protocols and ranges nothing can evaluate', () => {
    const ports = (p: Obj): (() => unknown) => () => readClusterPolicy(anp({ priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ports: [p] }] }));
    expect(ports({ portNumber: { port: 80, protocol: 'ICMP' } })).toThrow('spec.ingress[0].ports[0].portNumber.protocol: protocol must be TCP, UDP, SCTP (got "ICMP"); the engine cannot evaluate another');
    expect(ports({ portRange: { start: 90, end: 80 } })).toThrow('spec.ingress[0].ports[0].portRange: the range 90-80 ends before it starts; what implementations do with it is not defined');
  });

  test('BaselineAdminNetworkPolicy: the Baseline tier at priority 0, Allow and Deny', () => {
    const p = readClusterPolicy(banp({ subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }], egress: [{ action: 'Allow', to: [{ networks: ['0.0.0.0/0'] }] }] }));
    expect(p).toMatchObject({ kind: 'BaselineAdminNetworkPolicy', tier: 'Baseline', priority: 0, id: 'banp/default' });
    expect(p.ingress[0].action).toBe('Deny');
    expect(p.egress[0].action).toBe('Accept');
    expect(() => readClusterPolicy({ ...banp({ subject: { namespaces: {} } }), metadata: { name: 'other' } })).toThrow(/^metadata\.name: not the singleton name/);
  });
});
