/**
 * Text forms of a connectivity graph: Mermaid (GitHub renders a ```mermaid block in comments and
 * Markdown files), Graphviz DOT, and JSON for programs. Ids are already safe (see IdMaker in
 * graph.ts); every label goes through lib/render/escape.ts.
 */
import { ANY_DESTINATION_ID, ANY_SOURCE_ID, ConnectivityGraph, GraphGroup, GraphNode, UndecidedEdge } from './graph';
import { dotLabel, escapeText, mermaidLabel } from '../render/escape';
import { uncomparedReason } from './named-port-probes';

/** Label quoting for each syntax lives with every other escaping, in lib/render/escape.ts. */
export { dotLabel, mermaidLabel };

/** The output formats of `netfence graph`. */
export const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const;

/** One of GRAPH_FORMATS. */
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

function groupTitle(g: GraphGroup): string {
  const title = g.kind === 'namespace' ? `namespace ${g.name}` : g.name;
  return g.inside === undefined ? title : `${title} (pods reach each other: ${g.inside})`;
}

/** The label of a namespace drawn as one node (namespace level). */
function namespaceNodeLabel(g: GraphGroup): string {
  const pods = g.nodes.reduce((n, x) => n + x.members.length, 0);
  const parts = [`namespace ${g.name}`, `${pods} pod${pods === 1 ? '' : 's'}`];
  if (g.inside !== undefined) parts.push(`all pods reach each other: ${g.inside}`);
  if (g.someInside !== undefined) parts.push(`some pods reach others: ${g.someInside}`);
  return parts.join(' · ');
}

/** True when the group is drawn as one node rather than as a subgraph of nodes. */
function drawnAsNode(graph: ConnectivityGraph, g: GraphGroup): boolean {
  return graph.level === 'namespace' && g.kind === 'namespace';
}

function mermaidNode(n: GraphNode): string {
  return n.kind === 'external' ? `${n.id}{{${mermaidLabel(n.label)}}}` : `${n.id}[${mermaidLabel(n.label)}]`;
}

/** The label of an undecided edge: what it is, then the ports. */
function undecidedLabel(e: UndecidedEdge): string {
  return `${e.outcome === 'implementation-defined' ? 'implementation-defined' : 'depends on DNS'}${e.partial ? ' (some pods)' : ''}: ${e.label}`;
}

/** The id of the note listing named ports not drawn; no IdMaker id lacks a prefix like `pod_`. */
const NOT_DRAWN_ID = 'not_drawn';

/** What the graph could not draw, as its note says it (undefined when it drew everything). */
export function notDrawnNote(graph: ConnectivityGraph): string | undefined {
  if (graph.notDrawn.length === 0) return undefined;
  return `not drawn: ${uncomparedReason(graph.notDrawn.map((n) => escapeText(n)))}; add the workloads that name it`;
}

/** Renders the graph as a Mermaid flowchart, left to right; partial edges are dotted, undecided ones thick and dotted with their outcome. */
export function toMermaid(graph: ConnectivityGraph): string {
  const lines: string[] = ['flowchart LR'];
  if (graph.usesAnySource) lines.push(`  ${ANY_SOURCE_ID}([${mermaidLabel('any source')}])`);
  if (graph.usesAnyDestination) lines.push(`  ${ANY_DESTINATION_ID}([${mermaidLabel('any destination')}])`);
  for (const g of graph.groups) {
    if (drawnAsNode(graph, g)) {
      lines.push(`  ${g.id}[${mermaidLabel(namespaceNodeLabel(g))}]`);
      continue;
    }
    lines.push(`  subgraph ${g.id}[${mermaidLabel(groupTitle(g))}]`);
    for (const n of g.nodes) lines.push(`    ${mermaidNode(n)}`);
    lines.push('  end');
  }
  for (const e of graph.edges) lines.push(`  ${e.from} ${e.partial ? '-.->' : '-->'}|${mermaidLabel(e.label)}| ${e.to}`);
  for (const e of graph.undecided) lines.push(`  ${e.from} -.->|${mermaidLabel(undecidedLabel(e))}| ${e.to}`);
  const note = notDrawnNote(graph);
  if (note !== undefined) lines.push(`  ${NOT_DRAWN_ID}>${mermaidLabel(note)}]`);
  return `${lines.join('\n')}\n`;
}

/** Renders the graph as Graphviz DOT; edges between namespaces use clusters (compound=true); partial edges are dashed. */
export function toDot(graph: ConnectivityGraph): string {
  const lines: string[] = ['digraph netfence {', '  rankdir=LR;', '  compound=true;', '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica"];'];
  // DOT draws an edge to a cluster as an edge to one of its nodes, clipped at the cluster's border.
  const anchor = new Map<string, { node: string; cluster?: string }>();
  if (graph.usesAnySource) lines.push(`  ${ANY_SOURCE_ID} [label=${dotLabel('any source')}, shape=oval];`);
  if (graph.usesAnyDestination) lines.push(`  ${ANY_DESTINATION_ID} [label=${dotLabel('any destination')}, shape=oval];`);
  for (const g of graph.groups) {
    if (drawnAsNode(graph, g)) {
      lines.push(`  ${g.id} [label=${dotLabel(namespaceNodeLabel(g))}];`);
      continue;
    }
    const cluster = `cluster_${g.id}`;
    lines.push(`  subgraph ${cluster} {`, `    label=${dotLabel(groupTitle(g))};`);
    for (const n of g.nodes) lines.push(`    ${n.id} [label=${dotLabel(n.label)}${n.kind === 'external' ? ', shape=hexagon' : ''}];`);
    lines.push('  }');
    anchor.set(g.id, { node: g.nodes[0].id, cluster });
  }
  for (const e of graph.edges) {
    const from = anchor.get(e.from);
    const to = anchor.get(e.to);
    const attrs = [`label=${dotLabel(e.label)}`];
    if (from?.cluster) attrs.push(`ltail=${from.cluster}`);
    if (to?.cluster) attrs.push(`lhead=${to.cluster}`);
    if (e.partial) attrs.push('style=dashed');
    lines.push(`  ${from?.node ?? e.from} -> ${to?.node ?? e.to} [${attrs.join(', ')}];`);
  }
  for (const e of graph.undecided) {
    const from = anchor.get(e.from);
    const to = anchor.get(e.to);
    const attrs = [`label=${dotLabel(undecidedLabel(e))}`, 'style=dotted', 'color=red'];
    if (from?.cluster) attrs.push(`ltail=${from.cluster}`);
    if (to?.cluster) attrs.push(`lhead=${to.cluster}`);
    lines.push(`  ${from?.node ?? e.from} -> ${to?.node ?? e.to} [${attrs.join(', ')}];`);
  }
  const note = notDrawnNote(graph);
  if (note !== undefined) lines.push(`  ${NOT_DRAWN_ID} [label=${dotLabel(note)}, shape=note, color=red];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Renders the graph in one of the formats; `json` is the ConnectivityGraph itself, for programs. */
export function renderGraph(graph: ConnectivityGraph, format: GraphFormat): string {
  if (format === 'json') return `${JSON.stringify(graph, null, 2)}\n`;
  return format === 'dot' ? toDot(graph) : toMermaid(graph);
}
