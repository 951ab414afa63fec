import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { READ_KINDS } from '../core/kinds';
import { IPeer, NAMESPACE_NAME_LABEL, placementOf } from '../core/peer';
import { LabelSelector, Labels } from '../core/label-selector';
import { isMatchAll, selectorMatches } from '../core/label-match';
import { LabelSelectorManifest } from '../core/manifest';
import { PodSet } from '../analysis/policy-model';
import { Port } from '../core/port';
import { ProtocolName } from '../core/manifest';
import { isRecord } from '../core/values';
import { parseCidr } from '../core/ip';
import { memberName, resolveFlowEnd } from '../analysis/ends';
import { FlowEndSpec } from '../analysis/flow-end';
import { evaluateEnds, FlowRun, formatPortIntervals } from '../analysis/flow-report';
import { objectSources } from '../analysis/inventory-from-manifests';
import { EVERY_PORT, PortQuery } from '../analysis/port-query';
import { readInputs } from '../analysis/read-inputs';
import { selectorChoices, StandIns, witnessLabels } from '../analysis/stand-ins';
import { DirectionVerdict } from '../analysis/tiers';
import { AppClusterContext } from './app-cluster-policies';
import { ClusterHolds } from './cluster-holds';
import { Side } from './side';

/** What an intent states, for the check against the cluster tiers. */
export interface IntentFlow {
  readonly from: IPeer;
  readonly to: IPeer;
  /** Absent: every port. */
  readonly ports?: readonly Port[];
  /** The namespace the intent is declared in. */
  readonly home: string;
  readonly sourceSide: Side;
  readonly targetSide: Side;
}

/** An intent that can say what it states. */
export interface IFlowIntent extends IConstruct {
  /** The flow the intent states, or undefined when it has no namespace (it reports that itself). */
  intentFlow(): IntentFlow | undefined;
}

/** The question of one port value. */
function portQuery(p: Port): PortQuery {
  const protocol = p.protocol as ProtocolName;
  if (p.port === undefined) return { kind: 'protocol', protocol };
  // A named port resolves on pods the check does not have: every port of its protocol, and only a
  // denial of all of them counts (see below).
  if (typeof p.port === 'string') return { kind: 'protocol', protocol };
  return { kind: 'range', protocol, from: p.port, to: p.endPort ?? p.port };
}

/**
 * A namespace the app does not know, standing for every such namespace of the cluster (it carries
 * only its name label): pods of every namespace live there too.
 */
export const UNKNOWN_NAMESPACE = 'a-namespace-the-app-does-not-know';

/** Every subject and pod peer of the app's cluster policies. */
function clusterPodSets(context: AppClusterContext): PodSet[] {
  const out: PodSet[] = [];
  for (const { policy } of context.policies) {
    out.push(policy.subject);
    for (const rule of [...policy.ingress, ...policy.egress]) for (const peer of rule.peers ?? []) if (peer.kind === 'pods') out.push(peer);
  }
  return out;
}

/** The namespaces the cluster policies single out, beyond those the app knows. */
interface SingledOut {
  /** Namespaces a selector names: like those the app knows, they carry only their name label unless `ClusterHolds` gives them more. */
  readonly named: readonly string[];
  /** Namespaces made up for selectors that choose by other labels, with those labels. */
  readonly made: ReadonlyMap<string, Labels>;
}

/**
 * The namespaces the cluster policies single out: pods of every namespace live there too, and a
 * rule of the Admin tier over them decides the flows of an intent whose pods live in every
 * namespace. For each choice of each namespace selector of a subject or pod peer: the namespace
 * it names, if it pins a name; else one made up among `standIns` with the fewest labels the
 * choice needs, as the engine's stand-ins make them (named after the choice, `(zone=restricted)`).
 * A namespace is given the labels the app declares and no others, known or named here alike.
 */
function singleOutNamespaces(standIns: StandIns, context: AppClusterContext): SingledOut {
  const named = new Set<string>();
  for (const set of clusterPodSets(context)) {
    const selector = set.namespaceSelector;
    if (selector === undefined || isMatchAll(selector)) continue;
    for (const choice of selectorChoices(selector)) {
      const pinned = witnessLabels(choice)?.[NAMESPACE_NAME_LABEL];
      if (pinned !== undefined) named.add(pinned);
      else standIns.cover({ namespaceSelector: choice }, undefined);
    }
  }
  return { named: [...named].sort(), made: new Map(standIns.standInNamespaces.map((n) => [n.name, n.labels])) };
}

/**
 * The ends of a peer, as the engine names them: pods of named namespaces (for pods of any
 * namespace, and for anyone, every namespace of `everywhere`: the known ones, one the app does
 * not know, and those the cluster policies single out), address blocks.
 */
