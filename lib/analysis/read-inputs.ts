/**
 * The one way inputs become an inventory, for every analysis command (check, matrix, graph, diff,
 * lint) and for the jest matchers' manifest subjects:
 *
 * 1. Every object is validated as `netfence validate` validates it (lib/validate/manifests.ts):
 *    what the API server would reject, a near-miss of a kind netfence reads (`Networkpolicy`),
 *    an object without kind or apiVersion, a List inside a List. By default any of those refuses
 *    the whole input ({@link InvalidInputError}, the same located findings validate prints);
 *    with `skipInvalid` the rest is analysed as the cluster would hold it (without the rejected
 *    objects), with a warning naming each one left out.
 * 2. Kinds netfence does not read are skipped (ConfigMaps, CRDs...); kinds that decide traffic
 *    but are not read (Cilium, Calico) get a warning. Cluster-scoped policies are validated as
 *    the experimental channel of the network-policy-api CRDs accepts them (every field a cluster
 *    can hold; `netfence validate --crd-channel` and lint say whether yours accepts them).
 * 3. The same kind/namespace/name twice: the later one (in input order: `-f` order, files of a
 *    folder by name) replaces the earlier, as a later `kubectl apply` would, with a warning naming
 *    both places. A Namespace given twice is replaced, not merged.
 * 4. Namespaces, Nodes, Pods, workload templates (one representative pod each), NetworkPolicies
 *    (through normalizePolicy) and ClusterNetworkPolicy, AdminNetworkPolicy and
 *    BaselineAdminNetworkPolicy (through readClusterPolicy) make the inventory.
 *
 * Warnings come back as one list with the inventory; the CLI prints them to stderr and the
 * matchers put them in their messages.
 */
import { NetfenceError, SourceLocation, formatLocation } from '../core/errors';
import { WORKLOAD_TEMPLATE_PATHS } from '../core/kinds';
import { Labels } from '../core/label-selector';
import { isProtocolName, ProtocolName } from '../core/manifest';
import { appendAll, isRecord, listOrEmpty  } from '../core/values';
import { FieldPath } from '../io/manifests';
import { formatFindingBody, formatManifestFinding, formatObjectReference, locateFindings, ManifestFinding, referenceOf, validateObject } from '../validate/manifests';
import { assembleInventory, ContainerPort, Inventory, makeNode, makePod, NodeRecord, PodRecord, PodSpecInput } from './inventory';
import { normalizePolicy } from './normalize-policy';
import { NamespacedPolicy, Policy } from './policy-model';
import { readClusterPolicy } from './read-cluster-policy';
import { NODE_IP_ADDRESS_TYPES } from '../validate/endpoint-object';
import { parseIp } from '../core/ip';

/** The namespace the API server puts namespaced objects in when the manifest names none. */
export const DEFAULT_NAMESPACE = 'default';

/** One parsed object with a way back to its fields (a LoadedManifest is one). */
export interface SourcedObject {
  readonly object: Record<string, unknown>;
  /** The position of the value at a field path, or of its nearest existing ancestor. */
  locate(fieldPath: FieldPath): SourceLocation | undefined;
}

/** How to read inputs. */
export interface ReadOptions {
  /**
   * Analyse without the objects the API server would reject (each named in a warning) instead
   * of refusing the inputs. The CLI's `--skip-invalid`.
   * @default false
   */
  readonly skipInvalid?: boolean;
  /**
   * A NetworkPolicy without `metadata.namespace` lands wherever kubectl's context says: `refuse`
   * it as an input error, or read it as in `default` (lint, which reports it as a finding).
   * @default 'refuse'
   */
  readonly namespacelessPolicies?: 'refuse' | 'default';
}

/** Something worth saying about the inputs that does not stop the analysis. */
export interface InputWarning {
  readonly message: string;
  readonly location?: SourceLocation;
}

/** `file:line:col: message`, the form the CLI prints after `netfence: warning: `. */
export function formatInputWarning(w: InputWarning): string {
  return w.location ? `${formatLocation(w.location)}: ${w.message}` : w.message;
}

/** A declared Namespace. */
export interface NamespaceObject {
  readonly kind: 'Namespace';
  readonly name: string;
  readonly labels: Labels;
}

