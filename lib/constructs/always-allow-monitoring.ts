import { Construct } from 'constructs';
import { ClusterSubject } from '../core/cluster-rule';
import { Namespaces } from '../core/namespaces';
import { Port } from '../core/port';
import { AlwaysAllow } from './always-allow';
import { GUARDRAIL_PRIORITIES } from './guardrail-priorities';

/** Properties of `AlwaysAllowMonitoring`. */
export interface AlwaysAllowMonitoringProps {
  /** The metrics ports of the targets, e.g. `[Port.named('metrics')]` or `[Port.tcp(9100)]`. */
  readonly ports: readonly Port[];
  /**
   * The monitoring system (Prometheus and friends).
   * @default every pod of the namespace `monitoring`
   */
  readonly monitoring?: ClusterSubject;
  /**
   * The pods it scrapes.
   * @default every pod of every namespace
   */
  readonly targets?: ClusterSubject;
  /**
   * The priority within the Admin tier.
   * @default 30
   */
  readonly priority?: number;
  /**
   * The policy name prefix.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
}

/** Monitoring always works: the monitoring system reaches the metrics ports of every pod, in the Admin tier. */
export class AlwaysAllowMonitoring extends AlwaysAllow {
  public constructor(scope: Construct, id: string, props: AlwaysAllowMonitoringProps) {
    super(scope, id, {
      from: props.monitoring ?? Namespaces.named('monitoring'),
      to: props.targets ?? Namespaces.all(),
      ports: props.ports,
      priority: props.priority ?? GUARDRAIL_PRIORITIES.alwaysAllowMonitoring,
      name: props.name,
    });
  }
}
