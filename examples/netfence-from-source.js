// Examples import 'netfence' as a user's code does. When they run from source in this repository
// (ts-node with the root tsconfig.json, as the root cdk8s.yaml runs them), 'netfence' must be the
// library's TypeScript sources, the same modules the examples' tests use, not build/lib.
// tsconfig.json's "paths" says the same to tsc and jest.config.js's moduleNameMapper to jest.
const Module = require('module');
const path = require('path');

const SOURCES = {
  netfence: path.join(__dirname, '..', 'lib', 'index.ts'),
  'netfence/testing': path.join(__dirname, '..', 'lib', 'testing', 'jest.ts'),
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, Object.prototype.hasOwnProperty.call(SOURCES, request) ? SOURCES[request] : request, ...rest);
};
