import { formatFlowReport, formatInputWarning, Outcome } from '../analysis';
import { connectivity } from './connectivity';
import { FlowEnd } from './endpoints';
import { PortSpec } from './port-spec';
import { AnalysisSubject } from './subject';

/** The result shape jest expects from a custom matcher. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

const MAX_SHOWN = 3;

/**
 * Why a matcher fails on what the engine cannot decide: neither `toAllow` nor `toDeny` (nor
 * their `.not`, which would pass on it silently) holds for an outcome that is not a fact.
 */
const UNDECIDED_NOTE =
  'some of it is neither allowed nor denied: implementation-defined (cluster policies of one tier and priority match it with different actions; give them different priorities) or dependent on DNS (a domainNames rule might match it); neither toAllow nor toDeny holds for it';

function assertReachability(
  isNot: boolean,
  expectAllowed: boolean,
  subject: AnalysisSubject,
  from: FlowEnd,
  to: FlowEnd,
  port?: PortSpec,
): MatcherResult {
  const report = connectivity(subject, from, to, port);
  // `.not.toAllow` holds when something is denied, `.not.toDeny` when something is allowed: an
  // undecided run is neither, so it never makes a `.not` pass (jest inverts `pass` for `.not`).
  const opposite: Outcome = expectAllowed ? 'denied' : 'allowed';
  const pass = isNot ? !report.runs.some((r) => r.outcome === opposite) : expectAllowed ? report.allAllowed : report.allDenied;
  // The runs worth showing are the ones that break the expectation as the test states it: for
  // `.not`, those that have the outcome the test rules out.
  const wanted: Outcome = expectAllowed ? 'allowed' : 'denied';
  const offending = report.runs.filter((r) => (isNot ? r.outcome !== opposite : r.outcome !== wanted)).map((r) => r.outcome);
  const verb = expectAllowed ? 'allow' : 'deny';
  const warnings = report.warnings.length > 0 ? `\n\nwarnings about the manifests:\n${report.warnings.map((w) => `  ${formatInputWarning(w)}`).join('\n')}` : '';
  const undecided = report.undecided ? `\n\n${UNDECIDED_NOTE}` : '';
  return {
    pass,
    message: () =>
      `expected the policies ${isNot ? 'not ' : ''}to ${verb} ${report.description}\n\n${formatFlowReport(report, {
        ...(offending.length > 0 ? { only: [...new Set(offending)] } : {}),
        maxRuns: MAX_SHOWN,
      })}${undecided}${warnings}`,
  };
}

/**
 * jest matchers over the analysis engine: `expect(app).toAllow(frontend, web, Port.tcp(8080))`
 * and `expect(chart).toDeny(frontend, db)`. Register once with `expect.extend(netfenceMatchers)`.
 * Without a port, the claim is about every port of every protocol (checked exactly). A flow the
 * engine cannot decide (implementation-defined, depends on DNS) fails both, and both `.not`s:
 * `.not.toAllow` means "denied", not "anything but allowed".
 */
export const netfenceMatchers = {
  /** Passes when every flow from `from` to `to` on `port` is allowed. */
  toAllow(this: { isNot?: boolean }, subject: AnalysisSubject, from: FlowEnd, to: FlowEnd, port?: PortSpec): MatcherResult {
    return assertReachability(this.isNot === true, true, subject, from, to, port);
  },
  /** Passes when every flow from `from` to `to` on `port` is denied. */
  toDeny(this: { isNot?: boolean }, subject: AnalysisSubject, from: FlowEnd, to: FlowEnd, port?: PortSpec): MatcherResult {
    return assertReachability(this.isNot === true, false, subject, from, to, port);
  },
};

// The global `expect` of @types/jest reads `jest.Matchers`; `import { expect } from '@jest/globals'`
// reads the `expect` package's `Matchers`. Both are augmented so the matchers type-check either
// way (an augmentation of a module that is not installed is ignored, so users without jest lose nothing).
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Every flow from `from` to `to` on `port` (every port when omitted) is allowed. */
      toAllow(from: FlowEnd, to: FlowEnd, port?: PortSpec): R;
      /** Every flow from `from` to `to` on `port` (every port when omitted) is denied. */
      toDeny(from: FlowEnd, to: FlowEnd, port?: PortSpec): R;
    }
  }
}

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    /** Every flow from `from` to `to` on `port` (every port when omitted) is allowed. */
    toAllow(from: FlowEnd, to: FlowEnd, port?: PortSpec): R;
    /** Every flow from `from` to `to` on `port` (every port when omitted) is denied. */
    toDeny(from: FlowEnd, to: FlowEnd, port?: PortSpec): R;
  }
}