function endsOf(
  peer: IPeer,
  home: string,
  everywhere: readonly string[],
  witnesses: (namespace: string, selector: LabelSelector) => LabelSelector[],
): FlowEndSpec[] {
  const out: FlowEndSpec[] = [];
  const placement = placementOf(peer, home);
  const pods = (namespace: string, selector: LabelSelector): void => {
    for (const w of witnesses(namespace, selector)) out.push({ kind: 'pods', namespace, selector: w.toManifest() });
  };
  for (const s of placement.named) pods(s.namespace, s.selector);
  for (const selector of placement.everywhere) for (const ns of everywhere) pods(ns, selector);
  if (peer.peerKind === 'anyone') {
    for (const ns of everywhere) pods(ns, LabelSelector.all());
    out.push({ kind: 'cidr', blocks: ['0.0.0.0/0', '::/0'].map((c) => ({ cidr: parseCidr(c)!, except: [] })) });
    return out;
  }
  const blocks = peer.toPeerManifests({ policyNamespace: home, homeNamespace: home }).flatMap((m) => {
    const cidr = m.ipBlock ? parseCidr(m.ipBlock.cidr) : undefined;
    if (cidr === undefined || cidr.hostBitsSet) return [];
    const except = (m.ipBlock!.except ?? []).map((e) => parseCidr(e)).filter((e): e is NonNullable<typeof e> => e !== undefined);
    return [{ cidr, except }];
  });
  if (blocks.length > 0) out.push({ kind: 'cidr', blocks });
  return out;
}

/** The objects of the app the engine reads, as they will be written, and what the cluster holds. */
function appObjects(constructs: readonly IConstruct[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const c of constructs) {
    if (c instanceof ClusterHolds) {
      for (const m of c.manifests) out.push(m);
      continue;
    }
    if (!ApiObject.isApiObject(c) || !Object.prototype.hasOwnProperty.call(READ_KINDS, c.kind)) continue;
    try {
      const json = c.toJson();
      if (isRecord(json)) out.push(json);
    } catch {
      // The object reports it in its own validation.
    }
  }
  return out;
}

/**
 * The selectors whose pods stand for an end's pods: the end's own, and its conjunction with every
 * pod selector a cluster policy uses (as subject or peer) over namespaces that select its
 * namespace. A stand-in carries exactly the labels of its selector, so without these a pod with
 * the labels a cluster rule singles out (`app=y` among every pod of a namespace) would never be
 * asked about.
 */
function clusterWitnesses(context: AppClusterContext, nsLabels: (ns: string) => Labels): (namespace: string, selector: LabelSelector) => LabelSelector[] {
  const sets: { namespaceSelector: LabelSelectorManifest; podSelector: LabelSelector }[] = [];
  for (const set of clusterPodSets(context)) {
    if (set.podSelector === undefined || isMatchAll(set.podSelector)) continue;
    sets.push({ namespaceSelector: set.namespaceSelector ?? {}, podSelector: LabelSelector.fromManifest(set.podSelector) });
  }
  return (namespace, selector) => {
    const out = [selector];
    const seen = new Set([JSON.stringify(selector.toManifest())]);
    const labels = nsLabels(namespace);
    for (const s of sets) {
      if (!selectorMatches(s.namespaceSelector, labels)) continue;
      const both = selector.and(s.podSelector);
      const key = JSON.stringify(both.toManifest());
      if (!both.isSatisfiable || seen.has(key)) continue;
      seen.add(key);
      out.push(both);
    }
    return out;
  };
}

function sideProblem(d: DirectionVerdict, mode: Side, prop: 'sourceSide' | 'targetSide'): { tier: 'Admin' | 'Baseline'; d: DirectionVerdict; prop: string } | undefined {
  if (d.outcome === 'allowed') return undefined;
  if (d.decidedIn === 'Admin') return { tier: 'Admin', d, prop };
  // A side the intent does not write is somebody else's business.
  if (d.decidedIn === 'Baseline' && mode !== Side.NEVER) return { tier: 'Baseline', d, prop };
  return undefined;
}

/**
 * Checks every intent's flow against the cluster tiers of the app (and what the cluster is
 * declared to hold): a flow an Admin-tier rule denies, or leaves undecided, can never be opened by
 * a NetworkPolicy, and a flow a Baseline-tier rule still denies on a side the intent writes was
 * not opened by it. Each is an error naming the intent and the policy's construct. Pods are the
 * app's workloads, or stand-ins with the labels the intent names; namespaces have the labels the
 * app (or `ClusterHolds`) gives them, and pods of every namespace are checked in each namespace
 * the app knows (`namespaces`, and those of its objects and intents). Runs only when the app has
 * cluster policies.
 */
