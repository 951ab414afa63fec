import * as path from 'path';
import { loadManifests } from '../../lib/io/manifests';
import {
  formatFinding,
  formatManifestFinding,
  validateAdminNetworkPolicy,
  validateBaselineAdminNetworkPolicy,
  validateClusterNetworkPolicy,
  validateManifests,
} from '../../lib/validate';
import { run } from '../cli/run-cli';

type Obj = Record<string, unknown>;

function cnp(spec: Obj, metadata: Obj = { name: 'p' }): Obj {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata, spec };
}

const BASE = { tier: 'Admin', priority: 10, subject: { namespaces: {} } };

function lines(obj: unknown, options: Parameters<typeof validateClusterNetworkPolicy>[1] = {}): string[] {
  return validateClusterNetworkPolicy(obj, options).map(formatFinding);
}

describe('validateClusterNetworkPolicy', () => {
  test('accepts a valid policy of every field, in either channel where the fields exist', () => {
    const full = cnp({
      ...BASE,
      subject: { pods: { namespaceSelector: { matchLabels: { tenant: 'a' } }, podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } } },
      ingress: [
        { name: 'x'.repeat(100), action: 'Pass', from: [{ namespaces: { matchLabels: { tenant: 'a' } } }, { pods: { podSelector: {} } }] },
        { action: 'Deny', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { number: 80 } } }, { udp: { destinationPort: { range: { start: 1, end: 65535 } } } }, { destinationNamedPort: 'metrics' }] },
      ],
      egress: [{ action: 'Accept', to: [{ networks: ['10.0.0.0/8', 'fd00::/8'] }], protocols: [{ sctp: { destinationPort: { number: 9003 } } }] }],
    });
    expect(lines(full)).toEqual([]);
    expect(lines(full, { channel: 'experimental' })).toEqual([]);
    const experimental = cnp({ ...BASE, egress: [{ action: 'Accept', to: [{ nodes: {} }, { domainNames: ['*.example.com', 'api.example.com'] }] }] });
    expect(lines(experimental, { channel: 'experimental' })).toEqual([]);
  });

  test.each([
    ['missing spec', { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'p' } }, 'spec: missing required field "spec"; must be a mapping (a ClusterNetworkPolicySpec)'],
    ['wrong kind', { ...cnp(BASE), kind: 'AdminNetworkPolicy' }, 'kind: not ClusterNetworkPolicy (got "AdminNetworkPolicy"); must be ClusterNetworkPolicy'],
    ['wrong apiVersion', { ...cnp(BASE), apiVersion: 'policy.networking.k8s.io/v1alpha1' }, 'apiVersion: unsupported apiVersion (got "policy.networking.k8s.io/v1alpha1"); ClusterNetworkPolicy is served as policy.networking.k8s.io/v1alpha2'],
    ['bad name', cnp(BASE, { name: 'Tenant_Isolation' }), 'metadata.name: invalid name (got "Tenant_Isolation")'],
    ['tier', cnp({ ...BASE, tier: 'NetworkPolicy' }), 'spec.tier: unsupported value (got "NetworkPolicy"); must be one of Admin, Baseline'],
    ['priority range', cnp({ ...BASE, priority: -1 }), 'spec.priority: out of range (got -1); must be an integer from 0 to 1000'],
    ['priority quoted', cnp({ ...BASE, priority: '10' }), 'spec.priority: wrong type (got "10"); must be an integer from 0 to 1000; write it unquoted (10)'],
    ['no subject', cnp({ tier: 'Admin', priority: 1 }), 'spec.subject: missing required field "subject"; must be a mapping (a ClusterNetworkPolicySubject)'],
    ['empty subject', cnp({ ...BASE, subject: {} }), 'spec.subject: no field set; set exactly one of namespaces, pods'],
    ['pods without podSelector', cnp({ ...BASE, subject: { pods: { namespaceSelector: {} } } }), 'spec.subject.pods.podSelector: missing required field "podSelector"; must be a mapping (a LabelSelector)'],
    ['26 rules', cnp({ ...BASE, ingress: Array.from({ length: 26 }, () => ({ action: 'Deny', from: [{ namespaces: {} }] })) }), 'spec.ingress: too many items (26); must have at most 25 items'],
    ['action', cnp({ ...BASE, ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }] }), 'spec.ingress[0].action: unsupported value (got "Allow"); must be one of Accept, Deny, Pass'],
    ['missing from', cnp({ ...BASE, ingress: [{ action: 'Deny' }] }), 'spec.ingress[0].from: missing required field "from"; must be a list of 1 to 25 items'],
    ['two peer fields', cnp({ ...BASE, ingress: [{ action: 'Deny', from: [{ namespaces: {}, pods: { podSelector: {} } }] }] }), 'spec.ingress[0].from[0]: 2 fields set (namespaces, pods); set exactly one of namespaces, pods; use separate entries for the others'],
    ['networks at ingress', cnp({ ...BASE, ingress: [{ action: 'Deny', from: [{ networks: ['10.0.0.0/8'] }] }] }), 'spec.ingress[0].from[0].networks: unknown field "networks"; a ClusterNetworkPolicyIngressPeer has namespaces, pods'],
    ['ipBlock typo', cnp({ ...BASE, egress: [{ action: 'Deny', to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }), 'spec.egress[0].to[0].ipBlock: unknown field "ipBlock"'],
    ['duplicate network', cnp({ ...BASE, egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8', '10.0.0.0/8'] }] }] }), 'spec.egress[0].to[0].networks[1]: duplicate value (got "10.0.0.0/8"); the list is a set: "10.0.0.0/8" is already item 0; list it once'],
    ['mapped IPv6', cnp({ ...BASE, egress: [{ action: 'Deny', to: [{ networks: ['::ffff:10.0.0.0/104'] }] }] }), 'spec.egress[0].to[0].networks[0]: invalid CIDR (got "::ffff:10.0.0.0/104"); must not be an IPv4-mapped IPv6 address'],
    ['leading zeros', cnp({ ...BASE, egress: [{ action: 'Deny', to: [{ networks: ['010.0.0.0/8'] }] }] }), 'spec.egress[0].to[0].networks[0]: invalid CIDR (got "010.0.0.0/8"); must not have leading 0s in IP or prefix length; write "10.0.0.0/8"'],
    ['44 characters', cnp({ ...BASE, egress: [{ action: 'Deny', to: [{ networks: ['1234:5678:9abc:def0:1234:5678:9abc:def0:1/128'] }] }] }), 'spec.egress[0].to[0].networks[0]: too long (45 characters); must have at most 43 characters'],
    ['empty protocols', cnp({ ...BASE, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [] }] }), 'spec.ingress[0].protocols: empty list; must have at least 1 item; leave the field out instead of writing an empty list'],
    ['tcp without port', cnp({ ...BASE, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ tcp: {} }] }] }), 'spec.ingress[0].protocols[0].tcp: no field set; give destinationPort: a number, or a range (start: 1, end: 65535 for every port)'],
    ['number and range', cnp({ ...BASE, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { number: 80, range: { start: 1, end: 2 } } } }] }] }), 'spec.ingress[0].protocols[0].tcp.destinationPort: 2 fields set (number, range)'],
    ['port 0', cnp({ ...BASE, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ udp: { destinationPort: { number: 0 } } }] }] }), 'spec.ingress[0].protocols[0].udp.destinationPort.number: out of range (got 0); must be an integer from 1 to 65535'],
    ['reversed range', cnp({ ...BASE, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { range: { start: 90, end: 80 } } } }] }] }), 'spec.ingress[0].protocols[0].tcp.destinationPort.range: start port 90 is not less than end port 80; the start port must be less than the end port'],
    ['one-port range', cnp({ ...BASE, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { range: { start: 80, end: 80 } } } }] }] }), 'for one port write number: 80'],
    ['icmp', cnp({ ...BASE, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ icmp: {} }] }] }), 'spec.ingress[0].protocols[0].icmp: unknown field "icmp"'],
    ['long rule name', cnp({ ...BASE, ingress: [{ name: 'x'.repeat(101), action: 'Deny', from: [{ namespaces: {} }] }] }), 'spec.ingress[0].name: too long (101 characters); must have at most 100 characters'],
    ['selector requirement without key', cnp({ ...BASE, subject: { namespaces: { matchExpressions: [{ operator: 'Exists' }] } } }), 'spec.subject.namespaces.matchExpressions[0].key: missing required field "key"; must be a string'],
    ['label value type', cnp({ ...BASE, subject: { namespaces: { matchLabels: { enabled: true } } } }), 'spec.subject.namespaces.matchLabels.enabled: wrong type (got true); must be a string; YAML reads unquoted true as a boolean: quote it ("true")'],
    ['unknown spec field', cnp({ ...BASE, podSelector: {} }), 'spec.podSelector: unknown field "podSelector"'],
  ])('reports %s', (_name, obj, expected) => {
    expect(lines(obj).some((l) => l.startsWith(expected) || l.includes(expected))).toBe(true);
  });

  test('standard channel: nodes and domainNames are unknown fields that name the experimental channel', () => {
    const obj = cnp({ ...BASE, egress: [{ action: 'Accept', to: [{ domainNames: ['example.com'] }] }] });
    expect(lines(obj)).toEqual([
      'spec.egress[0].to[0].domainNames: unknown field "domainNames" in the standard channel; only the experimental CRD has domainNames: install it in the cluster and validate with the experimental channel, or use namespaces, pods, networks',
    ]);
    expect(lines(obj, { channel: 'experimental' })).toEqual([]);
  });

  test('domain names follow the CRD pattern, including its A-z quirk', () => {
    const names = (n: string): string[] => lines(cnp({ ...BASE, egress: [{ action: 'Accept', to: [{ domainNames: [n] }] }] }), { channel: 'experimental' });
    expect(names('*.example.com')).toEqual([]);
    expect(names('example.com.')).toEqual([]);
    expect(names('[weird.example.com')).toEqual([]); // `A-z` in the CRD's pattern also admits [ \ ] ^ _ `
    for (const bad of ['localhost', 'ex*ample.com', '*.*.example.com', '-a.example.com', 'a..b']) {
      expect(names(bad)).toEqual([expect.stringMatching(/^spec\.egress\[0\]\.to\[0\]\.domainNames\[0\]: invalid value/)]);
    }
  });

  test('a named port with address peers: a CEL error in the experimental channel, netfence\'s own finding in the standard one', () => {
    const obj = cnp({ ...BASE, egress: [{ action: 'Accept', to: [{ networks: ['10.0.0.0/8'] }], protocols: [{ destinationNamedPort: 'web' }] }] });
    expect(lines(obj, { channel: 'experimental', rules: 'api-server' })).toEqual([
      'spec.egress[0]: named port with networks, nodes or domain names peers; destinationNamedPort names a pod container port, and networks, nodes and domain names have none; use port numbers, or split the rule so the named port goes with pods peers only',
    ]);
    expect(lines(obj, { rules: 'api-server' })).toEqual([]);
    expect(lines(obj)).toEqual([expect.stringContaining('(the standard CRD lets it through; the experimental one and the Go API do not)')]);
    const podsOnly = cnp({ ...BASE, egress: [{ action: 'Accept', to: [{ namespaces: {} }], protocols: [{ destinationNamedPort: 'web' }] }] });
    expect(lines(podsOnly, { channel: 'experimental' })).toEqual([]);
  });

  test('null fields count as absent, as the API server drops them; null list items are wrong types', () => {
    expect(lines(cnp({ ...BASE, subject: { namespaces: {}, pods: null }, ingress: null }))).toEqual([]);
    expect(lines(cnp({ ...BASE, tier: null }))).toEqual(['spec.tier: missing required field "tier"; must be one of Admin, Baseline (case-sensitive)']);
    expect(lines(cnp({ ...BASE, ingress: [null] }))).toEqual(['spec.ingress[0]: wrong type (got null); must be a mapping (a ClusterNetworkPolicyIngressRule)']);
  });

  test('status is dropped on create: only its unknown fields are reported', () => {
    const obj = { ...cnp(BASE), status: { conditions: [{ type: 5, status: 'Maybe' }, { extra: 1 }] } };
    expect(lines(obj)).toEqual(['status.conditions[1].extra: unknown field "extra"; a Condition has lastTransitionTime, message, observedGeneration, reason, status, type']);
  });

  test('netfence\'s own checks, and only those, disappear with rules: api-server', () => {
    const obj = cnp(
      {
        ...BASE,
        subject: { namespaces: { matchLabels: { tenant: null }, matchExpressions: [{ key: 'team', operator: 'In' }] } },
        egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.1/8'] }, { pods: { podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] } } }] }],
      },
      { name: 'p', namespace: 'team-a' },
    );
    expect(lines(obj, { rules: 'api-server' })).toEqual([]);
    expect(lines(obj)).toEqual([
      'metadata.namespace: namespace on a cluster-scoped ClusterNetworkPolicy (got "team-a"); the API server drops it and the policy applies to every namespace its subject selects; remove metadata.namespace (select namespaces in spec.subject)',
      'spec.subject.namespaces.matchLabels.tenant: null label value (got null); the API server drops this entry, so the selector matches more than written; write "" for an empty value, or remove tenant',
      'spec.subject.namespaces.matchExpressions[0].values: values are required when operator is In; list at least one value, or use Exists to match any value (the CRD does not check selectors, so the API server stores it, but implementations cannot evaluate it)',
      'spec.egress[0].to[0].networks[0]: bits set beyond the prefix length (got "10.0.0.1/8"); the API server accepts it, but it means the whole block 10.0.0.0/8; write "10.0.0.0/8" or the single address "10.0.0.1/32"',
      'spec.egress[0].to[1].pods.podSelector.matchExpressions[0].operator: not a valid selector operator (got "Equals"); must be one of In, NotIn, Exists, DoesNotExist (case-sensitive) (the CRD does not check selectors, so the API server stores it, but implementations cannot evaluate it)',
    ]);
  });

  test('never throws on any shape', () => {
    for (const junk of [null, 5, 'x', [], { spec: 5 }, { spec: { ingress: 'x', egress: [5] } }, { metadata: 5, spec: { subject: [] } }]) {
      expect(() => validateClusterNetworkPolicy(junk)).not.toThrow();
      expect(validateClusterNetworkPolicy(junk).length).toBeGreaterThan(0);
    }
  });
});

