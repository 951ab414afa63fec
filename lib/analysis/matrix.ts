/**
 * Connectivity of every pair of endpoints for given ports, computed per equivalence class.
 *
 * For each port, every destination class gets an ingress profile (the rules that decide that port
 * on it) whose sets of source classes are built once per distinct profile; every source class gets
 * an egress profile likewise. A profile of NetworkPolicies alone is a union of precomputed peer
 * sets (the classes admitted); a profile in which cluster-scoped policies take part is evaluated
 * tier by tier over bitsets (tier-sets.ts), and also says which classes are implementation-defined
 * or depend on DNS. A pair's outcome is then a few membership tests. No policy is ever evaluated
 * for a pair of pods.
 */
import { Bitset } from './bitset';
import { ClassSet, compactSet, unionOf, UnionPart } from './class-set';
import { ClassModel, buildClassModel } from './equivalence-classes';
import { Endpoint, ExternalEndpoint, PortProtocol, endpointName, externalEndpoint, formatPortSpec } from './endpoint';
import { Inventory } from './inventory';
import { portsMatch } from './matching';
import { EngineOptions } from './options';
import { combineOutcomes, Outcome, UndecidedOutcome } from './outcome';
import { Direction, PolicyPort, rulesFor } from './policy-model';
import { evaluateProgram, SetGroup, SetPolicy, SetRule, TierProgram } from './tier-sets';
import { NetfenceError } from '../core/errors';

/** The classes of a profile that are neither allowed nor denied. */
export interface UndecidedSets {
  readonly implementationDefined: ClassSet;
  readonly dependsOnDns: ClassSet;
}

/** The connectivity between classes for one port. */
export interface PortConnectivity {
  readonly port: PortProtocol;
  /** Per source class, the index of its egress profile in `egressSets`. */
  readonly egressProfile: Int32Array;
  /** Per egress profile, the destination classes it allows. */
  readonly egressSets: readonly ClassSet[];
  /** Per egress profile, the destination classes it leaves undecided (absent: none). */
  readonly egressUndecided: readonly (UndecidedSets | undefined)[];
  /** Per destination class, the index of its ingress profile in `ingressSets`. */
  readonly ingressProfile: Int32Array;
  /** Per ingress profile, the source classes it allows. */
  readonly ingressSets: readonly ClassSet[];
  /** Per ingress profile, the source classes it leaves undecided (absent: none). */
  readonly ingressUndecided: readonly (UndecidedSets | undefined)[];
  /** True when some profile leaves some class undecided. */
  readonly undecided: boolean;
}

/**
 * One column of a matrix's output: a port, a run of ports that no policy tells apart, or a named
 * container port, which resolves per destination.
 */
export interface MatrixColumn {
  /** `80/TCP`, `1-79/TCP`, `metrics/TCP`. */
  readonly label: string;
  /** The index into `connectivity` that answers for this destination (by endpoint index); undefined when the port does not exist there. */
  at(destination: number): number | undefined;
}

/** A matrix at the level of classes; materialize it to pairs only when the output needs them. */
export interface ClassMatrix {
  /** @internal The equivalence classes the matrix is computed over: the engine's, not an API. */
  readonly model: ClassModel;
  /** The ports computed, one `connectivity` entry each. */
  readonly ports: readonly PortProtocol[];
  /** @internal Per port, which classes reach which: the engine's, not an API. */
  readonly connectivity: readonly PortConnectivity[];
  /** The columns of output; by default one per entry of `ports`. */
  readonly columns: readonly MatrixColumn[];
  /** The endpoints shown as sources (indices into model.endpoints, ascending); all by default. */
  readonly rows: readonly number[];
  /** The endpoints shown as destinations; all by default. */
  readonly cols: readonly number[];
  /** For external endpoints that stand for a region of addresses: the region, by address. */
  readonly regions: ReadonlyMap<string, string>;
}

/** Options of a matrix computation. */
export interface MatrixOptions extends EngineOptions {
  /** Addresses outside the cluster to include as sources and destinations. */
  readonly externals?: readonly string[];
  /** Regions the externals stand for (address to description), for outputs that name them. */
  readonly regions?: ReadonlyMap<string, string>;
}

/** True when the source class may open a connection to the destination class on the port. */
export function classAllows(pc: PortConnectivity, source: number, destination: number): boolean {
  return pc.egressSets[pc.egressProfile[source]].has(destination) && pc.ingressSets[pc.ingressProfile[destination]].has(source);
}

