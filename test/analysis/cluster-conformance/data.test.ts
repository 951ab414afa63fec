/**
 * The translated upstream ClusterNetworkPolicy conformance suite is well-formed: every policy,
 * in every state the tests put it in, passes the API server's checks (and netfence's) and reads
 * into the engine's model; every step refers to what exists; every probe targets a port the
 * server really listens on. upstream.test.ts checks the expectations with the engine.
 */
import { readClusterPolicy } from '../../../lib/analysis/read-cluster-policy';
import { ClusterNetworkPolicyManifest } from '../../../lib/core/cluster-manifest';
import { formatFinding, validateClusterNetworkPolicy, validateNetworkPolicy } from '../../../lib/validate';
import { ClusterConformanceTest, HOST_NETWORK_PORTS, NAMESPACES, NODES, NS_LABEL, PODS, Step } from './model';
import { ConformanceWorld } from './world';
import { UPSTREAM_CLUSTER_CASES } from './upstream-cases';

/** What the agnhost servers of the base manifests listen on (container commands, not only declared ports). */
const HOUSE_SERVERS = ['TCP/80', 'TCP/8080', 'UDP/53', 'UDP/5353', 'SCTP/9003', 'SCTP/9005'];
const CENTAUR_SERVERS = [`TCP/${HOST_NETWORK_PORTS[0]}`, `TCP/${HOST_NETWORK_PORTS[1]}`, `UDP/${HOST_NETWORK_PORTS[2]}`, `UDP/${HOST_NETWORK_PORTS[4]}`, `SCTP/${HOST_NETWORK_PORTS[6]}`, `SCTP/${HOST_NETWORK_PORTS[7]}`];

function channelOf(t: ClusterConformanceTest): 'standard' | 'experimental' {
  return t.features.includes('ClusterNetworkPolicyEgressNodePeers') ? 'experimental' : 'standard';
}

function checkPolicy(t: ClusterConformanceTest, p: ClusterNetworkPolicyManifest, when: string): void {
  const findings = validateClusterNetworkPolicy(p, { channel: channelOf(t) }).map(formatFinding);
  if (findings.length > 0) throw new Error(`${t.shortName} ${p.metadata.name} ${when}: ${findings.join('; ')}`);
  expect(() => readClusterPolicy(p as unknown as Record<string, unknown>)).not.toThrow();
}

describe('the upstream ClusterNetworkPolicy conformance suite, as data', () => {
  test('counts: 24 tests, 92 subtests, 301 probes', () => {
    const subtests = UPSTREAM_CLUSTER_CASES.flatMap((t) => t.subtests);
    expect(UPSTREAM_CLUSTER_CASES).toHaveLength(24);
    expect(subtests).toHaveLength(92);
    expect(subtests.flatMap((s) => s.steps).filter((s) => s.op === 'Probe')).toHaveLength(301);
    expect(new Set(UPSTREAM_CLUSTER_CASES.map((t) => t.shortName)).size).toBe(24);
  });

  test('the base world: five namespaces, ten pods, two nodes, each host-network pod on a node address', () => {
    expect(NAMESPACES).toHaveLength(5);
    for (const n of NAMESPACES) expect(n.labels[NS_LABEL]).toBe(n.name);
    expect(PODS).toHaveLength(10);
    expect(new Set(PODS.map((p) => p.ip)).size).toBe(10);
    for (const p of PODS.filter((x) => x.hostNetwork)) {
      expect(NODES.find((n) => n.name === p.nodeName)?.addresses).toContain(p.ip);
    }
    for (const p of PODS.filter((x) => !x.hostNetwork)) expect(NODES.some((n) => n.addresses.includes(p.ip))).toBe(false);
  });

  describe.each(UPSTREAM_CLUSTER_CASES.map((t) => [t.shortName, t] as const))('%s', (_name, t) => {
    test('every policy passes the API server\'s checks and reads into the model, before and after every mutation', () => {
      const world = new ConformanceWorld(t);
      expect(world.policies.size).toBe(t.clusterNetworkPolicies.length);
      for (const p of world.policies.values()) checkPolicy(t, p, 'as applied');
      for (const np of t.networkPolicies) expect(validateNetworkPolicy(np).map(formatFinding)).toEqual([]);
      t.subtests.forEach((s, i) => {
        s.steps.forEach((step, j) => {
          const changed = world.apply(step);
          if (changed !== undefined) checkPolicy(t, changed, `after step ${j} of subtest ${i} (${step.op})`);
        });
      });
    });

    test('every probe goes from a pod to a port its server listens on, and every subtest probes', () => {
      const ids = new Map(PODS.map((p) => [`${p.namespace}/${p.name}`, p]));
      for (const s of t.subtests) {
        const probes = s.steps.filter((x): x is Extract<Step, { op: 'Probe' }> => x.op === 'Probe');
        expect(probes.length).toBeGreaterThan(0);
        for (const p of probes) {
          const client = ids.get(p.from);
          const server = ids.get(p.to);
          expect(client).toBeDefined();
          expect(server).toBeDefined();
          expect(client!.hostNetwork).toBe(false);
          expect((server!.hostNetwork ? CENTAUR_SERVERS : HOUSE_SERVERS).includes(`${p.protocol}/${p.port}`)).toBe(true);
        }
      }
    });

    test('its features match what it uses', () => {
      const usesNodes = t.clusterNetworkPolicies.some((p) => (p.spec.egress ?? []).some((r) => r.to.some((peer) => peer.nodes !== undefined)));
      const namesPorts = t.subtests.some((s) => s.steps.some((x) => x.op === 'SetRuleProtocols' && x.protocols.some((p) => p.destinationNamedPort !== undefined)));
      expect(t.features.includes('ClusterNetworkPolicyEgressNodePeers')).toBe(usesNodes);
      expect(t.features.includes('ClusterNetworkPolicyNamedPorts')).toBe(namesPorts);
      expect(t.features[0]).toBe('ClusterNetworkPolicy');
    });
  });
});
