/**
 * Whether two sets of policies mean the same thing: for every pod there could be (witness-worlds.ts
 * gives one per kind of pod either set can tell apart), every address region and every port
 * interval, each direction is decided alike. Decided by the engine (computeMatrix) on both sets,
 * class by class, so the cost grows with the kinds of pods the policies distinguish, never with
 * how many pods a cluster runs.
 *
 * Equal per direction is stronger than equal connectivity (a flow needs its source's egress AND
 * its destination's ingress), and it is what a set needs to replace another inside a larger
 * cluster: the sets must also isolate the same pods, since a pod one set isolates and allows
 * everything would close the moment another policy of the cluster isolates it too. So the
 * comparison asks, per direction, "is this pod isolated" and, for each peer and port, "is it
 * allowed"; equal answers everywhere make the two sets interchangeable next to any other
 * NetworkPolicies.
 */
import { NetfenceError } from '../core/errors';
import { PROTOCOL_NAMES, ProtocolName } from '../core/manifest';
import { addressRegions } from '../analysis/address-regions';
import { Endpoint, endpointName } from '../analysis/endpoint';
import { assembleInventory } from '../analysis/inventory';
import { ClassMatrix, computeMatrix } from '../analysis/matrix';
import { EngineOptions } from '../analysis/options';
import { Direction, Policy } from '../analysis/policy-model';
import { formatPortInterval, portPartition, representativePort } from '../analysis/port-partition';
import { witnessWorlds, WitnessOptions } from '../analysis/witness-worlds';
import { connectivityKey } from './connectivity-key';

/** One way in which the two sets decide differently. */
export interface PolicySetDifference {
  /** The witness world (of `witnessWorlds([first, second])`) the pods belong to. */
  readonly world: number;
  readonly direction: Direction;
  /** The witness whose direction is decided: the destination for ingress, the source for egress. */
  readonly pod: string;
  /** The other end (a witness pod or an address), or absent when the sets isolate the pod differently. */
  readonly peer?: string;
  /** The run of ports, when a peer is given. */
  readonly ports?: string;
  /** What the first set decides: `allowed`, `denied`, `isolated` or `not isolated`. */
  readonly first: string;
  /** What the second set decides. */
  readonly second: string;
}

/** The answer of `comparePolicySets`. */
export interface PolicySetComparison {
  readonly equivalent: boolean;
  /** The first differences found (at most `maxDifferences`). */
  readonly differences: readonly PolicySetDifference[];
  /** How many (pod, direction) isolations and (pair, direction, port run) decisions differ. */
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
  if (d.peer === undefined) return `${d.direction} of ${d.pod}: ${d.first} under the first set, ${d.second} under the second`;
  const way = d.direction === 'ingress' ? `ingress to ${d.pod} from ${d.peer}` : `egress from ${d.pod} to ${d.peer}`;
  return `${way} on ${d.ports}: ${d.first} by the first set, ${d.second} by the second`;
}

/** True when the two sets decide every direction of every possible pod alike (see the file comment). */
export function comparePolicySets(a: readonly Policy[], b: readonly Policy[], options: PolicySetComparisonOptions = {}): PolicySetComparison {
  const cluster = [...a, ...b].find((p) => p.kind !== 'NetworkPolicy');
  if (cluster !== undefined) {
    // The witnesses and the per-direction comparison model the NetworkPolicy tier only: an answer here would be a guess.
    throw new NetfenceError(`comparePolicySets compares NetworkPolicies only; ${cluster.kind} ${cluster.name} is cluster-scoped (its tiers' actions and priorities are not compared yet)`);
  }
  const maxDifferences = options.maxDifferences ?? 20;
  const protocols = options.protocols ?? PROTOCOL_NAMES;
  const witnesses = witnessWorlds([a, b], options);
  const differences: PolicySetDifference[] = [];
  let differenceCount = 0;
  const note = (d: PolicySetDifference): void => {
    differenceCount++;
    if (differences.length < maxDifferences) differences.push(d);
  };
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
    compareWorld(computeMatrix(invA, reps, engine), computeMatrix(invB, reps, engine), (k) => formatPortInterval(intervals[k]), (d) => note({ world: w, ...d }));
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
    },
  };
}

/** Compares two matrices over the same endpoints and ports, direction by direction. */
function compareWorld(ma: ClassMatrix, mb: ClassMatrix, portText: (k: number) => string, note: (d: Omit<PolicySetDifference, 'world'>) => void): void {
  const endpoints = ma.model.endpoints;
  // Joint classes: endpoints alike under both sets.
  const jointOf = new Map<string, number>();
  const firstMember: number[] = [];
  const classA: number[] = [];
  const classB: number[] = [];
  endpoints.forEach((_, i) => {
    const ca = ma.model.classOfEndpoint[i];
    const cb = mb.model.classOfEndpoint[i];
    const key = `${ca},${cb}`;
    if (jointOf.has(key)) return;
    jointOf.set(key, firstMember.length);
    firstMember.push(i);
    classA.push(ca);
    classB.push(cb);
  });
  const size = firstMember.length;
  const isPod = firstMember.map((i) => endpoints[i].kind === 'pod');
  const name = (j: number): string => endpointName(endpoints[firstMember[j]] as Endpoint);

  for (let j = 0; j < size; j++) {
    if (!isPod[j]) continue;
    for (const direction of ['ingress', 'egress'] as const) {
      const list = (m: ClassMatrix, c: number): readonly number[] => (direction === 'ingress' ? m.model.ingressPolicies[c] : m.model.egressPolicies[c]);
      const ia = list(ma, classA[j]).length > 0;
      const ib = list(mb, classB[j]).length > 0;
      if (ia !== ib) note({ direction, pod: name(j), first: ia ? 'isolated' : 'not isolated', second: ib ? 'isolated' : 'not isolated' });
    }
  }

  const verdict = (allowed: boolean): string => (allowed ? 'allowed' : 'denied');
  const compared = new Set<string>();
  ma.connectivity.forEach((pa, k) => {
    const pb = mb.connectivity[k];
    // Port runs that both sets answer alike for every pair of classes were compared already.
    const key = `${connectivityKey(pa)}|${connectivityKey(pb)}`;
    if (compared.has(key)) return;
    compared.add(key);
    for (let s = 0; s < size; s++) {
      const egressA = isPod[s] ? pa.egressSets[pa.egressProfile[classA[s]]] : undefined;
      const egressB = isPod[s] ? pb.egressSets[pb.egressProfile[classB[s]]] : undefined;
      for (let d = 0; d < size; d++) {
        if (egressA && egressB) {
          const ea = egressA.has(classA[d]);
          const eb = egressB.has(classB[d]);
          if (ea !== eb) note({ direction: 'egress', pod: name(s), peer: name(d), ports: portText(k), first: verdict(ea), second: verdict(eb) });
        }
        if (isPod[d]) {
          const ia = pa.ingressSets[pa.ingressProfile[classA[d]]].has(classA[s]);
          const ib = pb.ingressSets[pb.ingressProfile[classB[d]]].has(classB[s]);
          if (ia !== ib) note({ direction: 'ingress', pod: name(d), peer: name(s), ports: portText(k), first: verdict(ia), second: verdict(ib) });
        }
      }
    }
  });
}