/** One side's outcome for a peer class, given the side's profile sets (allowed, undecided). */
export function profileOutcome(allowed: ClassSet, undecided: UndecidedSets | undefined, peer: number): Outcome {
  if (allowed.has(peer)) return 'allowed';
  if (undecided === undefined) return 'denied';
  if (undecided.implementationDefined.has(peer)) return 'implementation-defined';
  return undecided.dependsOnDns.has(peer) ? 'depends-on-dns' : 'denied';
}

/** The outcome of a flow from the source class to the destination class on the port. */
export function classOutcome(pc: PortConnectivity, source: number, destination: number): Outcome {
  if (!pc.undecided) return classAllows(pc, source, destination) ? 'allowed' : 'denied';
  const e = pc.egressProfile[source];
  const i = pc.ingressProfile[destination];
  return combineOutcomes(profileOutcome(pc.egressSets[e], pc.egressUndecided[e], destination), profileOutcome(pc.ingressSets[i], pc.ingressUndecided[i], source));
}

/** Numeric port lists do not look at the destination; any endpoint will do. */
const ANY_DESTINATION: Endpoint = externalEndpoint('0.0.0.0');

function portsKey(ports: readonly PolicyPort[]): string {
  return JSON.stringify(ports.map((p) => [p.protocol, p.port ?? null, p.endPort ?? null]));
}

/** A rule's port filter over destination classes: none, all, or a mask. */
interface PortMask {
  readonly id: number;
  readonly mask?: Bitset;
}

