/**
 * The reader (src/hosts/xlsx/ooxml/read-snapshot.ts), defined by ECMA-376, XML 1.0 and Excel,
 * against ExcelJS 4.4's reader as an independent check: on every real file and on hand-made edge
 * cases, the same snapshot, or a WorkbookReadError with the same reason — except where ExcelJS
 * departs from the standard (issue #16). Each deliberate difference (listed in the reader's header)
 * is stated in `describe('deliberate differences: the standard, not ExcelJS')` with a small package
 * and what both readers give: namespace prefixes, rows and cells without `r`, parts found through
 * relationships, text decoded once, CDATA, string items, style 0, dates only from numbers, ISO
 * `t="d"`, hyperlinks, sheet names, `<extLst>`, shared formulas with string literals, lower-case
 * references, xsd:booleans, repeated `<cols>`, and formula results dropped under fullCalcOnLoad.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCase } from '../../../../bench/cases';
import type { WorkbookSnapshot } from '../../../../src/core/snapshot';
import { WorkbookReadError } from '../../../../src/hosts/xlsx/errors';
import { nodeZipCodec } from '../../../../src/hosts/xlsx/node';
import { packageToSnapshot, translateSharedFormula } from '../../../../src/hosts/xlsx/ooxml/read-snapshot';
import { readXlsxPackage, writeXlsxPackage, XlsxPackage } from '../../../../src/hosts/xlsx/ooxml/package';
import { readWorkbookBuffer } from '../../../support/exceljs/read';
import { DEFAULT_LIMITS, type SizeLimits } from '../../../../src/hosts/xlsx/zip';
import { describeShared } from '../../../support/shared';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const ROOT = path.resolve(__dirname, '../../../..');

type Outcome = { snapshot: WorkbookSnapshot } | { reason: string };

async function viaExcelJs(bytes: Uint8Array, name: string, limits: Partial<SizeLimits> = {}): Promise<Outcome> {
  try {
    return { snapshot: await readWorkbookBuffer(bytes, name, { limits, codec: nodeZipCodec }) };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { reason: e.reason };
    throw e;
  }
}

async function viaDirect(bytes: Uint8Array, name: string, limits: Partial<SizeLimits> = {}, sheets?: string[]): Promise<Outcome> {
  try {
    const pkg = await readXlsxPackage(bytes, name, limits, nodeZipCodec);
    if (!pkg) throw new Error('no package');
    return { snapshot: packageToSnapshot(pkg, name, { ...DEFAULT_LIMITS, ...limits }, sheets ? { sheets } : {}) };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { reason: e.reason };
    throw e;
  }
}

/** Both readers on the bytes, where they are meant to differ. */
async function bothReaders(bytes: Uint8Array, name = 'test.xlsx'): Promise<{ exceljs: Outcome; direct: Outcome }> {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return { exceljs: await viaExcelJs(bytes, name), direct: await viaDirect(bytes, name) };
  } finally {
    warn.mockRestore();
  }
}

/** Both readers on the bytes; returns the (common) outcome. */
async function expectSame(bytes: Uint8Array, name = 'test.xlsx', limits: Partial<SizeLimits> = {}): Promise<Outcome> {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const expected = await viaExcelJs(bytes, name, limits);
    const actual = await viaDirect(bytes, name, limits);
    expect(actual).toEqual(expected);
    return expected;
  } finally {
    warn.mockRestore();
  }
}

const snap = (o: Outcome): WorkbookSnapshot => {
  if (!('snapshot' in o)) throw new Error(`read failed: ${o.reason}`);
  return o.snapshot;
};

function xlsxFiles(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const n of names) {
    const full = path.join(dir, n);
    if (statSync(full).isDirectory()) out.push(...xlsxFiles(full));
    else if (/\.(xlsx|xlsm|xls)$/i.test(n)) out.push(full);
  }
  return out;
}

describe('direct reader = ExcelJS reader on real files', () => {
  const samples = xlsxFiles(path.join(ROOT, 'samples'));
  const bad = xlsxFiles(path.join(ROOT, 'test/fixtures/bad'));

  it('finds the files', () => {
    expect(samples.length).toBeGreaterThanOrEqual(20);
    expect(bad.length).toBeGreaterThanOrEqual(25);
  });

  it.each(samples.map((f) => [path.relative(ROOT, f), f]))('sample %s', async (_rel, file) => {
    const o = await expectSame(new Uint8Array(readFileSync(file)), path.basename(file));
    expect(snap(o).sheets.length).toBeGreaterThan(0);
  });

  describeShared('fixtures', 'the shared fixtures (an independent set)', (dir) => {
    it.each(xlsxFiles(dir).map((f) => [path.basename(f), f]))('shared %s', async (_rel, file) => {
      const o = await expectSame(new Uint8Array(readFileSync(file)), path.basename(file));
      expect(snap(o).sheets.length).toBeGreaterThan(0);
    });
  });

  it.each(bad.map((f) => [path.basename(f), f]))('bad input %s', async (_rel, file) => {
    await expectSame(new Uint8Array(readFileSync(file)), path.basename(file));
  });

  it('applies the grid limit the same way', async () => {
    const file = path.join(ROOT, 'samples/tong-hop-xa-2025.xlsx');
    const o = await expectSame(new Uint8Array(readFileSync(file)), 'x.xlsx', { maxGridCells: 50 });
    expect(o).toEqual({ reason: 'too-large' });
  });
});

