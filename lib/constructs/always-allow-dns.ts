import { Construct } from 'constructs';
import { ClusterSubject } from '../core/cluster-rule';
import { Namespaces } from '../core/namespaces';
import { Pods } from '../core/pods';
import { Port } from '../core/port';
import { AlwaysAllow } from './always-allow';
import { GUARDRAIL_PRIORITIES } from './guardrail-priorities';

/** Properties of `AlwaysAllowDns`. */
export interface AlwaysAllowDnsProps {
  /**
   * The pods that resolve names.
   * @default every pod of every namespace
   */
  readonly clients?: ClusterSubject;
  /**
   * The DNS servers.
   * @default pods k8s-app=kube-dns in kube-system
   */
  readonly servers?: ClusterSubject;
  /**
   * The priority within the Admin tier.
   * @default 20
   */
  readonly priority?: number;
  /**
   * The policy name prefix.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
}

/**
 * DNS always works: UDP and TCP 53 from every pod (or `clients`) to kube-dns, in the Admin tier,
 * so no default deny and no NetworkPolicy can break name resolution.
 */
export class AlwaysAllowDns extends AlwaysAllow {
  public constructor(scope: Construct, id: string, props: AlwaysAllowDnsProps = {}) {
    super(scope, id, {
      from: props.clients ?? Namespaces.all(),
      to: props.servers ?? Pods.labelled({ 'k8s-app': 'kube-dns' }).inNamespace('kube-system'),
      ports: Port.DNS,
      priority: props.priority ?? GUARDRAIL_PRIORITIES.alwaysAllow,
      name: props.name,
    });
  }
}