function connectivityFor(model: ClassModel, pp: PortProtocol): PortConnectivity {
  const size = model.classes.length;
  const policies = model.inventory.policies;
  const full = Bitset.full(size);
  const allClasses = Int32Array.from({ length: size }, (_, i) => i);
  const fullPart: UnionPart = { members: allClasses, bits: () => full };
  const atomPart = (atom: number, mask?: Bitset): UnionPart => ({ members: model.atomClasses(atom), bits: () => model.atomBits(atom), ...(mask ? { mask } : {}) });
  const reps: Endpoint[] = model.classes.map((c) => c.representative);

  // Egress: a rule's ports are matched against each destination (named ports resolve there).
  const portMasks = new Map<string, PortMask>();
  const NONE: PortMask = { id: -1 };
  const ALL: PortMask = { id: 0 };
  const portMask = (ports: readonly PolicyPort[] | undefined): PortMask => {
    if (ports === undefined) return ALL;
    if (ports.every((p) => typeof p.port !== 'string')) return portsMatch(ports, pp.port, pp.protocol, ANY_DESTINATION) ? ALL : NONE;
    const key = portsKey(ports);
    let m = portMasks.get(key);
    if (!m) {
      const mask = new Bitset(size);
      let any = false;
      for (let c = 0; c < size; c++) {
        if (portsMatch(ports, pp.port, pp.protocol, reps[c])) {
          mask.add(c);
          any = true;
        }
      }
      m = any ? { id: portMasks.size + 1, mask } : NONE;
      portMasks.set(key, m);
    }
    return m;
  };
  /** How a rule's ports apply for a subject: ingress decides them on the subject, egress per destination. */
  const rulePorts = (direction: Direction, ports: readonly PolicyPort[] | undefined, subject: number): PortMask =>
    direction === 'ingress' ? (portsMatch(ports, pp.port, pp.protocol, reps[subject]) ? ALL : NONE) : portMask(ports);

  // Cluster programs, keyed by what decides them, evaluated once each; the index of their profile.
  const programs = new Map<string, number>();
  const union = (atoms: readonly number[], mask: Bitset | undefined, all = false): Bitset => {
    const out = new Bitset(size);
    if (all) out.addAll(full);
    else for (const a of atoms) out.addAll(model.atomBits(a));
    if (mask) for (let w = 0; w < out.words.length; w++) out.words[w] &= mask.words[w];
    return out;
  };
  const hasClusterRules = (direction: Direction, c: number): boolean =>
    [...model.adminPolicies[c], ...model.baselinePolicies[c]].some((pi) => rulesFor(policies[pi], direction).length > 0);
  /** The groups of one tier for a subject, and their key. */
  const groupsOf = (direction: Direction, list: readonly number[], subject: number): { key: string; build: () => SetGroup[] } => {
    const parts: string[] = [];
    const groups: { policy: number; rules: { index: number; pm: PortMask }[] }[][] = [];
    let last: number | undefined;
    for (const pi of list) {
      const policy = policies[pi];
      const rules = rulesFor(policy, direction)
        .map((_, index) => ({ index, pm: rulePorts(direction, rulesFor(policy, direction)[index].ports, subject) }))
        .filter((r) => r.pm !== NONE);
      if (rules.length === 0) continue;
      if (last !== policy.priority) {
        groups.push([]);
        parts.push('|');
        last = policy.priority;
      }
      groups[groups.length - 1].push({ policy: pi, rules });
      parts.push(
        `(${rules
          .map((r) => {
            const rule = rulesFor(policy, direction)[r.index];
            const atoms = rule.peers === undefined ? '*' : rule.peers.map((_, k) => model.peerAtom(pi, direction, r.index, k)).join(' ');
            const others = (rule.clusterPeers ?? []).map((p, k) => `${p.kind === 'nodes' ? 'n' : 'd'}${model.clusterPeerAtom(pi, direction, r.index, k)}`).join(' ');
            return `${rule.action}:${r.pm.id}:${atoms}:${others}`;
          })
          .join(';')})`,
      );
    }
    const build = (): SetGroup[] =>
      groups.map((g) =>
        g.map(({ policy: pi, rules }): SetPolicy =>
          rules.map(({ index, pm }): SetRule => {
            const rule = rulesFor(policies[pi], direction)[index];
            const definite = rule.peers === undefined ? [] : rule.peers.map((_, k) => model.peerAtom(pi, direction, index, k));
            const others = rule.clusterPeers ?? [];
            others.forEach((p, k) => {
              if (p.kind === 'nodes') definite.push(model.clusterPeerAtom(pi, direction, index, k));
            });
            const maybe = others.flatMap((p, k) => (p.kind === 'domainNames' ? [model.clusterPeerAtom(pi, direction, index, k)] : []));
            return {
              action: rule.action,
              matches: union(definite, pm.mask, rule.peers === undefined),
              ...(maybe.length > 0 ? { maybe: union(maybe, pm.mask) } : {}),
            };
          }),
        ),
      );
    return { key: parts.join(''), build };
  };
  /**
   * The profile (an index into `sets`) of a subject some cluster rule of the direction applies to,
   * evaluated the first time its program is seen.
   */
  const clusterProfile = (
    direction: Direction,
    c: number,
    npKey: string,
    admitted: () => Bitset | undefined,
    sets: ClassSet[],
    undecidedSets: (UndecidedSets | undefined)[],
  ): number => {
    const admin = groupsOf(direction, model.adminPolicies[c], c);
    const baseline = groupsOf(direction, model.baselinePolicies[c], c);
    const key = `${direction}#${admin.key}#${npKey}#${baseline.key}`;
    let profile = programs.get(key);
    if (profile === undefined) {
      const a = admitted();
      const program: TierProgram = { admin: admin.build(), ...(a !== undefined ? { admitted: a } : {}), baseline: baseline.build() };
      const result = evaluateProgram(program, size);
      const undecided = result.implementationDefined.words.some((w) => w !== 0) || result.dependsOnDns.words.some((w) => w !== 0);
      profile = sets.length;
      sets.push(compactSet(result.allowed));
      undecidedSets.push(undecided ? { implementationDefined: compactSet(result.implementationDefined), dependsOnDns: compactSet(result.dependsOnDns) } : undefined);
      programs.set(key, profile);
    }
    return profile;
  };

  // Ingress: which rules admit the port is decided on the destination itself. Profiles are keyed
  // by the atoms they admit, so identical peers in different policies share one set.
  const ingressSets: ClassSet[] = [full];
  const ingressUndecided: (UndecidedSets | undefined)[] = [undefined];
  const ingressKeys = new Map<string, number>();
  const ingressProfile = new Int32Array(size);
  for (let d = 0; d < size; d++) {
    const isolating = model.ingressPolicies[d];
    const cluster = hasClusterRules('ingress', d);
    if (isolating.length === 0 && !cluster) continue; // profile 0: open
    const atoms = new Set<number>();
    let all = false;
    for (const pi of isolating) {
      policies[pi].ingress.forEach((rule, ri) => {
        if (all || !portsMatch(rule.ports, pp.port, pp.protocol, reps[d])) return;
        if (rule.peers === undefined) all = true;
        else rule.peers.forEach((_, k) => atoms.add(model.peerAtom(pi, 'ingress', ri, k)));
      });
    }
    const sorted = [...atoms].sort((a, b) => a - b);
    const key = isolating.length === 0 ? '-' : all ? '*' : sorted.join(',');
    if (cluster) {
      ingressProfile[d] = clusterProfile('ingress', d, key, () => (isolating.length === 0 ? undefined : union(sorted, undefined, all)), ingressSets, ingressUndecided);
      continue;
    }
    let profile = ingressKeys.get(key);
    if (profile === undefined) {
      profile = ingressSets.length;
      ingressSets.push(all ? full : unionOf(sorted.map((a) => atomPart(a)), size, full));
      ingressUndecided.push(undefined);
      ingressKeys.set(key, profile);
    }
    ingressProfile[d] = profile;
  }

  const egressSets: ClassSet[] = [full];
  const egressUndecided: (UndecidedSets | undefined)[] = [undefined];
  const egressKeys = new Map<string, number>();
  const egressProfile = new Int32Array(size);
  for (let s = 0; s < size; s++) {
    const isolating = model.egressPolicies[s];
    const cluster = hasClusterRules('egress', s);
    if (isolating.length === 0 && !cluster) continue;
    const parts = new Map<string, UnionPart>();
    for (const pi of isolating) {
      policies[pi].egress.forEach((rule, ri) => {
        const pm = portMask(rule.ports);
        if (pm === NONE) return;
        if (rule.peers === undefined) parts.set(`${pm.id}:*`, pm.mask ? { ...fullPart, mask: pm.mask } : fullPart);
        else rule.peers.forEach((_, k) => {
          const atom = model.peerAtom(pi, 'egress', ri, k);
          parts.set(`${pm.id}:${atom}`, atomPart(atom, pm.mask));
        });
      });
    }
    const keys = [...parts.keys()].sort();
    const npKey = isolating.length === 0 ? '-' : keys.join(',');
    if (cluster) {
      const admitted = (): Bitset | undefined => {
        if (isolating.length === 0) return undefined;
        const out = new Bitset(size);
        for (const part of parts.values()) {
          if (part.mask) out.addIntersection(part.bits(), part.mask);
          else out.addAll(part.bits());
        }
        return out;
      };
      egressProfile[s] = clusterProfile('egress', s, npKey, admitted, egressSets, egressUndecided);
      continue;
    }
    let profile = egressKeys.get(npKey);
    if (profile === undefined) {
      profile = egressSets.length;
      egressSets.push(parts.has('0:*') ? full : unionOf(keys.map((k) => parts.get(k)!), size, full));
      egressUndecided.push(undefined);
      egressKeys.set(npKey, profile);
    }
    egressProfile[s] = profile;
  }
  const undecided = ingressUndecided.some((u) => u !== undefined) || egressUndecided.some((u) => u !== undefined);
  return { port: pp, egressProfile, egressSets, egressUndecided, ingressProfile, ingressSets, ingressUndecided, undecided };
}

