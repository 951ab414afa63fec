/**
 * Whether two sets of policies mean the same thing: for every pod there could be (witness-worlds.ts
 * gives one per kind of pod either set can tell apart), every address region and every port
 * interval, each direction is decided alike, tier by tier. Decided by the engine (computeMatrix)
 * on both sets, class by class, so the cost grows with the kinds of pods the policies
 * distinguish, never with how many pods a cluster runs.
 *
 * The claim: `equivalent` means the two sets are interchangeable inside any cluster, next to any
 * other policies (NetworkPolicies and cluster-scoped ones). Equal connectivity is not enough for
 * that, so the sets are compared on what each tier contributes:
 *
 * - NetworkPolicy tier: per direction, "is this pod isolated" and, for each peer and port, "is
 *   it admitted". A pod one set isolates and allows everything would close the moment another
 *   policy of the cluster isolates it too, so isolation counts on its own.
 * - Admin and Baseline tiers, per priority present in either set: per direction, pod, peer and
 *   port, the group answer of the set's policies of that tier and priority: the action of their
 *   first matching rules (Accept, Deny, Pass), `no rule` when none matches, `conflict` when they
 *   match with different actions (implementation-defined).
 *
 * Why that is sound: the engine (tiers.ts, tier-sets.ts) decides a direction from, per cluster
 * tier and priority, the set of actions the policies of that priority give (one action: it
 * decides, Pass moves on; several: implementation-defined; none: the next priority), and from the
 * NetworkPolicies' isolation and admission. Adding policies C to a set A makes the group of a
 * priority give actions(A) ∪ actions(C), which depends on A only through its group answer
 * (`conflict` stays a conflict whatever C adds); and isolation and admission of A ∪ C are unions.
 * So equal answers everywhere give equal verdicts for A ∪ C and B ∪ C for every C. The witnesses
 * cover every pod (their labels and their namespace's), the address regions every address (the
 * `networks` CIDRs included), the port intervals every port.
 *
 * How a group answer is read from the engine without a second evaluator: the group's policies
 * alone are evaluated twice, once with a probe policy of the same tier one priority later that
 * denies everything (Accept: allowed, Deny: denied, Pass: allowed, no rule: denied, conflict:
 * implementation-defined) and once with a probe at the same priority that accepts everything
 * (Accept: allowed, Deny, Pass and conflict: implementation-defined, no rule: allowed). The two
 * outcomes tell the five answers apart.
 *
 * What is refused, never guessed: rules with `nodes` or `domainNames` peers (which nodes exist
 * and what names resolve to are not in the witnesses), with a NetfenceError naming the policy.
 */
import { NetfenceError } from '../core/errors';
import { parseCidr } from '../core/ip';
import { PROTOCOL_NAMES, ProtocolName } from '../core/manifest';
import { addressRegions } from '../analysis/address-regions';
import { Endpoint, endpointName } from '../analysis/endpoint';
import { assembleInventory } from '../analysis/inventory';
import { ClassMatrix, computeMatrix, profileOutcome } from '../analysis/matrix';
import { EngineOptions } from '../analysis/options';
import { Outcome } from '../analysis/outcome';
import { ClusterPolicyTier, Direction, Policy, PolicyPeer, RuleAction } from '../analysis/policy-model';
import { formatPortInterval, portPartition, representativePort } from '../analysis/port-partition';
import { witnessWorlds, WitnessOptions } from '../analysis/witness-worlds';
import { connectivityKey } from './connectivity-key';

/** The tier a difference lies in. */
export type DifferenceTier = 'Admin' | 'NetworkPolicy' | 'Baseline';

/** One way in which the two sets decide differently. */
export interface PolicySetDifference {
  /** The witness world (of `witnessWorlds([first, second])`) the pods belong to. */
  readonly world: number;
  /** The tier whose answer differs; NetworkPolicy when absent. */
  readonly tier?: DifferenceTier;
  /** The priority whose group answer differs (cluster tiers). */
  readonly priority?: number;
  readonly direction: Direction;
  /** The witness whose direction is decided: the destination for ingress, the source for egress. */
  readonly pod: string;
  /** The other end (a witness pod or an address), or absent when the sets isolate the pod differently. */
  readonly peer?: string;
  /** The run of ports, when a peer is given. */
  readonly ports?: string;
  /**
   * What the first set decides: `allowed`, `denied`, `isolated` or `not isolated` (NetworkPolicy
   * tier); `Accept`, `Deny`, `Pass`, `no rule` or `conflict` (a cluster tier's group answer).
   */
  readonly first: string;
  /** What the second set decides. */
  readonly second: string;
}

