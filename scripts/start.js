#!/usr/bin/env node
/**
 * npm start: run the add-in for development.
 *
 * - Windows or macOS with Excel and the optional dependency office-addin-debugging installed:
 *   `office-addin-debugging start manifest.xml` (starts the dev server, sideloads the manifest,
 *   opens Excel).
 * - Otherwise: webpack-dev-server over HTTPS with the Office development certificates
 *   (office-addin-dev-certs) when they can be made and trusted, else over HTTP (fine for the
 *   browser tests with the fake Excel; Office itself needs HTTPS). The URL is printed.
 *
 *   PORT=3001 npm start      another port (keep ADDIN_BASE_URL in step for the manifest)
 *   npm start -- --http      skip the certificates
 */
'use strict';
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);

function resolves(name) {
  try {
    require.resolve(name, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

function sideload() {
  const bin = require.resolve('office-addin-debugging/cli.js', { paths: [ROOT] });
  const port = process.env.PORT || '3000';
  const child = spawn(
    process.execPath,
    [
      bin,
      'start',
      path.join(ROOT, 'manifest.xml'),
      'desktop',
      '--app',
      'excel',
      '--dev-server',
      `node "${__filename}" --server-only`,
      '--dev-server-port',
      port,
    ],
    { stdio: 'inherit', cwd: ROOT },
  );
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function httpsOptions() {
  if (args.includes('--http')) return null;
  try {
    const certs = require('office-addin-dev-certs');
    return await certs.getHttpsServerOptions();
  } catch (e) {
    console.warn(`HTTPS certificates unavailable (${e && e.message ? e.message.split('\n')[0] : e}); serving over HTTP.`);
    return null;
  }
}

async function serve() {
  const webpack = require('webpack');
  const WebpackDevServer = require('webpack-dev-server');
  const makeConfig = require(path.join(ROOT, 'webpack.config.js'));
  const config = makeConfig({}, { mode: 'development' });
  const port = Number(process.env.PORT || config.devServer.port || 3000);
  const tls = await httpsOptions();
  const server = new WebpackDevServer(
    { ...config.devServer, port, server: tls ? { type: 'https', options: tls } : { type: 'http' } },
    webpack(config),
  );
  await server.start();
  const url = `${tls ? 'https' : 'http'}://localhost:${port}/`;
  console.log(`\nPAR Scorecard is served at ${url}taskpane.html (manifest: ${url}manifest.xml)`);
  if (!tls) console.log('Office loads add-ins over HTTPS only: this HTTP server is for browser testing.');
  // Standalone page (docs/standalone.md): the same pane on a workbook file, in any browser, no Excel.
  console.log(`Without Excel, open in a browser: ${url}taskpane.html?standalone (the workbook stays on this computer)`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const desktop = (process.platform === 'win32' || process.platform === 'darwin') && !args.includes('--server-only');
if (desktop && resolves('office-addin-debugging/cli.js')) sideload();
else
  serve().catch((e) => {
    console.error(e);
    process.exit(1);
  });
