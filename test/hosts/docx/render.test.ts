/**
 * The Word draft (issue #18) as a file: `par-scorecard report` on the sample consolidation and its
 * prior year, read back three ways:
 *  - our own reading of the package: every part well-formed (xmllint), every part has a content
 *    type, every relationship's target exists, the texts an official signs are in document.xml;
 *  - the parts that have a schema in ../shared/schemas/ooxml validated against it ([Content_Types],
 *    .rels, core/app/custom properties, the theme, the chart part against dml-chart.xsd, and the
 *    chart's embedded workbook with check-xlsx.sh). WordprocessingML's own schema (wml.xsd) is not
 *    there: document.xml, styles.xml, numbering.xml, settings.xml are checked for well-formedness
 *    and by LibreOffice opening them, not against a schema;
 *  - LibreOffice Writer converting the document to text (libreoffice-writer-nogui): the same texts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { main } from '../../../src/cli/main';
import { entryDataStart, readCentralDirectory } from '../../../src/hosts/xlsx/zip';
import { describeShared, samplePath } from '../../support/shared';
import { findTool } from '../../support/tools';

jest.setTimeout(240_000);

const SOFFICE = findTool('soffice') ?? '';
let dir: string;
let docx: string;
let parts: Map<string, Buffer>;
let cliOut = '';

/** Every part of a zip package, inflated with Node's zlib (not the library that wrote it). */
function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readCentralDirectory(bytes)) {
    const start = entryDataStart(bytes, e);
    const raw = Buffer.from(bytes.subarray(start, start + e.compressedSize));
    out.set(e.name, e.method === 8 ? inflateRawSync(raw) : raw);
  }
  return out;
}

const text = (xml: string) =>
  xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

const EXPECTED = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'BÁO CÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025',
  'Xã Hòa Bình đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường; tăng 3,36 điểm và tăng 03 bậc so với năm 2024.',
  'Đạt điểm tuyệt đối ở lĩnh vực: Tác động của CCHC.',
  '1. Công tác chỉ đạo, điều hành CCHC (các tiêu chí giảm tổng cộng 2 điểm): 1.1.2 Mức độ thực hiện kế hoạch (giảm 1,5 điểm; đạt 0/1,5); 1.3 Tuyên truyền CCHC (giảm 0,5 điểm; đạt 0,75/1,5).',
  'Tăng/giảm so với năm 2024',
  '1. Công tác chỉ đạo, điều hành CCHC',
  '66,52%',
  'Để đạt thứ 2 trong tổng số 12 xã, phường, Xã Hòa Bình cần thêm 4,496 điểm (Phường Tân Lập: 91,246 điểm); dư địa lớn nhất: 3.4 Mức độ hài lòng (SIPAS) (còn 2,265 điểm)',
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'par-report-'));
  docx = path.join(dir, 'bao-cao.docx');
  const code = await main(
    ['report', samplePath('tong-hop-xa-2025.xlsx'), '--prior', samplePath('tong-hop-xa-2024.xlsx'), '--unit', 'Xã Hòa Bình', '--out', docx],
    {
      out: (s) => (cliOut += s),
      err: (s) => (cliOut += s),
    },
  );
  expect(code).toBe(0);
  parts = unzip(readFileSync(docx));
});

test('the document holds the result sentence, full-mark area, declined criteria with points, area table and target', () => {
  const body = text(parts.get('word/document.xml')!.toString('utf8'));
  for (const t of EXPECTED) expect(body).toContain(t);
  expect(cliOut).toContain('Đã lập dự thảo báo cáo');
});

