/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // The adapter's tests run through Microsoft's office.js client (src/testing/officejs-host).
  setupFiles: ['<rootDir>/src/testing/officejs-host/jest-setup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  // Generous: on CI's 2 cores a test that writes and reads workbooks can take seconds; a slow
  // machine must not turn into failures (waits for a condition have their own limits).
  testTimeout: 30_000,
  // Once per run: the run's seed (PAR_SEED) and a build of lib/ from the current sources.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // Every fast-check property on that seed, a failure saying how to replay it.
  setupFilesAfterEnv: ['<rootDir>/test/support/fast-check-setup.ts'],
  // Lists the checks that were not run (no ../shared, no tool) and why, after the summary.
  reporters: ['default', '<rootDir>/test/support/not-run-reporter.js'],
};
