/**
 * The lint rules of the cluster tiers: each fires on the pitfall it names and stays silent on the
 * correct form next to it.
 */
import { stringify } from 'yaml';
import { evaluateFlow } from '../../../lib/analysis/verdict';
import { inventoryFromManifests } from '../../../lib/analysis/inventory-from-manifests';
import { parseManifests } from '../../../lib/io/manifests';
import { findingsOf, lintYaml, namespace, pod, policy } from '../helpers';

/** A ClusterNetworkPolicy document. */
function cnp(name: string, tier: 'Admin' | 'Baseline', priority: number, subject: object, rules: { ingress?: object[]; egress?: object[] }): string {
  return `---\n${stringify({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject, ...rules } })}`;
}

const ALL = { namespaces: {} };
const ns = (name: string): object => ({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
const messages = (yaml: string, id: string, inventory?: string): string[] => findingsOf(lintYaml(yaml, inventory), id).map((f) => `${f.object.name} ${f.path.join('.')}: ${f.message}`);

describe('cluster-priority-conflict', () => {
  const accept = cnp('accept-web', 'Admin', 10, ALL, { ingress: [{ action: 'Accept', from: [ns('web')] }] });
  it('fires on two policies of one tier and priority whose rules of different actions can match one flow', () => {
    const deny = cnp('deny-all', 'Admin', 10, ALL, { ingress: [{ name: 'deny', action: 'Deny', from: [ALL] }] });
    expect(messages(accept + deny, 'cluster-priority-conflict')).toEqual([
      'deny-all spec.ingress.0: this Deny rule and cnp/accept-web (Admin, priority 10) ingress[0]: Accept can match the same flows at the same priority 10 of the Admin tier: which applies is implementation-defined (netfence reports such flows as implementation-defined); give the policies different priorities',
    ]);
  });

  it('the engine agrees: a flow both match is implementation-defined', () => {
    const deny = cnp('deny-all', 'Admin', 10, ALL, { ingress: [{ action: 'Deny', from: [ALL] }] });
    const inv = inventoryFromManifests(parseManifests(accept + deny + pod('web', 'a', {}) + pod('db', 'b', {}), 'x.yaml'));
    expect(evaluateFlow(inv, { from: 'web/a', to: 'db/b', port: 80 }).outcome).toBe('implementation-defined');
  });

  it('is silent for different priorities, tiers, disjoint peers or ports, or equal actions', () => {
    const cases = [
      cnp('deny-all', 'Admin', 11, ALL, { ingress: [{ action: 'Deny', from: [ALL] }] }),
      cnp('deny-all', 'Baseline', 10, ALL, { ingress: [{ action: 'Deny', from: [ALL] }] }),
      cnp('deny-db', 'Admin', 10, ALL, { ingress: [{ action: 'Deny', from: [ns('db')] }] }),
      cnp('accept-all', 'Admin', 10, ALL, { ingress: [{ action: 'Accept', from: [ALL] }] }),
    ];
    for (const other of cases) expect(messages(accept + other, 'cluster-priority-conflict')).toEqual([]);
    const port80 = cnp('a', 'Admin', 10, ALL, { ingress: [{ action: 'Accept', from: [ALL], protocols: [{ tcp: { destinationPort: { number: 80 } } }] }] });
    const port443 = cnp('b', 'Admin', 10, ALL, { ingress: [{ action: 'Deny', from: [ALL], protocols: [{ tcp: { destinationPort: { number: 443 } } }] }] });
    expect(messages(port80 + port443, 'cluster-priority-conflict')).toEqual([]);
    // Subjects no pod can be in together.
    const blue = cnp('a', 'Admin', 10, { namespaces: { matchLabels: { tenant: 'blue' } } }, { ingress: [{ action: 'Accept', from: [ALL] }] });
    const red = cnp('b', 'Admin', 10, { namespaces: { matchLabels: { tenant: 'red' } } }, { ingress: [{ action: 'Deny', from: [ALL] }] });
    expect(messages(blue + red, 'cluster-priority-conflict')).toEqual([]);
  });

  it('counts a legacy AdminNetworkPolicy at the same priority number', () => {
    const anp = `---\n${stringify({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'legacy' }, spec: { priority: 10, subject: ALL, ingress: [{ action: 'Deny', from: [ALL] }] } })}`;
    expect(messages(accept + anp, 'cluster-priority-conflict').map((m) => m.split(':')[0])).toEqual(['legacy spec.ingress.0']);
  });
});

describe('baseline-pass', () => {
  it('fires on Pass in the Baseline tier', () => {
    expect(messages(cnp('b', 'Baseline', 5, ALL, { egress: [{ action: 'Pass', to: [ALL] }] }), 'baseline-pass').map((m) => m.split(':')[0])).toEqual(['b spec.egress.0.action']);
  });
  it('is silent on Pass in the Admin tier', () => {
    expect(messages(cnp('a', 'Admin', 5, ALL, { egress: [{ action: 'Pass', to: [ALL] }] }), 'baseline-pass')).toEqual([]);
  });
});

describe('cluster-rule-shadowed', () => {
  it('fires on a rule contained in an earlier rule of the same policy', () => {
    const p = cnp('p', 'Admin', 5, ALL, { egress: [{ action: 'Accept', to: [ALL] }, { action: 'Deny', to: [ns('db')], protocols: [{ tcp: { destinationPort: { number: 5432 } } }] }] });
    expect(messages(p, 'cluster-rule-shadowed')).toEqual([
      'p spec.egress.1: rule is shadowed by egress[0] of this policy, which matches every flow this rule matches and is evaluated first, so this Deny never applies (those flows get Accept)',
    ]);
  });

  it('fires on a rule contained in a rule of a higher-priority policy over at least the same pods', () => {
    const first = cnp('first', 'Admin', 1, ALL, { ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'dev' } } }] }] });
    const later = cnp('later', 'Admin', 2, ns('shop'), { ingress: [{ action: 'Deny', from: [{ pods: { namespaceSelector: { matchLabels: { env: 'dev', team: 'a' } }, podSelector: { matchLabels: { app: 'x' } } } }] }] });
    expect(messages(first + later, 'cluster-rule-shadowed').map((m) => m.split(', which')[0])).toEqual(['later spec.ingress.0: rule is shadowed by cnp/first (Admin, priority 1) ingress[0]: Deny']);
  });

  it('a /0 of both families contains every peer', () => {
    const p = cnp('p', 'Admin', 5, ALL, { egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] }, { action: 'Accept', to: [ns('kube-system')] }] });
    expect(messages(p, 'cluster-rule-shadowed')).toHaveLength(1);
  });

  it('is silent when the earlier rule is narrower, in another tier, of a later priority, or over fewer pods', () => {
    const cases = [
      cnp('p', 'Admin', 5, ALL, { egress: [{ action: 'Accept', to: [ns('db')] }, { action: 'Deny', to: [ALL] }] }),
      cnp('first', 'Baseline', 1, ALL, { ingress: [{ action: 'Deny', from: [ALL] }] }) + cnp('later', 'Admin', 2, ALL, { ingress: [{ action: 'Deny', from: [ALL] }] }),
      // The broad rule is evaluated after the narrow one.
      cnp('broad', 'Admin', 3, ALL, { ingress: [{ action: 'Deny', from: [ALL] }] }) + cnp('narrow', 'Admin', 2, ALL, { ingress: [{ action: 'Deny', from: [ns('shop')] }] }),
      cnp('first', 'Admin', 1, ns('shop'), { ingress: [{ action: 'Deny', from: [ALL] }] }) + cnp('later', 'Admin', 2, ALL, { ingress: [{ action: 'Deny', from: [ALL] }] }),
      // Only the IPv4 half: a pod with an IPv6 address is not in it.
      cnp('p', 'Admin', 5, ALL, { egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }, { action: 'Accept', to: [ns('kube-system')] }] }),
    ];
    for (const c of cases) expect(messages(c, 'cluster-rule-shadowed')).toEqual([]);
  });
});

