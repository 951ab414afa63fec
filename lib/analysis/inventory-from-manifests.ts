/**
 * Builds an Inventory from Kubernetes manifests: Namespaces, Pods, NetworkPolicies, and the pod
 * templates of workloads (each as one representative pod named after its workload). Other kinds
 * are ignored, so a whole `kubectl get -o yaml` dump or a cdk8s output folder can be read as is.
 */
import { NetfenceError, SourceLocation } from '../core/errors';
import { isProtocolName, ProtocolName } from '../core/manifest';
import { FieldPath, LoadedManifest } from '../io/manifests';
import { assembleInventory, ContainerPort, Inventory, makePod, PodRecord } from './inventory';
import { Labels } from '../core/label-selector';
import { normalizePolicy } from './normalize-policy';
import { Policy } from './policy-model';
import { isRecord } from '../core/values';
import { checkArgument, isManifestList } from '../core/arguments';

/** The namespace the API server puts namespaced objects in when the manifest names none. */
export const DEFAULT_NAMESPACE = 'default';

/** Where each workload kind keeps its pod template. */
const TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The workload kinds whose pod template becomes a representative pod. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);


function at(obj: unknown, path: FieldPath): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (!isRecord(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k as string];
  }
  return cur;
}

function labelsAt(obj: unknown, path: FieldPath, locate: (p: FieldPath) => SourceLocation | undefined): Labels {
  const v = at(obj, path);
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) throw new NetfenceError('labels must be a map of strings', { location: locate(path) });
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    // YAML turns `version: 1` into a number; the API server would reject it, we read it as text.
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
    else throw new NetfenceError('label values must be strings', { location: locate([...path, k]) });
  }
  return out;
}

function containerPorts(podSpec: unknown, specPath: FieldPath, locate: (p: FieldPath) => SourceLocation | undefined): ContainerPort[] {
  const out: ContainerPort[] = [];
  const containers = at(podSpec, ['containers']);
  if (!Array.isArray(containers)) return out;
  containers.forEach((c, ci) => {
    const ports = at(c, ['ports']);
    if (!Array.isArray(ports)) return;
    ports.forEach((p, pi) => {
      const path = [...specPath, 'containers', ci, 'ports', pi];
      if (!isRecord(p)) return;
      const num = typeof p.containerPort === 'string' && /^[0-9]+$/.test(p.containerPort) ? Number(p.containerPort) : p.containerPort;
      if (typeof num !== 'number' || !Number.isInteger(num) || num < 1 || num > 65535) {
        throw new NetfenceError('containerPort must be a number 1-65535', { location: locate([...path, 'containerPort']) });
      }
      const protocol = p.protocol === undefined || p.protocol === null ? 'TCP' : p.protocol;
      if (!isProtocolName(protocol)) {
        throw new NetfenceError('protocol must be TCP, UDP or SCTP', { location: locate([...path, 'protocol']) });
      }
      const port: { name?: string; port: number; protocol: ProtocolName } = { port: num, protocol: protocol as ProtocolName };
      if (typeof p.name === 'string' && p.name !== '') port.name = p.name;
      out.push(port);
    });
  });
  return out;
}

function podIps(status: unknown): string[] {
  const ips: string[] = [];
  const list = at(status, ['podIPs']);
  if (Array.isArray(list)) {
    for (const e of list) {
      const ip = at(e, ['ip']);
      if (typeof ip === 'string' && ip !== '' && !ips.includes(ip)) ips.push(ip);
    }
  }
  const single = at(status, ['podIP']);
  if (typeof single === 'string' && single !== '' && !ips.includes(single)) ips.unshift(single);
  return ips;
}

/** One manifest with an optional way back to its lines; objects built in memory have none. */
interface Located {
  readonly object: Record<string, unknown>;
  readonly locate: (p: FieldPath) => SourceLocation | undefined;
}

