/**
 * How imported cluster-scoped policies are written: every ClusterNetworkPolicy, and every legacy
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy, as the ClusterNetworkPolicy L2
 * (`new ClusterNetworkPolicy(this, ...)` with `ClusterRule.accept/deny/pass(...)`), rule for rule
 * and in order, in one chart without a namespace. The legacy kinds become the v1alpha2 object that
 * replaces them: AdminNetworkPolicy at priority N is the Admin tier at priority N (Allow is
 * Accept), the BaselineAdminNetworkPolicy is the Baseline tier at priority 0, which is how the
 * engine orders them; the import proves the result decides every flow alike, tier by tier and
 * priority by priority (comparePolicySets), before it writes anything.
 *
 * Refused, each with its file and line and what would be accepted: `nodes` and `domainNames`
 * peers (the proof cannot cover which nodes a cluster runs or what names resolve to), and two
 * inputs that would become ClusterNetworkPolicies of one name.
 */
import { formatLocation, NetfenceError, SourceLocation } from '../core/errors';
import { Labels } from '../core/label-selector';
import { toDnsLabel } from '../core/names';
import { escapeText } from '../render/escape';
import { Policy, PolicyPeer, PolicyPort, PolicyRule } from '../analysis/policy-model';
import { arr, Code, commentText, construct, lit, member, method, obj, stringMap, sym, THIS } from './code';
import { ChartFields, ChartPlan, ImportedPolicy, PlannedStatement, where } from './plan';
import { cidrCode, CLUSTER_HOME, clusterPodSet, podSetCode, portCode } from './values';

/** A cluster-scoped policy to import, with what the engine's reading leaves out. */
export interface InputClusterPolicy {
  readonly policy: Policy;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly dropped: readonly string[];
  readonly location?: SourceLocation;
}

/** What the ClusterNetworkPolicy the input becomes is called. */
function outputName(p: Policy): string {
  return p.name;
}

/** Refuses, all at once and each with its place, the inputs the import cannot write and prove. */
export function refuseClusterInputs(inputs: readonly InputClusterPolicy[]): void {
  const problems: string[] = [];
  const byName = new Map<string, InputClusterPolicy>();
  for (const input of inputs) {
    const p = input.policy;
    const at = escapeText(input.location ? formatLocation(input.location) : p.id);
    for (const direction of ['ingress', 'egress'] as const) {
      p[direction].forEach((rule, i) => {
        for (const other of rule.clusterPeers ?? []) {
          const what = other.kind === 'nodes' ? 'a nodes peer' : 'a domainNames peer';
          problems.push(
            `  ${at}: ${escapeText(p.id)} ${direction}[${i}] has ${what}, which the proof cannot cover (${other.kind === 'nodes' ? 'which nodes a cluster runs and their addresses' : 'what the names resolve to'}); the import accepts namespaces, pods and networks peers`,
          );
        }
      });
    }
    const name = outputName(p);
    const taken = byName.get(name);
    if (taken !== undefined) {
      problems.push(`  ${at}: ${escapeText(p.id)} would be written as ClusterNetworkPolicy ${escapeText(name)}, as ${escapeText(taken.policy.id)} is; rename one of them`);
    } else byName.set(name, input);
  }
  if (problems.length === 0) return;
  throw new NetfenceError(`netfence import cannot write these cluster-scoped policies so that it can prove what they mean. Refused, nothing written:\n${problems.join('\n')}`);
}

/** The ports of a cluster rule as `Port` values: a named port read as one entry per protocol is one `Port.named`. */
function clusterPortsCode(ports: readonly PolicyPort[]): Code[] {
  const out: Code[] = [];
  const names = new Set<string>();
  for (const p of ports) {
    if (typeof p.port === 'string') {
      if (names.has(p.port)) continue;
      names.add(p.port);
      out.push(method(sym('Port'), 'named', lit(p.port)));
    } else out.push(portCode(p));
  }
  return out;
}

function peerCode(peer: PolicyPeer, fields: ChartFields): Code {
  return peer.kind === 'ipBlock' ? cidrCode(peer) : fields.ref(podSetCode(clusterPodSet(peer), CLUSTER_HOME));
}

