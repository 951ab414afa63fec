import fc from 'fast-check';
import { Endpoint, endpointName, externalEndpoint } from '../../lib/analysis/endpoint';
import { inventoryFromManifests } from '../../lib/analysis/inventory-from-manifests';
import { Inventory } from '../../lib/analysis/inventory';
import { evaluateFlow } from '../../lib/analysis/verdict';
import { addressRegions } from '../../lib/analysis/address-regions';
import { buildGraph, ConnectivityGraph } from '../../lib/ci/graph';
import { graphFlows, graphUnits } from './graph-expand';
import { dotLabel, mermaidLabel, toDot, toMermaid } from '../../lib/ci/graph-render';
import { portPartition, representativePort } from '../../lib/analysis/port-partition';
import { StandIns } from '../../lib/analysis/stand-ins';
import { allowIngress, deployment, DENY_INGRESS, policyArb, RANDOM_PODS, renderPolicies, SHOP_WORKLOADS, yaml } from './helpers';

function inv(text: string): Inventory {
  return inventoryFromManifests(yaml(text));
}

/**
 * Every (from, to, port) the graph says is allowed, expanded back to endpoints: from the exact
 * edges and notes, or (with `partial`) from the dotted ones read as if they held for all pods.
 */
function expand(graph: ConnectivityGraph, ports: readonly { port: number; protocol: string }[], partial = false): Set<string> {
  const out = new Set<string>();
  for (const [key, intervals] of graphFlows(graph, partial)) {
    const [f, t] = key.split('\u0000');
    for (const p of ports) if (intervals.some((i) => i.protocol === p.protocol && p.port >= i.from && p.port <= i.to)) out.add(`${f} -> ${t} ${p.port}/${p.protocol}`);
  }
  return out;
}

/** The inventory the graph draws: the inputs plus a stand-in for every pod set of a policy that matches nothing. */
function universe(inventory: Inventory): Inventory {
  const s = new StandIns(inventory);
  s.coverPolicies(inventory.policies);
  return s.inventory();
}

