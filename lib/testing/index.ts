/** jest matchers and helpers that prove reachability through the analysis engine. */
export * from './subject';
export * from './endpoints';
export * from './port-spec';
export * from './connectivity';
export * from './matchers';
