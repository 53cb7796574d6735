/**
 * The manifest as built (webpack's copy of manifest.xml, rewritten for ADDIN_BASE_URL) in the
 * production build this suite runs on: the same rewrite the unit tests check, its icons present
 * in the build at their sizes, its pages built, and — with the team's schemas — valid against the
 * Office manifest XSD. (Before, test/addin/manifest.test.ts passed this check silently whenever
 * `npm test` had not built dist/, which it never does.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { distDir } from './harness';
import { describeShared } from '../support/shared';
import { requireTool } from '../support/tools';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tools = require('../../scripts/manifest-tools') as {
  DEFAULT_BASE_URL: string;
  normalizeBaseUrl: (url: string) => string;
  rewriteManifest: (xml: string, baseUrl: string) => string;
  checkManifest: (xml: string, options: { baseUrl: string; assetsDir: string }) => string[];
  validateWithXmllint: (file: string, schemas: string) => { ok: boolean; output: string };
};

const ROOT = path.resolve(__dirname, '../..');
const baseUrl = tools.normalizeBaseUrl(process.env.ADDIN_BASE_URL || tools.DEFAULT_BASE_URL);
const builtManifest = () => path.join(distDir(), 'manifest.xml');

describe('the built manifest.xml', () => {
  test('is the source manifest rewritten for the build’s base URL', () => {
    const source = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    expect(readFileSync(builtManifest(), 'utf8')).toBe(tools.rewriteManifest(source, baseUrl));
  });

  test('every resource resolves and every icon is in the build at its size', () => {
    const xml = readFileSync(builtManifest(), 'utf8');
    expect(tools.checkManifest(xml, { baseUrl, assetsDir: path.join(distDir(), 'assets') })).toEqual([]);
  });

  test('every page it opens is in the build', () => {
    const xml = readFileSync(builtManifest(), 'utf8');
    const pages = [...new Set([...xml.matchAll(/DefaultValue="([^"]+\.html)(?:\?[^"]*)?"/g)].map((m) => m[1]))];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const missing = pages.filter((url) => !existsSync(path.join(distDir(), url.slice(baseUrl.length))));
    expect(missing).toEqual([]);
  });
});

describeShared('schemas', 'the built manifest.xml against the Office manifest schemas', (schemas) => {
  test('validates against OfficeAppManifestV1_1.xsd (offline)', () => {
    requireTool('xmllint');
    const r = tools.validateWithXmllint(builtManifest(), schemas);
    expect({ output: r.output, ok: r.ok }).toEqual({ output: expect.any(String), ok: true });
  });
});
