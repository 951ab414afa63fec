/** The validation layer: what the API server checks, as code, for synthesized and foreign YAML. */
export * from './finding';
export * from './dns';
export * from './labels';
export * from './ports';
export * from './cidr';
export * from './selector';
export * from './schema';
export * from './suggest';
export * from './network-policy-port';
export * from './network-policy-peer';
export * from './ip-block';
export * from './object-meta';
export * from './order';
export * from './network-policy';
export * from './manifests';
export * from './object-kind';
export * from './endpoint-object';
