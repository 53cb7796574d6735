#!/usr/bin/env node
/**
 * Second step of `npm run build:cli` (after `tsc -p tsconfig.cli.json` has compiled src/ into lib/):
 *   1. esbuild bundles lib/cli/main.js and everything it imports, except ExcelJS (loaded only on a
 *      fallback and by `consolidate`, from node_modules as before), into lib/par-scorecard.js;
 *   2. a training run in a fresh process loads that bundle the way bin/par-scorecard.js does,
 *      runs validate, compute, compare and consolidate on the committed samples, and saves V8's
 *      code cache of everything compiled so far into lib/par-scorecard.cache.
 * Why: performance of a new process (issue #7, docs/benchmarks.md "Fourth round").
 *
 *   node scripts/bundle-cli.js            bundle, then train
 *   node scripts/bundle-cli.js --train    (internal) the training run
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const SAMPLES = path.join(ROOT, 'samples');

function bundle() {
  const { BUNDLE, CACHE } = require('../bin/cli-loader.js');
  fs.rmSync(CACHE, { force: true });
  require('esbuild').buildSync({
    entryPoints: [path.join(ROOT, 'lib', 'cli', 'main.js')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['exceljs', 'exceljs/*', 'docx', 'docx/*'],
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [__filename, '--train'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`the training run of ${path.relative(ROOT, BUNDLE)} failed (exit ${run.status})`);
  console.error(`bundle-cli: ${path.relative(ROOT, BUNDLE)} ${kb(BUNDLE)}, code cache ${kb(CACHE)}`);
}

const kb = (file) => `${Math.round(fs.statSync(file).size / 1024)} KB`;

/** The commands a user runs most, on the samples; their reports go nowhere (stdout is ignored). */
async function train() {
  const { loadCli, CACHE } = require('../bin/cli-loader.js');
  const { cli, script } = loadCli();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'par-scorecard-train-'));
  const sample = (name) => path.join(SAMPLES, name);
  const workbooks = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.xlsx')).map(sample);
  const runs = [
    ['validate', ...workbooks],
    ['validate', sample('tong-hop-xa-2025.xlsx'), '--json'],
    ['compute', sample('tong-hop-xa-2025.xlsx'), '--out', path.join(out, 'compute.xlsx')],
    ['compute', sample('ket-qua-xa-2024-tom-tat.xlsx'), '--json'],
    ['compare', sample('tong-hop-xa-2025.xlsx'), '--prior', sample('tong-hop-xa-2024.xlsx'), '--out', path.join(out, 'compare.xlsx')],
    ['compare', sample('tong-hop-xa-2025.xlsx'), '--prior', sample('tong-hop-xa-2024.xlsx'), '--json', '--lang', 'en'],
    ['consolidate', path.join(SAMPLES, 'don-vi'), '--out', path.join(out, 'consolidate.xlsx')],
  ];
  try {
    for (const argv of runs) {
      const code = await cli.main(argv);
      // 0 = clean, 1 = findings (the error samples); anything else is a broken run.
      if (code !== 0 && code !== 1) throw new Error(`training run \`${argv.slice(0, 2).join(' ')}\` exited ${code}`);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  const tmp = `${CACHE}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, script.createCachedData());
  fs.renameSync(tmp, CACHE);
}

if (process.argv[2] === '--train') {
  train().catch((e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
} else {
  try {
    bundle();
  } catch (e) {
    process.stderr.write(`bundle-cli: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
