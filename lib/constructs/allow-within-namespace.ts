import { Construct } from 'constructs';
import { Pods } from '../core/pods';
import { Allow } from './allow';
import { IntentSideProps, Side } from './side';
import { LeanTree } from './lean-tree';

/** Properties of `AllowWithinNamespace`. */
export interface AllowWithinNamespaceProps extends IntentSideProps {
  /**
   * The namespace.
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /**
   * The object name.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
  /**
   * When to write the ingress rule.
   * @default Side.AUTO: opening the namespace to itself must not close it to anyone else, so
   * only where a policy of the app isolates the pods' ingress
   */
  readonly targetSide?: Side;
  /**
   * When to write the egress rule.
   * @default Side.AUTO: only where a policy of the app isolates the pods' egress
   */
  readonly sourceSide?: Side;
}

/** Every pod of the namespace may reach every other pod of it, on every port. */
export class AllowWithinNamespace extends Construct {
  /** The underlying intent. */
  public readonly intent: Allow;

  public constructor(scope: Construct, id: string, props: AllowWithinNamespaceProps = {}) {
    super(scope, id);
    LeanTree.register(this);
    this.intent = new Allow(this, 'Resource', {
      from: Pods.all(),
      to: Pods.all(),
      name: props.name ?? id,
      namespace: props.namespace,
      // Opening the namespace to itself must not close it to anyone else: both sides follow
      // whatever isolation the app already has, unless told.
      targetSide: props.targetSide ?? Side.AUTO,
      sourceSide: props.sourceSide ?? Side.AUTO,
    });
  }
}
