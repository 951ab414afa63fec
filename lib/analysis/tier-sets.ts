/**
 * The tiers of one direction evaluated for every peer class at once, with bitsets: the set-level
 * counterpart of tiers.ts, used by the class matrix for a subject class whose direction some
 * cluster-scoped policy takes part in.
 *
 * A profile is the subject's program: its Admin policies grouped by priority (each policy its
 * rules in order, each rule the classes it matches, and those it might match through domain
 * names), whether NetworkPolicies isolate it and which classes they admit, then its Baseline
 * groups. Evaluation keeps the classes no step has decided yet: a rule decides the remaining
 * classes it matches (first match wins within a policy); classes decided with different actions by
 * policies of one priority are implementation-defined; Pass in Admin leaves them to NetworkPolicy,
 * then Baseline; Pass in Baseline and every class left at the end are allowed. A class a domain
 * name Accept might have matched before its decision depends on DNS when it ends up denied. A
 * Deny or Pass rule that might match through domain names makes its policy's answer depend on DNS.
 */
import { Bitset } from './bitset';
import { RuleAction } from './policy-model';

/** One rule of a profile, resolved to classes. */
export interface SetRule {
  readonly action: RuleAction;
  /** The classes the rule matches (peers and ports). */
  readonly matches: Bitset;
  /** The classes only a domain name peer might match (ports matching), when there are any. */
  readonly maybe?: Bitset;
}

/** The rules of one policy of a profile, in order. */
export type SetPolicy = readonly SetRule[];

/** Policies of one tier at one priority. */
export type SetGroup = readonly SetPolicy[];

/** A subject's program for one direction and port. */
export interface TierProgram {
  readonly admin: readonly SetGroup[];
  /** The classes NetworkPolicies admit, when some NetworkPolicy isolates the subject. */
  readonly admitted?: Bitset;
  readonly baseline: readonly SetGroup[];
}

/** What a program gives each peer class: allowed, implementation-defined, depends on DNS; the rest is denied. */
export interface ProgramSets {
  readonly allowed: Bitset;
  readonly implementationDefined: Bitset;
  readonly dependsOnDns: Bitset;
}

/** a AND NOT b, in place. */
function remove(a: Bitset, b: Bitset): void {
  for (let i = 0; i < a.words.length; i++) a.words[i] &= ~b.words[i];
}

function copy(b: Bitset): Bitset {
  const out = new Bitset(b.size);
  out.words.set(b.words);
  return out;
}

function and(a: Bitset, b: Bitset): Bitset {
  const out = new Bitset(a.size);
  for (let i = 0; i < a.words.length; i++) out.words[i] = a.words[i] & b.words[i];
  return out;
}

function isEmpty(b: Bitset): boolean {
  return b.words.every((w) => w === 0);
}

const ACTIONS = ['Accept', 'Deny', 'Pass', 'dns'] as const;
type GroupAction = (typeof ACTIONS)[number];

/** Evaluates a program over `size` peer classes. */
export function evaluateProgram(program: TierProgram, size: number): ProgramSets {
  const remaining = Bitset.full(size);
  const allowed = new Bitset(size);
  const denied = new Bitset(size);
  const implementationDefined = new Bitset(size);
  const dependsOnDns = new Bitset(size);
  const maybe = new Bitset(size);

  /** Runs a tier's groups; returns the classes passed on (Pass). */
  const tier = (groups: readonly SetGroup[]): Bitset => {
    const passed = new Bitset(size);
    for (const group of groups) {
      if (isEmpty(remaining)) break;
      const hit: Record<GroupAction, Bitset> = { Accept: new Bitset(size), Deny: new Bitset(size), Pass: new Bitset(size), dns: new Bitset(size) };
      for (const policy of group) {
        const rest = copy(remaining);
        for (const rule of policy) {
          const m = and(rule.matches, rest);
          hit[rule.action].addAll(m);
          remove(rest, m);
          if (rule.maybe === undefined) continue;
          const may = and(rule.maybe, rest);
          if (rule.action === 'Accept') maybe.addAll(may);
          else {
            hit.dns.addAll(may);
            remove(rest, may);
          }
        }
      }
      // A class two different actions decide is implementation-defined.
      const conflict = new Bitset(size);
      for (let i = 0; i < ACTIONS.length; i++) for (let j = i + 1; j < ACTIONS.length; j++) conflict.addIntersection(hit[ACTIONS[i]], hit[ACTIONS[j]]);
      implementationDefined.addAll(conflict);
      remove(remaining, conflict);
      for (const action of ACTIONS) {
        const decided = hit[action];
        remove(decided, conflict);
        (action === 'Accept' ? allowed : action === 'Deny' ? denied : action === 'Pass' ? passed : dependsOnDns).addAll(decided);
        remove(remaining, decided);
      }
    }
    return passed;
  };

  remaining.addAll(tier(program.admin));
  if (program.admitted !== undefined) {
    allowed.addAll(and(program.admitted, remaining));
    remove(remaining, program.admitted);
    denied.addAll(remaining);
    remove(remaining, remaining);
  }
  allowed.addAll(tier(program.baseline));
  allowed.addAll(remaining);
  // A domain name Accept that might have come first: a denial depends on DNS.
  const unsure = and(denied, maybe);
  dependsOnDns.addAll(unsure);
  return { allowed, implementationDefined, dependsOnDns };
}