describe('admin-deny-overrides-allow', () => {
  const np = policy('shop', 'allow-from-dev', `
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}}]
      ports: [{port: 8080}]
`);
  const deny = cnp('no-dev', 'Admin', 10, ALL, { ingress: [{ name: 'deny-dev', action: 'Deny', from: [ns('dev')] }] });

  it('fires on a NetworkPolicy rule every flow of which an Admin Deny denies first', () => {
    expect(messages(np + deny, 'admin-deny-overrides-allow')).toEqual([
      'allow-from-dev spec.ingress.0: this rule admits nothing: cnp/no-dev (Admin, priority 10) ingress[0] "deny-dev": Deny denies every flow it admits in the Admin tier, before any NetworkPolicy is evaluated, and no NetworkPolicy can override it',
    ]);
    // The engine agrees.
    const inv = inventoryFromManifests(parseManifests(np + deny + pod('dev', 'tool', {}) + pod('shop', 'web', { app: 'web' }), 'x.yaml'));
    expect(evaluateFlow(inv, { from: 'dev/tool', to: 'shop/web', port: 8080 }).outcome).toBe('denied');
  });

  it('selects the namespace by the labels the inputs give it', () => {
    const byLabel = cnp('no-dev', 'Admin', 10, { namespaces: { matchLabels: { tier: 'prod' } } }, { ingress: [{ action: 'Deny', from: [ns('dev')] }] });
    expect(messages(np + byLabel, 'admin-deny-overrides-allow')).toEqual([]);
    expect(messages(np + byLabel + namespace('shop', { tier: 'prod' }), 'admin-deny-overrides-allow')).toHaveLength(1);
  });

  it('is silent when an Accept or Pass could come first, when the Deny covers less, or in the Baseline tier', () => {
    const pass = cnp('delegate', 'Admin', 5, ns('shop'), { ingress: [{ action: 'Pass', from: [ns('dev')] }] });
    expect(messages(np + deny + pass, 'admin-deny-overrides-allow')).toEqual([]);
    const narrow = cnp('no-dev', 'Admin', 10, ALL, { ingress: [{ action: 'Deny', from: [ns('dev')], protocols: [{ tcp: { destinationPort: { number: 22 } } }] }] });
    expect(messages(np + narrow, 'admin-deny-overrides-allow')).toEqual([]);
    const baseline = cnp('no-dev', 'Baseline', 10, ALL, { ingress: [{ action: 'Deny', from: [ns('dev')] }] });
    expect(messages(np + baseline, 'admin-deny-overrides-allow')).toEqual([]);
  });
});

