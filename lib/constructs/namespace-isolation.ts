import { NetfenceError } from '../core/errors';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Namespaces } from '../core/namespaces';
import { Pods } from '../core/pods';
import { IPeer } from '../core/peer';
import { NetworkPolicy } from './network-policy';
import { PolicyType } from './policy-type';

/** Properties of `NamespaceIsolation`. */
export interface NamespaceIsolationProps {
  /** The namespaces to isolate from each other and from the rest of the cluster. */
  readonly namespaces: readonly string[];
  /**
   * Namespaces (names, or `Namespaces`/`Pods` peers) whose pods may still reach every isolated
   * namespace: a shared ingress controller, monitoring.
   * @default none
   */
  readonly allowFrom?: readonly (string | IPeer)[];
  /**
   * The name of the policy written in each namespace.
   * @default 'namespace-isolation'
   */
  readonly policyName?: string;
}

/**
 * Ingress isolation for one namespace or a set of them (multi-tenant): pods accept connections
 * only from pods of their own namespace and from the namespaces listed in `allowFrom`. Egress is
 * left alone. It is a Chart of its own (one file), so it can sit at the top of the app.
 */
export class NamespaceIsolation extends Chart {
  /** The written policies, one per namespace, in the order given. */
  public readonly policies: readonly NetworkPolicy[];

  public constructor(scope: Construct, id: string, props: NamespaceIsolationProps) {
    super(scope, id);
    if (props.namespaces.length === 0) {
      throw new NetfenceError(`${this.node.path}: namespaces is empty; list the namespaces to isolate`);
    }
    const duplicates = props.namespaces.filter((n, i) => props.namespaces.indexOf(n) !== i);
    if (duplicates.length > 0) {
      throw new NetfenceError(`${this.node.path}: namespaces lists ${duplicates.join(', ')} more than once; list each once`);
    }
    const shared: IPeer[] = (props.allowFrom ?? []).map((p) => (typeof p === 'string' ? Namespaces.named(p) : p));
    this.policies = props.namespaces.map(
      (ns) =>
        new NetworkPolicy(this, ns, {
          name: props.policyName ?? 'namespace-isolation',
          namespace: ns,
          policyTypes: [PolicyType.INGRESS],
          ingress: [{ peers: [Pods.all(), ...shared] }],
        }),
    );
  }
}
