/// <reference types="office-js" />
import { readSnapshot, readSnapshotWithStats, toCell, parseAreas } from '../../../src/hosts/office/read';
import { createFakeExcel, installFakeOffice, type InstalledOffice, type FakeExcel } from '../../../src/testing/fake-excel';
import { cellAt } from '../../../src/core/snapshot';
import { analyzeWorkbook } from '../../../src/core/engine';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import * as path from 'path';
import { bigSheet, diffWorkbooks, err, f, n, s } from './grid';

let office: InstalledOffice | undefined;
function fakeWith(...args: Parameters<typeof createFakeExcel>): FakeExcel {
  const fake = createFakeExcel(...args);
  office = installFakeOffice(fake);
  return fake;
}
afterEach(() => {
  office?.uninstall();
  office = undefined;
});

const mixed = () =>
  fakeWith({
    fileName: 'tong-hop.xlsx',
    sheets: [
      {
        name: 'Tổng hợp',
        cells: [
          [s('UBND TỈNH'), null, null],
          [],
          [s('STT'), s('Nội dung'), s('Điểm'), s('Ngày')],
          [s('1.1'), s('Ban hành kế hoạch'), n(1.25), n(45658, 'dd/mm/yyyy')],
          [s('1.2'), s('Tỷ lệ'), err('#DIV/0!', 'C4/0'), { v: true, t: 'b' }],
          [s('Tổng'), null, f('SUM(C4:C5)', 1.25), null],
        ],
        merges: ['A1:C1'],
        hiddenRows: [2],
        hiddenColumns: [4],
      },
      { name: 'Khóa', cells: [[s('x')]], protected: true },
      { name: 'Trống' },
      { name: 'Ẩn', cells: [[s('state')]], visibility: 'veryHidden' },
    ],
  });

