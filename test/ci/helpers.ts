/** Shared helpers for the CI layer's tests: manifests as YAML text, and folders of them. */
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LoadedManifest, parseManifests } from '../../lib/io/manifests';

/** Parses YAML documents as if read from `file`. */
export function yaml(text: string, file = 'mem.yaml'): LoadedManifest[] {
  return parseManifests(text, file);
}

/** Writes files into a fresh temporary folder and returns its path. */
export function folder(files: Record<string, string>, prefix = 'netfence-ci-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

/** A Deployment with labels and named container ports. */
export function deployment(ns: string, name: string, labels: Record<string, string>, ports: [string, number][] = []): string {
  const portLines = ports.map(([n, p]) => `            - {name: ${n}, containerPort: ${p}}`).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: ${JSON.stringify(labels)}}
  template:
    metadata: {labels: ${JSON.stringify(labels)}}
    spec:
      containers:
        - name: main
          image: x
${ports.length > 0 ? `          ports:\n${portLines}\n` : ''}---
`;
}

/** The endpoints of a small shop: namespaces, a frontend, a web and a db. */
export const SHOP_WORKLOADS = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
${deployment('shop', 'frontend', { app: 'frontend' })}${deployment('shop', 'web', { app: 'web' }, [['http', 8080]])}${deployment('shop', 'db', { app: 'db' }, [['pg', 5432]])}${deployment('monitoring', 'prometheus', { app: 'prometheus' })}`;

/** Default-deny ingress for every pod of shop. */
export const DENY_INGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
`;

/** Ingress to `to` from `from` (both app labels in shop) on TCP ports. */
export function allowIngress(name: string, from: string, to: string, ports: (number | string)[]): string {
  const p = ports.map((x) => `        - {port: ${typeof x === 'number' ? x : JSON.stringify(x)}}`).join('\n');
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  podSelector: {matchLabels: {app: ${to}}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: ${from}}}
${ports.length > 0 ? `      ports:\n${p}\n` : ''}---
`;
}

/** A random rule: peers by pod label (in the policy's namespace or, with `anyNs`, in every one) and/or a CIDR; ports by number, range or name. */
export interface RandomRule {
  readonly from?: string;
  readonly anyNs: boolean;
  readonly cidr?: string;
  readonly ports: readonly (readonly [number | string, string, number | undefined])[];
}

/** A random policy of namespace t or u, selecting pods by app label, isolating one direction. */
export interface RandomPolicy {
  readonly namespace: string;
  readonly target: string;
  readonly egress: boolean;
  readonly rules: readonly RandomRule[];
}

const labelsArb = fc.constantFrom('a', 'b', 'c');
const portArb = fc.oneof(fc.constantFrom(53, 80, 443, 8080), fc.constant('http'));
const ruleArb: fc.Arbitrary<RandomRule> = fc.record({
  from: fc.option(labelsArb, { nil: undefined }),
  anyNs: fc.boolean(),
  ports: fc.array(fc.tuple(portArb, fc.constantFrom('TCP', 'UDP'), fc.option(fc.constantFrom(100, 9000), { nil: undefined })), { maxLength: 2 }),
  cidr: fc.option(fc.constantFrom('10.0.0.0/8', '10.1.0.0/16', '0.0.0.0/0'), { nil: undefined }),
});

/** Random policies for the pods of RANDOM_PODS. */
export const policyArb: fc.Arbitrary<RandomPolicy> = fc.record({
  namespace: fc.constantFrom('t', 'u'),
  target: labelsArb,
  egress: fc.boolean(),
  rules: fc.array(ruleArb, { maxLength: 2 }),
});

/** Renders random policies as YAML. */
export function renderPolicies(ps: readonly RandomPolicy[]): string {
  return ps
    .map((p, i) => {
      const dir = p.egress ? 'egress' : 'ingress';
      const peerKey = p.egress ? 'to' : 'from';
      const rules = p.rules
        .map((r) => {
          const ns = r.anyNs ? 'namespaceSelector: {}, ' : '';
          const peers = [r.from ? `{${ns}podSelector: {matchLabels: {app: ${r.from}}}}` : '', r.cidr ? `{ipBlock: {cidr: ${r.cidr}}}` : ''].filter((x) => x !== '');
          const ports = r.ports.map(
            ([port, proto, end]) =>
              `{port: ${typeof port === 'number' ? port : JSON.stringify(port)}, protocol: ${proto}${typeof port === 'number' && end !== undefined && end > port ? `, endPort: ${end}` : ''}}`,
          );
          return `    - {${peers.length ? `${peerKey}: [${peers.join(', ')}]` : ''}${peers.length && ports.length ? ', ' : ''}${ports.length ? `ports: [${ports.join(', ')}]` : ''}}`;
        })
        .join('\n');
      return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p${i}, namespace: ${p.namespace}}\nspec:\n  podSelector: {matchLabels: {app: ${p.target}}}\n  policyTypes: [${p.egress ? 'Egress' : 'Ingress'}]\n  ${dir}:${rules ? `\n${rules}` : ' []'}\n---\n`;
    })
    .join('');
}

/** Four pods in namespaces t and u: named ports that resolve differently, one pod with an IP. */
export const RANDOM_PODS = [
  ['t', 'a', 'a', 8080, '10.1.2.3'],
  ['t', 'b', 'b', 81, undefined],
  ['t', 'c', 'c', undefined, undefined],
  ['u', 'a2', 'a', 8080, undefined],
]
  .map(
    ([ns, name, app, http, ip]) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {app: ${app}}}\nspec: {containers: [{name: m, image: x${http ? `, ports: [{name: http, containerPort: ${http}}]` : ''}}]}\n${ip ? `status: {podIP: ${ip}}\n` : ''}---\n`,
  )
  .join('');

/** An Admin ClusterNetworkPolicy denying TCP 8000-9000 to app=web from every namespace: a cluster rule naming numbers. */
export const ADMIN_DENY_8000_9000_TO_WEB = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: no-8080}
spec:
  tier: Admin
  priority: 10
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}
  ingress:
    - {action: Deny, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 8000, end: 9000}}}}]}
---
`;
