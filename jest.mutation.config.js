/**
 * Jest for mutation testing (stryker.config.json): only the unit tests of the mutated core files,
 * so a mutant counts as killed only when a test of that rule notices it (the engine's end-to-end
 * tests would hide gaps in the unit tests, issue #20).
 * MUTATION_TESTS (comma-separated globs under test/core) narrows the set further, for a run over
 * one file against its own tests (docs/testing.md).
 */
const base = require('./jest.config');

const ALL = ['rank*.test.ts', 'format*.test.ts', 'text*.test.ts', 'scores*.test.ts', 'compare/match*.test.ts', 'narrative/**/*.test.ts'];
const chosen = process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(',') : ALL;

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  reporters: ['default'],
  testMatch: chosen.map((glob) => `<rootDir>/test/core/${glob.trim()}`),
};
