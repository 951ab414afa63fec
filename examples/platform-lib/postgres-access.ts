import { Construct } from 'constructs';
import { Allow, AllowFrom, Pods, Port } from 'netfence';

/** Properties of `PostgresAccess`. */
export interface PostgresAccessProps {
  /** The database pods. */
  readonly database: Pods;
  /** The pods that may connect. */
  readonly clients: readonly Pods[];
  /**
   * The database port.
   * @default Port.POSTGRES (TCP 5432)
   */
  readonly port?: Port;
}

/** Lets the given clients, and only them, open connections to a PostgreSQL database. */
export class PostgresAccess extends Construct {
  /** One intent per client. */
  public readonly intents: readonly Allow[];

  public constructor(scope: Construct, id: string, props: PostgresAccessProps) {
    super(scope, id);
    if (props.clients.length === 0) {
      throw new Error(`${this.node.path}: clients is empty; list the pods that may reach the database`);
    }
    this.intents = props.clients.map((client) => AllowFrom(this, client).to(props.database).on(props.port ?? Port.POSTGRES));
  }
}
