import { Construct } from 'constructs';
import { Cidr } from '../core/cidr';
import { ClusterSubject } from '../core/cluster-rule';
import { DenyEgressTo } from './deny-egress-to';

/** The cloud instance metadata service: 169.254.169.254 (AWS, GCP, Azure, ...) and AWS's IPv6 fd00:ec2::254. */
export const CLOUD_METADATA_ADDRESSES: readonly Cidr[] = Object.freeze([Cidr.ipv4('169.254.169.254'), Cidr.ipv6('fd00:ec2::254')]);

/** Properties of `DenyCloudMetadata`. */
export interface DenyCloudMetadataProps {
  /**
   * The pods the deny applies to.
   * @default every pod of every namespace
   */
  readonly from?: ClusterSubject;
  /**
   * The priority within the Admin tier.
   * @default 10
   */
  readonly priority?: number;
  /**
   * The policy name.
   * @default the construct id as a DNS label
   */
  readonly name?: string;
}

/**
 * No pod reaches the cloud metadata address (node credentials live there), whatever any
 * NetworkPolicy says. Host-network pods are not pods to ClusterNetworkPolicy and stay unaffected.
 */
export class DenyCloudMetadata extends DenyEgressTo {
  public constructor(scope: Construct, id: string, props: DenyCloudMetadataProps = {}) {
    super(scope, id, { destinations: CLOUD_METADATA_ADDRESSES, from: props.from, priority: props.priority, name: props.name });
  }
}
