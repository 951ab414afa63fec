/**
 * The structural schemas of the cluster-scoped policy CRDs, written out as code from
 * kubernetes-sigs/network-policy-api: `config/crd/{standard,experimental}` of bundle v0.2.0
 * (ClusterNetworkPolicy, policy.networking.k8s.io/v1alpha2) and of bundle v0.1.7
 * (AdminNetworkPolicy and BaselineAdminNetworkPolicy, v1alpha1). The experimental channel adds
 * egress `nodes` and `domainNames` peers (and, for v1alpha1, `namedPort`). Tests compare these
 * against the published CRD files; nothing reads a CRD at run time.
 */
import { CrdArray, CrdInteger, CrdObject, CrdSchema, CrdString } from './crd-schema';

/** Which CRD bundle a cluster runs: `standard`, or `experimental` with the extra fields. */
export type CrdChannel = 'standard' | 'experimental';

const string: CrdString = { type: 'string' };
const int32 = (minimum?: number, maximum?: number): CrdInteger => ({ type: 'integer', format: 'int32', minimum, maximum });
const list = (items: CrdSchema, bounds: { minItems?: number; maxItems?: number; listType?: 'set' | 'atomic' } = {}): CrdArray => ({ type: 'array', items, ...bounds });
const object = (name: string, properties: Record<string, CrdSchema>, extra: Omit<CrdObject, 'type' | 'name' | 'properties'> = {}): CrdObject => ({
  type: 'object',
  name,
  properties,
  ...extra,
});
const oneOf = (name: string, properties: Record<string, CrdSchema>): CrdObject => object(name, properties, { minProperties: 1, maxProperties: 1 });

/** `metav1.LabelSelector` as CRDs carry it: types only; operators and values are not checked by the schema. */
export const CRD_LABEL_SELECTOR: CrdObject = object('LabelSelector', {
  matchLabels: { type: 'map', values: string },
  matchExpressions: list(object('LabelSelectorRequirement', { key: string, operator: string, values: list(string) }, { required: ['key', 'operator'] })),
});

/** The `CIDR` type of both API versions: at most 43 characters, and `isCIDR(self)` (checked in code). */
export const CRD_CIDR: CrdString = { type: 'string', maxLength: 43 };

