/**
 * fast-check generators of cluster-scoped policies for the engine's laws and the face-agreement
 * law: ClusterNetworkPolicy of both tiers at a few priorities (so policies of one priority meet
 * often), every action (so Pass chains cross tiers), subjects by namespace or pod labels, peers of
 * every kind (namespaces, pods; egress also networks, nodes and domain names) and protocols of
 * every kind (numbers, ranges, named ports of each protocol); now and then a legacy
 * AdminNetworkPolicy or BaselineAdminNetworkPolicy. Every object is one the API server stores.
 */
import fc from 'fast-check';

/** A label selector as the generators write it. */
export interface GenSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; readonly values?: readonly string[] }[];
}

/** What the world the policies go into offers: label values, namespace labels, CIDRs, ports. */
export interface ClusterVocabulary {
  /** Pod selectors. */
  readonly pods: fc.Arbitrary<GenSelector>;
  /** Namespace selectors. */
  readonly namespaces: fc.Arbitrary<GenSelector>;
  /** `networks` entries. */
  readonly networks: readonly string[];
  /** Node selectors. */
  readonly nodes: fc.Arbitrary<GenSelector>;
  /** Port numbers rules name (ranges run from one of them to another or to 65535). */
  readonly ports: readonly number[];
  /** Container port names rules name. */
  readonly portNames: readonly string[];
  /** The priorities to draw from (few, so policies of one priority meet). */
  readonly priorities: readonly number[];
}

const ACTIONS = ['Accept', 'Deny', 'Pass'] as const;

function protocolArb(v: ClusterVocabulary, named: boolean): fc.Arbitrary<Record<string, unknown>> {
  const numbers = fc.constantFrom(...v.ports);
  const destinationPort = fc.oneof(
    numbers.map((number) => ({ number })),
    fc.tuple(numbers, fc.constantFrom(...v.ports, 65535)).filter(([a, b]) => a < b).map(([start, end]) => ({ range: { start, end } })),
  );
  const byProtocol = fc.tuple(fc.constantFrom('tcp', 'udp', 'sctp'), destinationPort).map(([p, d]) => ({ [p]: { destinationPort: d } }));
  return named ? fc.oneof(byProtocol, fc.constantFrom(...v.portNames).map((destinationNamedPort) => ({ destinationNamedPort }))) : byProtocol;
}

function podPeerArb(v: ClusterVocabulary): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    v.namespaces.map((namespaces) => ({ namespaces })),
    fc.record({ namespaceSelector: v.namespaces, podSelector: v.pods }, { requiredKeys: ['podSelector'] }).map((pods) => ({ pods })),
  );
}

function egressPeerArb(v: ClusterVocabulary): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    { arbitrary: podPeerArb(v), weight: 3 },
    { arbitrary: fc.subarray([...v.networks], { minLength: 1, maxLength: 2 }).map((networks) => ({ networks })), weight: 2 },
    { arbitrary: v.nodes.map((nodes) => ({ nodes })), weight: 1 },
    { arbitrary: fc.constantFrom(['*.example.com'], ['api.example.com', '*.cluster.local']).map((domainNames) => ({ domainNames })), weight: 1 },
  );
}

function ruleArb(v: ClusterVocabulary, direction: 'ingress' | 'egress'): fc.Arbitrary<Record<string, unknown>> {
  const peers = direction === 'ingress' ? fc.array(podPeerArb(v), { minLength: 1, maxLength: 2 }) : fc.array(egressPeerArb(v), { minLength: 1, maxLength: 2 });
  return fc
    .record({ name: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }), action: fc.constantFrom(...ACTIONS), peers, protocols: fc.option(fc.constant(true), { nil: undefined }) })
    .chain((r) => {
      // A named port cannot go with networks, nodes or domain names peers (the CRD's CEL rule).
      const named = r.peers.every((p) => p.namespaces !== undefined || p.pods !== undefined);
      const protocols = r.protocols ? fc.array(protocolArb(v, named), { minLength: 1, maxLength: 2 }) : fc.constant(undefined);
      return protocols.map((ps) => ({
        ...(r.name !== undefined ? { name: r.name } : {}),
        action: r.action,
        [direction === 'ingress' ? 'from' : 'to']: r.peers,
        ...(ps !== undefined ? { protocols: ps } : {}),
      }));
    });
}

/** A ClusterNetworkPolicy named `name`. */
export function clusterPolicyArb(v: ClusterVocabulary, name: string): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      tier: fc.constantFrom('Admin', 'Admin', 'Baseline'),
      priority: fc.constantFrom(...v.priorities),
      subject: fc.oneof(v.namespaces.map((namespaces) => ({ namespaces })), fc.record({ namespaceSelector: v.namespaces, podSelector: v.pods }, { requiredKeys: ['podSelector'] }).map((pods) => ({ pods }))),
      ingress: fc.option(fc.array(ruleArb(v, 'ingress'), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      egress: fc.option(fc.array(ruleArb(v, 'egress'), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    })
    .map((s) => ({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name },
      spec: { tier: s.tier, priority: s.priority, subject: s.subject, ...(s.ingress ? { ingress: s.ingress } : {}), ...(s.egress ? { egress: s.egress } : {}) },
    }));
}