/** A Pod, or a workload's representative pod (named after the workload). */
export interface PodObject {
  readonly kind: 'Pod';
  /** `Pod`, or the workload kind. */
  readonly podKind: string;
  readonly namespace: string;
  readonly name: string;
  readonly spec: PodSpecInput;
}

/** A NetworkPolicy, read by normalizePolicy. */
export interface PolicyObject {
  readonly kind: 'NetworkPolicy';
  readonly policy: NamespacedPolicy;
  /** False when the manifest names no namespace (read as `default` with `namespacelessPolicies: 'default'`). */
  readonly namespaceGiven: boolean;
}

/** A ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy, read by readClusterPolicy. */
export interface ClusterPolicyObject {
  readonly kind: 'ClusterPolicy';
  readonly policy: Policy;
}

/** A Node: its labels and the IP addresses of its status. */
export interface NodeObject {
  readonly kind: 'Node';
  readonly name: string;
  readonly labels: Labels;
  readonly addresses: readonly string[];
}

/** A v1 Service (lint reads its selector and ports). */
export interface ServiceObject {
  readonly kind: 'Service';
}

/** One object kept for the analysis, with its identity and where it came from. */
export type InputObject = (NamespaceObject | NodeObject | PodObject | PolicyObject | ClusterPolicyObject | ServiceObject) & {
  /** `Kind/namespace/name`: objects with equal keys replace one another. */
  readonly key: string;
  readonly source: SourcedObject;
};

/** What reading the inputs gives. */
export interface InputRead {
  readonly inventory: Inventory;
  /** The objects kept, in input order, each key once (the later of duplicates, at its place). */
  readonly objects: readonly InputObject[];
  /** Duplicates, kinds not read, host bits read as their network, objects skipped as invalid. */
  readonly warnings: readonly InputWarning[];
  /** With `skipInvalid`: the objects left out, each with its errors as `netfence validate` reports them. */
  readonly rejected: readonly RejectedObject[];
}

/** An object left out because the API server would reject it. */
export interface RejectedObject {
  readonly source: SourcedObject;
  readonly findings: readonly ManifestFinding[];
}

/** Inputs that the API server would reject, refused with the findings `netfence validate` gives. */
export class InvalidInputError extends NetfenceError {
  /** Every error, located. */
  public readonly findings: readonly ManifestFinding[];

