'use strict';
/**
 * Loads the command line from its one-file bundle (lib/par-scorecard.js, made by
 * scripts/bundle-cli.js) with V8's code cache (lib/par-scorecard.cache) — performance, issue #7:
 * a new process spent about 27 ms resolving and reading ~60 modules of lib/ and compiling them
 * again at every start; one file compiled from its cache saves about 40 ms of a 150 × 150
 * `compute --out` (docs/benchmarks.md, "Fourth round").
 *
 * The cache is only a shortcut: V8 checks it against its own version, its flags and the source,
 * and compiles the source as usual when it does not match (a newer Node, a rebuilt bundle).
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const LIB = path.join(__dirname, '..', 'lib');
const BUNDLE = path.join(LIB, 'par-scorecard.js');
const CACHE = path.join(LIB, 'par-scorecard.cache');

/**
 * The command line's exports (`main(argv)`), and the compiled script (for the cache's maker and
 * its test: `script.cachedDataRejected`, `script.createCachedData()`).
 */
function loadCli() {
  let source;
  try {
    source = fs.readFileSync(BUNDLE, 'utf8');
  } catch (e) {
    if (e && e.code === 'ENOENT') throw new Error(`${BUNDLE} is missing: run \`npm run build:cli\` (npm ci runs it).`);
    throw e;
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(CACHE);
  } catch {
    // No cache: compiled from source.
  }
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const cliModule = new Module(BUNDLE, module);
  cliModule.filename = BUNDLE;
  // The bundle's own require (ExcelJS stays outside it) resolves from lib/, as lib/cli/main.js did.
  script.runInThisContext()(cliModule.exports, Module.createRequire(BUNDLE), cliModule, BUNDLE, LIB);
  return { cli: cliModule.exports, script };
}

module.exports = { loadCli, BUNDLE, CACHE };
