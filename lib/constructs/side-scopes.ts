import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { NetfenceError } from '../core/errors';
import { LeanTree } from './lean-tree';

/** Holds, in a chart, the sides that an intent declared in another chart writes there. */
class IntentSides extends Construct {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    LeanTree.register(this);
  }
}

/**
 * Where an intent's side is written. A side in the intent's home namespace is written under the
 * intent. A side in another namespace goes to the first chart of the app (in construct order)
 * whose namespace it is, under `<chart>/<intent path with / as -->/`, so each namespace's file
 * holds that namespace's policies; when the app has no such chart, it stays under the intent.
 */
export class SideScopes {
  private readonly charts = new Map<string, Chart>();

  /** Learns the charts among `constructs` (the app's, in construct order). */
  public constructor(constructs: readonly IConstruct[]) {
    for (const c of constructs) {
      if (Chart.isChart(c) && c.namespace !== undefined && !this.charts.has(c.namespace)) this.charts.set(c.namespace, c);
    }
  }

  /** The path of the scope `scopeFor` gives, without creating it. */
  public pathFor(intent: Construct, home: string, namespace: string): string {
    const chart = this.chartFor(intent, home, namespace);
    return chart === undefined ? intent.node.path : `${chart.node.path}/${sidesId(intent)}`;
  }

  /** The scope for a side of `intent` (whose home namespace is `home`) written into `namespace`. */
  public scopeFor(intent: Construct, home: string, namespace: string): Construct {
    const chart = this.chartFor(intent, home, namespace);
    if (chart === undefined) return intent;
    const id = sidesId(intent);
    const existing = chart.node.tryFindChild(id);
    if (existing instanceof IntentSides) return existing;
    if (existing !== undefined) {
      throw new NetfenceError(
        `${chart.node.path}: cannot place the sides of ${intent.node.path} here: the chart already has a construct '${id}'; rename it`,
      );
    }
    return new IntentSides(chart, id);
  }

  /** The chart whose output holds a side of `intent` written into `namespace` (none for an intent outside every chart). */
  public landingChart(intent: Construct, home: string, namespace: string): Chart | undefined {
    return this.chartFor(intent, home, namespace) ?? chartHolding(intent);
  }

  /** The chart a side goes to, or undefined when it stays under the intent. */
  private chartFor(intent: Construct, home: string, namespace: string): Chart | undefined {
    if (namespace === home) return undefined;
    const chart = this.charts.get(namespace);
    return chart === undefined || chart === chartHolding(intent) ? undefined : chart;
  }
}

/** The closest chart above `c` (cdk8s writes an object in that chart's output), if any. */
function chartHolding(c: IConstruct): Chart | undefined {
  for (let at: IConstruct | undefined = c; at !== undefined; at = at.node.scope) if (Chart.isChart(at)) return at;
  return undefined;
}

/** The id, in another chart, of the construct holding an intent's sides: its path, `/` as `--`. */
function sidesId(intent: Construct): string {
  return intent.node.path.split('/').join('--');
}