  public constructor(findings: readonly ManifestFinding[], objects: number) {
    super(
      `the inputs hold ${objects === 1 ? 'an object' : `${objects} objects`} the API server would reject (as netfence validate reports); fix ${objects === 1 ? 'it' : 'them'}, or pass --skip-invalid to analyse the rest as the cluster would hold it:\n${findings.map(formatManifestFinding).join('\n')}`,
    );
    this.name = 'InvalidInputError';
    this.findings = findings;
  }
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A label map as the API server decodes it (null values are ""); own keys only, `__proto__` included. */
function labelsAt(obj: unknown, path: readonly (string | number)[]): Labels {
  let cur: unknown = obj;
  for (const k of path) cur = isRecord(cur) ? cur[k as string] : undefined;
  if (!isRecord(cur)) return {};
  // Object.fromEntries defines properties, so a `__proto__` key stays an ordinary label.
  return Object.fromEntries(Object.entries(cur).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

function containerPorts(podSpec: unknown): ContainerPort[] {
  const out: ContainerPort[] = [];
  if (!isRecord(podSpec)) return out;
  for (const c of listOrEmpty(podSpec.containers)) {
    if (!isRecord(c)) continue;
    for (const p of listOrEmpty(c.ports)) {
      if (!isRecord(p) || typeof p.containerPort !== 'number') continue;
      const protocol: ProtocolName = isProtocolName(p.protocol) ? p.protocol : 'TCP';
      out.push({ port: p.containerPort, protocol, ...(typeof p.name === 'string' && p.name !== '' ? { name: p.name } : {}) });
    }
  }
  return out;
}

function podIps(status: unknown): string[] {
  const ips: string[] = [];
  if (!isRecord(status)) return ips;
  for (const e of listOrEmpty(status.podIPs)) {
    const ip = isRecord(e) ? e.ip : undefined;
    if (typeof ip === 'string' && ip !== '' && !ips.includes(ip)) ips.push(ip);
  }
  const single = status.podIP;
  if (typeof single === 'string' && single !== '' && !ips.includes(single)) ips.unshift(single);
  return ips;
}

/** The IP addresses of a Node's status (InternalIP and ExternalIP entries that are addresses), each once. */
function nodeAddresses(status: unknown): string[] {
  const out: string[] = [];
  if (!isRecord(status)) return out;
  for (const a of listOrEmpty(status.addresses)) {
    if (!isRecord(a) || typeof a.type !== 'string' || !NODE_IP_ADDRESS_TYPES.includes(a.type) || typeof a.address !== 'string') continue;
    if (parseIp(a.address) && !out.includes(a.address)) out.push(a.address);
  }
  return out;
}

/** `spec.hostNetwork` and `spec.nodeName` of a PodSpec. */
function hostFields(podSpec: unknown): Pick<PodSpecInput, 'hostNetwork' | 'nodeName'> {
  if (!isRecord(podSpec)) return {};
  return {
    ...(podSpec.hostNetwork === true ? { hostNetwork: true } : {}),
    ...(typeof podSpec.nodeName === 'string' && podSpec.nodeName !== '' ? { nodeName: podSpec.nodeName } : {}),
  };
}

function templateAt(obj: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | undefined {
  let cur: unknown = obj;
  for (const k of path) cur = isRecord(cur) ? cur[k] : undefined;
  return isRecord(cur) ? cur : undefined;
}

/** Reads one valid object into what the analysis keeps of it; undefined for kinds not kept. */
function readObject(m: SourcedObject, role: string, options: ReadOptions, errors: ManifestFinding[]): InputObject | undefined {
  const obj = m.object;
  const kind = obj.kind as string;
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const name = stringOrUndefined(meta.name) ?? '';
  const given = stringOrUndefined(meta.namespace);
  const source = () => m.locate([]);
  switch (role) {
    case 'Namespace':
      return { kind: 'Namespace', key: `Namespace//${name}`, name, labels: labelsAt(obj, ['metadata', 'labels']), source: m };
    case 'Node':
      return { kind: 'Node', key: `Node//${name}`, name, labels: labelsAt(obj, ['metadata', 'labels']), addresses: nodeAddresses(obj.status), source: m };
    case 'ClusterPolicy': {
      const policy = readClusterPolicy(obj, (p) => m.locate(p));
      return { kind: 'ClusterPolicy', key: `${kind}//${name}`, policy, source: m };
    }
    case 'Pod': {
      const namespace = given ?? DEFAULT_NAMESPACE;
      const spec: PodSpecInput = { labels: labelsAt(obj, ['metadata', 'labels']), ports: containerPorts(obj.spec), ips: podIps(obj.status), kind, source, ...hostFields(obj.spec) };
      return { kind: 'Pod', podKind: kind, key: `Pod/${namespace}/${name}`, namespace, name, spec, source: m };
    }
    case 'Workload': {
      const namespace = given ?? DEFAULT_NAMESPACE;
      const path = WORKLOAD_TEMPLATE_PATHS[kind];
      const template = templateAt(obj, path) ?? {};
      // A workload's pods run on nodes unknown here: a host-network one has no address to match.
      const { hostNetwork } = hostFields(template.spec);
      const spec: PodSpecInput = { labels: labelsAt(template, ['metadata', 'labels']), ports: containerPorts(template.spec), kind, source, ...(hostNetwork ? { hostNetwork } : {}) };
      return { kind: 'Pod', podKind: kind, key: `${kind}/${namespace}/${name}`, namespace, name, spec, source: m };
    }
    case 'NetworkPolicy': {
      if (given === undefined && (options.namespacelessPolicies ?? 'refuse') === 'refuse') {
        errors.push(
          ...locateFindings({ object: obj, locate: (p) => m.locate(p) ?? {} }, [
            {
              path: ['metadata', 'namespace'],
              message: `missing namespace; a NetworkPolicy applies in its own namespace, and without metadata.namespace kubectl puts it wherever its context says: set it explicitly (the analysis will not guess)`,
            },
          ]),
        );
        return undefined;
      }
      const namespace = given ?? DEFAULT_NAMESPACE;
      const policy = normalizePolicy(obj, namespace, (p) => m.locate(p));
      return { kind: 'NetworkPolicy', key: `NetworkPolicy/${namespace}/${name}`, policy, namespaceGiven: given !== undefined, source: m };
    }
    case 'Service':
      return { kind: 'Service', key: `Service/${given ?? DEFAULT_NAMESPACE}/${name}`, source: m };
    default:
      return undefined;
  }
}

function describeKey(key: string): string {
  const [kind, ns, name] = key.split('/');
  return ns === '' ? `${kind} ${name}` : `${kind} ${ns}/${name}`;
}

/** True for two positions of one place in one file (the same file read twice). */
function sameLocation(a: SourceLocation | undefined, b: SourceLocation | undefined): boolean {
  return a?.file !== undefined && a.line !== undefined && formatLocation(a) === formatLocation(b);
}

/**
 * Assembles kept objects into an inventory: namespaces, pods (a Pod and a workload, or two
 * workloads of different kinds, may share a name: the later is called `name(Kind)`) and policies.
 */
export function assembleObjects(objects: readonly InputObject[]): Inventory {
  const namespaces: { name: string; labels: Labels }[] = [];
  const pods: PodRecord[] = [];
  const policies: Policy[] = [];
  const nodes: NodeRecord[] = [];
  const podIds = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'Namespace') namespaces.push({ name: o.name, labels: o.labels });
    else if (o.kind === 'Node') nodes.push(makeNode(o.name, { labels: o.labels, addresses: o.addresses, source: () => o.source.locate([]) }));
    else if (o.kind === 'NetworkPolicy' || o.kind === 'ClusterPolicy') policies.push(o.policy);
    else if (o.kind === 'Pod') {
      let finalName = o.name;
      if (podIds.has(`${o.namespace}/${finalName}`)) finalName = `${o.name}(${o.podKind})`;
      for (let i = 2; podIds.has(`${o.namespace}/${finalName}`); i++) finalName = `${o.name}(${o.podKind}-${i})`;
      podIds.add(`${o.namespace}/${finalName}`);
      pods.push(makePod(o.namespace, finalName, o.spec));
    }
  }
  return assembleInventory(namespaces, pods, policies, nodes);
}

/** Reads inputs into an inventory with validation, duplicates and warnings; see the file comment. */
export function readInputs(manifests: readonly SourcedObject[], options: ReadOptions = {}): InputRead {
  const warnings: InputWarning[] = [];
  const errors: ManifestFinding[] = [];
  let refused = 0;
  const rejected: RejectedObject[] = [];
  const kept: InputObject[] = [];
  for (const m of manifests) {
    const v = validateObject(m.object, { crdChannel: 'experimental' });
    const locator = { object: m.object, locate: (p: FieldPath) => m.locate(p) ?? {} };
    for (const w of locateFindings(locator, v.warnings)) warnings.push({ message: formatFindingBody(w), location: w.location });
    if (v.errors.length > 0) {
      const located = locateFindings(locator, v.errors);
      if (options.skipInvalid) {
        rejected.push({ source: m, findings: located });
        warnings.push({
          message: `skipped ${formatObjectReference(referenceOf(m.object))}: the API server would reject it (${located.length === 1 ? located[0].message : `${located.length} problems; see netfence validate`}), so the analysis goes on without it`,
          location: m.locate([]),
        });
      } else {
        appendAll(errors, located);
        refused++;
      }
      continue;
    }
    const before = errors.length;
    const o = readObject(m, v.role, options, errors);
    if (errors.length > before) {
      if (options.skipInvalid) {
        const late = errors.splice(before);
        rejected.push({ source: m, findings: late });
        warnings.push({ message: `skipped ${formatObjectReference(referenceOf(m.object))}: ${late[0].message}`, location: m.locate([]) });
      } else {
        refused++;
      }
    }
    if (o) kept.push(o);
  }
  if (errors.length > 0) throw new InvalidInputError(errors, refused);
  // Duplicates: the later object replaces the earlier, at the later one's place.
  const last = new Map<string, number>();
  kept.forEach((o, i) => last.set(o.key, i));
  const objects = kept.filter((o, i) => {
    const winner = last.get(o.key)!;
    if (winner === i) return true;
    const earlier = o.source.locate([]);
    const later = kept[winner].source.locate([]);
    // The same object read twice (the same file given twice) is not a second definition.
    if (!sameLocation(earlier, later)) {
      warnings.push({
        message: `${describeKey(o.key)} is defined twice (${formatLocation(earlier)} and ${formatLocation(later)}); the later one is used, as a later kubectl apply would leave it`,
        location: later,
      });
    }
    return false;
  });
  return { inventory: assembleObjects(objects), objects, warnings, rejected };
}
