/**
 * The webpack configuration: no eval, a CSP that allows scripts only from the page's origin and
 * the office.js origin in use, office.js from the CDN or (OFFICE_JS=local) from dist/office-js/,
 * hashed chunks and split chunks, the manifest rewritten for ADDIN_BASE_URL.
 */
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require('../../webpack.config.js') as (env: object, argv: { mode: string }) => WebpackConfig;

/** The parts of webpack.config.js's result these tests read. */
interface Plugin {
  constructor: { name: string };
  userOptions: { filename: string; templateParameters: Record<string, unknown> };
  patterns: CopyPattern[];
}
interface CopyPattern {
  from: string;
  to: unknown;
  transform: (content: Buffer) => string | Buffer;
}
interface WebpackConfig {
  devtool: unknown;
  entry: Record<string, unknown>;
  output: { filename: string; chunkFilename: string };
  optimization: { splitChunks: { chunks: string } };
  plugins: Plugin[];
}

const ROOT = path.resolve(__dirname, '../..');

function withEnv<T>(vars: Record<string, string | undefined>, f: () => T): T {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(vars)) {
    saved[k] = process.env[k];
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  try {
    return f();
  } finally {
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

const htmlPlugins = (config: WebpackConfig) => config.plugins.filter((p) => p.constructor.name === 'HtmlWebpackPlugin');
const copyPatterns = (config: WebpackConfig) => config.plugins.find((p) => p.constructor.name === 'CopyPlugin')?.patterns ?? [];

describe('webpack.config.js', () => {
  test('production: hashed bundles, split chunks, no eval source maps, two pages', () => {
    const config = withEnv({ OFFICE_JS: undefined, ADDIN_BASE_URL: undefined }, () => makeConfig({}, { mode: 'production' }));
    expect(config.devtool).toBe('source-map');
    expect(String(config.devtool)).not.toMatch(/eval/);
    expect(config.output.filename).toMatch(/\[contenthash/);
    expect(config.output.chunkFilename).toMatch(/\[contenthash/);
    expect(config.optimization.splitChunks.chunks).toBe('all');
    expect(Object.keys(config.entry)).toEqual(['taskpane', 'commands']);
    expect(htmlPlugins(config).map((p) => p.userOptions.filename)).toEqual(['taskpane.html', 'commands.html']);
  });

  test('development keeps eval out too (the CSP forbids it)', () => {
    const config = makeConfig({}, { mode: 'development' });
    expect(String(config.devtool)).not.toMatch(/eval/);
  });

  test('office.js from the CDN by default; CSP scripts from self and that origin only', () => {
    const config = withEnv({ OFFICE_JS: undefined }, () => makeConfig({}, { mode: 'production' }));
    const params = htmlPlugins(config)[0].userOptions.templateParameters;
    expect(params.officeJsUrl).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(params.csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect(params.csp).not.toMatch(/unsafe-eval/);
    expect(copyPatterns(config).some((p) => String(p.to) === 'office-js')).toBe(false);
  });

  test('OFFICE_JS=local copies office.js into dist/office-js and loads it from there', () => {
    const config = withEnv({ OFFICE_JS: 'local' }, () => makeConfig({}, { mode: 'production' }));
    const params = htmlPlugins(config)[1].userOptions.templateParameters;
    expect(params.officeJsUrl).toBe('office-js/office.js');
    expect(params.csp).toMatch(/script-src 'self';/);
    expect(copyPatterns(config)).toContainEqual({ from: 'node_modules/@microsoft/office-js/dist', to: 'office-js' });
  });

  test('the office.js loader of taskpane.html is copied as it is, beside the pages', () => {
    for (const officeJs of [undefined, 'local', 'standin']) {
      const config = withEnv({ OFFICE_JS: officeJs }, () => makeConfig({}, { mode: 'production' }));
      expect(copyPatterns(config)).toContainEqual({ from: 'src/taskpane/office-loader.js', to: 'office-loader.js' });
    }
  });

  test('the copy step rewrites the manifest for ADDIN_BASE_URL', () => {
    const config = withEnv({ ADDIN_BASE_URL: 'https://cchc.example.vn/addin' }, () => makeConfig({}, { mode: 'production' }));
    const pattern = copyPatterns(config).find((p) => p.from === 'manifest.xml');
    const out = pattern?.transform(fs.readFileSync(path.join(ROOT, 'manifest.xml')));
    expect(out).toContain('https://cchc.example.vn/addin/taskpane.html?view=check');
    expect(out).not.toContain('localhost:3000');
  });
});
