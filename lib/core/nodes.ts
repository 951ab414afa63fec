import { LabelSelector, Labels } from './label-selector';

/**
 * Nodes chosen by their labels, as a ClusterNetworkPolicy egress peer (experimental channel):
 * it matches the IP addresses in each selected node's `status.addresses`, so traffic to
 * host-network pods and node services. NetworkPolicy cannot name nodes, so this is not an IPeer.
 *
 * @example Nodes.labelled({ 'node-role.kubernetes.io/control-plane': '' })
 */
export class Nodes {
  /** Nodes carrying all of these labels. */
  public static labelled(labels: Labels): Nodes {
    return new Nodes(LabelSelector.matchLabels(labels));
  }

  /** Nodes a full label selector matches. */
  public static matching(selector: LabelSelector): Nodes {
    return new Nodes(selector);
  }

  /** Every node of the cluster (`nodes: {}`). */
  public static all(): Nodes {
    return new Nodes(LabelSelector.all());
  }

  private constructor(
    /** The node label selector. */
    public readonly selector: LabelSelector,
  ) {}

  /** A description for messages. */
  public describe(): string {
    return this.selector.isEmpty ? 'every node' : `nodes ${this.selector.describe()}`;
  }
}