/** The `DomainName` pattern, as upstream writes it (`A-z` included, as in the CRD). */
export const DOMAIN_NAME_PATTERN = /^(\*\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

const DOMAIN_NAME: CrdString = {
  type: 'string',
  pattern: {
    regex: DOMAIN_NAME_PATTERN,
    valid: 'must be a domain name such as api.example.com, or *.example.com for every name below it (at least two labels; * only as the whole first label)',
  },
};

const CONDITION = object(
  'Condition',
  {
    lastTransitionTime: string,
    message: { type: 'string', maxLength: 32768 },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    reason: { type: 'string', maxLength: 1024, pattern: { regex: /^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/, valid: 'must be a CamelCase reason' } },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    type: {
      type: 'string',
      maxLength: 316,
      pattern: {
        regex: new RegExp(String.raw`^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$`),
        valid: 'must be a condition type in CamelCase or in foo.example.com/CamelCase',
      },
    },
  },
  { required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'] },
);

/** `status`, which the API server drops on create (only its unknown fields are reported). */
export const CRD_POLICY_STATUS: CrdObject = object('Status', { conditions: list(CONDITION) }, { required: ['conditions'] });

// ---- ClusterNetworkPolicy, v1alpha2 ----

function namespacedPod(requireNamespaceSelector: boolean): CrdObject {
  return object(
    'NamespacedPod',
    { namespaceSelector: CRD_LABEL_SELECTOR, podSelector: CRD_LABEL_SELECTOR },
    { required: requireNamespaceSelector ? ['namespaceSelector', 'podSelector'] : ['podSelector'] },
  );
}

const CNP_PORT = oneOf('Port', {
  number: int32(1, 65535),
  range: object('PortRange', { start: int32(1, 65535), end: int32(1, 65535) }, { required: ['end', 'start'] }),
});

const cnpProtocolMatch = (name: string): CrdObject =>
  object(
    name,
    { destinationPort: CNP_PORT },
    {
      minProperties: 1,
      emptyHint: 'give destinationPort: a number, or a range (start: 1, end: 65535 for every port); ClusterNetworkPolicy has no "every port of the protocol" entry',
    },
  );

const CNP_PROTOCOL = oneOf('ClusterNetworkPolicyProtocol', {
  tcp: cnpProtocolMatch('ClusterNetworkPolicyProtocolTCP'),
  udp: cnpProtocolMatch('ClusterNetworkPolicyProtocolUDP'),
  sctp: cnpProtocolMatch('ClusterNetworkPolicyProtocolSCTP'),
  destinationNamedPort: string,
});

const CNP_ACTION: CrdString = { type: 'string', enum: ['Accept', 'Deny', 'Pass'] };
const RULE_NAME: CrdString = { type: 'string', maxLength: 100 };

function cnpSchema(channel: CrdChannel): CrdObject {
  const ingressPeer = oneOf('ClusterNetworkPolicyIngressPeer', { namespaces: CRD_LABEL_SELECTOR, pods: namespacedPod(false) });
  const egressPeer: CrdObject = {
    ...oneOf('ClusterNetworkPolicyEgressPeer', {
      namespaces: CRD_LABEL_SELECTOR,
      pods: namespacedPod(false),
      networks: list(CRD_CIDR, { minItems: 1, maxItems: 25, listType: 'set' }),
      ...(channel === 'experimental'
        ? { nodes: CRD_LABEL_SELECTOR, domainNames: list(DOMAIN_NAME, { minItems: 1, maxItems: 25, listType: 'set' }) }
        : {}),
    }),
    ...(channel === 'standard' ? { experimentalFields: ['nodes', 'domainNames'] } : {}),
  };
  const protocols = list(CNP_PROTOCOL, { minItems: 1, maxItems: 25 });
  return object(
    'ClusterNetworkPolicy',
    {
      apiVersion: string,
      kind: string,
      metadata: { type: 'any' },
      spec: object(
        'ClusterNetworkPolicySpec',
        {
          tier: { type: 'string', enum: ['Admin', 'Baseline'] },
          priority: int32(0, 1000),
          subject: oneOf('ClusterNetworkPolicySubject', { namespaces: CRD_LABEL_SELECTOR, pods: namespacedPod(false) }),
          ingress: list(
            object(
              'ClusterNetworkPolicyIngressRule',
              { name: RULE_NAME, action: CNP_ACTION, from: list(ingressPeer, { minItems: 1, maxItems: 25 }), protocols },
              { required: ['action', 'from'] },
            ),
            { maxItems: 25 },
          ),
          egress: list(
            object(
              'ClusterNetworkPolicyEgressRule',
              { name: RULE_NAME, action: CNP_ACTION, to: list(egressPeer, { minItems: 1, maxItems: 25 }), protocols },
              { required: ['action', 'to'] },
            ),
            { maxItems: 25 },
          ),
        },
        { required: ['priority', 'subject', 'tier'] },
      ),
      status: CRD_POLICY_STATUS,
    },
    { required: ['metadata', 'spec'] },
  );
}

/** ClusterNetworkPolicy (v1alpha2) as each channel's CRD defines it. */
export const CLUSTER_NETWORK_POLICY_CRD: Readonly<Record<CrdChannel, CrdObject>> = {
  standard: cnpSchema('standard'),
  experimental: cnpSchema('experimental'),
};

// ---- AdminNetworkPolicy and BaselineAdminNetworkPolicy, v1alpha1 ----

/** `protocol` of v1alpha1 ports: any string, defaulted to TCP (the CRD has no enum). */
const V1ALPHA1_PROTOCOL: CrdString = { type: 'string', default: 'TCP' };

function v1alpha1Ports(channel: CrdChannel): CrdArray {
  const port: CrdObject = {
    ...oneOf('AdminNetworkPolicyPort', {
      portNumber: object('Port', { protocol: V1ALPHA1_PROTOCOL, port: int32(1, 65535) }, { required: ['port', 'protocol'] }),
      ...(channel === 'experimental' ? { namedPort: string } : {}),
      portRange: object('PortRange', { protocol: V1ALPHA1_PROTOCOL, start: int32(1, 65535), end: int32(1, 65535) }, { required: ['end', 'start'] }),
    }),
    ...(channel === 'standard' ? { experimentalFields: ['namedPort'] } : {}),
  };
  return list(port, { minItems: 1, maxItems: 100 });
}

function v1alpha1Schema(kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy', channel: CrdChannel): CrdObject {
  const admin = kind === 'AdminNetworkPolicy';
  const prefix = admin ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
  const action: CrdString = { type: 'string', enum: admin ? ['Allow', 'Deny', 'Pass'] : ['Allow', 'Deny'] };
  const ingressPeer = oneOf('AdminNetworkPolicyIngressPeer', { namespaces: CRD_LABEL_SELECTOR, pods: namespacedPod(true) });
  const egressPeer: CrdObject = {
    ...oneOf(`${prefix}EgressPeer`, {
      namespaces: CRD_LABEL_SELECTOR,
      pods: namespacedPod(true),
      networks: list(CRD_CIDR, { minItems: 1, maxItems: 25, listType: 'set' }),
      ...(channel === 'experimental' ? { nodes: CRD_LABEL_SELECTOR } : {}),
      ...(channel === 'experimental' && admin ? { domainNames: list(DOMAIN_NAME, { minItems: 1, maxItems: 25, listType: 'set' }) } : {}),
    }),
    ...(channel === 'standard' ? { experimentalFields: admin ? ['nodes', 'domainNames'] : ['nodes'] } : {}),
  };
  const ports = v1alpha1Ports(channel);
  return object(
    kind,
    {
      apiVersion: string,
      kind: string,
      metadata: { type: 'any' },
      spec: object(
        `${prefix}Spec`,
        {
          ...(admin ? { priority: int32(0, 1000) } : {}),
          subject: oneOf('AdminNetworkPolicySubject', { namespaces: CRD_LABEL_SELECTOR, pods: namespacedPod(true) }),
          ingress: list(
            object(`${prefix}IngressRule`, { name: RULE_NAME, action, from: list(ingressPeer, { minItems: 1, maxItems: 100 }), ports }, { required: ['action', 'from'] }),
            { maxItems: 100 },
          ),
          egress: list(
            object(`${prefix}EgressRule`, { name: RULE_NAME, action, to: list(egressPeer, { minItems: 1, maxItems: 100 }), ports }, { required: ['action', 'to'] }),
            { maxItems: 100 },
          ),
        },
        { required: admin ? ['priority', 'subject'] : ['subject'] },
      ),
      status: CRD_POLICY_STATUS,
    },
    { required: ['metadata', 'spec'] },
  );
}

/** AdminNetworkPolicy (v1alpha1) as each channel's CRD defines it. */
export const ADMIN_NETWORK_POLICY_CRD: Readonly<Record<CrdChannel, CrdObject>> = {
  standard: v1alpha1Schema('AdminNetworkPolicy', 'standard'),
  experimental: v1alpha1Schema('AdminNetworkPolicy', 'experimental'),
};

/** BaselineAdminNetworkPolicy (v1alpha1) as each channel's CRD defines it. */
export const BASELINE_ADMIN_NETWORK_POLICY_CRD: Readonly<Record<CrdChannel, CrdObject>> = {
  standard: v1alpha1Schema('BaselineAdminNetworkPolicy', 'standard'),
  experimental: v1alpha1Schema('BaselineAdminNetworkPolicy', 'experimental'),
};
