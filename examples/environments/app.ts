import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Namespaces, NetworkPolicy, PolicyType } from '../../lib';

/** The environments, each a set of namespaces carrying the label `env`. */
export const ENVIRONMENTS = ['dev', 'test', 'prod'];
/** The services deployed in every environment, one namespace each (`shop-dev`, ...). */
export const SERVICES = ['shop', 'payments'];

/**
 * Example 5: dev, test and prod isolated from each other. Each environment spans several
 * namespaces labelled `env: <name>`; a namespace accepts connections only from namespaces of
 * its own environment. The Namespace objects are part of the app, so the labels the policies
 * select are written by the same code.
 */
export class EnvironmentsChart extends Chart {
  public constructor(scope: Construct, id = 'environments') {
    super(scope, id);
    for (const env of ENVIRONMENTS) {
      for (const service of SERVICES) {
        const ns = `${service}-${env}`;
        new ApiObject(this, `${ns}-namespace`, {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: ns, labels: { env } },
        });
        new NetworkPolicy(this, `${ns}-same-environment`, {
          name: 'same-environment-only',
          namespace: ns,
          policyTypes: [PolicyType.INGRESS],
          ingress: [{ peers: [Namespaces.labelled({ env })] }],
        });
      }
    }
  }
}
