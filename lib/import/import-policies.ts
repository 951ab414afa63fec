/**
 * `netfence import`: NetworkPolicy and cluster-scoped policy YAML in, netfence TypeScript out,
 * proved to mean the same.
 *
 * 1. The inputs are read as every command reads them (readInputs: validation, duplicates).
 * 2. Each NetworkPolicy is planned as an intent or as the L2 (plan.ts); each ClusterNetworkPolicy,
 *    AdminNetworkPolicy and BaselineAdminNetworkPolicy as the ClusterNetworkPolicy L2
 *    (cluster-plan.ts), or refused with its file and line when the proof cannot cover it.
 * 3. The plan is evaluated into an App, synthesized in memory, and its written YAML read back.
 * 4. For every namespace, the input's policies and the app's are compared on every kind of pod
 *    they can tell apart, per direction (comparePolicySets). A namespace whose intents do not
 *    prove equivalent is planned again with every policy as the L2; if that does not prove
 *    either, the import fails (a bug in netfence) and writes nothing. The cluster-scoped policies
 *    are compared as one set, tier by tier and priority by priority; comparing the two parts on
 *    their own is enough, since each comparison holds next to any other policies.
 * 5. The test file's assertions are the engine's verdicts on the proved app.
 */
import { App, Chart } from 'cdk8s';
import { SourceLocation } from '../core/errors';
import { Labels } from '../core/label-selector';
import { appendAll, isRecord } from '../core/values';
import { parseManifests } from '../io/manifests';
import { ClusterPolicyObject, InputObject, InputWarning, PolicyObject, readInputs, ReadOptions, SourcedObject } from '../analysis/read-inputs';
import { NamespacedPolicy, Policy } from '../analysis/policy-model';
import { synthesizeToMemory } from '../synth/synthesize';
import { ValidationFailedError } from '../synth/validation-failed-error';
import { comparePolicySets, formatPolicySetDifference, PolicySetComparison } from '../ci/policy-equivalence';
import { evaluate } from './code';
import { chartFile, MAIN_FILE, mainFile, TEST_FILE, testFile } from './emit';
import { expectationsFor } from './expectations';
import { APP_SYMBOL, ImportedPolicy, ImportPlan, planImport } from './plan';
import { InputClusterPolicy, refuseClusterInputs } from './cluster-plan';
import { IMPORT_SYMBOLS } from './symbols';

/** Options of `importPolicies`. */
export interface ImportOptions extends ReadOptions {
  /** How the header of each file names the inputs (`policies/`). @default 'NetworkPolicy YAML' */
  readonly sources?: string;
}

/** The proof that the written app means what the inputs meant. */
export interface ImportProof {
  /** Namespaces compared (each on its own: a NetworkPolicy decides only its namespace's pods). */
  readonly namespaces: number;
  /** Kinds of pod told apart, summed over the namespaces' comparisons. */
  readonly podClasses: number;
  /** Witness pods evaluated, summed. */
  readonly witnessPods: number;
  /** The most port intervals and address regions one comparison had. */
  readonly portIntervals: number;
  readonly addressRegions: number;
  /** Cluster tier priorities compared (0 without cluster-scoped policies). */
  readonly clusterGroups: number;
  /** Namespaces whose intents did not prove equivalent and are written with the L2 only. */
  readonly fellBack: readonly string[];
}

/** What an import gives. */
export interface ImportResult {
  /** File name (in the output folder) to text. */
  readonly files: ReadonlyMap<string, string>;
  /** Every input policy and how it is written, in input order. */
  readonly policies: readonly ImportedPolicy[];
  readonly proof: ImportProof;
  /** What reading the inputs had to say. */
  readonly warnings: readonly InputWarning[];
  /** Objects of the inputs that are not policies (left out). */
  readonly otherObjects: number;
  readonly plan: ImportPlan;
}

/** Metadata the API server or kubectl maintain: never carried into code. */
const SERVER_FIELDS = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
const KUBECTL_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

function stringRecord(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: typeof x === 'string' ? x : String(x ?? ''), enumerable: true, writable: true, configurable: true });
  return out;
}

