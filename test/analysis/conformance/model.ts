/**
 * The upstream e2e network policy model (kubernetes/kubernetes test/e2e/network/netpol/model.go,
 * reachability.go, policies.go helpers), mirrored so the translated cases read like the Go
 * originals: namespaces x, y, z labelled `ns=<name>` (plus the automatic
 * `kubernetes.io/metadata.name`), pods labelled `pod=<name>` with one container port
 * `serve-<port>-<proto>` per port and protocol of the test, and Reachability helpers that build
 * the expected truth table (default true, then ExpectPeer / ExpectAllIngress / ...).
 */
import {
  LabelSelectorManifest,
  NetworkPolicyEgressRuleManifest,
  NetworkPolicyIngressRuleManifest,
  NetworkPolicySpecManifest,
  PolicyTypeName,
  ProtocolName,
} from '../../../lib/core/manifest';

/** `kubernetes.io/metadata.name`, as upstream's namespaceLabelKey / v1.LabelMetadataName. */
export const NS_LABEL = 'kubernetes.io/metadata.name';

/** A policy before it is created in a namespace: name and spec. */
export interface PolicyDraft {
  readonly name: string;
  readonly spec: NetworkPolicySpecManifest;
}

/** Upstream's Peer: empty fields match everything. */
export interface PeerMatcher {
  readonly namespace?: string;
  readonly pod?: string;
}

/** One Reachability call. */
export type Expectation =
  | { readonly op: 'ExpectPeer'; readonly from: PeerMatcher; readonly to: PeerMatcher; readonly connected: boolean }
  | { readonly op: 'ExpectAllIngress'; readonly pod: string; readonly connected: boolean }
  | { readonly op: 'ExpectAllEgress'; readonly pod: string; readonly connected: boolean }
  | { readonly op: 'Expect'; readonly from: string; readonly to: string; readonly connected: boolean };

/** One step of a test, in the order the Go test performs them. */
export type Step =
  | { readonly op: 'CreatePolicy' | 'UpdatePolicy'; readonly namespace: string; readonly policy: PolicyDraft }
  | { readonly op: 'CleanNetworkPolicies' }
  | { readonly op: 'AddNamespaceLabel'; readonly namespace: string; readonly key: string; readonly value: string }
  | { readonly op: 'AddPodLabels'; readonly pod: string; readonly labels: Readonly<Record<string, string>> }
  | {
      readonly op: 'ValidateOrFail';
      readonly port: number;
      readonly protocol: ProtocolName;
      readonly reachability: readonly Expectation[];
      /** Calls the older, nine-pod version of the test adds for pods the per-test topology leaves out. */
      readonly fullModelExtra?: readonly Expectation[];
    };

/** One translated `f.It(...)`. */
export interface ConformanceCase {
  /** The It() description, verbatim. */
  readonly name: string;
  /** The Describe/Context it lives in. */
  readonly context: string;
  readonly protocols: readonly ProtocolName[];
  readonly ports: readonly number[];
  /** initializeResources' pod topology, e.g. ["x/a", "x/b", "y/a"]. */
  readonly pods: readonly string[];
  readonly steps: readonly Step[];
  /** What could not be modelled as in the cluster, and how it was modelled instead. */
  readonly note?: string;
  /** Give every pod an IPv6 address (podIpv6) besides its IPv4 one. */
  readonly dualStack?: boolean;
}

// ---- policy builders mirroring GenNetworkPolicyWithNameAndPodSelector / SetSpec*Rules ----

type Setter = (spec: MutableSpec) => void;
interface MutableSpec {
  podSelector: LabelSelectorManifest;
  policyTypes?: PolicyTypeName[];
  ingress?: NetworkPolicyIngressRuleManifest[];
  egress?: NetworkPolicyEgressRuleManifest[];
}

/** GenNetworkPolicyWithNameAndPodSelector(name, selector, setters...). */
export function genPolicy(name: string, podSelector: LabelSelectorManifest, ...setters: Setter[]): PolicyDraft {
  const spec: MutableSpec = { podSelector };
  for (const s of setters) s(spec);
  return { name, spec };
}

/** GenNetworkPolicyWithNameAndPodMatchLabel(name, labels, setters...). */
export function genPolicyMatchLabels(name: string, labels: Record<string, string>, ...setters: Setter[]): PolicyDraft {
  return genPolicy(name, { matchLabels: labels }, ...setters);
}

/** SetSpecIngressRules(rules...): on first use sets `ingress: []` and appends Ingress to policyTypes. */
export function ingressRules(...rules: NetworkPolicyIngressRuleManifest[]): Setter {
  return (spec) => {
    if (spec.ingress === undefined) {
      spec.ingress = [];
      spec.policyTypes = [...(spec.policyTypes ?? []), 'Ingress'];
    }
    spec.ingress.push(...rules);
  };
}

/** SetSpecEgressRules(rules...): on first use sets `egress: []` and appends Egress to policyTypes. */
export function egressRules(...rules: NetworkPolicyEgressRuleManifest[]): Setter {
  return (spec) => {
    if (spec.egress === undefined) {
      spec.egress = [];
      spec.policyTypes = [...(spec.policyTypes ?? []), 'Egress'];
    }
    spec.egress.push(...rules);
  };
}

