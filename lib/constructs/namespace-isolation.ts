import { NetfenceError } from '../core/errors';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AnyOf } from '../core/any-of';
import { Namespaces } from '../core/namespaces';
import { Pods } from '../core/pods';
import { IPeer } from '../core/peer';
import { Allow } from './allow';
import { NetworkPolicy } from './network-policy';
import { IntentSideProps, Side } from './side';

/** Properties of `NamespaceIsolation`. */
export interface NamespaceIsolationProps extends IntentSideProps {
  /** The namespaces to isolate from each other and from the rest of the cluster. */
  readonly namespaces: readonly string[];
  /**
   * Namespaces (names, or `Namespaces`/`Pods` peers) whose pods may still reach every isolated
   * namespace: a shared ingress controller, monitoring.
   * @default none
   */
  readonly allowFrom?: readonly (string | IPeer)[];
  /**
   * The name of the policy written in each namespace, or a function of the namespace giving it.
   * Give a function with `YamlOutputType.FILE_PER_RESOURCE` or
   * `FOLDER_PER_CHART_FILE_PER_RESOURCE`, which name files by kind and name only: the same name
   * in two namespaces would be written to the same file (a synth error).
   * @default 'namespace-isolation'
   */
  readonly policyName?: string | ((namespace: string) => string);
  /**
   * When to write each namespace's ingress rule.
   * @default Side.ALWAYS: the namespace accepts only its own pods and `allowFrom`
   */
  readonly targetSide?: Side;
  /**
   * When to write the egress rule on the side of the pods allowed in (the namespace's own pods,
   * `allowFrom`).
   * @default Side.NEVER: egress is left alone; Side.AUTO opens the allowed pods' egress to the
   * namespace where a policy of the app isolates it
   */
  readonly sourceSide?: Side;
}

/**
 * Ingress isolation for one namespace or a set of them (multi-tenant): pods accept connections
 * only from pods of their own namespace and from the namespaces listed in `allowFrom`. Egress is
 * left alone unless `sourceSide` says otherwise. It is a Chart of its own (one file, holding each
 * namespace's policy), so it can sit at the top of the app; each namespace's rule is an `Allow`
 * intent declared in that namespace.
 */
export class NamespaceIsolation extends Chart {
  /** One intent per namespace, in the order given. */
  public readonly intents: readonly Allow[];

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
    const nameOf = (ns: string): string => {
      const given = props.policyName;
      return typeof given === 'function' ? given(ns) : (given ?? 'namespace-isolation');
    };
    this.intents = props.namespaces.map(
      (ns) =>
        new Allow(this, ns, {
          from: AnyOf.of(Pods.all(), ...shared),
          to: Pods.all(),
          namespace: ns,
          name: nameOf(ns),
          targetSide: props.targetSide,
          sourceSide: props.sourceSide ?? Side.NEVER,
        }),
    );
  }

  /** The policies written so far: each namespace's ingress rule (egress sides appear at synthesis). */
  public get policies(): readonly NetworkPolicy[] {
    return this.intents.flatMap((i) => i.policies);
  }
}
