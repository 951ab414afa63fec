import { stringify } from 'yaml';
import { findingsOf, lintYaml, namespace, pod, policy } from '../helpers';
import { Endpoint, externalEndpoint } from '../../../lib/analysis/endpoint';
import { assembleObjects, readInputs } from '../../../lib/analysis/read-inputs';
import { evaluateFlow } from '../../../lib/analysis/verdict';
import { parseManifests } from '../../../lib/io/manifests';

const WEB = policy('shop', 'web', `
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels: {app: frontend}
        - namespaceSelector:
            matchLabels: {name: monitoring}
      ports:
        - port: http
`);

describe('namespace-labels-unmatched', () => {
  it('flags a namespaceSelector no declared Namespace matches and suggests kubernetes.io/metadata.name', () => {
    const [f] = findingsOf(lintYaml(WEB, namespace('monitoring') + namespace('shop')), 'namespace-labels-unmatched');
    expect(f.path).toEqual(['spec', 'ingress', 0, 'from', 1, 'namespaceSelector']);
    expect(f.message).toBe(
      'namespaceSelector name=monitoring matches none of the 2 Namespaces of the inputs, so this peer admits nothing; to select namespace monitoring by name use kubernetes.io/metadata.name: monitoring',
    );
  });

  it('gives the general hint when the value is no namespace name', () => {
    const p = WEB.replace('{name: monitoring}', '{team: ops}');
    const [f] = findingsOf(lintYaml(p, namespace('monitoring')), 'namespace-labels-unmatched');
    expect(f.message).toContain('every namespace carries kubernetes.io/metadata.name=<its name>');
  });

  it('never reports selectors on kubernetes.io/metadata.name alone (the namespace may just be missing from the inputs)', () => {
    const p = WEB.replace('{name: monitoring}', '{kubernetes.io/metadata.name: kube-system}');
    expect(findingsOf(lintYaml(p, namespace('shop')), 'namespace-labels-unmatched')).toEqual([]);
    const mixed = WEB.replace('{name: monitoring}', '{kubernetes.io/metadata.name: shop, team: x}');
    expect(findingsOf(lintYaml(mixed, namespace('shop')), 'namespace-labels-unmatched')).toHaveLength(1);
  });

  it('is quiet when a Namespace carries the labels, and does not run without Namespaces', () => {
    expect(findingsOf(lintYaml(WEB, namespace('monitoring', { name: 'monitoring' })), 'namespace-labels-unmatched')).toEqual([]);
    const byName = WEB.replace('{name: monitoring}', '{kubernetes.io/metadata.name: monitoring}');
    expect(findingsOf(lintYaml(byName, namespace('monitoring')), 'namespace-labels-unmatched')).toEqual([]);
    const r = lintYaml(WEB);
    expect(r.rules.find((s) => s.rule.id === 'namespace-labels-unmatched')?.status).toBe('skipped');
  });
});

describe('named-port-not-exposed', () => {
  it('flags an ingress named port none of the selected pods exposes', () => {
    const [f] = findingsOf(lintYaml(WEB, pod('shop', 'web', { app: 'web' }, { ports: ['web:8080'] })), 'named-port-not-exposed');
    expect(f.path).toEqual(['spec', 'ingress', 0, 'ports', 0, 'port']);
    expect(f.message).toBe('named port "http"/TCP is exposed by none of the 1 selected pod (shop/web), so this entry admits nothing');
  });

  it('says when the name exists for another protocol', () => {
    const [f] = findingsOf(lintYaml(WEB, pod('shop', 'web', { app: 'web' }, { ports: ['http:8080/UDP'] })), 'named-port-not-exposed');
    expect(f.message).toContain('name a port "http" for another protocol');
  });

  it('is quiet when some selected pod exposes it, or when the policy selects no pod', () => {
    expect(findingsOf(lintYaml(WEB, pod('shop', 'web', { app: 'web' }, { ports: ['http:8080'] })), 'named-port-not-exposed')).toEqual([]);
    expect(findingsOf(lintYaml(WEB, pod('shop', 'db', { app: 'db' })), 'named-port-not-exposed')).toEqual([]);
  });

  it('checks egress named ports against the pods the peers select', () => {
    const egress = policy('shop', 'to-db', `
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector: {matchLabels: {app: db}}
      ports: [{port: postgres}]
`);
    const pods = pod('shop', 'web', { app: 'web' }, { ports: ['postgres:5432'] });
    const [f] = findingsOf(lintYaml(egress, pods + pod('shop', 'db', { app: 'db' }, { ports: ['pg:5432'] })), 'named-port-not-exposed');
    expect(f.message).toContain('none of the 1 destination pod (shop/db)');
    expect(findingsOf(lintYaml(egress, pods + pod('shop', 'db', { app: 'db' }, { ports: ['postgres:5432'] })), 'named-port-not-exposed')).toEqual([]);
  });
});

