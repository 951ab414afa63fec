import fc from 'fast-check';
import { ProtocolName } from '../../lib/core/manifest';
import { evaluateFlow } from '../../lib/analysis/verdict';
import { endpointName, Endpoint } from '../../lib/analysis/endpoint';
import { externalEndpoint } from '../../lib/analysis/endpoint';
import { buildDiffWorlds, DiffWorlds } from '../../lib/ci/diff-worlds';
import { ConnectivityDiff, diffConnectivity } from '../../lib/ci/connectivity-diff';
import { addressRegions } from '../../lib/analysis/address-regions';
import { portPartition } from '../../lib/analysis/port-partition';
import { STAND_IN_KIND } from '../../lib/analysis/stand-ins';
import { allowIngress, deployment, DENY_INGRESS, policyArb, RANDOM_PODS, renderPolicies, SHOP_WORKLOADS, yaml } from './helpers';

function diffOf(base: string, head: string, inventory = ''): ConnectivityDiff {
  return diffConnectivity(buildDiffWorlds(yaml(base, 'base.yaml'), yaml(head, 'head.yaml'), yaml(inventory, 'inv.yaml')));
}

const brief = (d: ConnectivityDiff): { added: string[]; removed: string[] } => ({
  added: d.added.map((e) => `${e.from} -> ${e.to} ${e.port}`),
  removed: d.removed.map((e) => `${e.from} -> ${e.to} ${e.port}`),
});

/** Every (pair, port) whose verdict differs, by asking the engine one flow at a time. */
function oracle(worlds: DiffWorlds, ports: readonly { port: number; protocol: ProtocolName }[], externals: readonly string[]): Set<string> {
  const ends: Endpoint[] = [...worlds.base.pods.map((pod): Endpoint => ({ kind: 'pod', pod })), ...externals.map(externalEndpoint)];
  const headPod = new Map(worlds.head.pods.map((p) => [p.id, p]));
  const inHead = (e: Endpoint): Endpoint => (e.kind === 'pod' ? { kind: 'pod', pod: headPod.get(e.pod.id)! } : e);
  const out = new Set<string>();
  for (const a of ends) {
    for (const b of ends) {
      if (a.kind === 'external' && b.kind === 'external') continue;
      for (const p of ports) {
        // Probes (above 65535) are the named ports of stand-ins, asked only of them.
        if (p.port > 65535 && !(b.kind === 'pod' && b.pod.kind === STAND_IN_KIND)) continue;
        const before = evaluateFlow(worlds.base, { from: a, to: b, ...p }).allowed;
        const after = evaluateFlow(worlds.head, { from: inHead(a), to: inHead(b), ...p }).allowed;
        if (before !== after) out.add(`${after ? '+' : '-'} ${endpointName(a)} -> ${endpointName(b)} ${p.port}/${p.protocol}`);
      }
    }
  }
  return out;
}

/** The same set, read off the diff's intervals; a stand-in's named port (`admin/TCP`) at its probe number. */
function covered(diff: ConnectivityDiff, ports: readonly { port: number; protocol: ProtocolName }[], worlds: DiffWorlds): Set<string> {
  const standIns = new Set(worlds.base.pods.filter((p) => p.kind === STAND_IN_KIND).map((pod) => endpointName({ kind: 'pod', pod })));
  const probeOf = new Map(worlds.namedPorts.ports.map((p) => [`${p.name}/${p.protocol}`, p.port]));
  const out = new Set<string>();
  for (const [sign, list] of [['+', diff.added], ['-', diff.removed]] as const) {
    for (const e of list) {
      const m = /^(\d+)(?:-(\d+))?\/(\w+)$/.exec(e.port);
      if (m === null) {
        expect(standIns.has(e.to)).toBe(true);
        const probe = probeOf.get(e.port);
        expect(probe).toBeDefined();
        out.add(`${sign} ${e.from} -> ${e.to} ${probe}/${e.port.split('/')[1]}`);
        continue;
      }
      const lo = Number(m[1]);
      const hi = Number(m[2] ?? m[1]);
      // Every number of a protocol changed alike: so did a stand-in's named ports of it (left unsaid).
      // Unless the entry's reason names the port as an exception.
      const named = standIns.has(e.to) && lo === 1 && hi === 65535 ? worlds.namedPorts.ports.filter((p) => p.protocol === m[3] && !new RegExp(`except on the port a pod names .*\\b${p.name} \\(`).test(e.reason)) : [];
      for (const p of named) out.add(`${sign} ${e.from} -> ${e.to} ${p.port}/${p.protocol}`);
      for (const p of ports) {
        if (p.protocol === m[3] && p.port >= lo && p.port <= hi) out.add(`${sign} ${e.from} -> ${e.to} ${p.port}/${p.protocol}`);
      }
    }
  }
  return out;
}

