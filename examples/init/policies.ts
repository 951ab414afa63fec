import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns, AllowFrom, DenyAll, Pods, Port } from 'netfence';

/**
 * The network policies of one namespace, written by `netfence init` to start from: deny every
 * connection, then allow the ones the workloads need. Put your namespace and your pods' labels
 * in place of the example's; policies.test.ts says what the policies must mean.
 */
export class PolicyChart extends Chart {
  /** The frontend: every pod labelled app=frontend in this chart's namespace. */
  public readonly frontend = Pods.labelled({ app: 'frontend' });
  /** The web tier: every pod labelled app=web. */
  public readonly web = Pods.labelled({ app: 'web' });

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'example', ...props });

    // No pod of the namespace sends or receives anything that is not allowed below.
    new DenyAll(this, 'deny-all');
    // Every pod may look up names: UDP and TCP 53 to kube-dns in kube-system.
    new AllowDns(this, 'allow-dns');
    // frontend -> web on TCP 8080: web's ingress and, because deny-all isolates it, frontend's egress.
    AllowFrom(this, this.frontend).to(this.web).on(Port.tcp(8080));
  }
}
