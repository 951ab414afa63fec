import fc from 'fast-check';
import { formatFieldPath } from '../../lib/io/manifests';
import { formatFinding, validateNetworkPolicy, ValidationFinding } from '../../lib/validate';

type Obj = Record<string, unknown>;

function policy(spec: Obj, metadata: Obj = { name: 'allow-web', namespace: 'dev-team' }): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: { podSelector: {}, ...spec } };
}
function lines(findings: readonly ValidationFinding[]): string[] {
  return findings.map(formatFinding);
}
function fields(findings: readonly ValidationFinding[]): string[] {
  return findings.map((f) => formatFieldPath(f.path));
}
const ingressPorts = (...ports: unknown[]): Obj => policy({ ingress: [{ ports }] });
const ingressPeers = (...from: unknown[]): Obj => policy({ ingress: [{ from }] });

describe('validateNetworkPolicy', () => {
  it('accepts a complete, valid policy', () => {
    const np = policy({
      podSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { app: 'frontend' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } },
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
          ],
          ports: [{ protocol: 'TCP', port: 8080 }, { port: 'http' }, { protocol: 'UDP', port: 30000, endPort: 32767 }, { protocol: 'SCTP' }],
        },
      ],
      egress: [{ to: [{ namespaceSelector: {} }] }, {}],
    });
    (np.metadata as Obj).labels = { 'app.kubernetes.io/name': 'web' };
    (np.metadata as Obj).annotations = { 'Example.com/Owner': 'team-a' };
    expect(validateNetworkPolicy(np)).toEqual([]);
  });

  describe('metadata', () => {
    it('requires a name, or a generateName', () => {
      expect(lines(validateNetworkPolicy(policy({}, { namespace: 'dev' })))).toEqual([
        'metadata.name: missing name; name or generateName is required; use a DNS-1123 subdomain such as allow-web',
      ]);
      expect(validateNetworkPolicy(policy({}, { generateName: 'allow-' }))).toEqual([]);
      expect(fields(validateNetworkPolicy(policy({}, { name: '' })))).toEqual(['metadata.name']);
      expect(fields(validateNetworkPolicy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', spec: {} }))).toEqual(['metadata']);
    });
    it('checks the name is a DNS-1123 subdomain', () => {
      const f = validateNetworkPolicy(policy({}, { name: 'Allow_Web' }));
      expect(f).toHaveLength(1);
      expect(f[0].message).toMatch(/^invalid name \(got "Allow_Web"\); a lowercase RFC 1123 subdomain/);
      expect(f[0].value).toBe('Allow_Web');
      expect(validateNetworkPolicy(policy({}, { name: 'a'.repeat(254) }))[0].message).toMatch(/must be no more than 253 bytes/);
      expect(validateNetworkPolicy(policy({}, { name: 'allow.web-1' }))).toEqual([]);
    });
    it('checks a generateName prefix', () => {
      expect(fields(validateNetworkPolicy(policy({}, { generateName: 'Allow-' })))).toEqual(['metadata.generateName']);
    });
    it('lets namespace be omitted but checks it is a DNS-1123 label when present', () => {
      expect(validateNetworkPolicy(policy({}, { name: 'a' }))).toEqual([]);
      expect(lines(validateNetworkPolicy(policy({}, { name: 'a', namespace: 'dev.team' })))).toEqual([
        'metadata.namespace: invalid namespace (got "dev.team"); must not contain dots',
      ]);
      expect(fields(validateNetworkPolicy(policy({}, { name: 'a', namespace: 'Dev' })))).toEqual(['metadata.namespace']);
      expect(fields(validateNetworkPolicy(policy({}, { name: 'a', namespace: '' })))).toEqual(['metadata.namespace']);
    });
    it('checks labels, annotation keys (case-insensitively), finalizers and generation', () => {
      const f = validateNetworkPolicy(
        policy({}, { name: 'a', labels: { 'bad key': 'v', ok: '-bad-value' }, annotations: { 'A/B/C': 'x', 'Fine.Example.com/Key': 'y' }, finalizers: ['ok/fin', 'bad fin'], generation: -1 }),
      );
      expect(fields(f)).toEqual(['metadata.labels.bad key', 'metadata.labels.ok', 'metadata.annotations.A/B/C', 'metadata.finalizers[1]', 'metadata.generation']);
    });
    it('limits the total size of annotations', () => {
      const f = validateNetworkPolicy(policy({}, { name: 'a', annotations: { big: 'x'.repeat(256 * 1024) } }));
      expect(lines(f)).toEqual([`metadata.annotations: annotations too large (${256 * 1024 + 3} bytes); must have at most 262144 bytes in total`]);
    });
  });

  describe('apiVersion and kind', () => {
    it.each([
      ['extensions/v1beta1', 'apiVersion: unsupported apiVersion (got "extensions/v1beta1"); NetworkPolicy is served as networking.k8s.io/v1 (extensions/v1beta1 removed in Kubernetes 1.16)'],
      ['networking.k8s.io/v1beta1', 'apiVersion: unsupported apiVersion (got "networking.k8s.io/v1beta1"); NetworkPolicy is served as networking.k8s.io/v1 (networking.k8s.io/v1beta1 never served NetworkPolicy)'],
      ['v1', 'apiVersion: unsupported apiVersion (got "v1"); NetworkPolicy is served as networking.k8s.io/v1'],
    ])('flags %s', (apiVersion, line) => {
      expect(lines(validateNetworkPolicy({ ...policy({}), apiVersion }))).toEqual([line]);
    });
    it('requires apiVersion and kind', () => {
      expect(fields(validateNetworkPolicy({ metadata: { name: 'a' }, spec: {} }))).toEqual(['apiVersion', 'kind']);
      expect(fields(validateNetworkPolicy({ ...policy({}), kind: 'Pod' }))).toEqual(['kind']);
    });
    it('rejects what is not a mapping', () => {
      expect(lines(validateNetworkPolicy('hello'))).toEqual(['<object>: not a mapping (got "hello"); a NetworkPolicy is a mapping with apiVersion, kind, metadata and spec']);
      expect(validateNetworkPolicy(null)).toHaveLength(1);
      expect(validateNetworkPolicy([])).toHaveLength(1);
    });
  });

  describe('label selectors', () => {
    it('checks matchLabels keys and values, pointing at the entry', () => {
      const f = validateNetworkPolicy(policy({ podSelector: { matchLabels: { 'a/b/c': 'x', app: 'web!' } } }));
      expect(fields(f)).toEqual(['spec.podSelector.matchLabels.a/b/c', 'spec.podSelector.matchLabels.app']);
      expect(f[1].message).toMatch(/^invalid label value \(got "web!"\); a valid label must be an empty string or consist of/);
    });
    it('requires values for In and NotIn', () => {
      for (const operator of ['In', 'NotIn']) {
        const f = validateNetworkPolicy(policy({ podSelector: { matchExpressions: [{ key: 'app', operator }] } }));
        expect(lines(f)).toEqual([
          `spec.podSelector.matchExpressions[0].values: values are required when operator is ${operator}; list at least one value, or use Exists to match any value`,
        ]);
        expect(fields(validateNetworkPolicy(policy({ podSelector: { matchExpressions: [{ key: 'app', operator, values: [] }] } })))).toEqual([
          'spec.podSelector.matchExpressions[0].values',
        ]);
      }
    });
    it('forbids values for Exists and DoesNotExist', () => {
      for (const operator of ['Exists', 'DoesNotExist']) {
        expect(validateNetworkPolicy(policy({ podSelector: { matchExpressions: [{ key: 'app', operator }] } }))).toEqual([]);
        expect(validateNetworkPolicy(policy({ podSelector: { matchExpressions: [{ key: 'app', operator, values: [] }] } }))).toEqual([]);
        const f = validateNetworkPolicy(policy({ podSelector: { matchExpressions: [{ key: 'app', operator, values: ['x'] }] } }));
        expect(fields(f)).toEqual(['spec.podSelector.matchExpressions[0].values']);
        expect(f[0].message).toMatch(new RegExp(`^values are forbidden when operator is ${operator}`));
      }
    });
    it('rejects unknown operators, case-sensitively', () => {
      const f = validateNetworkPolicy(policy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'in', values: ['a'] }] } }));
      expect(lines(f)).toEqual([
        'spec.podSelector.matchExpressions[0].operator: not a valid selector operator (got "in"); must be one of In, NotIn, Exists, DoesNotExist (case-sensitive)',
      ]);
      expect(fields(validateNetworkPolicy(policy({ podSelector: { matchExpressions: [{ key: 'app' }] } })))).toEqual([
        'spec.podSelector.matchExpressions[0].operator',
      ]);
    });
    it('checks the key and every value of an expression', () => {
      const f = validateNetworkPolicy(policy({ podSelector: { matchExpressions: [{ key: 'bad key', operator: 'In', values: ['ok', 'not ok'] }] } }));
      expect(fields(f)).toEqual(['spec.podSelector.matchExpressions[0].key', 'spec.podSelector.matchExpressions[0].values[1]']);
      expect(fields(validateNetworkPolicy(policy({ podSelector: { matchExpressions: [{ operator: 'Exists' }] } })))).toEqual([
        'spec.podSelector.matchExpressions[0].key',
      ]);
    });
    it('checks selectors inside peers', () => {
      const f = validateNetworkPolicy(
        policy({ egress: [{ to: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'NotIn' }] }, podSelector: { matchLabels: { app: '-x' } } }] }] }),
      );
      expect(fields(f)).toEqual(['spec.egress[0].to[0].namespaceSelector.matchExpressions[0].values', 'spec.egress[0].to[0].podSelector.matchLabels.app']);
    });
  });

  describe('peers', () => {
    it('requires at least one field', () => {
      expect(lines(validateNetworkPolicy(ingressPeers({})))).toEqual([
        'spec.ingress[0].from[0]: empty peer; must specify a peer: podSelector, namespaceSelector (both, to AND them) or ipBlock; to allow every source, omit the from/to list instead',
      ]);
      expect(fields(validateNetworkPolicy(ingressPeers(null)))).toEqual(['spec.ingress[0].from[0]']);
      expect(fields(validateNetworkPolicy(ingressPeers({ podSelector: null })))).toEqual(['spec.ingress[0].from[0]']);
    });
    it('accepts empty selectors, which select everything', () => {
      expect(validateNetworkPolicy(ingressPeers({ podSelector: {} }, { namespaceSelector: {} }, { podSelector: {}, namespaceSelector: {} }))).toEqual([]);
    });
    it('never allows ipBlock with a selector', () => {
      const ipBlock = { cidr: '10.0.0.0/8' };
      expect(lines(validateNetworkPolicy(ingressPeers({ ipBlock, podSelector: {}, namespaceSelector: {} })))).toEqual([
        'spec.ingress[0].from[0]: ipBlock combined with podSelector and namespaceSelector; may not specify both ipBlock and another peer; split them into separate peers (entries of the list)',
      ]);
      expect(fields(validateNetworkPolicy(ingressPeers({ ipBlock, namespaceSelector: {} })))).toEqual(['spec.ingress[0].from[0]']);
    });
  });

  describe('ipBlock', () => {
    const block = (ipBlock: unknown): Obj => ingressPeers({ ipBlock });
    it('requires cidr', () => {
      expect(lines(validateNetworkPolicy(block({ except: ['10.0.0.0/8'] })))).toEqual([
        'spec.ingress[0].from[0].ipBlock.cidr: missing cidr; an ipBlock needs a CIDR such as 10.0.0.0/8 or 2001:db8::/32',
      ]);
      expect(fields(validateNetworkPolicy(block({})))).toEqual(['spec.ingress[0].from[0].ipBlock.cidr']);
    });
    it('rejects a bare address with the upstream message', () => {
      expect(lines(validateNetworkPolicy(block({ cidr: '192.168.5.6' })))).toEqual([
        'spec.ingress[0].from[0].ipBlock.cidr: invalid CIDR (got "192.168.5.6"); must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ]);
    });
    it('rejects host bits in cidr and except', () => {
      const f = validateNetworkPolicy(block({ cidr: '10.0.0.1/8', except: ['10.1.0.1/16'] }));
      expect(fields(f)).toEqual(['spec.ingress[0].from[0].ipBlock.cidr', 'spec.ingress[0].from[0].ipBlock.except[0]']);
    });
    it('requires every except entry to be a strict subset', () => {
      const f = validateNetworkPolicy(block({ cidr: '10.0.0.0/16', except: ['10.0.1.0/24', '10.0.0.0/16', '10.0.0.0/8', '10.1.0.0/24', 'fd00::/64'] }));
      expect(lines(f)).toEqual([
        'spec.ingress[0].from[0].ipBlock.except[1]: except entry is not a strict subset of cidr (got "10.0.0.0/16"); must be a strict subset of `cidr` (10.0.0.0/16): it is not smaller than cidr',
        'spec.ingress[0].from[0].ipBlock.except[2]: except entry is not a strict subset of cidr (got "10.0.0.0/8"); must be a strict subset of `cidr` (10.0.0.0/16): it is not smaller than cidr',
        'spec.ingress[0].from[0].ipBlock.except[3]: except entry is not a strict subset of cidr (got "10.1.0.0/24"); must be a strict subset of `cidr` (10.0.0.0/16): it is not inside 10.0.0.0/16',
        'spec.ingress[0].from[0].ipBlock.except[4]: except entry is not a strict subset of cidr (got "fd00::/64"); must be a strict subset of `cidr` (10.0.0.0/16): it is of the other IP family',
      ]);
    });
    it('still checks except containment when cidr has host bits', () => {
      const f = validateNetworkPolicy(block({ cidr: '10.0.0.1/16', except: ['10.9.0.0/24'] }));
      expect(fields(f)).toEqual(['spec.ingress[0].from[0].ipBlock.cidr', 'spec.ingress[0].from[0].ipBlock.except[0]']);
    });
    it('skips except containment when cidr is not a CIDR', () => {
      expect(fields(validateNetworkPolicy(block({ cidr: 'nope', except: ['10.9.0.0/24'] })))).toEqual(['spec.ingress[0].from[0].ipBlock.cidr']);
    });
  });

  describe('ports', () => {
    it('accepts each protocol and the default', () => {
      expect(validateNetworkPolicy(ingressPorts({ protocol: 'TCP' }, { protocol: 'UDP', port: 53 }, { protocol: 'SCTP', port: 'diameter' }, { port: 1 }, { port: 65535 }))).toEqual([]);
    });
    it('rejects other protocols and hints at case', () => {
      expect(lines(validateNetworkPolicy(ingressPorts({ protocol: 'ICMP' }, { protocol: 'udp', port: 53 })))).toEqual([
        'spec.ingress[0].ports[0].protocol: unsupported protocol (got "ICMP"); must be one of TCP, UDP, SCTP',
        'spec.ingress[0].ports[1].protocol: unsupported protocol (got "udp"); must be one of TCP, UDP, SCTP (protocols are upper case: "UDP")',
      ]);
    });
    it('rejects port 0 and says how to allow every port', () => {
      expect(lines(validateNetworkPolicy(ingressPorts({ protocol: 'TCP', port: 0 })))).toEqual([
        'spec.ingress[0].ports[0].port: invalid port number (got 0); must be between 1 and 65535, inclusive; to allow every port of the protocol, omit port and keep only protocol',
      ]);
    });
    it.each([65536, -1, 123456789])('rejects port %d', (port) => {
      expect(fields(validateNetworkPolicy(ingressPorts({ port })))).toEqual(['spec.ingress[0].ports[0].port']);
    });
    it('checks named ports and recognises a quoted number', () => {
      expect(lines(validateNetworkPolicy(ingressPorts({ port: '8080' })))).toEqual([
        'spec.ingress[0].ports[0].port: invalid port name (got "8080"); must contain at least one letter (a-z); for port number 8080, write it unquoted',
      ]);
      expect(fields(validateNetworkPolicy(ingressPorts({ port: 'HTTP' })))).toEqual(['spec.ingress[0].ports[0].port', 'spec.ingress[0].ports[0].port']);
      expect(fields(validateNetworkPolicy(ingressPorts({ port: '' })))).toEqual(['spec.ingress[0].ports[0].port', 'spec.ingress[0].ports[0].port']);
    });
    it('accepts endPort equal to or above port', () => {
      expect(validateNetworkPolicy(ingressPorts({ port: 80, endPort: 80 }, { port: 1, endPort: 65535 }))).toEqual([]);
    });
    it('rejects endPort below port, out of range, with a named port or without port', () => {
      expect(lines(validateNetworkPolicy(ingressPorts({ port: 90, endPort: 80 }, { port: 80, endPort: 65536 }, { port: 'http', endPort: 90 }, { protocol: 'TCP', endPort: 90 })))).toEqual([
        'spec.ingress[0].ports[0].endPort: endPort is less than port (got 80); must be greater than or equal to `port` (90)',
        'spec.ingress[0].ports[1].endPort: invalid endPort (got 65536); must be between 1 and 65535, inclusive',
        'spec.ingress[0].ports[2].endPort: endPort with a named port (got 90); may not be specified when `port` is non-numeric ("http"); use a port number to give a range',
        'spec.ingress[0].ports[3].endPort: endPort without port (got 90); may not be specified when `port` is not specified; set port to the start of the range',
      ]);
    });
    it('reports both endPort problems when it is below port and out of range', () => {
      expect(validateNetworkPolicy(ingressPorts({ port: 80, endPort: 0 })).map((f) => f.message)).toEqual([
        'endPort is less than port (got 0); must be greater than or equal to `port` (80)',
        'invalid endPort (got 0); must be between 1 and 65535, inclusive',
      ]);
    });
    it('checks egress ports too', () => {
      expect(fields(validateNetworkPolicy(policy({ egress: [{ ports: [{ port: 0 }] }] })))).toEqual(['spec.egress[0].ports[0].port']);
    });
  });

  describe('policyTypes', () => {
    it.each([[['Ingress']], [['Egress']], [['Ingress', 'Egress']], [['Egress', 'Ingress']], [[]]])('accepts %j', (policyTypes) => {
      expect(validateNetworkPolicy(policy({ policyTypes }))).toEqual([]);
    });
    it('rejects unknown values and hints at case', () => {
      expect(lines(validateNetworkPolicy(policy({ policyTypes: ['ingress', 'Both'] })))).toEqual([
        'spec.policyTypes[0]: unsupported policy type (got "ingress"); must be Ingress or Egress (case-sensitive: "Ingress")',
        'spec.policyTypes[1]: unsupported policy type (got "Both"); must be Ingress or Egress',
      ]);
    });
    it('rejects more than two entries, once, as upstream does', () => {
      expect(lines(validateNetworkPolicy(policy({ policyTypes: ['Ingress', 'Egress', 'Ingress'] })))).toEqual([
        'spec.policyTypes: too many policyTypes (3) (got a list of 3 items); may not specify more than two policyTypes: Ingress, Egress or both',
      ]);
    });
    it('rejects a repeated entry (stricter than the API server)', () => {
      expect(lines(validateNetworkPolicy(policy({ policyTypes: ['Egress', 'Egress'] })))).toEqual(['spec.policyTypes[1]: duplicate policy type (got "Egress"); list Egress once']);
    });
  });

  describe('types and unknown fields', () => {
    it('names an unknown field and suggests the closest known one', () => {
      const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a' }, spec: { podSelecter: { matchLabels: { app: 'web' } } } };
      expect(lines(validateNetworkPolicy(np))).toEqual([
        'spec.podSelecter: unknown field "podSelecter"; did you mean "podSelector"? (a NetworkPolicySpec has podSelector, ingress, egress, policyTypes)',
      ]);
    });
    it.each([
      [{ spec: { podSelector: {}, ingress: [{ form: [] }] } }, 'spec.ingress[0].form', 'did you mean "from"?'],
      [{ spec: { podSelector: {}, egress: [{ ports: [{ Port: 80 }] }] } }, 'spec.egress[0].ports[0].Port', 'did you mean "port"?'],
      [{ spec: { podSelector: { matchLabel: {} } } }, 'spec.podSelector.matchLabel', 'did you mean "matchLabels"?'],
      [{ spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, ipblock: {} }] }] } }, 'spec.ingress[0].from[0].ipblock', 'did you mean "ipBlock"?'],
      [{ spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', exceptions: [] } }] }] } }, 'spec.ingress[0].from[0].ipBlock.exceptions', 'did you mean "except"?'],
      [{ spec: { podSelector: {}, policyType: ['Ingress'] } }, 'spec.policyType', 'did you mean "policyTypes"?'],
      [{ metadata: { name: 'a', namespce: 'x' }, spec: {} }, 'metadata.namespce', 'did you mean "namespace"?'],
      [{ spec: {}, status: {} }, 'status', 'a NetworkPolicy has apiVersion, kind, metadata, spec'],
      [{ spec: { podSelector: {}, somethingElse: 1 } }, 'spec.somethingElse', 'a NetworkPolicySpec has podSelector, ingress, egress, policyTypes'],
    ])('flags %j', (partial, field, hint) => {
      const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a' }, ...partial };
      const f = validateNetworkPolicy(np);
      expect(fields(f)).toEqual([field]);
      expect(f[0].message).toContain(hint);
    });
    it('reports the empty peer a misspelt ipBlock leaves behind, as the API server would', () => {
      const f = validateNetworkPolicy(policy({ ingress: [{ from: [{ ipblock: { cidr: '10.0.0.0/8' } }] }] }));
      expect(fields(f)).toEqual(['spec.ingress[0].from[0]', 'spec.ingress[0].from[0].ipblock']);
      expect(f[1].message).toBe('unknown field "ipblock"; did you mean "ipBlock"? (a NetworkPolicyPeer has podSelector, namespaceSelector, ipBlock)');
    });
    it('says what a mapping should be when it is something else', () => {
      expect(lines(validateNetworkPolicy(ingressPeers({ ipBlock: '10.0.0.0/8' })))).toEqual([
        'spec.ingress[0].from[0].ipBlock: wrong type (got "10.0.0.0/8"); must be a mapping (an IPBlock)',
      ]);
    });
    it('does not suggest a far-fetched name', () => {
      const f = validateNetworkPolicy(policy({ zzz: 1 }));
      expect(f[0].message).toBe('unknown field "zzz"; a NetworkPolicySpec has podSelector, ingress, egress, policyTypes');
    });
    it('reports wrong types with what is due', () => {
      const np = policy({
        podSelector: { matchLabels: { enabled: true, version: 1.5 } },
        ingress: [{ from: { podSelector: {} }, ports: [{ port: true }, { port: 80, endPort: '90' }, { port: 80.5 }] }],
        egress: 'all',
        policyTypes: 'Ingress',
      });
      expect(lines(validateNetworkPolicy(np))).toEqual([
        'spec.podSelector.matchLabels.enabled: wrong type (got true); must be a string; YAML reads unquoted true as a boolean: quote it ("true")',
        'spec.podSelector.matchLabels.version: wrong type (got 1.5); must be a string; YAML reads unquoted 1.5 as a number: quote it ("1.5")',
        'spec.ingress[0].from: wrong type (got a mapping); must be a list',
        'spec.ingress[0].ports[0].port: wrong type (got true); must be a port number (an integer) or a port name (a string)',
        'spec.ingress[0].ports[1].endPort: wrong type (got "90"); must be a 32-bit integer; write it unquoted (90)',
        'spec.ingress[0].ports[2].port: wrong type (got 80.5); must be a port number (an integer) or a port name (a string)',
        'spec.egress: wrong type (got "all"); must be a list',
        'spec.policyTypes: wrong type (got "Ingress"); must be a list',
      ]);
    });
    it('treats null as unset, as the API server decoder does', () => {
      expect(validateNetworkPolicy(policy({ ingress: null, egress: [{ to: null, ports: null }], policyTypes: null }, { name: 'a', labels: null, creationTimestamp: null }))).toEqual([]);
    });
    it('accepts fields kubectl and the server write into metadata', () => {
      const metadata = {
        name: 'a',
        namespace: 'b',
        uid: 'x',
        resourceVersion: '1',
        generation: 2,
        creationTimestamp: '2026-01-01T00:00:00Z',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'u', controller: true, blockOwnerDeletion: false }],
        managedFields: [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'networking.k8s.io/v1', time: 't', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }],
      };
      expect(validateNetworkPolicy(policy({}, metadata))).toEqual([]);
    });
  });

  describe('order and determinism', () => {
    it('lists findings in document order, a parent before its fields', () => {
      const np = {
        kind: 'NetworkPolicy',
        apiVersion: 'extensions/v1beta1',
        spec: {
          policyTypes: ['Sideways'],
          egress: [{ ports: [{ port: 0 }], to: [{}] }],
          ingress: [{ from: [{ ipBlock: { cidr: '1.2.3.4/8' }, podSelector: { matchLabels: { 'x y': 'z' } } }] }],
        },
        metadata: { name: 'BAD' },
      };
      expect(fields(validateNetworkPolicy(np))).toEqual([
        'apiVersion',
        'spec.policyTypes[0]',
        'spec.egress[0].ports[0].port',
        'spec.egress[0].to[0]',
        'spec.ingress[0].from[0]',
        'spec.ingress[0].from[0].ipBlock.cidr',
        'spec.ingress[0].from[0].podSelector.matchLabels.x y',
        'metadata.name',
      ]);
    });
    it('never throws and gives the same answer twice, whatever the input', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (v) => {
          const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a' }, spec: v };
          expect(validateNetworkPolicy(np)).toEqual(validateNetworkPolicy(np));
          expect(() => validateNetworkPolicy(v)).not.toThrow();
        }),
      );
    });
    it('never throws on arbitrary shapes in every field', () => {
      const anyValue = fc.oneof(fc.jsonValue(), fc.constant(undefined));
      fc.assert(
        fc.property(anyValue, anyValue, anyValue, anyValue, (a, b, c, d) => {
          const np = policy({ ingress: [{ from: [{ ipBlock: a, podSelector: b }], ports: [c] }], egress: [{ to: [d] }] });
          expect(() => validateNetworkPolicy(np)).not.toThrow();
        }),
      );
    });
  });
});

