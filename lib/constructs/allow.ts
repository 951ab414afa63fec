import { NetfenceError } from '../core/errors';
import { Construct } from 'constructs';
import { toDnsLabel } from '../core/names';
import { IPeer, SelectablePods } from '../core/peer';
import { Port } from '../core/port';
import { IDeferredIntent, IntentResolver, IsolationIndex } from './intent-resolver';
import { MISSING_NAMESPACE, namespaceOf } from './namespace-of';
import { NetworkPolicy } from './network-policy';
import { PolicyType } from './policy-type';
import { Side } from './side';
import { appendAll } from '../core/values';

/** Properties of an `Allow` intent. */
export interface AllowProps {
  /** Where connections come from: pods, namespaces, an IP block, or anyone. */
  readonly from: IPeer;
  /** Where connections go: pods, namespaces, an IP block or the internet. */
  readonly to: IPeer;
  /**
   * The destination ports.
   * @default every port of every protocol
   */
  readonly ports?: readonly Port[];
  /**
   * The name of the written policy; a source-side policy next to a target-side one gets
   * `-egress` after it.
   * @default `allow-<from>-to-<to>`
   */
  readonly name?: string;
  /**
   * The namespace that peers without one (`Pods.labelled(...)`) live in.
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /**
   * When to write the ingress rule on the target's side.
   * @default Side.ALWAYS: the target accepts what its intents allow
   */
  readonly targetSide?: Side;
  /**
   * When to write the egress rule on the source's side.
   * @default Side.AUTO: where some policy of the app isolates the source's egress
   */
  readonly sourceSide?: Side;
}

/**
 * A connection intent: `from` may open connections to `to` on `ports`. It writes the ingress rule
 * on the target's side (when the target is pods of one namespace) and, where the source's egress
 * is isolated, the matching egress rule on the source's side, across namespaces too.
 */
export class Allow extends Construct implements IDeferredIntent {
  /** The name the intent's policies are derived from. */
  public readonly policyName: string;
  private readonly props: AllowProps;
  private readonly home: string;
  private ports: Port[] | undefined;
  private readonly target?: SelectablePods;
  private readonly source?: SelectablePods;
  private readonly written: NetworkPolicy[] = [];

  public constructor(scope: Construct, id: string, props: AllowProps) {
    super(scope, id);
    this.props = props;
    const home = namespaceOf(this, props.namespace);
    if (home === undefined) this.node.addValidation({ validate: () => [MISSING_NAMESPACE] });
    this.home = home ?? '';
    this.ports = props.ports === undefined ? undefined : [...props.ports];
    this.policyName =
      props.name ?? toDnsLabel('allow', props.from.nameFragment(this.home), 'to', props.to.nameFragment(this.home));
    const targetSide = props.targetSide ?? Side.ALWAYS;
    const sourceSide = props.sourceSide ?? Side.AUTO;
    this.target = targetSide === Side.NEVER ? undefined : props.to.selectable(this.home);
    this.source = sourceSide === Side.NEVER ? undefined : props.from.selectable(this.home);

    if (this.target === undefined && this.source === undefined) {
      this.node.addValidation({
        validate: () => [
          `no side can carry a rule: the target (${props.to.describe(this.home)}) and the source (${props.from.describe(this.home)}) are not pods of one namespace, or their sides are Side.NEVER; make one side pods, e.g. Pods.labelled({...}).inNamespace('ns')`,
        ],
      });
    }
    if (this.target !== undefined && targetSide === Side.ALWAYS) {
      this.written.push(this.targetPolicy(this.target.selector, 0));
    }
    if ((this.target !== undefined && targetSide === Side.AUTO) || (this.source !== undefined && sourceSide !== Side.NEVER)) {
      IntentResolver.of(this).registerIntent(this);
    }
  }

  /** Restricts the intent to these destination ports (adding to any given before). */
  public on(...ports: Port[]): this {
    if (ports.length === 0) {
      throw new NetfenceError(`${this.node.path}: on() needs at least one port; leave it out to allow every port`);
    }
    // A rule that allowed every port now allows only these.
    const all = [...(this.ports ?? []), ...ports];
    this.ports = all;
    for (const p of this.written) p._setRulePorts(all);
    return this;
  }

  /** The policies this intent has written so far (deferred sides appear at synthesis). */
  public get policies(): readonly NetworkPolicy[] {
    return [...this.written];
  }

  /** @internal */
  public materialize(index: IsolationIndex): NetworkPolicy[] {
    const out: NetworkPolicy[] = [];
    if (this.target !== undefined && this.props.targetSide === Side.AUTO) {
      index
        .isolatedSelectors(PolicyType.INGRESS, this.target.namespace, this.target.selector)
        .forEach((sel, i) => out.push(this.targetPolicy(sel, i)));
    }
    if (this.source !== undefined) {
      const selectors =
        this.props.sourceSide === Side.ALWAYS
          ? [this.source.selector]
          : index.isolatedSelectors(PolicyType.EGRESS, this.source.namespace, this.source.selector);
      const hasTarget = this.written.length > 0 || out.length > 0;
      const base = hasTarget ? `${this.policyName}-egress` : this.policyName;
      selectors.forEach((selector, i) => {
        out.push(
          new NetworkPolicy(this, i === 0 ? 'egress' : `egress-${i + 1}`, {
            name: i === 0 ? base : `${base}-${i + 1}`,
            namespace: this.source!.namespace,
            selector,
            peerHomeNamespace: this.home,
            egress: [{ peers: [this.props.to], ports: this.ports }],
            policyTypes: [PolicyType.EGRESS],
          }),
        );
      });
    }
    appendAll(this.written, out);
    return out;
  }

  private targetPolicy(selector: SelectablePods['selector'], i: number): NetworkPolicy {
    return new NetworkPolicy(this, i === 0 ? 'ingress' : `ingress-${i + 1}`, {
      name: i === 0 ? this.policyName : `${this.policyName}-${i + 1}`,
      namespace: this.target!.namespace,
      selector,
      peerHomeNamespace: this.home,
      ingress: [{ peers: [this.props.from], ports: this.ports }],
      policyTypes: [PolicyType.INGRESS],
    });
  }
}

/** The second half of the fluent form: `AllowFrom(scope, frontend).to(web)`. */
export interface AllowFromBuilder {
  /** Creates the intent `source -> target`; chain `.on(...)` to restrict ports. */
  to(target: IPeer, options?: Omit<AllowProps, 'from' | 'to'>): Allow;
}

/**
 * The fluent form of `Allow`, reading as the sentence:
 * `AllowFrom(shop, frontend).to(web).on(Port.tcp(8080))`. The construct id is the derived
 * policy name, so a second identical intent in one scope is an error, not a silent duplicate.
 */
export function AllowFrom(scope: Construct, source: IPeer): AllowFromBuilder {
  return {
    to(target: IPeer, options: Omit<AllowProps, 'from' | 'to'> = {}): Allow {
      const home = namespaceOf(scope, options.namespace) ?? '';
      const id = options.name ?? toDnsLabel('allow', source.nameFragment(home), 'to', target.nameFragment(home));
      if (scope.node.tryFindChild(id)) {
        throw new NetfenceError(
          `${scope.node.path}: there is already an intent '${id}' here; give this one another name with .to(target, { name: '...' })`,
        );
      }
      return new Allow(scope, id, { ...options, from: source, to: target });
    },
  };
}
