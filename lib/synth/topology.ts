import { DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

interface Vertex {
  readonly value: IConstruct;
  readonly children: Set<Vertex>;
  hasParent: boolean;
}

/**
 * The constructs under `root` (itself included) in cdk8s's `DependencyGraph.topology()` order,
 * computed in linear time: a depth-first post-order from the dependency roots, which cdk8s takes
 * in the order of a path-keyed object (integer-like paths first). cdk8s revisits shared
 * dependencies and searches for a route on every edge; the order does not depend on either.
 * When the graph has a cycle, cdk8s's own graph is built so that its error is the one thrown.
 */
export function topology(root: IConstruct, all: readonly IConstruct[]): IConstruct[] {
  // A plain object on purpose: its key order is the order cdk8s adopts dependency roots in.
  const nodes: Record<string, Vertex> = {};
  let anyDependency = false;
  for (const c of all) {
    nodes[c.node.path] = { value: c, children: new Set(), hasParent: false };
  }
  for (const c of all) {
    const deps = c.node.dependencies;
    if (deps.length === 0) continue;
    const source = nodes[c.node.path];
    for (const dep of deps) {
      const target = nodes[dep.node.path];
      // cdk8s leaves out dependencies that leave the sub-tree.
      if (target === undefined) continue;
      anyDependency = true;
      source.children.add(target);
      target.hasParent = true;
    }
  }
  const vertices = Object.values(nodes);
  if (!anyDependency) return vertices.map((v) => v.value);

  const done = new Set<Vertex>();
  const active = new Set<Vertex>();
  const order: IConstruct[] = [];
  const visit = (v: Vertex): void => {
    if (done.has(v)) return;
    if (active.has(v)) {
      new DependencyGraph(root.node).topology();
      throw new Error(`Dependency cycle detected at ${v.value.node.path}`);
    }
    active.add(v);
    for (const c of v.children) visit(c);
    active.delete(v);
    done.add(v);
    order.push(v.value);
  };
  for (const v of vertices) {
    if (!v.hasParent) visit(v);
  }
  if (order.length !== vertices.length) {
    // Vertices only reachable through a cycle: cdk8s fails on the cycle.
    new DependencyGraph(root.node).topology();
    throw new Error(`Dependency cycle detected under ${root.node.path || '<app>'}`);
  }
  return order;
}
