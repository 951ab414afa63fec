/**
 * The names generated code imports from netfence, with their values, so that evaluating the plan
 * (code.ts) runs exactly the factories and constructs the printed code calls.
 */
import { Cidr } from '../core/cidr';
import { ClusterRule } from '../core/cluster-rule';
import { ClusterTier } from '../core/cluster-tier';
import { ClusterNetworkPolicy } from '../constructs/cluster-network-policy';
import { LabelRequirement, LabelSelector } from '../core/label-selector';
import { Namespaces } from '../core/namespaces';
import { Peer } from '../core/peer-factory';
import { Pods } from '../core/pods';
import { Port, Protocol } from '../core/port';
import { AllowFrom } from '../constructs/allow';
import { AllowDns } from '../constructs/allow-dns';
import { AllowIngressController } from '../constructs/allow-ingress-controller';
import { AllowPrometheusScrape } from '../constructs/allow-prometheus-scrape';
import { AllowWithinNamespace } from '../constructs/allow-within-namespace';
import { DenyAll, DenyDirection } from '../constructs/deny-all';
import { NamespaceIsolation } from '../constructs/namespace-isolation';
import { NetworkPolicy } from '../constructs/network-policy';
import { PolicyType } from '../constructs/policy-type';
import { Side } from '../constructs/side';

/** Every name generated code may import from 'netfence', with its value. */
export const IMPORT_SYMBOLS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['AllowDns', AllowDns],
  ['AllowFrom', AllowFrom],
  ['AllowIngressController', AllowIngressController],
  ['AllowPrometheusScrape', AllowPrometheusScrape],
  ['AllowWithinNamespace', AllowWithinNamespace],
  ['Cidr', Cidr],
  ['ClusterNetworkPolicy', ClusterNetworkPolicy],
  ['ClusterRule', ClusterRule],
  ['ClusterTier', ClusterTier],
  ['DenyAll', DenyAll],
  ['DenyDirection', DenyDirection],
  ['LabelRequirement', LabelRequirement],
  ['LabelSelector', LabelSelector],
  ['NamespaceIsolation', NamespaceIsolation],
  ['Namespaces', Namespaces],
  ['NetworkPolicy', NetworkPolicy],
  ['Peer', Peer],
  ['PolicyType', PolicyType],
  ['Pods', Pods],
  ['Port', Port],
  ['Protocol', Protocol],
  ['Side', Side],
]);
