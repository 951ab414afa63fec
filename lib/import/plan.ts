/**
 * How each imported NetworkPolicy is written: as one of netfence's intents where the policy is
 * exactly that intent (with every side chosen explicitly, so the intent writes this policy and
 * nothing more, whatever else the app holds), else as the NetworkPolicy L2. The plan is code
 * (code.ts), printed into files and evaluated into the app the import proves equivalent.
 *
 * Every intent writes one policy here: the target's side (Side.ALWAYS) with the source's
 * Side.NEVER for an ingress policy, the source's side (Side.ALWAYS) with the target's Side.NEVER
 * for an egress one. A Side.AUTO side would write an egress rule wherever some other policy
 * isolates the source's egress: more than the YAML said.
 */
import { Labels } from '../core/label-selector';
import { SourceLocation } from '../core/errors';
import { isMatchAll } from '../core/label-match';
import { toDnsLabel } from '../core/names';
import { IPeer } from '../core/peer';
import { NamespacedPolicy, PodsPeer, PolicyPeer, PolicyPort, PolicyRule } from '../analysis/policy-model';
import { arr, call, Code, commentText, construct, evaluate, lit, member, method, obj, print, stringMap, sym, THIS } from './code';
import { camelCase, IdentifierPool, pascalCase } from './identifiers';
import { IMPORT_SYMBOLS } from './symbols';
import { InputClusterPolicy, planClusterChart } from './cluster-plan';
import { appendAll } from '../core/values';
import { isOwnNamespace, peerCode, PeerCode, pinnedNamespaces, portCode, podSetCode, selectorWords } from './values';

/** A NetworkPolicy to import, with what the engine's reading leaves out. */
export interface InputPolicy {
  readonly policy: NamespacedPolicy;
  /** metadata.labels. */
  readonly labels: Labels;
  /** metadata.annotations, without the ones kubectl and the API server maintain. */
  readonly annotations: Labels;
  /** What of the object is not carried over (server-set metadata, kubectl's annotation), for the report. */
  readonly dropped: readonly string[];
  /** Where it was read. */
  readonly location?: SourceLocation;
}

/** How one input policy was written, for the report. */
export interface ImportedPolicy {
  /** `namespace/name`. */
  readonly id: string;
  readonly location?: SourceLocation;
  /** The construct that writes it: `DenyAll`, `AllowFrom`, `AllowDns`, ..., `NetworkPolicy`, `ClusterNetworkPolicy`, or `nothing` (a cluster policy without rules). */
  readonly construct: string;
  /** True for an intent, false for the NetworkPolicy or ClusterNetworkPolicy L2. */
  readonly intent: boolean;
  /** True for a ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy. */
  readonly clusterScoped?: boolean;
  /** Why that construct. */
  readonly reason: string;
  /** What was left out, and why that changes nothing. */
  readonly notes: readonly string[];
  /** The generated file that holds it; empty when nothing is written for it. */
  readonly file: string;
}

/** One statement of generated code with the comment above it. */
export interface PlannedStatement {
  readonly comment: readonly string[];
  readonly code: Code;
}

/** A field of a chart class: a peer the chart's statements and the tests use. */
export interface PlannedField {
  readonly name: string;
  readonly code: Code;
  readonly doc: string;
}

/** The chart class of one namespace, or of the cluster-scoped policies. */
export interface ChartPlan {
  /** The chart's namespace; empty for the chart of cluster-scoped policies. */
  readonly namespace: string;
  /** True for the chart of cluster-scoped policies, which has no namespace. */
  readonly clusterScoped?: boolean;
  readonly className: string;
  /** The file name, without folder: `shop.ts`. */
  readonly file: string;
  /** The id `main.ts` gives the chart, and the variable that holds it there. */
  readonly id: string;
  readonly variable: string;
  readonly fields: readonly PlannedField[];
  readonly statements: readonly PlannedStatement[];
}

