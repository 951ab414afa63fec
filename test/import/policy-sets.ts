/**
 * Every set of policies the tests hold, for the import round trip: each state of each upstream
 * e2e case (test/analysis/conformance) and of netfence's own cases, the YAML fixtures, what the
 * examples synthesize, and each manifest of the upstream ClusterNetworkPolicy suite.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { NetworkPolicyManifest } from '../../lib/core/manifest';
import { LoadedManifest, loadManifests } from '../../lib/io/manifests';
import { objectSources, SourcedObject } from '../../lib/analysis';
import { renderAppDocuments } from '../../lib/synth';
import { ConformanceCase } from '../analysis/conformance/model';
import { UPSTREAM_CASES } from '../analysis/conformance/upstream-cases';
import { OWN_CASES } from '../analysis/conformance/own-cases';
import { UPSTREAM_CLUSTER_CASES } from '../analysis/cluster-conformance/upstream-cases';

/** One set of policies, with where it comes from. */
export interface PolicySet {
  readonly name: string;
  readonly manifests: readonly SourcedObject[];
}

/** The distinct policy states of a conformance case (after each step that validates). */
function caseStates(c: ConformanceCase, prefix: string): PolicySet[] {
  const policies = new Map<string, NetworkPolicyManifest>();
  const out: PolicySet[] = [];
  const seen = new Set<string>();
  c.steps.forEach((step, i) => {
    if (step.op === 'CreatePolicy' || step.op === 'UpdatePolicy') {
      policies.set(`${step.namespace}/${step.policy.name}`, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: step.policy.name, namespace: step.namespace },
        spec: step.policy.spec,
      });
    } else if (step.op === 'CleanNetworkPolicies') {
      policies.clear();
    } else if (step.op === 'ValidateOrFail' && policies.size > 0) {
      const objects = [...policies.values()].map((m) => JSON.parse(JSON.stringify(m)) as Record<string, unknown>);
      const key = JSON.stringify(objects);
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ name: `${prefix}: ${c.name} (step ${i})`, manifests: objectSources(objects, (_, k) => ({ file: `${c.name}`, line: k + 1 })) });
    }
  });
  return out;
}

/** The upstream e2e suite's policy states. */
export function upstreamSets(): PolicySet[] {
  return UPSTREAM_CASES.flatMap((c) => caseStates(c, 'upstream'));
}

/** netfence's own conformance cases' policy states. */
export function ownCaseSets(): PolicySet[] {
  return OWN_CASES.flatMap((c) => caseStates(c, 'own'));
}

const ROOT = path.join(__dirname, '..', '..');

/** The YAML fixtures that hold NetworkPolicies the API server accepts. */
export function fixtureSets(): PolicySet[] {
  const files = ['test/analysis/fixtures/shop', 'test/lint/fixtures/clean.yaml', 'test/lint/fixtures/warnings.yaml', 'test/validate/fixtures/valid.yaml', 'test/validate/fixtures/mixed.yaml'];
  return files
    .filter((f) => fs.existsSync(path.join(ROOT, f)))
    .map((f) => ({ name: f, manifests: loadManifests([path.join(ROOT, f)]).map((m: LoadedManifest) => relative(m)) }))
    .filter((s) => s.manifests.some((m) => m.object.kind === 'NetworkPolicy'));
}

function relative(m: LoadedManifest): SourcedObject {
  const fix = <T extends { file?: string }>(l: T | undefined): T | undefined => (l?.file ? { ...l, file: path.relative(ROOT, l.file) } : l);
  return { object: m.object, locate: (p) => fix(m.locate(p)) };
}

/** What the examples synthesize (netfence's own output, intents' sides and all, cluster-scoped policies included). */
export function exampleSets(): PolicySet[] {
  return exampleOutput();
}

/** True when a set holds a cluster rule peer the import refuses (`nodes`, `domainNames`). */
export function hasUnprovablePeers(s: PolicySet): boolean {
  const rules = s.manifests.flatMap((m) => {
    const spec = (m.object.spec ?? {}) as { ingress?: unknown[]; egress?: unknown[] };
    return /NetworkPolicy$/.test(String(m.object.kind)) && m.object.kind !== 'NetworkPolicy' ? [...(spec.ingress ?? []), ...(spec.egress ?? [])] : [];
  }) as { to?: Record<string, unknown>[] }[];
  return rules.some((r) => (r.to ?? []).some((x) => x.nodes !== undefined || x.domainNames !== undefined));
}

/** Everything the examples synthesize. */
export function exampleOutput(): PolicySet[] {
  const main = path.join(ROOT, 'examples', 'main.ts');
  if (!fs.existsSync(main)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const buildApp = (require(main) as { buildApp: () => App }).buildApp;
  const docs = renderAppDocuments(buildApp()) as Record<string, unknown>[];
  return [{ name: 'examples/main.ts', manifests: objectSources(docs, (_o, i) => ({ file: 'examples', line: i + 1 })) }];
}

/**
 * The upstream ClusterNetworkPolicy conformance suite's policies, one set per test manifest:
 * its ClusterNetworkPolicies and the NetworkPolicies beside them.
 */
export function clusterSuiteSets(): PolicySet[] {
  const seen = new Set<string>();
  return UPSTREAM_CLUSTER_CASES.filter((t) => {
    if (seen.has(t.manifest)) return false;
    seen.add(t.manifest);
    return true;
  }).map((t) => ({
    name: `upstream cluster suite: ${t.manifest}`,
    manifests: objectSources(
      [...t.clusterNetworkPolicies, ...t.networkPolicies].map((m) => JSON.parse(JSON.stringify(m)) as Record<string, unknown>),
      (_, i) => ({ file: t.manifest, line: i + 1 }),
    ),
  }));
}
