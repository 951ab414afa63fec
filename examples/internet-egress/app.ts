import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns, AllowFrom, DenyAll, DenyDirection, Internet, Pods, Port } from '../../lib';

/** The storefront's frontend pods. */
export const FRONTEND = Pods.labelled({ app: 'frontend' });

/**
 * Example 3: frontend pods may reach the internet on 443 (and resolve names); every other
 * outbound connection of theirs is blocked, private ranges and cloud metadata included.
 */
export class InternetEgressChart extends Chart {
  public constructor(scope: Construct, id = 'internet-egress') {
    super(scope, id, { namespace: 'storefront' });
    new DenyAll(this, 'deny-frontend-egress', { direction: DenyDirection.EGRESS, pods: FRONTEND });
    new AllowDns(this, 'allow-frontend-dns', { pods: FRONTEND });
    AllowFrom(this, FRONTEND).to(Internet.exceptPrivate()).on(Port.HTTPS);
  }
}
