/** An internal construct library a platform team publishes on top of netfence. */
export * from './workload';
export * from './tenant-namespace';
export * from './postgres-access';
