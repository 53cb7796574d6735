/**
 * The browser end-to-end suite (npm run test:e2e → scripts/e2e.js, which builds the pane with
 * OFFICE_JS=standin first). Kept apart from the unit tests: the root jest.config.js ignores test/e2e.
 * @type {import('jest').Config}
 */
const path = require('path');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // pixelmatch (screenshot comparison) ships only as an ES module, which jest cannot require:
    // compile that one file to CommonJS like the tests themselves.
    '/node_modules/pixelmatch/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2020' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!pixelmatch/)'],
  setupFilesAfterEnv: ['<rootDir>/test/e2e/matchers.ts'],
  testTimeout: 120000,
  // Each file drives its own Chromium; two at a time keeps the run short without starving the machine.
  maxWorkers: 2,
  // Lists the checks that were not run (no ../shared) and why, after the summary.
  reporters: ['default', '<rootDir>/test/support/not-run-reporter.js'],
};
