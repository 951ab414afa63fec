import { InventoryBuilder } from '../../lib/analysis/inventory';
import { evaluateFlow } from '../../lib/analysis/verdict';
import { formatVerdict } from '../../lib/analysis/explain';
import { externalEndpoint, formatPortSpec, hypotheticalPod, parsePortSpec, resolveEndpoint } from '../../lib/analysis/endpoint';
import { np } from './helpers';

const base = (): InventoryBuilder =>
  new InventoryBuilder()
    .namespace('app', { env: 'prod' })
    .namespace('ops')
    .pod('app/web', { labels: { app: 'web' }, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }], ips: ['10.0.0.10', 'fd00::10'] })
    .pod('app/api', { labels: { app: 'api' }, ports: [{ name: 'http', port: 9000, protocol: 'TCP' }], ips: ['10.0.0.20'] })
    .pod('ops/agent', { labels: { app: 'agent' }, ips: ['10.0.1.5'] });

describe('evaluateFlow', () => {
  it('allows everything when no policy isolates either side, and says so', () => {
    const v = evaluateFlow(base().build(), { from: 'app/web', to: 'app/api', port: 9000 });
    expect(v.allowed).toBe(true);
    expect(v.protocol).toBe('TCP');
    expect(v.egress).toMatchObject({ isolated: false, isolatedBy: [], admittedBy: [], allowed: true, subject: 'app/web' });
    expect(formatVerdict(v)).toBe(
      [
        'ALLOWED: app/web -> app/api on 9000/TCP',
        '  egress from app/web: allowed (not isolated: no policy selects it for Egress)',
        '  ingress to app/api: allowed (not isolated: no policy selects it for Ingress)',
      ].join('\n'),
    );
  });

  it('needs both directions: egress allowed but ingress denied is denied', () => {
    const inv = base()
      .policy(np('app', 'deny-api', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] }))
      .build();
    const v = evaluateFlow(inv, { from: 'app/web', to: 'app/api', port: 9000 });
    expect(v.allowed).toBe(false);
    expect(v.egress.allowed).toBe(true);
    expect(v.ingress).toMatchObject({ isolated: true, isolatedBy: ['app/deny-api'], admittedBy: [], allowed: false });
    expect(formatVerdict(v)).toContain('ingress to app/api: denied (isolated by app/deny-api; no ingress rule of it admits app/web -> app/api on 9000/TCP)');
  });

  it('lists every admitting rule of every selecting policy (policies are additive)', () => {
    const inv = base()
      .policy(np('app', 'a', { podSelector: {}, ingress: [{ ports: [{ port: 1 }] }, { from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] }))
      .policy(np('app', 'b', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{}] }))
      .policy(np('ops', 'elsewhere', { podSelector: {}, ingress: [] }))
      .build();
    const v = evaluateFlow(inv, { from: 'app/web', to: 'app/api', port: 9000 });
    expect(v.ingress.isolatedBy).toEqual(['app/a', 'app/b']);
    expect(v.ingress.admittedBy.map((r) => r.label)).toEqual(['app/a ingress[1]', 'app/b ingress[0]']);
    expect(v.ingress.admittedBy[0]).toEqual({ policy: 'app/a', direction: 'ingress', index: 1, label: 'app/a ingress[1]' });
  });

  it('reads a podSelector-only peer as the policy namespace and namespaceSelector {} as every namespace', () => {
    const own = base().policy(np('app', 'p', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: {} }] }] })).build();
    expect(evaluateFlow(own, { from: 'app/web', to: 'app/api', port: 9000 }).allowed).toBe(true);
    expect(evaluateFlow(own, { from: 'ops/agent', to: 'app/api', port: 9000 }).allowed).toBe(false);
    const every = base().policy(np('app', 'p', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: {} }] }] })).build();
    expect(evaluateFlow(every, { from: 'ops/agent', to: 'app/api', port: 9000 }).allowed).toBe(true);
    expect(evaluateFlow(every, { from: '8.8.8.8', to: 'app/api', port: 9000 }).allowed).toBe(false);
  });

  it('ANDs namespaceSelector and podSelector in one peer, ORs separate peers', () => {
    const and = base()
      .policy(np('app', 'p', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { app: 'agent' } } }] }] }))
      .build();
    expect(evaluateFlow(and, { from: 'ops/agent', to: 'app/api', port: 9000 }).allowed).toBe(false);
    expect(evaluateFlow(and, { from: 'app/web', to: 'app/api', port: 9000 }).allowed).toBe(false);
    const or = base()
      .policy(np('app', 'p', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }, { podSelector: { matchLabels: { app: 'agent' } } }] }] }))
      .build();
    expect(evaluateFlow(or, { from: 'app/web', to: 'app/api', port: 9000 }).allowed).toBe(true);
    expect(evaluateFlow(or, { from: 'ops/agent', to: 'app/api', port: 9000 }).allowed).toBe(false);
  });

  it('resolves named ports on the destination pod, per pod and per protocol', () => {
    const inv = base().policy(np('app', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })).build();
    expect(evaluateFlow(inv, { from: 'ops/agent', to: 'app/web', port: 8080 }).allowed).toBe(true);
    expect(evaluateFlow(inv, { from: 'ops/agent', to: 'app/web', port: 9000 }).allowed).toBe(false);
    expect(evaluateFlow(inv, { from: 'ops/agent', to: 'app/api', port: 9000 }).allowed).toBe(true);
    const udp = base().policy(np('app', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'dns', protocol: 'TCP' }] }] })).build();
    expect(evaluateFlow(udp, { from: 'ops/agent', to: 'app/web', port: 53, protocol: 'UDP' }).allowed).toBe(false);
    expect(evaluateFlow(udp, { from: 'ops/agent', to: 'app/web', port: 53, protocol: 'TCP' }).allowed).toBe(false);
  });

  it('never resolves a named port against an address outside the cluster', () => {
    const inv = base().policy(np('app', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })).build();
    expect(evaluateFlow(inv, { from: 'app/web', to: '1.2.3.4', port: 8080 }).allowed).toBe(false);
    expect(evaluateFlow(inv, { from: 'app/web', to: 'app/api', port: 9000 }).allowed).toBe(true);
  });

  it('admits a port range with endPort, inclusive at both ends', () => {
    const inv = base().policy(np('app', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 9000, endPort: 9010 }] }] })).build();
    for (const [port, ok] of [[8999, false], [9000, true], [9010, true], [9011, false]] as const) {
      expect(evaluateFlow(inv, { from: 'ops/agent', to: 'app/api', port }).allowed).toBe(ok);
    }
  });

  it('matches ipBlock with except, IPv4 and IPv6, for external addresses and (by default) pod IPs', () => {
    const inv = base()
      .policy(
        np('app', 'p', {
          podSelector: { matchLabels: { app: 'api' } },
          ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }, { ipBlock: { cidr: 'fd00::/64', except: ['fd00::10/128'] } }, { ipBlock: { cidr: '2001:db8::/32' } }] }],
        }),
      )
      .build();
    const from = (f: string): boolean => evaluateFlow(inv, { from: f, to: 'app/api', port: 9000 }).allowed;
    expect(from('10.0.200.1')).toBe(true);
    expect(from('10.0.1.7')).toBe(false);
    expect(from('10.1.0.1')).toBe(false);
    expect(from('2001:db8:ffff::1')).toBe(true);
    expect(from('fd00::11')).toBe(true);
    expect(from('app/web')).toBe(true); // 10.0.0.10 is in 10.0.0.0/16
    expect(from('ops/agent')).toBe(false); // 10.0.1.5 is excepted
    const strict = { ipBlockMatchesPods: false };
    expect(evaluateFlow(inv, { from: 'app/web', to: 'app/api', port: 9000 }, strict).allowed).toBe(false);
    expect(evaluateFlow(inv, { from: '10.0.200.1', to: 'app/api', port: 9000 }, strict).allowed).toBe(true);
  });

  it('never isolates an external address: its side always allows', () => {
    const inv = base().policy(np('app', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })).build();
    const v = evaluateFlow(inv, { from: '192.0.2.1', to: 'ops/agent', port: 22 });
    expect(v.allowed).toBe(true);
    expect(v.egress).toMatchObject({ external: true, isolated: false, allowed: true, subject: '192.0.2.1' });
    expect(formatVerdict(v)).toContain('egress from 192.0.2.1: allowed (an address outside the cluster is never isolated)');
    expect(evaluateFlow(inv, { from: externalEndpoint('192.0.2.1'), to: 'app/web', port: 22 }).allowed).toBe(false);
  });

  it('applies policies to pod-to-itself traffic like any other', () => {
    const inv = base().policy(np('app', 'deny', { podSelector: {}, ingress: [] })).build();
    expect(evaluateFlow(inv, { from: 'app/web', to: 'app/web', port: 8080 }).allowed).toBe(false);
  });

  it('ignores rules of a direction that policyTypes leaves out', () => {
    const inv = base().policy(np('app', 'p', { podSelector: {}, policyTypes: ['Egress'], ingress: [], egress: [{}] })).build();
    const v = evaluateFlow(inv, { from: 'ops/agent', to: 'app/web', port: 8080 });
    expect(v.ingress.isolated).toBe(false);
    expect(v.allowed).toBe(true);
  });
});

