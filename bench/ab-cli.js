#!/usr/bin/env node
/**
 * Before/after timing of the command line, interleaved (docs/benchmarks.md, issue #16): on a
 * shared machine the load changes between two bench runs more than a change moves the times, so
 * the two builds run alternately, each command a warm-up round then N rounds, medians compared.
 *
 *   npm run bench -- --smoke          (compiles bench/ into bench/.out once)
 *   node bench/ab-cli.js <before-root> <after-root> [runs=9] [validate,compute,compare,consolidate]
 *
 * A root is a folder with the build's bin/ and lib/ (and node_modules beside them, or a link).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generateCase, parseCase } = require('./.out/bench/cases');

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function main() {
  const [before, after, runsArg, onlyArg] = process.argv.slice(2);
  if (!before || !after) throw new Error('usage: node bench/ab-cli.js <before-root> <after-root> [runs] [commands]');
  const runs = Number(runsArg ?? 9);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'par-ab-'));
  try {
    const table = await generateCase(parseCase('150x150'), path.join(work, '150x150'));
    const forms = await generateCase(parseCase('150-forms'), path.join(work, '150-forms'));
    const commands = {
      validate: () => ['validate', table.current],
      compute: (o) => ['compute', table.current, '--out', o],
      compare: (o) => ['compare', table.current, '--prior', table.prior, '--out', o],
      consolidate: (o) => ['consolidate', forms.formsDir, '--out', o],
    };
    for (const name of onlyArg ? onlyArg.split(',') : Object.keys(commands)) {
      const times = { before: [], after: [] };
      for (let i = 0; i <= runs; i++) {
        for (const side of i % 2 ? ['before', 'after'] : ['after', 'before']) {
          const out = path.join(work, `out-${side}.xlsx`);
          fs.rmSync(out, { force: true });
          const root = side === 'before' ? before : after;
          const t = performance.now();
          const r = spawnSync(process.execPath, [path.join(root, 'bin', 'par-scorecard.js'), ...commands[name](out)], {
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          const ms = performance.now() - t;
          if (r.status !== 0 && r.status !== 1) throw new Error(`${side} ${name} exited ${r.status}: ${r.stderr}`);
          if (i > 0) times[side].push(ms);
        }
      }
      const load = os.loadavg()[0].toFixed(1);
      console.log(
        `${name.padEnd(12)} before ${Math.round(median(times.before))} ms  after ${Math.round(median(times.after))} ms  (${runs} runs each, load ${load})`,
      );
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`ab-cli: ${e.message}\n`);
  process.exitCode = 2;
});
