/**
 * Jest for mutation testing (stryker.config.json): only the unit tests of the mutated core files,
 * so a mutant counts as killed only when a test of that rule notices it (the engine's end-to-end
 * tests would hide gaps in the unit tests, issue #20).
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  reporters: ['default'],
  testMatch: [
    '<rootDir>/test/core/rank*.test.ts',
    '<rootDir>/test/core/format*.test.ts',
    '<rootDir>/test/core/text*.test.ts',
    '<rootDir>/test/core/scores*.test.ts',
    '<rootDir>/test/core/compare/match*.test.ts',
    '<rootDir>/test/core/narrative/**/*.test.ts',
  ],
};
