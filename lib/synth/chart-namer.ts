import { Chart, Names } from 'cdk8s';

/**
 * Names a chart's file or folder as cdk8s does: the chart's DNS label, prefixed with a running
 * `0000-` index when any chart depends on another (so the files sort in apply order).
 */
export class ChartNamer {
  private index = 0;

  public constructor(private readonly indexed: boolean) {}

  /** The name of the next chart, in topological order. */
  public name(chart: Chart): string {
    const base = Names.toDnsLabel(chart);
    if (!this.indexed) return base;
    const name = `${this.index.toString().padStart(4, '0')}-${base}`;
    this.index++;
    return name;
  }
}
