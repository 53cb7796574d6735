#!/usr/bin/env node
'use strict';
// Thin launcher: the command line is compiled from src/cli into lib/ by `npm run build:cli`
// (run automatically by `npm ci` through the prepare script).
require('../lib/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