export function checkIntentsAgainstClusterTiers(
  constructs: readonly IConstruct[],
  intents: readonly IFlowIntent[],
  context: AppClusterContext,
  namespaces: readonly string[] = [],
): string[] {
  if (context.policies.length === 0 || intents.length === 0) return [];
  const paths = new Map(context.policies.map((p) => [p.policy.id, p.path]));
  const read = readInputs(objectSources(appObjects(constructs)), { skipInvalid: true, namespacelessPolicies: 'default' });
  const standIns = new StandIns(read.inventory);
  // Pods of every namespace are checked in every namespace the app knows (of its objects, charts,
  // what the cluster holds, and the namespaces its intents name), in one it does not know, and in
  // those the cluster policies single out that none of these is.
  const flows = intents.map((i) => i.intentFlow()).filter((f): f is IntentFlow => f !== undefined);
  const named = flows.flatMap((f) => [f.from, f.to].flatMap((p) => placementOf(p, f.home).named.map((s) => s.namespace)));
  const known = [...new Set([...read.inventory.namespaces.map((n) => n.name), ...context.namespaces.keys(), ...namespaces, ...named])].sort();
  const singled = singleOutNamespaces(standIns, context);
  const everywhere = [...new Set([...known, ...singled.named, UNKNOWN_NAMESPACE, ...singled.made.keys()])];
  const witnesses = clusterWitnesses(context, (ns) => context.namespaces.get(ns) ?? singled.made.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns });
  const errors: string[] = [];
  for (const intent of intents) {
    const flow = intent.intentFlow();
    if (flow === undefined) continue;
    let from: ReturnType<typeof resolveFlowEnd>;
    let to: ReturnType<typeof resolveFlowEnd>;
    try {
      from = resolveFlowEnd(standIns, endsOf(flow.from, flow.home, everywhere, witnesses));
      to = resolveFlowEnd(standIns, endsOf(flow.to, flow.home, everywhere, witnesses));
    } catch {
      // A selector no pod can satisfy: the intent states nothing to check.
      continue;
    }
    if (from.members.length === 0 || to.members.length === 0) continue;
    const ports = flow.ports === undefined ? [undefined] : flow.ports;
    let problem: string | undefined;
    for (const port of ports) {
      let runs: readonly FlowRun[];
      try {
        runs = evaluateEnds(standIns.inventory(), from, to, port === undefined ? EVERY_PORT : portQuery(port), {}).runs;
      } catch {
        continue; // address to address: no policy decides it
      }
      const named = port !== undefined && typeof port.port === 'string';
      for (const run of runs) {
        const p = sideProblem(run.verdict.egress, flow.sourceSide, 'sourceSide') ?? sideProblem(run.verdict.ingress, flow.targetSide, 'targetSide');
        if (p === undefined) continue;
        // A named port: only when every port of its protocol is denied between this pair.
        if (named && runs.some((r) => r.from === run.from && r.to === run.to && r.outcome === 'allowed')) continue;
        problem = describe(run, p, paths);
        break;
      }
      if (problem !== undefined) break;
    }
    if (problem !== undefined) errors.push(`[${intent.node.path}] ${problem}`);
  }
  return errors;
}

function describe(run: FlowRun, p: { tier: 'Admin' | 'Baseline'; d: DirectionVerdict; prop: string }, paths: ReadonlyMap<string, string>): string {
  const flow = `${memberName(run.from)} -> ${memberName(run.to)} on ${formatPortIntervals(run.ports)}`;
  const rules = [...p.d.decidedBy, ...p.d.maybeBy];
  const by = rules.map((r) => `${r.label}, written by ${paths.get(r.policy) ?? 'the cluster'}`).join('; ');
  const what = p.d.outcome === 'denied' ? 'denies' : p.d.outcome === 'implementation-defined' ? 'leaves implementation-defined' : 'leaves dependent on DNS';
  if (p.tier === 'Admin') {
    return `the flow this intent allows (${flow}) is one the Admin tier ${what}, before any NetworkPolicy and whatever they say: ${by}; ask for an Admin Pass or Accept of this flow, or remove the intent`;
  }
  return `the flow this intent allows (${flow}) is one the Baseline tier still ${what} on the ${p.d.direction} side (${by}): that Baseline policy is not a default deny netfence overrides with Side.AUTO (an Accept or Pass comes first, or it denies only some traffic); set ${p.prop}: Side.ALWAYS so the intent writes the NetworkPolicy side that overrides it`;
}