describe('endpoints and ports', () => {
  const inv = base().build();

  it('parses port specs', () => {
    expect(parsePortSpec('80/TCP')).toEqual({ port: 80, protocol: 'TCP' });
    expect(parsePortSpec('53/udp')).toEqual({ port: 53, protocol: 'UDP' });
    expect(parsePortSpec('9')).toEqual({ port: 9, protocol: 'TCP' });
    expect(formatPortSpec({ port: 36412, protocol: 'SCTP' })).toBe('36412/SCTP');
    for (const bad of ['0/TCP', '65536/TCP', 'http', '80/ICMP', '80/', '']) expect(() => parsePortSpec(bad)).toThrow(/bad port/);
  });

  it('resolves pods, pod IPs (both families) and external addresses', () => {
    expect(resolveEndpoint(inv, 'app/web')).toMatchObject({ kind: 'pod', pod: { id: 'app/web' } });
    expect(resolveEndpoint(inv, 'fd00:0::10')).toMatchObject({ kind: 'pod', pod: { id: 'app/web' } });
    expect(resolveEndpoint(inv, '10.9.9.9')).toMatchObject({ kind: 'external', ip: '10.9.9.9' });
    expect(() => resolveEndpoint(inv, 'nope/x')).toThrow(/unknown pod nope\/x; no pod or workload is in namespace nope/);
    expect(() => resolveEndpoint(inv, 'app/x')).toThrow(/pods in app: app\/api, app\/web/);
    expect(() => resolveEndpoint(inv, 'web')).toThrow(/"web" is not a flow end/);
    expect(() => resolveEndpoint(inv, 'app/*')).toThrow(/stands for several endpoints/);
    expect(() => externalEndpoint('999.1.1.1')).toThrow(/is not an IPv4 or IPv6 address/);
  });
});

describe('hypothetical pods', () => {
  it('evaluates pods that are not in the inventory by namespace and labels', () => {
    const inv = new InventoryBuilder()
      .policy(np('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } } }] }] }))
      .build();
    const web = hypotheticalPod('shop', 'web', { labels: { app: 'web' } });
    expect(evaluateFlow(inv, { from: hypotheticalPod('edge', 'proxy'), to: web, port: 80 }).allowed).toBe(true);
    expect(evaluateFlow(inv, { from: hypotheticalPod('other', 'proxy'), to: web, port: 80 }).allowed).toBe(false);
  });
});
