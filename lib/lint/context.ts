/**
 * What every rule reads: the NetworkPolicies and cluster-scoped policies (ClusterNetworkPolicy,
 * AdminNetworkPolicy, BaselineAdminNetworkPolicy) to lint (valid ones only, in the one policy
 * model, with their raw spec for "omitted versus empty"), the policies that merely exist around
 * them, and the inventory of namespaces, nodes, pods and Services the inputs declare.
 */
import { NETWORK_POLICY_KIND } from '../core/manifest';
import { FieldPath, LoadedManifest } from '../io/manifests';
import { Inventory, NamespaceRecord, PodRecord } from '../analysis/inventory';
import { InputWarning, readInputs, SourcedObject } from '../analysis/read-inputs';
import { selectorKey, selectorMatches } from '../core/label-match';
import { Labels } from '../core/label-selector';
import { podSetMatches } from '../analysis/matching';
import { AddressIndex } from '../analysis/address-index';
import { IpBlockPeer, NamespacedPolicy, PodsPeer, Policy } from '../analysis/policy-model';
import { LabelSelectorManifest } from '../core/manifest';
import { LintObject } from './finding';
import { LintIssue } from './rule';
import { readServices, ServiceRecord } from './services';
import { isRecord } from '../core/values';

/** A valid NetworkPolicy as lint sees it. */
export interface LintPolicy {
  readonly manifest: LoadedManifest;
  /** Normalized; a policy whose manifest names no namespace is read as in `default`. */
  readonly policy: NamespacedPolicy;
  /** False when the manifest has no metadata.namespace (kubectl would use the context's namespace). */
  readonly namespaceGiven: boolean;
  /** The raw spec, for the rules where omitted and empty differ. */
  readonly spec: Readonly<Record<string, unknown>>;
  readonly object: LintObject;
  /** True for policies given to lint (`-f`), false for policies only read as surroundings (`--inventory`). */
  readonly linted: boolean;
}

/** A valid cluster-scoped policy as lint sees it. */
export interface LintClusterPolicy {
  readonly manifest: LoadedManifest;
  /** In the one policy model: tier, priority, subject, rules with actions. */
  readonly policy: Policy;
  /** The raw spec, for paths of peers the model flattens (`networks` entries, node and domain name peers). */
  readonly spec: Readonly<Record<string, unknown>>;
  readonly object: LintObject;
  /** True for policies given to lint (`-f`), false for surroundings (`--inventory`). */
  readonly linted: boolean;
}

function policyObject(obj: Record<string, unknown>): LintObject {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
  const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '<unnamed>';
  return { kind: NETWORK_POLICY_KIND, ...(ns === undefined ? {} : { namespace: ns }), name };
}

/** The lint view of the inputs; built once per run and shared (read-only) by every rule. */
export class LintContext {
  /** The valid NetworkPolicies given to lint, in input order. */
  public readonly policies: readonly LintPolicy[];
  /** Every valid NetworkPolicy known, linted or surroundings: what the cluster would hold. */
  public readonly allPolicies: readonly LintPolicy[];
  /** The valid cluster-scoped policies given to lint, in input order. */
  public readonly clusterPolicies: readonly LintClusterPolicy[];
  /** Every valid cluster-scoped policy known, linted ones first, then surroundings. */
  public readonly allClusterPolicies: readonly LintClusterPolicy[];
  /** Namespaces, pods (workloads as representative pods) and `allPolicies`, for the engine primitives. */
  public readonly inventory: Inventory;
  /** Services with a selector, from `-f` and `--inventory`. */
  public readonly services: readonly ServiceRecord[];
  /** True when the inputs hold at least one Pod or workload. */
  public readonly hasPods: boolean;
  /** True when the inputs declare at least one Namespace. */
  public readonly hasNamespaces: boolean;
  /** The `invalid-manifest` issues: NetworkPolicies the API server would reject; other rules skip them. */
  public readonly invalid: readonly LintIssue[];
  private readonly nsByName: ReadonlyMap<string, NamespaceRecord>;
  private readonly selectedCache = new Map<NamespacedPolicy, readonly PodRecord[]>();
  private readonly selectedSetCache = new Map<NamespacedPolicy, ReadonlySet<PodRecord>>();
  private readonly podsByNamespace = new Map<string, PodRecord[]>();
  private readonly policiesByNamespace = new Map<string, LintPolicy[]>();
  private readonly podOrder = new Map<PodRecord, number>();
  private readonly matchedCache = new Map<string, readonly PodRecord[]>();
  private readonly nsMatchedCache = new Map<string, readonly NamespaceRecord[]>();
  private readonly blockCache = new Map<string, readonly PodRecord[]>();
  /** The pods' addresses, so the pods in a CIDR are a binary-searched range. */
  private readonly addresses: AddressIndex;

