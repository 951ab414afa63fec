import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { normalizePolicy } from '../analysis/normalize-policy';
import { NamespacedPolicy } from '../analysis/policy-model';
import { NETWORK_POLICY_KIND } from '../core/manifest';
import { appendAll, isRecord } from '../core/values';
import { hasJsonPatches } from './api-object-internals';
import { formatFinding, validateNetworkPolicy } from '../validate';
import type { NetworkPolicy } from './network-policy';

/** True for an object of kind NetworkPolicy under an API version of Kubernetes' own (not Calico's, say). */
export function isKubernetesNetworkPolicy(obj: ApiObject): boolean {
  return obj.kind === NETWORK_POLICY_KIND && (obj.apiGroup === 'networking.k8s.io' || obj.apiVersion === 'extensions/v1beta1');
}

/** One NetworkPolicy of the app, whoever wrote it: where it is written. */
export interface AppPolicy {
  /** The construct that writes it. */
  readonly object: ApiObject;
  /** Its namespace, when it has one. */
  readonly namespace?: string;
  /** Its name, when it has one. */
  readonly name?: string;
}

/** A NetworkPolicy netfence did not write, as it serialized when last read. */
export interface ForeignPolicy {
  readonly object: ApiObject;
  /** Its JSON text, or the message it failed to serialize with. */
  readonly text: string;
}

/** What reading the app's NetworkPolicies gave: the policies, and the problems of those netfence did not write. */
export interface AppPolicies {
  readonly policies: AppPolicy[];
  /** `[construct path] field: message`, for NetworkPolicies written as raw ApiObjects, cdk8s-plus, Include, ... */
  readonly errors: string[];
  /** The NetworkPolicies netfence did not write, as read. */
  readonly foreign: ForeignPolicy[];
}

/** How `readAppPolicies` reads. */
export interface ReadOptions {
  /** Takes each valid policy's engine reading, as it is read. */
  readonly read?: (policy: NamespacedPolicy) => void;
  /** Which policies `read` takes. @default every one */
  readonly reads?: (object: ApiObject) => boolean;
}

function serialized(obj: ApiObject): { manifest?: Record<string, unknown>; text: string; error?: string } {
  try {
    const manifest = obj.toJson() as Record<string, unknown>;
    return { manifest, text: JSON.stringify(manifest) };
  } catch (e) {
    const error = (e as Error).message;
    return { text: `!${error}`, error };
  }
}

/**
 * The namespace a Kubernetes NetworkPolicy of the app is written in, as `readAppPolicies` reads
 * it (netfence's own: its namespace, or its patched object's; any other: its serialized
 * object's), or undefined when it has none or cannot be serialized.
 */
export function writtenNamespaceOf(obj: ApiObject, own: ReadonlySet<NetworkPolicy>): string | undefined {
  let manifest: Record<string, unknown> | undefined;
  if (own.has(obj as NetworkPolicy)) {
    const policy = obj as NetworkPolicy;
    if (!hasJsonPatches(policy)) return policy.policyNamespace;
    try {
      manifest = policy._isolationObject();
    } catch {
      return undefined;
    }
  } else {
    manifest = serialized(obj).manifest;
  }
  return manifest === undefined ? undefined : metadataText(manifest, 'namespace');
}

/** A manifest's `metadata.namespace` or `metadata.name`, when it is a non-empty string. */
function metadataText(manifest: Record<string, unknown>, field: 'namespace' | 'name'): string | undefined {
  const value = isRecord(manifest.metadata) ? manifest.metadata[field] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An object as it serializes now, to tell later whether it changed in place. */
export function snapshotOf(object: ApiObject): ForeignPolicy {
  return { object, text: serialized(object).text };
}

/**
 * True when an object netfence did not write serializes differently than when read: its
 * props, a Lazy in it or its metadata changed in place, where nothing else would tell.
 */
export function foreignPoliciesChanged(foreign: readonly ForeignPolicy[]): boolean {
  return foreign.some((f) => serialized(f.object).text !== f.text);
}

/**
 * Reads every Kubernetes NetworkPolicy among `constructs` as it will be written. Those netfence
 * wrote (`own`) check themselves; any other is checked here the way `netfence validate` checks a
 * file, and must have a namespace (nothing could tell which pods it isolates otherwise). Given
 * `read`, each valid one is also read by `normalizePolicy`, with the API server's defaults
 * (netfence's own from the fields that decide isolation), and handed over at once: an app holds
 * tens of thousands of policies, and their readings are needed only for a moment.
 */
export function readAppPolicies(constructs: readonly IConstruct[], own: ReadonlySet<NetworkPolicy>, options: ReadOptions = {}): AppPolicies {
  const { read, reads } = options;
  const policies: AppPolicy[] = [];
  const errors: string[] = [];
  const foreign: ForeignPolicy[] = [];
  for (const c of constructs) {
    if (!ApiObject.isApiObject(c) || !isKubernetesNetworkPolicy(c)) continue;
    const mine = own.has(c as NetworkPolicy);
    const where = `[${c.node.path}]`;
    const engineReading = read !== undefined && (reads === undefined || reads(c));
    if (mine && !engineReading) {
      // Namespace and name are all the checks after the first need of netfence's own.
      const p = c as NetworkPolicy;
      policies.push({ object: c, namespace: p.policyNamespace, name: p.name });
      continue;
    }
    let manifest: Record<string, unknown>;
    if (mine) {
      try {
        manifest = (c as NetworkPolicy)._isolationObject();
      } catch {
        // netfence's own policy reports this in its own validation.
        continue;
      }
    } else {
      const json = serialized(c);
      foreign.push({ object: c, text: json.text });
      if (json.manifest === undefined) {
        errors.push(`${where} cannot serialize the object: ${json.error}`);
        continue;
      }
      manifest = json.manifest;
    }
    const namespace = metadataText(manifest, 'namespace');
    const name = metadataText(manifest, 'name');
    let valid = true;
    if (!mine) {
      const findings = validateNetworkPolicy(manifest);
      appendAll(errors, findings.map((f) => `${where} ${formatFinding(f)}`));
      if (namespace === undefined) {
        errors.push(
          `${where} metadata.namespace: no namespace; a NetworkPolicy without one lands wherever the applying tool defaults to, so nothing can tell which pods it isolates; set metadata.namespace or the chart's namespace`,
        );
      }
      valid = findings.length === 0;
    }
    if (engineReading && valid && namespace !== undefined) {
      let policy: NamespacedPolicy | undefined;
      try {
        policy = normalizePolicy(manifest, namespace);
      } catch (e) {
        if (!mine) errors.push(`${where} ${(e as Error).message}`);
      }
      if (policy !== undefined) read!(policy);
    }
    policies.push({ object: c, namespace, name });
  }
  return { policies, errors, foreign };
}

/**
 * Two NetworkPolicies with the same namespace and name: the cluster would keep only one. Each
 * is reported with the first that took the name, when `reports` (default: always) says so.
 */
export function duplicatePolicyNames(policies: readonly AppPolicy[], reports?: (first: AppPolicy, second: AppPolicy) => boolean): string[] {
  const seen = new Map<string, AppPolicy>();
  const errors: string[] = [];
  for (const p of policies) {
    if (p.name === undefined) continue;
    const key = `${p.namespace ?? ''}/${p.name}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, p);
    } else if (reports === undefined || reports(first, p)) {
      errors.push(
        `metadata.name: NetworkPolicy ${key} is written twice, by ${first.object.node.path} and ${p.object.node.path}; give one of them another \`name\``,
      );
    }
  }
  return errors;
}
