/**
 * The Kubernetes kinds netfence reads from manifests, with the apiVersion each is served as and,
 * for workloads, where the pod template sits. Validation (what to check) and analysis (what to
 * read) both take them from here, so they cannot disagree about what an object is.
 */
import { CLUSTER_SCOPED_POLICY_KINDS } from './cluster-manifest';

/** The apiVersion of every kind netfence reads. */
export const READ_KINDS: Readonly<Record<string, string>> = Object.freeze({
  ...CLUSTER_SCOPED_POLICY_KINDS,
  NetworkPolicy: 'networking.k8s.io/v1',
  Namespace: 'v1',
  Node: 'v1',
  Pod: 'v1',
  Service: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
});

/** Where each workload kind keeps its pod template; each workload becomes one representative pod. */
export const WORKLOAD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
});

/** The workload kinds whose pod template becomes a representative pod. */
export const WORKLOAD_KINDS: readonly string[] = Object.freeze(Object.keys(WORKLOAD_TEMPLATE_PATHS));

/**
 * Kinds that decide traffic but that netfence does not read (yet): inputs holding them get a
 * warning, since the analysis leaves their rules out.
 */
export const UNREAD_POLICY_KINDS: readonly string[] = Object.freeze([
  'CiliumNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
]);

/** The API group of an apiVersion: `apps` for `apps/v1`, `` for the core `v1`. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * True for groups the Kubernetes API server itself serves (the core group, dotless groups such as
 * `apps`, and `*.k8s.io`); other groups belong to CRDs, whose kinds may share a name with ours
 * (Knative's `Service`, Calico's `NetworkPolicy`).
 */
export function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}