/** Computes the class-level matrix of an inventory for the given ports. */
export function computeMatrix(inventory: Inventory, ports: readonly PortProtocol[], options: MatrixOptions = {}): ClassMatrix {
  const externals: ExternalEndpoint[] = [];
  const podIps = new Map<string, string>();
  for (const p of inventory.pods) for (const ip of p.ips) podIps.set(ip, p.id);
  for (const text of options.externals ?? []) {
    const e = externalEndpoint(text);
    const owner = podIps.get(e.ip);
    if (owner) throw new NetfenceError(`external address ${text} is the IP of pod ${owner}; name the pod instead`);
    if (!externals.some((x) => x.ip === e.ip)) externals.push(e);
  }
  const model = buildClassModel(inventory, externals, options);
  const all = model.endpoints.map((_, i) => i);
  return {
    model,
    ports: [...ports],
    connectivity: ports.map((p) => connectivityFor(model, p)),
    columns: ports.map((p, k) => ({ label: formatPortSpec(p), at: () => k })),
    rows: all,
    cols: all,
    regions: options.regions ?? new Map(),
  };
}

/** The same matrix with other columns, or only some sources and destinations shown. */
export function viewMatrix(matrix: ClassMatrix, view: { columns?: readonly MatrixColumn[]; rows?: readonly number[]; cols?: readonly number[] }): ClassMatrix {
  return { ...matrix, ...view };
}

/** True when the matrix allows source endpoint i to reach destination endpoint j on a column. */
export function cellAllows(matrix: ClassMatrix, column: MatrixColumn, i: number, j: number): boolean | undefined {
  const o = cellOutcome(matrix, column, i, j);
  return o === undefined ? undefined : o === 'allowed';
}

