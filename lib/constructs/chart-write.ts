import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * One cdk8s `Chart.toJson()` of a chart (what `Testing.synth()` calls), run outside any synthesis
 * of the whole app. cdk8s validates the whole app for it; while the app has not been synthesized
 * whole, netfence writes and checks only what lands in that chart (see IntentResolver), and
 * cdk8s's walks skip netfence's constructs of other charts (see LeanTree). What both need of the
 * app is read once per write.
 */
export class ChartWrite {
  private list: IConstruct[] | undefined;
  private chartList: Chart[] = [];
  private objectList: number[] = [];
  private start = 0;
  private end = 0;
  private decided: boolean | undefined;
  private lean: IConstruct[] | undefined;

  /** @param decide tells whether netfence writes the chart alone (none: it does not) */
  public constructor(
    /** The app. */
    public readonly app: App,
    /** The chart being written. */
    public readonly chart: Chart,
    private readonly decide: ((write: ChartWrite) => boolean) | undefined,
  ) {}

  /** Every construct of the app in `findAll` order (preorder), as when this write first asked. */
  public get all(): readonly IConstruct[] {
    return this.list ?? this.scan();
  }

  /** The app's charts, in `findAll` order. */
  public get charts(): readonly Chart[] {
    if (this.list === undefined) this.scan();
    return this.chartList;
  }

  /** The positions in `all` of the app's ApiObjects. */
  public get objects(): readonly number[] {
    if (this.list === undefined) this.scan();
    return this.objectList;
  }

  /** The chart and every construct under it, in `findAll` order. */
  public get inside(): readonly IConstruct[] {
    return this.all.slice(this.start, this.end);
  }

  /** True when `all[i]` is the chart or under it. */
  public holdsAt(i: number): boolean {
    if (this.list === undefined) this.scan();
    return i >= this.start && i < this.end;
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

  /**
   * The list cdk8s's walks get during this write, made by `make` once: cdk8s asks for it twice
   * per write (dependencies, then validations), and only constructs added since (none are
   * before the validations run) could make it differ.
   */
  public leanList(make: (write: ChartWrite) => IConstruct[]): IConstruct[] {
    return (this.lean ??= make(this)).slice();
  }

  /** Lists the app as constructs' `findAll` does (each node, then its children), noting its charts and objects on the way. */
  private scan(): IConstruct[] {
    const list: IConstruct[] = [];
    const visit = (c: IConstruct): void => {
      const at = list.length;
      list.push(c);
      if (Chart.isChart(c)) this.chartList.push(c);
      else if (ApiObject.isApiObject(c)) this.objectList.push(at);
      for (const child of c.node.children) visit(child);
      if (c === this.chart) {
        this.start = at;
        this.end = list.length;
      }
    };
    visit(this.app);
    this.list = list;
    return list;
  }
}