describe('the legacy v1alpha1 kinds', () => {
  const anp = (spec: Obj, name = 'legacy'): Obj => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec });
  const banp = (spec: Obj, name = 'default'): Obj => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name }, spec });
  const subject = { pods: { namespaceSelector: {}, podSelector: {} } };

  test('AdminNetworkPolicy: Allow, Deny, Pass; ports default to TCP; pods need both selectors', () => {
    const ok = anp({ priority: 5, subject, ingress: [{ action: 'Allow', from: [{ namespaces: {} }], ports: [{ portNumber: { port: 80 } }, { portRange: { start: 8000, end: 8100, protocol: 'UDP' } }] }] });
    expect(validateAdminNetworkPolicy(ok).map(formatFinding)).toEqual([]);
    const bad = anp({ priority: 5, subject: { pods: { podSelector: {} } }, egress: [{ action: 'Accept', to: [{ namespaces: {} }] }] });
    expect(validateAdminNetworkPolicy(bad).map(formatFinding)).toEqual([
      'spec.subject.pods.namespaceSelector: missing required field "namespaceSelector"; must be a mapping (a LabelSelector)',
      'spec.egress[0].action: unsupported value (got "Accept"); must be one of Allow, Deny, Pass',
    ]);
  });

  test('AdminNetworkPolicy: the CRD takes any protocol text and reversed ranges; netfence reports both', () => {
    const obj = anp({ priority: 5, subject, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ports: [{ portNumber: { port: 80, protocol: 'tcp' } }, { portRange: { start: 90, end: 80 } }] }] });
    expect(validateAdminNetworkPolicy(obj, { rules: 'api-server' })).toEqual([]);
    expect(validateAdminNetworkPolicy(obj).map(formatFinding)).toEqual([
      'spec.ingress[0].ports[0].portNumber.protocol: unsupported protocol (got "tcp"); must be TCP, UDP, SCTP (case-sensitive: "TCP"); the CRD accepts any text, implementations do not',
      'spec.ingress[0].ports[1].portRange: start port 90 is not less than end port 80; the start port must be less than the end port (the API documents it; the v1alpha1 CRD does not check it)',
    ]);
  });

  test('AdminNetworkPolicy: namedPort is experimental, and never with networks', () => {
    const obj = anp({ priority: 5, subject, egress: [{ action: 'Allow', to: [{ networks: ['10.0.0.0/8'] }], ports: [{ namedPort: 'web' }] }] });
    expect(validateAdminNetworkPolicy(obj).map(formatFinding)).toContainEqual(expect.stringMatching(/^spec\.egress\[0\]\.ports\[0\]\.namedPort: unknown field "namedPort" in the standard channel/));
    expect(validateAdminNetworkPolicy(obj, { channel: 'experimental' }).map(formatFinding)).toEqual([
      'spec.egress[0]: named port with networks, nodes or domain names peers; namedPort names a pod container port, and networks, nodes, domainNames peers have none; use portNumber or portRange, or split the rule',
    ]);
  });

  test('BaselineAdminNetworkPolicy: the singleton "default", no priority, no Pass', () => {
    expect(validateBaselineAdminNetworkPolicy(banp({ subject, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }))).toEqual([]);
    expect(validateBaselineAdminNetworkPolicy(banp({ priority: 1, subject, egress: [{ action: 'Pass', to: [{ namespaces: {} }] }] }, 'baseline')).map(formatFinding)).toEqual([
      'metadata.name: not the singleton name (got "baseline"); a BaselineAdminNetworkPolicy must be named "default": only one can exist in a cluster',
      'spec.priority: unknown field "priority"; a BaselineAdminNetworkPolicySpec has subject, ingress, egress',
      'spec.egress[0].action: unsupported value (got "Pass"); must be one of Allow, Deny',
    ]);
  });
});