/** An input policy with its metadata, and what of it is not carried over. */
function inputPolicy<P extends Policy>(o: { policy: P; source: SourcedObject }): { policy: P; labels: Labels; annotations: Record<string, string>; dropped: string[]; location?: SourceLocation } {
  const metadata = isRecord(o.source.object.metadata) ? o.source.object.metadata : {};
  const labels: Labels = stringRecord(metadata.labels);
  const annotations: Record<string, string> = stringRecord(metadata.annotations);
  const dropped: string[] = [];
  if (KUBECTL_ANNOTATION in annotations) {
    delete annotations[KUBECTL_ANNOTATION];
    dropped.push(`the annotation ${KUBECTL_ANNOTATION} left out: kubectl apply writes it`);
  }
  const server = SERVER_FIELDS.filter((f) => metadata[f] !== undefined);
  if (server.length > 0) dropped.push(`metadata ${server.join(', ')} left out: the API server sets ${server.length === 1 ? 'it' : 'them'}`);
  const others = Object.keys(metadata).filter((k) => !['name', 'namespace', 'labels', 'annotations', ...SERVER_FIELDS].includes(k));
  if (others.length > 0) dropped.push(`metadata ${others.join(', ')} left out: not a policy's to declare in code`);
  const location: SourceLocation | undefined = o.source.locate([]);
  return { policy: o.policy, labels, annotations, dropped, ...(location ? { location } : {}) };
}

/** Builds the plan's app in memory: what the written main.ts builds. */
export function buildPlannedApp(plan: ImportPlan, app: App = new App()): App {
  for (const c of plan.charts) {
    const chart = new Chart(app, c.id, c.clusterScoped ? {} : { namespace: c.namespace });
    const env = { self: chart, symbols: IMPORT_SYMBOLS };
    for (const f of c.fields) Object.defineProperty(chart, f.name, { value: evaluate(f.code, env), enumerable: true });
    for (const s of c.statements) evaluate(s.code, env);
  }
  const symbols = new Map(IMPORT_SYMBOLS);
  symbols.set(APP_SYMBOL, app);
  for (const s of plan.appStatements) evaluate(s.code, { self: undefined, symbols });
  return app;
}

/** The NetworkPolicies an app writes, read back from its synthesized YAML. */
export function writtenPolicies(app: App): readonly Policy[] {
  const manifests = [...synthesizeToMemory(app)].flatMap(([file, text]) => parseManifests(text, file));
  return readInputs(manifests).inventory.policies;
}

function byNamespace(policies: readonly Policy[]): Map<string, Policy[]> {
  const out = new Map<string, Policy[]>();
  for (const p of policies) {
    const ns = p.namespace ?? '';
    const list = out.get(ns);
    if (list) list.push(p);
    else out.set(ns, [p]);
  }
  return out;
}

/** Compares input and output namespace by namespace; the namespaces that differ, with a difference each. */
function proveByNamespace(inputs: readonly NamespacedPolicy[], outputs: readonly Policy[]): { failed: Map<string, PolicySetComparison>; compared: PolicySetComparison[] } {
  const a = byNamespace(inputs);
  const b = byNamespace(outputs);
  const failed = new Map<string, PolicySetComparison>();
  const compared: PolicySetComparison[] = [];
  for (const ns of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const r = comparePolicySets(a.get(ns) ?? [], b.get(ns) ?? [], { maxDifferences: 3 });
    compared.push(r);
    if (!r.equivalent) failed.set(ns, r);
  }
  return { failed, compared };
}

/** Compares the cluster-scoped policies of input and output as one set (they decide every namespace's pods). */
function proveCluster(inputs: readonly Policy[], outputs: readonly Policy[]): PolicySetComparison | undefined {
  if (inputs.length === 0 && outputs.length === 0) return undefined;
  return comparePolicySets(inputs, outputs, { maxDifferences: 3 });
}

