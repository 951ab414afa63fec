import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowFrom, DenyAll, DenyDirection, Pods, Port } from '../../lib';

/** The API pods of namespace `backend`: the only clients of the database. */
export const API = Pods.labelled({ app: 'api' }).inNamespace('backend');
/** The database pods in namespace `data`. */
export const POSTGRES = Pods.labelled({ app: 'postgres' });

/**
 * Example 2: a database reachable only from one namespace's API pods, on 5432. Other pods of
 * `backend`, and every pod elsewhere, are refused.
 */
export class DatabaseChart extends Chart {
  public constructor(scope: Construct, id = 'database') {
    super(scope, id, { namespace: 'data' });
    new DenyAll(this, 'deny-ingress', { direction: DenyDirection.INGRESS });
    AllowFrom(this, API).to(POSTGRES).on(Port.POSTGRES);
  }
}