/**
 * The outcome from source endpoint i to destination endpoint j on a column; undefined for two
 * addresses outside the cluster (no policy decides such a flow); denied where the column's named
 * port does not exist.
 */
export function cellOutcome(matrix: ClassMatrix, column: MatrixColumn, i: number, j: number): Outcome | undefined {
  const { model } = matrix;
  if (model.endpoints[i].kind === 'external' && model.endpoints[j].kind === 'external') return undefined;
  const k = column.at(j);
  return k === undefined ? 'denied' : classOutcome(matrix.connectivity[k], model.classOfEndpoint[i], model.classOfEndpoint[j]);
}

/** The JSON shape of `netfence matrix --format json`. */
export interface MatrixJson {
  /** The columns: ports, runs of ports (`1-79/TCP`) or named ports (`metrics/TCP`). */
  readonly ports: string[];
  /** The pods shown (sources or destinations), stand-ins included, by `ns/name`. */
  readonly pods: string[];
  /** The addresses outside the cluster shown. */
  readonly external: string[];
  /** For addresses that stand for a region of a CIDR: the region (present only when some do). */
  readonly regions?: Record<string, string>;
  /** The sources shown, when only some are (`--from`). */
  readonly from?: string[];
  /** The destinations shown, when only some are (`--to`). */
  readonly to?: string[];
  /** allowed[from][to] lists the ports on which `from` may open a connection to `to`. */
  readonly allowed: Record<string, Record<string, string[]>>;
  /**
   * undecided[from][to][port]: the ports on which the engine cannot say allowed or denied, with
   * why (`implementation-defined`, `depends-on-dns`); present only when there are some.
   */
  readonly undecided?: Record<string, Record<string, Record<string, UndecidedOutcome>>>;
}

/**
 * Materializes the pair-level matrix. Pairs with no allowed port are left out of `allowed`, pairs
 * with no undecided port out of `undecided`; external to external is never listed; pod to itself is.
 */
export function matrixToJson(matrix: ClassMatrix): MatrixJson {
  const { model } = matrix;
  const names = model.endpoints.map(endpointName);
  const allowed: Record<string, Record<string, string[]>> = {};
  const undecided: Record<string, Record<string, Record<string, UndecidedOutcome>>> = {};
  for (const i of matrix.rows) {
    for (const j of matrix.cols) {
      for (const c of matrix.columns) {
        const o = cellOutcome(matrix, c, i, j);
        if (o === 'allowed') ((allowed[names[i]] ??= {})[names[j]] ??= []).push(c.label);
        else if (o === 'implementation-defined' || o === 'depends-on-dns') ((undecided[names[i]] ??= {})[names[j]] ??= {})[c.label] = o;
      }
    }
  }
  const shown = [...new Set([...matrix.rows, ...matrix.cols])].sort((a, b) => a - b);
  const regions = Object.fromEntries(shown.map((i) => names[i]).filter((n) => matrix.regions.has(n)).map((n) => [n, matrix.regions.get(n)!]));
  return {
    ports: matrix.columns.map((c) => c.label),
    pods: shown.filter((i) => model.endpoints[i].kind === 'pod').map((i) => names[i]),
    external: shown.filter((i) => model.endpoints[i].kind === 'external').map((i) => names[i]),
    ...(Object.keys(regions).length > 0 ? { regions } : {}),
    ...(matrix.rows.length < model.endpoints.length || matrix.cols.length < model.endpoints.length
      ? { from: matrix.rows.map((i) => names[i]), to: matrix.cols.map((j) => names[j]) }
      : {}),
    allowed,
    ...(Object.keys(undecided).length > 0 ? { undecided } : {}),
  };
}

/** Counts of one port's connectivity, computed per profile without visiting pairs of pods. */
export interface PortSummary {
  readonly port: PortProtocol;
  /** Ordered pairs of endpoints (external to external excluded, self included) allowed. */
  readonly allowedPairs: number;
  /** All ordered pairs considered. */
  readonly totalPairs: number;
  /** Per class, how many endpoints one member of it may reach. */
  readonly reachOut: Float64Array;
  /** Per class, how many endpoints may reach one member of it. */
  readonly reachIn: Float64Array;
  /** Ordered pairs (as in `allowedPairs`) that are implementation-defined or depend on DNS. */
  readonly undecidedPairs: number;
}

