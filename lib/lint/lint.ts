/**
 * Runs the lint rules over loaded manifests: builds the context once, runs every enabled rule
 * whose inputs are present, and returns findings in a stable order.
 */
import { checkArgument, isManifestList } from '../core/arguments';
import { CLUSTER_SCOPED_POLICY_KINDS } from '../core/cluster-manifest';
import { NetfenceError } from '../core/errors';
import { LoadedManifest } from '../io/manifests';
import { ProvenanceIndex } from '../io/provenance';
import { LintContext } from './context';
import { InputWarning } from '../analysis/read-inputs';
import { LintFinding } from './finding';
import { LintRequirement, LintRule } from './rule';
import { LINT_RULES } from './rules';
import { Severity } from './severity';

/** How to run lint. */
export interface LintOptions {
  /** Surroundings: Pods, workloads, Namespaces, Services and other NetworkPolicies, not linted themselves. */
  readonly inventory?: readonly LoadedManifest[];
  /** Rule ids to switch off. Unknown ids are an error. */
  readonly disable?: readonly string[];
  /** Severity overrides by rule id. Unknown ids are an error. */
  readonly severities?: Readonly<Record<string, Severity>>;
  /** The rules to run. @default LINT_RULES */
  readonly rules?: readonly LintRule[];
  /**
   * Lint without the objects the API server would reject (`invalid-manifest` findings for the
   * linted ones) instead of refusing the inputs with InvalidInputError.
   * @default false
   */
  readonly skipInvalid?: boolean;
}

/** What happened to one rule in a run. */
export interface LintRuleStatus {
  readonly rule: LintRule;
  /** The effective severity (default or override). */
  readonly severity: Severity;
  /** `ran`; `disabled` by the caller; `skipped` because inputs it needs are missing. */
  readonly status: 'ran' | 'disabled' | 'skipped';
  /** For `skipped`: which inputs were missing. */
  readonly missing?: readonly LintRequirement[];
}

/** The outcome of a lint run. */
export interface LintReport {
  /** Every finding, ordered by file (input order), line, column, rule order, then the order the rule found them. */
  readonly findings: readonly LintFinding[];
  /** Every rule, in rule order, with its status. */
  readonly rules: readonly LintRuleStatus[];
  /** How many NetworkPolicy objects were given to lint (valid or not). */
  readonly checked: number;
  /** How many cluster-scoped policy objects (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy) were given to lint. */
  readonly checkedCluster: number;
  /** What reading the inputs had to say (duplicates, kinds not read, objects skipped as invalid). */
  readonly warnings: readonly InputWarning[];
}

function checkIds(ids: readonly string[], rules: readonly LintRule[], what: string): void {
  const known = new Set(rules.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new NetfenceError(`${what}: unknown lint rule ${unknown.map((u) => JSON.stringify(u)).join(', ')}; rules are ${[...known].join(', ')}`);
  }
}

function missingInputs(rule: LintRule, ctx: LintContext): LintRequirement[] {
  const have: Record<LintRequirement, boolean> = { pods: ctx.hasPods, namespaces: ctx.hasNamespaces, services: ctx.services.length > 0 };
  return (rule.requires ?? []).filter((r) => !have[r]);
}

/** Lints the NetworkPolicies among `manifests`; throws NetfenceError for invalid inputs (unless `skipInvalid`) or unknown rule ids. */
export function lintManifests(manifests: readonly LoadedManifest[], options: LintOptions = {}): LintReport {
  checkArgument(isManifestList(manifests), 'lintManifests', 'manifests', 'a list of loaded manifests (from loadManifests or parseManifests)', manifests);
  checkArgument(typeof options === 'object' && options !== null, 'lintManifests', 'options', 'an object ({ inventory, disable, severities, rules })', options);
  const rules = options.rules ?? LINT_RULES;
  const disabled = new Set(options.disable ?? []);
  checkIds([...disabled], rules, '--disable');
  const overrides = options.severities ?? {};
  checkIds(Object.keys(overrides), rules, '--severity');
  const ctx = new LintContext(manifests, options.inventory ?? [], { skipInvalid: options.skipInvalid });
  const fileOrder = new Map<string, number>();
  for (const m of [...manifests, ...(options.inventory ?? [])]) {
    const f = m.source.file ?? '';
    if (!fileOrder.has(f)) fileOrder.set(f, fileOrder.size);
  }
  // Only the linted objects' own annotations: the inventory is never where a finding points.
  const provenance = new ProvenanceIndex(manifests);
  const statuses: LintRuleStatus[] = [];
  const found: { f: LintFinding; rule: number }[] = [];
  rules.forEach((rule, ruleIndex) => {
    const severity = overrides[rule.id] ?? rule.severity;
    if (disabled.has(rule.id)) {
      statuses.push({ rule, severity, status: 'disabled' });
      return;
    }
    const missing = missingInputs(rule, ctx);
    if (missing.length > 0) {
      statuses.push({ rule, severity, status: 'skipped', missing });
      return;
    }
    statuses.push({ rule, severity, status: 'ran' });
    for (const issue of rule.check(ctx)) {
      const source = provenance.sourceAt(issue.location);
      found.push({ f: { ruleId: rule.id, severity, ...issue, ...(source === undefined ? {} : { source }) }, rule: ruleIndex });
    }
  });
  // Array.prototype.sort is stable, so ties keep each rule's own deterministic order.
  found.sort((a, b) => {
    const la = a.f.location;
    const lb = b.f.location;
    return (
      (fileOrder.get(la.file ?? '') ?? Number.MAX_SAFE_INTEGER) - (fileOrder.get(lb.file ?? '') ?? Number.MAX_SAFE_INTEGER) ||
      (la.line ?? 0) - (lb.line ?? 0) ||
      (la.column ?? 0) - (lb.column ?? 0) ||
      a.rule - b.rule
    );
  });
  const checked = manifests.filter((m) => m.object.kind === 'NetworkPolicy').length;
  const checkedCluster = manifests.filter((m) => typeof m.object.kind === 'string' && Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_POLICY_KINDS, m.object.kind)).length;
  return { findings: found.map((x) => x.f), rules: statuses, checked, checkedCluster, warnings: [...ctx.warnings, ...provenance.problems] };
}