function oracle(given: Inventory, ports: readonly { port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[]): Set<string> {
  const inventory = universe(given);
  const ends: Endpoint[] = [...inventory.pods.map((pod): Endpoint => ({ kind: 'pod', pod })), ...addressRegions([inventory]).map((r) => externalEndpoint(r.address))];
  const out = new Set<string>();
  for (const a of ends) {
    for (const b of ends) {
      if (a.kind === 'external' && b.kind === 'external') continue;
      for (const p of ports) if (evaluateFlow(inventory, { from: a, to: b, ...p }).allowed) out.add(`${endpointName(a)} -> ${endpointName(b)} ${p.port}/${p.protocol}`);
    }
  }
  return out;
}

describe('buildGraph', () => {
  const shop = SHOP_WORKLOADS + DENY_INGRESS + allowIngress('fw', 'frontend', 'web', ['http']) + allowIngress('wd', 'web', 'db', [5432]);

  it('draws workloads in namespace groups, edges labelled with ports, open namespaces collapsed', () => {
    const g = buildGraph(inv(shop));
    expect(g.groups.map((x) => [x.id, x.kind, x.nodes.map((n) => n.label)])).toEqual([
      ['ns_monitoring', 'namespace', ['prometheus']],
      ['ns_shop', 'namespace', ['db', 'frontend', 'web']],
      ['outside_cluster', 'outside', ['any address no ipBlock names']],
    ]);
    const edges = g.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`);
    expect(edges).toContain('pod_shop_frontend -> pod_shop_web: TCP 8080');
    expect(edges).toContain('pod_shop_web -> pod_shop_db: TCP 5432');
    // Nothing isolates monitoring or egress to the outside: anyone may reach them, one edge each.
    expect(edges).toEqual([
      'any_source -> ns_monitoring: all ports',
      'any_source -> outside_cluster: all ports',
      'pod_shop_frontend -> pod_shop_web: TCP 8080',
      'pod_shop_web -> pod_shop_db: TCP 5432',
    ]);
  });

  it('pods no policy tells apart become one node; hundreds of pods stay a handful of nodes and edges', () => {
    let text = '';
    for (let n = 0; n < 8; n++) {
      text += `apiVersion: v1\nkind: Namespace\nmetadata: {name: team-${n}}\n---\n`;
      text += DENY_INGRESS.replace('namespace: shop', `namespace: team-${n}`);
      text += allowIngress('api', 'web', 'api', [8080]).replace('namespace: shop', `namespace: team-${n}`);
      for (let i = 0; i < 50; i++) text += deployment(`team-${n}`, `w${i}`, { app: i < 10 ? 'web' : i < 20 ? 'api' : 'worker' });
    }
    const g = buildGraph(inv(text));
    const nodes = g.groups.flatMap((x) => x.nodes);
    expect(nodes).toHaveLength(8 * 3 + 1); // web, api, worker per namespace, plus one external region
    expect(nodes.find((n) => n.id === 'pod_team_0_w0')!.label).toBe('w0, w1, w2 +7 more');
    expect(g.edges.length).toBeLessThanOrEqual(8 + 8);
    expect(g.edges.filter((e) => e.label === 'TCP 8080')).toHaveLength(8);
  });

  it("draws a stand-in's named ports by name, only where they say more than the numbers (a named rule to a policy-only pod set drew no edge)", () => {
    const web = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: admin}, {port: 8080}]
    - from: [{podSelector: {matchLabels: {app: ops}}}]
---
`;
    const g = buildGraph(inv(web));
    const node = (label: string): string => g.groups.flatMap((x) => x.nodes).find((n) => n.label === label)!.id;
    const edge = (from: string, to: string) => g.edges.find((e) => e.from === node(from) && e.to === node(to));
    expect(edge('app=frontend', 'app=web')?.label).toBe('TCP 8080; admin/TCP');
    expect(edge('app=frontend', 'app=web')?.ports).toEqual([
      { protocol: 'TCP', from: 8080, to: 8080 },
      { protocol: 'TCP', from: 65536, to: 65536, name: 'admin' },
    ]);
    expect(edge('app=ops', 'app=web')?.label).toBe('all ports');
    // A workload that names the port: its number, no name.
    const real = buildGraph(inv(web + deployment('shop', 'web', { app: 'web' }, [['admin', 9000]]) + deployment('shop', 'frontend', { app: 'frontend' })));
    expect(JSON.stringify(real.edges)).not.toContain('admin');
    expect(real.edges.map((e) => e.label)).toContain('TCP 8080, 9000');
  });

  it('--port limits the drawing to the given ports', () => {
    const g = buildGraph(inv(shop), { ports: [{ port: 5432, protocol: 'TCP' }] });
    const edges = g.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`);
    expect(edges).toContain('pod_shop_web -> pod_shop_db: TCP 5432');
    expect(edges.some((e) => e.includes('8080'))).toBe(false);
  });

  it('is exact: expanding the collapsed edges gives back every allowed flow (property)', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 4 }), (ps) => {
        const inventory = inv(RANDOM_PODS + renderPolicies(ps));
        const ports = portPartition([inventory]).map(representativePort);
        expect(expand(buildGraph(inventory), ports)).toEqual(oracle(inventory, ports));
      }),
      { numRuns: 40 },
    );
  });

  it('namespace level: solid edges hold for all pods, dotted ones for some, and together they cover every flow (property)', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 4 }), (ps) => {
        const inventory = inv(RANDOM_PODS + renderPolicies(ps));
        const ports = portPartition([inventory]).map(representativePort);
        const graph = buildGraph(inventory, { level: 'namespace' });
        const allowed = oracle(inventory, ports);
        const exact = expand(graph, ports);
        const some = expand(graph, ports, true);
        for (const f of exact) expect(allowed.has(f)).toBe(true);
        for (const f of allowed) expect(exact.has(f) || some.has(f)).toBe(true);
        // Each port of a dotted edge is used by at least one pair it stands for.
        const { membersOf } = graphUnits(graph);
        for (const e of graph.edges.filter((x) => x.partial)) {
          for (const p of ports.filter((q) => e.ports.some((i) => i.protocol === q.protocol && q.port >= i.from && q.port <= i.to))) {
            const witness = membersOf.get(e.from)!.some((f) => membersOf.get(e.to)!.some((t) => allowed.has(`${f} -> ${t} ${p.port}/${p.protocol}`)));
            expect(witness).toBe(true);
          }
        }
        // Nodes are namespaces: no edge names a pod node.
        for (const e of graph.edges) expect(e.from.startsWith('pod_') || e.to.startsWith('pod_')).toBe(false);
      }),
      { numRuns: 30 },
    );
  });
});

describe('rendering', () => {
  const awkward =
    `apiVersion: v1\nkind: Namespace\nmetadata: {name: end}\n---\n` +
    deployment('end', 'graph', { app: 'xx' }) +
    deployment('end', 'my.app-1', { app: 'yy' }) +
    deployment('subgraph', 'o', { app: 'xx' }) +
    allowIngress('p', 'xx', 'yy', [80]).replace('namespace: shop', 'namespace: end');

  it('Mermaid: ids are safe and unique, labels quoted and escaped, a flowchart with subgraphs', () => {
    const g = buildGraph(inv(awkward));
    const text = toMermaid(g);
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    const ids = [...g.groups.map((x) => x.id), ...g.groups.flatMap((x) => x.nodes.map((n) => n.id))];
    for (const id of ids) expect(id).toMatch(/^(ns|pod|ext|outside)_[A-Za-z0-9_]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('ns_end');
    expect(ids).toContain('pod_end_my_app_1');
    expect(text).toContain('  subgraph ns_end["namespace end"]\n    pod_end_graph["graph"]\n    pod_end_my_app_1["my.app-1"]\n  end\n');
    expect(text).toContain('  pod_end_graph -->|"TCP 80"| pod_end_my_app_1\n');
    // Every line is a known statement shape.
    for (const line of text.trimEnd().split('\n').slice(1)) {
      expect(line).toMatch(/^ {2}(subgraph \w+\["[^"]*"\]|end|\w+(\["[^"]*"\]|\{\{"[^"]*"\}\}|\(\["[^"]*"\]\))|\w+ -->\|"[^"]*"\| \w+)$|^ {4}\w+(\["[^"]*"\]|\{\{"[^"]*"\}\})$/);
    }
  });

  it('namespace level: dotted edges in Mermaid, dashed in DOT', () => {
    const policies =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: t}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n---\n' +
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: to-b, namespace: t}\nspec:\n  podSelector: {matchLabels: {app: b}}\n  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: a}}}], ports: [{port: 80}]}]\n---\n';
    const g = buildGraph(inv(RANDOM_PODS + policies), { level: 'namespace' });
    expect(toMermaid(g)).toContain('  ns_u -.->|"TCP 80"| ns_t\n');
    expect(toDot(g)).toContain('  ns_u -> ns_t [label="TCP 80", style=dashed];');
    expect(toMermaid(g)).toContain('  ns_t["namespace t · 3 pods · some pods reach others: TCP 80"]\n');
  });

  it('escapes what would end or change a label', () => {
    expect(mermaidLabel('a "b" #c <d> `e`|\nf')).toBe('"a #34;b#34; #35;c #60;d#62; #96;e#96;#124;\\nf"');
    expect(dotLabel('a "b" \\c\nd\u001b')).toBe('"a \\"b\\" \\\\c\\\\nd\\\\x1b"');
  });

  it('DOT: one cluster per namespace, group edges clipped at cluster borders', () => {
    const g = buildGraph(inv(SHOP_WORKLOADS + DENY_INGRESS + allowIngress('fw', 'frontend', 'web', ['http'])));
    const text = toDot(g);
    expect(text.startsWith('digraph netfence {\n  rankdir=LR;\n  compound=true;\n')).toBe(true);
    expect(text).toContain('  subgraph cluster_ns_shop {\n    label="namespace shop";\n');
    expect(text).toContain('  pod_shop_frontend -> pod_shop_web [label="TCP 8080"];');
    expect(text).toContain('  any_source -> pod_monitoring_prometheus [label="all ports", lhead=cluster_ns_monitoring];');
    expect(text.trimEnd().endsWith('}')).toBe(true);
    // Balanced braces.
    expect((text.match(/\{/g) ?? []).length).toBe((text.match(/\}/g) ?? []).length);
  });
});
