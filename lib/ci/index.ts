/** The CI layer's public surface: drift check, connectivity diff, graphs. Re-exports only. */
export * from './unified-diff';
export * from './drift';
export * from './manifest-source';
export * from './diff-worlds';
export * from './connectivity-diff';
export * from './diff-format';
export * from './graph';
export * from './graph-render';
