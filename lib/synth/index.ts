/** Fast, byte-identical synthesis of cdk8s apps to YAML files. */
export * from './synthesize';
export * from './render-app';
export * from './netfence-app';
export * from './validation-failed-error';
export * from './load-app';
export * from './output-folder';
export * from './app-error';