  /** What reading the inputs had to say (duplicates, kinds not read, objects skipped as invalid). */
  public readonly warnings: readonly InputWarning[];

  /**
   * Reads linted manifests (`-f`) and surroundings (`--inventory`) through the one reader of
   * inputs: objects the API server would reject refuse the run (InvalidInputError) unless
   * `skipInvalid`, when they become `invalid-manifest` findings (for linted files) and the rest is
   * linted as the cluster would hold it. Surroundings come first, so a linted object replaces a
   * surrounding one of the same kind, namespace and name.
   */
  public constructor(linted: readonly LoadedManifest[], surroundings: readonly LoadedManifest[] = [], options: { readonly skipInvalid?: boolean } = {}) {
    const lintedFiles = new Set(linted.map((m) => m.source.file));
    const extra = surroundings.filter((m) => !lintedFiles.has(m.source.file));
    const isLinted = new Set<SourcedObject>(linted);
    const loaded = new Map<SourcedObject, LoadedManifest>([...linted, ...extra].map((m) => [m, m]));
    const read = readInputs([...extra, ...linted], { skipInvalid: options.skipInvalid, namespacelessPolicies: 'default' });
    const invalid: LintIssue[] = [];
    for (const r of read.rejected) {
      if (!isLinted.has(r.source)) continue;
      for (const f of r.findings) {
        invalid.push({
          object: { kind: f.object.kind, ...(f.object.namespace === undefined ? {} : { namespace: f.object.namespace }), name: f.object.name ?? '<unnamed>' },
          path: f.path,
          location: f.location,
          message: f.message,
        });
      }
    }
    const all: LintPolicy[] = [];
    const policies: LintPolicy[] = [];
    const cluster: LintClusterPolicy[] = [];
    const services: LoadedManifest[] = [];
    for (const o of read.objects) {
      const m = loaded.get(o.source);
      if (!m) continue;
      if (o.kind === 'Service') services.push(m);
      if (o.kind === 'ClusterPolicy') {
        cluster.push({
          manifest: m,
          policy: o.policy,
          spec: isRecord(m.object.spec) ? m.object.spec : {},
          object: { kind: o.policy.kind, name: o.policy.name },
          linted: isLinted.has(o.source),
        });
      }
      if (o.kind !== 'NetworkPolicy') continue;
      const spec = isRecord(m.object.spec) ? m.object.spec : {};
      const lp: LintPolicy = { manifest: m, policy: o.policy, namespaceGiven: o.namespaceGiven, spec, object: policyObject(m.object), linted: isLinted.has(o.source) };
      all.push(lp);
      if (lp.linted) policies.push(lp);
    }
    // Lint reads the policies in input order: linted ones first, as the rules report them.
    all.sort((a, b) => Number(b.linted) - Number(a.linted));
    cluster.sort((a, b) => Number(b.linted) - Number(a.linted));
    this.clusterPolicies = cluster.filter((c) => c.linted);
    this.allClusterPolicies = cluster;
    this.inventory = read.inventory;
    this.warnings = read.warnings;
    this.policies = policies;
    this.allPolicies = all;
    this.invalid = invalid;
    this.services = readServices(services);
    this.hasPods = this.inventory.pods.length > 0;
    this.hasNamespaces = this.inventory.namespaces.some((n) => n.declared);
    this.nsByName = new Map(this.inventory.namespaces.map((n) => [n.name, n]));
    for (const lp of all) {
      const list = this.policiesByNamespace.get(lp.policy.namespace);
      if (list) list.push(lp);
      else this.policiesByNamespace.set(lp.policy.namespace, [lp]);
    }
    this.inventory.pods.forEach((pod, i) => {
      this.podOrder.set(pod, i);
      const list = this.podsByNamespace.get(pod.namespace);
      if (list) list.push(pod);
      else this.podsByNamespace.set(pod.namespace, [pod]);
    });
    this.addresses = new AddressIndex(this.inventory.pods);
  }

  /** The labels of a namespace (its name label at least, even when nobody declared it). */
  public nsLabels(namespace: string): Labels {
    return this.nsByName.get(namespace)?.labels ?? { 'kubernetes.io/metadata.name': namespace };
  }

  /**
   * True when the inputs hold at least one pod of the namespace: only then do "matches no pod"
   * claims about it mean something (a namespace without any pod in the inputs is unknown, not empty).
   */
  public hasPodsIn(namespace: string): boolean {
    return this.podsByNamespace.has(namespace);
  }

