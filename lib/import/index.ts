/** `netfence import`: NetworkPolicy YAML to netfence code, proved equivalent. Re-exports only. */
export * from './import-policies';
export * from './plan';
export * from './emit';
export * from './expectations';
export * from './code';
export * from './values';
export * from './identifiers';
export * from './symbols';