/** What `netfence import` writes. */
export interface ImportPlan {
  readonly charts: readonly ChartPlan[];
  /** Statements of `main.ts` (NamespaceIsolation, a chart of its own), with `app` in scope. */
  readonly appStatements: readonly PlannedStatement[];
  /** Every input policy: the NetworkPolicies in input order, then the cluster-scoped ones in input order. */
  readonly policies: readonly ImportedPolicy[];
}

/** Options of `planImport`. */
export interface PlanOptions {
  /** Policies (`namespace/name`) to write as the NetworkPolicy L2 whatever they look like. */
  readonly asNetworkPolicy?: ReadonlySet<string>;
  /** Names of generated files already taken (the entry point and the test). */
  readonly reservedFiles?: readonly string[];
  /** Cluster-scoped policies to write, in a chart of their own (cluster-plan.ts). */
  readonly clusterInputs?: readonly InputClusterPolicy[];
}

/** The symbol of the app variable in `main.ts`. */
export const APP_SYMBOL = 'app';

/**
 * Names every JavaScript object has (`constructor`, the one a Kubernetes name can be): the
 * constructs library keeps children in a plain object, so such an id reads as taken.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A construct id for a name: the name, or `name-suffix` when the name is inherited (see INHERITED_NAMES). */
export function constructId(name: string, suffix: string): string {
  return INHERITED_NAMES.has(name) ? `${name}-${suffix}` : name;
}

