/// <reference types="office-js" />
/**
 * Re-validation after an edit reads again only the sheets the change events named (reuse.ts): what
 * the user is shown must be what a full read gives, whatever changed meanwhile. Each case reads the
 * workbook, changes it, then reads it both ways through office.js and the fake Excel.
 */
import { readSnapshotWithStats } from '../../../src/hosts/office/read';
import { selfContained } from '../../../src/hosts/office/reuse';
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from '../../../src/testing/fake-excel';
import { analyzeWorkbook } from '../../../src/core/engine';
import { a1 } from '../../../src/core/a1';
import { cellAt, type WorkbookSnapshot } from '../../../src/core/snapshot';
import { emptyState, stateRows, STATE_SHEET_NAME } from '../../../src/core/state';
import { fixture } from '../../taskpane/helpers/fixtures';
import { f, n, s } from './grid';

let office: InstalledOffice | undefined;
afterEach(() => {
  office?.uninstall();
  office = undefined;
});

const MAIN = 'Tổng hợp';

/** The sample consolidation, a notes sheet, a sheet with formulas over its own cells, and the state sheet. */
async function workbook(): Promise<FakeExcel> {
  const sample = await fixture('tong-hop-xa-2025.xlsx');
  const fake = createFakeExcel({
    fileName: 'tong-hop-xa-2025.xlsx',
    sheets: [
      ...sample.sheets,
      {
        name: 'Ghi chú',
        cells: [
          [s('Ghi chú'), s('Người nhập')],
          [s('Đợt 1'), s('Lan')],
        ],
      },
      { name: 'Tính', cells: [[n(1), n(2), f('SUM(A1:B1)', 3)]] },
      { name: STATE_SHEET_NAME, cells: stateRows(emptyState()).map(([k, v]) => [s(k), s(v)]), visibility: 'veryHidden' },
    ],
  });
  office = installFakeOffice(fake);
  return fake;
}

type Read = Awaited<ReturnType<typeof readSnapshotWithStats>>;

/** Read after edits (the sheets named), then fully; both must give the same snapshot and findings. */
async function expectSameAsFull(fake: FakeExcel, before: Read, changed: string[]): Promise<Read> {
  const reuse = { previous: before.snapshot, sheetIds: before.sheetIds, changed: new Set(changed) };
  const partial = await readSnapshotWithStats(fake.context, { reuse });
  const full = await readSnapshotWithStats(fake.context);
  expect(full.stats.reusedSheets).toBe(0);
  expect(partial.snapshot).toEqual(full.snapshot);
  expect(analyzeWorkbook(partial.snapshot).findings).toEqual(analyzeWorkbook(full.snapshot).findings);
  // Same requests: only the cell data of kept sheets is left out.
  expect(partial.stats.syncs).toBe(full.stats.syncs);
  return partial;
}

const names = (snapshot: WorkbookSnapshot) => snapshot.sheets.map((x) => x.name);

/** A leaf criterion's score cell of the first unit on the main sheet. */
function scoreCell(snapshot: WorkbookSnapshot): string {
  const table = analyzeWorkbook(snapshot).tables.find((t) => t.sheet === MAIN)!;
  const leaf = table.criteria.find((c) => c.childKeys.length === 0 && c.max !== null && !c.survey)!;
  return a1(leaf.row, table.series[0].index);
}

