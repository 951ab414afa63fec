/** netfence: Kubernetes NetworkPolicy as typed cdk8s constructs, with an engine that proves them. */
export * from './core';
export * from './constructs';
