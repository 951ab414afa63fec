/** The analysis layer's public surface: inventory, engine, verdicts, matrices. Re-exports only. */
export * from './labels';
export * from './policy-model';
export * from './normalize-policy';
export * from './inventory';
export * from './inventory-from-manifests';
export * from './options';
export * from './endpoint';
export * from './matching';
export * from './policy-index';
export * from './verdict';
export * from './explain';
export * from './bitset';
export * from './class-set';
export * from './equivalence-classes';
export * from './matrix';
export * from './matrix-format';
export * from './naive-matrix';
