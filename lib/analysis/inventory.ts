/**
 * What the engine reasons about: namespaces with their labels, pods (or one representative pod
 * per workload) with labels, IPs and container ports, nodes with their labels and addresses, and
 * policies of every kind in the one model (NetworkPolicy and the cluster-scoped kinds).
 *
 * An Inventory is a plain immutable value; build it from manifests (inventory-from-manifests.ts)
 * or declare it in code with InventoryBuilder.
 */
import { NetfenceError, SourceLocation } from '../core/errors';
import { formatIp, IpAddress, parseIp } from '../core/ip';
import { NetworkPolicyManifest, ProtocolName } from '../core/manifest';
import { Labels } from '../core/label-selector';
import { NAMESPACE_NAME_LABEL } from '../core/peer';
import { withSource, SourceInput } from './lazy-source';
import { normalizePolicy } from './normalize-policy';
import { Policy } from './policy-model';
import { readClusterPolicy } from './read-cluster-policy';
import { validateNetworkPolicy } from '../validate/network-policy';
import { formatFinding, isError } from '../validate/finding';

/** One container port a pod exposes; named ports of NetworkPolicies resolve against these. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: ProtocolName;
}

/** A namespace and its labels (always including `kubernetes.io/metadata.name`). */
export interface NamespaceRecord {
  readonly name: string;
  readonly labels: Labels;
  /** False when the namespace was only referenced (by a pod or policy), not declared. */
  readonly declared: boolean;
  /** True for a stand-in namespace (stand-ins.ts): made up to carry the labels a selector needs. */
  readonly standIn?: boolean;
}

