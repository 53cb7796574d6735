/**
 * The formulas our writers put into a workbook, recalculated by a spreadsheet application that
 * shares no code with ours: LibreOffice Calc (Debian's libreoffice-calc-nogui, installed by
 * .ci/run), headless, with a fresh profile set to recalculate every formula of an .xlsx on load.
 *
 * There is no Excel on the build machines. What an official sees after `compute --out`,
 * `compare --out` or `consolidate --out` is what Excel computes from the formulas we wrote (totals
 * with ROUND(SUM…), RANK.EQ and the dense-rank SUMPRODUCT/COUNTIF, the comparison's differences),
 * not the cached results we stored beside them. So each output is opened, recalculated and saved
 * again by LibreOffice, and every cell is compared with ours: a formula another engine cannot
 * parse, or one that does not give the result the engine cached, fails here with its address.
 * A copy with one wrong cached result checks that LibreOffice really recalculated. The live
 * highlights (conditional formats; the decline rule reads last year's scores from a hidden sheet
 * through a defined name) are evaluated the same way: LibreOffice's HTML export paints the cells
 * they select, before and after the official edits scores.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { main, pickTable } from '../../../src/cli/main';
import { compareYears } from '../../../src/core/compare';
import { analyzeWorkbook } from '../../../src/core/engine';
import { isLeaf } from '../../../src/core/model';
import { HIGHLIGHT_COLORS } from '../../../src/hosts/palette';
import type { Cell, WorkbookSnapshot } from '../../../src/core/snapshot';
import { a1, columnNumber } from '../../../src/core/a1';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { requireTool } from '../../support/tools';

jest.setTimeout(300_000);

const SAMPLES = path.resolve(__dirname, '../../../samples');
const LIBREOFFICE_SAVED = path.resolve(__dirname, 'ooxml/fixtures/libreoffice-tong-hop-xa-2025.xlsx');
const sample = (name: string) => path.join(SAMPLES, name);

// org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode: 0 = always recalculate on load
// (LibreOffice's default for .xlsx is "never": it would show our cached results unchecked).
const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let dir: string;
/** Our output → the same workbook recalculated and saved by LibreOffice. */
const recalculated = new Map<string, string>();

async function cli(...argv: string[]): Promise<void> {
  let err = '';
  const code = await main(argv, { out: () => {}, err: (s) => (err += s) });
  if (code !== 0) throw new Error(`par-scorecard ${argv.slice(0, 2).join(' ')} exited ${code}: ${err}`);
}

/** Opens every file in one LibreOffice run, recalculated, and saves it as `format` into `dir/<format>`. */
function libreOffice(format: 'xlsx' | 'html', files: string[]): string[] {
  const soffice = requireTool('soffice');
  const profile = path.join(dir, 'profile');
  mkdirSync(path.join(profile, 'user'), { recursive: true });
  writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), ALWAYS_RECALCULATE);
  const outDir = path.join(dir, format);
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      format,
      '--outdir',
      outDir,
      ...files,
    ],
    { stdio: 'pipe', timeout: 240_000, env: { ...process.env, HOME: dir } },
  );
  return files.map((f) => {
    const out = path.join(outDir, `${path.basename(f, '.xlsx')}.${format}`);
    if (!existsSync(out)) throw new Error(`LibreOffice could not open ${path.basename(f)}`);
    return out;
  });
}

