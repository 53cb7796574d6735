/**
 * Jest globalSetup (jest.config.js), run once before any test file:
 *
 * 1. The seed of every property test in this run (test/support/seed.ts): PAR_SEED when set, else
 *    a new one, put in process.env so every worker uses the same one.
 * 2. The command line the child-process tests run (bin/par-scorecard.js → lib/par-scorecard.js:
 *    test/cli/cli.test.ts, test/hostile/corpus-bin.test.ts) built from the current sources:
 *    `npm run build:cli` when a file it is built from is newer than the build (or no build).
 *    A check costs a few ms; a rebuild ~20 s, only after an edit (`npm test` builds just before
 *    jest, so there it never rebuilds twice).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { pickSeed } = require('./seed-value');

const ROOT = path.resolve(__dirname, '../..');
const BUILT = ['lib/par-scorecard.js'].map((f) => path.join(ROOT, f));

/** What the command line's build reads: tsconfig.cli.json's folders, the launcher, the bundler. */
function buildInputs() {
  const cli = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.cli.json'), 'utf8'));
  const inputs = ['tsconfig.json', 'tsconfig.cli.json', 'scripts/bundle-cli.js', 'bin', ...cli.include];
  return inputs.map((p) => path.join(ROOT, p));
}

function newestMtime(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** The source file newer than the build, 'no build', or null when the build is current. */
function staleReason() {
  if (!BUILT.every((f) => fs.existsSync(f))) return 'no build in lib/';
  const built = Math.min(...BUILT.map((f) => fs.statSync(f).mtimeMs));
  const newer = buildInputs().find((p) => fs.existsSync(p) && newestMtime(p) > built);
  return newer ? `${path.relative(ROOT, newer)} changed since the last build` : null;
}

function ensureCliBuilt() {
  const reason = staleReason();
  if (!reason) return;
  const started = Date.now();
  process.stderr.write(`\nlib/ is out of date (${reason}): npm run build:cli … `);
  execFileSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

module.exports = async function globalSetup() {
  process.env.PAR_SEED = String(pickSeed(process.env));
  process.stderr.write(`\nRandom inputs (fast-check, fuzz) of this run: PAR_SEED=${process.env.PAR_SEED}\n`);
  ensureCliBuilt();
};

module.exports.staleReason = staleReason;