/** Summarizes each port: allowed pairs and per-class reach, in time linear in the profiles' sizes. */
export function summarizeMatrix(matrix: ClassMatrix): PortSummary[] {
  const { model } = matrix;
  const size = model.classes.length;
  const weight = model.classes.map((c) => c.members.length);
  const nExt = model.endpoints.filter((e) => e.kind === 'external').length;
  const isExt = model.classes.map((c) => c.representative.kind === 'external');
  const n = model.endpoints.length;
  return matrix.connectivity.map((pc) => {
    const reachOut = new Float64Array(size);
    const reachIn = new Float64Array(size);
    const membersIn: number[][] = pc.ingressSets.map(() => []);
    for (let d = 0; d < size; d++) membersIn[pc.ingressProfile[d]].push(d);
    const nOut = pc.egressSets.length;
    const cntS = new Float64Array(nOut);
    const cntD = new Float64Array(nOut);
    let total = 0;
    pc.ingressSets.forEach((admitted, i) => {
      const dests = membersIn[i];
      if (dests.length === 0) return;
      const touched: number[] = [];
      admitted.forEach((s) => {
        const e = pc.egressProfile[s];
        if (cntS[e] === 0) touched.push(e);
        cntS[e] += weight[s];
      });
      for (const e of touched) {
        const reach = pc.egressSets[e];
        let c = 0;
        for (const d of dests) {
          if (reach.has(d)) {
            c += weight[d];
            reachIn[d] += cntS[e];
          }
        }
        cntD[e] = c;
        total += cntS[e] * c;
      }
      admitted.forEach((s) => {
        reachOut[s] += cntD[pc.egressProfile[s]];
      });
      for (const e of touched) {
        cntS[e] = 0;
        cntD[e] = 0;
      }
    });
    // Addresses outside the cluster are never isolated, so every external pair came out allowed; drop them.
    for (let c = 0; c < size; c++) {
      if (isExt[c]) {
        reachOut[c] -= nExt;
        reachIn[c] -= nExt;
      }
    }
    return { port: pc.port, allowedPairs: total - nExt * nExt, totalPairs: n * n - nExt * nExt, reachOut, reachIn, undecidedPairs: undecidedPairs(model, pc, weight, isExt) };
  });
}

/**
 * Ordered pairs left undecided on one port. Only the profiles that leave some class undecided
 * are visited, and only their undecided classes against every class: no cost without them.
 */
function undecidedPairs(model: ClassModel, pc: PortConnectivity, weight: readonly number[], isExt: readonly boolean[]): number {
  if (!pc.undecided) return 0;
  const size = model.classes.length;
  const seen = new Set<number>();
  let n = 0;
  const count = (s: number, d: number): void => {
    const key = s * size + d;
    if (seen.has(key) || (isExt[s] && isExt[d])) return;
    seen.add(key);
    const o = classOutcome(pc, s, d);
    if (o === 'implementation-defined' || o === 'depends-on-dns') n += weight[s] * weight[d];
  };
  for (let s = 0; s < size; s++) {
    const u = pc.egressUndecided[pc.egressProfile[s]];
    if (u) for (const set of [u.implementationDefined, u.dependsOnDns]) set.forEach((d) => count(s, d));
  }
  for (let d = 0; d < size; d++) {
    const u = pc.ingressUndecided[pc.ingressProfile[d]];
    if (u) for (const set of [u.implementationDefined, u.dependsOnDns]) set.forEach((s) => count(s, d));
  }
  return n;
}

/**
 * A lookup into a computed matrix by endpoint name (`ns/pod` or address) and port, for callers that
 * ask many questions of one inventory (test matchers, reports) without materializing pairs.
 * Returns undefined for names or ports the matrix does not hold.
 */
export function matrixLookup(matrix: ClassMatrix): (from: string, to: string, port: PortProtocol) => boolean | undefined {
  const index = new Map<string, number>();
  matrix.model.endpoints.forEach((e, i) => index.set(endpointName(e), i));
  const portIndex = new Map(matrix.ports.map((p, k) => [formatPortSpec(p), k]));
  return (from, to, port) => {
    const i = index.get(from);
    const j = index.get(to);
    const k = portIndex.get(formatPortSpec(port));
    if (i === undefined || j === undefined || k === undefined) return undefined;
    if (matrix.model.endpoints[i].kind === 'external' && matrix.model.endpoints[j].kind === 'external') return undefined;
    return classAllows(matrix.connectivity[k], matrix.model.classOfEndpoint[i], matrix.model.classOfEndpoint[j]);
  };
}