/** The answer of `comparePolicySets`. */
export interface PolicySetComparison {
  readonly equivalent: boolean;
  /** The first differences found (at most `maxDifferences`). */
  readonly differences: readonly PolicySetDifference[];
  /** How many (pod, direction) isolations and (pair, direction, port run, tier, priority) decisions differ. */
  readonly differenceCount: number;
  /** Sizes of the comparison. */
  readonly stats: PolicySetComparisonStats;
}

/** How much was compared. */
export interface PolicySetComparisonStats {
  readonly worlds: number;
  readonly namespaceClasses: number;
  readonly podClasses: number;
  readonly witnessPods: number;
  readonly addressRegions: number;
  readonly portIntervals: number;
  /** Cluster tier priorities compared (one group per tier and priority either set holds). */
  readonly clusterGroups: number;
}

/** Options of `comparePolicySets`. */
export interface PolicySetComparisonOptions extends EngineOptions, WitnessOptions {
  /**
   * The protocols to compare.
   * @default TCP, UDP and SCTP
   */
  readonly protocols?: readonly ProtocolName[];
  /**
   * How many differences to describe.
   * @default 20
   */
  readonly maxDifferences?: number;
}

/** `x/app=web ingress from y/(no labels) on 80/TCP: allowed by the first set, denied by the second`. */
export function formatPolicySetDifference(d: PolicySetDifference): string {
  const tier = d.tier === undefined || d.tier === 'NetworkPolicy' ? '' : ` (${d.tier} tier, priority ${d.priority})`;
  if (d.peer === undefined) return `${d.direction} of ${d.pod}: ${d.first} under the first set, ${d.second} under the second`;
  const way = d.direction === 'ingress' ? `ingress to ${d.pod} from ${d.peer}` : `egress from ${d.pod} to ${d.peer}`;
  return `${way} on ${d.ports}${tier}: ${d.first} by the first set, ${d.second} by the second`;
}

/** The rule peers that the witnesses cannot stand for, with the policy that holds one. */
function refuseUncomparable(policies: readonly Policy[]): void {
  for (const p of policies) {
    for (const direction of ['ingress', 'egress'] as const) {
      p[direction].forEach((rule, i) => {
        const other = (rule.clusterPeers ?? [])[0];
        if (other === undefined) return;
        const what = other.kind === 'nodes' ? 'a nodes peer (which nodes a cluster runs, and their addresses, are not among the witnesses)' : 'a domainNames peer (what names resolve to is not known)';
        throw new NetfenceError(`comparePolicySets cannot compare ${p.id} ${direction}[${i}]: ${what}; only namespaces, pods and networks peers can be proved alike`);
      });
    }
  }
}

/** A cluster tier and priority one of the sets holds policies at. */
interface ClusterGroup {
  readonly tier: ClusterPolicyTier;
  readonly priority: number;
}

function clusterGroups(policies: readonly Policy[]): ClusterGroup[] {
  const seen = new Map<string, ClusterGroup>();
  for (const p of policies) {
    if (p.tier === 'NetworkPolicy') continue;
    seen.set(`${p.tier}/${p.priority}`, { tier: p.tier, priority: p.priority });
  }
  return [...seen.values()].sort((x, y) => (x.tier === y.tier ? x.priority - y.priority : x.tier === 'Admin' ? -1 : 1));
}

/** What policies say, their own names left out: equal keys give equal answers. */
function meaningKey(policies: readonly Policy[]): string {
  return policies
    .map((p) =>
      JSON.stringify([p.namespace ?? '', p.tier, p.priority, p.subject, p.isolatesIngress, p.isolatesEgress, p.ingress, p.egress], (_key, v: unknown) =>
        typeof v === 'bigint' ? v.toString() : v,
      ),
    )
    .sort()
    .join('\n');
}

/** Every pod and every address: the probe's peers. */
const EVERYONE: readonly PolicyPeer[] = [
  { kind: 'pods', namespaceSelector: {}, podSelector: {} },
  { kind: 'ipBlock', cidr: parseCidr('0.0.0.0/0')!, except: [] },
  { kind: 'ipBlock', cidr: parseCidr('::/0')!, except: [] },
];

/** A policy of the tier, at the priority, over every pod, whose one rule per direction does `action` to everyone. */
function probe(tier: ClusterPolicyTier, priority: number, action: RuleAction): Policy {
  const rule = { action, peers: EVERYONE };
  return {
    kind: 'ClusterNetworkPolicy',
    tier,
    priority,
    name: `probe-${action}`,
    id: `cnp/(probe ${action})`,
    subject: { namespaceSelector: {}, podSelector: {} },
    isolatesIngress: false,
    isolatesEgress: false,
    ingress: [rule],
    egress: [rule],
  };
}

