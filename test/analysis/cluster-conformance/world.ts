/**
 * The state of the conformance world as a test's steps change it, and that state as manifests:
 * Namespaces, Nodes (labels, status.addresses), Pods (labels, container ports, spec.hostNetwork,
 * spec.nodeName, status.podIP) and the policies, as `kubectl get -o yaml` would print them. The
 * engine reads these manifests through the one reader of inputs, as every face does.
 */
import { ClusterNetworkPolicyManifest } from '../../../lib/core/cluster-manifest';
import { NetworkPolicyManifest } from '../../../lib/core/manifest';
import { ClusterConformanceTest, NAMESPACES, NODES, NS_LABEL, PODS, Step } from './model';

type Mutable = { spec: { priority: number; ingress?: unknown[]; egress?: unknown[] } } & ClusterNetworkPolicyManifest;

/** A pod's IPv6 address in a dual-stack world: `fd00:244:<h>::<10+i>` from its IPv4 10.244.h.(10+i); a host-network pod's node's. */
export function ipv6Of(p: (typeof PODS)[number]): string {
  if (p.hostNetwork) return NODES.find((n) => n.name === p.nodeName)!.addresses.find((a) => a.includes(':'))!;
  const [, , h, i] = p.ip.split('.');
  return `fd00:244:${h}::${i}`;
}

/** The world of one test, from its manifests through its mutations. */
export class ConformanceWorld {
  /** Cluster policies by name, as they stand. */
  public readonly policies: Map<string, Mutable>;
  private readonly namespaces: Map<string, Record<string, string>>;
  private readonly networkPolicies: Map<string, NetworkPolicyManifest>;

  private readonly legacy: readonly Record<string, unknown>[];
  private readonly dualStack: boolean;

  /**
   * The world with a test's policies; `legacyPolicies` (AdminNetworkPolicy,
   * BaselineAdminNetworkPolicy) are applied too and never mutated; `dualStack` gives every pod an
   * IPv6 address besides its IPv4 one (`fd00:244:<house>::<10+i>`; host-network pods their node's).
   */
  public constructor(
    test: Pick<ClusterConformanceTest, 'clusterNetworkPolicies' | 'networkPolicies'> & { readonly legacyPolicies?: readonly Record<string, unknown>[]; readonly dualStack?: boolean },
  ) {
    this.legacy = test.legacyPolicies ?? [];
    this.dualStack = test.dualStack ?? false;
    this.policies = new Map(test.clusterNetworkPolicies.map((p) => [p.metadata.name, JSON.parse(JSON.stringify(p)) as Mutable]));
    this.namespaces = new Map(NAMESPACES.map((n) => [n.name, { ...n.labels }]));
    this.networkPolicies = new Map(test.networkPolicies.map((np) => [`${np.metadata.namespace}/${np.metadata.name}`, np]));
  }

  /** Applies a mutation (a probe changes nothing); returns the cluster policy it changed, if any. */
  public apply(step: Step): Mutable | undefined {
    switch (step.op) {
      case 'Probe':
        return undefined;
      case 'SetNamespaceLabels':
        if (!this.namespaces.has(step.namespace)) throw new Error(`no namespace ${step.namespace}`);
        // The API server adds the name label back.
        this.namespaces.set(step.namespace, { ...step.labels, [NS_LABEL]: step.namespace });
        return undefined;
      case 'DeleteNetworkPolicy':
        if (!this.networkPolicies.delete(`${step.namespace}/${step.name}`)) throw new Error(`no NetworkPolicy ${step.namespace}/${step.name}`);
        return undefined;
      default:
        return this.mutate(step);
    }
  }

  private mutate(step: Extract<Step, { policy: string }>): Mutable {
    const p = this.policies.get(step.policy);
    if (p === undefined) throw new Error(`${step.op}: no policy ${step.policy}`);
    if (step.op === 'SetPriority') {
      p.spec.priority = step.priority;
      return p;
    }
    const rules = p.spec[step.direction];
    if (rules === undefined) throw new Error(`${step.op}: ${step.policy} has no ${step.direction} rules`);
    const inRange = (i: number, max = rules.length - 1): void => {
      if (!Number.isInteger(i) || i < 0 || i > max) throw new Error(`${step.op}: index ${i} out of range for ${step.policy} ${step.direction}`);
    };
    switch (step.op) {
      case 'SwapRules':
        inRange(step.a);
        inRange(step.b);
        if (step.a === step.b) throw new Error('SwapRules of a rule with itself');
        [rules[step.a], rules[step.b]] = [rules[step.b], rules[step.a]];
        break;
      case 'InsertRule':
        inRange(step.index, rules.length);
        rules.splice(step.index, 0, JSON.parse(JSON.stringify(step.rule)));
        break;
      case 'SetRuleAction':
        inRange(step.index);
        (rules[step.index] as { action: string }).action = step.action;
        break;
      case 'SetRuleProtocols':
        inRange(step.index);
        (rules[step.index] as { protocols: unknown }).protocols = JSON.parse(JSON.stringify(step.protocols));
        break;
    }
    return p;
  }

  /** The NetworkPolicies as they stand. */
  public get currentNetworkPolicies(): readonly NetworkPolicyManifest[] {
    return [...this.networkPolicies.values()];
  }

  /** Every object of the world as it stands, as a cluster dump holds it. */
  public manifests(): Record<string, unknown>[] {
    const namespaces = [...this.namespaces].map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
    const nodes = NODES.map((n) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: n.name, labels: n.labels },
      status: { addresses: [...n.addresses.map((address) => ({ type: 'InternalIP', address })), { type: 'Hostname', address: n.name }] },
    }));
    const pods = PODS.map((p) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: {
        nodeName: p.nodeName,
        ...(p.hostNetwork ? { hostNetwork: true } : {}),
        containers: [{ name: 'server', image: 'agnhost', ports: p.ports.map((c) => ({ name: c.name, containerPort: c.containerPort, protocol: c.protocol })) }],
      },
      status: { podIP: p.ip, podIPs: [{ ip: p.ip }, ...(this.dualStack ? [{ ip: ipv6Of(p) }] : [])] },
    }));
    return [...namespaces, ...nodes, ...pods, ...this.policies.values(), ...this.legacy, ...this.networkPolicies.values()] as unknown as Record<string, unknown>[];
  }
}