const output = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'par-recalc-'));
  await cli('compute', sample('tong-hop-xa-2025.xlsx'), '--out', output('compute.xlsx'));
  await cli('compute', sample('tong-hop-xa-2025.xlsx'), '--out', output('compute-dense.xlsx'), '--ties', 'dense', '--overwrite-totals');
  await cli('compute', sample('tong-hop-la-ma-2025.xlsx'), '--out', output('compute-bonus.xlsx'));
  await cli('compute', sample('ket-qua-xa-2024-tom-tat.xlsx'), '--out', output('compute-summary.xlsx'));
  await cli('compute', LIBREOFFICE_SAVED, '--out', output('compute-libreoffice.xlsx'));
  await cli('compare', output('compute.xlsx'), '--prior', sample('tong-hop-xa-2024.xlsx'), '--out', output('compare.xlsx'));
  await cli('consolidate', path.join(SAMPLES, 'don-vi'), '--out', output('consolidate.xlsx'));
  // A unit not scored yet (Phường An Lạc, column D, emptied): its total cell stays blank inside the
  // range every dense rank formula counts over.
  const unscored = new ExcelJS.Workbook();
  await unscored.xlsx.readFile(sample('tong-hop-xa-2025.xlsx'));
  const sheet = unscored.getWorksheet('Tổng hợp')!;
  for (let row = 8; row <= 50; row++) sheet.getCell(`D${row}`).value = null;
  await unscored.xlsx.writeFile(output('unscored.xlsx'));
  await cli('compute', output('unscored.xlsx'), '--out', output('compute-dense-unscored.xlsx'), '--ties', 'dense');

  // The canary: the total of the first unit with a wrong cached result.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(output('compute.xlsx'));
  const total = wb.getWorksheet('Tổng hợp')!.getCell('D49');
  total.value = { formula: (total.value as ExcelJS.CellFormulaValue).formula, result: 12345 } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(output('canary.xlsx'));

  const files = [
    'compute',
    'compute-dense',
    'compute-dense-unscored',
    'compute-bonus',
    'compute-summary',
    'compute-libreoffice',
    'compare',
    'consolidate',
    'canary',
  ].map((n) => output(`${n}.xlsx`));
  libreOffice('xlsx', files).forEach((out, i) => recalculated.set(files[i], out));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const display = (c: Cell | null | undefined) => (c ? `${c.f ? `=${c.f} → ` : ''}${JSON.stringify(c.v)}` : 'empty');

function sameValue(ours: Cell, theirs: Cell | null | undefined): boolean {
  if (!theirs) return ours.v === null || ours.v === '';
  // Cached results are written with 15–17 significant digits; scores have three decimals.
  if (typeof ours.v === 'number' && typeof theirs.v === 'number') return Math.abs(ours.v - theirs.v) < 1e-9;
  return ours.v === theirs.v;
}

interface Recalculation {
  ours: WorkbookSnapshot;
  theirs: WorkbookSnapshot;
  /** Formula cells in our output. */
  formulas: number;
  /** Every cell whose formula was lost or whose value LibreOffice computed otherwise, as "Sheet!A1: ours | LibreOffice". */
  differences: string[];
}

async function compareRecalculated(name: string): Promise<Recalculation> {
  const file = output(name);
  const [ours, theirs] = [await readWorkbookFile(file), await readWorkbookFile(recalculated.get(file)!)];
  expect(theirs.sheets.map((s) => s.name)).toEqual(ours.sheets.map((s) => s.name));
  let formulas = 0;
  const differences: string[] = [];
  for (const sheet of ours.sheets) {
    const other = theirs.sheets.find((s) => s.name === sheet.name)!;
    sheet.cells.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (!cell) return;
        const theirCell = other.cells[r]?.[c];
        if (cell.f) formulas++;
        if ((cell.f && !theirCell?.f) || !sameValue(cell, theirCell))
          differences.push(`${sheet.name}!${a1(r + 1, c + 1)}: ${display(cell)} | ${display(theirCell)}`);
      }),
    );
  }
  return { ours, theirs, formulas, differences };
}

/** The numbers of one row of a sheet, left to right, from `first` (a column letter) on. */
function rowNumbers(book: WorkbookSnapshot, sheet: string, row: number, first: string): number[] {
  const cells = book.sheets.find((s) => s.name === sheet)!.cells[row - 1] ?? [];
  return cells.slice(columnNumber(first) - 1).flatMap((c) => (c && typeof c.v === 'number' ? [c.v] : []));
}

test('LibreOffice recalculates on load (a wrong cached total comes back corrected)', async () => {
  const { differences } = await compareRecalculated('canary.xlsx');
  expect(differences).toEqual([
    'Tổng hợp!D49: =ROUND(SUM(D8+D16+D20+D28+D32+D36+D40+D46),3) → 12345 | =ROUND(SUM(D8+D16+D20+D28+D32+D36+D40+D46),3) → 76.983',
  ]);
});