describe('diffConnectivity', () => {
  const base = SHOP_WORKLOADS + DENY_INGRESS;

  it('adding a rule: the new flow, with the rule that admits it', () => {
    const d = diffOf(base, base + allowIngress('allow-frontend-to-web', 'frontend', 'web', [8080]));
    expect(brief(d)).toEqual({ added: ['shop/frontend -> shop/web 8080/TCP'], removed: [] });
    expect(d.added[0].rules).toEqual(['shop/allow-frontend-to-web ingress[0]']);
    expect(d.added[0].reason).toBe('egress from shop/frontend: not isolated; ingress to shop/web: admitted by shop/allow-frontend-to-web ingress[0]');
  });

  it('removing a rule: the lost flow, with what denies it now and what used to admit it', () => {
    const d = diffOf(base + allowIngress('allow-frontend-to-web', 'frontend', 'web', [8080]), base);
    expect(brief(d)).toEqual({ added: [], removed: ['shop/frontend -> shop/web 8080/TCP'] });
    expect(d.removed[0].reason).toBe('ingress to shop/web: isolated by shop/deny-ingress, no rule admits (was admitted by shop/allow-frontend-to-web ingress[0])');
    expect(d.removed[0].rules).toEqual(['shop/allow-frontend-to-web ingress[0]']);
  });

  it('changing who may connect: one flow added and one removed', () => {
    const d = diffOf(base + allowIngress('to-db', 'frontend', 'db', ['pg']), base + allowIngress('to-db', 'web', 'db', ['pg']));
    expect(brief(d)).toEqual({ added: ['shop/web -> shop/db 5432/TCP'], removed: ['shop/frontend -> shop/db 5432/TCP'] });
    expect(d.groups.map((g) => [g.kind, g.from, g.to, g.changes.map((c) => c.ports.length)])).toEqual([
      ['added', ['shop/web'], ['shop/db'], [1]],
      ['removed', ['shop/frontend'], ['shop/db'], [1]],
    ]);
  });

  it('a change of ports only', () => {
    const d = diffOf(base + allowIngress('fw', 'frontend', 'web', [8080]), base + allowIngress('fw', 'frontend', 'web', [9090]));
    expect(brief(d)).toEqual({ added: ['shop/frontend -> shop/web 9090/TCP'], removed: ['shop/frontend -> shop/web 8080/TCP'] });
  });

  it('opening every port reports whole ranges per protocol, merged', () => {
    const d = diffOf(base + allowIngress('fw', 'frontend', 'web', [8080]), base + allowIngress('fw', 'frontend', 'web', []));
    expect(brief(d).added).toEqual(['shop/frontend -> shop/web 1-8079/TCP', 'shop/frontend -> shop/web 8081-65535/TCP', 'shop/frontend -> shop/web 1-65535/UDP', 'shop/frontend -> shop/web 1-65535/SCTP']);
    expect(d.groups).toHaveLength(1);
    expect(d.groups[0].changes).toHaveLength(1);
  });

  it('a policy moved to another file and renamed: no change at all', () => {
    const policy = allowIngress('fw', 'frontend', 'web', [8080]);
    const worlds = buildDiffWorlds(
      [...yaml(SHOP_WORKLOADS, 'a/workloads.yaml'), ...yaml(DENY_INGRESS + policy, 'a/policies.yaml')],
      [...yaml(SHOP_WORKLOADS, 'b/workloads.yaml'), ...yaml(DENY_INGRESS, 'b/deny.yaml'), ...yaml(policy.replace('name: fw', 'name: frontend-to-web'), 'b/web/ingress.yaml')],
    );
    const d = diffConnectivity(worlds);
    expect(brief(d)).toEqual({ added: [], removed: [] });
    expect(d.groups).toEqual([]);
  });

  it('a label change on a workload in the head counts; a workload only on one side is compared on both', () => {
    const head = SHOP_WORKLOADS.replace('labels: {"app":"frontend"}', 'labels: {"app":"web"}') + DENY_INGRESS + allowIngress('fw', 'frontend', 'web', [8080]);
    const d = diffOf(base + allowIngress('fw', 'frontend', 'web', [8080]) + deployment('shop', 'batch', { app: 'frontend' }), head);
    // The frontend's template now says app=web: it lost its access to web, and batch (base
    // only, still compared in the head) may now reach it as it reaches every app=web pod.
    expect(brief(d).removed).toEqual(['shop/frontend -> shop/web 8080/TCP']);
    expect(brief(d).added).toEqual(['shop/batch -> shop/frontend 8080/TCP']);
  });

  it('--inventory adds endpoints on both sides; its policies are ignored', () => {
    const inv = deployment('shop', 'admin', { app: 'frontend' }) + allowIngress('ignored', 'db', 'web', [1]);
    const d = diffOf(base, base + allowIngress('fw', 'frontend', 'web', [8080]), inv);
    expect(brief(d).added).toEqual(['shop/admin -> shop/web 8080/TCP', 'shop/frontend -> shop/web 8080/TCP']);
    expect(d.groups).toHaveLength(1);
    expect(d.groups[0].from).toEqual(['shop/admin', 'shop/frontend']);
  });

  it('a workload without a pod template on one side is bad input', () => {
    const noTemplate = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {}\n`;
    expect(() => buildDiffWorlds(yaml(deployment('shop', 'web', { app: 'web' })), yaml(noTemplate, 'head.yaml'))).toThrow(/head\.yaml:4:\d+: Deployment\/shop\/web spec\.template: missing pod template; a Deployment needs spec\.template/);
  });

  it('egress to CIDRs: external ends are representative addresses with the range they stand for', () => {
    const egress = (cidr: string, except: string[]): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: ${cidr}, except: ${JSON.stringify(except)}}}]
      ports: [{port: 443}]
---
`;
    const d = diffOf(base + egress('10.0.0.0/8', []), base + egress('10.0.0.0/8', ['10.1.0.0/16']));
    expect(d.added).toEqual([]);
    expect(d.removed.map((e) => [e.from, e.to, e.port, e.toRegion])).toEqual([['shop/web', '10.1.0.1', '443/TCP', '10.1.0.0/16']]);
    expect(d.removed[0].reason).toBe('egress from shop/web: isolated by shop/web-egress, no rule admits (was admitted by shop/web-egress egress[0])');
  });

  it('agrees with the engine asked flow by flow, at every port boundary (property)', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 3 }), fc.array(policyArb, { maxLength: 3 }), (pb, ph) => {
        const worlds = buildDiffWorlds(yaml(RANDOM_PODS + renderPolicies(pb)), yaml(RANDOM_PODS + renderPolicies(ph)));
        const d = diffConnectivity(worlds);
        const intervals = portPartition([worlds.base, worlds.head]);
        // Every interval's ends and their neighbours, plus the ports policies name.
        const sample = new Map<string, { port: number; protocol: ProtocolName }>();
        for (const iv of intervals) {
          for (const port of [iv.from, iv.to, iv.from + 1, iv.to - 1, 53, 80, 81, 8080]) {
            if (port >= 1 && port <= 65535) sample.set(`${port}/${iv.protocol}`, { port, protocol: iv.protocol });
          }
        }
        const ports = [...sample.values(), ...worlds.namedPorts.ports.map((p) => ({ port: p.port, protocol: p.protocol }))];
        const externals = [...addressRegions([worlds.base, worlds.head]).map((r) => r.address)];
        expect(covered(d, ports, worlds)).toEqual(oracle(worlds, ports, externals));
        expect(d.counts.added).toBe(d.added.length);
        expect(d.counts.removed).toBe(d.removed.length);
        expect(d.counts.addedPairs).toBe(new Set(d.added.map((e) => `${e.from} ${e.to}`)).size);
      }),
      { numRuns: 40 },
    );
  });
});
