import { parseManifests } from '../../lib/io/manifests';
import { InvalidInputError, readInputs } from '../../lib/analysis/read-inputs';
import { normalizePolicy } from '../../lib/analysis/normalize-policy';
import { evaluateFlow } from '../../lib/analysis/verdict';
import { selectorMatches } from '../../lib/core/label-match';
import { validateManifests } from '../../lib/validate/manifests';

const read = (text: string, file = 'in.yaml', skipInvalid = false) => readInputs(parseManifests(text, file), { skipInvalid });
const refusal = (text: string): string => {
  try {
    read(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as Error).message;
  }
  throw new Error('expected the inputs to be refused');
};

const POD = (ns: string, name: string, labels: string, ip?: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}\n${ip ? `status: {podIP: ${ip}}\n` : ''}---\n`;
const NP = (name: string, spec: string, ns = 'shop'): string => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec}\n---\n`;

describe('readInputs: what the server rejects is never analysed silently', () => {
  it('refuses a policy named Deny_All, as validate rejects it; --skip-invalid analyses without it and says so', () => {
    const text = POD('shop', 'web', '{app: web}') + NP('Deny_All', '  podSelector: {}\n  policyTypes: [Ingress]');
    expect(refusal(text)).toContain('in.yaml:7:18: NetworkPolicy/shop/Deny_All metadata.name: invalid name (got "Deny_All")');
    expect(validateManifests(parseManifests(text, 'in.yaml')).findings).toHaveLength(1);
    const skipped = read(text, 'in.yaml', true);
    expect(skipped.inventory.policies).toEqual([]);
    expect(skipped.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^skipped NetworkPolicy\/shop\/Deny_All: the API server would reject it \(invalid name/)]);
    expect(skipped.rejected).toHaveLength(1);
  });

  it('refuses a mistyped field that would have selected every pod (podSelector: {matchLabel: ...})', () => {
    const msg = refusal(NP('p', '  podSelector: {matchLabel: {app: web}}\n  policyTypes: [Ingress]'));
    expect(msg).toContain('NetworkPolicy/shop/p spec.podSelector.matchLabel: unknown field "matchLabel"; did you mean "matchLabels"?');
  });

  it('keeps `__proto__` an ordinary key through YAML, JSON and the reader, and refuses it as a label key', () => {
    const yamlPolicy = NP('p', '  podSelector: {matchLabels: {__proto__: x}}\n  policyTypes: [Ingress]');
    const fromYaml = parseManifests(yamlPolicy, 'p.yaml')[0].object;
    const fromJson = parseManifests(JSON.stringify(fromYaml), 'p.json')[0].object;
    for (const obj of [fromYaml, fromJson]) {
      const p = normalizePolicy(obj, 'shop');
      const ml = p.subject.podSelector.matchLabels ?? {};
      expect(Object.keys(ml)).toEqual(['__proto__']);
      expect(Object.getPrototypeOf(ml)).toBe(Object.prototype);
      // It selects only pods that carry the label, not every pod.
      expect(selectorMatches(p.subject.podSelector, {})).toBe(false);
      expect(selectorMatches(p.subject.podSelector, { app: 'web' })).toBe(false);
    }
    expect(refusal(yamlPolicy)).toContain('spec.podSelector.matchLabels.__proto__: invalid label key (got "__proto__")');
    // Pod labels too: the key is kept, and refused as the API server refuses it.
    const pod = POD('shop', 'a', '{__proto__: x}');
    expect(refusal(pod)).toContain('Pod/shop/a metadata.labels.__proto__: invalid label key');
    expect(Object.keys(read(pod, 'a.yaml', true).inventory.pods)).toEqual([]);
  });

  it('reads null list items and values as the API server decodes them', () => {
    // policyTypes: [null] decodes as [""], which the server rejects; validate says so too.
    expect(refusal(NP('p', '  podSelector: {}\n  policyTypes: [null]'))).toContain('spec.policyTypes[0]: unsupported policy type (got null); the API server reads null as ""');
    // except: [null] is "" too: not a CIDR.
    expect(refusal(NP('p', '  podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [null]}}]}]'))).toContain('ipBlock.except[0]: invalid CIDR (got null)');
    // ports: [null] is one entry with nothing set: every TCP port after defaulting; valid.
    const text =
      POD('shop', 'web', '{app: web}') + POD('shop', 'fe', '{app: fe}') + NP('p', '  podSelector: {matchLabels: {app: web}}\n  ingress: [{ports: [null], from: [{podSelector: {matchLabels: {app: null}}}]}]');
    expect(validateManifests(parseManifests(text, 'in.yaml')).findings).toEqual([]);
    const inv = read(text).inventory;
    expect(inv.policies[0].ingress[0].ports).toEqual([{ protocol: 'TCP' }]);
    // matchLabels {app: null} is {app: ""}: fe (app=fe) is not admitted, on any port.
    expect(inv.policies[0].ingress[0].peers).toEqual([{ kind: 'pods', podSelector: { matchLabels: { app: '' } } }]);
    expect(evaluateFlow(inv, { from: 'shop/fe', to: 'shop/web', port: 1, protocol: 'TCP' }).allowed).toBe(false);
    const open = read(POD('shop', 'web', '{app: web}') + POD('shop', 'fe', '{app: fe}') + NP('p', '  podSelector: {matchLabels: {app: web}}\n  ingress: [{ports: [null]}]')).inventory;
    expect(evaluateFlow(open, { from: 'shop/fe', to: 'shop/web', port: 9999, protocol: 'TCP' }).allowed).toBe(true);
    expect(evaluateFlow(open, { from: 'shop/fe', to: 'shop/web', port: 53, protocol: 'UDP' }).allowed).toBe(false);
  });

  it('reports near-misses of the kinds it reads, objects without kind, and Lists in Lists; skips other kinds', () => {
    for (const kind of ['Networkpolicy', 'networkpolicy', 'NetworkPolicies', 'NetworkPolcy']) {
      expect(refusal(`apiVersion: networking.k8s.io/v1\nkind: ${kind}\nmetadata: {name: p, namespace: shop}\nspec: {podSelector: {}}\n`)).toContain(
        `in.yaml:2:7: ${kind}/shop/p kind: unknown kind (got "${kind}")`,
      );
      expect(refusal(`apiVersion: networking.k8s.io/v1\nkind: ${kind}\nmetadata: {name: p, namespace: shop}\n`)).toContain('did you mean "NetworkPolicy"?');
    }
    expect(refusal('apiVersion: v1\nkind: pod\nmetadata: {name: a}\n')).toContain('did you mean "Pod"?');
    expect(refusal('apiVersion: networking.k8s.io/v1beta1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: s}\nspec: {podSelector: {}}\n')).toContain(
      'apiVersion: unsupported apiVersion (got "networking.k8s.io/v1beta1")',
    );
    expect(refusal('apiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {}}\n')).toContain('Deployment is served as apps/v1');
    expect(refusal('apiVersion: v1\nmetadata: {name: a}\n')).toContain('kind: missing kind');
    expect(refusal('kind: Pod\nmetadata: {name: a}\n')).toContain('apiVersion: missing apiVersion');
    const nested = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: List\n    items:\n      - apiVersion: v1\n        kind: Pod\n        metadata: {name: a}\n';
    expect(refusal(nested)).toContain('in.yaml:5:11: List/<unnamed> kind: list not read (got "List"); a List inside a List');
    expect(refusal('apiVersion: v1\nkind: PodList\nitems: []\n')).toContain('a PodList is not unwrapped');
    // A cluster dump's other kinds, and CRDs that share a kind's name, are skipped without a word.
    const fine = read(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
    );
    expect(fine.objects).toEqual([]);
    expect(fine.warnings).toEqual([]);
    // Kinds that decide traffic but are not read get a warning.
    const cilium = read('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c, namespace: shop}\n---\napiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: {name: k, namespace: shop}\n');
    expect(cilium.warnings.map((w) => w.message)).toEqual([
      'CiliumNetworkPolicy/shop/c <object>: cilium.io/v2 CiliumNetworkPolicy decides traffic but netfence does not read it: what it allows or denies is not part of this analysis',
      'NetworkPolicy/shop/k <object>: crd.projectcalico.org/v1 NetworkPolicy decides traffic but netfence does not read it: what it allows or denies is not part of this analysis',
    ]);
  });

  it('reads a CIDR with host bits as its network, with a warning that says so (cidr and except alike)', () => {
    const text =
      POD('shop', 'a', '{app: a}') +
      NP('p', '  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 10.244.1.10/4, except: [10.244.1.10/16]}}]}]');
    const r = read(text);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'NetworkPolicy/shop/p spec.egress[0].to[0].ipBlock.cidr: non-canonical CIDR (got "10.244.1.10/4"); has bits set beyond the prefix length; the API server reads it as 0.0.0.0/4 (servers with StrictIPCIDRValidation, on by default from Kubernetes 1.36, reject it on create): write "0.0.0.0/4", or "10.244.1.10/32" for the single address',
      'NetworkPolicy/shop/p spec.egress[0].to[0].ipBlock.except[0]: non-canonical CIDR (got "10.244.1.10/16"); has bits set beyond the prefix length; the API server reads it as 10.244.0.0/16 (servers with StrictIPCIDRValidation, on by default from Kubernetes 1.36, reject it on create): write "10.244.0.0/16", or "10.244.1.10/32" for the single address',
    ]);
    const allowed = (ip: string): boolean => evaluateFlow(r.inventory, { from: 'shop/a', to: ip, port: 80 }).allowed;
    expect(allowed('1.2.3.4')).toBe(true); // in 0.0.0.0/4
    expect(allowed('15.255.255.255')).toBe(true);
    expect(allowed('16.0.0.1')).toBe(false); // outside it
    expect(allowed('10.244.99.1')).toBe(false); // in the except, read as 10.244.0.0/16
    expect(allowed('10.245.0.1')).toBe(true);
  });

  it('keeps the later of two objects with the same kind, namespace and name, and says where both are', () => {
    const first = parseManifests(NP('allow-web', '  podSelector: {}\n  ingress: [{ports: [{port: 8080}]}]'), 'a.yaml');
    const second = parseManifests(NP('allow-web', '  podSelector: {}\n  ingress: [{ports: [{port: 8081}]}]'), 'b.yaml');
    const pod = parseManifests(POD('shop', 'web', '{app: web}'), 'pods.yaml');
    const r = readInputs([...first, ...pod, ...second]);
    expect(r.inventory.policies.map((p) => p.ingress[0].ports)).toEqual([[{ protocol: 'TCP', port: 8081 }]]);
    expect(r.warnings).toEqual([
      {
        message: 'NetworkPolicy shop/allow-web is defined twice (a.yaml:1:1 and b.yaml:1:1); the later one is used, as a later kubectl apply would leave it',
        location: { file: 'b.yaml', line: 1, column: 1 },
      },
    ]);
    // The same file read twice is one object, not a second definition.
    expect(readInputs([...first, ...parseManifests(NP('allow-web', '  podSelector: {}\n  ingress: [{ports: [{port: 8080}]}]'), 'a.yaml')]).warnings).toEqual([]);
    // A Namespace given twice is replaced, not merged.
    const ns = read('apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {x: "1"}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {z: "2"}}\n');
    expect(ns.inventory.namespaces[0].labels).toEqual({ z: '2', 'kubernetes.io/metadata.name': 'a' });
    expect(ns.warnings.map((w) => w.message)).toEqual(['Namespace a is defined twice (in.yaml:1:1 and in.yaml:5:1); the later one is used, as a later kubectl apply would leave it']);
    // An invalid later copy is rejected by the server: with --skip-invalid the earlier one stays.
    const bad = parseManifests(NP('allow-web', '  podSelector: {}\n  ingress: [{ports: [{port: 0}]}]'), 'c.yaml');
    const kept = readInputs([...first, ...bad], { skipInvalid: true });
    expect(kept.inventory.policies.map((p) => p.ingress[0].ports)).toEqual([[{ protocol: 'TCP', port: 8080 }]]);
  });
});