describe('validateNetworkPolicy metadata written by tools', () => {
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u1' };
  it('checks owner references', () => {
    const f = validateNetworkPolicy(
      policy({}, { name: 'a', ownerReferences: [ref, { apiVersion: 'apps/', kind: '', uid: 'u2' }, { ...ref, controller: true }, { ...ref, name: 'api', controller: true }] }),
    );
    // A missing field sorts at the start of its parent.
    expect(fields(f)).toEqual([
      'metadata.ownerReferences[1].name',
      'metadata.ownerReferences[1].apiVersion',
      'metadata.ownerReferences[1].kind',
      'metadata.ownerReferences[3].controller',
    ]);
    // A bare word is a version of the core group, as upstream parses it.
    expect(validateNetworkPolicy(policy({}, { name: 'a', ownerReferences: [{ ...ref, apiVersion: 'apps' }] }))).toEqual([]);
    expect(f[3].message).toBe('second controller reference; only one reference can have controller set to true; Deployment/web already has');
    expect(validateNetworkPolicy(policy({}, { name: 'a', ownerReferences: [{ ...ref, apiVersion: 'v1' }] }))).toEqual([]);
  });
  it('checks managed fields entries', () => {
    const f = validateNetworkPolicy(policy({}, { name: 'a', managedFields: [{ manager: 'm', operation: 'Patch', fieldsType: 'FieldsV2' }, { manager: 'm', operation: 'Update' }] }));
    expect(lines(f)).toEqual([
      'metadata.managedFields[0].operation: invalid managedFields operation (got "Patch"); must be `Apply` or `Update`',
      'metadata.managedFields[0].fieldsType: invalid fieldsType (got "FieldsV2"); must be `FieldsV1`',
    ]);
  });
});