  /** The pods of the inventory a policy selects (its namespace, its podSelector), in inventory order. */
  public podsSelectedBy(policy: NamespacedPolicy): readonly PodRecord[] {
    let pods = this.selectedCache.get(policy);
    if (!pods) {
      pods = this.podsIn(policy.namespace).filter((p) => this.selects(policy, p));
      this.selectedCache.set(policy, pods);
    }
    return pods;
  }

  /** Every valid NetworkPolicy (linted or surroundings) of one namespace, in input order. */
  public policiesIn(namespace: string): readonly LintPolicy[] {
    return this.policiesByNamespace.get(namespace) ?? [];
  }

  /** The pods of one namespace, in inventory order. */
  public podsIn(namespace: string): readonly PodRecord[] {
    return this.podsByNamespace.get(namespace) ?? [];
  }

  /** Sorts pods into inventory order and drops duplicates, so messages list them stably. */
  public inInventoryOrder(pods: Iterable<PodRecord>): PodRecord[] {
    return [...new Set(pods)].sort((a, b) => (this.podOrder.get(a) ?? 0) - (this.podOrder.get(b) ?? 0));
  }

  /** The pods with an address in the ipBlock (its CIDR minus its excepts), in inventory order. */
  public podsInBlock(block: IpBlockPeer): readonly PodRecord[] {
    const key = `${block.cidr.canonical}-${block.except.map((e) => e.canonical).join(',')}`;
    let pods = this.blockCache.get(key);
    if (!pods) {
      const all = this.inventory.pods;
      pods = this.addresses.podsIn(block).map((i) => all[i]);
      this.blockCache.set(key, pods);
    }
    return pods;
  }

  /** The same pods as {@link podsSelectedBy}, as a set, for containment checks. */
  public podSetSelectedBy(policy: NamespacedPolicy): ReadonlySet<PodRecord> {
    let set = this.selectedSetCache.get(policy);
    if (!set) {
      set = new Set(this.podsSelectedBy(policy));
      this.selectedSetCache.set(policy, set);
    }
    return set;
  }

  /** The pods of the inventory a selector peer matches, for a policy in `policyNamespace`, in inventory order. */
  public podsMatchedBy(peer: PodsPeer, policyNamespace: string): readonly PodRecord[] {
    const key = `${peer.namespaceSelector ? selectorKey(peer.namespaceSelector) : `=${policyNamespace}`}|${peer.podSelector ? selectorKey(peer.podSelector) : '*'}`;
    let pods = this.matchedCache.get(key);
    if (!pods) {
      const namespaces = peer.namespaceSelector ? this.namespacesMatchedBy(peer.namespaceSelector).map((n) => n.name) : [policyNamespace];
      const hits = namespaces.flatMap((ns) => this.podsIn(ns).filter((p) => this.peerMatchesPod(peer, policyNamespace, p)));
      pods = namespaces.length > 1 ? this.inInventoryOrder(hits) : hits;
      this.matchedCache.set(key, pods);
    }
    return pods;
  }

  /** True when the policy selects the pod (its namespace, its podSelector). */
  public selects(policy: NamespacedPolicy, pod: PodRecord): boolean {
    return podSetMatches(policy.subject, policy.namespace, pod, (ns) => this.nsLabels(ns));
  }

  /** True when the selector peer (of a policy in `policyNamespace`) matches the pod. */
  public peerMatchesPod(peer: PodsPeer, policyNamespace: string, pod: PodRecord): boolean {
    return podSetMatches(peer, policyNamespace, pod, (ns) => this.nsLabels(ns));
  }

  /** The namespaces of the inventory (declared or referenced) a namespace selector matches. */
  public namespacesMatchedBy(selector: LabelSelectorManifest): readonly NamespaceRecord[] {
    const key = selectorKey(selector);
    let found = this.nsMatchedCache.get(key);
    if (!found) {
      found = this.inventory.namespaces.filter((n) => selectorMatches(selector, n.labels));
      this.nsMatchedCache.set(key, found);
    }
    return found;
  }

  /** An issue on a field of a policy (NetworkPolicy or cluster-scoped), located in its file. */
  public issue(p: LintPolicy | LintClusterPolicy, path: FieldPath, message: string): LintIssue {
    return { object: p.object, path, location: p.manifest.locate(path), message };
  }

  /** An issue on a pod or workload, located at its manifest. */
  public podIssue(pod: PodRecord, message: string): LintIssue {
    return { object: { kind: pod.kind, namespace: pod.namespace, name: pod.name }, path: [], location: pod.source ?? {}, message };
  }
}
