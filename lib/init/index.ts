/** `netfence init`: sets up a cdk8s TypeScript project for netfence. */
export * from './templates';
export * from './project';
export * from './jest-config';
export * from './app-wiring';
export * from './plan';
export * from './apply';
