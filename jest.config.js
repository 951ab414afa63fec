/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/dist/'],
  // Examples import 'netfence' as users do; here it is the library's sources.
  moduleNameMapper: { '^netfence$': '<rootDir>/lib/index.ts', '^netfence/testing$': '<rootDir>/lib/testing/jest.ts' },
  setupFilesAfterEnv: ['<rootDir>/test/jest-setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.js',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  testTimeout: 60000,
  // One worker per core: jest's default (cores - 1) leaves one of CI's two cores idle while most
  // suites are CPU-bound.
  maxWorkers: '100%',
};