describe('validate on files', () => {
  const fixture = path.join(__dirname, 'fixtures', 'cluster-policies.yaml');
  const rel = path.relative(process.cwd(), fixture);

  test('dispatches by kind and places every finding at its file, line and column', () => {
    const report = validateManifests(loadManifests([rel]));
    expect(report.checkedByKind).toEqual({ ClusterNetworkPolicy: 2, AdminNetworkPolicy: 1, BaselineAdminNetworkPolicy: 1 });
    expect(report.invalid).toBe(2);
    const out = report.findings.map(formatManifestFinding);
    expect(out[0]).toBe(
      `${rel}:21:14: ClusterNetworkPolicy/broken metadata.namespace: namespace on a cluster-scoped ClusterNetworkPolicy (got "team-a"); the API server drops it and the policy applies to every namespace its subject selects; remove metadata.namespace (select namespaces in spec.subject)`,
    );
    expect(out).toContain(`${rel}:23:9: ClusterNetworkPolicy/broken spec.tier: unsupported value (got "admin"); must be one of Admin, Baseline (case-sensitive: "Admin")`);
    expect(out).toContain(`${rel}:36:36: ClusterNetworkPolicy/broken spec.egress[0].to[1].networks[1]: invalid CIDR (got "10.0.0.0/33"); must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`);
    expect(out[out.length - 1]).toBe(`${rel}:64:15: BaselineAdminNetworkPolicy/baseline spec.ingress[0].action: unsupported value (got "Pass"); must be one of Allow, Deny`);
  });

  test('netfence validate counts every kind and takes --crd-channel', async () => {
    const standard = await run(['validate', '-f', rel]);
    expect(standard.code).toBe(1);
    expect(standard.stdout).toMatch(/\n11 problems in 2 of 2 ClusterNetworkPolicies, 1 AdminNetworkPolicy, 1 BaselineAdminNetworkPolicy\n$/);
    const experimental = await run(['validate', '-f', rel, '--crd-channel', 'experimental']);
    expect(experimental.stdout).not.toContain('unknown field "nodes"');
    expect(experimental.stdout).toMatch(/\n10 problems in 2 of 2 ClusterNetworkPolicies/);
  });
});
