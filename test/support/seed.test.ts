/**
 * Random test inputs are reproducible: every fast-check property runs on the run's seed
 * (PAR_SEED), and a failing one says how to replay it.
 */
import fc from 'fast-check';

const seed = Number(process.env.PAR_SEED);

test('the run has one integer seed, which fast-check uses for every property', () => {
  expect(Number.isSafeInteger(seed)).toBe(true);
  expect(fc.readConfigureGlobal().seed).toBe(seed);
});

test('a failing property reports the seed, the counterexample and the command that replays it', () => {
  let message = '';
  try {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (n) => n < 10));
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain(`seed: ${seed}`);
  expect(message).toMatch(/Counterexample: \[10\]/);
  expect(message).toContain(`Replay these inputs: PAR_SEED=${seed} npx jest test/support/seed.test.ts`);
});

test('an async property reports the same way', async () => {
  const failing = fc.assert(fc.asyncProperty(fc.nat(), async (n) => n < 0));
  await expect(failing).rejects.toThrow(`PAR_SEED=${seed} npx jest test/support/seed.test.ts`);
});
