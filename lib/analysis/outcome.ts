/**
 * What the engine can say about one direction of a flow, and about a flow: allowed, denied, or
 * one of two answers that are not a guess:
 *
 * - `implementation-defined`: two cluster-scoped policies of one tier at the same priority match
 *   the flow with different actions, and the API lets the implementation apply either;
 * - `depends-on-dns`: a `domainNames` peer might match the other end, and whether it does depends
 *   on what its names resolve to when the flow happens.
 *
 * A flow is denied when either direction denies (whatever the other says), allowed when both
 * allow; otherwise it is undecided, implementation-defined when either direction is.
 */

/** The answer for a direction or a flow. */
export type Outcome = 'allowed' | 'denied' | 'implementation-defined' | 'depends-on-dns';

/** Every outcome, in the order reports list them. */
export const OUTCOMES: readonly Outcome[] = ['allowed', 'denied', 'implementation-defined', 'depends-on-dns'];

/** The outcomes that are neither allowed nor denied. */
export type UndecidedOutcome = Exclude<Outcome, 'allowed' | 'denied'>;

/** True for `implementation-defined` and `depends-on-dns`: the engine cannot say allowed or denied. */
export function isUndecided(o: Outcome): o is UndecidedOutcome {
  return o === 'implementation-defined' || o === 'depends-on-dns';
}

/** The outcome of a flow from its egress and ingress outcomes. */
export function combineOutcomes(egress: Outcome, ingress: Outcome): Outcome {
  if (egress === 'denied' || ingress === 'denied') return 'denied';
  if (egress === 'allowed' && ingress === 'allowed') return 'allowed';
  if (egress === 'implementation-defined' || ingress === 'implementation-defined') return 'implementation-defined';
  return 'depends-on-dns';
}

/** The headline word of an outcome: `ALLOWED`, `DENIED`, `IMPLEMENTATION-DEFINED`, `DEPENDS ON DNS`. */
export function outcomeHeadline(o: Outcome): string {
  return o === 'depends-on-dns' ? 'DEPENDS ON DNS' : o.toUpperCase();
}

/** The outcome in running text: `allowed`, `denied`, `implementation-defined`, `depends on DNS`. */
export function outcomeText(o: Outcome): string {
  return o === 'depends-on-dns' ? 'depends on DNS' : o;
}