/** The group answer from the two probed outcomes (see the file comment). */
function groupAnswer(laterDeny: Outcome, sameAccept: Outcome): string {
  if (laterDeny === 'allowed' && sameAccept === 'allowed') return 'Accept';
  if (laterDeny === 'denied' && sameAccept === 'implementation-defined') return 'Deny';
  if (laterDeny === 'allowed' && sameAccept === 'implementation-defined') return 'Pass';
  if (laterDeny === 'denied' && sameAccept === 'allowed') return 'no rule';
  if (laterDeny === 'implementation-defined' && sameAccept === 'implementation-defined') return 'conflict';
  // Not reachable without domain names (refused); compared as it is rather than guessed.
  return `${laterDeny} / ${sameAccept}`;
}

/** True when the two sets decide every direction of every possible pod alike, tier by tier (see the file comment). */
export function comparePolicySets(a: readonly Policy[], b: readonly Policy[], options: PolicySetComparisonOptions = {}): PolicySetComparison {
  refuseUncomparable([...a, ...b]);
  const maxDifferences = options.maxDifferences ?? 20;
  const protocols = options.protocols ?? PROTOCOL_NAMES;
  const witnesses = witnessWorlds([a, b], options);
  const differences: PolicySetDifference[] = [];
  let differenceCount = 0;
  const note = (d: PolicySetDifference): void => {
    differenceCount++;
    if (differences.length < maxDifferences) differences.push(d);
  };
  const tally = (n: Note): Tally => ({
    note: n,
    full: () => differences.length >= maxDifferences,
    skip: (count) => {
      differenceCount += count;
    },
  });
  const npA = a.filter((p) => p.tier === 'NetworkPolicy');
  const npB = b.filter((p) => p.tier === 'NetworkPolicy');
  const inGroup = (set: readonly Policy[], g: ClusterGroup): Policy[] => set.filter((p) => p.tier === g.tier && p.priority === g.priority);
  // Groups both sets write alike need no comparison.
  const groups = clusterGroups([...a, ...b]).filter((g) => meaningKey(inGroup(a, g)) !== meaningKey(inGroup(b, g)));
  const compareNp = meaningKey(npA) !== meaningKey(npB);
  let regionCount = 0;
  let intervalCount = 0;
  witnesses.worlds.forEach((world, w) => {
    const invA = assembleInventory(world.namespaces, world.pods, a);
    const invB = assembleInventory(world.namespaces, world.pods, b);
    const intervals = portPartition([invA, invB], protocols);
    const regions = addressRegions([invA, invB]);
    regionCount = Math.max(regionCount, regions.length);
    intervalCount = Math.max(intervalCount, intervals.length);
    const externals = regions.map((r) => r.address);
    const reps = intervals.map(representativePort);
    const engine = { ...(options.ipBlockMatchesPods === undefined ? {} : { ipBlockMatchesPods: options.ipBlockMatchesPods }), externals };
    const matrix = (policies: readonly Policy[]): ClassMatrix => computeMatrix(assembleInventory(world.namespaces, world.pods, policies), reps, engine);
    const portText = (k: number): string => formatPortInterval(intervals[k]);
    if (compareNp) {
      const ma = matrix(npA);
      const mb = matrix(npB);
      compareIsolation(ma, mb, (d) => note({ world: w, ...d }));
      compareAnswers([ma], [mb], ([o]) => (o === 'allowed' ? 'allowed' : 'denied'), portText, tally((d) => note({ world: w, ...d })));
    }
    for (const g of groups) {
      const probed = (set: readonly Policy[]): ClassMatrix[] => {
        const own = inGroup(set, g);
        return [matrix([...own, probe(g.tier, g.priority + 1, 'Deny')]), matrix([...own, probe(g.tier, g.priority, 'Accept')])];
      };
      compareAnswers(probed(a), probed(b), ([x, z]) => groupAnswer(x, z), portText, tally((d) => note({ world: w, tier: g.tier, priority: g.priority, ...d })));
    }
  });
  return {
    equivalent: differenceCount === 0,
    differences,
    differenceCount,
    stats: {
      worlds: witnesses.worlds.length,
      namespaceClasses: witnesses.namespaceClasses,
      podClasses: witnesses.podClasses,
      witnessPods: witnesses.pods,
      addressRegions: regionCount,
      portIntervals: intervalCount,
      clusterGroups: clusterGroups([...a, ...b]).length,
    },
  };
}

type Note = (d: Omit<PolicySetDifference, 'world'>) => void;

/** Where differences go: described while fewer than the most wanted are, else only counted. */
interface Tally {
  readonly note: Note;
  /** True when no more differences will be described. */
  readonly full: () => boolean;
  /** Counts differences that will not be described. */
  readonly skip: (count: number) => void;
}

