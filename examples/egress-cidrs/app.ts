import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns, AllowFrom, Cidr, DenyAll, DenyDirection, Pods, Port } from '../../lib';

/** The billing workers that talk to outside systems. */
export const INVOICER = Pods.labelled({ app: 'invoicer' });
/** The managed database outside the cluster. */
export const EXTERNAL_DB = Cidr.ipv4('203.0.113.10').named('billing-db');
/** The SMTP relay's subnet, minus its management address. */
export const SMTP_RELAY = Cidr.of('198.51.100.0/28').except('198.51.100.14/32').named('smtp-relay');
/** The payment provider's IPv6 range. */
export const PAYMENT_API = Cidr.of('2001:db8:cafe::/48').named('payment-api');

/**
 * Example 6: egress limited to given IP ranges and ports: an external PostgreSQL, an SMTP relay
 * (submission port) and a payment API over IPv6; nothing else leaves the namespace.
 */
export class EgressCidrsChart extends Chart {
  public constructor(scope: Construct, id = 'egress-cidrs') {
    super(scope, id, { namespace: 'billing' });
    new DenyAll(this, 'deny-egress', { direction: DenyDirection.EGRESS });
    new AllowDns(this, 'allow-dns');
    AllowFrom(this, INVOICER).to(EXTERNAL_DB).on(Port.POSTGRES);
    AllowFrom(this, INVOICER).to(SMTP_RELAY).on(Port.SMTP_SUBMISSION);
    AllowFrom(this, INVOICER).to(PAYMENT_API).on(Port.HTTPS);
  }
}
