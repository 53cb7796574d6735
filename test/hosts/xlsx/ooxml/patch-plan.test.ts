/**
 * The patch writer (src/hosts/xlsx/ooxml/patch-plan.ts) against the ExcelJS writer (write.ts):
 * the same plan applied both ways must give the same AppliedPlan and the same visible workbook,
 * while the patch writer keeps every part it does not touch byte for byte.
 */
import { addExcel4MacroSheet } from '../../../support/interop/variants';
import { readFileSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { isDeepStrictEqual } from 'util';
import { analyzeWorkbook } from '../../../../src/core/engine';
import { planCompute } from '../../../../src/core/compute-plan';
import { compareYears, planComparison } from '../../../../src/core/compare';
import { pickTable } from '../../../../src/cli/main';
import { emptyPlan, formula, num, text, type GeneratedSheet, type WritePlan } from '../../../../src/core/plan';
import { STATE_SHEET_NAME } from '../../../../src/core/state';
import { readWorkbookBuffer } from '../../../support/exceljs/read';
import { WorkbookWriteError } from '../../../../src/hosts/xlsx/errors';
import { applyPlanToBufferDetailed } from '../../../support/exceljs/write';
import { nodeZipCodec } from '../../../../src/hosts/xlsx/node';
import { readXlsxPackage, type XlsxPackage } from '../../../../src/hosts/xlsx/ooxml/package';
import { applyPlanToPackage, applyPlanToXlsxBytes } from '../../../../src/hosts/xlsx/ooxml/patch-plan';
import { WORKSHEET_ORDER } from '../../../../src/hosts/xlsx/ooxml/patch-sheet';
import { splitRoot } from '../../../../src/hosts/xlsx/ooxml/patch-xml';
import { readWorkbookParts } from '../../../../src/hosts/xlsx/ooxml/workbook';
import { HIGHLIGHT_COLORS } from '../../../../src/hosts/palette';
import { generateCase, SMOKE_CASE } from '../../../../bench/cases';
import { SAMPLES } from '../../../support/shared';
import { appliedData, both, describe as describeBook, malformedParts, patched, type DescribeOptions } from './patch-compare';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../../..');
const SHARED = SAMPLES;
const bytes = (file: string) => new Uint8Array(readFileSync(file));

async function computePlan(input: Uint8Array): Promise<WritePlan> {
  const workbook = await readWorkbookBuffer(input, 'in.xlsx');
  return planCompute(workbook, analyzeWorkbook(workbook), { ties: 'competition', overwriteTotals: false, locale: 'vi' }).plan;
}

async function comparePlan(current: Uint8Array, prior: Uint8Array): Promise<WritePlan> {
  const [a, b] = await Promise.all([readWorkbookBuffer(current, 'tong-hop-2025.xlsx'), readWorkbookBuffer(prior, 'tong-hop-2024.xlsx')]);
  const comparison = compareYears(pickTable(analyzeWorkbook(a))!, pickTable(analyzeWorkbook(b))!, {
    ties: 'competition',
    year: 2025,
    priorYear: 2024,
  });
  return planComparison(comparison, 'vi').write;
}

/** Every difference between the two writers' results, as readable lines (empty when equal). */
async function differences(
  input: Uint8Array,
  plan: WritePlan,
  options: DescribeOptions = {},
): Promise<{ diffs: string[]; exceljs: Uint8Array; ours: Uint8Array; pkg: XlsxPackage }> {
  const { exceljs, ours } = await both(input, plan);
  const diffs: string[] = [];
  if (!ours.applied) return { diffs: ['patch writer returned null'], exceljs: exceljs.data, ours: ours.data, pkg: ours.pkg };
  if (!isDeepStrictEqual(appliedData(exceljs.applied), appliedData(ours.applied)))
    diffs.push(`applied: ${JSON.stringify(appliedData(ours.applied))}`);
  const a = await describeBook(exceljs.data, options);
  const b = await describeBook(ours.data, options);
  if (!isDeepStrictEqual(a.names, b.names)) diffs.push(`sheets: ${a.names} / ${b.names}`);
  if (a.fullCalcOnLoad !== b.fullCalcOnLoad) diffs.push('fullCalcOnLoad');
  if (!isDeepStrictEqual(a.snapshot, b.snapshot)) diffs.push('snapshots differ');
  a.sheets.forEach((x, i) => {
    const y = b.sheets[i];
    if (!y) return;
    for (const k of ['state', 'merges', 'widths', 'frozen', 'cfs'] as const) {
      if (!isDeepStrictEqual(x[k], y[k])) diffs.push(`${x.name} ${k}: ${JSON.stringify(x[k])} / ${JSON.stringify(y[k])}`);
    }
    for (const c of new Set([...Object.keys(x.cells), ...Object.keys(y.cells)])) {
      if (!isDeepStrictEqual(x.cells[c], y.cells[c]))
        diffs.push(`${x.name}!${c}: ${JSON.stringify(x.cells[c])} / ${JSON.stringify(y.cells[c])}`);
    }
  });
  return { diffs: diffs.slice(0, 20), exceljs: exceljs.data, ours: ours.data, pkg: ours.pkg };
}

/** Parts the plan did not need to touch: identical bytes in input and output. */
async function changedParts(input: Uint8Array, pkg: XlsxPackage): Promise<string[]> {
  const before = (await readXlsxPackage(input, 'in.xlsx', {}, nodeZipCodec))!;
  return before.names().filter((n) => !pkg.has(n) || !isDeepStrictEqual(before.bytes(n), pkg.bytes(n)));
}

/** Worksheet children in CT_Worksheet order, rows ascending, cells ascending in each row. */
function schemaProblems(pkg: XlsxPackage): string[] {
  const problems: string[] = [];
  for (const s of readWorkbookParts(pkg).sheets) {
    if (!s.part) continue;
    const root = splitRoot(pkg.text(s.part)!, 'worksheet', ['sheetData']);
    if (!root) {
      problems.push(`${s.part}: not split`);
      continue;
    }
    const ranks = root.children.map((c) => WORKSHEET_ORDER.indexOf(c.name));
    if (ranks.some((r, i) => r < 0 || (i > 0 && r < ranks[i - 1]))) problems.push(`${s.part}: ${root.children.map((c) => c.name)}`);
    const data = root.children.find((c) => c.name === 'sheetData')!.xml;
    let lastRow = 0;
    for (const row of data.matchAll(/<row\b[^>]*?r="(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = Number(row[1]);
      if (r <= lastRow) problems.push(`${s.part}: row ${r} after ${lastRow}`);
      lastRow = r;
      let lastCol = 0;
      for (const c of (row[2] ?? '').matchAll(/<c\b[^>]*?r="([A-Z]+)(\d+)"/g)) {
        const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        if (col <= lastCol || Number(c[2]) !== r) problems.push(`${s.part}: ${c[1]}${c[2]} misplaced`);
        lastCol = col;
      }
    }
  }
  return problems;
}

const inputs = [
  ...[
    'tong-hop-xa-2025.xlsx',
    'tong-hop-xa-2024.xlsx',
    'tong-hop-la-ma-2025.xlsx',
    'tong-hop-nfd-2025.xlsx',
    'ket-qua-xa-2024-tom-tat.xlsx',
    'loi-div0.xlsx',
    'loi-ten-don-vi-cong-thuc.xlsx',
    'loi-trung-ma.xlsx',
    'mau-trong-2025.xlsx',
    'tu-danh-gia-xa-hoa-binh-2025.xlsx',
  ].map((f) => path.join(SAMPLES, f)),
  path.join(SAMPLES, 'don-vi', 'tu-danh-gia-phuong-an-lac-2025.xlsx'),
  path.join(SHARED, 'tong-hop-xa-2025.xlsx'),
  path.join(SHARED, 'loi-so-dang-chu.xlsx'),
];

describe('compute plans: patch writer = ExcelJS writer', () => {
  test.each(inputs.map((f) => [path.relative(ROOT, f), f]))('%s', async (_name, file) => {
    const input = bytes(file);
    const plan = await computePlan(input);
    const { diffs, pkg, ours } = await differences(input, plan);
    expect(diffs).toEqual([]);
    expect(malformedParts(pkg)).toEqual([]);
    expect(schemaProblems(pkg)).toEqual([]);
    // Only what the plan changes: the workbook, rels, content types, styles and the sheets written.
    const touched = await changedParts(input, pkg);
    const written = new Set(plan.cellWrites.map((w) => w.sheet));
    const parts = readWorkbookParts(pkg);
    const allowed = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml', 'xl/calcChain.xml']);
    for (const s of parts.sheets) if (written.has(s.name) && s.part) allowed.add(s.part);
    expect(touched.filter((n) => !allowed.has(n))).toEqual([]);
    // The result opens again (ExcelJS reads it).
    await expect(readWorkbookBuffer(ours, 'out.xlsx')).resolves.toBeDefined();
  });

  test('a bench-shaped workbook (3 units × 12 criteria), computed, then computed again on the result', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patch-bench-'));
    try {
      const files = await generateCase(SMOKE_CASE, dir);
      const input = bytes(files.current!);
      const plan = await computePlan(input);
      expect(plan.sheets.length).toBe(1);
      expect(plan.cellWrites.length).toBeGreaterThan(0);
      const first = await differences(input, plan);
      expect(first.diffs).toEqual([]);

      // Second run on each writer's own output: the ranking sheet and the state sheet replaced in place.
      const again = await computePlan(first.ours);
      const excel2 = await applyPlanToBufferDetailed(first.exceljs, again);
      const ours2 = await patched(first.ours, again);
      expect(appliedData(ours2.applied)).toEqual(appliedData(excel2.applied));
      expect(ours2.applied!.sheets.map((s) => [s.name, s.replaced])).toEqual([['Xếp hạng 2025', true]]);
      const a = await describeBook(excel2.data);
      const b = await describeBook(ours2.data);
      expect(b.names).toEqual(a.names);
      expect(b.names).toEqual(['Tổng hợp', 'Xếp hạng 2025', STATE_SHEET_NAME]);
      expect(b.snapshot).toEqual(a.snapshot);
      expect(readWorkbookParts(ours2.pkg).sheets.map((s) => s.part)).toEqual(readWorkbookParts(first.pkg).sheets.map((s) => s.part));
      expect(schemaProblems(ours2.pkg)).toEqual([]);

      // On ExcelJS's output (state in shared strings, its ranking sheet): the same as ExcelJS again.
      const onExcel = await differences(first.exceljs, again);
      expect(onExcel.diffs).toEqual([]);
      expect(appliedData(ours2.applied)).toEqual(appliedData((await patched(first.exceljs, again)).applied));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a workbook saved by LibreOffice (other part shapes: sheetPr, styled columns, explicit defaults)', () => {
  const input = () => bytes(path.join(__dirname, 'fixtures', 'libreoffice-tong-hop-xa-2025.xlsx'));
  const prior = () => bytes(path.join(SAMPLES, 'tong-hop-xa-2024.xlsx'));

  test('compute, then compare on the result', async () => {
    const plan = await computePlan(input());
    expect(plan.sheets.length).toBe(1);
    const computed = await differences(input(), plan, { blackIsDefault: true });
    expect(computed.diffs).toEqual([]);
    expect(malformedParts(computed.pkg)).toEqual([]);
    expect(schemaProblems(computed.pkg)).toEqual([]);
    const compared = await differences(computed.ours, await comparePlan(computed.ours, prior()), { blackIsDefault: true });
    expect(compared.diffs).toEqual([]);
    expect(malformedParts(compared.pkg)).toEqual([]);
    expect(schemaProblems(compared.pkg)).toEqual([]);
  });
});

describe('compare plans: live highlights', () => {
  const current = () => bytes(path.join(SAMPLES, 'tong-hop-xa-2025.xlsx'));
  const prior = () => bytes(path.join(SAMPLES, 'tong-hop-xa-2024.xlsx'));

  test('the comparison sheet and highlights on the user sheet, as ExcelJS writes them', async () => {
    const plan = await comparePlan(current(), prior());
    expect(plan.conditionalFormats.length).toBeGreaterThan(0);
    const { diffs, ours, pkg } = await differences(current(), plan);
    expect(diffs).toEqual([]);
    expect(malformedParts(pkg)).toEqual([]);
    expect(schemaProblems(pkg)).toEqual([]);
    const book = await describeBook(ours);
    const user = book.sheets.find((s) => s.name === 'Tổng hợp')!;
    const first = plan.conditionalFormats[0];
    const cf = user.cfs.find((c) => c.ref === first.range)!;
    expect(cf).toMatchObject({ type: 'expression', fill: HIGHLIGHT_COLORS[first.style].fill, font: HIGHLIGHT_COLORS[first.style].font });
    expect(user.cfs.map((c) => c.priority)).toEqual(user.cfs.map((_c, i) => i + 1));
  });

  test('compute, then compare, then compare again: earlier highlights replaced, not duplicated', async () => {
    const input = current();
    const computed = await differences(input, await computePlan(input));
    const plan = await comparePlan(computed.ours, prior());
    const once = await differences(computed.ours, plan);
    expect(once.diffs).toEqual([]);
    const twiceExcel = await applyPlanToBufferDetailed(once.exceljs, plan);
    const twice = await patched(once.ours, plan);
    expect(appliedData(twice.applied)).toEqual(appliedData(twiceExcel.applied));
    expect(twice.applied!.conditionalFormatsRemoved).toBe(plan.conditionalFormats.length);
    expect(twice.applied!.conditionalFormatsAdded).toBe(plan.conditionalFormats.length);
    const a = await describeBook(twiceExcel.data);
    const b = await describeBook(twice.data);
    expect(b.names).toEqual(a.names);
    expect(b.names).toEqual(
      ['Tổng hợp', 'Xếp hạng 2025', STATE_SHEET_NAME, 'So sánh 2025-2024', 'Điểm 2024 - Tổng hợp'].slice(0, b.names.length),
    );
    expect(b.sheets.map((s) => s.cfs)).toEqual(a.sheets.map((s) => s.cfs));
    expect(b.sheets[0].cfs.length).toBe(plan.conditionalFormats.length);
    expect(b.snapshot).toEqual(a.snapshot);
  });
});

function smallSheet(units: string[]): GeneratedSheet {
  return {
    name: 'Xếp hạng 2025',
    purpose: 'ranking',
    rows: [
      [text('BẢNG XẾP HẠNG')],
      [text('Đơn vị'), text('Tổng điểm'), text('Xếp hạng')],
      ...units.map((u, i) => [text(u), num(86.75 - i, '0.000'), formula(`=RANK.EQ(B${i + 3},$B$3:$B$${units.length + 2})`, i + 1)]),
      [text('  leading and trailing  '), num(Number.NaN), formula('=SUM(B3:B4)')],
    ],
    styles: [
      { range: 'A1', style: 'title' },
      { range: 'A2:C2', style: 'header' },
      { range: 'D2:D3', style: 'total' },
    ],
    columnWidths: [30, 12, 10],
    freezeRows: 2,
    hyperlinks: [
      { address: 'A3', sheet: 'Tổng hợp', cell: 'F7' },
      { address: 'A4', sheet: 'Tổng hợp', cell: 'G7' },
    ],
    conditionalFormats: [{ range: 'B3:B4', formula: '=B3>=86', style: 'fullMarks' }],
  };
}

describe('hand-made plans', () => {
  const input = () => bytes(path.join(SAMPLES, 'tong-hop-xa-2025.xlsx'));

  test('"=1+1" stays text, formulas get _xlfn., non-finite numbers are #NUM!, custom formats ≥ 164', async () => {
    const plan: WritePlan = {
      cellWrites: [
        { sheet: 'Tổng hợp', address: 'B52', content: text('=1+1') },
        { sheet: 'Tổng hợp', address: 'Q3', content: num(1.5, '0.000') },
        { sheet: 'Tổng hợp', address: 'A52', content: num(Number.POSITIVE_INFINITY) },
        { sheet: 'Tổng hợp', address: 'D50', content: formula('=RANK.EQ(D49,$D$49:$O$49)') },
        { sheet: 'Tổng hợp', address: 'C49', content: num(7, '0.0%') },
      ],
      sheets: [smallSheet(['Xã Hòa Bình', '=1+1'])],
      conditionalFormats: [],
    };
    const { diffs, ours, pkg } = await differences(input(), plan);
    expect(diffs).toEqual([]);
    const book = await describeBook(ours);
    const user = book.sheets[0];
    expect(user.cells.B52).toMatchObject({ v: '=1+1' });
    expect(user.cells.A52).toMatchObject({ v: { error: '#NUM!' } });
    expect(user.cells.D50).toMatchObject({ f: '_xlfn.RANK.EQ(D49,$D$49:$O$49)', result: null });
    expect(user.cells.Q3).toMatchObject({ v: 1.5, style: { numFmt: '0.000' } });
    // C49 keeps its bold font and gets the format.
    expect(user.cells.C49).toMatchObject({ v: 7, style: { numFmt: '0.0%', bold: true } });
    expect(book.fullCalcOnLoad).toBe(true);
    const ranking = book.sheets[1];
    expect(ranking.cells.A4).toMatchObject({ v: '=1+1' });
    expect(ranking.cells.A3).toMatchObject({
      f: `HYPERLINK("#'Tổng hợp'!F7","Xã Hòa Bình")`,
      result: 'Xã Hòa Bình',
      style: { underline: true },
    });
    expect(ranking.cells.C3).toMatchObject({ f: '_xlfn.RANK.EQ(B3,$B$3:$B$4)', result: 1 });
    expect(ranking.cells.A5).toMatchObject({ v: '  leading and trailing  ' });
    expect(ranking.frozen).toEqual({ ySplit: 2, xSplit: 0, topLeftCell: 'A3' });
    const styles = pkg.text('xl/styles.xml')!;
    // §18.18.88: "center", not the "middle" of the palette (ExcelJS reads both the same way).
    expect(styles).toContain('vertical="center"');
    expect(styles).not.toContain('vertical="middle"');
    // New fonts keep the workbook's default font (name, family, scheme) under the palette's changes.
    expect(styles).toContain(
      '<font><b/><sz val="14"/><color rgb="FF1F3864"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
    );
    const ids = [...styles.matchAll(/<numFmt numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids.length).toBe(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBeGreaterThanOrEqual(164);
    for (const coll of ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs', 'dxfs']) {
      const m = new RegExp(`<${coll}\\b[^>]*count="(\\d+)"[^>]*>([\\s\\S]*?)</${coll}>`).exec(styles)!;
      const item = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf', dxfs: 'dxf' }[coll];
      expect([coll, (m[2].match(new RegExp(`<${item}\\b`, 'g')) ?? []).length]).toEqual([coll, Number(m[1])]);
    }
    expect(malformedParts(pkg)).toEqual([]);
    expect(schemaProblems(pkg)).toEqual([]);
  });

  test('a user sheet with its own highlight, custom formats and a row format; an unknown part kept', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(input().buffer as ArrayBuffer);
    const ws = wb.getWorksheet('Tổng hợp')!;
    ws.addConditionalFormatting({
      ref: 'C8:C48',
      rules: [
        {
          type: 'expression',
          formulae: ['C8>5'],
          priority: 5,
          style: { font: { color: { argb: 'FF00B050' } } },
        } as ExcelJS.ConditionalFormattingRule,
      ],
    });
    ws.getCell('C9').numFmt = '0.0000';
    ws.getRow(53).font = { italic: true };
    ws.getRow(53).getCell(1).value = 'ghi chú';
    const custom = new Uint8Array(await wb.xlsx.writeBuffer());
    const compare = await comparePlan(input(), bytes(path.join(SAMPLES, 'tong-hop-xa-2024.xlsx')));
    const plan: WritePlan = {
      ...compare,
      cellWrites: [
        { sheet: 'Tổng hợp', address: 'C53', content: num(2, '0.000') },
        { sheet: 'Tổng hợp', address: 'D9', content: num(3, '0.0000') },
      ],
    };
    const { diffs, ours, pkg } = await differences(custom, plan);
    expect(diffs).toEqual([]);
    const user = (await describeBook(ours)).sheets[0];
    expect(user.cfs[0]).toMatchObject({ ref: 'C8:C48', priority: 5, font: 'FF00B050' });
    expect(user.cfs.slice(1).map((c) => c.priority)).toEqual(compare.conditionalFormats.map((_c, i) => 6 + i));
    // The new cell of a formatted row takes the row's format, the format is added on top of it.
    expect(user.cells.C53).toMatchObject({ v: 2, style: { italic: true, numFmt: '0.000' } });
    const styles = pkg.text('xl/styles.xml')!;
    const formats = [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [Number(m[1]), m[2]]);
    // The file's own custom format keeps its id; ours follow it, each id once.
    expect(formats[0]).toEqual([164, '0.0000']);
    expect(formats.find((f) => f[1] === '0.000')?.[0]).toBeGreaterThan(164);
    expect(formats.filter((f) => f[1] === '0.0000')).toHaveLength(1);
    expect(new Set(formats.map((f) => f[0])).size).toBe(formats.length);
    expect(formats.every(([id]) => (id as number) >= 164)).toBe(true);
    // Rows that were changed lose their spans hint.
    const sheet1 = pkg.text('xl/worksheets/sheet1.xml')!;
    expect(/<row r="53"[^>]*>/.exec(sheet1)![0]).not.toContain('spans');
    expect(/<row r="9"[^>]*>/.exec(sheet1)![0]).not.toContain('spans');
    expect(/<row r="8"[^>]*>/.exec(sheet1)![0]).toContain('spans');

    // The bytes-to-bytes entry point gives the same file as the package route.
    const direct = await applyPlanToXlsxBytes(custom, plan, { codec: nodeZipCodec });
    expect(direct!.data).toEqual(ours);

    // A part this writer does not know (a chart, custom XML) goes through byte for byte.
    const extra = (await readXlsxPackage(custom, 'in.xlsx', {}, nodeZipCodec))!;
    const item = new TextEncoder().encode('<?xml version="1.0"?><root>kept &amp; untouched</root>');
    extra.set('customXml/item1.xml', item);
    expect(applyPlanToPackage(extra, plan)).not.toBeNull();
    expect(extra.bytes('customXml/item1.xml')).toEqual(item);
  });

  test('refusals: the same WorkbookWriteError as ExcelJS, and the package unchanged', async () => {
    const cases: [WritePlan, string][] = [
      [{ ...emptyPlan(), cellWrites: [{ sheet: 'Không có', address: 'A1', content: text('x') }] }, 'missing-sheet'],
      [{ ...emptyPlan(), cellWrites: [{ sheet: 'Tổng hợp', address: 'B1', content: text('x') }] }, 'merged-cell'],
      [{ ...emptyPlan(), cellWrites: [{ sheet: 'Tổng hợp', address: '1A', content: text('x') }] }, 'invalid-address'],
      [
        { ...emptyPlan(), conditionalFormats: [{ sheet: 'Tổng hợp', range: 'D8:??', formula: '=TRUE', style: 'decline' }] },
        'invalid-address',
      ],
    ];
    for (const [plan, reason] of cases) {
      const excel = await applyPlanToBufferDetailed(input(), plan).catch((e: unknown) => e);
      expect(excel).toBeInstanceOf(WorkbookWriteError);
      expect((excel as WorkbookWriteError).reason).toBe(reason);
      const pkg = (await readXlsxPackage(input(), 'in.xlsx', {}, nodeZipCodec))!;
      const before = pkg.names().map((n) => pkg.bytes(n));
      let thrown: unknown;
      try {
        applyPlanToPackage(pkg, plan);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(WorkbookWriteError);
      expect([(thrown as WorkbookWriteError).reason, (thrown as WorkbookWriteError).subject]).toEqual([
        reason,
        (excel as WorkbookWriteError).subject,
      ]);
      expect(pkg.names().map((n) => pkg.bytes(n))).toEqual(before);
    }
  });

  test('a protected target sheet: WorkbookWriteError("protected"), nothing changed', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(input().buffer as ArrayBuffer);
    await wb.getWorksheet('Tổng hợp')!.protect('', {});
    const protectedInput = new Uint8Array(await wb.xlsx.writeBuffer());
    const plan = await computePlan(input());
    const pkg = (await readXlsxPackage(protectedInput, 'in.xlsx', {}, nodeZipCodec))!;
    const before = pkg.names().map((n) => pkg.bytes(n));
    expect(() => applyPlanToPackage(pkg, plan)).toThrow(expect.objectContaining({ reason: 'protected', subject: 'Tổng hợp' }));
    expect(pkg.names().map((n) => pkg.bytes(n))).toEqual(before);
  });

  test('a package it cannot edit: WorkbookWriteError("unsupported-package") naming the file, nothing changed', async () => {
    const check = async (plan: WritePlan, edit: (pkg: XlsxPackage) => void) => {
      const pkg = (await readXlsxPackage(input(), 'in.xlsx', {}, nodeZipCodec))!;
      edit(pkg);
      const before = pkg.names().map((n) => pkg.bytes(n));
      expect(() => applyPlanToPackage(pkg, plan, 'don-vi.xlsx')).toThrow(
        expect.objectContaining({ name: 'WorkbookWriteError', reason: 'unsupported-package', subject: 'don-vi.xlsx' }),
      );
      expect(pkg.names().map((n) => pkg.bytes(n))).toEqual(before);
    };
    const plan = await computePlan(input());
    // The table's sheet is a chartsheet (a broken relationship type).
    await check(plan, (pkg) =>
      pkg.set(
        'xl/_rels/workbook.xml.rels',
        pkg.text('xl/_rels/workbook.xml.rels')!.replace('relationships/worksheet"', 'relationships/chartsheet"'),
      ),
    );
    // An Excel 4.0 macro sheet in an .xlsm: a sheet that an .xlsx cannot hold.
    await check(plan, (pkg) => {
      addExcel4MacroSheet(pkg);
    });
    // A workbook part of an unknown content type.
    await check(plan, (pkg) =>
      pkg.set('[Content_Types].xml', pkg.text('[Content_Types].xml')!.replace('spreadsheetml.sheet.main+xml', 'spreadsheetml.unknown+xml')),
    );
  });

  test('a cell outside the grid (row 0): invalid-address, as a malformed address', async () => {
    const pkg = (await readXlsxPackage(input(), 'in.xlsx', {}, nodeZipCodec))!;
    expect(() =>
      applyPlanToPackage(pkg, { ...emptyPlan(), cellWrites: [{ sheet: 'Tổng hợp', address: 'A0', content: text('x') }] }),
    ).toThrow(expect.objectContaining({ reason: 'invalid-address', subject: 'Tổng hợp!A0' }));
  });

  test('the calculation chain is dropped with its relationship and content type', async () => {
    const plan = await computePlan(input());
    const pkg = (await readXlsxPackage(input(), 'in.xlsx', {}, nodeZipCodec))!;
    pkg.set(
      'xl/calcChain.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="C8" i="1"/></calcChain>',
    );
    pkg.set(
      'xl/_rels/workbook.xml.rels',
      pkg
        .text('xl/_rels/workbook.xml.rels')!
        .replace(
          '</Relationships>',
          '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
        ),
    );
    pkg.set(
      '[Content_Types].xml',
      pkg
        .text('[Content_Types].xml')!
        .replace(
          '</Types>',
          '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
        ),
    );
    expect(applyPlanToPackage(pkg, plan)).not.toBeNull();
    expect(pkg.has('xl/calcChain.xml')).toBe(false);
    expect(pkg.text('xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(pkg.text('[Content_Types].xml')).not.toContain('calcChain');
    // New sheets: unique sheetId and r:id, a content type each.
    const wbXml = pkg.text('xl/workbook.xml')!;
    const ids = [...wbXml.matchAll(/sheetId="(\d+)"/g)].map((m) => m[1]);
    const rids = [...wbXml.matchAll(/r:id="(\w+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['1', '2', '3']);
    expect(new Set(rids).size).toBe(3);
    expect(rids).not.toContain('rId99');
    for (const s of readWorkbookParts(pkg).sheets) expect(pkg.text('[Content_Types].xml')).toContain(`PartName="/${s.part}"`);
    expect(wbXml).toContain(`name="${STATE_SHEET_NAME}" sheetId="3" state="veryHidden"`);
  });
});
