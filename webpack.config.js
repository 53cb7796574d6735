/**
 * Builds the add-in into dist/: taskpane.html + commands.html with content-hashed bundles, the
 * icons, and manifest.xml rewritten for ADDIN_BASE_URL.
 *
 *   ADDIN_BASE_URL  where dist/ is served (default https://localhost:3000/)
 *   OFFICE_JS=local copy office.js from node_modules/@microsoft/office-js into dist/office-js/ and
 *                   load it from there (intranets without access to Microsoft's CDN)
 *   OFFICE_JS=standin  load a local stand-in instead (office-js/standin.js, built from
 *                   src/testing/office-standin: the in-memory fake Excel): browser end-to-end tests
 *
 * The sample workbooks of the standalone page ("Dùng tệp mẫu") are copied into dist/samples/.
 *
 * No eval anywhere (devtool 'source-map' in both modes), so the pages' CSP can forbid it.
 */
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { rewriteManifest, normalizeBaseUrl, DEFAULT_BASE_URL } = require('./scripts/manifest-tools');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** OFFICE_JS=standin: the local office.js stand-in for browser tests (src/testing/office-standin). */
const STANDIN_ENTRY = 'office-standin';
const STANDIN_OFFICE_JS = 'office-js/standin.js';
/** taskpane.html's office.js loader (src/taskpane/office-loader.js): no office.js on ?standalone. */
const OFFICE_LOADER = 'office-loader.js';
/** Sample workbooks served with the pane for the standalone page's "Dùng tệp mẫu". */
const STANDALONE_SAMPLES = ['tong-hop-xa-2025.xlsx', 'tong-hop-xa-2024.xlsx'];

/** The Content-Security-Policy of both pages. */
function contentSecurityPolicy({ officeJsOrigin, dev }) {
  const scripts = ["'self'", officeJsOrigin].filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    // Fluent UI (Griffel) inserts <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data: https://res-1.cdn.office.net https://static2.sharepointonline.com",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

module.exports = (_env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const baseUrl = normalizeBaseUrl(process.env.ADDIN_BASE_URL || DEFAULT_BASE_URL);
  const localOfficeJs = process.env.OFFICE_JS === 'local';
  const standInOfficeJs = process.env.OFFICE_JS === 'standin';
  const officeJsUrl = standInOfficeJs ? STANDIN_OFFICE_JS : localOfficeJs ? 'office-js/office.js' : OFFICE_JS_CDN;
  const csp = contentSecurityPolicy({ officeJsOrigin: localOfficeJs || standInOfficeJs ? '' : new URL(OFFICE_JS_CDN).origin, dev });
  const templateParameters = { officeJsUrl, csp };

  const copies = [
    { from: 'assets/*.png', to: 'assets/[name][ext]' },
    // taskpane.html's office.js loader: a classic script that must run before the parser reaches
    // <body>, so it is copied as it is (not bundled: webpack's bundles are deferred).
    { from: 'src/taskpane/office-loader.js', to: OFFICE_LOADER },
    ...STANDALONE_SAMPLES.map((name) => ({ from: `samples/${name}`, to: `samples/${name}` })),
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => rewriteManifest(content.toString('utf8'), baseUrl),
    },
  ];
  if (localOfficeJs) {
    copies.push({ from: 'node_modules/@microsoft/office-js/dist', to: 'office-js' });
  }

  return {
    mode: dev ? 'development' : 'production',
    devtool: 'source-map',
    context: __dirname,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      // The stand-in is one self-contained classic script (its own runtime, not split).
      ...(standInOfficeJs
        ? { [STANDIN_ENTRY]: { import: './src/testing/office-standin/index.ts', filename: STANDIN_OFFICE_JS, runtime: false } }
        : {}),
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:10].js',
      chunkFilename: dev ? '[name].chunk.js' : '[name].[contenthash:10].chunk.js',
      assetModuleFilename: 'assets/[name].[contenthash:10][ext]',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
    },
    // `global` is globalThis in every browser that runs Fluent UI v9; without this, webpack's
    // runtime adds a `new Function("return this")` fallback to find the global object.
    node: { global: false },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              // ES modules so webpack can tree-shake and split (the repo's tsconfig emits CommonJS).
              compilerOptions: { module: 'esnext', moduleResolution: 'node', sourceMap: true },
            },
          },
        },
      ],
    },
    optimization: {
      // Shared code (React, Fluent UI, the engine) goes into its own chunks; views imported with
      // import() later become lazily loaded chunks of their own.
      splitChunks: { chunks: standInOfficeJs ? (chunk) => chunk.name !== STANDIN_ENTRY : 'all' },
      runtimeChunk: 'single',
    },
    performance: { hints: false },
    plugins: [
      new webpack.DefinePlugin({ global: 'globalThis' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters,
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        templateParameters,
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
    devServer: {
      port: Number(new URL(baseUrl).port || 3000),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: false },
    },
  };
};

module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.OFFICE_LOADER = OFFICE_LOADER;
