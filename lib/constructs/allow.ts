import { NetfenceError } from '../core/errors';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { LabelSelector } from '../core/label-selector';
import { toDnsLabel } from '../core/names';
import { IPeer, LabelledPods, NO_PODS, placementOf, PodPlacement } from '../core/peer';
import { Port } from '../core/port';
import { isValidNamespaceName } from '../validate/dns';
import { AppState } from './app-state';
import { IntentFlow } from './cluster-check';
import { IDeferredIntent, IntentReach, IntentResolver, IsolationEntry, MaterializedSides, ResolutionContext } from './intent-resolver';
import { LeanTree } from './lean-tree';
import { MISSING_NAMESPACE, namespaceOf } from './namespace-of';
import { NetworkPolicy } from './network-policy';
import { PolicyType } from './policy-type';
import { IntentSideProps, Side } from './side';
import { namespaceNameProblems, peerValueProblems, portValueProblems } from './value-checks';
import { appendAll } from '../core/values';

/** Properties of an `Allow` intent. */
export interface AllowProps extends IntentSideProps {
  /** Where connections come from: pods, namespaces, an IP block, or anyone. */
  readonly from: IPeer;
  /** Where connections go: pods, namespaces, an IP block or the internet. */
  readonly to: IPeer;
  /**
   * The destination ports.
   * @default every port of every protocol
   */
  readonly ports?: readonly Port[];
  /**
   * The name of the written policy; a source-side policy next to a target-side one gets
   * `-egress` after it, and a policy written into another namespace than `namespace` gets that
   * namespace in front (`shop-allow-web-to-payments-ledger`), so intents of several namespaces
   * never write the same name there.
   * @default `allow-<from>-to-<to>`
   */
  readonly name?: string;
  /**
   * The namespace the intent is declared in: peers without one (`Pods.labelled(...)`) live there.
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /**
   * When to write the ingress rule on the target's side, in each namespace the target lives in.
   * Where the target's namespaces are chosen by labels or are every namespace, netfence cannot
   * write a side in each: the default then acts as Side.AUTO, and an explicit Side.ALWAYS is an error.
   * @default Side.ALWAYS: the target accepts what its intents allow
   */
  readonly targetSide?: Side;
  /**
   * When to write the egress rule on the source's side, in each namespace the source lives in.
   * @default Side.AUTO: where some policy of the app isolates the source's egress
   */
  readonly sourceSide?: Side;
}

/** The sides to write, per namespace, in first-seen order, each selector once. */
class SidesByNamespace {
  public readonly groups = new Map<string, LabelSelector[]>();
  private readonly seen = new Set<string>();
  private readonly firstSeen = new Map<string, LabelSelector>();
  private readonly keyed = new Set<string>();
  private readonly counts = new Map<string, number>();

  /** Adds the selectors not seen yet in the namespace. */
  public add(namespace: string, selectors: readonly LabelSelector[]): void {
    for (const selector of selectors) {
      if (!this.see(namespace, selector)) continue;
      const list = this.groups.get(namespace);
      if (list) list.push(selector);
      else this.groups.set(namespace, [selector]);
    }
  }

  /** Records sides written already: not written again, and counted for the next side's number. */
  public written(namespace: string, selectors: readonly LabelSelector[]): void {
    for (const selector of selectors) if (this.see(namespace, selector)) this.counts.set(namespace, this.firstIndex(namespace) + 1);
  }

  /** The number of the first side still to write in the namespace (0 for the plain name). */
  public firstIndex(namespace: string): number {
    return this.counts.get(namespace) ?? 0;
  }

  private see(namespace: string, selector: LabelSelector): boolean {
    // Most ends have one selector per namespace: compare by value only when a second one comes.
    const first = this.firstSeen.get(namespace);
    if (first === undefined) {
      this.firstSeen.set(namespace, selector);
      return true;
    }
    if (first === selector) return false;
    if (!this.keyed.has(namespace)) {
      this.keyed.add(namespace);
      this.remember(namespace, first);
    }
    return this.remember(namespace, selector);
  }