/** `policy.Spec.PolicyTypes = [...]` after generation. */
export function policyTypes(...types: PolicyTypeName[]): Setter {
  return (spec) => {
    spec.policyTypes = types;
  };
}

// ---- steps ----

/** CreatePolicy(ctx, k8s, policy, ns). */
export function create(namespace: string, policy: PolicyDraft): Step {
  return { op: 'CreatePolicy', namespace, policy };
}

/** UpdatePolicy(ctx, k8s, policy, ns): replaces the policy of the same name. */
export function update(namespace: string, policy: PolicyDraft): Step {
  return { op: 'UpdatePolicy', namespace, policy };
}

/** A ValidateOrFail with the extra calls of the older nine-pod version of the same test. */
export function withFullModelExtra(step: Step, ...extra: Expectation[]): Step {
  if (step.op !== 'ValidateOrFail') throw new Error('only ValidateOrFail steps have expectations');
  return { ...step, fullModelExtra: extra };
}

/** ValidateOrFail(k8s, &TestCase{ToPort, Protocol, Reachability}). */
export function validate(port: number, protocol: ProtocolName, ...reachability: Expectation[]): Step {
  return { op: 'ValidateOrFail', port, protocol, reachability };
}

/** reachability.ExpectPeer(&Peer{...}, &Peer{...}, connected). */
export function expectPeer(from: PeerMatcher, to: PeerMatcher, connected: boolean): Expectation {
  return { op: 'ExpectPeer', from, to, connected };
}

/** reachability.ExpectAllIngress(NewPodString(ns, pod), connected). */
export function expectAllIngress(pod: string, connected: boolean): Expectation {
  return { op: 'ExpectAllIngress', pod, connected };
}

/** reachability.ExpectAllEgress(NewPodString(ns, pod), connected). */
export function expectAllEgress(pod: string, connected: boolean): Expectation {
  return { op: 'ExpectAllEgress', pod, connected };
}

/** reachability.Expect(from, to, connected). */
export function expectPair(from: string, to: string, connected: boolean): Expectation {
  return { op: 'Expect', from, to, connected };
}

// ---- pod IPs (the CIDR tests read the server's status.podIP) ----

const NS_INDEX: Readonly<Record<string, number>> = { x: 1, y: 2, z: 3 };
const POD_INDEX: Readonly<Record<string, number>> = { a: 1, b: 2, c: 3 };

/** The IPv4 address the model gives a pod: x/a = 10.0.1.1, y/b = 10.0.2.2, ... */
export function podIp(pod: string): string {
  const [ns, name] = pod.split('/');
  return `10.0.${NS_INDEX[ns]}.${POD_INDEX[name]}`;
}

/** The IPv6 address the model gives a pod in dual-stack cases: x/a = fd00::1:1, ... */
export function podIpv6(pod: string): string {
  const [ns, name] = pod.split('/');
  return `fd00::${NS_INDEX[ns]}:${POD_INDEX[name]}`;
}

/** makeLargeCIDRForIP: the /4 that contains the IP (IPv4), as upstream builds it. */
export function makeLargeCIDRForIP(ip: string): string {
  if (ip.includes(':')) {
    // /4 of an IPv6 address keeps its first hex digit.
    const first = parseInt(ip.split(':')[0].padStart(4, '0')[0], 16);
    return `${(first << 12).toString(16)}::/4`;
  }
  const first = Number(ip.split('.')[0]);
  return `${first & 0xf0}.0.0.0/4`;
}

// ---- the truth table ----

/** Reachability: a default-true truth table over the test's pods, edited by Expectations. */
export class Reachability {
  private readonly table = new Map<string, boolean>();

  public constructor(public readonly pods: readonly string[], defaultExpectation: boolean) {
    for (const f of pods) for (const t of pods) this.table.set(`${f}>${t}`, defaultExpectation);
  }

  /** Applies one upstream Reachability call. */
  public apply(e: Expectation): void {
    const matches = (m: PeerMatcher, pod: string): boolean => {
      const [ns, name] = pod.split('/');
      return (m.namespace === undefined || m.namespace === ns) && (m.pod === undefined || m.pod === name);
    };
    switch (e.op) {
      case 'Expect':
        this.set(e.from, e.to, e.connected);
        break;
      case 'ExpectAllIngress':
        for (const f of this.pods) this.set(f, e.pod, e.connected);
        break;
      case 'ExpectAllEgress':
        for (const t of this.pods) this.set(e.pod, t, e.connected);
        break;
      case 'ExpectPeer':
        for (const f of this.pods) if (matches(e.from, f)) for (const t of this.pods) if (matches(e.to, t)) this.set(f, t, e.connected);
        break;
    }
  }

  /** The expected value for a pair. */
  public get(from: string, to: string): boolean {
    const v = this.table.get(`${from}>${to}`);
    if (v === undefined) throw new Error(`pair ${from} -> ${to} is not in the model`);
    return v;
  }

  private set(from: string, to: string, connected: boolean): void {
    // Like TruthTable.Set, only pods of the model exist; upstream would fail on others.
    if (!this.table.has(`${from}>${to}`)) throw new Error(`pair ${from} -> ${to} is not in the model`);
    this.table.set(`${from}>${to}`, connected);
  }
}
