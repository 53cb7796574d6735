#!/usr/bin/env node
'use strict';
// Thin launcher: the command line is compiled from src/cli into lib/ and bundled into one file,
// lib/par-scorecard.js, by `npm run build:cli` (run automatically by `npm ci` through the prepare
// script). A plain require: no loader, no code cache (issue #17; they saved about 20 ms a start).

// A reader that stops early (`par-scorecard validate … | head`) closes the pipe: the rest of the
// report is dropped, the command still finishes its work (an --out file is still written) and
// keeps its exit code, with no stack trace.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});

let cli;
try {
  cli = require('../lib/par-scorecard.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('par-scorecard.js')) {
    process.stderr.write('par-scorecard: lib/par-scorecard.js is missing: run `npm run build:cli` (npm ci runs it).\n');
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
