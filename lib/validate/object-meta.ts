/**
 * The metadata of a NetworkPolicy, as upstream's `ValidateObjectMeta` checks it on create, with
 * one deliberate difference: `namespace` may be omitted in a file (kubectl fills it in from the
 * context), but when present it must be a valid namespace name.
 */
import { byteLength, isValidNamespaceName, isValidNetworkPolicyName } from './dns';
import { finding, ValidationFinding } from './finding';
import { isQualifiedName } from './labels';
import { validateLabels } from './selector';
import { isRecord, listOrEmpty } from './values';

/** Largest total size of annotation keys and values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Checks `metadata`: name (or generateName), namespace, generation, labels, annotations, finalizers. */
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
  out.push(...validateLabels(meta.labels, [...path, 'labels']));
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
  listOrEmpty(meta.finalizers).forEach((f, i) => {
    if (typeof f === 'string') for (const m of isQualifiedName(f)) out.push(finding([...path, 'finalizers', i], 'invalid finalizer', f, m));
  });
  return out;
}
