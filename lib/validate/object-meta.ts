/**
 * The metadata of a NetworkPolicy, as upstream's `ValidateObjectMeta` checks it on create, with
 * one deliberate difference: `namespace` may be omitted in a file (kubectl fills it in from the
 * context), but when present it must be a valid namespace name.
 */
import { byteLength, isValidNamespaceName, isValidNetworkPolicyName } from './dns';
import { finding, ValidationFinding } from './finding';
import { isQualifiedName } from './labels';
import { validateLabels } from './selector';
import { isRecord, listOrEmpty } from '../core/values';
import { appendAll } from '../core/values';

/** Largest total size of annotation keys and values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Checks `metadata.ownerReferences`: each names apiVersion (with a version), kind, name and uid; one controller at most. */
export function validateOwnerReferences(ownerReferences: unknown): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  let controller: string | undefined;
  listOrEmpty(ownerReferences).forEach((ref, i) => {
    if (!isRecord(ref)) return;
    const at = ['metadata', 'ownerReferences', i];
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    const apiVersion = text(ref.apiVersion);
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version === '') out.push(finding([...at, 'apiVersion'], 'owner reference without a version', apiVersion, 'give apiVersion such as apps/v1'));
    for (const field of ['kind', 'name', 'uid'] as const) {
      if (text(ref[field]) === '') out.push(finding([...at, field], `owner reference without ${field}`, undefined, `must not be empty`));
    }
    if (ref.controller === true) {
      const current = `${text(ref.kind)}/${text(ref.name)}`;
      if (controller !== undefined) {
        out.push(finding([...at, 'controller'], 'second controller reference', undefined, `only one reference can have controller set to true; ${controller} already has`));
      } else {
        controller = current;
      }
    }
  });
  return out;
}

/** Checks `metadata`: name (or generateName), namespace, generation, labels, annotations, owners, managed fields, finalizers. */
export function validateObjectMeta(meta: unknown): ValidationFinding[] {
  const path = ['metadata'];
  const out: ValidationFinding[] = [];
  if (!isRecord(meta)) {
    if (meta === undefined || meta === null) {
      out.push(finding(path, 'missing metadata', undefined, 'every object needs metadata.name (a DNS-1123 subdomain such as allow-web)'));
    }
    return out;
  }
  const { name, generateName, namespace } = meta;
  if (typeof generateName === 'string' && generateName !== '') {
    for (const m of isValidNetworkPolicyName(generateName, true)) out.push(finding([...path, 'generateName'], 'invalid generateName', generateName, m));
  }
  if (name === undefined || name === null || name === '') {
    if (!(typeof generateName === 'string' && generateName !== '')) {
      out.push(finding([...path, 'name'], 'missing name', name === '' ? '' : undefined, 'name or generateName is required; use a DNS-1123 subdomain such as allow-web'));
    }
  } else if (typeof name === 'string') {
    for (const m of isValidNetworkPolicyName(name)) out.push(finding([...path, 'name'], 'invalid name', name, m));
  }
  if (typeof namespace === 'string') {
    if (namespace === '') out.push(finding([...path, 'namespace'], 'empty namespace', '', 'omit namespace or give a DNS-1123 label such as dev-team'));
    else for (const m of isValidNamespaceName(namespace)) out.push(finding([...path, 'namespace'], 'invalid namespace', namespace, m));
  }
  if (typeof meta.generation === 'number' && meta.generation < 0) {
    out.push(finding([...path, 'generation'], 'negative generation', meta.generation, 'must be greater than or equal to 0'));
  }
  appendAll(out, validateLabels(meta.labels, [...path, 'labels']));
  if (isRecord(meta.annotations)) {
    let total = 0;
    for (const [k, v] of Object.entries(meta.annotations)) {
      total += byteLength(k) + (typeof v === 'string' ? byteLength(v) : 0);
      // Annotation keys follow label key rules, except that case does not matter.
      for (const m of isQualifiedName(k.toLowerCase())) out.push(finding([...path, 'annotations', k], 'invalid annotation key', k, m));
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      out.push(finding([...path, 'annotations'], `annotations too large (${total} bytes)`, undefined, `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes in total`));
    }
  }
  appendAll(out, validateOwnerReferences(meta.ownerReferences));
  listOrEmpty(meta.managedFields).forEach((m, i) => {
    if (!isRecord(m)) return;
    const at = [...path, 'managedFields', i];
    if (m.operation !== 'Apply' && m.operation !== 'Update') {
      out.push(finding([...at, 'operation'], 'invalid managedFields operation', m.operation ?? undefined, 'must be `Apply` or `Update`'));
    }
    if (typeof m.fieldsType === 'string' && m.fieldsType !== '' && m.fieldsType !== 'FieldsV1') {
      out.push(finding([...at, 'fieldsType'], 'invalid fieldsType', m.fieldsType, 'must be `FieldsV1`'));
    }
  });
  listOrEmpty(meta.finalizers).forEach((f, i) => {
    if (typeof f === 'string') for (const m of isQualifiedName(f)) out.push(finding([...path, 'finalizers', i], 'invalid finalizer', f, m));
  });
  return out;
}