test('compute --out: the written totals and RANK.EQ ranks give the engine’s results, ties shared (1, 2, 3, 3, 5 …)', async () => {
  const { ours, theirs, formulas, differences } = await compareRecalculated('compute.xlsx');
  expect(differences).toEqual([]);
  expect(formulas).toBeGreaterThan(24);
  // Row 49: the units' totals (Xã Hòa Bình and Xã An Phú both 86,75); row 50: their ranks.
  expect(ours.sheets[0].cells[49 - 1]?.[3]?.f).toBe('ROUND(SUM(D8+D16+D20+D28+D32+D36+D40+D46),3)');
  expect(ours.sheets[0].cells[50 - 1]?.[3]?.f).toBe('RANK.EQ(D49,$D$49:$O$49)');
  expect([...rowNumbers(theirs, 'Tổng hợp', 50, 'D')].sort((a, b) => a - b)).toEqual([1, 2, 3, 3, 5, 6, 7, 8, 9, 10, 11, 12]);
});

test('compute --ties dense --overwrite-totals: the SUMPRODUCT/COUNTIF rank leaves no gap after a tie (1, 2, 3, 3, 4 …)', async () => {
  const { theirs, differences } = await compareRecalculated('compute-dense.xlsx');
  expect(differences).toEqual([]);
  expect([...rowNumbers(theirs, 'Tổng hợp', 50, 'D')].sort((a, b) => a - b)).toEqual([1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
});

test('dense ranks with a unit not scored yet: its blank total is passed over, no #DIV/0!', async () => {
  const { theirs, differences } = await compareRecalculated('compute-dense-unscored.xlsx');
  expect(differences).toEqual([]);
  expect([...rowNumbers(theirs, 'Tổng hợp', 50, 'E')].sort((a, b) => a - b)).toEqual([1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test.each([
  ['bonus and penalty rows (total = areas + bonus − penalty)', 'compute-bonus.xlsx'],
  ['a summary table (units as rows)', 'compute-summary.xlsx'],
  ['a workbook saved by LibreOffice', 'compute-libreoffice.xlsx'],
])('compute --out on %s: every formula recalculates to the engine’s result', async (_, name) => {
  const { formulas, differences } = await compareRecalculated(name);
  expect(differences).toEqual([]);
  expect(formulas).toBeGreaterThan(10);
});

test('compare --out: the comparison sheet’s differences and rank changes recalculate to the engine’s', async () => {
  const { ours, formulas, differences } = await compareRecalculated('compare.xlsx');
  expect(differences).toEqual([]);
  const comparison = ours.sheets.find((s) => s.name === 'So sánh 2025-2024')!;
  const comparisonFormulas = comparison.cells.flat().filter((c) => c?.f).length;
  expect(comparisonFormulas).toBeGreaterThan(100);
  expect(formulas).toBeGreaterThan(comparisonFormulas);
});

test('consolidate --out: the new workbook’s totals and ranks recalculate to the engine’s', async () => {
  const { formulas, differences } = await compareRecalculated('consolidate.xlsx');
  expect(differences).toEqual([]);
  expect(formulas).toBeGreaterThan(24);
});

/** The fill colour LibreOffice's HTML export gives each cell of a sheet ("D12" → "FFC7CE"), merged cells placed as Calc does. */
function paintedCells(html: string, sheet: string): Map<string, string> {
  const heading = html.indexOf(`<em>${sheet}</em>`);
  const table = html.slice(html.indexOf('<table', heading), html.indexOf('</table>', heading));
  const covered = new Set<string>();
  const fills = new Map<string, string>();
  (table.match(/<tr[\s\S]*?<\/tr>/g) ?? []).forEach((tr, r) => {
    let col = 1;
    for (const td of tr.match(/<td[^>]*>/g) ?? []) {
      while (covered.has(a1(r + 1, col))) col++;
      const span = (name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(td)?.[1] ?? 1);
      for (let dr = 0; dr < span('rowspan'); dr++) for (let dc = 0; dc < span('colspan'); dc++) covered.add(a1(r + 1 + dr, col + dc));
      const fill = /bgcolor="#([0-9A-Fa-f]{6})"/.exec(td)?.[1];
      if (fill) fills.set(a1(r + 1, col), fill.toUpperCase());
      col += span('colspan');
    }
  });
  return fills;
}

const rgb = (argb: string) => argb.slice(2).toUpperCase();
const sorted = (cells: Iterable<string>) => [...cells].sort();

/** LibreOffice's HTML export of each compare output (made once). */
const COMPARE_OUTPUTS = [['the patch writer', 'compare.xlsx']] as const;
let compareHtml: Map<string, string> | undefined;
function compareAsHtml(name: string): string {
  compareHtml ??= new Map(
    libreOffice(
      'html',
      COMPARE_OUTPUTS.map(([, n]) => output(n)),
    ).map((f, i) => [COMPARE_OUTPUTS[i][1], readFileSync(f, 'utf8')]),
  );
  return compareHtml.get(name)!;
}

/**
 * The cells LibreOffice paints red (decline) and yellow (shortfall) on the user's sheet are exactly
 * the engine's declines and shortfalls of `current` (a workbook as LibreOffice recalculated it)
 * against `prior`. Returns the declined cells.
 */
function expectEngineHighlights(html: string, current: WorkbookSnapshot, prior: WorkbookSnapshot): Set<string> {
  const painted = paintedCells(html, 'Tổng hợp');
  const comparison = compareYears(pickTable(analyzeWorkbook(current))!, pickTable(analyzeWorkbook(prior))!, {});
  const table = comparison.current.table;

  // Declined: a compared unit's score below last year's, on any criterion row (areas included).
  const declined = new Set<string>();
  for (const u of comparison.units)
    for (const cr of u.criteria) if (u.priorUnit !== null && cr.row > 0 && cr.status === 'declined') declined.add(a1(cr.row, u.index));
  // Shortfall: a leaf criterion's score below its maximum, where no decline is shown.
  const sheet = current.sheets.find((s) => s.name === table.sheet)!;
  const shortfall = new Set<string>();
  for (const cr of table.criteria.filter(isLeaf))
    for (const s of table.series) {
      const score = sheet.cells[cr.row - 1]?.[s.index - 1]?.v;
      const address = a1(cr.row, s.index);
      if (typeof score === 'number' && cr.max && score < cr.max.toNumber() && !declined.has(address)) shortfall.add(address);
    }

  const paintedWith = (argb: string) => sorted([...painted].filter(([, fill]) => fill === rgb(argb)).map(([cell]) => cell));
  expect(declined.size).toBeGreaterThan(10);
  expect(shortfall.size).toBeGreaterThan(10);
  expect(paintedWith(HIGHLIGHT_COLORS.decline.fill)).toEqual(sorted(declined));
  expect(paintedWith(HIGHLIGHT_COLORS.shortfall.fill)).toEqual(sorted(shortfall));
  return declined;
}

test.each(COMPARE_OUTPUTS)(
  'compare --out (%s): the live highlights LibreOffice paints on the user’s sheet are the engine’s declines (red) and shortfalls (yellow)',
  async (_, name) => {
    expectEngineHighlights(
      compareAsHtml(name),
      await readWorkbookFile(output('compute.xlsx')),
      await readWorkbookFile(sample('tong-hop-xa-2024.xlsx')),
    );
  },
);

test('compare --out against a summary prior: LibreOffice paints the engine’s declines on area rows and the shortfalls', async () => {
  await cli('compare', output('compute.xlsx'), '--prior', sample('ket-qua-xa-2024-tom-tat.xlsx'), '--out', output('compare-summary.xlsx'));
  const [html] = libreOffice('html', [output('compare-summary.xlsx')]);
  const declined = expectEngineHighlights(
    readFileSync(html, 'utf8'),
    await readWorkbookFile(output('compute.xlsx')),
    await readWorkbookFile(sample('ket-qua-xa-2024-tom-tat.xlsx')),
  );
  // Area rows only: the summary has no criteria.
  expect([...declined].every((cell) => ['8', '16', '20', '28', '32', '36', '40', '46'].includes(cell.replace(/^[A-Z]+/, '')))).toBe(true);
});

test('compare --out, then the official edits scores: the highlights follow (last year’s values read live through the defined name)', async () => {
  const prior = await readWorkbookFile(sample('tong-hop-xa-2024.xlsx'));
  const before = compareYears(
    pickTable(analyzeWorkbook(await readWorkbookFile(output('compute.xlsx'))))!,
    pickTable(analyzeWorkbook(prior))!,
    {},
  );
  const leaves = before.units
    .filter((u) => u.priorUnit !== null)
    .flatMap((u) => u.criteria.filter((cr) => cr.depth > 1 && cr.row > 0 && cr.prior !== null));
  // One cell that was not declined now below last year's, one that was declined now equal to it.
  const lowered = leaves.find((cr) => cr.status !== 'declined' && cr.prior!.gte(0.25))!;
  const restored = leaves.find((cr) => cr.status === 'declined')!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(output('compare.xlsx'));
  const sheet = wb.getWorksheet('Tổng hợp')!;
  sheet.getCell(lowered.cell).value = lowered.prior!.minus(0.25).toNumber();
  sheet.getCell(restored.cell).value = restored.prior!.toNumber();
  await wb.xlsx.writeFile(output('compare-edited.xlsx'));
  const [recalc] = libreOffice('xlsx', [output('compare-edited.xlsx')]);
  const [html] = libreOffice('html', [output('compare-edited.xlsx')]);
  const declined = expectEngineHighlights(readFileSync(html, 'utf8'), await readWorkbookFile(recalc), prior);
  expect(declined.has(lowered.cell)).toBe(true);
  expect(declined.has(restored.cell)).toBe(false);
});

test.each(COMPARE_OUTPUTS)(
  'compare --out (%s): the comparison sheet paints decreases red, increases blue and full marks green, as its values say',
  async (_, name) => {
    const sheetName = 'So sánh 2025-2024';
    const painted = paintedCells(compareAsHtml(name), sheetName);
    const { theirs, differences } = await compareRecalculated(name);
    expect(differences).toEqual([]);
    const rows = theirs.sheets.find((s) => s.name === sheetName)!.cells;
    const value = (r: number, c: string) => rows[r - 1]?.[columnNumber(c) - 1]?.v;
    const rowWith = (c: string, label: string) => rows.findIndex((r) => r?.[columnNumber(c) - 1]?.v === label) + 1;
    const expected = new Map<string, string>();
    const sign = (address: string, v: unknown) => {
      if (typeof v === 'number' && v !== 0) expected.set(address, rgb((v < 0 ? HIGHLIGHT_COLORS.decline : HIGHLIGHT_COLORS.improved).fill));
    };
    // Units table: Tăng/giảm (D) and Thay đổi bậc (G), from the header row to the first empty row.
    for (let r = rowWith('D', 'Tăng/giảm') + 1; value(r, 'A') !== undefined && value(r, 'A') !== null; r++) {
      sign(`D${r}`, value(r, 'D'));
      sign(`G${r}`, value(r, 'G'));
    }
    // Criteria table: Tăng/giảm (G); this year's score at its maximum (F ≥ D) is full marks.
    const criteriaHeader = rowWith('B', 'Mã');
    expect(criteriaHeader).toBeGreaterThan(0);
    for (let r = criteriaHeader + 1; r <= rows.length; r++) {
      sign(`G${r}`, value(r, 'G'));
      const [score, max] = [value(r, 'F'), value(r, 'D')];
      if (typeof score === 'number' && typeof max === 'number' && score >= max) expected.set(`F${r}`, rgb(HIGHLIGHT_COLORS.fullMarks.fill));
    }
    const highlight = new Set(Object.values(HIGHLIGHT_COLORS).map((c) => rgb(c.fill)));
    const actual = new Map([...painted].filter(([, fill]) => highlight.has(fill)));
    expect(expected.size).toBeGreaterThan(50);
    expect(sorted([...actual].map(([cell, fill]) => `${cell} ${fill}`))).toEqual(
      sorted([...expected].map(([cell, fill]) => `${cell} ${fill}`)),
    );
  },
);
