#!/usr/bin/env node
'use strict';
// Thin launcher: the command line is compiled from src/cli into lib/ and bundled into one file by
// `npm run build:cli` (run automatically by `npm ci` through the prepare script); bin/cli-loader.js
// loads that file with V8's code cache.

// A reader that stops early (`par-scorecard validate … | head`) closes the pipe: the rest of the
// report is dropped, the command still finishes its work (an --out file is still written) and
// keeps its exit code, with no stack trace.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});

require('./cli-loader.js')
  .loadCli()
  .cli.main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
