/**
 * One seed per test run for everything random in the tests (fast-check properties, the fuzz
 * suite), so any failure can be replayed: PAR_SEED=<seed> npx jest <file>.
 *
 * The jest globalSetup (global-setup.js) picks it once (PAR_SEED when set, else a new one) and
 * puts it in process.env for every worker; `fast-check-setup.ts` hands it to every fc.assert and
 * makes a failure say how to rerun it.
 */
import path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pickSeed } = require('./seed-value') as { pickSeed: (env: NodeJS.ProcessEnv) => number };

const ROOT = path.resolve(__dirname, '../..');

/** This run's seed (also when a file runs without the globalSetup: one is picked and kept). */
export function runSeed(): number {
  const seed = pickSeed(process.env);
  process.env.PAR_SEED = String(seed);
  return seed;
}

/** The command that replays this run's random inputs for one test file. */
export function rerunCommand(seed: number, testPath: string | undefined): string {
  const file = testPath ? path.relative(ROOT, testPath) : '<test file>';
  return `PAR_SEED=${seed} npx jest ${file}`;
}
