import { DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NetfenceError } from '../core/errors';

interface Vertex {
  readonly value: IConstruct;
  readonly children: Set<Vertex>;
  hasParent: boolean;
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;
const MAX_ARRAY_INDEX = 2 ** 32 - 2;

/**
 * The order cdk8s adopts dependency roots in: it keys vertices by construct path in a plain
 * object, whose keys list integer-like keys first, ascending, then the rest in insertion order.
 * Only a direct child of the app can have an integer-like path (its id).
 */
function objectKeyOrder(all: readonly IConstruct[]): IConstruct[] {
  let numeric: IConstruct[] | undefined;
  const rest: IConstruct[] = [];
  for (const c of all) {
    const id = c.node.id;
    const scope = c.node.scope;
    if (scope !== undefined && scope.node.scope === undefined) {
      if (ARRAY_INDEX.test(id) && Number(id) <= MAX_ARRAY_INDEX) {
        (numeric ??= []).push(c);
        continue;
      }
      // cdk8s's `nodes['__proto__'] = ...` sets the object's prototype: never a root there.
      if (id === '__proto__') continue;
    }
    rest.push(c);
  }
  if (numeric === undefined) return rest;
  numeric.sort((a, b) => Number(a.node.id) - Number(b.node.id));
  return [...numeric, ...rest];
}

/**
 * The constructs under `root` (itself included) in cdk8s's `DependencyGraph.topology()` order,
 * in linear time: a depth-first post-order from the dependency roots, taken in cdk8s's root
 * order. cdk8s revisits shared dependencies and searches for a route on every edge; the order
 * does not depend on either. On a cycle, cdk8s's own graph is built so that its error is thrown.
 */
export function topology(root: IConstruct, all: readonly IConstruct[]): IConstruct[] {
  const ordered = objectKeyOrder(all);
  let vertices: Map<IConstruct, Vertex> | undefined;
  for (const c of ordered) {
    const deps = c.node.dependencies;
    if (deps.length === 0) continue;
    if (vertices === undefined) {
      vertices = new Map();
      for (const x of ordered) vertices.set(x, { value: x, children: new Set(), hasParent: false });
    }
    const source = vertices.get(c)!;
    for (const dep of deps) {
      // cdk8s leaves out dependencies that leave the sub-tree.
      const target = vertices.get(dep);
      if (target === undefined) continue;
      source.children.add(target);
      target.hasParent = true;
    }
  }
  if (vertices === undefined) return ordered;

  const done = new Set<Vertex>();
  const active = new Set<Vertex>();
  const order: IConstruct[] = [];
  const failOnCycle = (): never => {
    new DependencyGraph(root.node).topology();
    throw new NetfenceError(`Dependency cycle detected under '${root.node.path}'; remove one of the addDependency calls that form the cycle`);
  };
  const visit = (v: Vertex): void => {
    if (done.has(v)) return;
    if (active.has(v)) failOnCycle();
    active.add(v);
    for (const c of v.children) visit(c);
    active.delete(v);
    done.add(v);
    order.push(v.value);
  };
  for (const v of vertices.values()) {
    if (!v.hasParent) visit(v);
  }
  // Vertices reachable only through a cycle.
  if (order.length !== vertices.size) failOnCycle();
  return order;
}
