import { Construct } from 'constructs';
import { LabelSelector, Labels } from '../core/label-selector';
import { Pods } from '../core/pods';
import { Port } from '../core/port';
import { Allow } from './allow';

/** Properties of `AllowPrometheusScrape`. */
export interface AllowPrometheusScrapeProps {
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
}

/** Lets Prometheus scrape the metrics port of the given pods. */
export class AllowPrometheusScrape extends Construct {
  /** The underlying intent. */
  public readonly intent: Allow;

  public constructor(scope: Construct, id: string, props: AllowPrometheusScrapeProps = {}) {
    super(scope, id);
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
    });
  }
}