describe('policy-selects-no-pod', () => {
  it('flags a podSelector that matches no pod of its namespace and points at other namespaces', () => {
    const [f] = findingsOf(lintYaml(WEB, pod('shop', 'db', { app: 'db' }) + pod('other', 'web', { app: 'web' })), 'policy-selects-no-pod');
    expect(f.path).toEqual(['spec', 'podSelector']);
    expect(f.message).toBe('podSelector app=web matches no pod or workload of the inputs in namespace shop, so the policy has no effect; pods with these labels run in other: is metadata.namespace right?');
  });

  it('judges only namespaces the inputs show pods of, and gives no namespace hint for podSelector: {}', () => {
    expect(findingsOf(lintYaml(WEB, pod('other', 'web', { app: 'web' })), 'policy-selects-no-pod')).toEqual([]);
    const all = policy('shop', 'all', '  podSelector: {matchExpressions: [{key: app, operator: In, values: [api]}]}');
    const [f] = findingsOf(lintYaml(all, pod('shop', 'db', { app: 'db' }) + pod('other', 'api', { app: 'api' })), 'policy-selects-no-pod');
    expect(f.message).toContain('app in (api)');
    expect(f.message).toContain('run in other');
    const empty = policy('empty', 'all', '  podSelector: {}');
    expect(findingsOf(lintYaml(empty, pod('empty', 'x', {}) + pod('shop', 'db', {})), 'policy-selects-no-pod')).toEqual([]);
  });

  it('counts workload templates as pods', () => {
    const deploy = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x}]}
`;
    expect(findingsOf(lintYaml(WEB + deploy), 'policy-selects-no-pod')).toEqual([]);
  });
});

describe('peer-matches-nothing', () => {
  it('flags selector peers without a matching pod', () => {
    const out = findingsOf(lintYaml(WEB, pod('shop', 'web', { app: 'web' })), 'peer-matches-nothing');
    expect(out.map((f) => f.path.join('.'))).toEqual(['spec.ingress.0.from.0']);
    expect(out[0].message).toBe('peer (namespace shop (no namespaceSelector) AND podSelector app=frontend) matches no pod or workload of the inputs, so it admits nothing');
    const ops = WEB.replace('{name: monitoring}', '{team: ops}\n          podSelector: {matchLabels: {app: grafana}}');
    const inv = namespace('monitoring', { team: 'ops' }) + pod('monitoring', 'prom', { app: 'prometheus' }) + pod('shop', 'fe', { app: 'frontend' });
    const [f] = findingsOf(lintYaml(ops, inv), 'peer-matches-nothing');
    expect(f.path).toEqual(['spec', 'ingress', 0, 'from', 1]);
    expect(f.message).toContain('(namespaceSelector team=ops AND podSelector app=grafana)');
  });

  it('says nothing about namespaces the inputs show no pod of', () => {
    // monitoring is declared but none of its pods is in the inputs: unknown, not empty.
    expect(findingsOf(lintYaml(WEB, namespace('monitoring', { name: 'monitoring' }) + pod('shop', 'fe', { app: 'frontend' })), 'peer-matches-nothing')).toEqual([]);
    expect(findingsOf(lintYaml(WEB.replace('namespace: shop', 'namespace: empty'), pod('shop', 'fe', { app: 'frontend' })), 'peer-matches-nothing')).toEqual([]);
  });

  it('is quiet when the peers match pods', () => {
    const pods = pod('shop', 'fe', { app: 'frontend' }) + namespace('monitoring', { name: 'monitoring' }) + pod('monitoring', 'prom', { app: 'prometheus' });
    expect(findingsOf(lintYaml(WEB, pods), 'peer-matches-nothing')).toEqual([]);
  });
});

describe('pod-not-isolated', () => {
  it('reports each direction no policy isolates, at the pod', () => {
    const r = lintYaml(WEB, pod('shop', 'web', { app: 'web' }) + pod('shop', 'db', { app: 'db' }));
    const out = findingsOf(r, 'pod-not-isolated');
    expect(out.map((f) => `${f.object.name}: ${f.message.split(':')[0]}`)).toEqual([
      'web: is not isolated for egress',
      'db: is not isolated for ingress',
      'db: is not isolated for egress',
    ]);
    expect(out[0]).toMatchObject({ severity: 'info', object: { kind: 'Pod', namespace: 'shop', name: 'web' }, location: { file: 'inventory.yaml', line: 2 } });
  });

  it('is quiet for pods isolated both ways, by any policy including inventory ones', () => {
    const deny = policy('shop', 'deny', '  podSelector: {}\n  policyTypes: [Ingress, Egress]');
    expect(findingsOf(lintYaml(WEB, deny + pod('shop', 'web', { app: 'web' })), 'pod-not-isolated')).toEqual([]);
  });

  /** A Baseline ClusterNetworkPolicy over every namespace with the given rules. */
  const baseline = (rules: object): string =>
    `---\n${stringify({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'base' }, spec: { tier: 'Baseline', priority: 5, subject: { namespaces: {} }, ...rules } })}`;
  const DENY_IN = { action: 'Deny', from: [{ namespaces: {} }] };
  const DENY_OUT = { action: 'Deny', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] };
  const directions = (yaml: string, inv: string): string[] => findingsOf(lintYaml(yaml, inv), 'pod-not-isolated').map((f) => f.message.split(':')[0]);

  it('is quiet for egress a cluster default deny covers (BaselineDefaultDeny); ingress from outside the pod network stays open, and it says so', () => {
    const db = pod('shop', 'db', { app: 'db' });
    expect(directions(baseline({ ingress: [DENY_IN], egress: [DENY_OUT] }), db)).toEqual(['is not isolated for ingress']);
    expect(findingsOf(lintYaml(baseline({ ingress: [DENY_IN], egress: [DENY_OUT] }), db), 'pod-not-isolated').map((f) => f.message)).toEqual([
      "is not isolated for ingress: no NetworkPolicy of namespace shop selects it with Ingress in policyTypes, so cnp/base denies ingress from every pod, but ingress from addresses outside the pod network (clients outside the cluster, nodes, host-network pods) is allowed: cluster policies' ingress rules cannot name them",
    ]);
    expect(directions(baseline({ ingress: [DENY_IN] }), db)).toEqual(['is not isolated for ingress', 'is not isolated for egress']);
  });

  it('agrees with the engine: under a cluster deny of every pod, an address outside the cluster still reaches the pod', () => {
    const db = pod('shop', 'db', { app: 'db' });
    const inventory = assembleObjects(readInputs(parseManifests(baseline({ ingress: [DENY_IN], egress: [DENY_OUT] }) + db, 'cluster.yaml')).objects);
    const to: Endpoint = { kind: 'pod', pod: inventory.pods[0] };
    expect(evaluateFlow(inventory, { from: externalEndpoint('203.0.113.7'), to, port: 5432, protocol: 'TCP' }).outcome).toBe('allowed');
    expect(evaluateFlow(inventory, { from: to, to, port: 5432, protocol: 'TCP' }).outcome).toBe('denied');
  });

  it('still reports what cluster policies only partly decide, naming them', () => {
    const db = pod('shop', 'db', { app: 'db' });
    // Egress denied to pods only: the internet stays open.
    const podsOnly = findingsOf(lintYaml(baseline({ egress: [{ action: 'Deny', to: [{ namespaces: {} }] }] }), db), 'pod-not-isolated').map((f) => f.message);
    expect(podsOnly).toEqual([
      'is not isolated for ingress: no NetworkPolicy of namespace shop selects it with Ingress in policyTypes, so all ingress is allowed',
      'is not isolated for egress: no NetworkPolicy of namespace shop selects it with Egress in policyTypes, so all egress that cnp/base does not decide is allowed',
    ]);
    // A deny-all after an Accept, or with ports, is no default deny.
    expect(directions(baseline({ ingress: [{ action: 'Accept', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { number: 80 } } }] }, DENY_IN] }), db)).toContain('is not isolated for ingress');
    expect(directions(baseline({ ingress: [{ ...DENY_IN, protocols: [{ tcp: { destinationPort: { number: 80 } } }] }] }), db)).toContain('is not isolated for ingress');
  });

  it('skips host-network pods, which no policy isolates', () => {
    const host = `---\n${stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'agent', namespace: 'shop' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x' }] } })}`;
    expect(directions(WEB, host)).toEqual([]);
  });
});

