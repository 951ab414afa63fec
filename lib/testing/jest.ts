/**
 * `netfence/testing`: list it in jest's `setupFilesAfterEnv` and every test file gets `toAllow`
 * and `toDeny`; it registers them with jest's global `expect` when it is loaded. It also exports
 * the matchers (for `expect.extend` by hand, e.g. with `injectGlobals: false`) and the report
 * behind them.
 *
 * @packageDocumentation
 */
import { netfenceMatchers } from './matchers';

export { netfenceMatchers } from './matchers';
export { connectivity } from './connectivity';
export type { FlowEnd } from './endpoints';
export type { PortSpec } from './port-spec';
export type { AnalysisSubject } from './subject';
export type { ConnectivityReport, ConnectivityOptions } from './connectivity';
export type { MatcherResult } from './matchers';

// Outside jest there is no global `expect`: then loading this module only exports.
const jestExpect = (globalThis as { expect?: { extend?: (matchers: typeof netfenceMatchers) => void } }).expect;
if (typeof jestExpect?.extend === 'function') jestExpect.extend(netfenceMatchers);
