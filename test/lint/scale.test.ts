import { LoadedManifest } from '../../lib/io/manifests';
import { lintManifests } from '../../lib/lint';

function loaded(object: Record<string, unknown>, file: string, line: number): LoadedManifest {
  const source = { file, line, column: 1 };
  return { object, source, locate: () => source };
}

/** A cluster-sized input built as objects (YAML parsing is the loader's cost, not lint's). */
function cluster(namespaces: number, podsPerNs: number, policiesPerNs: number): { policies: LoadedManifest[]; inventory: LoadedManifest[] } {
  const policies: LoadedManifest[] = [];
  const inventory: LoadedManifest[] = [];
  const np = (namespace: string, name: string, spec: Record<string, unknown>): Record<string, unknown> => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec,
  });
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    inventory.push(loaded({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: `t${n % 7}` } } }, 'i.yaml', inventory.length + 1));
    for (let p = 0; p < podsPerNs; p++) {
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `p${p}`, namespace: ns, labels: { app: `a${p % 10}`, tier: `t${p % 3}` } },
        spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] },
        status: { podIP: `10.${n}.${Math.floor(p / 250)}.${p % 250}` },
      };
      inventory.push(loaded(pod, 'i.yaml', inventory.length + 1));
    }
    policies.push(loaded(np(ns, 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }), 'p.yaml', policies.length + 1));
    for (let k = 0; k < policiesPerNs; k++) {
      const spec = {
        podSelector: { matchLabels: { app: `a${k % 10}` } },
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: `a${(k + 1) % 10}` } } }, { namespaceSelector: { matchLabels: { team: `t${k % 7}` } }, podSelector: { matchLabels: { tier: `t${k % 3}` } } }],
            ports: [{ port: 'http' }, { port: 9000, endPort: 9100 }],
          },
        ],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ protocol: 'UDP', port: 53 }] }],
      };
      policies.push(loaded(np(ns, `allow-${k}`, spec), 'p.yaml', policies.length + 1));
    }
  }
  return { policies, inventory };
}

describe('lint at scale', () => {
  // Timing belongs to the benchmarks (npm run bench); this says what lint finds at that size.
  it('lints 1,050 policies against 5,000 pods', () => {
    const { policies, inventory } = cluster(50, 100, 20);
    const report = lintManifests(policies, { inventory });
    expect(report.checked).toBe(50 * 21);
    // The allow policies isolate egress (rules, no policyTypes) and give UDP 53 to every app: only TCP is missing.
    const dns = report.findings.filter((f) => f.ruleId === 'egress-without-dns' && f.object.name === 'deny');
    expect(dns).toHaveLength(50);
    expect(dns[0].message).toContain('53/TCP');
    // 10.0.0.0/8 minus 10.1.0.0/16 covers the pods of 49 namespaces.
    expect(report.findings.filter((f) => f.ruleId === 'ipblock-covers-pods')[0].message).toContain('covers the IPs of 4900 pods');
  });
});
