import { stringify } from 'yaml';
import { findingsOf, lintYaml, pod, policy } from '../helpers';

const DENY = policy('shop', 'deny-all', `
  podSelector: {}
  policyTypes: [Ingress, Egress]
`);

function dns(ports: string, selector = '{}'): string {
  return policy('shop', 'dns', `
  podSelector: ${selector}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: kube-system}
          podSelector:
            matchLabels: {k8s-app: kube-dns}
      ports: ${ports}
`);
}

/** Findings on shop/deny-all only (the DNS policies themselves isolate egress too). */
const messages = (yaml: string, inv?: string): string[] =>
  findingsOf(lintYaml(yaml, inv), 'egress-without-dns')
    .filter((f) => f.object.name !== 'dns')
    .map((f) => f.message);

describe('egress-without-dns', () => {
  it('flags missing UDP and missing TCP separately', () => {
    const none = messages(DENY);
    expect(none).toHaveLength(2);
    expect(none[0]).toMatch(/53\/UDP: DNS lookups will fail$/);
    expect(none[1]).toMatch(/53\/TCP: DNS lookups with large answers will fail$/);
    const udpOnly = messages(DENY + dns('[{protocol: UDP, port: 53}]'));
    expect(udpOnly).toHaveLength(1);
    expect(udpOnly[0]).toContain('53/TCP');
    const tcpOnly = messages(DENY + dns('[{port: 53}]'));
    expect(tcpOnly).toHaveLength(1);
    expect(tcpOnly[0]).toContain('53/UDP');
    // The DNS policy isolates egress itself, and is judged like any other.
    const own = findingsOf(lintYaml(DENY + dns('[{port: 53}]')), 'egress-without-dns').map((f) => f.object.name);
    expect(own).toEqual(['deny-all', 'dns']);
  });

  it('is quiet when some policy for the same pods allows both', () => {
    expect(messages(DENY + dns('[{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]'))).toEqual([]);
    // A range, a rule without ports and conventional named ports all count.
    expect(messages(DENY + dns('[{protocol: UDP, port: 50, endPort: 60}, {protocol: TCP}]'))).toEqual([]);
    expect(messages(DENY + dns('[{protocol: UDP, port: dns}, {protocol: TCP, port: dns-tcp}]'))).toEqual([]);
    const open = policy('shop', 'open', `
  podSelector: {}
  policyTypes: [Egress]
  egress: [{}]
`);
    expect(messages(DENY + open)).toEqual([]);
  });

  it('does not run on policies that do not isolate egress', () => {
    expect(messages(policy('shop', 'ing', '  podSelector: {}\n  policyTypes: [Ingress]'))).toEqual([]);
    // egress: [] without policyTypes does not isolate egress either (policy-types-mismatch says so).
    expect(messages(policy('shop', 'ing', '  podSelector: {}\n  egress: []'))).toEqual([]);
  });

  it('without pods, needs a DNS policy whose podSelector provably covers the isolated pods', () => {
    const narrowDns = dns('[{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]', '{matchLabels: {app: web}}');
    expect(messages(DENY + narrowDns)).toHaveLength(2);
    const webDeny = policy('shop', 'web-deny', `
  podSelector: {matchLabels: {app: web, tier: front}}
  policyTypes: [Egress]
`);
    expect(messages(webDeny + narrowDns)).toEqual([]);
    // Policies of other namespaces never help.
    const elsewhere = dns('[{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]').replace('namespace: shop', 'namespace: other');
    expect(messages(DENY + elsewhere)).toHaveLength(2);
  });

  it('with pods, checks each selected pod and names those without DNS', () => {
    const narrowDns = dns('[{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]', '{matchLabels: {app: web}}');
    const pods = pod('shop', 'web', { app: 'web' }) + pod('shop', 'db', { app: 'db' });
    const out = messages(DENY + narrowDns, pods);
    expect(out).toHaveLength(2);
    expect(out[0]).toContain('for 1 of its 2 pods (shop/db)');
    expect(messages(DENY + narrowDns, pod('shop', 'web', { app: 'web' }))).toEqual([]);
  });

  it('resolves named ports against the inventory when pods declare them', () => {
    const named = dns('[{protocol: UDP, port: resolver}, {protocol: TCP, port: resolver}]');
    const app = pod('shop', 'app', { app: 'x' });
    const coredns = app + pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, { ports: ['resolver:53/UDP', 'resolver:53/TCP'] });
    expect(messages(DENY + named, coredns)).toEqual([]);
    const wrong = app + pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, { ports: ['resolver:5353/UDP', 'resolver:53/TCP'] });
    expect(messages(DENY + named, wrong)).toHaveLength(1);
  });

  describe('with cluster policies', () => {
    /** A ClusterNetworkPolicy accepting egress to the cluster DNS on the given protocols, as AlwaysAllowDns writes it. */
    const clusterDns = (tier: 'Admin' | 'Baseline', protocols: ('tcp' | 'udp')[], subject: object = { namespaces: {} }): string =>
      `---\n${stringify({
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name: `dns-${tier.toLowerCase()}` },
        spec: {
          tier,
          priority: 5,
          subject,
          egress: [{ action: 'Accept', to: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } }], protocols: protocols.map((p) => ({ [p]: { destinationPort: { number: 53 } } })) }],
        },
      })}`;

    it('is quiet when an Admin Accept gives the isolated pods DNS (isolation cannot break it)', () => {
      expect(messages(DENY + clusterDns('Admin', ['udp', 'tcp']))).toEqual([]);
      expect(messages(DENY + clusterDns('Admin', ['udp', 'tcp']), pod('shop', 'web', { app: 'web' }))).toEqual([]);
    });

    it('still fires for a protocol the Admin tier leaves out, for pods it does not select, and for a Baseline Accept', () => {
      const udpOnly = messages(DENY + clusterDns('Admin', ['udp']));
      expect(udpOnly).toHaveLength(1);
      expect(udpOnly[0]).toContain('53/TCP');
      const elsewhere = clusterDns('Admin', ['udp', 'tcp'], { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } });
      expect(messages(DENY + elsewhere)).toHaveLength(2);
      expect(messages(DENY + elsewhere, pod('shop', 'web', { app: 'web' }))).toHaveLength(2);
      // The NetworkPolicy tier overrides the Baseline tier: its isolation denies what a Baseline Accept would accept.
      expect(messages(DENY + clusterDns('Baseline', ['udp', 'tcp']))).toHaveLength(2);
    });
  });
});