/** Classes alike under every matrix given (all over the same endpoints): one representative endpoint each. */
function jointClasses(matrices: readonly ClassMatrix[]): { members: number[]; classes: number[][] } {
  const endpoints = matrices[0].model.endpoints;
  const seen = new Set<string>();
  const members: number[] = [];
  const classes: number[][] = matrices.map(() => []);
  endpoints.forEach((_, i) => {
    const own = matrices.map((m) => m.model.classOfEndpoint[i]);
    const key = own.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    members.push(i);
    own.forEach((c, m) => classes[m].push(c));
  });
  return { members, classes };
}

/** Compares which pods the NetworkPolicies of each set isolate, per direction. */
function compareIsolation(ma: ClassMatrix, mb: ClassMatrix, note: Note): void {
  const { members, classes } = jointClasses([ma, mb]);
  const endpoints = ma.model.endpoints;
  members.forEach((i, j) => {
    if (endpoints[i].kind !== 'pod') return;
    for (const direction of ['ingress', 'egress'] as const) {
      const isolated = (m: ClassMatrix, c: number): boolean => (direction === 'ingress' ? m.model.ingressPolicies[c] : m.model.egressPolicies[c]).length > 0;
      const ia = isolated(ma, classes[0][j]);
      const ib = isolated(mb, classes[1][j]);
      if (ia !== ib) note({ direction, pod: endpointName(endpoints[i] as Endpoint), first: ia ? 'isolated' : 'not isolated', second: ib ? 'isolated' : 'not isolated' });
    }
  });
}

/**
 * Compares, per direction, subject pod, peer and port run, the answer `answer` reads from each
 * set's matrices (their per-direction outcomes, in order); all matrices share endpoints and ports.
 * A subject's answers depend only on its profiles (one per matrix), so the peers that differ are
 * found once per tuple of profiles and replayed, in order, for every subject that has it.
 */
function compareAnswers(ms: readonly ClassMatrix[], ns: readonly ClassMatrix[], answer: (outcomes: Outcome[]) => string, portText: (k: number) => string, tally: Tally): void {
  const all = [...ms, ...ns];
  const endpoints = all[0].model.endpoints;
  const { members, classes } = jointClasses(all);
  const size = members.length;
  const isPod = members.map((i) => endpoints[i].kind === 'pod');
  const names: (string | undefined)[] = [];
  const name = (j: number): string => (names[j] ??= endpointName(endpoints[members[j]] as Endpoint));
  const compared = new Set<string>();
  all[0].connectivity.forEach((_, k) => {
    // Port runs that every matrix answers alike for every pair of classes were compared already.
    const key = all.map((m) => connectivityKey(m.connectivity[k])).join('|');
    if (compared.has(key)) return;
    compared.add(key);
    const bufferA: Outcome[] = ms.map(() => 'allowed');
    const bufferB: Outcome[] = ns.map(() => 'allowed');
    const profileOf = (direction: Direction, x: number, subject: number): number => {
      const pc = all[x].connectivity[k];
      const c = classes[x][subject];
      return direction === 'egress' ? pc.egressProfile[c] : pc.ingressProfile[c];
    };
    /** The peers whose answers differ, for a subject of these profiles (one per matrix). */
    const differing = (direction: Direction, profiles: readonly number[]): { peer: number; first: string; second: string }[] => {
      const own = all.map((m, x) => {
        const pc = m.connectivity[k];
        return direction === 'egress'
          ? { allowed: pc.egressSets[profiles[x]], undecided: pc.egressUndecided[profiles[x]] }
          : { allowed: pc.ingressSets[profiles[x]], undecided: pc.ingressUndecided[profiles[x]] };
      });
      const out: { peer: number; first: string; second: string }[] = [];
      for (let d = 0; d < size; d++) {
        for (let x = 0; x < ms.length; x++) bufferA[x] = profileOutcome(own[x].allowed, own[x].undecided, classes[x][d]);
        for (let x = 0; x < ns.length; x++) bufferB[x] = profileOutcome(own[ms.length + x].allowed, own[ms.length + x].undecided, classes[ms.length + x][d]);
        const first = answer(bufferA);
        const second = answer(bufferB);
        if (first !== second) out.push({ peer: d, first, second });
      }
      return out;
    };
    const found = new Map<string, { peer: number; first: string; second: string }[]>();
    let ports: string | undefined;
    for (let s = 0; s < size; s++) {
      if (!isPod[s]) continue;
      for (const direction of ['egress', 'ingress'] as const) {
        const profiles = all.map((_, x) => profileOf(direction, x, s));
        const profileKey = `${direction}:${profiles.join(',')}`;
        let diffs = found.get(profileKey);
        if (diffs === undefined) found.set(profileKey, (diffs = differing(direction, profiles)));
        for (let i = 0; i < diffs.length; i++) {
          if (tally.full()) {
            tally.skip(diffs.length - i);
            break;
          }
          const { peer, first, second } = diffs[i];
          tally.note({ direction, pod: name(s), peer: name(peer), ports: (ports ??= portText(k)), first, second });
        }
      }
    }
  });
}
