import { Construct } from 'constructs';
import { LabelSelector, Labels } from '../core/label-selector';
import { Pods } from '../core/pods';
import { Port } from '../core/port';
import { Allow } from './allow';
import { IntentSideProps, Side } from './side';
import { LeanTree } from './lean-tree';

/** Properties of `AllowDns`. */
export interface AllowDnsProps extends IntentSideProps {
  /**
   * The pods that may resolve names.
   * @default every pod of the namespace
   */
  readonly pods?: Pods;
  /**
   * The namespace of the DNS server pods.
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;
  /**
   * The labels of the DNS server pods (CoreDNS keeps the legacy kube-dns label).
   * @default { 'k8s-app': 'kube-dns' }
   */
  readonly dnsLabels?: Labels;
  /**
   * The DNS ports.
   * @default UDP 53 and TCP 53 (TCP carries answers too large for UDP)
   */
  readonly ports?: readonly Port[];
  /**
   * The namespace of the client pods.
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /**
   * The object name.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
  /**
   * When to write the egress rule on the clients' side.
   * @default Side.AUTO: only where a policy of the app isolates the pods' egress
   */
  readonly sourceSide?: Side;
  /**
   * When to write the ingress rule on the DNS server's side.
   * @default Side.AUTO: the DNS namespace is the cluster's, so only where a policy of the app
   * already isolates the DNS pods
   */
  readonly targetSide?: Side;
}

/**
 * Lets pods resolve names: egress to the cluster DNS on UDP and TCP 53. Without it, a default
 * deny of egress breaks every lookup.
 */
export class AllowDns extends Construct {
  /** The underlying intent. */
  public readonly intent: Allow;

  public constructor(scope: Construct, id: string, props: AllowDnsProps = {}) {
    super(scope, id);
    LeanTree.register(this);
    const dns = Pods.matching(LabelSelector.matchLabels(props.dnsLabels ?? { 'k8s-app': 'kube-dns' }))
      .inNamespace(props.dnsNamespace ?? 'kube-system')
      .named('dns');
    this.intent = new Allow(this, 'Resource', {
      from: props.pods ?? Pods.all(),
      to: dns,
      ports: props.ports ?? Port.DNS,
      namespace: props.namespace,
      name: props.name ?? id,
      sourceSide: props.sourceSide,
      // kube-system is the cluster's, not the app's: add to its ingress only where already closed.
      targetSide: props.targetSide ?? Side.AUTO,
    });
  }
}
