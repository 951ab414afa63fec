import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/** What one pass over the app found for a chart's write. */
export interface ChartScan {
  /** Every construct of the app in `findAll` order (preorder). */
  readonly all: readonly IConstruct[];
  /** The chart's constructs are `all[start]` (the chart) to `all[end - 1]`. */
  readonly start: number;
  readonly end: number;
  /** The app's charts, in `findAll` order. */
  readonly charts: readonly Chart[];
  /** The positions in `all` of the ApiObjects that are not netfence's own NetworkPolicies. */
  readonly foreign: readonly number[];
  /** What cdk8s's walks get while the chart is written alone (see LeanTree). */
  readonly lean: readonly IConstruct[];
}

/**
 * One cdk8s `Chart.toJson()` of a chart (what `Testing.synth()` calls), run outside any synthesis
 * of the whole app. cdk8s validates the whole app for it; while the app has not been synthesized
 * whole, netfence writes and checks only what lands in that chart (see IntentResolver), and
 * cdk8s's walks skip netfence's constructs of other charts (see LeanTree). The app is read in one
 * pass per write, the first time something asks.
 */
export class ChartWrite {
  private scanned: ChartScan | undefined;
  private decided: boolean | undefined;
  private readonly elsewhere = new Set<IConstruct>();

  /**
   * @param scanApp reads the app in one pass for this write
   * @param decide tells whether netfence writes the chart alone (none: it does not)
   */
  public constructor(
    /** The app. */
    public readonly app: App,
    /** The chart being written. */
    public readonly chart: Chart,
    private readonly scanApp: (write: ChartWrite) => ChartScan,
    private readonly decide: ((write: ChartWrite) => boolean) | undefined,
  ) {}

  /** What the pass over the app found (made at the first call). */
  public get scan(): ChartScan {
    return (this.scanned ??= this.scanApp(this));
  }

  /**
   * Makes cdk8s's walks meet `constructs` of other charts during this write, as they meet the
   * chart's own (an intent elsewhere that writes into the chart is checked with it). Before the
   * scan only.
   */
  public alsoCheck(constructs: Iterable<IConstruct>): void {
    for (const c of constructs) this.elsewhere.add(c);
  }

  /** True when `c`, of another chart, is checked with this one. */
  public checksToo(c: IConstruct): boolean {
    return this.elsewhere.has(c);
  }

  /** The constructs of other charts checked with this one (`alsoCheck`). */
  public get checkedToo(): ReadonlySet<IConstruct> {
    return this.elsewhere;
  }

  /** The chart and every construct under it, in `findAll` order. */
  public get inside(): readonly IConstruct[] {
    const { all, start, end } = this.scan;
    return all.slice(start, end);
  }

  /** True when `c` is the chart or under it. */
  public holds(c: IConstruct): boolean {
    for (let at: IConstruct | undefined = c; at !== undefined; at = at.node.scope) if (at === this.chart) return true;
    return false;
  }

  /** True when netfence writes this chart alone (decided once per write, before anything is written). */
  public get alone(): boolean {
    return (this.decided ??= this.decide !== undefined && this.decide(this));
  }
}

/**
 * `constructs` in `findAll` order (preorder: a node, then its children in the order they were
 * added), without those no longer in their tree. For the few policies a chart's write reads:
 * each is placed by its ancestors' positions among their siblings.
 */
export function inFindAllOrder<T extends IConstruct>(constructs: readonly T[]): T[] {
  const positions = new SiblingPositions();
  const keyed: { c: T; key: number[] }[] = [];
  for (const c of constructs) {
    const key = positions.treeKey(c);
    if (key !== undefined) keyed.push({ c, key });
  }
  keyed.sort((a, b) => {
    const n = Math.min(a.key.length, b.key.length);
    for (let i = 0; i < n; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
    return a.key.length - b.key.length;
  });
  return keyed.map((k) => k.c);
}

/**
 * Positions of constructs among their siblings, for one look at a tree that holds still: each
 * scope's children are listed once (the policies a write reads share a few scopes, one of them
 * the app, with a child per chart).
 */
class SiblingPositions {
  private readonly byScope = new Map<IConstruct, Map<IConstruct, number>>();

  /** The positions among their siblings of `c` and its ancestors, root first; undefined when one was removed. */
  public treeKey(c: IConstruct): number[] | undefined {
    const key: number[] = [];
    for (let at = c, scope = c.node.scope; scope !== undefined; at = scope, scope = scope.node.scope) {
      const i = this.positionsIn(scope).get(at);
      if (i === undefined) return undefined;
      key.push(i);
    }
    return key.reverse();
  }

  private positionsIn(scope: IConstruct): Map<IConstruct, number> {
    let positions = this.byScope.get(scope);
    if (positions === undefined) {
      const listed = new Map<IConstruct, number>();
      scope.node.children.forEach((child, i) => listed.set(child, i));
      this.byScope.set(scope, (positions = listed));
    }
    return positions;
  }
}
