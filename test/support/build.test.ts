/**
 * The child-process tests (test/cli/cli.test.ts "the installed command", test/hostile/corpus-bin)
 * run bin/par-scorecard.js, i.e. lib/: the jest globalSetup rebuilds it when a source is newer,
 * so they never test a stale build.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleReason } = require('./global-setup') as { staleReason: () => string | null };

test('lib/ is built from the current sources during the run', () => {
  expect(staleReason()).toBeNull();
});
