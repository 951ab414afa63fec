/**
 * The world of the upstream ClusterNetworkPolicy conformance suite (kubernetes-sigs/
 * network-policy-api `conformance/base/manifests.yaml` and `conformance/utils`), as data, with
 * the step types its tests are made of.
 *
 * Five namespaces labelled `conformance-house: <house>` (plus the automatic
 * `kubernetes.io/metadata.name`), each with a StatefulSet of two pods labelled like their
 * namespace. Every pod of the four houses serves TCP 80 (container port `web`) and 8080, UDP 53
 * (`dns`) and 5353, SCTP 9003 and 9005; only `web` and `dns` are declared container ports. The
 * `forbidden-forrest` pods ("centaur") are host-networked and serve the suite's host network
 * ports (34345 to 34352 unless configured otherwise): TCP 34345 `web-34345`, TCP 34346
 * `web-34346`, UDP 34347 `dns-34347`, UDP 34349 `dns-34349`, SCTP 34351 and 34352.
 *
 * What the cluster decides and the suite does not (pod IPs, node names and addresses) is fixed
 * here: pod `<house>-<i>` of house number h has 10.244.h.(10+i); pods run on node `kind-worker`
 * (172.18.0.2, fd00:18::2), except the centaur pods, which take the address of their node:
 * centaur-0 on `kind-worker`, centaur-1 on `kind-worker2` (172.18.0.3). Clients therefore never
 * probe their own node, whose traffic the API leaves to implementations. Nodes carry the labels
 * the kubelet sets (`kubernetes.io/os: linux`, ...).
 */
import { ClusterNetworkPolicyEgressRuleManifest, ClusterNetworkPolicyManifest, ClusterNetworkPolicyProtocolManifest } from '../../../lib/core/cluster-manifest';
import { NetworkPolicyManifest, ProtocolName } from '../../../lib/core/manifest';

/** The automatic namespace label. */
export const NS_LABEL = 'kubernetes.io/metadata.name';

/** The suite's host network ports (HostNetworkPortRangeStart 34345, eight ports). */
export const HOST_NETWORK_PORTS: readonly number[] = [34345, 34346, 34347, 34348, 34349, 34350, 34351, 34352];

/** A namespace of the base manifests. */
export interface NamespaceFixture {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A container port a pod declares. */
export interface ContainerPortFixture {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: ProtocolName;
}

/** A pod of the base manifests, with the address and node the model gives it. */
export interface PodFixture {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly nodeName: string;
  readonly hostNetwork: boolean;
  /** status.podIP: the node's address for a host-network pod. */
  readonly ip: string;
  readonly ports: readonly ContainerPortFixture[];
}

/** A node of the model. */
export interface NodeFixture {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** status.addresses of type InternalIP. */
  readonly addresses: readonly string[];
}

const HOUSES = ['gryffindor', 'slytherin', 'hufflepuff', 'ravenclaw'] as const;
const STATEFUL_SETS: Readonly<Record<string, string>> = {
  gryffindor: 'harry-potter',
  slytherin: 'draco-malfoy',
  hufflepuff: 'cedric-diggory',
  ravenclaw: 'luna-lovegood',
  'forbidden-forrest': 'centaur',
};

/** The namespace of a house: `network-policy-conformance-<house>`. */
export function ns(house: string): string {
  return `network-policy-conformance-${house}`;
}

/** Every namespace of the base manifests. */
export const NAMESPACES: readonly NamespaceFixture[] = [...HOUSES, 'forbidden-forrest'].map((house) => ({
  name: ns(house),
  labels: { 'conformance-house': house, [NS_LABEL]: ns(house) },
}));

/** Every node of the model. */
export const NODES: readonly NodeFixture[] = [
  { name: 'kind-worker', labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'kind-worker' }, addresses: ['172.18.0.2', 'fd00:18::2'] },
  { name: 'kind-worker2', labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'kind-worker2' }, addresses: ['172.18.0.3', 'fd00:18::3'] },
];