describe('ipblock-covers-pods', () => {
  const EGRESS = policy('shop', 'out', `
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/8
            except: [10.1.0.0/16]
`);

  it('flags a range that contains pod IPs, naming pods and addresses', () => {
    const [f] = findingsOf(lintYaml(EGRESS, pod('shop', 'a', {}, { ip: '10.2.0.5' })), 'ipblock-covers-pods');
    expect(f.path).toEqual(['spec', 'egress', 0, 'to', 0, 'ipBlock', 'cidr']);
    expect(f.message).toContain('ipBlock 10.0.0.0/8 (minus 10.1.0.0/16) covers the IPs of 1 pod (shop/a 10.2.0.5)');
  });

  it('is quiet when pod IPs are outside the range or in an except', () => {
    expect(findingsOf(lintYaml(EGRESS, pod('shop', 'a', {}, { ip: '10.1.3.4' }) + pod('shop', 'b', {}, { ip: '192.168.0.1' })), 'ipblock-covers-pods')).toEqual([]);
  });
});

describe('service-port-not-container-port', () => {
  const svc = (targetPort: string): string => `---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: ${targetPort}}]
`;
  const ING = policy('shop', 'web', `
  podSelector: {matchLabels: {app: web}}
  ingress:
    - ports: [{port: 80}]
`);
  const webPod = pod('shop', 'web-1', { app: 'web' }, { ports: ['http:8080'] });

  it('flags the Service port when the pods listen on another targetPort', () => {
    const [f] = findingsOf(lintYaml(ING, webPod + svc('8080')), 'service-port-not-container-port');
    expect(f.path).toEqual(['spec', 'ingress', 0, 'ports', 0, 'port']);
    expect(f.message).toContain('80/TCP is the port of Service shop/web, which sends it to targetPort 8080 on its pods (e.g. shop/web-1)');
    const [named] = findingsOf(lintYaml(ING, webPod + svc('http')), 'service-port-not-container-port');
    expect(named.message).toContain('targetPort 8080');
  });

  it('is quiet when the port is a container port, the targetPort equals the port, or no Service selects the pods', () => {
    expect(findingsOf(lintYaml(ING, pod('shop', 'web-1', { app: 'web' }, { ports: ['80'] }) + svc('8080')), 'service-port-not-container-port')).toEqual([]);
    expect(findingsOf(lintYaml(ING, webPod + svc('80')), 'service-port-not-container-port')).toEqual([]);
    expect(findingsOf(lintYaml(ING, pod('shop', 'x', { app: 'x' }) + svc('8080')), 'service-port-not-container-port')).toEqual([]);
    expect(lintYaml(ING, webPod).rules.find((s) => s.rule.id === 'service-port-not-container-port')?.status).toBe('skipped');
  });
});
