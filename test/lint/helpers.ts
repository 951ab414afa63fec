import { parseManifests } from '../../lib/io/manifests';
import { LintFinding, lintManifests, LintOptions, LintReport } from '../../lib/lint';

/** Lints YAML text (as file `policies.yaml`), with optional inventory YAML (as `inventory.yaml`). */
export function lintYaml(yaml: string, inventory?: string, options: Omit<LintOptions, 'inventory'> = {}): LintReport {
  return lintManifests(parseManifests(yaml, 'policies.yaml'), {
    ...options,
    ...(inventory === undefined ? {} : { inventory: parseManifests(inventory, 'inventory.yaml') }),
  });
}

/** The findings of one rule. */
export function findingsOf(report: LintReport, ruleId: string): LintFinding[] {
  return report.findings.filter((f) => f.ruleId === ruleId);
}

/** A NetworkPolicy document; `spec` is YAML indented by 2 under `spec:`. */
export function policy(namespace: string | undefined, name: string, spec: string): string {
  const ns = namespace === undefined ? '' : `\n  namespace: ${namespace}`;
  return `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}${ns}\nspec:\n${spec.replace(/^\n/, '').replace(/\s+$/, '')}\n`;
}

/** A Namespace document. */
export function namespace(name: string, labels: Record<string, string> = {}): string {
  const l = Object.entries(labels).map(([k, v]) => `\n    ${k}: ${JSON.stringify(v)}`).join('');
  return `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}${l === '' ? '' : `\n  labels:${l}`}\n`;
}

/** A Pod document with labels, optional IP and container ports (`name:port/PROTO` or `port`). */
export function pod(ns: string, name: string, labels: Record<string, string>, opts: { ip?: string; ports?: string[] } = {}): string {
  const l = Object.entries(labels).map(([k, v]) => `\n    ${k}: ${JSON.stringify(v)}`).join('');
  const ports = (opts.ports ?? [])
    .map((p) => {
      const m = /^(?:([a-z0-9-]+):)?([0-9]+)(?:\/(TCP|UDP|SCTP))?$/.exec(p);
      if (!m) throw new Error(`bad port ${p}`);
      return `\n        - containerPort: ${m[2]}${m[1] ? `\n          name: ${m[1]}` : ''}${m[3] ? `\n          protocol: ${m[3]}` : ''}`;
    })
    .join('');
  const status = opts.ip ? `\nstatus:\n  podIP: ${opts.ip}` : '';
  return `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:${l === '' ? ' {}' : l}\nspec:\n  containers:\n    - name: c\n      image: x${ports === '' ? '' : `\n      ports:${ports}`}${status}\n`;
}