function statefulSetPod(house: string, index: number, ip: string, nodeName: string, hostNetwork: boolean, ports: readonly ContainerPortFixture[]): PodFixture {
  const name = `${STATEFUL_SETS[house]}-${index}`;
  return {
    namespace: ns(house),
    name,
    // The template's label plus those the StatefulSet controller adds (controller-revision-hash left out: no test selects it).
    labels: { 'conformance-house': house, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(index) },
    nodeName,
    hostNetwork,
    ip,
    ports,
  };
}

const HOUSE_PORTS: readonly ContainerPortFixture[] = [
  { name: 'web', containerPort: 80, protocol: 'TCP' },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
];

const CENTAUR_PORTS: readonly ContainerPortFixture[] = [
  { name: `web-${HOST_NETWORK_PORTS[0]}`, containerPort: HOST_NETWORK_PORTS[0], protocol: 'TCP' },
  { name: `web-${HOST_NETWORK_PORTS[1]}`, containerPort: HOST_NETWORK_PORTS[1], protocol: 'TCP' },
  { name: `dns-${HOST_NETWORK_PORTS[2]}`, containerPort: HOST_NETWORK_PORTS[2], protocol: 'UDP' },
  { name: `dns-${HOST_NETWORK_PORTS[4]}`, containerPort: HOST_NETWORK_PORTS[4], protocol: 'UDP' },
];

/** Every pod of the base manifests. */
export const PODS: readonly PodFixture[] = [
  ...HOUSES.flatMap((house, h) => [0, 1].map((i) => statefulSetPod(house, i, `10.244.${h + 1}.${10 + i}`, 'kind-worker', false, HOUSE_PORTS))),
  statefulSetPod('forbidden-forrest', 0, '172.18.0.2', 'kind-worker', true, CENTAUR_PORTS),
  statefulSetPod('forbidden-forrest', 1, '172.18.0.3', 'kind-worker2', true, CENTAUR_PORTS),
];

/** `namespace/name` of a pod of a house: pod('gryffindor', 'harry-potter-0'). */
export function pod(house: string, name: string): string {
  return `${ns(house)}/${name}`;
}

/** The model's address of a pod (`namespace/name`), as the tests read it from status.podIP. */
export function podIp(ref: string): string {
  const found = PODS.find((p) => `${p.namespace}/${p.name}` === ref);
  if (found === undefined) throw new Error(`no pod ${ref} in the conformance model`);
  return found.ip;
}

/** A rule direction. */
export type Direction = 'ingress' | 'egress';

/** One step of a conformance test, in the order the Go test performs it. */
export type Step =
  /** PokeServer(client, protocol, server's status.podIP, port, shouldConnect). */
  | { readonly op: 'Probe'; readonly from: string; readonly to: string; readonly protocol: ProtocolName; readonly port: number; readonly connected: boolean }
  /** Swaps two rules of a policy (`rules[a], rules[b] = rules[b], rules[a]`), then patches it. */
  | { readonly op: 'SwapRules'; readonly policy: string; readonly direction: Direction; readonly a: number; readonly b: number }
  /** Inserts a rule at `index` of a policy's rules, then patches it. */
  | { readonly op: 'InsertRule'; readonly policy: string; readonly direction: Direction; readonly index: number; readonly rule: ClusterNetworkPolicyEgressRuleManifest }
  /** Sets the action of one rule. */
  | { readonly op: 'SetRuleAction'; readonly policy: string; readonly direction: Direction; readonly index: number; readonly action: 'Accept' | 'Deny' | 'Pass' }
  /** Replaces the protocols of one rule. */
  | { readonly op: 'SetRuleProtocols'; readonly policy: string; readonly direction: Direction; readonly index: number; readonly protocols: readonly ClusterNetworkPolicyProtocolManifest[] }
  /** Sets a policy's priority. */
  | { readonly op: 'SetPriority'; readonly policy: string; readonly priority: number }
  /**
   * Replaces every label of a namespace (`SetLabels` then a patch); the API server adds
   * `kubernetes.io/metadata.name` back, so the namespace keeps it.
   */
  | { readonly op: 'SetNamespaceLabels'; readonly namespace: string; readonly labels: Readonly<Record<string, string>> }
  /** Deletes a NetworkPolicy. */
  | { readonly op: 'DeleteNetworkPolicy'; readonly namespace: string; readonly name: string };

