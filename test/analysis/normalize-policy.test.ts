import { NetfenceError } from '../../lib/core/errors';
import { normalizePolicy } from '../../lib/analysis/normalize-policy';
import { parseManifests } from '../../lib/io/manifests';

const policy = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'p' },
  spec,
});

describe('normalizePolicy: API server defaults (pkg/apis/networking/v1/defaults.go)', () => {
  it('defaults policyTypes to Ingress only when there is no egress section', () => {
    const p = normalizePolicy(policy({ podSelector: {} }), 'ns');
    expect([p.isolatesIngress, p.isolatesEgress]).toEqual([true, false]);
  });

  it('does not make `egress: []` an egress policy (len(egress) == 0)', () => {
    const p = normalizePolicy(policy({ podSelector: {}, egress: [] }), 'ns');
    expect([p.isolatesIngress, p.isolatesEgress]).toEqual([true, false]);
  });

  it('adds Egress when the egress section has a rule, and treats `policyTypes: []` as absent', () => {
    expect(normalizePolicy(policy({ podSelector: {}, egress: [{}] }), 'ns').isolatesEgress).toBe(true);
    const p = normalizePolicy(policy({ podSelector: {}, policyTypes: [], egress: [{}] }), 'ns');
    expect([p.isolatesIngress, p.isolatesEgress]).toEqual([true, true]);
  });

  it('keeps explicit policyTypes, even when they leave rules of the other direction unused', () => {
    const p = normalizePolicy(policy({ podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }), 'ns');
    expect([p.isolatesIngress, p.isolatesEgress]).toEqual([false, true]);
    expect(p.ingress).toHaveLength(1);
  });

  it('defaults protocol to TCP and reads empty from/ports like absent ones', () => {
    const p = normalizePolicy(policy({ podSelector: {}, ingress: [{ from: [], ports: [{ port: 80 }] }, { ports: [] }] }), 'ns');
    expect(p.ingress[0]).toEqual({ action: 'Accept', ports: [{ protocol: 'TCP', port: 80 }] });
    expect(p.ingress[1]).toEqual({ action: 'Accept' });
  });

  it('keeps absent and empty selectors of a peer apart', () => {
    const p = normalizePolicy(policy({ podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }, { podSelector: {} }] }] }), 'ns');
    expect(p.ingress[0].peers).toEqual([
      { kind: 'pods', namespaceSelector: {} },
      { kind: 'pods', podSelector: {} },
    ]);
  });

  it('treats an absent spec.podSelector as {} (every pod of the namespace)', () => {
    expect(normalizePolicy(policy({}), 'ns').subject).toEqual({ podSelector: {} });
    expect(normalizePolicy(policy({}), 'ns')).toMatchObject({ kind: 'NetworkPolicy', tier: 'NetworkPolicy', priority: 0 });
  });

  it('parses ipBlock with except, in both families, and endPort ranges', () => {
    const p = normalizePolicy(
      policy({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }], ports: [{ port: 8000, endPort: 8100, protocol: 'UDP' }] }] }),
      'ns',
    );
    const peer = p.egress[0].peers?.[0];
    expect(peer?.kind === 'ipBlock' && peer.cidr.canonical).toBe('2001:db8::/32');
    expect(peer?.kind === 'ipBlock' && peer.except.map((e) => e.canonical)).toEqual(['2001:db8:1::/48']);
    expect(p.egress[0].ports).toEqual([{ protocol: 'UDP', port: 8000, endPort: 8100 }]);
  });
});

describe('normalizePolicy: input errors name the field and, from YAML, the line', () => {
  const fromYaml = (text: string): NetfenceError => {
    const [m] = parseManifests(text, 'p.yaml');
    try {
      normalizePolicy(m.object, 'ns', (fp) => m.locate(fp));
    } catch (e) {
      return e as NetfenceError;
    }
    throw new Error('expected an error');
  };

  it.each([
    ['a peer with nothing in it', 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - {}\n', /p\.yaml:9:\d+: spec\.ingress\[0\]\.from\[0\]: a peer needs podSelector/],
    ['ipBlock with a selector', 'spec:\n  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8}\n          podSelector: {}\n', /ipBlock cannot be combined/],
    ['a bad protocol', 'spec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - {protocol: ICMP}\n', /p\.yaml:9:\d+: spec\.ingress\[0\]\.ports\[0\]\.protocol: protocol must be TCP, UDP or SCTP/],
    ['endPort below port', 'spec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - {port: 90, endPort: 80}\n', /endPort must be a number between port and 65535/],
    ['endPort with a named port', 'spec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - {port: http, endPort: 80}\n', /endPort needs a numeric port/],
    ['a bad operator', 'spec:\n  podSelector:\n    matchExpressions:\n      - {key: a, operator: Equals}\n', /operator must be one of In, NotIn, Exists, DoesNotExist/],
    ['In without values', 'spec:\n  podSelector:\n    matchExpressions:\n      - {key: a, operator: In}\n', /In needs at least one value/],
    ['except in another family', 'spec:\n  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8, except: ["::/1"]}\n', /same address family/],
    ['a quoted numeric port', 'spec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - {port: "80"}\n', /numeric port must not be quoted/],
    ['a bad policy type', 'spec:\n  podSelector: {}\n  policyTypes: [Both]\n', /policyTypes entries must be Ingress or Egress/],
    ['no name', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {}\n', /a NetworkPolicy needs metadata.name/],
  ])('rejects %s', (_, body, message) => {
    const text = body.startsWith('apiVersion') ? body : `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n${body}`;
    const err = fromYaml(text);
    expect(err).toBeInstanceOf(NetfenceError);
    expect(err.message).toMatch(message);
  });
});
