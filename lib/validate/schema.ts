/**
 * The shape of a `networking.k8s.io/v1` NetworkPolicy as the API server decodes it: which fields
 * exist and what type each has. The API server rejects a wrong type while decoding, and with
 * strict field validation (kubectl's default) it rejects unknown fields; a typo such as
 * `podSelecter` would otherwise be dropped silently and widen the policy.
 */
import { FieldPath } from '../io/manifests';
import { finding, ValidationFinding } from './finding';
import { closestName } from './suggest';
import { isRecord } from '../core/values';

/** A node of the structural schema. */
export type FieldSchema =
  | { readonly kind: 'string' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'int32' }
  | { readonly kind: 'int64' }
  | { readonly kind: 'int-or-string' }
  | { readonly kind: 'any' }
  | { readonly kind: 'map'; readonly values: FieldSchema }
  | { readonly kind: 'list'; readonly items: FieldSchema }
  | { readonly kind: 'object'; readonly name: string; readonly fields: Readonly<Record<string, FieldSchema>> };

const string: FieldSchema = { kind: 'string' };
const boolean: FieldSchema = { kind: 'boolean' };
const int32: FieldSchema = { kind: 'int32' };
const int64: FieldSchema = { kind: 'int64' };
const list = (items: FieldSchema): FieldSchema => ({ kind: 'list', items });
const object = (name: string, fields: Record<string, FieldSchema>): FieldSchema => ({ kind: 'object', name, fields });

const LABEL_SELECTOR = object('LabelSelector', {
  matchLabels: { kind: 'map', values: string },
  matchExpressions: list(object('LabelSelectorRequirement', { key: string, operator: string, values: list(string) })),
});

const PEER = object('NetworkPolicyPeer', {
  podSelector: LABEL_SELECTOR,
  namespaceSelector: LABEL_SELECTOR,
  ipBlock: object('IPBlock', { cidr: string, except: list(string) }),
});

const PORT = object('NetworkPolicyPort', { protocol: string, port: { kind: 'int-or-string' }, endPort: int32 });

/** `metav1.ObjectMeta` as the API server decodes it, for every kind netfence validates. */
export const OBJECT_META_SCHEMA: FieldSchema = object('ObjectMeta', {
  name: string,
  generateName: string,
  namespace: string,
  selfLink: string,
  uid: string,
  resourceVersion: string,
  generation: int64,
  creationTimestamp: string,
  deletionTimestamp: string,
  deletionGracePeriodSeconds: int64,
  labels: { kind: 'map', values: string },
  annotations: { kind: 'map', values: string },
  ownerReferences: list(
    object('OwnerReference', {
      apiVersion: string,
      kind: string,
      name: string,
      uid: string,
      controller: boolean,
      blockOwnerDeletion: boolean,
    }),
  ),
  finalizers: list(string),
  managedFields: list(
    object('ManagedFieldsEntry', {
      manager: string,
      operation: string,
      apiVersion: string,
      time: string,
      fieldsType: string,
      fieldsV1: { kind: 'any' },
      subresource: string,
    }),
  ),
});

/** The whole NetworkPolicy object, as served by networking.k8s.io/v1 today (it has no status). */
export const NETWORK_POLICY_SCHEMA: FieldSchema = object('NetworkPolicy', {
  apiVersion: string,
  kind: string,
  metadata: OBJECT_META_SCHEMA,
  spec: object('NetworkPolicySpec', {
    podSelector: LABEL_SELECTOR,
    ingress: list(object('NetworkPolicyIngressRule', { ports: list(PORT), from: list(PEER) })),
    egress: list(object('NetworkPolicyEgressRule', { ports: list(PORT), to: list(PEER) })),
    policyTypes: list(string),
  }),
});

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;


/** "a NetworkPolicySpec", "an IPBlock": the article for a type name. */
function withArticle(name: string): string {
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

function typeMismatch(path: FieldPath, value: unknown, expected: string, hint?: string): ValidationFinding {
  return finding(path, `wrong type`, value, hint ? `must be ${expected}; ${hint}` : `must be ${expected}`);
}

/** The text the user wrote for the unquoted scalar at a path, when the reader knows it. */
export type WrittenText = (path: FieldPath) => string | undefined;

/**
 * Why a YAML scalar that is not a string probably is one: unquoted `true`, `1.0`, `0755`... The
 * hint quotes what the user wrote (`0755`), not the value YAML made of it (493).
 */
function quoteHint(value: unknown, written: string | undefined): string | undefined {
  if (typeof value === 'boolean' || typeof value === 'number') {
    const text = written ?? String(value);
    const as = text === String(value) ? `a ${typeof value}` : `the ${typeof value} ${String(value)}`;
    return `YAML reads unquoted ${text} as ${as}: quote it (${JSON.stringify(text)})`;
  }
  return undefined;
}

/**
 * Appends one finding per wrong type and per unknown field under `value`, in the order of the
 * object's own keys. `null` is accepted everywhere, as the API server's decoder treats it as unset.
 */
export function checkStructure(value: unknown, schema: FieldSchema, path: FieldPath, out: ValidationFinding[], written?: WrittenText): void {
  check(value, schema, [...path], out, written);
}

/**
 * `checkStructure` on one path array, extended and restored around each field: every object and
 * policy is checked at synthesis and on input, and a new array per field was most of what the
 * check allocated. A finding copies the path it points at.
 */
function check(value: unknown, schema: FieldSchema, path: (string | number)[], out: ValidationFinding[], written: WrittenText | undefined): void {
  if (value === null || value === undefined) return;
  switch (schema.kind) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') out.push(typeMismatch(path, value, 'a string', quoteHint(value, written?.(path))));
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(typeMismatch(path, value, 'true or false'));
      return;
    case 'int32':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
        const hint = typeof value === 'string' && /^[0-9]+$/.test(value) ? `write it unquoted (${value})` : undefined;
        out.push(typeMismatch(path, value, 'a 32-bit integer', hint));
      }
      return;
    case 'int64':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) out.push(typeMismatch(path, value, 'an integer'));
      return;
    case 'int-or-string':
      if (typeof value === 'string') return;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
        out.push(typeMismatch(path, value, 'a port number (an integer) or a port name (a string)'));
      }
      return;
    case 'map':
      if (!isRecord(value)) {
        out.push(typeMismatch(path, value, 'a mapping of strings to strings'));
        return;
      }
      for (const k of Object.keys(value)) {
        path.push(k);
        check(value[k], schema.values, path, out, written);
        path.pop();
      }
      return;
    case 'list':
      if (!Array.isArray(value)) {
        out.push(typeMismatch(path, value, 'a list'));
        return;
      }
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        check(value[i], schema.items, path, out, written);
        path.pop();
      }
      return;
    case 'object': {
      if (!isRecord(value)) {
        out.push(typeMismatch(path, value, `a mapping (${withArticle(schema.name)})`));
        return;
      }
      for (const k of Object.keys(value)) {
        const fieldSchema = Object.prototype.hasOwnProperty.call(schema.fields, k) ? schema.fields[k] : undefined;
        if (fieldSchema === undefined) {
          const known = Object.keys(schema.fields);
          const suggestion = closestName(k, known);
          const fix = suggestion
            ? `did you mean "${suggestion}"? (${withArticle(schema.name)} has ${known.join(', ')})`
            : `${withArticle(schema.name)} has ${known.join(', ')}`;
          out.push({ path: [...path, k], message: `unknown field "${k}"; ${fix}`, value: k });
          continue;
        }
        path.push(k);
        check(value[k], fieldSchema, path, out, written);
        path.pop();
      }
      return;
    }
  }
}
