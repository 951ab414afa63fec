import { Construct } from 'constructs';
import { LabelSelector, Labels } from '../core/label-selector';
import { Pods } from '../core/pods';
import { Port } from '../core/port';
import { Allow } from './allow';
import { IntentSideProps, Side } from './side';
import { LeanTree } from './lean-tree';

/** Properties of `AllowPrometheusScrape`. */
export interface AllowPrometheusScrapeProps extends IntentSideProps {
  /**
   * The pods to scrape.
   * @default every pod of the namespace
   */
  readonly to?: Pods;
  /**
   * The metrics ports.
   * @default the named container port `metrics`, resolved per pod
   */
  readonly ports?: readonly Port[];
  /**
   * Prometheus's namespace.
   * @default 'monitoring'
   */
  readonly prometheusNamespace?: string;
  /**
   * Prometheus pods' labels.
   * @default { 'app.kubernetes.io/name': 'prometheus' }
   */
  readonly prometheusLabels?: Labels;
  /**
   * The object name.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
  /**
   * When to write the ingress rule on the side of the pods reached.
   * @default Side.ALWAYS: they accept what their intents allow
   */
  readonly targetSide?: Side;
  /**
   * When to write the egress rule on Prometheus's side.
   * @default Side.AUTO: where some policy of the app isolates its egress
   */
  readonly sourceSide?: Side;
}

/** Lets Prometheus scrape the metrics port of the given pods. */
export class AllowPrometheusScrape extends Construct {
  /** The underlying intent. */
  public readonly intent: Allow;

  public constructor(scope: Construct, id: string, props: AllowPrometheusScrapeProps = {}) {
    super(scope, id);
    LeanTree.register(this);
    const prometheus = Pods.matching(
      LabelSelector.matchLabels(props.prometheusLabels ?? { 'app.kubernetes.io/name': 'prometheus' }),
    )
      .inNamespace(props.prometheusNamespace ?? 'monitoring')
      .named('prometheus');
    this.intent = new Allow(this, 'Resource', {
      from: prometheus,
      to: props.to ?? Pods.all(),
      ports: props.ports ?? [Port.named('metrics')],
      name: props.name ?? id,
      targetSide: props.targetSide,
      sourceSide: props.sourceSide,
    });
  }
}