function read(items: readonly Located[]): Inventory {
  const namespaces: { name: string; labels: Labels }[] = [];
  const pods: PodRecord[] = [];
  const policies: Policy[] = [];
  const podIds = new Set<string>();
  const addPod = (ns: string, name: string, kind: string, build: (finalName: string) => PodRecord): void => {
    let finalName = name;
    // A Pod and a workload (or two workloads of different kinds) may share a name; keep both.
    if (podIds.has(`${ns}/${finalName}`)) finalName = `${name}(${kind})`;
    for (let i = 2; podIds.has(`${ns}/${finalName}`); i++) finalName = `${name}(${kind}-${i})`;
    podIds.add(`${ns}/${finalName}`);
    pods.push(build(finalName));
  };
  for (const { object: obj, locate } of items) {
    const kind = obj.kind;
    const apiVersion = obj.apiVersion;
    if (typeof kind !== 'string') continue;
    const meta = isRecord(obj.metadata) ? obj.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : undefined;
    const nsText = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
    if (kind === 'NetworkPolicy' && typeof apiVersion === 'string' && apiVersion.startsWith('networking.k8s.io/')) {
      if (!nsText) {
        throw new NetfenceError(
          `NetworkPolicy ${name ?? '<unnamed>'} has no metadata.namespace; set it explicitly (the engine will not guess where kubectl would put it)`,
          { location: locate(['metadata']), field: 'metadata.namespace' },
        );
      }
      policies.push(normalizePolicy(obj, nsText, locate));
      continue;
    }
    if (kind === 'Namespace' && apiVersion === 'v1') {
      if (!name) throw new NetfenceError('a Namespace needs metadata.name', { location: locate(['metadata']) });
      namespaces.push({ name, labels: labelsAt(obj, ['metadata', 'labels'], locate) });
      continue;
    }
    const ns = nsText ?? DEFAULT_NAMESPACE;
    if (kind === 'Pod' && apiVersion === 'v1') {
      if (!name) throw new NetfenceError('a Pod needs metadata.name', { location: locate(['metadata']) });
      addPod(ns, name, kind, (finalName) =>
        makePod(ns, finalName, {
          labels: labelsAt(obj, ['metadata', 'labels'], locate),
          ports: containerPorts(obj.spec, ['spec'], locate),
          ips: podIps(obj.status),
          kind,
          source: () => locate([]),
        }),
      );
      continue;
    }
    const templatePath = TEMPLATE_PATHS[kind];
    if (templatePath && name) {
      const template = at(obj, templatePath);
      if (!isRecord(template)) continue;
      addPod(ns, name, kind, (finalName) =>
        makePod(ns, finalName, {
          labels: labelsAt(obj, [...templatePath, 'metadata', 'labels'], locate),
          ports: containerPorts(template.spec, [...templatePath, 'spec'], locate),
          kind,
          source: () => locate([]),
        }),
      );
    }
  }
  return assembleInventory(namespaces, pods, policies);
}

/** Builds an inventory from manifests read by `loadManifests`; errors name file and line. */
export function inventoryFromManifests(manifests: readonly LoadedManifest[]): Inventory {
  checkArgument(isManifestList(manifests), 'inventoryFromManifests', 'manifests', 'a list of loaded manifests (from loadManifests or parseManifests)', manifests);
  return read(manifests.map((m) => ({ object: m.object, locate: (p: FieldPath) => m.locate(p) })));
}

/**
 * Builds an inventory from plain manifest objects (e.g. synthesized from a cdk8s App in memory).
 * `describe` may name each object for error messages (a construct path, say).
 */
export function inventoryFromObjects(
  objects: readonly Record<string, unknown>[],
  describe?: (object: Record<string, unknown>, index: number) => SourceLocation | undefined,
): Inventory {
  return read(
    objects.map((object, i) => {
      const loc = describe?.(object, i);
      return { object, locate: () => loc };
    }),
  );
}
