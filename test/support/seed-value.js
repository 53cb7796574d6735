/**
 * The one rule for a run's seed, shared by the jest globalSetup (plain JS) and seed.ts:
 * PAR_SEED when set (an integer; PAR_FUZZ_SEED, the fuzz suite's older name, is an alias), else a
 * new random 31-bit seed.
 */
'use strict';

function pickSeed(env) {
  const value = env.PAR_SEED || env.PAR_FUZZ_SEED;
  if (!value) return Math.floor(Math.random() * 0x7fffffff);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`PAR_SEED must be an integer, not ${JSON.stringify(value)}`);
  return n;
}

module.exports = { pickSeed };
