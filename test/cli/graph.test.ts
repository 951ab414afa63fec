import * as path from 'path';
import { run } from './run-cli';
import { ADMIN_DENY_8000_9000_TO_WEB, allowIngress, DENY_INGRESS, folder, SHOP_WORKLOADS } from '../ci/helpers';

const dir = folder({ 'w.yaml': SHOP_WORKLOADS, 'p.yaml': DENY_INGRESS + allowIngress('fw', 'frontend', 'web', [8080]) });

describe('netfence graph', () => {
  it('prints a Mermaid flowchart by default', async () => {
    const r = await run(['graph', '-f', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(r.stdout).toContain('  subgraph ns_shop["namespace shop"]\n');
    expect(r.stdout).toContain('  pod_shop_frontend -->|"TCP 8080"| pod_shop_web\n');
  });

  it('--format dot and --port', async () => {
    const r = await run(['graph', '-f', path.join(dir, 'w.yaml'), path.join(dir, 'p.yaml'), '--format', 'dot', '--port', '8080/TCP', '53/UDP']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('digraph netfence {\n')).toBe(true);
    expect(r.stdout).toContain('  pod_shop_frontend -> pod_shop_web [label="TCP 8080"];');
    expect(r.stdout).toContain('any_source -> pod_monitoring_prometheus [label="TCP 8080; UDP 53", lhead=cluster_ns_monitoring];');
  });

  it('--level namespace draws one node per namespace, dotted where only some pods may connect', async () => {
    const r = await run(['graph', '-f', dir, '--level', 'namespace']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  ns_shop["namespace shop · 3 pods · some pods reach others: TCP 8080"]\n');
    expect(r.stdout).not.toContain('pod_');
    const dot = await run(['graph', '-f', dir, '--level', 'namespace', '--format', 'dot']);
    expect(dot.stdout).toContain('  ns_shop [label="namespace shop · 3 pods · some pods reach others: TCP 8080"];');
    expect((await run(['graph', '-f', dir, '--level', 'pods'])).code).toBe(2);
  });

  it('says which named ports of stand-ins it could not draw (a cluster rule names numbers of their protocol), in the picture and on stderr', async () => {
    // No workload of app=web: its pods are a stand-in, and the port named admin is given a number by pods not in the inputs.
    const only = folder({ 'p.yaml': ADMIN_DENY_8000_9000_TO_WEB + DENY_INGRESS + allowIngress('fw', 'frontend', 'web', ['admin']) });
    const r = await run(['graph', '-f', only]);
    expect(r.code).toBe(0);
    const reason = 'not drawn: the port admin/TCP of pods the inputs do not hold: cluster policies name port numbers of that protocol, so what such a port gets depends on the number a pod gives it; add the workloads that name it';
    expect(r.stdout).toContain(`  not_drawn>"${reason}"]\n`);
    expect(r.stdout).not.toContain('admin/TCP|');
    expect(r.stderr).toContain(`netfence: warning: ${reason}`);
    const dot = await run(['graph', '-f', only, '--format', 'dot']);
    expect(dot.stdout).toContain(`  not_drawn [label="${reason}", shape=note, color=red];`);
    const json = JSON.parse((await run(['graph', '-f', only, '--format', 'json'])).stdout) as { notDrawn: string[] };
    expect(json.notDrawn).toEqual(['admin/TCP']);
    // The workloads that name the port: drawn at their numbers, nothing left undrawn.
    const withPods = await run(['graph', '-f', only, path.join(dir, 'w.yaml')]);
    expect(withPods.stdout).not.toContain('not_drawn');
    expect(withPods.stderr).not.toContain('not drawn');
    // Without the cluster rule the name is drawn on the stand-in.
    const plain = await run(['graph', '-f', folder({ 'p.yaml': DENY_INGRESS + allowIngress('fw', 'frontend', 'web', ['admin']) })]);
    expect(plain.stdout).toContain('admin/TCP');
    expect(plain.stdout).not.toContain('not_drawn');
  });

  it('bad input: a bad port, an unknown format, a missing file (exit 2)', async () => {
    const port = await run(['graph', '-f', dir, '--port', '80/XTP']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('bad port "80/XTP"');
    expect((await run(['graph', '-f', dir, '--format', 'svg'])).code).toBe(2);
    const missing = await run(['graph', '-f', path.join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
  });
});

describe('netfence graph: stand-ins, --include and JSON', () => {
  it('draws a repo of policies alone through stand-ins, and takes the ends of check', async () => {
    const policies = folder({ 'p.yaml': DENY_INGRESS + allowIngress('fw', 'frontend', 'web', [8080]) });
    const r = await run(['graph', '-f', policies, '--format', 'json', '--include', 'shop/app=admin', '10.0.0.0/8']);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout) as { groups: { name: string; nodes: { label: string; members: string[] }[] }[]; edges: { from: string; to: string; label: string }[] };
    expect(g.groups.map((x) => [x.name, x.nodes.map((n) => n.label)])).toEqual([
      // No policy tells shop/* and the included app=admin apart: one node.
      ['shop', ['*, app=admin', 'app=frontend', 'app=web']],
      ['outside the cluster', ['10.0.0.0/8', 'any address no ipBlock names']],
    ]);
    expect(g.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`)).toContain('pod_shop_app_frontend -> pod_shop_app_web: TCP 8080');
  });
});