const FACTORIES = { Accept: 'accept', Deny: 'deny', Pass: 'pass' } as const;

function ruleCode(rule: PolicyRule, fields: ChartFields): Code {
  let code = method(sym('ClusterRule'), FACTORIES[rule.action], ...(rule.peers ?? []).map((x) => peerCode(x, fields)));
  if (rule.name !== undefined) code = method(code, 'named', lit(rule.name));
  if (rule.ports !== undefined) code = method(code, 'on', ...clusterPortsCode(rule.ports));
  return code;
}

/** Why the input is written as it is, for the comment and the report. */
function reasonFor(p: Policy): string {
  const place = `${p.tier} tier, priority ${p.priority}`;
  if (p.kind === 'AdminNetworkPolicy') {
    return `an AdminNetworkPolicy (v1alpha1), written as the ClusterNetworkPolicy (v1alpha2) that replaces it: ${place}, Allow as Accept, rule for rule; apply it in place of the old object`;
  }
  if (p.kind === 'BaselineAdminNetworkPolicy') {
    return `the BaselineAdminNetworkPolicy (v1alpha1), written as the ClusterNetworkPolicy (v1alpha2) that replaces it: ${place}, Allow as Accept, rule for rule; apply it in place of the old object`;
  }
  return `${place}, rule for rule (the ClusterNetworkPolicy L2)`;
}

/** The statement that writes one cluster policy. */
function policyCode(input: InputClusterPolicy, fields: ChartFields, id: string): Code {
  const p = input.policy;
  const props: [string, Code][] = [];
  const name = outputName(p);
  if (toDnsLabel(id) !== name) props.push(['name', lit(name)]);
  props.push(['tier', member(sym('ClusterTier'), p.tier === 'Admin' ? 'ADMIN' : 'BASELINE')]);
  props.push(['priority', lit(p.priority)]);
  props.push(['subject', fields.ref(podSetCode(clusterPodSet(p.subject), CLUSTER_HOME))]);
  if (p.ingress.length > 0) props.push(['ingress', arr(p.ingress.map((r) => ruleCode(r, fields)))]);
  if (p.egress.length > 0) props.push(['egress', arr(p.egress.map((r) => ruleCode(r, fields)))]);
  if (Object.keys(input.labels).length > 0) props.push(['labels', stringMap(input.labels)]);
  if (Object.keys(input.annotations).length > 0) props.push(['annotations', stringMap(input.annotations)]);
  return construct(sym('ClusterNetworkPolicy'), THIS, lit(id), obj(props));
}

/** The chart of the cluster-scoped policies, and how each input was written. */
export function planClusterChart(
  inputs: readonly InputClusterPolicy[],
  names: { className: string; file: string; id: string; variable: string },
  constructId: (name: string, suffix: string) => string,
): { chart: ChartPlan; policies: ImportedPolicy[] } {
  const fields = new ChartFields();
  const statements: PlannedStatement[] = [];
  const policies: ImportedPolicy[] = [];
  for (const input of inputs) {
    const p = input.policy;
    const reason = reasonFor(p);
    const notes = [...input.dropped];
    const at = input.location ? { location: input.location } : {};
    if (p.ingress.length === 0 && p.egress.length === 0) {
      // The API server stores a policy without rules; it decides nothing, and the L2 refuses to write one.
      const why = 'no rules: it decides no flow (evaluation goes on past it), so nothing is written for it; the proof covers its absence';
      policies.push({ id: p.id, ...at, construct: 'nothing', intent: false, clusterScoped: true, reason: why, notes, file: names.file });
      continue;
    }
    const comment = [`${p.id}${where(input.location)}: ${reason}`, ...notes.map((n) => `note: ${n}`)];
    statements.push({ comment: comment.map(commentText), code: policyCode(input, fields, constructId(outputName(p), 'policy')) });
    policies.push({ id: p.id, ...at, construct: 'ClusterNetworkPolicy', intent: false, clusterScoped: true, reason, notes, file: names.file });
  }
  return { chart: { namespace: '', clusterScoped: true, ...names, fields: fields.fields, statements }, policies };
}
