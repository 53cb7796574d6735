#!/usr/bin/env node
'use strict';
// Thin launcher: the generator is compiled from src/samples into lib/ by `npm run build:cli`.
require('../lib/samples/cli.js')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${e && e.message ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