describe('readSnapshot', () => {
  test('reads every sheet cell by cell, with merges, hidden rows/columns, protection, visibility', async () => {
    const fake = mixed();
    // C5 holds an error value computed by a formula.
    const { snapshot, stats } = await readSnapshotWithStats(fake.context);
    expect(diffWorkbooks(snapshot, fake.toSnapshot())).toEqual([]);
    expect(cellAt(snapshot.sheets[0], 5, 3)).toEqual({ v: '#DIV/0!', t: 'e', f: 'C4/0' });
    expect(snapshot.fileName).toBe('tong-hop.xlsx');
    const sheet = snapshot.sheets[0];
    expect(cellAt(sheet, 4, 4)).toEqual({ v: 45658, t: 'd', fmt: 'dd/mm/yyyy' });
    expect(cellAt(sheet, 6, 3)).toEqual({ v: 1.25, t: 'n', f: 'SUM(C4:C5)' });
    expect(cellAt(sheet, 5, 4)).toEqual({ v: true, t: 'b' });
    expect(sheet.merges).toEqual(['A1:C1']);
    expect(sheet.hiddenRows).toEqual([2]);
    expect(sheet.hiddenColumns).toEqual([4]);
    expect(snapshot.sheets.map((x) => [x.name, x.protected, x.visibility])).toEqual([
      ['Tổng hợp', false, 'visible'],
      ['Khóa', true, 'visible'],
      ['Trống', false, 'visible'],
      ['Ẩn', false, 'veryHidden'],
    ]);
    expect(fake.syncCount).toBe(3);
    expect(stats.syncs).toBe(3);
  });

  test('the grid is anchored at A1 when the used range starts further down and right', async () => {
    const cells: ReturnType<typeof n>[][] = [];
    cells[4] = [];
    cells[4][2] = s('C5');
    cells[6] = [];
    cells[6][5] = n(7);
    const fake = fakeWith({ sheets: [{ name: 'S', cells }] });
    const snap = await readSnapshot(fake.context);
    expect(cellAt(snap.sheets[0], 5, 3)).toEqual({ v: 'C5', t: 's' });
    expect(cellAt(snap.sheets[0], 7, 6)).toEqual({ v: 7, t: 'n' });
    expect(cellAt(snap.sheets[0], 1, 1)).toBeNull();
  });

  test('hidden rows together with hidden columns (first column hidden) still within 3 syncs', async () => {
    const fake = fakeWith({
      sheets: [
        {
          name: 'S',
          cells: [
            [n(1), n(2), n(3)],
            [n(4), n(5), n(6)],
            [n(7), n(8), n(9)],
          ],
          hiddenRows: [1, 3],
          hiddenColumns: [1],
        },
      ],
    });
    const snap = await readSnapshot(fake.context);
    expect(snap.sheets[0].hiddenRows).toEqual([1, 3]);
    expect(snap.sheets[0].hiddenColumns).toEqual([1]);
    expect(fake.syncCount).toBe(3);
  });

  test('all rows hidden; ExcelApi 1.7 (no merged-area API) reads without merges', async () => {
    const fake = fakeWith(
      {
        sheets: [
          {
            name: 'S',
            cells: [
              [n(1), n(2)],
              [n(3), n(4)],
            ],
            hiddenRows: [1, 2],
            merges: ['A1:B1'],
          },
          { name: 'T', cells: [[n(1)]] },
        ],
      },
      { supportedSets: { ExcelApi: '1.7' } },
    );
    const snap = await readSnapshot(fake.context);
    expect(snap.sheets[0].hiddenRows).toEqual([1, 2]);
    expect(snap.sheets[0].merges).toEqual([]);
    expect(fake.syncCount).toBe(3);
  });

  test('a quote-prefixed text that looks like a formula is read as text', async () => {
    const fake = fakeWith({ sheets: [{ name: 'S' }] });
    const ws = fake.context.workbook.worksheets.getItem('S');
    ws.getRange('A1:B1').formulas = [["'=1+1", '=1+1']];
    await fake.context.sync();
    const snap = await readSnapshot(fake.context);
    expect(cellAt(snap.sheets[0], 1, 1)).toEqual({ v: '=1+1', t: 's' });
    expect(cellAt(snap.sheets[0], 1, 2)).toEqual({ v: 2, t: 'n', f: '1+1' });
  });

  test('1000 × 150 grid: 3 syncs plus at most one per further 4 MB, every response under 4 MB, no retry, same cells', async () => {
    const fake = fakeWith({ sheets: [bigSheet('Lớn', 1000, 150), { name: 'Nhỏ', cells: [[s('a')]] }] });
    const { snapshot, stats } = await readSnapshotWithStats(fake.context);
    const total = stats.responseBytes.reduce((a, b) => a + b, 0);
    expect(fake.syncCount).toBeLessThanOrEqual(3 + Math.floor(total / (4 * 1024 * 1024)));
    expect(stats.retries).toBe(0);
    expect(stats.blocks).toBeGreaterThan(1); // split into row blocks within the sync
    const maxResponse = Math.max(...fake.requests.map((r) => r.responseBytes));
    expect(maxResponse).toBeLessThan(4 * 1024 * 1024);
    expect(stats.maxResponseBytes).toBeGreaterThan(1024 * 1024);
    expect(diffWorkbooks(snapshot, fake.toSnapshot())).toEqual([]);
  });

  test('text-heavy sheets beyond one response are spread over extra syncs (or retried smaller)', async () => {
    const long = 'Ban hành kế hoạch cải cách hành chính năm đúng thời hạn theo quy định của UBND tỉnh';
    const sheet = bigSheet('Chữ', 1200, 60);
    for (const row of sheet.cells!) for (let c = 1; c < 60; c++) if (row) row[c] = s(long);
    const fake = fakeWith({ sheets: [sheet] });
    const { snapshot, stats } = await readSnapshotWithStats(fake.context);
    const totalCellBytes = stats.responseBytes.reduce((a, b) => a + b, 0);
    expect(totalCellBytes).toBeGreaterThan(5 * 1024 * 1024);
    // One sync per ~4.5 MB of cells plus the one refused attempt: never one giant response.
    expect(stats.retries).toBeLessThanOrEqual(1);
    expect(fake.syncCount).toBeLessThanOrEqual(2 + Math.ceil(totalCellBytes / (4 * 1024 * 1024)) + stats.retries);
    for (const r of fake.requests.filter((x) => !x.error)) expect(r.responseBytes).toBeLessThan(5 * 1024 * 1024);
    expect(diffWorkbooks(snapshot, fake.toSnapshot())).toEqual([]);
  });
});

