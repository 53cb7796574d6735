#!/usr/bin/env node
/**
 * Second step of `npm run build:cli` (after `tsc -p tsconfig.cli.json` has compiled src/ into lib/):
 * esbuild bundles lib/cli/main.js and everything it imports, except docx (loaded by `report` from
 * node_modules), into lib/par-scorecard.js. The command line has no ExcelJS (issue #16); should an
 * import of it come back, the build fails here rather than ship a CLI that needs it. One
 * file instead of ~60 modules of lib/: a new process resolves and reads one file (about 27 ms less
 * at each start, docs/benchmarks.md "Fourth round").
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'lib', 'par-scorecard.js');

try {
  const result = require('esbuild').buildSync({
    entryPoints: [path.join(ROOT, 'lib', 'cli', 'main.js')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['docx', 'docx/*'],
    metafile: true,
    logLevel: 'warning',
  });
  const excelJs = Object.keys(result.metafile.inputs).find((f) => /node_modules[\\/]exceljs[\\/]/.test(f));
  if (excelJs) {
    fs.rmSync(BUNDLE, { force: true });
    throw new Error(`ExcelJS got into the command line (${excelJs}): it writes through src/hosts/xlsx/ooxml only`);
  }
  console.error(`bundle-cli: ${path.relative(ROOT, BUNDLE)} ${Math.round(fs.statSync(BUNDLE).size / 1024)} KB`);
} catch (e) {
  process.stderr.write(`bundle-cli: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
