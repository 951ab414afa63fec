import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ConstructLists } from './construct-list';

interface Dependency {
  readonly source: IConstruct;
  readonly target: IConstruct;
}

function buildDependencies(app: IConstruct, lists: ConstructLists): Dependency[] {
  const deps: Dependency[] = [];
  for (const child of lists.findAll(app)) {
    for (const dep of child.node.dependencies) deps.push({ source: child, target: dep });
  }
  return deps;
}

/**
 * cdk8s's `resolveDependencies`, once for the whole app instead of once per chart: nested charts
 * and cross-chart construct dependencies become chart dependencies, and construct dependencies
 * become dependencies between the API objects under them. The same edges are added in the same
 * order, so the topological orders that follow are cdk8s's. Returns whether any chart depends on
 * another (cdk8s then prefixes chart file names with an index).
 */
export function resolveDependencies(app: IConstruct, lists: ConstructLists): boolean {
  let hasDependantCharts = false;
  for (const parentChart of lists.findAll(app).filter(Chart.isChart)) {
    for (const childChart of parentChart.node.children.filter(Chart.isChart)) {
      parentChart.node.addDependency(childChart);
      hasDependantCharts = true;
    }
  }
  for (const dep of buildDependencies(app, lists)) {
    const sourceChart = Chart.of(dep.source);
    const targetChart = Chart.of(dep.target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }
  // The objects under a construct that belong to its own chart; memoized because many
  // dependencies can share an end, which cdk8s recomputes for each.
  const ownObjects = new Map<IConstruct, ApiObject[]>();
  const objectsOf = (c: IConstruct): ApiObject[] => {
    let list = ownObjects.get(c);
    if (list === undefined) {
      const chart = Chart.of(c);
      list = lists.findAll(c).filter((x): x is ApiObject => ApiObject.isApiObject(x) && Chart.of(x) === chart);
      ownObjects.set(c, list);
    }
    return list;
  };
  for (const dep of buildDependencies(app, lists)) {
    const targets = objectsOf(dep.target);
    const sources = objectsOf(dep.source);
    for (const target of targets) {
      for (const source of sources) {
        if (target !== source) source.node.addDependency(target);
      }
    }
  }
  return hasDependantCharts;
}
