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
  // Lists the checks that were not run (no ../shared, no tool) and why, after the summary.
  reporters: ['default', '<rootDir>/test/support/not-run-reporter.js'],
};
