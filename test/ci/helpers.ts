/** Shared helpers for the CI layer's tests: manifests as YAML text, and folders of them. */
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