/** The same policy as a legacy AdminNetworkPolicy (Admin tier) or BaselineAdminNetworkPolicy `default` (Baseline). */
export function asLegacy(p: Record<string, unknown>): Record<string, unknown> {
  const spec = p.spec as { tier: string; priority: number; subject: Record<string, unknown>; ingress?: Record<string, unknown>[]; egress?: Record<string, unknown>[] };
  const baseline = spec.tier === 'Baseline';
  const rule = (r: Record<string, unknown>, peerField: string): Record<string, unknown> | undefined => {
    // v1alpha1 peers: namespaces, pods (both selectors), networks, nodes; Baseline has no Pass.
    if (baseline && r.action === 'Pass') return undefined;
    const peers = (r[peerField] as Record<string, unknown>[])
      .filter((x) => x.domainNames === undefined)
      .map((x) => (x.pods !== undefined ? { pods: { namespaceSelector: {}, ...(x.pods as object) } } : x));
    if (peers.length === 0) return undefined;
    const ports = ((r.protocols as Record<string, { destinationPort: { number?: number; range?: { start: number; end: number } } }>[] | undefined) ?? []).map((x) => {
      if (x.destinationNamedPort !== undefined) return { namedPort: x.destinationNamedPort };
      const [protocol, match] = Object.entries(x)[0];
      const d = match.destinationPort;
      return d.number !== undefined ? { portNumber: { protocol: protocol.toUpperCase(), port: d.number } } : { portRange: { protocol: protocol.toUpperCase(), start: d.range!.start, end: d.range!.end } };
    });
    return { ...(r.name !== undefined ? { name: r.name } : {}), action: r.action === 'Accept' ? 'Allow' : r.action, [peerField]: peers, ...(ports.length > 0 ? { ports } : {}) };
  };
  const rules = (list: Record<string, unknown>[] | undefined, peerField: string): Record<string, unknown>[] | undefined => {
    const out = (list ?? []).map((r) => rule(r, peerField)).filter((r): r is Record<string, unknown> => r !== undefined);
    return out.length > 0 ? out : undefined;
  };
  const subject = spec.subject.pods !== undefined ? { pods: { namespaceSelector: {}, ...(spec.subject.pods as object) } } : spec.subject;
  const ingress = rules(spec.ingress, 'from');
  const egress = rules(spec.egress, 'to');
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: baseline ? 'BaselineAdminNetworkPolicy' : 'AdminNetworkPolicy',
    metadata: { name: baseline ? 'default' : (p.metadata as { name: string }).name },
    spec: { ...(baseline ? {} : { priority: spec.priority }), subject, ...(ingress ? { ingress } : {}), ...(egress ? { egress } : {}) },
  };
}

/**
 * Up to `max` cluster-scoped policies: ClusterNetworkPolicies, now and then one as a legacy
 * AdminNetworkPolicy, and at most one BaselineAdminNetworkPolicy (a singleton).
 */
export function clusterPoliciesArb(v: ClusterVocabulary, max: number): fc.Arbitrary<Record<string, unknown>[]> {
  return fc
    .array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: max })
    .chain((picks) => fc.tuple(...picks.map(([, legacy], i) => clusterPolicyArb(v, `c${i}`).map((p) => (legacy && picks[i][0] % 4 === 0 ? asLegacy(p) : p)))))
    .map((ps) => {
      let baseline = false;
      return ps.filter((p) => {
        if (p.kind !== 'BaselineAdminNetworkPolicy') return true;
        if (baseline) return false;
        baseline = true;
        return true;
      });
    });
}

/** The policy without nodes and domainNames peers (which comparePolicySets and import refuse): rules left without peers go. */
export function provableOnly(p: Record<string, unknown>): Record<string, unknown> {
  const spec = p.spec as Record<string, unknown>;
  const clean = (list: unknown, field: string): Record<string, unknown>[] | undefined => {
    const rules = ((list as Record<string, unknown>[] | undefined) ?? [])
      .map((r) => ({ ...r, [field]: (r[field] as Record<string, unknown>[]).filter((x) => x.nodes === undefined && x.domainNames === undefined) }))
      .filter((r) => (r[field] as Record<string, unknown>[]).length > 0);
    return rules.length > 0 ? rules : undefined;
  };
  const ingress = clean(spec.ingress, 'from');
  const egress = clean(spec.egress, 'to');
  const { ingress: _i, egress: _e, ...rest } = spec;
  return { ...p, spec: { ...rest, ...(ingress ? { ingress } : {}), ...(egress ? { egress } : {}) } };
}
