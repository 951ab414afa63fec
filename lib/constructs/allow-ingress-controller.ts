import { Construct } from 'constructs';
import { LabelSelector, Labels } from '../core/label-selector';
import { Pods } from '../core/pods';
import { Port } from '../core/port';
import { Allow } from './allow';

/** Properties of `AllowIngressController`. */
export interface AllowIngressControllerProps {
  /** The pods the controller forwards to. */
  readonly to: Pods;
  /** The ports the controller forwards to (container ports, not Service ports). */
  readonly ports: readonly Port[];
  /**
   * The controller's namespace.
   * @default 'ingress-nginx'
   */
  readonly controllerNamespace?: string;
  /**
   * The controller pods' labels.
   * @default { 'app.kubernetes.io/name': 'ingress-nginx' }
   */
  readonly controllerLabels?: Labels;
  /**
   * The object name.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
}

/** Lets the cluster's ingress controller reach the given pods, and nothing else through it. */
export class AllowIngressController extends Construct {
  /** The underlying intent. */
  public readonly intent: Allow;

  public constructor(scope: Construct, id: string, props: AllowIngressControllerProps) {
    super(scope, id);
    const controller = Pods.matching(
      LabelSelector.matchLabels(props.controllerLabels ?? { 'app.kubernetes.io/name': 'ingress-nginx' }),
    )
      .inNamespace(props.controllerNamespace ?? 'ingress-nginx')
      .named('ingress-controller');
    this.intent = new Allow(this, 'Resource', {
      from: controller,
      to: props.to,
      ports: props.ports,
      name: props.name ?? id,
    });
  }
}