  private remember(namespace: string, selector: LabelSelector): boolean {
    const key = `${namespace}\n${JSON.stringify(selector.toManifest())}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

/**
 * The placement without namespaces whose names are not namespace names: validation reports
 * them, once, at the intent, and no side is written into a namespace that cannot exist.
 */
function writable(p: PodPlacement): PodPlacement {
  return { ...p, named: p.named.filter((s) => isValidNamespaceName(s.namespace).length === 0) };
}

/** A side the intent writes at synthesis. */
interface PlannedSide {
  readonly end: End;
  readonly namespace: string;
  readonly selector: LabelSelector;
  /** Its number among the end's sides in the namespace (0 for the plain name). */
  readonly index: number;
  /** The name its policy's name derives from. */
  readonly base: string;
}

/** How one end of the intent is addressed in messages and props. */
interface End {
  readonly field: 'from' | 'to';
  readonly role: 'source' | 'target';
  readonly prop: 'sourceSide' | 'targetSide';
  readonly direction: PolicyType;
}
const NO_ERRORS: readonly string[] = Object.freeze([]);
const SOURCE: End = { field: 'from', role: 'source', prop: 'sourceSide', direction: PolicyType.EGRESS };
const TARGET: End = { field: 'to', role: 'target', prop: 'targetSide', direction: PolicyType.INGRESS };
const NAME_THEM =
  "name the namespaces (Pods.labelled({...}).inNamespace('name') or .inNamespaces('a', 'b'), Namespaces.named('a', 'b')) and netfence writes a side in each";

/**
 * A connection intent: `from` may open connections to `to` on `ports`. It writes the ingress rule
 * on the target's side, in each namespace the target lives in, and the egress rule on the
 * source's side where the source's egress is isolated (Side.AUTO) or always (Side.ALWAYS). A side
 * in the intent's namespace is written under the intent; a side in another namespace goes to the
 * chart of that namespace when the app has one.
 */
export class Allow extends Construct implements IDeferredIntent {
  /** The name the intent's policies are derived from. */
  public readonly policyName: string;
  private readonly props: AllowProps;
  private readonly home: string | undefined;
  private ports: Port[] | undefined;
  private readonly targetMode: Side;
  private readonly sourceMode: Side;
  /** Every policy it wrote: first those written at construction, then sides written at synthesis. */
  private readonly written: NetworkPolicy[] = [];
  /** How many of `written` were written at construction (the rest at synthesis). */
  private writtenAtConstruction = 0;
  /**
   * The sides decided at the app's first synthesis (whole-app, or of the first chart they
   * concern), and their keys, to tell later whether the app still calls for them.
   */
  private decided: { readonly sides: readonly PlannedSide[]; readonly keys: readonly string[] } | undefined;
  /** The policy written for each decided side, by its position in `decided.sides` (a chart's first synthesis writes only its own). */
  private readonly deferred: (NetworkPolicy | undefined)[] = [];
  // The intent's values are immutable and its ports change only through on(): checked once.
  private checkedValues: readonly string[] | undefined;

  public constructor(scope: Construct, id: string, props: AllowProps) {
    super(scope, id);
    LeanTree.register(this);
    this.props = props;
    this.home = namespaceOf(this, props.namespace);
    const home = this.home ?? '';
    this.ports = props.ports === undefined ? undefined : [...props.ports];
    this.policyName =
      props.name ?? toDnsLabel('allow', props.from.nameFragment(home), 'to', props.to.nameFragment(home));
    this.targetMode = props.targetSide ?? Side.ALWAYS;
    this.sourceMode = props.sourceSide ?? Side.AUTO;
    LeanTree.ownValidation(this, { validate: () => this.valueProblems() as string[] });
    if (this.home === undefined) return;

    // Target sides in the intent's own namespace are known now: written at once, so `policies`
    // holds them before synthesis. Every other side waits for the whole app.
    if (this.targetMode === Side.ALWAYS) {
      const here = new SidesByNamespace();
      for (const s of this.target.named) if (s.namespace === this.home) here.add(s.namespace, [s.selector]);
      for (const [ns, selectors] of here.groups) {
        selectors.forEach((selector, i) => this.written.push(this.side(TARGET, this, ns, selector, i, this.policyName)));
      }
    }
    this.writtenAtConstruction = this.written.length;
    IntentResolver.of(this).registerIntent(this);
  }

  /** @internal Its validation would find nothing: its values (checked once per `on()`) are clean. */
  public _readyToStepOut(): boolean {
    return this.valueProblems().length === 0;
  }

  // Where the ends' pods live: derived from immutable values whenever needed, not kept, since an
  // app holds tens of thousands of intents.
  private get target(): PodPlacement {
    return this.targetMode === Side.NEVER ? NO_PODS : writable(placementOf(this.props.to, this.home ?? ''));
  }

  private get source(): PodPlacement {
    return this.sourceMode === Side.NEVER ? NO_PODS : writable(placementOf(this.props.from, this.home ?? ''));
  }

  /** Restricts the intent to these destination ports (adding to any given before). */
  public on(...ports: Port[]): this {
    if (ports.length === 0) {
      throw new NetfenceError(`${this.node.path}: on() needs at least one port; leave it out to allow every port`);
    }
    // A rule that allowed every port now allows only these.
    const all = [...(this.ports ?? []), ...ports];
    this.ports = all;
    this.checkedValues = undefined;
    for (const p of this.written) p._setRulePorts(all);
    AppState.touch(this);
    return this;
  }

  /** The policies this intent has written so far (sides outside its namespace appear at synthesis). */
  public get policies(): readonly NetworkPolicy[] {
    return [...this.written.slice(0, this.writtenAtConstruction), ...this.deferredPolicies()];
  }

  /** @internal */
  public intentFlow(): IntentFlow | undefined {
    if (this.home === undefined) return undefined;
    return { from: this.props.from, to: this.props.to, ...(this.ports !== undefined ? { ports: this.ports } : {}), home: this.home, sourceSide: this.sourceMode, targetSide: this.targetMode };
  }

  /** @internal The isolation its Side.ALWAYS sides in other namespaces add, written or not. */
  public pendingIsolation(): readonly IsolationEntry[] {
    if (this.home === undefined) return [];
    const by = (): string => `the Side.ALWAYS sides of ${this.node.path}`;
    const out: IsolationEntry[] = [];
    if (this.targetMode === Side.ALWAYS) {
      for (const s of this.target.named) {
        if (s.namespace !== this.home) out.push({ direction: PolicyType.INGRESS, namespace: s.namespace, selector: s.selector, by });
      }
    }
    if (this.sourceMode === Side.ALWAYS) {
      for (const s of this.source.named) out.push({ direction: PolicyType.EGRESS, namespace: s.namespace, selector: s.selector, by });
    }
    return out;
  }

  /** @internal Where its sides may go: its ends' named namespaces (those of its Side.AUTO ends decide them), and whether an end's are not named. */
  public reach(): IntentReach {
    const namespaces = new Set<string>();
    const decidedBy = new Set<string>();
    let unnamed = false;
    for (const [p, mode] of [[this.target, this.targetMode], [this.source, this.sourceMode]] as const) {
      for (const s of p.named) {
        namespaces.add(s.namespace);
        if (mode === Side.AUTO) decidedBy.add(s.namespace);
      }
      if (p.everywhere.length > 0 || p.labelled.length > 0) unnamed = true;
    }
    return { namespaces: [...namespaces], decidedBy: [...decidedBy], unnamed };
  }

  /** The problems of its values (what its own validation reports), checked once per `on()`. */
  private valueProblems(): readonly string[] {
    return (this.checkedValues ??= this.validateIntent());
  }

  /** @internal The sides it wrote at synthesis so far, in the order it decided them. */
  public deferredPolicies(): readonly NetworkPolicy[] {
    return this.deferred.filter((p): p is NetworkPolicy => p !== undefined);
  }

  /**
   * @internal Decides its sides (at the first call; later calls decide them again and report it
   * if they would now differ) and writes those not written yet that land in a chart `lands`
   * accepts (every one without it).
   */
  public materialize(ctx: ResolutionContext, lands?: (chart: Chart | undefined) => boolean): MaterializedSides {
    if (this.home === undefined) return { policies: [], positions: [], errors: [] };
    const home = this.home;
    const { sides, errors } = this.plan(ctx);
    const keys = sides.map((s) => this.sideKey(s, ctx));
    if (this.decided === undefined) this.decided = { sides, keys };
    else {
      const changed = this.changedSince(keys);
      if (changed !== undefined) errors.push(changed);
    }
    const out: NetworkPolicy[] = [];
    const positions: number[] = [];
    this.decided.sides.forEach((s, i) => {
      if (this.deferred[i] !== undefined || (lands !== undefined && !lands(ctx.scopes.landingChart(this, home, s.namespace)))) return;
      const policy = this.side(s.end, ctx.scopes.scopeFor(this, home, s.namespace), s.namespace, s.selector, s.index, s.base);
      this.deferred[i] = policy;
      out.push(policy);
      positions.push(i);
    });
    appendAll(this.written, out);
    return { policies: out, positions, errors };
  }

  /**
   * @internal The problems of deciding its sides again on the app as it is now: the same errors
   * as at the first synthesis, and one if the sides would differ from those written then
   * (the app changed after its first synthesis).
   */
  public recheck(ctx: ResolutionContext): readonly string[] {
    if (this.home === undefined || this.decided === undefined) return NO_ERRORS;
    const { sides, errors } = this.plan(ctx);
    const changed = this.changedSince(sides.map((s) => this.sideKey(s, ctx)));
    if (changed !== undefined) errors.push(changed);
    return errors.length === 0 ? NO_ERRORS : errors;
  }

  /** The error when the sides the app calls for now (`keys`) are not those decided. */
  private changedSince(keys: readonly string[]): string | undefined {
    const decided = this.decided!.keys;
    if (keys.join('\n') === decided.join('\n')) return undefined;
    // Names tell the two apart, unless they are the same: then what each side selects, and where it is written.
    const names = (k: readonly string[]): string => k.map((x) => x.split('\t')[0]).join(', ');
    const sameNames = names(keys) === names(decided);
    const detail = (x: string): string => {
      const [name, direction, where, selector] = x.split('\t');
      return sameNames ? `${name} (${direction.toLowerCase()} of pods ${selector}, under ${where})` : name;
    };
    const list = (k: readonly string[]): string => (k.length === 0 ? 'none' : k.map(detail).join(', '));
    return `the app changed after its first synthesis so that this intent's sides would differ (written then: ${list(decided)}; needed now: ${list(keys)}); netfence decides an intent's sides once, at the first synthesis of its app: declare every policy and intent before synthesizing, or build a new App`;
  }

  /** The sides written at synthesis, as the app is now: each end's namespaces and selectors. */
  private plan(ctx: ResolutionContext): { sides: PlannedSide[]; errors: string[] } {
    const errors: string[] = [];
    const sides: PlannedSide[] = [];
    const explicitTarget = this.props.targetSide !== undefined;
    const targets = this.sidesFor(TARGET, this.target, this.targetMode, explicitTarget, ctx, errors);
    for (const [ns, selectors] of targets.groups) {
      const first = targets.firstIndex(ns);
      selectors.forEach((selector, i) => sides.push({ end: TARGET, namespace: ns, selector, index: first + i, base: this.policyName }));
    }
    const hasTarget = this.writtenAtConstruction > 0 || sides.length > 0;
    const base = hasTarget ? `${this.policyName}-egress` : this.policyName;
    const sources = this.sidesFor(SOURCE, this.source, this.sourceMode, true, ctx, errors);
    for (const [ns, selectors] of sources.groups) {
      selectors.forEach((selector, i) => sides.push({ end: SOURCE, namespace: ns, selector, index: i, base }));
    }
    return { sides, errors };
  }

  /** A side as written: `ns/name` (for messages), then where and what it selects. */
  private sideKey(s: PlannedSide, ctx: ResolutionContext): string {
    const { name } = this.sideNames(s.end, s.namespace, s.index, s.base);
    const where = ctx.scopes.pathFor(this, this.home!, s.namespace);
    return `${s.namespace}/${name}\t${s.end.direction}\t${where}\t${JSON.stringify(s.selector.toManifest())}`;
  }

  /**
   * The sides one end needs: for Side.ALWAYS each namespace it lives in; for Side.AUTO the pods
   * some policy isolates, in each namespace (every isolated namespace for pods of any
   * namespace). Pods in namespaces chosen by labels cannot have a side: an error where one is
   * needed. An implicit ALWAYS (the target's default) acts as AUTO where it cannot be honoured.
   */
  private sidesFor(end: End, placement: PodPlacement, mode: Side, explicit: boolean, ctx: ResolutionContext, errors: string[]): SidesByNamespace {
    const out = new SidesByNamespace();
    if (mode === Side.NEVER) return out;
    const { index } = ctx;
    const always = mode === Side.ALWAYS;
    for (const s of placement.named) {
      // A Side.ALWAYS target side in the intent's own namespace was written at construction.
      if (always && end === TARGET && s.namespace === this.home) {
        out.written(s.namespace, [s.selector]);
        continue;
      }
      out.add(s.namespace, always ? [s.selector] : index.isolatedSelectors(end.direction, s.namespace, s.selector));
    }
    for (const selector of placement.everywhere) {
      if (always && explicit) {
        errors.push(
          `${end.field}: netfence cannot write the ${end.direction.toLowerCase()} side of pods ${selector.describe()} in every namespace, as ${end.prop}: Side.ALWAYS asks (it would need a policy in each namespace of the cluster); use Side.AUTO, which writes one in each namespace where the app isolates them, or ${NAME_THEM}`,
        );
        continue;
      }
      // A cluster default deny selects namespaces by labels: pods of namespaces netfence cannot name stay denied.
      const cluster = index.clusterIsolatorMeeting(end.direction, selector);
      if (cluster !== undefined) {
        errors.push(
          `${end.field}: the ${end.role} (pods ${selector.describe()} of every namespace) has its ${end.direction.toLowerCase()} denied by default by ${cluster} in namespaces netfence cannot name, so it cannot write the side that opens this flow there: ${NAME_THEM}, or set ${end.prop}: Side.NEVER if that side is not this app's to write`,
        );
        continue;
      }
      for (const ns of index.isolatedNamespaces(end.direction)) out.add(ns, index.isolatedSelectors(end.direction, ns, selector));
    }
    for (const l of placement.labelled) {
      if (always && explicit) {
        errors.push(this.labelledError(end, l, '', `, which ${end.prop}: Side.ALWAYS asks for`, 'or use Side.AUTO'));
        continue;
      }
      const by = index.isolatorMeeting(end.direction, l.selector);
      if (by !== undefined) {
        errors.push(
          this.labelledError(end, l, `, and ${by} isolates the ${end.direction.toLowerCase()} of pods that may be among them`, '', `or set ${end.prop}: Side.NEVER if that side is not this app's to write`),
        );
      }
    }
    return out;
  }

  private labelledError(end: End, l: LabelledPods, why: string, asked: string, otherwise: string): string {
    return `${end.field}: the ${end.role} (${l.description}) lives in namespaces chosen by labels${why}; a NetworkPolicy is namespaced, so netfence cannot write the ${end.direction.toLowerCase()} side there${asked}: ${NAME_THEM}, ${otherwise}`;
  }

  /** The construct id and object name of a side. */
  private sideNames(end: End, namespace: string, i: number, base: string): { id: string; name: string } {
    const home = this.home!;
    const direction = end === TARGET ? 'ingress' : 'egress';
    const idBase = namespace === home ? direction : `${direction}.${namespace}`;
    const nameBase = namespace === home ? base : toDnsLabel(home, base);
    return { id: i === 0 ? idBase : `${idBase}-${i + 1}`, name: i === 0 ? nameBase : `${nameBase}-${i + 1}` };
  }

  /** One side's policy: the target's ingress rule from `from`, or the source's egress rule to `to`. */
  private side(end: End, scope: Construct, namespace: string, selector: LabelSelector, i: number, base: string): NetworkPolicy {
    const home = this.home!;
    const { id, name } = this.sideNames(end, namespace, i, base);
    const rule = { peers: [end === TARGET ? this.props.from : this.props.to], ports: this.ports };
    const policy = new NetworkPolicy(scope, id, {
      name,
      namespace,
      selector,
      peerHomeNamespace: home,
      ...(end === TARGET ? { ingress: [rule] } : { egress: [rule] }),
      policyTypes: [end.direction],
    });
    policy._ruleValuesCheckedByIntent();
    return policy;
  }

  /** Every value of the intent, checked whether or not a side is written. */
  private validateIntent(): readonly string[] {
    if (this.home === undefined) return [MISSING_NAMESPACE];
    const errors = [...namespaceNameProblems(this.home, 'namespace')];
    const canCarry = (p: PodPlacement) => p.named.length > 0 || p.everywhere.length > 0;
    if (!canCarry(this.target) && !canCarry(this.source)) {
      errors.push(
        `no side can carry a rule: the target (${this.props.to.describe(this.home)}) and the source (${this.props.from.describe(this.home)}) are not pods netfence can write a policy for (pods of named namespaces, or of every namespace), or their sides are Side.NEVER; make one side pods, e.g. Pods.labelled({...}).inNamespace('ns')`,
      );
    }
    appendAll(errors, peerValueProblems(this.props.from, this.home, 'from'));
    appendAll(errors, peerValueProblems(this.props.to, this.home, 'to'));
    appendAll(errors, portValueProblems(this.ports));
    return errors.length === 0 ? NO_ERRORS : errors;
  }
}

/** The second half of the fluent form: `AllowFrom(scope, frontend).to(web)`. */
export interface AllowFromBuilder {
  /** Creates the intent `source -> target`; chain `.on(...)` to restrict ports. */
  to(target: IPeer, options?: Omit<AllowProps, 'from' | 'to'>): Allow;
}

/**
 * The fluent form of `Allow`, reading as the sentence:
 * `AllowFrom(shop, frontend).to(web).on(Port.tcp(8080))`. The construct id is the derived
 * policy name, so a second identical intent in one scope is an error, not a silent duplicate.
 */
export function AllowFrom(scope: Construct, source: IPeer): AllowFromBuilder {
  return {
    to(target: IPeer, options: Omit<AllowProps, 'from' | 'to'> = {}): Allow {
      const home = namespaceOf(scope, options.namespace) ?? '';
      const id = options.name ?? toDnsLabel('allow', source.nameFragment(home), 'to', target.nameFragment(home));
      if (scope.node.tryFindChild(id)) {
        throw new NetfenceError(
          `${scope.node.path}: there is already an intent '${id}' here; give this one another name with .to(target, { name: '...' })`,
        );
      }
      return new Allow(scope, id, { ...options, from: source, to: target });
    },
  };
}