describe('baseline-accept-moots-deny', () => {
  it('fires on a Baseline Accept of every pod before a Baseline default deny', () => {
    const p = cnp('baseline', 'Baseline', 100, ALL, { ingress: [{ action: 'Accept', from: [ALL] }, { name: 'default-deny', action: 'Deny', from: [ALL] }] });
    expect(messages(p, 'baseline-accept-moots-deny')).toEqual([
      'baseline spec.ingress.0: this Accept matches every pod on every port before cnp/baseline (Baseline, priority 100) ingress[1] "default-deny": Deny, so that default deny denies no pod-to-pod flow; narrow the Accept to what must always work (DNS, monitoring) and let namespaces open the rest with NetworkPolicy',
    ]);
    const split = cnp('open', 'Baseline', 1, ALL, { egress: [{ action: 'Accept', to: [{ pods: { namespaceSelector: {}, podSelector: {} } }] }] }) + cnp('deny', 'Baseline', 2, ALL, { egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] });
    expect(messages(split, 'baseline-accept-moots-deny')).toHaveLength(1);
  });

  it('is silent for narrow Accepts (the intended exceptions), Accepts on some ports, or no later Deny', () => {
    const narrow = cnp('baseline', 'Baseline', 100, ALL, { ingress: [{ action: 'Accept', from: [ns('monitoring')] }, { action: 'Deny', from: [ALL] }] });
    const ports = cnp('baseline', 'Baseline', 100, ALL, { ingress: [{ action: 'Accept', from: [ALL], protocols: [{ udp: { destinationPort: { number: 53 } } }] }, { action: 'Deny', from: [ALL] }] });
    const alone = cnp('baseline', 'Baseline', 100, ALL, { ingress: [{ action: 'Accept', from: [ALL] }] });
    for (const c of [narrow, ports, alone]) expect(messages(c, 'baseline-accept-moots-deny')).toEqual([]);
  });
});

describe('domain-names-misuse', () => {
  const names = { domainNames: ['*.example.com'] };
  it('fires on domain names in a Deny rule or in the Baseline tier', () => {
    expect(messages(cnp('d', 'Admin', 1, ALL, { egress: [{ action: 'Deny', to: [names] }] }), 'domain-names-misuse')[0]).toMatch(/^d spec\.egress\.0\.to\.0\.domainNames: the API supports domainNames only in Accept rules, and this is a Deny rule/);
    expect(messages(cnp('b', 'Baseline', 1, ALL, { egress: [{ action: 'Accept', to: [names] }] }), 'domain-names-misuse')[0]).toMatch(/in the Baseline tier a domain name is an allowance no namespace can restate/);
  });
  it('is silent on an Admin Accept', () => {
    expect(messages(cnp('a', 'Admin', 1, ALL, { egress: [{ action: 'Accept', to: [names] }, { action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] }), 'domain-names-misuse')).toEqual([]);
  });
});

describe('cluster-experimental-peer', () => {
  it('fires on nodes and domainNames peers, saying which implementations support them', () => {
    const p = cnp('x', 'Admin', 1, ALL, { egress: [{ action: 'Accept', to: [{ nodes: {} }, { domainNames: ['api.example.com'] }] }] });
    const found = messages(p, 'cluster-experimental-peer');
    expect(found.map((m) => m.split(':')[0])).toEqual(['x spec.egress.0.to.0.nodes', 'x spec.egress.0.to.1.domainNames']);
    expect(found[0]).toMatch(/kube-network-policies matches them/);
    expect(found[1]).toMatch(/Calico 3\.32 implements the standard channel only/);
  });
  it('is silent on standard peers', () => {
    expect(messages(cnp('x', 'Admin', 1, ALL, { egress: [{ action: 'Accept', to: [ALL, { networks: ['10.0.0.0/8'] }] }] }), 'cluster-experimental-peer')).toEqual([]);
  });
});
