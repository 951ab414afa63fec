/** The lint layer: rules for NetworkPolicy pitfalls, their runner and output formats. Re-exports only. */
export * from './severity';
export * from './finding';
export * from './rule';
export * from './services';
export * from './context';
export * from './walk';
export * from './rules';
export * from './lint';
export * from './format';