/** One `t.Run(...)` of a conformance test. Its mutations persist into the next subtests. */
export interface Subtest {
  /** The t.Run description, verbatim. */
  readonly name: string;
  readonly steps: readonly Step[];
}

/** The suite's opt-in features a test needs. */
export type ConformanceFeature = 'ClusterNetworkPolicy' | 'ClusterNetworkPolicyNamedPorts' | 'ClusterNetworkPolicyEgressNodePeers';

/** One `suite.ConformanceTest`: manifests applied before it and deleted after it, and its subtests in order. */
export interface ClusterConformanceTest {
  readonly shortName: string;
  readonly description: string;
  readonly features: readonly ConformanceFeature[];
  /** The upstream manifest the policies come from (conformance/base/...). */
  readonly manifest: string;
  readonly clusterNetworkPolicies: readonly ClusterNetworkPolicyManifest[];
  readonly networkPolicies: readonly NetworkPolicyManifest[];
  readonly subtests: readonly Subtest[];
}

// ---- builders, so the translated tests read like the Go originals ----

/** A namespace selector on the automatic name label: the namespace of a house. */
export function named(house: string): { readonly matchLabels: Readonly<Record<string, string>> } {
  return { matchLabels: { [NS_LABEL]: ns(house) } };
}

/** A selector on the `conformance-house` label (namespaces and pods carry it alike). */
export function house(name: string): { readonly matchLabels: Readonly<Record<string, string>> } {
  return { matchLabels: { 'conformance-house': name } };
}

/** kubernetes.PokeServer(client, protocol, server.Status.PodIP, port, shouldConnect). */
export function probe(from: string, to: string, protocol: ProtocolName, port: number, connected: boolean): Step {
  return { op: 'Probe', from, to, protocol, port, connected };
}

/** Swaps rules a and b of a policy, as the tests do with a temporary. */
export function swapRules(policy: string, direction: Direction, a: number, b: number): Step {
  return { op: 'SwapRules', policy, direction, a, b };
}

/** Inserts an egress rule at `index`. */
export function insertRule(policy: string, direction: Direction, index: number, rule: ClusterNetworkPolicyEgressRuleManifest): Step {
  return { op: 'InsertRule', policy, direction, index, rule };
}

/** Sets one rule's action. */
export function setRuleAction(policy: string, direction: Direction, index: number, action: 'Accept' | 'Deny' | 'Pass'): Step {
  return { op: 'SetRuleAction', policy, direction, index, action };
}

/** Replaces one rule's protocols. */
export function setRuleProtocols(policy: string, direction: Direction, index: number, protocols: readonly ClusterNetworkPolicyProtocolManifest[]): Step {
  return { op: 'SetRuleProtocols', policy, direction, index, protocols };
}

/** Sets a policy's priority. */
export function setPriority(policy: string, priority: number): Step {
  return { op: 'SetPriority', policy, priority };
}

/** Replaces a namespace's labels (the automatic name label stays). */
export function setNamespaceLabels(namespace: string, labels: Readonly<Record<string, string>>): Step {
  return { op: 'SetNamespaceLabels', namespace, labels };
}

/** Deletes a NetworkPolicy. */
export function deleteNetworkPolicy(namespace: string, name: string): Step {
  return { op: 'DeleteNetworkPolicy', namespace, name };
}

/** A `protocols` entry for one TCP port. */
export function tcp(port: number): ClusterNetworkPolicyProtocolManifest {
  return { tcp: { destinationPort: { number: port } } };
}

/** A `protocols` entry for one UDP port. */
export function udp(port: number): ClusterNetworkPolicyProtocolManifest {
  return { udp: { destinationPort: { number: port } } };
}

/** A `protocols` entry for one SCTP port. */
export function sctp(port: number): ClusterNetworkPolicyProtocolManifest {
  return { sctp: { destinationPort: { number: port } } };
}