describe('more than 512 merged areas (Excel cannot return them)', () => {
  const rowMerges = (from: number, count: number, cols = 'P:Q') =>
    Array.from({ length: count }, (_, i) => cols.replace(/([A-Z]+):([A-Z]+)/, `$1${from + i}:$2${from + i}`));

  test('600 merged areas: every cell still read, that sheet without merges and marked, the other sheets with theirs', async () => {
    const many = rowMerges(1, 600);
    const fake = fakeWith({
      sheets: [
        // The used range (values) reaches Q600, so it holds all 600 merges.
        {
          name: 'Gộp nhiều',
          cells: [
            [s('STT'), s('Nội dung')],
            [s('1'), s('Tiêu chí')],
            ...Array.from({ length: 597 }, () => []),
            [...Array.from({ length: 16 }, () => null), n(1)],
          ],
          merges: many,
        },
        { name: 'Gộp ít', cells: [[s('Tiêu đề')], [n(1)]], merges: ['A1:C1'] },
        { name: 'Không gộp', cells: [[n(2)]] },
      ],
    });
    const snapshot = await readSnapshot(fake.context);
    const [manySheet, fewSheet, none] = snapshot.sheets;
    expect(cellAt(manySheet, 2, 2)).toEqual({ v: 'Tiêu chí', t: 's' });
    expect(manySheet.merges).toEqual([]);
    expect(manySheet.mergesUnread).toBe(true);
    expect(fewSheet.merges).toEqual(['A1:C1']);
    expect(fewSheet.mergesUnread).toBeUndefined();
    expect(none.merges).toEqual([]);
    expect(none.mergesUnread).toBeUndefined();
  });

  test('a scoring sheet with 600 merged areas: the table is still found and a warning says merges were not read (vi, en)', async () => {
    const source = await readWorkbookFile(path.resolve(__dirname, '../../../samples/tong-hop-xa-2025.xlsx'));
    const sheet = source.sheets[0];
    const width = Math.max(...sheet.cells.map((r) => r?.length ?? 0));
    // 600 two-cell merges in empty columns to the right of the table.
    const col = (c: number) => String.fromCharCode(64 + c);
    sheet.merges = [...sheet.merges, ...rowMerges(1, 600, `${col(width + 2)}:${col(width + 3)}`)];
    sheet.cells[599] = [...Array.from({ length: width + 1 }, () => null), s('ghi chú')];
    const fake = fakeWith(source);
    const { snapshot, stats } = await readSnapshotWithStats(fake.context);
    expect(stats.syncs).toBeLessThanOrEqual(5);
    const analysis = analyzeWorkbook(snapshot);
    expect(analysis.tables.map((t) => t.sheet)).toContain(sheet.name);
    const note = analysis.findings.find((f) => f.code === 'detect/merges-unread');
    expect(note).toMatchObject({ severity: 'warning', sheet: sheet.name, cell: 'A1' });
    expect(note!.message.vi).toBe(
      `Trang tính "${sheet.name}" có quá nhiều vùng ô gộp (hơn 512) nên Excel không trả về các vùng gộp; ` +
        'các ô gộp chưa được đọc, tiêu đề gộp có thể bị nhận dạng sai. Hãy kiểm tra bảng được nhận dạng hoặc bỏ gộp bớt ô.',
    );
    expect(note!.message.en).toMatch(/^Sheet ".+" has too many merged areas \(more than 512\)/);
  });

  test('512 merged areas are read as usual, in 3 syncs', async () => {
    const cells = Array.from({ length: 512 }, (_, i) => [s(`x${i + 1}`), n(i)]);
    const fake = fakeWith({ sheets: [{ name: 'S', cells, merges: rowMerges(1, 512, 'A:B') }] });
    const { snapshot, stats } = await readSnapshotWithStats(fake.context);
    expect(snapshot.sheets[0].merges).toHaveLength(512);
    expect(snapshot.sheets[0].mergesUnread).toBeUndefined();
    expect(stats.syncs).toBe(3);
  });

  test('a failure that is not the merges still fails the read', async () => {
    const fake = fakeWith({ sheets: [{ name: 'S', cells: [[s('x')]], merges: ['A1:B1'] }] });
    const original = fake.context.sync.bind(fake.context);
    let calls = 0;
    (fake.context as { sync: () => Promise<unknown> }).sync = async () => {
      if (++calls >= 3) throw Object.assign(new Error('boom'), { code: 'GeneralException' });
      return original();
    };
    await expect(readSnapshot(fake.context)).rejects.toMatchObject({ code: 'GeneralException' });
  });
});

describe('toCell and parseAreas', () => {
  test('value types map to snapshot types', () => {
    expect(toCell('#N/A', '#N/A', 'General', 'Error')).toEqual({ v: '#N/A', t: 'e' });
    expect(toCell(3, 3, '0.00', 'Double')).toEqual({ v: 3, t: 'n', fmt: '0.00' });
    expect(toCell(45000, 45000, '[$-42A]dd/mm/yyyy', 'Double')).toMatchObject({ t: 'd' });
    expect(toCell(0.5, 0.5, '0%', 'Double')).toMatchObject({ t: 'n' });
    expect(toCell('', '', 'General', 'Empty')).toBeNull();
    expect(toCell('', '=""', 'General', 'String')).toEqual({ v: '', t: 's', f: '""' });
  });
  test('merged-area addresses', () => {
    expect(parseAreas("'Tổng hợp, 2025'!$A$1:$C$1, 'Tổng hợp, 2025'!D4:E5")).toEqual(['A1:C1', 'D4:E5']);
    expect(parseAreas('S!A1')).toEqual(['A1']);
  });
});