test('package rules: every part well-formed, typed by [Content_Types].xml, every relationship target present', () => {
  const types = parts.get('[Content_Types].xml')!.toString('utf8');
  const defaults = [...types.matchAll(/<Default[^>]*Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase());
  const overrides = new Set([...types.matchAll(/<Override[^>]*PartName="([^"]+)"/g)].map((m) => m[1]));
  for (const name of parts.keys()) {
    if (name.endsWith('/')) continue;
    const ext = name.split('.').pop()!.toLowerCase();
    expect({ name, typed: overrides.has(`/${name}`) || defaults.includes(ext) }).toEqual({ name, typed: true });
    if (/\.(xml|rels)$/.test(name)) {
      const file = path.join(dir, 'parts', name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, parts.get(name)!);
      execFileSync('xmllint', ['--noout', '--nonet', file], { stdio: 'pipe' });
    }
  }
  for (const o of overrides) expect(parts.has(o.slice(1))).toBe(true);
  for (const [name, data] of parts) {
    if (!name.endsWith('.rels')) continue;
    const base = path.posix.dirname(path.posix.dirname(name));
    for (const m of data.toString('utf8').matchAll(/<Relationship [^>]*>/g)) {
      if (/TargetMode="External"/.test(m[0])) continue;
      const target = /Target="([^"]+)"/.exec(m[0])![1];
      const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(base, target));
      expect({ from: name, target: resolved, present: parts.has(resolved) }).toEqual({ from: name, target: resolved, present: true });
    }
  }
});

test('the chart is a native Word chart: a DrawingML chart part of bars with both years, its data in an embedded workbook', () => {
  const chartName = [...parts.keys()].find((n) => /^word\/charts\/chart\d+\.xml$/.test(n))!;
  const chart = parts.get(chartName)!.toString('utf8');
  expect(chart).toContain('<c:barDir val="bar"/>');
  expect(chart).toContain('Xã Hòa Bình');
  expect(chart).toMatch(/<c:v>2025<\/c:v>[\s\S]*<c:v>2024<\/c:v>/);
  expect(chart).toContain('<c:v>86.75</c:v>');
  expect(chart).toMatch(/<c:max val="100"\/>\s*<c:min val="60"\/>/);
  expect(parts.get('word/document.xml')!.toString('utf8')).toContain('http://schemas.openxmlformats.org/drawingml/2006/chart');
  expect([...parts.keys()].some((n) => /^word\/embeddings\/.+\.xlsx$/.test(n))).toBe(true);
});

describeShared('schemas/ooxml', 'parts with a schema in ../shared/schemas/ooxml validate', (schemas) => {
  const validate = (part: string, xsd: string) => {
    const file = path.join(dir, 'schema', part);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, parts.get(part)!);
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(schemas, xsd), file], { stdio: 'pipe' });
  };
  test('package parts, properties, theme and the chart', () => {
    validate('[Content_Types].xml', 'opc-contentTypes.xsd');
    for (const name of parts.keys()) if (name.endsWith('.rels')) validate(name, 'opc-relationships.xsd');
    validate('docProps/core.xml', 'opc-coreProperties.xsd');
    validate('docProps/app.xml', 'shared-documentPropertiesExtended.xsd');
    validate('docProps/custom.xml', 'shared-documentPropertiesCustom.xsd');
    validate('word/theme/theme1.xml', 'dml-main.xsd');
    for (const name of parts.keys()) if (/^word\/charts\/chart\d+\.xml$/.test(name)) validate(name, 'dml-chart.xsd');
  });
  test('the chart’s embedded workbook passes check-xlsx.sh', () => {
    const name = [...parts.keys()].find((n) => /^word\/embeddings\/.+\.xlsx$/.test(n))!;
    const file = path.join(dir, 'embedded.xlsx');
    writeFileSync(file, parts.get(name)!);
    execFileSync('bash', [path.join(schemas, 'check-xlsx.sh'), file], { stdio: 'pipe' });
  });
});

test('LibreOffice Writer reads the same text', () => {
  if (!SOFFICE) throw new Error('LibreOffice is missing: apt-get install -y libreoffice-writer-nogui (see README, Tests)');
  const profile = path.join(dir, 'profile');
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'txt:Text (encoded):UTF8',
      '--outdir',
      dir,
      docx,
    ],
    {
      stdio: 'pipe',
      timeout: 200_000,
      env: { ...process.env, HOME: dir },
    },
  );
  const txt = path.join(dir, 'bao-cao.txt');
  if (!existsSync(txt)) throw new Error('LibreOffice could not open the .docx (is libreoffice-writer-nogui installed?)');
  const read = readFileSync(txt, 'utf8');
  for (const t of EXPECTED) expect(read).toContain(t);
});
