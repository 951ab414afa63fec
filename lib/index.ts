/** netfence: Kubernetes NetworkPolicy as typed cdk8s constructs, with an engine that proves them. */
export * from './core';
export * from './io/manifests';
export { CONSTRUCT_PATH_ANNOTATION, SOURCE_ANNOTATION, readProvenance, ProvenanceRead } from './io/provenance';
export * from './render/escape';
export * from './constructs';
export * from './synth';
export * from './validate';
export * from './analysis';
export * from './testing';
export * from './lint';
export * from './ci';