describe('reading only the sheets change events named gives what a full read gives', () => {
  test('a score typed above its maximum: the finding appears, the other sheets are kept', async () => {
    const fake = await workbook();
    const before = await readSnapshotWithStats(fake.context);
    const cell = scoreCell(before.snapshot);
    await fake.simulateEdit(MAIN, cell, 99);
    const after = await expectSameAsFull(fake, before, [MAIN]);
    // The notes and the self-contained formulas were kept; the main sheet and the state sheet read.
    expect(after.stats.reusedSheets).toBe(before.snapshot.sheets.length - 2);
    expect(analyzeWorkbook(after.snapshot).findings.some((x) => x.sheet === MAIN && x.cell === cell && x.severity === 'error')).toBe(true);
  });

  test('an edit on another sheet: the main sheet is kept, the edited one read', async () => {
    const fake = await workbook();
    const before = await readSnapshotWithStats(fake.context);
    await fake.simulateEdit('Ghi chú', 'B2', 'Minh');
    const after = await expectSameAsFull(fake, before, ['Ghi chú']);
    expect(cellAt(after.snapshot.sheets[names(after.snapshot).indexOf('Ghi chú')], 2, 2)?.v).toBe('Minh');
    expect(after.snapshot.sheets[0].cells).toBe(before.snapshot.sheets[0].cells);
  });

  test('several edits on several sheets, then a sheet added, one deleted and one renamed', async () => {
    const fake = await workbook();
    let before = await readSnapshotWithStats(fake.context);
    const cell = scoreCell(before.snapshot);
    await fake.simulateEdit(MAIN, cell, 'mười');
    await fake.simulateEdit('Tính', 'A1', 5);
    before = await expectSameAsFull(fake, before, [MAIN, 'Tính']);

    const sheets = fake.context.workbook.worksheets;
    const added = sheets.add('Phụ lục');
    added.getRange('A1:B1').values = [['Phụ lục', 3]];
    await fake.context.sync();
    before = await expectSameAsFull(fake, before, []);
    expect(names(before.snapshot)).toContain('Phụ lục');

    sheets.getItem('Ghi chú').delete();
    await fake.context.sync();
    before = await expectSameAsFull(fake, before, []);
    expect(names(before.snapshot)).not.toContain('Ghi chú');

    // A rename raises no onChanged: the sheet is read because its name is new.
    sheets.getItem('Phụ lục').name = 'Ghi chú';
    await fake.context.sync();
    await expectSameAsFull(fake, before, []);
  });

  test('a sheet renamed to the name of another, with its content: read by id, not kept by name', async () => {
    const fake = await workbook();
    const before = await readSnapshotWithStats(fake.context);
    const sheets = fake.context.workbook.worksheets;
    sheets.getItem('Ghi chú').name = 'Cũ';
    sheets.getItem('Tính').name = 'Ghi chú';
    sheets.getItem('Cũ').name = 'Tính';
    await fake.context.sync();
    await expectSameAsFull(fake, before, []);
  });

  test('a change no event named that moves the edge of the data (a lost event) is read', async () => {
    const fake = await workbook();
    const before = await readSnapshotWithStats(fake.context);
    await fake.simulateEdit('Ghi chú', 'D5', 'thêm');
    const after = await expectSameAsFull(fake, before, []);
    expect(cellAt(after.snapshot.sheets[names(after.snapshot).indexOf('Ghi chú')], 5, 4)?.v).toBe('thêm');
  });

  test('protection, visibility and hidden rows of a kept sheet are read again', async () => {
    const fake = await workbook();
    const before = await readSnapshotWithStats(fake.context);
    const notes = fake.context.workbook.worksheets.getItem('Ghi chú');
    notes.visibility = 'Hidden';
    notes.getRange('2:2').rowHidden = true;
    await fake.context.sync();
    fake.setSheetProtected('Ghi chú', true);
    const after = await expectSameAsFull(fake, before, []);
    const sheet = after.snapshot.sheets[names(after.snapshot).indexOf('Ghi chú')];
    expect([sheet.protected, sheet.visibility, sheet.hiddenRows]).toEqual([true, 'hidden', [2]]);
  });

  test('a sheet whose formulas reach another sheet is always read (Excel recalculates it without onChanged)', async () => {
    const fake = await workbook();
    const sheets = fake.context.workbook.worksheets;
    sheets.add('Tham chiếu').getRange('A1').formulas = [[`='Ghi chú'!A1`]];
    await fake.context.sync();
    const before = await readSnapshotWithStats(fake.context);
    await fake.simulateEdit('Ghi chú', 'A1', 'Đổi');
    const after = await expectSameAsFull(fake, before, ['Ghi chú']);
    expect(after.snapshot.sheets[names(after.snapshot).indexOf('Tham chiếu')].cells).not.toBe(
      before.snapshot.sheets[names(before.snapshot).indexOf('Tham chiếu')].cells,
    );
  });
});

describe('selfContained: a formula whose value changes only with its own sheet', () => {
  test.each([
    'SUM(D10:D20)',
    'IF(A1>2,"x;y",$B$3*2)',
    'ROUND(AVERAGE(C1:C9),2)+1.5E-3',
    'AND(TRUE,A1<>"")',
    '_xlfn.XLOOKUP(A1,B1:B9,C1:C9)',
  ])('kept: %s', (formula) => expect(selfContained(formula)).toBe(true));
  test.each([
    "'Ghi chú'!A1",
    'Sheet2!A1:B2',
    'SUM(Diem)',
    'INDIRECT("A"&B1)',
    'OFFSET(A1,1,1)',
    'NOW()',
    'RAND()*A1',
    'Table1[Điểm]',
    'SUM(A:A)',
    '{1,2}',
    '[1]Sheet1!A1',
  ])('read again: %s', (formula) => expect(selfContained(formula)).toBe(false));
});