describe('direct reader = ExcelJS reader on bench-shaped workbooks', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'par-read-snapshot-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('consolidated 20 units x 30 criteria (both years)', async () => {
    const files = await generateCase({ name: '20x30', kind: 'consolidated', units: 20, criteriaRows: 30 }, path.join(dir, 'c'));
    for (const f of [files.current!, files.prior!]) {
      const o = await expectSame(new Uint8Array(readFileSync(f)), path.basename(f));
      expect(snap(o).sheets[0].cells.length).toBeGreaterThan(30);
    }
  });

  it('summary of 50 units', async () => {
    const files = await generateCase({ name: '50', kind: 'summary', units: 50, criteriaRows: 8 }, path.join(dir, 's'));
    const o = await expectSame(new Uint8Array(readFileSync(files.current!)), 'ket-qua-2025.xlsx');
    expect(snap(o).sheets[0].cells.length).toBeGreaterThan(50);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-made workbooks
// ---------------------------------------------------------------------------------------------

async function excelJsBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const cellOf = (s: WorkbookSnapshot, sheet: number, a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return s.sheets[sheet].cells[Number(m[2]) - 1]?.[col - 1] ?? null;
};

describe('direct reader = ExcelJS reader on workbooks written by ExcelJS', () => {
  it('values, dates in several formats, rich text, booleans, errors, formula results', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Giá trị');
    ws.getCell('A1').value = 'Xã Hòa Bình';
    ws.getCell('A2').value = 12.5;
    ws.getCell('A3').value = true;
    ws.getCell('A4').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    ws.getCell('A5').value = { richText: [{ text: 'Tổng ', font: { bold: true } }, { text: 'điểm' }] };
    const formats = ['mm-dd-yy', 'dd/mm/yyyy', 'yyyy-mm-dd hh:mm:ss', '[h]:mm:ss', '[$-409]mmmm d, yyyy', 'd-mmm', 'h:mm AM/PM'];
    formats.forEach((fmt, i) => {
      const c = ws.getCell(i + 1, 2);
      c.value = new Date(Date.UTC(2025, 11, 1 + i, 8, 30, 15));
      c.numFmt = fmt;
    });
    ws.getCell('C1').value = 0.125;
    ws.getCell('C1').numFmt = '0.00%';
    ws.getCell('C2').value = 3;
    ws.getCell('C2').numFmt = '"d"0'; // a d in quotes is not a date
    ws.getCell('C3').value = 45992.75;
    ws.getCell('C3').numFmt = '#,##0.000';
    ws.getCell('D1').value = { formula: 'A1&" (xã)"', result: 'Xã Hòa Bình (xã)' } as ExcelJS.CellFormulaValue;
    ws.getCell('D2').value = { formula: 'A2>10', result: true } as ExcelJS.CellFormulaValue;
    ws.getCell('D3').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    ws.getCell('D4').value = { formula: '_xlfn.RANK.EQ(A2,A2:A2)', result: 1 } as ExcelJS.CellFormulaValue;
    ws.getCell('D5').value = { formula: 'B1+1', result: 45993 } as ExcelJS.CellFormulaValue;
    ws.getCell('D5').numFmt = 'dd/mm/yyyy';
    ws.getCell('D6').value = { formula: 'SUM(A2:A3)' } as ExcelJS.CellFormulaValue;
    ws.getCell('E1').value = 'line one\r\nline two\ttab _x000D_ & <tag> "q" \'a\'';
    ws.getCell('E2').value = '   leading and trailing   ';
    ws.getCell('E3').value = '';
    ws.getCell('E4').value = null;
    ws.getCell('E4').numFmt = '0.00'; // a styled empty cell
    ws.getCell('F9').value = 1e-7;
    ws.getCell('G9').value = -123456789.12345679; // the double nearest -123456789.123456789
    const snapshot = snap(await expectSame(await excelJsBytes(wb)));
    expect(cellOf(snapshot, 0, 'A1')).toEqual({ v: 'Xã Hòa Bình', t: 's' });
    expect(cellOf(snapshot, 0, 'A4')).toEqual({ v: '#DIV/0!', t: 'e' });
    expect(cellOf(snapshot, 0, 'A5')).toEqual({ v: 'Tổng điểm', t: 's' });
    expect(cellOf(snapshot, 0, 'B1')).toEqual({ v: 45992.354340278, t: 'd', fmt: 'mm-dd-yy' }); // 2025-12-01 08:30:15
    expect(cellOf(snapshot, 0, 'C2')).toEqual({ v: 3, t: 'n', fmt: '"d"0' });
    expect(cellOf(snapshot, 0, 'D2')).toEqual({ v: true, t: 'b', f: 'A2>10' });
    expect(cellOf(snapshot, 0, 'D4')).toEqual({ v: 1, t: 'n', f: 'RANK.EQ(A2,A2:A2)' });
    expect(cellOf(snapshot, 0, 'D6')).toEqual({ v: null, t: 'n', f: 'SUM(A2:A3)' });
    expect(cellOf(snapshot, 0, 'G9')).toEqual({ v: -123456789.12345679, t: 'n' });
  });

  it('shared and array formulas, hyperlinks, merges, hidden rows and columns, protection, sheet states', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tổng hợp');
    for (let r = 1; r <= 6; r++) {
      ws.getCell(r, 1).value = r;
      ws.getCell(r, 2).value = r * 10;
    }
    ws.fillFormula('C1:C6', 'A1+$B$1*B1', (row) => row * 101);
    ws.getCell('D1').value = { formula: 'A1:A3*2', result: 2, shareType: 'array', ref: 'D1:D3' } as ExcelJS.CellFormulaValue;
    ws.getCell('E1').value = { text: 'Cổng thông tin', hyperlink: 'https://example.gov.vn/a?b=1&c=2' };
    ws.getCell('E2').value = {
      text: { richText: [{ text: 'rich ' }, { text: 'link' }] },
      hyperlink: 'https://example.gov.vn',
    } as unknown as ExcelJS.CellHyperlinkValue;
    ws.mergeCells('F1:G2');
    ws.getCell('F1').value = 'gộp';
    ws.mergeCells('A8:A10');
    ws.getCell('A8').value = 'dọc';
    ws.getRow(3).hidden = true;
    ws.getRow(12).hidden = true; // beyond the last row with a value
    ws.getColumn(2).hidden = true;
    ws.getColumn(30).hidden = true; // beyond the last used column
    await ws.protect('', { selectLockedCells: true });
    const hidden = wb.addWorksheet('Ẩn', { state: 'hidden' });
    hidden.getCell('B2').value = 'ẩn';
    const very = wb.addWorksheet('PAR_Scorecard_State', { state: 'veryHidden' });
    very.getCell('A1').value = '{"version":1}';
    wb.addWorksheet('Trống');
    const snapshot = snap(await expectSame(await excelJsBytes(wb)));
    expect(snapshot.sheets.map((s) => [s.name, s.visibility, s.protected])).toEqual([
      ['Tổng hợp', 'visible', true],
      ['Ẩn', 'hidden', false],
      ['PAR_Scorecard_State', 'veryHidden', false],
      ['Trống', 'visible', false],
    ]);
    expect(cellOf(snapshot, 0, 'C4')).toEqual({ v: 404, t: 'n', f: 'A4+$B$1*B4' });
    expect(cellOf(snapshot, 0, 'E1')).toEqual({ v: 'Cổng thông tin', t: 's' });
    expect(cellOf(snapshot, 0, 'G2')).toBeNull();
    expect(snapshot.sheets[0].merges).toEqual(['F1:G2', 'A8:A10']);
    expect(snapshot.sheets[0].hiddenRows).toEqual([3]);
    expect(snapshot.sheets[0].hiddenColumns).toEqual([2]);
    expect(snapshot.sheets[3].cells).toEqual([]);
  });

  it('reads only the sheets asked for', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Một').getCell('A1').value = 1;
    const state = wb.addWorksheet('PAR_Scorecard_State', { state: 'veryHidden' });
    state.getCell('A1').value = '{"v":1}';
    const bytes = await excelJsBytes(wb);
    const all = snap(await expectSame(bytes));
    const only = snap(await viaDirect(bytes, 'x.xlsx', {}, ['PAR_Scorecard_State']));
    expect(only.sheets).toEqual([all.sheets[1]]);
    expect(only.fileName).toBe('x.xlsx');
  });
});

// ---------------------------------------------------------------------------------------------
// Raw SpreadsheetML, for what ExcelJS never writes
// ---------------------------------------------------------------------------------------------

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface RawSheet {
  name: string;
  /** The whole worksheet part, or just the children of <worksheet>. */
  xml: string;
  state?: string;
  rels?: string;
  /** Part name under xl/ (default worksheets/sheetN.xml). */
  target?: string;
  sheetId?: number;
  relType?: string;
}

