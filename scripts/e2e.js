#!/usr/bin/env node
/**
 * npm run test:e2e — the browser end-to-end suite (test/e2e):
 *   1. the production build with the local office.js stand-in (OFFICE_JS=standin webpack
 *      --mode production) into a temporary folder, so dist/ is left alone;
 *   2. jest -c test/e2e/jest.config.js: headless Chromium (playwright-core) against that build
 *      served on 127.0.0.1. Screenshots are compared with the committed docs/screenshots/ and
 *      written only to a temporary folder (E2E_SCREENSHOTS_DIR, default: beside the build).
 *
 *   node scripts/e2e.js [--no-build] [--update-screenshots] [jest args…]
 *     --no-build            reuses the last build
 *     --update-screenshots  writes changed screenshots into docs/screenshots/ (npm run screenshots)
 *   E2E_DIST=/path       where to build (default: <tmp>/par-scorecard-e2e-<hash of this checkout's path>/dist,
 *                        so two clones or worktrees on one machine never test each other's build)
 *   CHROMIUM_PATH=/path  the browser (default /usr/bin/chromium)
 *   SKIP_E2E=1           skip the suite explicitly (prints why; never implicit)
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const updateScreenshots = args.includes('--update-screenshots');
const jestArgs = args.filter((a) => a !== '--no-build' && a !== '--update-screenshots');
const checkout = require('crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 8);
const dist = path.resolve(process.env.E2E_DIST || path.join(os.tmpdir(), `par-scorecard-e2e-${checkout}`, 'dist'));

if (process.env.SKIP_E2E === '1') {
  console.warn('SKIP_E2E=1: the browser end-to-end suite was NOT run.');
  process.exit(0);
}

const browser = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p) => p && fs.existsSync(p),
);
if (!browser) {
  console.error(
    'The end-to-end suite needs Chromium: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).\n' +
      'To skip it on purpose: SKIP_E2E=1 npm test',
  );
  process.exit(1);
}

function run(label, command, commandArgs, env) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${label} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds} s)`);
}

if (!noBuild || !fs.existsSync(path.join(dist, 'taskpane.html'))) {
  run(
    `production build with the office.js stand-in → ${dist}`,
    process.execPath,
    [require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] }), '--mode', 'production', '--output-path', dist, '--no-stats'],
    { OFFICE_JS: 'standin' },
  );
}

run(
  'browser end-to-end tests (headless Chromium)',
  process.execPath,
  [require.resolve('jest/bin/jest', { paths: [ROOT] }), '-c', path.join('test', 'e2e', 'jest.config.js'), ...jestArgs],
  {
    E2E_DIST: dist,
    E2E_SCREENSHOTS_DIR: process.env.E2E_SCREENSHOTS_DIR || path.join(path.dirname(dist), 'screenshots'),
    CHROMIUM_PATH: browser,
    ...(updateScreenshots ? { E2E_UPDATE_SCREENSHOTS: '1' } : {}),
  },
);
