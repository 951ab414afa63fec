/**
 * What pods a workload construct owns, read structurally: core imports neither cdk8s nor
 * cdk8s-plus, and a structural reading works with any cdk8s-plus version (and a platform
 * library's own workload constructs) without netfence depending on them.
 */
import { NetfenceError } from './errors';
import { WORKLOAD_TEMPLATE_PATHS } from './kinds';
import { LabelRequirement, LabelSelector } from './label-selector';
import { isRecord } from './values';

/** The construct tree as netfence reads it: a path for messages, validations for synth. */
export interface WorkloadNode {
  /** The construct path, named in errors. */
  readonly path: string;
  /** The construct id: a workload's pods read as it in derived object names. */
  readonly id: string;
  /** cdk8s runs these at synth; netfence checks there that the selector it read still holds. */
  addValidation?(validation: { validate(): string[] }): void;
  /** The `Resource` or `Default` child: the workload object of a wrapping construct. */
  readonly defaultChild?: unknown;
}

/**
 * A cdk8s object (an `ApiObject`) or a cdk8s-plus workload (`Deployment`, `StatefulSet`,
 * `DaemonSet`, `Job`, `Pod`), or a construct whose `Resource`/`Default` child is one.
 */
export interface WorkloadConstruct {
  /** The construct's node. */
  readonly node: WorkloadNode;
}

/** A workload's pods: the selector that owns them and the one namespace they live in. */
export interface WorkloadPods {
  /** The pods' selector. */
  readonly selector: LabelSelector;
  /** The workload's namespace. */
  readonly namespace: string;
  /** The construct id, for derived object names. */
  readonly name: string;
}

/** A cdk8s `ApiObject`, structurally. */
interface ManifestObject {
  readonly kind: string;
  readonly name: string;
  readonly metadata: { readonly namespace?: string };
  readonly node: WorkloadNode;
  toJson(): unknown;
}

/** A cdk8s-plus pod or workload, structurally: what it exposes before its manifest can render. */
interface PlusWorkload {
  readonly node: WorkloadNode;
  readonly apiObject: ManifestObject;
  readonly metadata: { readonly namespace?: string };
  /** Workloads: the selector labels (`select()` adds to them). */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** Workloads: the selector expressions. */
  readonly matchExpressions?: readonly unknown[];
  /** The labels every pod of it carries. */
  readonly podMetadata?: { toJson(): unknown };
}

/** The label cdk8s-plus writes on every pod of a workload, unique to it. */
const CDK8S_PLUS_ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

/** Kinds whose pods a workload object names: every workload kind and a bare Pod. */
const POD_OWNER_KINDS: readonly string[] = Object.freeze([...Object.keys(WORKLOAD_TEMPLATE_PATHS), 'Pod']);

/** Kinds whose pods are chosen by `spec.selector` (required by the API server). */
const SELECTOR_KINDS: readonly string[] = Object.freeze(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

function isManifestObject(v: unknown): v is ManifestObject {
  return isRecord(v) && typeof v.kind === 'string' && typeof v.name === 'string' && typeof v.toJson === 'function' && isRecord(v.node) && isRecord(v.metadata);
}

function isPlusWorkload(v: unknown): v is PlusWorkload {
  return isRecord(v) && isManifestObject(v.apiObject) && isRecord(v.metadata) && isRecord(v.node);
}

/** The text form of a selector the API serves: `matchLabels` plus `matchExpressions`. */
function selectorFrom(where: string, v: unknown): LabelSelector | undefined {
  if (!isRecord(v)) return undefined;
  return selectorOfParts(where, v.matchLabels, v.matchExpressions);
}

function selectorOfParts(where: string, labels: unknown, expressions: unknown): LabelSelector {
  const matchLabels: Record<string, string> = {};
  if (isRecord(labels)) {
    for (const [k, value] of Object.entries(labels)) {
      if (typeof value !== 'string') throw new NetfenceError(`${where}: selector label ${k} has no string value`);
      matchLabels[k] = value;
    }
  }
  const requirements = (Array.isArray(expressions) ? expressions : []).map((e, i) => requirementOf(`${where}: matchExpressions[${i}]`, e));
  return LabelSelector.matchLabels(matchLabels).withRequirements(...requirements);
}

function requirementOf(where: string, e: unknown): LabelRequirement {
  const values = isRecord(e) && Array.isArray(e.values) ? e.values : [];
  if (!isRecord(e) || typeof e.key !== 'string' || !values.every((x) => typeof x === 'string')) {
    throw new NetfenceError(`${where}: not a label requirement (key, operator, values)`);
  }
  switch (e.operator) {
    case 'In':
      return LabelRequirement.in(e.key, values);
    case 'NotIn':
      return LabelRequirement.notIn(e.key, values);
    case 'Exists':
      return LabelRequirement.exists(e.key);
    case 'DoesNotExist':
      return LabelRequirement.doesNotExist(e.key);
    default:
      throw new NetfenceError(`${where}: operator ${JSON.stringify(e.operator)} is not In, NotIn, Exists or DoesNotExist`);
  }
}

function at(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const k of path) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}

/**
 * The selector of a workload manifest: `spec.selector` where the API server requires one;
 * for ReplicationController, Job and CronJob the selector when written, else the pod template's
 * labels (the server defaults an RC's selector to them, and a Job's generated selector names a
 * uid no one knows before it runs); for a Pod, its own labels.
 */
