/**
 * Verdicts through the tiers, and their reasons: each direction names the rule that decided it
 * (tier, policy, priority, rule index and name, action), the Pass rules on the way, and what is
 * undecided and why, in the one wording of explain.ts.
 */
import { InventoryBuilder } from '../../lib/analysis/inventory';
import { evaluateFlow } from '../../lib/analysis/verdict';
import { formatVerdict, sideReason } from '../../lib/analysis/explain';
import { np } from './helpers';

/** A ClusterNetworkPolicy manifest. */
function cnp(name: string, tier: 'Admin' | 'Baseline', priority: number, subject: object, rules: { ingress?: object[]; egress?: object[] }): object {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject, ...rules } };
}

const ALL = { namespaces: {} };
const ns = (name: string): object => ({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': name } } });

const world = (): InventoryBuilder =>
  new InventoryBuilder()
    .namespace('shop', { tenant: 'blue' })
    .namespace('bank', { tenant: 'red' })
    .node('node-1', { labels: { zone: 'a' }, addresses: ['172.18.0.2'] })
    .pod('shop/web', { labels: { app: 'web' }, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], ips: ['10.0.0.10'] })
    .pod('bank/api', { labels: { app: 'api' }, ips: ['10.0.1.10'] })
    .pod('bank/agent', { labels: { app: 'agent' }, hostNetwork: true, nodeName: 'node-1' });

describe('verdicts through the tiers', () => {
  it('an Admin Deny decides before any NetworkPolicy, and the reason names tier, policy, priority, rule and action', () => {
    const inv = world()
      .clusterPolicy(cnp('tenants', 'Admin', 100, { namespaces: { matchLabels: { tenant: 'red' } } }, { ingress: [{ name: 'deny-other-tenants', action: 'Deny', from: [{ namespaces: { matchExpressions: [{ key: 'tenant', operator: 'NotIn', values: ['red'] }] } }] }] }))
      .policy(np('bank', 'allow-shop', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { tenant: 'blue' } } }] }] }))
      .build();
    const v = evaluateFlow(inv, { from: 'shop/web', to: 'bank/api', port: 443 });
    expect(v.outcome).toBe('denied');
    expect(v.ingress).toMatchObject({ decidedIn: 'Admin', isolated: true, admittedBy: [{ label: 'bank/allow-shop ingress[0]' }] });
    expect(v.ingress.decidedBy).toEqual([
      { tier: 'Admin', kind: 'ClusterNetworkPolicy', policy: 'cnp/tenants', priority: 100, direction: 'ingress', index: 0, name: 'deny-other-tenants', action: 'Deny', label: 'cnp/tenants (Admin, priority 100) ingress[0] "deny-other-tenants": Deny' },
    ]);
    expect(formatVerdict(v)).toBe(
      [
        'DENIED: shop/web -> bank/api on 443/TCP',
        '  egress from shop/web: allowed (not isolated: no policy selects it for Egress)',
        '  ingress to bank/api: denied (denied by cnp/tenants (Admin, priority 100) ingress[0] "deny-other-tenants": Deny)',
      ].join('\n'),
    );
  });

  it('Pass leaves the flow to NetworkPolicy, then Baseline; the reason names the Pass', () => {
    const inv = world()
      .clusterPolicy(cnp('delegate', 'Admin', 50, ns('bank'), { ingress: [{ name: 'to-namespace', action: 'Pass', from: [ALL] }] }))
      .clusterPolicy(cnp('default-deny', 'Baseline', 1000, ALL, { ingress: [{ action: 'Deny', from: [ALL] }] }))
      .build();
    const v = evaluateFlow(inv, { from: 'shop/web', to: 'bank/api', port: 80 });
    expect(v.outcome).toBe('denied');
    expect(v.ingress.decidedIn).toBe('Baseline');
    expect(v.ingress.passedBy.map((r) => r.label)).toEqual(['cnp/delegate (Admin, priority 50) ingress[0] "to-namespace": Pass']);
    expect(sideReason(v.ingress)).toBe(
      'ingress to bank/api: passed on by cnp/delegate (Admin, priority 50) ingress[0] "to-namespace": Pass; denied by cnp/default-deny (Baseline, priority 1000) ingress[0]: Deny',
    );
    // A NetworkPolicy of the namespace then decides instead of Baseline.
    const opened = world()
      .clusterPolicy(cnp('delegate', 'Admin', 50, ns('bank'), { ingress: [{ action: 'Pass', from: [ALL] }] }))
      .clusterPolicy(cnp('default-deny', 'Baseline', 1000, ALL, { ingress: [{ action: 'Deny', from: [ALL] }] }))
      .policy(np('bank', 'allow-web', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }))
      .build();
    const w = evaluateFlow(opened, { from: 'shop/web', to: 'bank/api', port: 80 });
    expect([w.outcome, w.ingress.decidedIn]).toEqual(['allowed', 'NetworkPolicy']);
    expect(formatVerdict(w)).toContain('ingress to bank/api: allowed (passed on by cnp/delegate (Admin, priority 50) ingress[0]: Pass; isolated by bank/allow-web; admitted by bank/allow-web ingress[0])');
  });

  it('policies of one priority deciding differently: implementation-defined, naming both rules', () => {
    const inv = world()
      .clusterPolicy(cnp('a', 'Admin', 10, ALL, { egress: [{ action: 'Accept', to: [ALL] }] }))
      .clusterPolicy(cnp('b', 'Admin', 10, ALL, { egress: [{ action: 'Deny', to: [ns('bank')] }] }))
      .build();
    const v = evaluateFlow(inv, { from: 'shop/web', to: 'bank/api', port: 80 });
    expect(v.outcome).toBe('implementation-defined');
    expect(v.allowed).toBe(false);
    expect(formatVerdict(v)).toBe(
      [
        'IMPLEMENTATION-DEFINED: shop/web -> bank/api on 80/TCP',
        '  egress from shop/web: implementation-defined (cnp/a (Admin, priority 10) egress[0]: Accept, cnp/b (Admin, priority 10) egress[0]: Deny match with different actions at the same priority)',
        '  ingress to bank/api: allowed (not isolated: no policy selects it for Ingress)',
      ].join('\n'),
    );
    // The other direction denying decides the flow anyway.
    const denied = world()
      .clusterPolicy(cnp('a', 'Admin', 10, ALL, { egress: [{ action: 'Accept', to: [ALL] }] }))
      .clusterPolicy(cnp('b', 'Admin', 10, ALL, { egress: [{ action: 'Deny', to: [ns('bank')] }] }))
      .policy(np('bank', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }))
      .build();
    expect(evaluateFlow(denied, { from: 'shop/web', to: 'bank/api', port: 80 }).outcome).toBe('denied');
  });

  it('a domain name Accept before a Deny: depends on DNS, for an address outside the cluster', () => {
    const inv = world()
      .clusterPolicy(
        cnp('egress', 'Admin', 10, ALL, { egress: [{ name: 'allow-github', action: 'Accept', to: [{ domainNames: ['*.github.com'] }] }, { action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] }),
      )
      .build();
    const v = evaluateFlow(inv, { from: 'shop/web', to: '140.82.112.3', port: 443 });
    expect(v.outcome).toBe('depends-on-dns');
    expect(v.egress.maybeBy.map((r) => r.name)).toEqual(['allow-github']);
    expect(formatVerdict(v).split('\n')[0]).toBe('DEPENDS ON DNS: shop/web -> 140.82.112.3 on 443/TCP');
    expect(sideReason(v.egress)).toBe(
      'egress from shop/web: depends on DNS: accepted if a name resolves to the other end (cnp/egress (Admin, priority 10) egress[0] "allow-github": Accept), else denied by cnp/egress (Admin, priority 10) egress[1]: Deny',
    );
    // A pod of the pod network is not reached by a name outside the cluster's domain.
    expect(evaluateFlow(inv, { from: 'shop/web', to: 'bank/api', port: 443 }).outcome).toBe('denied');
  });

  it('host-network pods: never a subject, never in a pods peer; their node address is matched by networks and nodes peers', () => {
    const inv = world()
      .clusterPolicy(cnp('deny-all', 'Admin', 1, ALL, { ingress: [{ action: 'Deny', from: [ALL] }], egress: [{ action: 'Deny', to: [ALL] }] }))
      .clusterPolicy(cnp('deny-node', 'Admin', 2, ns('shop'), { egress: [{ action: 'Deny', to: [{ nodes: { matchLabels: { zone: 'a' } } }] }] }))
      .build();
    const agent = inv.pods.find((p) => p.id === 'bank/agent')!;
    expect(agent.ips).toEqual(['172.18.0.2']);
    // Ingress to the host-network pod: never a subject. Egress from shop/web: deny-all's pods peer does not match it, deny-node does.
    const v = evaluateFlow(inv, { from: 'shop/web', to: 'bank/agent', port: 9100 });
    expect(v.ingress).toMatchObject({ hostNetwork: true, outcome: 'allowed' });
    expect(v.egress.decidedBy.map((r) => r.policy)).toEqual(['cnp/deny-node']);
    expect(sideReason(v.ingress)).toBe("ingress to bank/agent: a host-network pod, never a policy's subject");
    // From the host-network pod: its egress allows; the destination's ingress is denied.
    expect(evaluateFlow(inv, { from: 'bank/agent', to: 'shop/web', port: 80 }).ingress.outcome).toBe('allowed');
    // The node's address is the host-network pod.
    expect(evaluateFlow(inv, { from: 'shop/web', to: '172.18.0.2', port: 22 }).to).toMatchObject({ kind: 'pod', pod: { id: 'bank/agent' } });
  });

  it('networks match pod addresses, whatever the NetworkPolicy ipBlock reading', () => {
    const inv = world().clusterPolicy(cnp('deny-10', 'Admin', 1, ns('shop'), { egress: [{ action: 'Deny', to: [{ networks: ['10.0.1.0/24'] }] }] })).build();
    expect(evaluateFlow(inv, { from: 'shop/web', to: 'bank/api', port: 80 }, { ipBlockMatchesPods: false }).outcome).toBe('denied');
  });

  it('the default: selected by cluster policies but no rule decides', () => {
    const inv = world().clusterPolicy(cnp('only-dns', 'Baseline', 5, ALL, { egress: [{ action: 'Deny', to: [ns('kube-system')] }] })).build();
    const v = evaluateFlow(inv, { from: 'shop/web', to: 'bank/api', port: 80 });
    expect(v.egress).toMatchObject({ decidedIn: 'default', outcome: 'allowed', selectedBy: ['cnp/only-dns'] });
    expect(formatVerdict(v)).toContain('egress from shop/web: allowed (not isolated: no NetworkPolicy selects it for Egress, and no rule of cnp/only-dns decides)');
  });
});