/** Other names in scope in the generated files (imports, jest's globals, CommonJS, the test's stranger). */
const FILE_SCOPE_NAMES = ['App', 'Chart', 'ChartProps', 'Construct', 'stranger', 'describe', 'test', 'it', 'expect', 'jest', 'beforeAll', 'beforeEach', 'afterAll', 'afterEach', 'require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'globalThis'];

const SIDE_NEVER = member(sym('Side'), 'NEVER');
const SIDE_ALWAYS = member(sym('Side'), 'ALWAYS');

/** Peers as fields of one chart, each value once. */
export class ChartFields {
  public readonly fields: PlannedField[] = [];
  private readonly byCode = new Map<string, string>();
  private readonly pool = IdentifierPool.forChartFields();

  /** A reference to the field holding the peer (named on first use). */
  public ref(p: PeerCode): Code {
    if (!p.named) return p.code;
    const key = print(p.code);
    let name = this.byCode.get(key);
    if (name === undefined) {
      name = this.pool.take([camelCase(p.short), camelCase(p.words), `${camelCase(p.words)}Pods`]);
      this.byCode.set(key, name);
      this.fields.push({ name, code: p.code, doc: p.description.charAt(0).toUpperCase() + p.description.slice(1) });
    }
    return member(THIS, name);
  }

  /** The field's value, for computing what a construct derives from it. */
  public valueOf(code: Code): unknown {
    const self: Record<string, unknown> = {};
    for (const f of this.fields) self[f.name] = evaluate(f.code, { self: undefined, symbols: IMPORT_SYMBOLS });
    return evaluate(code, { self, symbols: IMPORT_SYMBOLS });
  }
}

/** ` (file:line)`, or nothing when the place is unknown. */
export function where(location: SourceLocation | undefined): string {
  if (location?.file === undefined) return '';
  return ` (${location.file}${location.line !== undefined ? `:${location.line}` : ''})`;
}

function rulesOf(p: NamespacedPolicy, direction: 'ingress' | 'egress'): readonly PolicyRule[] {
  return direction === 'ingress' ? (p.isolatesIngress ? p.ingress : []) : p.isolatesEgress ? p.egress : [];
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function isDnsPort(p: PolicyPort): boolean {
  return p.port === 53 && (p.endPort === undefined || p.endPort === 53) && (p.protocol === 'UDP' || p.protocol === 'TCP');
}

function labelsOnly(sel: PodsPeer['podSelector']): boolean {
  return sel === undefined || (sel.matchExpressions ?? []).length === 0;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** The notes for rules of a direction the policy does not isolate (the cluster ignores them). */
function ignoredRules(p: NamespacedPolicy): string[] {
  const out: string[] = [];
  if (!p.isolatesIngress && p.ingress.length > 0) out.push(`its ${count(p.ingress.length, 'ingress rule')} left out: policyTypes has no Ingress, so the cluster ignores them`);
  if (!p.isolatesEgress && p.egress.length > 0) out.push(`its ${count(p.egress.length, 'egress rule')} left out: policyTypes has no Egress, so the cluster ignores them`);
  return out;
}

interface Choice {
  readonly construct: string;
  readonly reason: string;
  readonly code: Code;
}

/** Plans the code of every input policy; see the file comment. */
export function planImport(inputs: readonly InputPolicy[], options: PlanOptions = {}): ImportPlan {
  const byNamespace = new Map<string, InputPolicy[]>();
  for (const i of inputs) {
    const list = byNamespace.get(i.policy.namespace);
    if (list) list.push(i);
    else byNamespace.set(i.policy.namespace, [i]);
  }
  const namespaces = [...byNamespace.keys()].sort();
  const classPool = new IdentifierPool();
  const variablePool = new IdentifierPool();
  // main.ts and main.test.ts also hold these names: the chart variables must not shadow them.
  variablePool.reserve(APP_SYMBOL, ...IMPORT_SYMBOLS.keys(), ...FILE_SCOPE_NAMES);
  const filePool = new IdentifierPool();
  filePool.reserve(...(options.reservedFiles ?? []));
  const imported = new Map<InputPolicy, ImportedPolicy>();

  // NamespaceIsolation: policies of several namespaces that say "own namespace plus these", one construct.
  const isolations = new Map<string, { name: string; allowFrom: Code[]; namespaces: string[]; inputs: InputPolicy[] }>();

  const charts: ChartPlan[] = [];
  const chartIdsTaken = new Set<string>();
  for (const ns of namespaces) {
    const fields = new ChartFields();
    const statements: PlannedStatement[] = [];
    const file = `${filePool.take([ns, `${ns}-policies`])}.ts`;
    const className = classPool.take([`${pascalCase([ns])}Policies`]);
    const policies = byNamespace.get(ns)!;
    const deniesIngress = policies.some((i) => i.policy.isolatesIngress && i.policy.ingress.length === 0 && isMatchAll(i.policy.subject.podSelector));
    for (const input of policies) {
      const p = input.policy;
      const notes = [...ignoredRules(p), ...input.dropped];
      const forced = options.asNetworkPolicy?.has(p.id) === true || INHERITED_NAMES.has(p.name);
      const metadata = Object.keys(input.labels).length > 0 || Object.keys(input.annotations).length > 0;
      let choice: Choice | undefined;
      if (!forced && !metadata) {
        const iso = isolationOf(input, ns);
        if (iso !== undefined) {
          const key = `${p.name}\n${iso.map((c) => print(c)).join('\n')}`;
          let group = isolations.get(key);
          if (!group) isolations.set(key, (group = { name: p.name, allowFrom: iso, namespaces: [], inputs: [] }));
          group.namespaces.push(ns);
          group.inputs.push(input);
          imported.set(input, {
            id: p.id,
            ...(input.location ? { location: input.location } : {}),
            construct: 'NamespaceIsolation',
            intent: true,
            reason: `every pod of the namespace, ingress only, from the namespace's own pods${iso.length > 0 ? ' and other namespaces' : ''} on every port`,
            notes,
            file: 'main.ts',
          });
          continue;
        }
        choice = intentFor(input, ns, fields, deniesIngress);
      }
      const reason = INHERITED_NAMES.has(p.name)
        ? `its name is a member every JavaScript object has, which the constructs library cannot take as an id; the L2 takes the name apart from the id`
        : forced
        ? 'its intent did not prove equivalent, so it is written as the L2'
        : metadata
          ? 'it carries labels or annotations, which only the L2 writes'
          : l2Reason(p);
      choice ??= { construct: 'NetworkPolicy', reason, code: networkPolicyCode(input, ns, fields) };
      const comment = [`${p.name}${where(input.location)}: ${choice.reason}`, ...notes.map((n) => `note: ${n}`)];
      statements.push({ comment: comment.map(commentText), code: choice.code });
      imported.set(input, {
        id: p.id,
        ...(input.location ? { location: input.location } : {}),
        construct: choice.construct,
        intent: choice.construct !== 'NetworkPolicy',
        reason: choice.reason,
        notes,
        file,
      });
    }
    if (statements.length > 0) {
      let id = constructId(ns, 'policies');
      for (let i = 2; chartIdsTaken.has(id); i++) id = `${constructId(ns, 'policies')}-${i}`;
      chartIdsTaken.add(id);
      charts.push({ namespace: ns, className, file, id, variable: variablePool.take([camelCase([ns]), `${camelCase([ns])}Policies`]), fields: fields.fields, statements });
    }
  }

  const appStatements: PlannedStatement[] = [];
  const chartIds = new Set(charts.map((c) => c.id));
  for (const group of isolations.values()) {
    let id = group.name === 'namespace-isolation' ? 'namespace-isolation' : `${group.name}-isolation`;
    for (let i = 2; chartIds.has(id); i++) id = `${group.name}-isolation-${i}`;
    chartIds.add(id);
    const props: [string, Code][] = [['namespaces', arr(group.namespaces.map(lit))]];
    if (group.allowFrom.length > 0) props.push(['allowFrom', arr(group.allowFrom)]);
    if (group.name !== 'namespace-isolation') props.push(['policyName', lit(group.name)]);
    const places = group.inputs.map((i) => `${i.policy.id}${where(i.location)}`);
    appStatements.push({
      comment: [`${places.join(', ')}: each namespace accepts only its own pods${group.allowFrom.length > 0 ? ' and the listed ones' : ''}`].map(commentText),
      code: construct(sym('NamespaceIsolation'), sym(APP_SYMBOL), lit(id), obj(props)),
    });
  }

  const clusterPolicies: ImportedPolicy[] = [];
  const clusterInputs = options.clusterInputs ?? [];
  if (clusterInputs.length > 0) {
    let id = 'cluster-policies';
    for (let i = 2; chartIds.has(id); i++) id = `cluster-policies-${i}`;
    chartIds.add(id);
    const names = { className: classPool.take(['ClusterPolicies']), file: `${filePool.take(['cluster-policies', 'cluster'])}.ts`, id, variable: variablePool.take(['clusterPolicies', 'cluster']) };
    const planned = planClusterChart(clusterInputs, names, constructId);
    if (planned.chart.statements.length > 0) {
      charts.push(planned.chart);
      appendAll(clusterPolicies, planned.policies);
    } else appendAll(clusterPolicies, planned.policies.map((p) => ({ ...p, file: '' })));
  }

  return { charts, appStatements, policies: [...inputs.map((i) => imported.get(i)!), ...clusterPolicies] };
}

/** Why a policy is not one intent. */
function l2Reason(p: NamespacedPolicy): string {
  const ingress = rulesOf(p, 'ingress').length;
  const egress = rulesOf(p, 'egress').length;
  if (p.isolatesIngress && p.isolatesEgress && ingress + egress > 0) return 'it has rules for both directions; an intent writes one policy per direction';
  return `it has ${count(ingress + egress, `${ingress > 0 ? 'ingress' : 'egress'} rule`)}; an intent writes one rule`;
}

/**
 * The `allowFrom` of a NamespaceIsolation when the policy is exactly one namespace's share of it:
 * every pod, ingress only, one rule on every port from the namespace's own pods and peers that
 * mean the same in every namespace (other namespaces, addresses).
 */
function isolationOf(input: InputPolicy, ns: string): Code[] | undefined {
  const p = input.policy;
  if (!p.isolatesIngress || p.isolatesEgress || !isMatchAll(p.subject.podSelector)) return undefined;
  const rules = rulesOf(p, 'ingress');
  if (rules.length !== 1 || rules[0].ports !== undefined || rules[0].peers === undefined) return undefined;
  const peers = rules[0].peers;
  if (!peers.some((x) => isOwnNamespace(x, ns))) return undefined;
  const others = peers.filter((x) => !isOwnNamespace(x, ns));
  if (others.length === 0) return undefined; // own namespace alone: AllowWithinNamespace or the plain intent reads better
  if (others.some((x) => x.kind === 'pods' && x.namespaceSelector === undefined)) return undefined;
  return others.map((x) => {
    const names = x.kind === 'pods' && (x.podSelector === undefined || isMatchAll(x.podSelector)) ? pinnedNamespaces(x) : undefined;
    return names !== undefined && names.length === 1 ? lit(names[0]) : peerCode(x, ns).code;
  });
}

/** The intent a policy exactly is, if any (NamespaceIsolation is handled by the caller). */
function intentFor(input: InputPolicy, ns: string, fields: ChartFields, deniesIngress: boolean): Choice | undefined {
  const p = input.policy;
  const ingress = rulesOf(p, 'ingress');
  const egress = rulesOf(p, 'egress');
  const subject = p.subject.podSelector;
  const allPods = isMatchAll(subject);
  const subjectRef = (): Code => fields.ref(podSetCode({ podSelector: subject }, ns));
  const id = lit(p.name);

  if (ingress.length === 0 && egress.length === 0) {
    const props: [string, Code][] = [];
    if (!(p.isolatesIngress && p.isolatesEgress)) props.push(['direction', member(sym('DenyDirection'), p.isolatesIngress ? 'INGRESS' : 'EGRESS')]);
    if (!allPods) props.push(['pods', subjectRef()]);
    const dir = p.isolatesIngress && p.isolatesEgress ? 'ingress and egress' : p.isolatesIngress ? 'ingress' : 'egress';
    return {
      construct: 'DenyAll',
      reason: `no rules: a default deny of ${dir} for ${allPods ? 'every pod of the namespace' : 'the pods it selects'}`,
      code: construct(sym('DenyAll'), THIS, id, ...(props.length > 0 ? [obj(props)] : [])),
    };
  }
  if (p.isolatesIngress && p.isolatesEgress) return undefined;
  const direction = p.isolatesIngress ? 'ingress' : 'egress';
  const rules = direction === 'ingress' ? ingress : egress;
  if (rules.length !== 1) return undefined;
  const rule = rules[0];
  const peers = rule.peers;
  const ports = rule.ports;

  // Every pod of the namespace with every pod of the namespace, on every port.
  if (allPods && ports === undefined && peers !== undefined && peers.length === 1 && isOwnNamespace(peers[0], ns) && (direction === 'egress' || deniesIngress)) {
    return {
      construct: 'AllowWithinNamespace',
      reason: `the namespace's pods may ${direction === 'ingress' ? 'accept connections from' : 'open connections to'} each other on every port (one ${direction} side)`,
      code: construct(sym('AllowWithinNamespace'), THIS, id, obj(direction === 'ingress' ? [['targetSide', SIDE_ALWAYS], ['sourceSide', SIDE_NEVER]] : [['targetSide', SIDE_NEVER], ['sourceSide', SIDE_ALWAYS]])),
    };
  }

  if (direction === 'egress') {
    const dns = dnsIntent(p, ns, fields, rule);
    if (dns) return dns;
  } else {
    const known = wellKnownSource(p, ns, fields, rule);
    if (known) return known;
  }

  // AllowFrom(this, from).to(to): one side, explicitly.
  const other = peers === undefined ? method(sym('Peer'), 'anyone') : peers.length === 1 ? peerRef(peers[0], ns, fields) : method(sym('Peer'), 'anyOf', ...peers.map((x) => peerRef(x, ns, fields)));
  const [from, to] = direction === 'ingress' ? [other, subjectRef()] : [subjectRef(), other];
  const derived = toDnsLabel('allow', (fields.valueOf(from) as IPeer).nameFragment(ns), 'to', (fields.valueOf(to) as IPeer).nameFragment(ns));
  const props: [string, Code][] = [];
  if (derived !== p.name) props.push(['name', lit(p.name)]);
  if (direction === 'ingress') props.push(['sourceSide', SIDE_NEVER]);
  else props.push(['targetSide', SIDE_NEVER], ['sourceSide', SIDE_ALWAYS]);
  let code = method(call(sym('AllowFrom'), THIS, from), 'to', to, obj(props));
  if (ports !== undefined) code = method(code, 'on', ...ports.map(portCode));
  return {
    construct: 'AllowFrom',
    reason: `one ${direction} rule: ${direction === 'ingress' ? "the target's side only (sourceSide: Side.NEVER)" : "the source's side only (targetSide: Side.NEVER, sourceSide: Side.ALWAYS)"}`,
    code,
  };
}

function peerRef(peer: PolicyPeer, ns: string, fields: ChartFields): Code {
  return fields.ref(peerCode(peer, ns));
}

/** AllowDns: egress to pods of one named namespace on UDP and/or TCP 53 only. */
function dnsIntent(p: NamespacedPolicy, ns: string, fields: ChartFields, rule: PolicyRule): Choice | undefined {
  const peers = rule.peers;
  const ports = rule.ports;
  if (peers === undefined || peers.length !== 1 || ports === undefined || !ports.every(isDnsPort)) return undefined;
  const peer = peers[0];
  if (peer.kind !== 'pods' || !labelsOnly(peer.podSelector)) return undefined;
  const names = pinnedNamespaces(peer);
  if (names === undefined || names.length !== 1) return undefined;
  const props: [string, Code][] = [];
  if (!isMatchAll(p.subject.podSelector)) props.push(['pods', fields.ref(podSetCode({ podSelector: p.subject.podSelector }, ns))]);
  if (names[0] !== 'kube-system') props.push(['dnsNamespace', lit(names[0])]);
  const labels = peer.podSelector?.matchLabels ?? {};
  if (!sameLabels(labels, { 'k8s-app': 'kube-dns' })) props.push(['dnsLabels', stringMap(labels)]);
  const kinds = new Set(ports.map((x) => x.protocol));
  if (!(kinds.size === 2)) props.push(['ports', arr(ports.map(portCode))]);
  props.push(['sourceSide', SIDE_ALWAYS], ['targetSide', SIDE_NEVER]);
  return {
    construct: 'AllowDns',
    reason: `one egress rule to the DNS pods of ${names[0]} on port 53: the clients' side only (sourceSide: Side.ALWAYS, targetSide: Side.NEVER)`,
    code: construct(sym('AllowDns'), THIS, lit(p.name), obj(props)),
  };
}

/** AllowPrometheusScrape and AllowIngressController: one ingress rule from such pods of one named namespace. */
function wellKnownSource(p: NamespacedPolicy, ns: string, fields: ChartFields, rule: PolicyRule): Choice | undefined {
  const peers = rule.peers;
  if (peers === undefined || peers.length !== 1) return undefined;
  const peer = peers[0];
  if (peer.kind !== 'pods' || peer.podSelector === undefined || isMatchAll(peer.podSelector) || !labelsOnly(peer.podSelector)) return undefined;
  const names = peer.namespaceSelector === undefined ? [ns] : pinnedNamespaces(peer);
  if (names === undefined || names.length !== 1) return undefined;
  const labels = peer.podSelector.matchLabels ?? {};
  const values = Object.values(labels).map((v) => v.toLowerCase());
  const allPods = isMatchAll(p.subject.podSelector);
  const to = (): Code => fields.ref(podSetCode({ podSelector: p.subject.podSelector }, ns));
  const ports = rule.ports;
  if (values.some((v) => v.includes('prometheus'))) {
    const props: [string, Code][] = [];
    if (!allPods) props.push(['to', to()]);
    const metricsOnly = ports !== undefined && ports.length === 1 && ports[0].port === 'metrics' && ports[0].protocol === 'TCP';
    if (!metricsOnly) {
      if (ports === undefined) return undefined; // every port: the plain intent says it better
      props.push(['ports', arr(ports.map(portCode))]);
    }
    if (names[0] !== 'monitoring') props.push(['prometheusNamespace', lit(names[0])]);
    if (!sameLabels(labels, { 'app.kubernetes.io/name': 'prometheus' })) props.push(['prometheusLabels', stringMap(labels)]);
    props.push(['sourceSide', SIDE_NEVER]);
    return {
      construct: 'AllowPrometheusScrape',
      reason: `one ingress rule from Prometheus (${selectorWords(peer.podSelector).join(' ')} in ${names[0]}): the scraped pods' side only (sourceSide: Side.NEVER)`,
      code: construct(sym('AllowPrometheusScrape'), THIS, lit(p.name), obj(props)),
    };
  }
  if (ports !== undefined && (values.some((v) => v.includes('ingress')) || names[0].includes('ingress'))) {
    const props: [string, Code][] = [['to', to()], ['ports', arr(ports.map(portCode))]];
    if (names[0] !== 'ingress-nginx') props.push(['controllerNamespace', lit(names[0])]);
    if (!sameLabels(labels, { 'app.kubernetes.io/name': 'ingress-nginx' })) props.push(['controllerLabels', stringMap(labels)]);
    props.push(['sourceSide', SIDE_NEVER]);
    return {
      construct: 'AllowIngressController',
      reason: `one ingress rule from the ingress controller (${selectorWords(peer.podSelector).join(' ')} in ${names[0]}): the backends' side only (sourceSide: Side.NEVER)`,
      code: construct(sym('AllowIngressController'), THIS, lit(p.name), obj(props)),
    };
  }
  return undefined;
}

/** The NetworkPolicy L2, field for field. */
function networkPolicyCode(input: InputPolicy, ns: string, fields: ChartFields): Code {
  const p = input.policy;
  const props: [string, Code][] = [];
  const id = constructId(p.name, 'policy');
  if (toDnsLabel(id) !== p.name) props.push(['name', lit(p.name)]);
  if (!isMatchAll(p.subject.podSelector)) props.push(['selector', fields.ref(podSetCode({ podSelector: p.subject.podSelector }, ns))]);
  const types: Code[] = [];
  if (p.isolatesIngress) types.push(member(sym('PolicyType'), 'INGRESS'));
  if (p.isolatesEgress) types.push(member(sym('PolicyType'), 'EGRESS'));
  props.push(['policyTypes', arr(types)]);
  const rules = (list: readonly PolicyRule[]): Code =>
    arr(
      list.map((r) => {
        const peers = r.peers === undefined ? [method(sym('Peer'), 'anyone')] : r.peers.map((x) => peerRef(x, ns, fields));
        return obj([['peers', arr(peers)], ...(r.ports === undefined ? [] : [['ports', arr(r.ports.map(portCode))] as [string, Code]])]);
      }),
    );
  const ingress = rulesOf(p, 'ingress');
  const egress = rulesOf(p, 'egress');
  if (ingress.length > 0) props.push(['ingress', rules(ingress)]);
  if (egress.length > 0) props.push(['egress', rules(egress)]);
  if (Object.keys(input.labels).length > 0) props.push(['labels', stringMap(input.labels)]);
  if (Object.keys(input.annotations).length > 0) props.push(['annotations', stringMap(input.annotations)]);
  return construct(sym('NetworkPolicy'), THIS, lit(id), obj(props));
}
