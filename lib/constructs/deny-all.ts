import { Construct } from 'constructs';
import { LabelSelector } from '../core/label-selector';
import { Pods } from '../core/pods';
import { NetworkPolicy } from './network-policy';
import { PolicyType } from './policy-type';
import { LeanTree } from './lean-tree';

/** Which directions a default deny closes. */
export enum DenyDirection {
  /** Incoming connections only. */
  INGRESS = 'ingress',
  /** Outgoing connections only (remember DNS: see AllowDns). */
  EGRESS = 'egress',
  /** Both directions. */
  BOTH = 'both',
}

/** Properties of `DenyAll`. */
export interface DenyAllProps {
  /**
   * The directions to deny.
   * @default DenyDirection.BOTH
   */
  readonly direction?: DenyDirection;
  /**
   * The pods to isolate.
   * @default every pod of the namespace
   */
  readonly pods?: Pods | LabelSelector;
  /**
   * The namespace.
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /**
   * The object name.
   * @default the construct id as a DNS label (`deny-all`)
   */
  readonly name?: string;
}

/**
 * A default deny: the selected pods (every pod, unless told) accept and open no connection
 * except what other policies allow.
 */
export class DenyAll extends Construct {
  /** The written policy. */
  public readonly policy: NetworkPolicy;

  public constructor(scope: Construct, id: string, props: DenyAllProps = {}) {
    super(scope, id);
    LeanTree.register(this);
    const direction = props.direction ?? DenyDirection.BOTH;
    const types: PolicyType[] = [];
    if (direction !== DenyDirection.EGRESS) types.push(PolicyType.INGRESS);
    if (direction !== DenyDirection.INGRESS) types.push(PolicyType.EGRESS);
    this.policy = new NetworkPolicy(this, 'Resource', {
      name: props.name ?? id,
      namespace: props.namespace,
      selector: props.pods,
      policyTypes: types,
    });
  }
}