describe('readInputs: the cluster layer', () => {
  const CNP = (name: string, spec: string): string => `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n${spec}\n---\n`;
  const NODE = `apiVersion: v1\nkind: Node\nmetadata: {name: node-1, labels: {zone: a}}\nstatus:\n  addresses:\n    - {type: InternalIP, address: 172.18.0.2}\n    - {type: ExternalIP, address: "2001:db8::2"}\n    - {type: Hostname, address: node-1}\n    - {type: InternalDNS, address: node-1.internal}\n---\n`;

  it('reads ClusterNetworkPolicy (experimental fields included) into the inventory, without a warning', () => {
    const r = read(CNP('deny', '  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  egress: [{action: Deny, to: [{nodes: {}}]}]'));
    expect(r.warnings).toEqual([]);
    expect(r.inventory.policies.map((p) => `${p.id} ${p.tier} ${p.priority}`)).toEqual(['cnp/deny Admin 1']);
    expect(r.objects.map((o) => o.key)).toEqual(['ClusterNetworkPolicy//deny']);
  });

  it('refuses a cluster policy the API server would reject, and --skip-invalid leaves it out with a warning', () => {
    const bad = CNP('bad', '  tier: Admin\n  priority: 1001\n  subject: {namespaces: {}}');
    expect(refusal(bad)).toContain('ClusterNetworkPolicy/bad spec.priority');
    const skipped = read(bad, 'in.yaml', true);
    expect(skipped.inventory.policies).toEqual([]);
    expect(skipped.warnings[0].message).toMatch(/^skipped ClusterNetworkPolicy\/bad: the API server would reject it/);
  });

  it('a later cluster policy of the same kind and name replaces the earlier, with a warning', () => {
    const r = read(CNP('p', '  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}') + CNP('p', '  tier: Baseline\n  priority: 2\n  subject: {namespaces: {}}'));
    expect(r.inventory.policies.map((p) => p.tier)).toEqual(['Baseline']);
    expect(r.warnings[0].message).toMatch(/^ClusterNetworkPolicy p is defined twice/);
  });

  it('reads Nodes: labels and the IP addresses of their status (InternalIP and ExternalIP only)', () => {
    const r = read(NODE);
    expect(r.inventory.nodes).toEqual([expect.objectContaining({ name: 'node-1', labels: { zone: 'a' }, ips: ['172.18.0.2', '2001:db8::2'] })]);
  });

  it('gives a host-network pod without an IP its node\'s addresses, and keeps it out of every pod set', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: ops, labels: {app: agent}}\nspec: {hostNetwork: true, nodeName: node-1, containers: [{name: c, image: x}]}\n---\n';
    const r = read(NODE + pod + NP('all', '  podSelector: {}\n  policyTypes: [Ingress]', 'ops'));
    const agent = r.inventory.pods[0];
    expect([agent.hostNetwork, agent.nodeName, agent.ips]).toEqual([true, 'node-1', ['172.18.0.2', '2001:db8::2']]);
    // The NetworkPolicy selects every pod of ops, but not a host-network one: its ingress allows.
    expect(evaluateFlow(r.inventory, { from: '8.8.8.8', to: 'ops/agent', port: 22 }).allowed).toBe(true);
  });

  it('refuses what the API server rejects in the fields it reads: hostNetwork, nodeName', () => {
    expect(refusal('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ops}\nspec: {hostNetwork: "yes", containers: [{name: c, image: x}]}\n')).toContain('spec.hostNetwork: wrong type (got "yes"); must be true or false');
    expect(refusal('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ops}\nspec: {nodeName: Node_1, containers: [{name: c, image: x}]}\n')).toContain('spec.nodeName: invalid node name');
  });

  it('warns about a node address that is not an IP, and leaves it out', () => {
    const r = read('apiVersion: v1\nkind: Node\nmetadata: {name: node-x}\nstatus: {addresses: [{type: InternalIP, address: not-an-ip}]}\n');
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining('not an IP address (got "not-an-ip")')]);
    expect(r.inventory.nodes[0].ips).toEqual([]);
  });
});