function selectorOfManifest(where: string, kind: string, m: unknown): LabelSelector {
  if (kind === 'Pod') return selectorOfParts(where, at(m, ['metadata', 'labels']), undefined);
  const template = WORKLOAD_TEMPLATE_PATHS[kind];
  const specPath = template.slice(0, -1);
  const written = at(m, [...specPath, 'selector']);
  if (kind === 'ReplicationController' && isRecord(written)) return selectorOfParts(where, written, undefined);
  const selector = selectorFrom(where, written);
  if (selector !== undefined) return selector;
  if (SELECTOR_KINDS.includes(kind)) return LabelSelector.all();
  return selectorOfParts(where, at(m, [...template, 'metadata', 'labels']), undefined);
}

/** A workload object of an app, as a flow end names it. */
export interface WorkloadObject {
  /** Its kind: `Deployment`, `Pod`, ... */
  readonly kind: string;
  /** Its `metadata.name`. */
  readonly name: string;
  /** Its `metadata.namespace`, when written. */
  readonly namespace: string | undefined;
}

/**
 * The workload object behind a construct (itself, the object of a cdk8s-plus workload, or its
 * `Resource`/`Default` child), or undefined when there is none: the one way every face
 * recognises a workload construct.
 */
export function workloadObjectOf(x: unknown): WorkloadObject | undefined {
  if (!isRecord(x) || !isRecord(x.node)) return undefined;
  const w = workloadOf(x as unknown as WorkloadConstruct);
  if (w === undefined) return undefined;
  const object = isPlusWorkload(w) ? w.apiObject : w;
  return { kind: object.kind, name: object.name, namespace: object.metadata.namespace };
}

function workloadOf(x: WorkloadConstruct): PlusWorkload | ManifestObject | undefined {
  for (const candidate of [x, defaultChildOf(x)]) {
    if (isPlusWorkload(candidate) && POD_OWNER_KINDS.includes(candidate.apiObject.kind)) return candidate;
    if (isManifestObject(candidate) && POD_OWNER_KINDS.includes(candidate.kind)) return candidate;
  }
  return undefined;
}

function defaultChildOf(x: WorkloadConstruct): unknown {
  try {
    return x.node.defaultChild;
  } catch {
    return undefined; // both a `Resource` and a `Default` child: no one workload
  }
}

/** Reads a workload's selector and namespace, as they stand now. */
function readWorkload(w: PlusWorkload | ManifestObject): { selector: LabelSelector; namespace: string | undefined } {
  const where = w.node.path;
  if (isPlusWorkload(w)) {
    const kind = w.apiObject.kind;
    const namespace = w.metadata.namespace;
    // Workloads keep their selector before their manifest can render (a Deployment without
    // containers yet); a Job (no selector) and a Pod are chosen by the labels their pods carry.
    if (w.matchLabels !== undefined && SELECTOR_KINDS.includes(kind)) {
      return { selector: selectorOfParts(where, w.matchLabels, w.matchExpressions), namespace };
    }
    const podLabels = w.podMetadata !== undefined ? at(w.podMetadata.toJson(), ['labels']) : undefined;
    if (isRecord(podLabels)) {
      // cdk8s-plus gives each pod a unique address label and selects by it alone; labels added
      // later do not change which pods these are.
      const address = podLabels[CDK8S_PLUS_ADDRESS_LABEL];
      const labels = typeof address === 'string' ? { [CDK8S_PLUS_ADDRESS_LABEL]: address } : podLabels;
      return { selector: selectorOfParts(where, labels, undefined), namespace };
    }
    return { selector: selectorOfManifest(where, kind, w.apiObject.toJson()), namespace };
  }
  const m = w.toJson();
  const namespace = at(m, ['metadata', 'namespace']);
  return { selector: selectorOfManifest(where, w.kind, m), namespace: typeof namespace === 'string' ? namespace : undefined };
}

/**
 * The pods a workload construct owns, or undefined when `x` is no workload. Throws, naming the
 * construct, when its selector is empty (it would select every pod of its namespace) or its
 * namespace is not written (the pods would land wherever the applying tool defaults to). At
 * synth, a validation on the workload fails if its selector or namespace changed since.
 */
export function workloadPodsOf(x: WorkloadConstruct): WorkloadPods | undefined {
  const w = workloadOf(x);
  if (w === undefined) return undefined;
  const kind = isPlusWorkload(w) ? w.apiObject.kind : w.kind;
  const read = readWorkload(w);
  const what = `${kind} ${x.node.path}`;
  if (read.selector.isEmpty) {
    throw new NetfenceError(
      `Pods.of(${what}): the workload has no selector labels, so its pods cannot be told from the other pods of its namespace; give it labels (cdk8s-plus: select(...) or podMetadata.addLabel(...); a manifest: spec.selector.matchLabels and the template's labels)`,
    );
  }
  if (read.namespace === undefined || read.namespace === '') {
    throw new NetfenceError(
      `Pods.of(${what}): the workload's namespace is unknown; give its Chart a namespace (new Chart(app, id, { namespace })) or set metadata.namespace`,
    );
  }
  const taken = { selector: read.selector, namespace: read.namespace, name: x.node.id };
  w.node.addValidation?.({
    validate: () => {
      const now = readWorkload(w);
      if (now.namespace === taken.namespace && JSON.stringify(now.selector.toManifest()) === JSON.stringify(taken.selector.toManifest())) return [];
      return [
        `Pods.of(${what}) read its pods as ${taken.selector.describe()} in namespace ${taken.namespace}, but the workload now selects ${now.selector.describe()} in namespace ${now.namespace ?? '<none>'}: policies written from the first reading would select other pods; call Pods.of after the workload's selector is complete`,
      ];
    },
  });
  return taken;
}
