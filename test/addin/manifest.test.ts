/**
 * The add-in manifest: valid against the offline schemas (xmllint), before and after the build's
 * base-URL rewrite, plus what an XSD cannot check (resids, en-US overrides, icon files and sizes).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_BASE_URL, checkManifest, findXmllint, pngSize, rewriteManifest, validateWithXmllint } from '../../scripts/manifest-tools';

import { describeShared } from '../support/shared';

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const xml = fs.readFileSync(MANIFEST, 'utf8');

function requireXmllint(): void {
  if (!findXmllint()) {
    throw new Error('xmllint is missing: install it with `apt-get install -y libxml2-utils` (CI does this in .ci/run).');
  }
}

function validate(file: string, schemas: string): void {
  requireXmllint();
  const r = validateWithXmllint(file, schemas);
  expect({ file: path.basename(file), output: r.output, ok: r.ok }).toEqual({
    file: path.basename(file),
    output: expect.any(String),
    ok: true,
  });
}

describeShared('schemas', 'manifest.xml against the Office manifest schemas', (schemas) => {
  test('validates against OfficeAppManifestV1_1.xsd (offline)', () => {
    validate(MANIFEST, schemas);
  });

  test('the rewritten manifest (another base URL) validates too', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'par-manifest-')), 'manifest.xml');
    fs.writeFileSync(file, rewriteManifest(xml, 'https://addins.example.gov.vn/par-scorecard/'));
    validate(file, schemas);
  });

  // The manifest as built (webpack's rewrite, icons, pages) is checked where a production build
  // exists: test/e2e/manifest.e2e.test.ts, on the build `npm run test:e2e` makes.
});

describe('manifest.xml', () => {
  test('the rewritten manifest (another base URL) points everything there', () => {
    const base = 'https://addins.example.gov.vn/par-scorecard/';
    const out = rewriteManifest(xml, base);
    expect(out).not.toContain('localhost');
    expect(out).toContain('<AppDomain>https://addins.example.gov.vn</AppDomain>');
    expect(out).toContain(`${base}taskpane.html?view=rank`);
    expect(checkManifest(out, { baseUrl: base })).toEqual([]);
    expect(() => rewriteManifest(xml, 'http://insecure.example/')).toThrow(/https/);
  });

  test('every resid names exactly one resource, every string has an en-US override, icons exist at their sizes', () => {
    expect(checkManifest(xml)).toEqual([]);
  });

  test('the checks catch a missing resource, a missing override and a wrong icon size', () => {
    const broken = xml
      .replace(
        '<bt:String id="Quick.Label" DefaultValue="Kiểm tra nhanh">',
        '<bt:String id="Quick.Label" DefaultValue="Kiểm tra nhanh"><!-- -->',
      )
      .replace('<bt:Override Locale="en-US" Value="Quick check"/>', '')
      .replace('resid="Rank.Tip"', 'resid="Rank.Tipp"')
      .replace('assets/check-32.png', 'assets/check-16.png');
    const problems = checkManifest(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'string "Quick.Label" has no en-US override',
        'resid "Rank.Tipp" names no resource',
        expect.stringMatching(/image "Check\.32".*16×16, expected 32×32/),
      ]),
    );
  });

  test('locale, permissions, requirement set, host', () => {
    expect(xml).toMatch(/<DefaultLocale>vi-VN<\/DefaultLocale>/);
    expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.7"\/>/);
    expect(xml).toMatch(/<Host Name="Workbook"\/>/);
    expect(xml.split(DEFAULT_BASE_URL).length).toBeGreaterThan(10);
  });

  test('each task-pane button opens the shared pane on its own view; the quick check runs validateWorkbook', () => {
    const urls = new Map([...xml.matchAll(/<bt:Url id="([^"]+)" DefaultValue="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));
    const controls = [...xml.matchAll(/<Control xsi:type="Button" id="([^"]+)">([\s\S]*?)<\/Control>/g)];
    const views: Record<string, string> = {};
    const paneIds = new Set<string>();
    for (const [, id, body] of controls) {
      const show = /<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>([^<]+)<\/TaskpaneId>\s*<SourceLocation resid="([^"]+)"\/>/.exec(body);
      if (show) {
        paneIds.add(show[1]);
        views[id] = new URL(urls.get(show[2])!).searchParams.get('view')!;
      } else {
        expect(body).toMatch(/<Action xsi:type="ExecuteFunction">\s*<FunctionName>validateWorkbook<\/FunctionName>/);
        views[id] = 'function';
      }
    }
    expect(views).toEqual({
      'ParScorecard.Check': 'check',
      'ParScorecard.Rank': 'rank',
      'ParScorecard.Compare': 'compare',
      'ParScorecard.Quick': 'function',
    });
    expect([...paneIds]).toEqual(['ParScorecardPane']);
    expect(urls.get('Url.Commands')).toBe(`${DEFAULT_BASE_URL}commands.html`);
  });
});

describe('assets', () => {
  test('every icon is a real PNG of the size in its name (16, 32, 64, 80, 128)', () => {
    const files = fs.readdirSync(path.join(ROOT, 'assets')).filter((f) => f.endsWith('.png'));
    expect(files.length).toBeGreaterThanOrEqual(5 * 5);
    for (const f of files) {
      const m = /-(\d+)\.png$/.exec(f);
      expect(m).not.toBeNull();
      expect({ f, size: pngSize(path.join(ROOT, 'assets', f)) }).toEqual({ f, size: { width: Number(m![1]), height: Number(m![1]) } });
    }
    for (const size of [16, 32, 64, 80, 128]) expect(files).toContain(`icon-${size}.png`);
  });
});
