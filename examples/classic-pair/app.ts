import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns, AllowFrom, DenyAll, Pods, Port } from '../../lib';

/** Labels of the example's two workloads. */
export const FRONTEND = Pods.labelled({ app: 'frontend' });
/** The web pods, which accept traffic from frontend only. */
export const WEB = Pods.labelled({ app: 'web' });

/**
 * Example 1, the classic pair: `deny-all` (ingress and egress) and `allow-web` (web accepts
 * frontend) in namespace dev-team. With egress denied, frontend also needs an egress rule to
 * reach web, and a DNS rule to find web's Service: the intent writes the first, AllowDns the second.
 */
export class ClassicPairChart extends Chart {
  public constructor(scope: Construct, id = 'classic-pair') {
    super(scope, id, { namespace: 'dev-team' });
    new DenyAll(this, 'deny-all');
    new AllowDns(this, 'allow-dns');
    AllowFrom(this, FRONTEND).to(WEB, { name: 'allow-web' }).on(Port.tcp(8080));
  }
}