async function rawBytes(o: {
  sheets: RawSheet[];
  sst?: string;
  styles?: string;
  workbookPr?: string;
  workbookXml?: string;
}): Promise<Uint8Array> {
  const pkg = new XlsxPackage();
  const partOf = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  // Each part's content type (Part 2 §10.1.2), so that a package with nothing else wrong passes check-xlsx.sh.
  const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const overrides = [`<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>`];
  pkg.set(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const rels: string[] = [];
  const defs: string[] = [];
  o.sheets.forEach((s, i) => {
    const target = s.target ?? `worksheets/sheet${i + 1}.xml`;
    rels.push(`<Relationship Id="rId${i + 1}" Type="${s.relType ?? `${REL}/worksheet`}" Target="${target}"/>`);
    defs.push(`<sheet name="${s.name}" sheetId="${s.sheetId ?? i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`);
    const xml =
      s.xml.startsWith('<?xml') || s.xml.startsWith('<worksheet') || s.xml.startsWith('<x:') || s.xml.startsWith('<chartsheet')
        ? s.xml
        : `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}>${s.xml}</worksheet>`;
    pkg.set(partOf(target), xml);
    overrides.push(
      `<Override PartName="/${partOf(target)}" ContentType="${CT}.${s.relType?.endsWith('chartsheet') ? 'chartsheet' : 'worksheet'}+xml"/>`,
    );
    if (s.rels)
      pkg.set(
        `${partOf(target).replace(/([^/]+)$/, '_rels/$1.rels')}`,
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${s.rels}</Relationships>`,
      );
  });
  let n = o.sheets.length;
  if (o.sst !== undefined) {
    rels.push(`<Relationship Id="rId${++n}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
    overrides.push(`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`);
    pkg.set(
      'xl/sharedStrings.xml',
      o.sst.startsWith('<?xml')
        ? o.sst
        : `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${o.sst}</sst>`,
    );
  }
  if (o.styles !== undefined) {
    rels.push(`<Relationship Id="rId${++n}" Type="${REL}/styles" Target="styles.xml"/>`);
    overrides.push(`<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`);
    pkg.set(
      'xl/styles.xml',
      o.styles.startsWith('<?xml')
        ? o.styles
        : `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${o.styles}</styleSheet>`,
    );
  }
  pkg.set(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
  );
  pkg.set(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  pkg.set(
    'xl/workbook.xml',
    o.workbookXml ??
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${o.workbookPr ?? ''}<sheets>${defs.join('')}</sheets></workbook>`,
  );
  return writeXlsxPackage(pkg, nodeZipCodec);
}

/** cellXfs: index 0 General, 1 mm-dd-yy (14), 2 custom dd/mm/yyyy (164), 3 escaped custom, 4 0.00 (2), 5 time (21), 6 custom text with quotes. */
const STYLES =
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0\\.0\\ &quot;điểm&quot;"/><numFmt numFmtId="166" formatCode="[$-42A]d mmmm yyyy"/></numFmts>' +
  '<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="2"/><xf numFmtId="21"/><xf numFmtId="166"/><xf numFmtId="49"/></cellXfs>';

const sheetData = (rows: string) => `<sheetData>${rows}</sheetData>`;

describe('direct reader = ExcelJS reader on raw SpreadsheetML', () => {
  it('cell types, inline strings, shared strings with runs and phonetics, entities and _xHHHH_', async () => {
    const sst =
      '<si><t>Xã &amp; Phường</t></si>' +
      '<si><r><rPr><b/></rPr><t xml:space="preserve">Tổng </t></r><r><t>điểm_x000D_</t></r></si>' +
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><t xml:space="preserve">  cách  </t></si>' +
      '<si><t>a_x000D_b_x000d_c_x0041_</t></si>' +
      '<si><t>f</t></si>' +
      '<si><t/></si>' +
      '<si><t>line\r\nbreak &#x1F600; &#65;</t></si>';
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>inline &lt;b&gt;</t></is></c><c r="B2" t="inlineStr"><is><r><t>run </t></r><r><rPr><i/></rPr><t>two_x0041_</t></r></is></c><c r="C2" t="str"><v>&lt;str&gt; &amp;</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="e"><v>#N/A</v></c><c r="G2" t="n"><v>1.5E3</v></c><c r="H2"><v> 42 </v></c></row>' +
      '<row r="3"><c r="A3" t="n"><v>2025</v></c><c r="B3" t="inlineStr"><is><t xml:space="preserve">  sp  </t></is></c><c r="C3" t="inlineStr"><is><t></t></is></c><c r="D3" t="str"><v></v></c><c r="E3" s="4"/><c r="F3" s="0"/><c r="G3"/></row>' +
      '<row r="5"><c r="C5"><v>7</v></c></row>';
    const snapshot = snap(await expectSame(await rawBytes({ sheets: [{ name: 'S&amp;1', xml: sheetData(rows) }], sst, styles: STYLES })));
    expect(snapshot.sheets[0].name).toBe('S&1');
    expect(cellOf(snapshot, 0, 'A1')).toEqual({ v: 'Xã & Phường', t: 's' });
    expect(cellOf(snapshot, 0, 'B1')).toEqual({ v: 'Tổng điểm\r', t: 's' });
    expect(cellOf(snapshot, 0, 'C1')).toEqual({ v: '漢字', t: 's' });
    expect(cellOf(snapshot, 0, 'E1')).toEqual({ v: 'a\rb_x000d_cA', t: 's' });
    expect(cellOf(snapshot, 0, 'A2')).toEqual({ v: 'inline <b>', t: 's' });
    expect(cellOf(snapshot, 0, 'C2')).toEqual({ v: '<str> &', t: 's' });
    expect(cellOf(snapshot, 0, 'A3')).toEqual({ v: 2025, t: 'n' });
    expect(snapshot.sheets[0].cells).toHaveLength(5);
  });

  it('dates by style: built-in and custom formats, s="0" General, 1904 system, formulas with date formats', async () => {
    const rows =
      '<row r="1"><c r="A1" s="1"><v>45992</v></c><c r="B1" s="2"><v>45992.5</v></c><c r="D1" s="4"><v>1.005</v></c><c r="E1" s="5"><v>0.3333333333</v></c><c r="F1" s="6"><v>1</v></c><c r="G1" s="7"><v>12</v></c><c r="H1" s="99"><v>3</v></c></row>' +
      '<row r="2"><c r="A2" s="0"><v>45992</v></c><c r="B2" s="2"><f>A1+1</f><v>45993</v></c><c r="G2" s="1"><v>0.1234567890123</v></c></row>';
    for (const workbookPr of ['', '<workbookPr date1904="1"/>']) {
      const snapshot = snap(
        await expectSame(await rawBytes({ sheets: [{ name: 'D', xml: sheetData(rows) }], styles: STYLES, workbookPr })),
      );
      const serial = workbookPr.includes('"1"') ? 45992 + 1462 : 45992;
      expect(cellOf(snapshot, 0, 'A1')).toEqual({ v: serial, t: 'd', fmt: 'mm-dd-yy' });
      expect(cellOf(snapshot, 0, 'A2')).toEqual({ v: 45992, t: 'n' });
    }
  });

  it('shared formulas (master after a dependant, other sheets, absolute parts, names) and array formulas', async () => {
    const rows =
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B4" si="0">A1*2+$A$1+Sheet2!A1+SUM(A1:A$2)+MYNAME1+XFE1</f><v>2</v></c><c r="C1"><f t="shared" si="1"/><v>0</v></c></row>' +
      '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c><c r="C2"><f t="shared" ref="C2:C3" si="1">_xlfn.IFS(A2&gt;1,"x",TRUE,B2)</f><v>0</v></c></row>' +
      '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"></f><v>6</v></c><c r="C3"><f t="shared" si="1"/><v>1</v></c><c r="D3"><f t="array" ref="D3:D4">A1:A2*2</f><v>2</v></c></row>' +
      '<row r="4"><c r="B4"><f t="shared" si="0">A4*9</f><v>0</v></c><c r="D4"><v>4</v></c><c r="E4"><f t="shared" si="7"/></c></row>';
    const snapshot = snap(
      await expectSame(
        await rawBytes({
          sheets: [
            { name: 'F', xml: sheetData(rows) },
            { name: 'Sheet2', xml: sheetData('') },
          ],
        }),
      ),
    );
    expect(cellOf(snapshot, 0, 'B3')).toEqual({ v: 6, t: 'n', f: 'A3*2+$A$1+Sheet2!A3+SUM(A3:A$2)+MYNAME1+XFE1' });
    expect(cellOf(snapshot, 0, 'C3')).toEqual({ v: 1, t: 'n', f: 'IFS(A3>1,"x",TRUE,B3)' });
    expect(cellOf(snapshot, 0, 'C1')).toEqual({ v: 0, t: 'n' });
    expect(cellOf(snapshot, 0, 'D3')).toEqual({ v: 2, t: 'n', f: 'A1:A2*2' });
    expect(cellOf(snapshot, 0, 'E4')).toEqual({ v: null, t: 'n' });
  });

  it('merges, hidden rows and columns, protection', async () => {
    const rows =
      '<row r="1" hidden="1"><c r="A1" t="inlineStr"><is><t>link</t></is></c><c r="B1"><f>1+1</f><v>2</v></c><c r="C1" t="inlineStr"><is><t>internal</t></is></c><c r="D1" s="4"/><c r="E1"><v>5</v></c></row>' +
      '<row r="2" hidden="true"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>' +
      '<row r="3" hidden="0"><c r="A3"><v>1</v></c><c r="C3"><v>9</v></c></row>' +
      '<row r="4" hidden="1"/>';
    const xml =
      '<cols><col min="5" max="5" hidden="1"/><col min="1" max="2" width="9" hidden="true"/><col min="2" max="3" hidden="0"/><col min="6" max="40" hidden="1"/></cols>' +
      sheetData(rows) +
      '<sheetProtection password="CC1A" sheet="1" objects="1"/>' +
      '<mergeCells count="2"><mergeCell ref="B2:C3"/><mergeCell ref="F5:E4"/></mergeCells>';
    const snapshot = snap(await expectSame(await rawBytes({ sheets: [{ name: 'H', xml }], styles: STYLES })));
    const s = snapshot.sheets[0];
    expect(cellOf(snapshot, 0, 'B1')).toEqual({ v: 2, t: 'n', f: '1+1' });
    expect(cellOf(snapshot, 0, 'D1')).toBeNull();
    expect(cellOf(snapshot, 0, 'C3')).toBeNull();
    expect(s.merges).toEqual(['B2:C3', 'E4:F5']);
    expect(s.hiddenRows).toEqual([1, 2]);
    expect(s.hiddenColumns).toEqual([1, 2, 5]);
    expect(s.protected).toBe(true);
  });

  it('sheet order, states, chart sheets, sheet ids out of order, sheetProtection without sheet="1"', async () => {
    const chart = '<?xml version="1.0"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>';
    const snapshot = snap(
      await expectSame(
        await rawBytes({
          sheets: [
            {
              name: 'Ba',
              xml: sheetData('<row r="1"><c r="A1"><v>3</v></c></row>') + '<sheetProtection sheet="0"/>',
              sheetId: 7,
              target: 'worksheets/sheet3.xml',
            },
            { name: 'Biểu đồ', xml: chart, target: 'chartsheets/sheet1.xml', relType: `${REL}/chartsheet`, sheetId: 2 },
            {
              name: 'Một',
              xml: sheetData('<row r="2"><c r="B2"><v>1</v></c></row>'),
              state: 'hidden',
              sheetId: 3,
              target: 'worksheets/sheet1.xml',
            },
            { name: 'Hai', xml: sheetData(''), state: 'veryHidden', sheetId: 1, target: '/xl/worksheets/sheet2.xml' },
          ],
        }),
      ),
    );
    expect(snapshot.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Ba', 'visible'],
      ['Một', 'hidden'],
      ['Hai', 'veryHidden'],
    ]);
  });

  it('cells without r, a cell twice, rows out of order, a row twice, comments', async () => {
    const rows =
      '<row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c><c t="inlineStr"><is><t>x</t></is></c></row>' +
      '<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>9</v></c><c r="C1"><v>6</v></c><!-- a comment --><c r="D1"><v>4</v></c></row>' +
      '<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>';
    const snapshot = snap(await expectSame(await rawBytes({ sheets: [{ name: 'R', xml: sheetData(rows) }] })));
    expect(cellOf(snapshot, 0, 'D3')).toEqual({ v: 'x', t: 's' });
    expect(cellOf(snapshot, 0, 'A1')).toEqual({ v: 9, t: 'n' });
    expect(cellOf(snapshot, 0, 'A2')).toBeNull();
  });

  it('lists count only as children of <worksheet>: merges and links inside <sheetData> do not', async () => {
    const xml =
      '<cols><col min="2" max="2" hidden="1"/></cols>' +
      sheetData('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row><mergeCell ref="A1:B1"/>') +
      '<sheetProtection sheet="1"/><sheetProtection sheet="0"/><mergeCell ref="B1:C1"/>';
    const snapshot = snap(await expectSame(await rawBytes({ sheets: [{ name: 'L', xml }] })));
    expect(snapshot.sheets[0].hiddenColumns).toEqual([2]);
    expect(snapshot.sheets[0].merges).toEqual([]);
    expect(snapshot.sheets[0].protected).toBe(false);
  });

  it('a stray reference: refused, unless a merge over the cell resets it (as in ExcelJS)', async () => {
    const row3 = '<row r="3"><c r="A3"><v>1</v></c><c r="B3" s="1"/><c r="B4" s="1"/></row>';
    const merged = await expectSame(
      await rawBytes({
        sheets: [{ name: 'M', xml: sheetData(row3) + '<mergeCells><mergeCell ref="A3:C3"/></mergeCells>' }],
        styles: STYLES,
      }),
    );
    expect(snap(merged).sheets[0].cells[2]).toEqual([{ v: 1, t: 'n' }]);
    expect(await expectSame(await rawBytes({ sheets: [{ name: 'M', xml: sheetData(row3) }], styles: STYLES }))).toEqual({
      reason: 'unreadable',
    });
    // A stray styled cell in a row without values is never checked.
    expect(
      await expectSame(
        await rawBytes({
          sheets: [{ name: 'M', xml: sheetData('<row r="2"><c r="B9" s="1"/></row><row r="3"><c r="A3"><v>1</v></c></row>') }],
          styles: STYLES,
        }),
      ),
    ).toHaveProperty('snapshot');
  });

  it.each([
    [
      'overlapping merges',
      {
        sheets: [
          {
            name: 'M',
            xml:
              sheetData('<row r="1"><c r="A1"><v>1</v></c></row>') +
              '<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>',
          },
        ],
      },
    ],
    [
      'an undefined entity',
      { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="inlineStr"><is><t>a&nbsp;b</t></is></c></row>') }] },
    ],
    ['a cell in another row', { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1"><v>1</v></c><c r="B7"><v>1</v></c></row>') }] }],
    [
      'a shared string past the table',
      { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="s"><v>3</v></c></row>') }], sst: '<si><t>a</t></si>' },
    ],
    [
      'a sheet name twice',
      {
        sheets: [
          { name: 'Tên', xml: sheetData('') },
          { name: 'TÊN', xml: sheetData('') },
        ],
      },
    ],
  ])('refuses %s with the same reason', async (_what, book) => {
    const o = await expectSame(await rawBytes(book as Parameters<typeof rawBytes>[0]));
    expect(o).toEqual({ reason: 'unreadable' });
  });

  it('a sheet name of 31 characters, the most Excel allows', async () => {
    const rows = '<row r="1"><c r="B1"><v>45992</v></c></row>';
    const snapshot = snap(
      await expectSame(await rawBytes({ sheets: [{ name: 'Ba mươi mốt ký tự ở tên này đó!', xml: sheetData(rows) }] })),
    );
    expect(snapshot.sheets[0].name).toHaveLength(31);
  });

  it.each([
    ['no styles part, a styled cell', undefined, '<row r="1"><c r="A1" s="1"><v>1</v></c></row>'],
    ['styles without cellXfs, s="0"', '<fonts/>', '<row r="1"><c r="A1" s="0"><v>1</v></c></row>'],
    ['a style index past the table', STYLES, '<row r="1" s="40"><c r="A1" s="30"><v>1</v></c></row>'],
  ])('styles: %s', async (_what, styles, rows) => {
    await expectSame(await rawBytes({ sheets: [{ name: 'S', xml: sheetData(rows) }], ...(styles !== undefined ? { styles } : {}) }));
  });
});

describe('direct reader = ExcelJS reader on well-formed edits of real sheets (deterministic)', () => {
  // Each variant edits three cells of a sample's first sheet in ways a writer could (types,
  // styles, values, references, formulas, shared formulas, inline strings) and hides a row.
  let seed = 20251201;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const EDITS: ((c: string) => string)[] = [
    (c) => c.replace(/ t="[^"]*"/, '').replace(/<c /, `<c t="${pick(['s', 'str', 'n', 'b', 'e', 'inlineStr', 'x'])}" `),
    (c) => c.replace(/ s="[^"]*"/, '').replace(/<c /, `<c s="${Math.floor(rnd() * 12)}" `),
    (c) => c.replace(/<v>[^<]*<\/v>/, ''),
    (c) => c.replace(/<v>[^<]*<\/v>/, `<v>${pick(['0', '1', '-3.5', '45992.25', 'abc', '1e400', ' 7 ', '&lt;x&gt;', '2', '99999'])}</v>`),
    (c) =>
      c.replace(
        / r="([A-Z]+)(\d+)"/,
        (_m, l: string, r: string) => ` r="${pick([l, 'A', 'B', 'Z', 'AA'])}${pick([r, String(Number(r) + 1), '1'])}"`,
      ),
    // (A cell's r removed, t="d", text encoded twice: deliberate differences, tested below, not random edits.)
    (c) => c.replace(/<v>/, '<f>A1+1</f><v>'),
    (c) => c.replace(/<v>/, '<f t="shared" ref="A1:Z50" si="0">B1*2</f><v>'),
    (c) => c.replace(/<v>/, '<f t="shared" si="0"/><v>'),
    (c) => c.replace(/<v>([^<]*)<\/v>/, '<is><t>$1</t></is>'),
    (c) => c.replace(/\/?>/, (m) => (m === '/>' ? '><v>5</v></c>' : m)),
  ];

  it.each(['samples/ket-qua-xa-2024-tom-tat.xlsx', 'samples/don-vi/tu-danh-gia-xa-an-phu-2025.xlsx', 'samples/tong-hop-xa-2025.xlsx'])(
    '%s, 40 variants',
    async (file) => {
      const base = await readXlsxPackage(new Uint8Array(readFileSync(path.join(ROOT, file))), file, {}, nodeZipCodec);
      const sheet = base!.names().find((n) => /worksheets\/sheet1\.xml$/.test(n))!;
      const outcomes = new Set<string>();
      for (let i = 0; i < 40; i++) {
        const pkg = new XlsxPackage(base!.names().map((n) => ({ name: n, data: base!.bytes(n)! })));
        let xml = pkg.text(sheet)!;
        const cells = [...xml.matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].map((m) => m[0]);
        for (let k = 0; k < 3; k++) {
          const cell = pick(cells);
          xml = xml.replace(cell, pick(EDITS)(cell));
        }
        if (rnd() < 0.3) xml = xml.replace(/<row r="(\d+)"/, '<row r="$1" hidden="1"');
        pkg.set(sheet, xml);
        const bytes = await writeXlsxPackage(pkg, nodeZipCodec);
        let expected: Outcome;
        try {
          expected = await viaExcelJs(bytes, 'x.xlsx');
        } catch {
          // ExcelJS's own error escaping workbookToSnapshot (a shared formula moved off the sheet,
          // exceljs col-cache.n2l): the direct reader reports the file as unreadable instead.
          expected = { reason: 'unreadable' };
        }
        expect(await viaDirect(bytes, 'x.xlsx')).toEqual(expected);
        outcomes.add('snapshot' in expected ? 'read' : expected.reason);
      }
      expect(outcomes.has('read')).toBe(true);
    },
  );
});

describe('deliberate differences: the standard, not ExcelJS', () => {
  const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const read = async (book: Parameters<typeof rawBytes>[0]) => bothReaders(await rawBytes(book));

  it('SpreadsheetML under a namespace prefix (x:, as the Open XML SDK writes it) reads as without one; ExcelJS refuses it', async () => {
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="${SML}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" s="1"><x:v>45992</x:v></x:c><x:c r="C1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const sst = `<?xml version="1.0"?><x:sst xmlns:x="${SML}"><x:si><x:t>a</x:t></x:si></x:sst>`;
    const styles = `<?xml version="1.0"?><x:styleSheet xmlns:x="${SML}"><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>`;
    const workbookXml = `<?xml version="1.0"?><x:workbook xmlns:x="${SML}" xmlns:r="${REL}"><x:sheets><x:sheet name="X" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`;
    const { exceljs, direct } = await read({ sheets: [{ name: 'X', xml: sheet }], sst, styles, workbookXml });
    expect(exceljs).toEqual({ reason: 'unreadable' });
    expect(snap(direct).sheets[0].cells[0]).toEqual([
      { v: 'a', t: 's' },
      { v: 45992, t: 'd', fmt: 'mm-dd-yy' },
      { v: 2, t: 'n', f: '1+1' },
    ]);
  });

  it('rows and cells without r: the next row, the next column (the first column first); ExcelJS refuses a row without r', async () => {
    const rows =
      '<row><c><v>1</v></c><c/><c><v>3</v></c></row><row r="4"><c r="B4"><v>4</v></c><c><v>5</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const { exceljs, direct } = await read({ sheets: [{ name: 'R', xml: sheetData(rows) }] });
    expect(exceljs).toEqual({ reason: 'unreadable' });
    const s = snap(direct);
    expect(cellOf(s, 0, 'A1')).toEqual({ v: 1, t: 'n' });
    expect(cellOf(s, 0, 'C1')).toEqual({ v: 3, t: 'n' });
    expect(cellOf(s, 0, 'C4')).toEqual({ v: 5, t: 'n' });
    expect(cellOf(s, 0, 'A5')).toEqual({ v: 'x', t: 's' });
  });

  it('parts found through the relationships whatever their names, absolute targets included; ExcelJS finds no sheet', async () => {
    const { exceljs, direct } = await read({
      sheets: [{ name: 'Đổi tên', xml: sheetData('<row r="1"><c r="A1"><v>7</v></c></row>'), target: '/xl/data/tab.xml' }],
    });
    expect(snap(exceljs).sheets).toEqual([]);
    expect(snap(direct).sheets.map((x) => [x.name, x.cells])).toEqual([['Đổi tên', [[{ v: 7, t: 'n' }]]]]);
  });

  it('a sheet name decoded once, as XML defines (ExcelJS decodes it twice)', async () => {
    const { exceljs, direct } = await read({ sheets: [{ name: 'S&amp;amp;1', xml: sheetData('') }] });
    expect(snap(exceljs).sheets[0].name).toBe('S&1');
    expect(snap(direct).sheets[0].name).toBe('S&amp;1');
  });

  it('date1904="true" is the 1904 system (xsd:boolean); ExcelJS knows only "1"', async () => {
    const { exceljs, direct } = await read({
      sheets: [{ name: 'D', xml: sheetData('<row r="1"><c r="A1" s="1"><v>45992</v></c></row>') }],
      styles: STYLES,
      workbookPr: '<workbookPr date1904="true"/>',
    });
    expect(cellOf(snap(exceljs), 0, 'A1')).toEqual({ v: 45992, t: 'd', fmt: 'mm-dd-yy' });
    expect(cellOf(snap(direct), 0, 'A1')).toEqual({ v: 45992 + 1462, t: 'd', fmt: 'mm-dd-yy' });
  });

  it('fullCalcOnLoad: formula results are unknown (Excel recalculates on open), the formula is kept', async () => {
    const rows =
      '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v>0</v></c><c r="C1"><f>SUM(A1:B1)</f><v>0</v></c><c r="D1" t="str"><f>"x"</f><v>x</v></c></row>';
    const workbookXml = (calc: string) =>
      `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="C" sheetId="1" r:id="rId1"/></sheets>${calc}</workbook>`;
    const on = await read({
      sheets: [{ name: 'C', xml: sheetData(rows) }],
      workbookXml: workbookXml('<calcPr calcId="124519" fullCalcOnLoad="1"/>'),
    });
    expect(cellOf(snap(on.exceljs), 0, 'B1')).toEqual({ v: 0, t: 'n', f: 'A1*2' });
    expect(snap(on.direct).sheets[0].cells[0]).toEqual([
      { v: 2, t: 'n' },
      { v: null, t: 'n', f: 'A1*2' },
      { v: null, t: 'n', f: 'SUM(A1:B1)' },
      { v: null, t: 'n', f: '"x"' },
    ]);
    // Without the flag the cached results are what Excel shows: both readers keep them.
    await expectSame(
      await rawBytes({ sheets: [{ name: 'C', xml: sheetData(rows) }], workbookXml: workbookXml('<calcPr calcId="124519"/>') }),
    );
  });
});

describe('deliberate differences: text, strings and values', () => {
  const read = async (book: Parameters<typeof rawBytes>[0]) => bothReaders(await rawBytes(book));
  const one = (cell: string) => ({ sheets: [{ name: 'T', xml: sheetData(`<row r="1">${cell}</row>`) }] });

  it('a CDATA section is character data (XML 1.0 §2.7): read as its text; ExcelJS drops it', async () => {
    const { exceljs, direct } = await read({
      ...one(
        '<c r="A1"><v><![CDATA[5]]>6</v></c><c r="B1" t="inlineStr"><is><t><![CDATA[a < b & c]]></t></is></c><c r="C1" t="s"><v>0</v></c>',
      ),
      sst: '<si><t><![CDATA[Xã <A>]]></t></si>',
    });
    expect(snap(exceljs).sheets[0].cells[0]).toEqual([{ v: 6, t: 'n' }, null, { v: '', t: 's' }]);
    expect(snap(direct).sheets[0].cells[0]).toEqual([
      { v: 56, t: 'n' },
      { v: 'a < b & c', t: 's' },
      { v: 'Xã <A>', t: 's' },
    ]);
  });

  it('text decoded once: `&amp;lt;` in a t="str" value is "&lt;"; ExcelJS decodes it twice to "<"', async () => {
    const { exceljs, direct } = await read(
      one('<c r="A1" t="str"><v>&amp;lt;b&amp;gt;</v></c><c r="B1" t="str"><f>"x"</f><v>&amp;amp;</v></c>'),
    );
    expect(snap(exceljs).sheets[0].cells[0]).toEqual([
      { v: '<b>', t: 's' },
      { v: '&', t: 's', f: '"x"' },
    ]);
    expect(snap(direct).sheets[0].cells[0]).toEqual([
      { v: '&lt;b&gt;', t: 's' },
      { v: '&amp;', t: 's', f: '"x"' },
    ]);
  });

  it('a string item (§18.4.8) is its runs joined, without phonetic guides, in shared and inline strings; <si/> is ""', async () => {
    const inline =
      '<c r="B1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></is></c><c r="C1" t="inlineStr"><is><t>a_x000D_b</t></is></c><c r="D1" t="s"><v>1</v></c>';
    const { exceljs, direct } = await read({
      ...one(`<c r="A1" t="s"><v>0</v></c>${inline}`),
      sst: '<si><r><t>Tổng </t></r><r><rPr><b/></rPr><t>điểm</t></r></si><si/>',
    });
    // Both read two runs as their texts joined.
    expect(cellOf(snap(exceljs), 0, 'A1')).toEqual({ v: 'Tổng điểm', t: 's' });
    // ExcelJS loses the inline string with a phonetic guide and every cell after it in the row.
    expect(snap(exceljs).sheets[0].cells[0]).toEqual([{ v: 'Tổng điểm', t: 's' }]);
    const plain = await read({
      ...one('<c r="C1" t="inlineStr"><is><t>a_x000D_b</t></is></c><c r="D1" t="s"><v>1</v></c>'),
      sst: '<si><t>a</t></si><si/>',
    });
    expect(snap(plain.exceljs).sheets[0].cells[0]).toEqual([null, null, { v: 'a_x000D_b', t: 's' }, { v: '[object Object]', t: 's' }]);
    expect(snap(direct).sheets[0].cells[0]).toEqual([
      { v: 'Tổng điểm', t: 's' },
      { v: '漢字', t: 's' },
      { v: 'a\rb', t: 's' },
      { v: '', t: 's' },
    ]);
  });

  it('style 0 is a real xf (§18.3.1.4 s defaults to 0): its date format makes a date; ExcelJS never looks it up', async () => {
    const styles = '<cellXfs count="2"><xf numFmtId="14"/><xf numFmtId="0"/></cellXfs>';
    const { exceljs, direct } = await read({
      ...one('<c r="A1"><v>45992</v></c><c r="B1" s="0"><v>45993.5</v></c><c r="C1" s="1"><v>7</v></c>'),
      styles,
    });
    expect(snap(exceljs).sheets[0].cells[0]).toEqual([
      { v: 45992, t: 'n' },
      { v: 45993.5, t: 'n' },
      { v: 7, t: 'n' },
    ]);
    expect(snap(direct).sheets[0].cells[0]).toEqual([
      { v: 45992, t: 'd', fmt: 'mm-dd-yy' },
      { v: 45993.5, t: 'd', fmt: 'mm-dd-yy' },
      { v: 7, t: 'n' },
    ]);
  });

  it("a number format is its code as written (as Office.js gives it) and a date by Excel's codes, as the Office host reads it", async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="165" formatCode="0\\.0\\ &quot;điểm&quot;"/><numFmt numFmtId="166" formatCode="YYYY"/></numFmts>' +
      '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>';
    const { exceljs, direct } = await read({ ...one('<c r="A1" s="1"><v>8.25</v></c><c r="B1" s="2"><v>45992</v></c>'), styles });
    expect(snap(exceljs).sheets[0].cells[0]).toEqual([
      { v: 8.25, t: 'n', fmt: '0.0 "điểm"' },
      { v: 45992, t: 'n', fmt: 'YYYY' },
    ]);
    expect(snap(direct).sheets[0].cells[0]).toEqual([
      { v: 8.25, t: 'n', fmt: '0\\.0\\ "điểm"' },
      { v: 45992, t: 'd', fmt: 'YYYY' },
    ]);
  });

  it('a style the table lacks is General, not a refusal; ExcelJS fails the load', async () => {
    for (const [styles, rows] of [
      [undefined, '<row r="1" s="2" customFormat="1"><c r="A1"><v>1</v></c></row>'],
      ['<fonts/>', '<row r="1"><c r="A1" s="1"><v>1</v></c></row>'],
    ] as const) {
      const { exceljs, direct } = await read({ sheets: [{ name: 'S', xml: sheetData(rows) }], ...(styles ? { styles } : {}) });
      expect(exceljs).toEqual({ reason: 'unreadable' });
      expect(snap(direct).sheets[0].cells).toEqual([[{ v: 1, t: 'n' }]]);
    }
  });

  it("only numbers become dates: a text, boolean or error result keeps its type; a number past Excel's dates stays a number", async () => {
    const cells =
      '<c r="A1" s="2" t="str"><f>"x"</f><v>12</v></c><c r="B1" s="2" t="b"><f>TRUE</f><v>1</v></c><c r="C1" s="1"><v>-1</v></c><c r="D1" s="1"><v>1e20</v></c>';
    const { exceljs, direct } = await read({ ...one(cells), styles: STYLES });
    expect(snap(exceljs).sheets[0].cells[0]).toEqual([
      { v: 12, t: 'd', f: '"x"', fmt: 'dd/mm/yyyy' },
      { v: 1, t: 'd', f: 'TRUE', fmt: 'dd/mm/yyyy' },
      { v: -1, t: 'd', fmt: 'mm-dd-yy' },
      { v: NaN, t: 'd', fmt: 'mm-dd-yy' },
    ]);
    expect(snap(direct).sheets[0].cells[0]).toEqual([
      { v: '12', t: 's', f: '"x"', fmt: 'dd/mm/yyyy' },
      { v: true, t: 'b', f: 'TRUE', fmt: 'dd/mm/yyyy' },
      { v: -1, t: 'n', fmt: 'mm-dd-yy' },
      { v: 1e20, t: 'n', fmt: 'mm-dd-yy' },
    ]);
  });

  it('t="d" holds an ISO 8601 date (ISO/IEC 29500-1 §18.17.4): read as its serial; ExcelJS reads the year', async () => {
    const { exceljs, direct } = await read(one('<c r="A1" t="d"><v>2025-12-01T12:00:00</v></c><c r="B1" t="d"><v>2025-12-01</v></c>'));
    expect(snap(exceljs).sheets[0].cells[0]).toEqual([
      { v: 2025, t: 'n' },
      { v: 2025, t: 'n' },
    ]);
    expect(snap(direct).sheets[0].cells[0]).toEqual([
      { v: 45992.5, t: 'd' },
      { v: 45992, t: 'd' },
    ]);
    // Not a date: refused, as a value that does not fit its type (check-xlsx.sh reports it too).
    expect((await read(one('<c r="A1" t="d"><v>hôm qua</v></c>'))).direct).toEqual({ reason: 'unreadable' });
  });

  it('a hyperlink (§18.3.1.47) does not change its cell, and a missing relationship does not stop the read', async () => {
    const xml =
      sheetData('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><v>5</v></c><c r="C1" t="inlineStr"><is><t>x</t></is></c></row>') +
      '<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="B1" r:id="rId1"/><hyperlink ref="C1" r:id="rId9"/></hyperlinks>';
    const rels = `<Relationship Id="rId1" Type="${REL}/hyperlink" Target="https://a.vn/?x=1&amp;y=2" TargetMode="External"/>`;
    const { exceljs, direct } = await read({ sheets: [{ name: 'H', xml, rels }] });
    expect(exceljs).toEqual({ reason: 'unreadable' }); // rId9 missing
    expect(snap(direct).sheets[0].cells[0]).toEqual([
      { v: 2, t: 'n', f: '1+1' },
      { v: 5, t: 'n' },
      { v: 'x', t: 's' },
    ]);
    const linked = await read({ sheets: [{ name: 'H', xml: xml.replace('rId9', 'rId1'), rels }] });
    expect(snap(linked.exceljs).sheets[0].cells[0]).toEqual([
      { v: '2', t: 's' },
      { v: '5', t: 's' },
      { v: 'x', t: 's' },
    ]);
    expect(snap(linked.direct).sheets[0].cells[0]).toEqual([
      { v: 2, t: 'n', f: '1+1' },
      { v: 5, t: 'n' },
      { v: 'x', t: 's' },
    ]);
  });

  it("sheet names are read as written (Excel's rules are for new names); ExcelJS refuses them; one name twice stays refused", async () => {
    for (const name of ['a/b', 'History', 'Một tên trang tính rất dài hơn ba mươi mốt ký tự']) {
      const { exceljs, direct } = await read({ sheets: [{ name, xml: sheetData('<row r="1"><c r="A1"><v>1</v></c></row>') }] });
      expect(exceljs).toEqual({ reason: 'unreadable' });
      expect(snap(direct).sheets.map((x) => x.name)).toEqual([name]);
    }
  });

  it('<extLst> in shared strings is skipped; a t="s" cell without shared strings is refused (ExcelJS: the index as a number)', async () => {
    const ext = await read({ ...one('<c r="A1" t="s"><v>0</v></c>'), sst: '<si><t>a</t></si><extLst><ext uri="x"/></extLst>' });
    expect(ext.exceljs).toEqual({ reason: 'unreadable' });
    expect(snap(ext.direct).sheets[0].cells).toEqual([[{ v: 'a', t: 's' }]]);
    const none = await read(one('<c r="A1" t="s"><v>2</v></c>'));
    expect(cellOf(snap(none.exceljs), 0, 'A1')).toEqual({ v: 2, t: 'n' });
    expect(none.direct).toEqual({ reason: 'unreadable' });
  });

  it('shared formulas keep string literals; lower-case references; sheet="true"; every <cols>', async () => {
    const rows =
      '<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">IF(B1&gt;0,"B1","")</f><v>0</v></c><c r="b1"><v>1</v></c></row>' +
      '<row r="2"><c r="A2"><f t="shared" si="0"/><v>0</v></c></row>';
    const xml =
      '<cols><col min="3" max="3" hidden="1"/></cols><cols><col min="4" max="4" hidden="1"/></cols>' +
      sheetData(rows) +
      '<sheetProtection sheet="true"/>';
    const { exceljs, direct } = await read({ sheets: [{ name: 'F', xml }] });
    expect(exceljs).toEqual({ reason: 'unreadable' }); // the lower-case reference
    const s = snap(direct).sheets[0];
    expect(s.cells).toEqual([
      [
        { v: 0, t: 'n', f: 'IF(B1>0,"B1","")' },
        { v: 1, t: 'n' },
      ],
      [{ v: 0, t: 'n', f: 'IF(B2>0,"B1","")' }],
    ]);
    expect([s.hiddenColumns, s.protected]).toEqual([[], true]); // columns 3 and 4 are past the last used one
    const wide = await read({
      sheets: [{ name: 'F', xml: xml.replace('r="b1"', 'r="B1"').replace('</row><row r="2">', '<c r="E1"><v>1</v></c></row><row r="2">') }],
    });
    expect(snap(wide.exceljs).sheets[0].hiddenColumns).toEqual([4]);
    expect(snap(wide.exceljs).sheets[0].protected).toBe(false);
    expect(snap(wide.direct).sheets[0].hiddenColumns).toEqual([3, 4]);
    expect(cellOf(snap(wide.exceljs), 0, 'A2')).toEqual({ v: 0, t: 'n', f: 'IF(B2>0,"B2","")' });
  });
});

describe('translateSharedFormula (ECMA-376 Part 1 §18.3.1.40)', () => {
  it('moves relative references and keeps absolute parts, functions and names', () => {
    expect(translateSharedFormula('A1*2+$A$1+B$1+$C2', 'B1', 'B3')).toBe('A3*2+$A$1+B$1+$C4');
    expect(translateSharedFormula('SUM(A1:B2)+LOG10(A1)', 'C1', 'D2')).toBe('SUM(B2:C3)+LOG10(B2)');
    expect(translateSharedFormula("'Sheet 2'!A1+Data!b1", 'A1', 'A2')).toBe("'Sheet 2'!A2+Data!B2");
    expect(translateSharedFormula('XFE1+ABCD12+X1', 'A1', 'B1')).toBe('XFE1+ABCD12+Y1');
  });

  it('keeps string literals as written, as Excel does (ExcelJS moves "A1" inside them)', () => {
    expect(translateSharedFormula('IF(A1>0,"A1","")', 'A1', 'A2')).toBe('IF(A2>0,"A1","")');
    expect(translateSharedFormula('A1&"say ""B2"""&B2', 'A1', 'B1')).toBe('B1&"say ""B2"""&C2');
  });
});

describe('characters XML 1.0 does not allow', () => {
  it.each([
    ['a control character', 'a\u0001b'],
    ['a character reference to one', 'a&#1;b'],
    ['a reference to NUL', 'a&#0;b'],
    ['a tab, CR and LF by reference', 'a&#9;&#13;&#10;b'],
    ['U+FFFE', 'a\ufffeb'],
  ])('%s', async (_what, text) => {
    await expectSame(
      await rawBytes({ sheets: [{ name: 'C', xml: sheetData(`<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>`) }] }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The reader and check-xlsx.sh agree (issue #16 item 5)
// ---------------------------------------------------------------------------------------------

const SML_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Packages the reader refuses as `unreadable`, each for a reason check-xlsx.sh reports too. */
const REFUSED: [string, Parameters<typeof rawBytes>[0]][] = [
  [
    'an undefined entity (XML 1.0 §4.1)',
    { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="inlineStr"><is><t>a&nbsp;b</t></is></c></row>') }] },
  ],
  ['a bare &', { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="inlineStr"><is><t>a & b</t></is></c></row>') }] }],
  ['an undefined entity in a sheet name', { sheets: [{ name: 'a&nbsp;b', xml: sheetData('<row r="1"><c r="A1"><v>1</v></c></row>') }] }],
  [
    'a character reference with a stray letter',
    { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="inlineStr"><is><t>&#65a;</t></is></c></row>') }] },
  ],
  [
    'a control character',
    { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="inlineStr"><is><t>a\u0001b</t></is></c></row>') }] },
  ],
  [
    'a reference to a character XML does not allow',
    { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="inlineStr"><is><t>a&#1;b</t></is></c></row>') }] },
  ],
  [
    'a cut-off worksheet',
    {
      sheets: [{ name: 'M', xml: `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` }],
    },
  ],
  [
    'cut-off shared strings',
    {
      sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }],
      sst: `<?xml version="1.0"?><sst xmlns="${SML_NS}"><si><t>a</t></si>`,
    },
  ],
  [
    'cut-off styles',
    {
      sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1"><v>1</v></c></row>') }],
      styles: `<?xml version="1.0"?><styleSheet xmlns="${SML_NS}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs>`,
    },
  ],
  [
    'overlapping merges',
    {
      sheets: [
        {
          name: 'M',
          xml:
            sheetData('<row r="1"><c r="A1"><v>1</v></c></row>') +
            '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>',
        },
      ],
    },
  ],
  ['a cell in another row', { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1"><v>1</v></c><c r="B7"><v>1</v></c></row>') }] }],
  ['a column past XFD', { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="XFE1"><v>1</v></c></row>') }] }],
  [
    'a shared string past the table',
    { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="s"><v>3</v></c></row>') }], sst: '<si><t>a</t></si>' },
  ],
  ['a shared string without a table', { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }] }],
  [
    'a sheet name twice',
    {
      sheets: [
        { name: 'Tên', xml: sheetData('') },
        { name: 'TÊN', xml: sheetData('') },
      ],
    },
  ],
  ['a t="d" value that is not a date', { sheets: [{ name: 'M', xml: sheetData('<row r="1"><c r="A1" t="d"><v>hôm qua</v></c></row>') }] }],
  ['a row number that is not a number', { sheets: [{ name: 'M', xml: sheetData('<row r="x"><c r="A1"><v>1</v></c></row>') }] }],
];

describeShared('schemas/ooxml', 'the reader and check-xlsx.sh agree on what is not well-formed', (schemas) => {
  const CHECK = path.join(schemas, 'check-xlsx.sh');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'par-read-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = (bytes: Uint8Array, name: string): { code: number; report: string } => {
    const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.xlsx`);
    writeFileSync(file, bytes);
    try {
      return { code: 0, report: execFileSync('bash', [CHECK, file], { encoding: 'utf8', stdio: 'pipe' }) };
    } catch (e) {
      const x = e as { status: number; stdout: string };
      return { code: x.status, report: x.stdout };
    }
  };

  it('a package with nothing wrong passes both (the control)', async () => {
    const bytes = await rawBytes({
      sheets: [{ name: 'Tổng hợp', xml: sheetData('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>') }],
      sst: '<si><t>a</t></si>',
    });
    expect(check(bytes, 'control')).toEqual({ code: 0, report: '' });
    expect(await viaDirect(bytes, 'control.xlsx')).toHaveProperty('snapshot');
  });

  // Each differs from the control only by its defect, so check-xlsx.sh's report is about that defect.
  it.each(REFUSED)('%s: the reader refuses it, check-xlsx.sh reports it', async (what, book) => {
    const bytes = await rawBytes(book);
    expect(await viaDirect(bytes, 'x.xlsx')).toEqual({ reason: 'unreadable' });
    const { code, report } = check(bytes, what);
    expect(code).toBe(1);
    expect(report).not.toBe('');
  });
});
