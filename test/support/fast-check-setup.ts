/**
 * setupFilesAfterEnv (jest.config.js): every fc.assert of the file runs on this run's seed
 * (test/support/seed.ts) and, when it fails, says how to replay it. fast-check's own report (the
 * seed, the shrunk counterexample, its path) is kept; the rerun line is added.
 */
import fc from 'fast-check';
import { rerunCommand, runSeed } from './seed';

const seed = runSeed();

fc.configureGlobal({
  seed,
  reporter(details) {
    if (!details.failed) return;
    const report = fc.defaultReportMessage(details) ?? `Property failed (seed ${seed})`;
    const rerun = rerunCommand(seed, expect.getState().testPath);
    throw new Error(`${report}\n\nReplay these inputs: ${rerun}`, { cause: details.errorInstance });
  },
});
