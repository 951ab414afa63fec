import { Construct } from 'constructs';
import { LabelSelector, Labels } from '../core/label-selector';
import { Pods } from '../core/pods';
import { Port } from '../core/port';
import { Allow } from './allow';
import { IntentSideProps, Side } from './side';
import { LeanTree } from './lean-tree';

/** Properties of `AllowIngressController`. */
export interface AllowIngressControllerProps extends IntentSideProps {
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
  /**
   * When to write the ingress rule on the side of the pods reached.
   * @default Side.ALWAYS: they accept what their intents allow
   */
  readonly targetSide?: Side;
  /**
   * When to write the egress rule on the ingress controller's side.
   * @default Side.AUTO: where some policy of the app isolates its egress
   */
  readonly sourceSide?: Side;
}

/** Lets the cluster's ingress controller reach the given pods, and nothing else through it. */
export class AllowIngressController extends Construct {
  /** The underlying intent. */
  public readonly intent: Allow;

  public constructor(scope: Construct, id: string, props: AllowIngressControllerProps) {
    super(scope, id);
    LeanTree.register(this);
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
      targetSide: props.targetSide,
      sourceSide: props.sourceSide,
    });
  }
}