/** A pod, or the representative pod of a workload's template. */
export interface PodRecord {
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name`. */
  readonly id: string;
  readonly labels: Labels;
  /** The pod's IPs (status.podIP / status.podIPs), canonical text, possibly empty. */
  readonly ips: readonly string[];
  /** The same IPs, parsed. */
  readonly addresses: readonly IpAddress[];
  readonly ports: readonly ContainerPort[];
  /** `Pod`, or the workload kind (`Deployment`, `CronJob`, ...) this pod represents. */
  readonly kind: string;
  /**
   * True for a pod in its node's network namespace (`spec.hostNetwork: true`): it is never a
   * policy's subject and no pod selector matches it; its address is its node's, which ipBlock,
   * `networks` and `nodes` peers match (the common implementation, and the ClusterNetworkPolicy API).
   */
  readonly hostNetwork: boolean;
  /** `spec.nodeName`, when known. */
  readonly nodeName?: string;
  readonly source?: SourceLocation;
}

/** A node: its labels (for `nodes` peers) and the IP addresses of its `status.addresses`. */
export interface NodeRecord {
  readonly name: string;
  readonly labels: Labels;
  /** Canonical text of each address. */
  readonly ips: readonly string[];
  /** The same addresses, parsed. */
  readonly addresses: readonly IpAddress[];
  readonly source?: SourceLocation;
}

/** Everything the engine needs to answer "may A reach B". */
export interface Inventory {
  readonly namespaces: readonly NamespaceRecord[];
  readonly pods: readonly PodRecord[];
  /** Policies of every kind, in input order. */
  readonly policies: readonly Policy[];
  /** Nodes, by name order; empty when the inputs hold none. */
  readonly nodes: readonly NodeRecord[];
}

/** How a pod is declared in code. */
export interface PodSpecInput {
  readonly labels?: Labels;
  readonly ports?: readonly ContainerPort[];
  readonly ips?: readonly string[];
  /** @default 'Pod' */
  readonly kind?: string;
  /** Where the pod was declared, or a function that finds it when a message needs it. */
  readonly source?: SourceInput;
  /**
   * `spec.hostNetwork`: the pod uses its node's network and address (without IPs of its own, it
   * takes the addresses of the node `nodeName` names, when the inputs hold that node).
   * @default false
   */
  readonly hostNetwork?: boolean;
  /** `spec.nodeName`. */
  readonly nodeName?: string;
}

/** How a node is declared in code. */
export interface NodeSpecInput {
  readonly labels?: Labels;
  /** The IP addresses of `status.addresses`. */
  readonly addresses?: readonly string[];
  readonly source?: SourceInput;
}

/** Parses and canonicalizes pod IPs, rejecting text that is not an address (located lazily). */
export function parsePodIps(ips: readonly string[], location?: SourceInput): IpAddress[] {
  return ips.map((text) => {
    const ip = parseIp(text);
    if (!ip) {
      const where = typeof location === 'function' ? location() : location;
      throw new NetfenceError(`pod IP ${JSON.stringify(text)} is not an IPv4 or IPv6 address`, { location: where });
    }
    return ip;
  });
}

/**
 * Assembles an inventory: gives every namespace its `kubernetes.io/metadata.name` label (as the
 * API server does, overriding any user value) and adds namespaces that pods or policies
 * reference but nobody declared.
 */
export function assembleInventory(
  namespaces: readonly { name: string; labels: Labels; standIn?: boolean }[],
  pods: readonly PodRecord[],
  policies: readonly Policy[],
  nodes: readonly NodeRecord[] = [],
): Inventory {
  const byName = new Map<string, NamespaceRecord>();
  for (const ns of namespaces) {
    // A later declaration of the same namespace replaces the earlier, as a later `kubectl apply` would.
    byName.set(ns.name, {
      name: ns.name,
      labels: Object.freeze({ ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name }),
      ...(ns.standIn ? { declared: false, standIn: true } : { declared: true }),
    });
  }
  const reference = (name: string): void => {
    if (!byName.has(name)) byName.set(name, { name, labels: Object.freeze({ [NAMESPACE_NAME_LABEL]: name }), declared: false });
  };
  for (const p of pods) reference(p.namespace);
  for (const p of policies) if (p.namespace !== undefined) reference(p.namespace);
  const sorted = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A later declaration of the same node replaces the earlier.
  const nodesByName = new Map<string, NodeRecord>();
  for (const n of nodes) nodesByName.set(n.name, n);
  const sortedNodes = [...nodesByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A host-network pod without addresses of its own has its node's.
  const placed = pods.map((p) => {
    if (!p.hostNetwork || p.addresses.length > 0 || p.nodeName === undefined) return p;
    const node = nodesByName.get(p.nodeName);
    if (node === undefined || node.addresses.length === 0) return p;
    // Descriptors are copied so a lazily located source stays lazy.
    const moved = Object.defineProperties({}, {
      ...Object.getOwnPropertyDescriptors(p),
      ips: { value: node.ips, enumerable: true },
      addresses: { value: node.addresses, enumerable: true },
    }) as PodRecord;
    return Object.freeze(moved);
  });
  return Object.freeze({
    namespaces: Object.freeze(sorted),
    pods: Object.freeze(placed),
    policies: Object.freeze([...policies]),
    nodes: Object.freeze(sortedNodes),
  });
}

/** Makes a node record; addresses that are not IPs are an error (located lazily). */
export function makeNode(name: string, spec: NodeSpecInput = {}): NodeRecord {
  const addresses = parsePodIps(spec.addresses ?? [], spec.source).filter((a, i, all) => all.findIndex((b) => b.family === a.family && b.value === a.value) === i);
  const record = {
    name,
    labels: Object.freeze({ ...(spec.labels ?? {}) }),
    ips: Object.freeze(addresses.map(formatIp)),
    addresses: Object.freeze(addresses),
  };
  return Object.freeze(withSource(record, spec.source));
}

/** Makes a pod record; shared by the manifest reader and the builder so both agree on shape. */
export function makePod(namespace: string, name: string, spec: PodSpecInput): PodRecord {
  const addresses = parsePodIps(spec.ips ?? [], spec.source);
  const record = {
    namespace,
    name,
    id: `${namespace}/${name}`,
    labels: Object.freeze({ ...(spec.labels ?? {}) }),
    ips: Object.freeze(addresses.map(formatIp)),
    addresses: Object.freeze(addresses),
    ports: Object.freeze([...(spec.ports ?? [])]),
    kind: spec.kind ?? 'Pod',
    hostNetwork: spec.hostNetwork === true,
    ...(spec.nodeName !== undefined ? { nodeName: spec.nodeName } : {}),
  };
  return Object.freeze(withSource(record, spec.source));
}

/**
 * Declares an inventory in code, for tests and for callers that already know their cluster:
 * `new InventoryBuilder().namespace('x', {team: 'a'}).pod('x/a', {labels: {pod: 'a'}}).policy(p).build()`.
 */
export class InventoryBuilder {
  private readonly namespaces: { name: string; labels: Labels }[] = [];
  private readonly pods: PodRecord[] = [];
  private readonly podIds = new Set<string>();
  private readonly policies: Policy[] = [];
  private readonly nodes: NodeRecord[] = [];

  /** Declares a namespace with labels (its name label is added automatically); a second declaration replaces the first. */
  public namespace(name: string, labels: Labels = {}): this {
    this.namespaces.push({ name, labels });
    return this;
  }

  /** Declares a pod by `namespace/name`. */
  public pod(id: string, spec: PodSpecInput = {}): this {
    const slash = id.indexOf('/');
    if (slash <= 0 || slash === id.length - 1 || id.indexOf('/', slash + 1) >= 0) {
      throw new NetfenceError(`pod ${JSON.stringify(id)} must be written namespace/name`);
    }
    if (this.podIds.has(id)) throw new NetfenceError(`pod ${id} is declared twice`);
    this.podIds.add(id);
    this.pods.push(makePod(id.slice(0, slash), id.slice(slash + 1), spec));
    return this;
  }

  /**
   * Adds a NetworkPolicy; its metadata.namespace is required, and what the API server would
   * reject is refused here too (as `netfence validate` says it).
   */
  public policy(manifest: NetworkPolicyManifest): this {
    const ns = manifest.metadata.namespace;
    if (!ns) throw new NetfenceError(`NetworkPolicy ${manifest.metadata.name} has no metadata.namespace`);
    const object = manifest as unknown as Record<string, unknown>;
    const errors = validateNetworkPolicy(object, { cidrHostBits: 'warning' }).filter(isError);
    if (errors.length > 0) {
      throw new NetfenceError(`NetworkPolicy ${ns}/${manifest.metadata.name} would be rejected by the API server: ${errors.map(formatFinding).join('; ')}`);
    }
    this.policies.push(normalizePolicy(object, ns));
    return this;
  }

  /**
   * Adds a ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy; what the API
   * server would reject (or the engine cannot evaluate) is refused, as `netfence validate` says it.
   */
  public clusterPolicy(manifest: object): this {
    this.policies.push(readClusterPolicy(manifest as Record<string, unknown>));
    return this;
  }

  /** Declares a node with labels and addresses; a second declaration of a name replaces the first. */
  public node(name: string, spec: NodeSpecInput = {}): this {
    this.nodes.push(makeNode(name, spec));
    return this;
  }

  /** Freezes the declarations into an Inventory. */
  public build(): Inventory {
    return assembleInventory(this.namespaces, this.pods, this.policies, this.nodes);
  }
}