/** Imports the NetworkPolicies and cluster-scoped policies of the manifests; see the file comment. */
export function importPolicies(manifests: readonly SourcedObject[], options: ImportOptions = {}): ImportResult {
  const read = readInputs(manifests, options);
  const policyObjects = read.objects.filter((o): o is InputObject & PolicyObject => o.kind === 'NetworkPolicy');
  const clusterObjects = read.objects.filter((o): o is InputObject & ClusterPolicyObject => o.kind === 'ClusterPolicy');
  const inputs = policyObjects.map(inputPolicy);
  const clusterInputs: InputClusterPolicy[] = clusterObjects.map(inputPolicy);
  refuseClusterInputs(clusterInputs);
  const policies = inputs.map((i) => i.policy);
  const clusterPolicies = clusterInputs.map((i) => i.policy);
  const reservedFiles = [MAIN_FILE, TEST_FILE].map((f) => f.replace(/\.ts$/, ''));

  let asNetworkPolicy = new Set<string>();
  const fellBack: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const plan = planImport(inputs, { asNetworkPolicy, reservedFiles, clusterInputs });
    const app = buildPlannedApp(plan);
    let written: readonly Policy[];
    try {
      written = writtenPolicies(app);
    } catch (e) {
      // An intent refuses to allow what the Admin tier decides (the resolver checks intents against
      // the app's cluster tiers); YAML may say it all the same, and the L2 writes it as said.
      if (attempt > 0 || clusterInputs.length === 0 || !(e instanceof ValidationFailedError)) throw e;
      appendAll(fellBack, [...new Set(policies.map((p) => p.namespace))].sort());
      asNetworkPolicy = new Set(policies.map((p) => p.id));
      continue;
    }
    const cluster = proveCluster(clusterPolicies, written.filter((p) => p.tier !== 'NetworkPolicy'));
    if (cluster !== undefined && !cluster.equivalent) {
      // Cluster policies are written rule for rule, with no intent to fall back from.
      throw new Error(
        `netfence import: the ClusterNetworkPolicy L2 does not reproduce the cluster-scoped policies: ${cluster.differences.map(formatPolicySetDifference).join('; ')}. This is a bug in netfence; please report it with the input.`,
      );
    }
    const { failed, compared } = proveByNamespace(policies, written.filter((p) => p.tier === 'NetworkPolicy'));
    if (failed.size > 0) {
      if (attempt > 0 || asNetworkPolicy.size === policies.length) {
        const [ns, r] = [...failed][0];
        throw new Error(
          `netfence import: the NetworkPolicy L2 does not reproduce namespace ${ns}: ${r.differences.map(formatPolicySetDifference).join('; ')}. This is a bug in netfence; please report it with the input.`,
        );
      }
      appendAll(fellBack, failed.keys());
      asNetworkPolicy = new Set(policies.filter((p) => failed.has(p.namespace)).map((p) => p.id));
      continue;
    }
    const sources = options.sources ?? (clusterPolicies.length > 0 ? 'policy YAML' : 'NetworkPolicy YAML');
    const expectations = expectationsFor(app, plan.charts, [...policies, ...clusterPolicies]);
    const files = new Map<string, string>();
    for (const c of plan.charts) files.set(c.file, chartFile(c, sources));
    files.set(MAIN_FILE, mainFile(plan, sources));
    files.set(TEST_FILE, testFile(plan, expectations, sources));
    return {
      files,
      policies: plan.policies,
      proof: {
        namespaces: compared.length,
        podClasses: [...compared, ...(cluster ? [cluster] : [])].reduce((n, r) => n + r.stats.podClasses, 0),
        witnessPods: [...compared, ...(cluster ? [cluster] : [])].reduce((n, r) => n + r.stats.witnessPods, 0),
        portIntervals: [...compared, ...(cluster ? [cluster] : [])].reduce((n, r) => Math.max(n, r.stats.portIntervals), 0),
        addressRegions: [...compared, ...(cluster ? [cluster] : [])].reduce((n, r) => Math.max(n, r.stats.addressRegions), 0),
        clusterGroups: cluster?.stats.clusterGroups ?? 0,
        fellBack,
      },
      warnings: read.warnings,
      otherObjects: read.objects.length - policyObjects.length - clusterObjects.length,
      plan,
    };
  }
}
