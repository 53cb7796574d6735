/**
 * The pane "inside Excel": the office.js stand-in installs the in-memory fake Excel preloaded
 * with tong-hop-xa-2025 (serialised into the page before its scripts run). The test clicks
 * through every view and reads back what was written to the fake workbook.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { a1 } from '../../src/core/a1';
import { planCompute } from '../../src/core/compute-plan';
import { analyzeWorkbook, isRanked } from '../../src/core/engine';
import type { CellContent } from '../../src/core/plan';
import type { Cell, WorkbookSnapshot } from '../../src/core/snapshot';
import type { FakeSheetDump, FakeWorkbookDump } from '../../src/testing/fake-excel';
import { ROOT, CURRENT, PRIOR, chooseFile, excelJsChunks, scriptsRequested, usePaneSite, type Pane } from './harness';
import { eventually } from './matchers';
import { engineFindingKeys, fakeWorkbook, snapshotOfFile } from './workbooks';

const site = usePaneSite();

const dump = (page: Page): Promise<FakeWorkbookDump> => page.evaluate(() => window.__parFake!.dump());
const fakeSnapshot = (page: Page): Promise<WorkbookSnapshot> => page.evaluate(() => window.__parFake!.snapshot());
const sheetOf = (d: FakeWorkbookDump, name: string): FakeSheetDump | undefined => d.sheets.find((s) => s.name === name);

function cellAt(sheet: FakeSheetDump | undefined, address: string): Cell | null {
  if (!sheet) return null;
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return sheet.cells[Number(m[2]) - 1]?.[col - 1] ?? null;
}

/** What Excel must hold for a planned cell content: the formula (no '=') or the value. */
function expectContent(sheet: FakeSheetDump | undefined, address: string, content: CellContent): void {
  const cell = cellAt(sheet, address);
  const where = `${sheet?.name}!${address}`;
  switch (content.kind) {
    case 'empty':
      expect([where, cell?.v ?? null]).toEqual([where, null]);
      break;
    case 'formula':
      expect([where, cell?.f]).toEqual([where, content.formula.replace(/^=/, '')]);
      break;
    default:
      expect([where, cell?.v]).toEqual([where, content.value]);
  }
}

async function shownFindingKeys(page: Page): Promise<string[]> {
  return (await page.locator('li[data-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding') ?? ''))).sort();
}

async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

let pane: Pane;

afterEach(async () => {
  await pane?.close();
});

test('every view, inside Excel (fake): what the pane writes is in the workbook', async () => {
  const original = await snapshotOfFile(CURRENT);
  pane = await site.open('?view=overview', { excel: fakeWorkbook(original) });
  const { page } = pane;

  // Tổng quan: the detected table; "Đến bảng" selects its first cell in Excel.
  await expect(page.getByRole('heading', { name: 'Các bảng tìm thấy' })).toBeVisibleSoon();
  const engine = analyzeWorkbook(original);
  const table = engine.tables[0];
  await expect(page.locator(`[data-table="${table.id}"]`)).toBeVisibleSoon();
  await page
    .getByRole('button', { name: /^Đến bảng / })
    .first()
    .click();
  await eventually(
    async () => (await dump(page)).selection,
    (selection) => expect(selection).toEqual({ sheet: table.sheet, address: table.range.split(':')[0] }),
  );
  // Inside Excel there is no file page.
  expect(await page.getByTestId('file-bar').count()).toBe(0);

  // Kiểm tra: the user types a score above the maximum; the pane re-checks and lists it.
  await tab(page, 'Kiểm tra');
  await expect(page.getByText('Không có phát hiện nào cần xử lý.')).toBeVisibleSoon();
  await page.evaluate(() => window.__parFake!.edit('Tổng hợp', 'D10', 5));
  await expect(page.locator('li[data-finding*="Tổng hợp!D10"]')).toBeVisibleSoon();
  expect(await shownFindingKeys(page)).toEqual(engineFindingKeys(await fakeSnapshot(page)));
  await page
    .locator('li[data-finding*="Tổng hợp!D10"]')
    .getByRole('button', { name: /^Đến ô Tổng hợp!D10/ })
    .click();
  await eventually(
    async () => (await dump(page)).selection,
    (selection) => expect(selection).toEqual({ sheet: 'Tổng hợp', address: 'D10' }),
  );
  await page.getByRole('button', { name: 'Xuất danh sách ra trang tính' }).click();
  await expect(page.getByText('Đã ghi danh sách vào trang tính "Kiểm tra".')).toBeVisibleSoon();
  const checkSheet = sheetOf(await dump(page), 'Kiểm tra');
  expect(checkSheet?.cells[0]?.map((c) => c?.v)).toEqual(['Mức độ', 'Trang tính', 'Ô', 'Loại lỗi', 'Nội dung', 'Mã']);
  expect(checkSheet?.cells.slice(1).some((r) => r?.[1]?.v === 'Tổng hợp' && r?.[2]?.v === 'D10')).toBe(true);
  // Back to the original score: nothing to fix again.
  await page.evaluate(() => window.__parFake!.edit('Tổng hợp', 'D10', 1));
  await expect(page.getByText('Không có phát hiện nào cần xử lý.')).toBeVisibleSoon();

  // Tổng hợp & xếp hạng: totals, RANK.EQ formulas and the "Xếp hạng 2025" sheet, as planned.
  await tab(page, 'Tổng hợp & xếp hạng');
  await expect(page.locator('tr[data-unit="Phường Trung Tâm"] td').first()).toHaveTextSoon('1');
  await expect(page.locator('tr[data-unit="Phường An Lạc"] td').first()).toHaveTextSoon('12');
  const before = await fakeSnapshot(page);
  const beforeAnalysis = analyzeWorkbook(before);
  const ranked = beforeAnalysis.results.find((r) => isRanked(r.table))!;
  const planned = planCompute(before, { ...beforeAnalysis, results: [ranked] }, { ties: 'competition', locale: 'vi' }).plan;
  await page.getByRole('button', { name: 'Ghi tổng điểm và xếp hạng' }).click();
  await expect(page.getByText('Đã ghi tổng điểm, công thức xếp hạng và trang tính "Xếp hạng 2025".')).toBeVisibleSoon();
  let d = await dump(page);
  for (const w of planned.cellWrites) expectContent(sheetOf(d, w.sheet), w.address, w.content);
  const rankSheet = sheetOf(d, 'Xếp hạng 2025');
  expect(rankSheet).toBeDefined();
  planned.sheets[0].rows.forEach((row, r) =>
    row.forEach((content, c) => {
      const address = a1(r + 1, c + 1);
      // Links are Excel hyperlinks on a text cell (checked below).
      if (!planned.sheets[0].hyperlinks.some((h) => h.address === address)) expectContent(rankSheet, address, content);
    }),
  );
  expect(cellAt(rankSheet, 'A6')?.f).toBe('RANK.EQ(K6,$K$6:$K$17)');
  expect(cellAt(rankSheet, 'B6')?.v).toBe('Phường Trung Tâm');
  expect(rankSheet?.hyperlinks).toContainEqual(expect.objectContaining({ address: 'B6', documentReference: "'Tổng hợp'!J7" }));
  expect(cellAt(sheetOf(d, 'Tổng hợp'), 'D50')?.f).toBe('RANK.EQ(D49,$D$49:$O$49)');

  // So sánh năm trước: the prior year from a file; the sheet and the highlights; then clear them.
  await tab(page, 'So sánh năm trước');
  await page.getByRole('radio', { name: 'Một tệp Excel khác' }).check();
  await chooseFile(page, () => page.getByRole('button', { name: 'Chọn tệp năm trước…' }).click(), PRIOR);
  await expect(page.locator('li[data-unit="Phường Trung Tâm"]')).toContainTextSoon('tăng 5,454 điểm và tăng 01 bậc so với năm 2024');
  await page.getByRole('button', { name: 'Ghi trang so sánh và tô màu' }).click();
  await expect(page.getByText('Đã ghi trang tính "So sánh 2025-2024" và tô màu các thay đổi.')).toBeVisibleSoon();
  d = await dump(page);
  const cmp = sheetOf(d, 'So sánh 2025-2024');
  expect(cellAt(cmp, 'A1')?.v).toBe('SO SÁNH KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 VỚI NĂM 2024');
  expect(cellAt(cmp, 'A4')?.v).toBe('Nhận xét');
  expect(String(cellAt(cmp, 'A5')?.v)).toMatch(
    /^Phường An Lạc đạt 76,983 điểm, xếp thứ 12 trong tổng số 12 xã, phường; giảm 9,699 điểm và giảm 09 bậc/,
  );
  expect(sheetOf(d, 'Tổng hợp')!.conditionalFormats.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Xóa đánh dấu' }).click();
  await expect(page.getByText('Đã xóa các đánh dấu do PAR Scorecard tạo', { exact: false })).toBeVisibleSoon();
  expect(sheetOf(await dump(page), 'Tổng hợp')!.conditionalFormats).toEqual([]);

  // Nhập điểm: the user selects a score cell in Excel; the card shows its criterion and prior score.
  await tab(page, 'Nhập điểm');
  await page.evaluate(() => window.__parFake!.select('Tổng hợp', 'D10'));
  await expect(page.getByText('Tổng hợp!D10', { exact: true })).toBeVisibleSoon();
  await expect(page.getByText(/^1\.1\.1 /).first()).toBeVisibleSoon();

  // Tổng hợp từ các tệp: three units' self-assessments consolidated into the workbook.
  await tab(page, 'Tổng hợp từ các tệp');
  const units = ['tu-danh-gia-phuong-an-lac-2025.xlsx', 'tu-danh-gia-xa-an-phu-2025.xlsx', 'tu-danh-gia-xa-ea-po-2025.xlsx'].map((f) =>
    path.join(ROOT, 'samples', 'don-vi', f),
  );
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Chọn các tệp…' }).click()]);
  await chooser.setFiles(units);
  await expect(page.getByText(/^Năm 2025: 3 đơn vị được tổng hợp từ 3 tệp/).first()).toBeVisibleSoon();
  const sheetsBefore = (await dump(page)).sheets.length;
  await page.getByRole('button', { name: 'Ghi vào sổ làm việc' }).click();
  await expect(page.getByText(/^Đã ghi các trang tính: /)).toBeVisibleSoon();
  expect((await dump(page)).sheets.length).toBeGreaterThan(sheetsBefore);

  // The prior year and the units' forms were read by the direct reader: ExcelJS never downloaded.
  const scripts = scriptsRequested(pane.requests);
  expect(scripts.some((p) => /xlsx-direct/.test(p))).toBe(true);
  expect(scripts.filter((p) => excelJsChunks().includes(p))).toEqual([]);

  // No error anywhere, nothing but the local server.
  await expect(page.getByRole('alert')).toHaveCountSoon(0);
  pane.assertClean();
});

test('Nhập điểm: "Thêm kiểm tra dữ liệu" writes the rules into Excel (Range.dataValidation)', async () => {
  pane = await site.open('?view=entry', { excel: fakeWorkbook(await snapshotOfFile(CURRENT)) });
  const { page } = pane;
  await page.getByRole('button', { name: 'Thêm kiểm tra dữ liệu cho các ô điểm' }).click();
  const done = page.getByText(/^Đã thêm \d+ quy tắc kiểm tra dữ liệu/);
  await expect(done.or(page.getByRole('alert'))).toBeVisibleSoon();
  expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
  await expect(done).toBeVisibleSoon();
  const rules = sheetOf(await dump(page), 'Tổng hợp')!.dataValidations;
  expect((await done.innerText()).startsWith(`Đã thêm ${rules.length} quy tắc`)).toBe(true);
  expect(rules).toContainEqual({
    range: 'D23:O23',
    type: 'Decimal',
    rule: { decimal: { formula1: '=0', formula2: '=3', operator: 'Between' } },
    prompt: { showPrompt: true, title: 'Điểm tối đa: 3', message: expect.stringContaining('3.2.1') },
    errorAlert: { showAlert: true, style: 'Stop', title: 'Điểm tối đa: 3', message: expect.stringContaining('3.2.1') },
    ignoreBlanks: true,
  });
  pane.assertClean();
});

test('inside Excel, the pane never downloads the file host or the standalone page (views that read no file); no chunk holds ExcelJS', async () => {
  pane = await site.open('?view=check', { excel: fakeWorkbook(await snapshotOfFile(CURRENT)) });
  const { page } = pane;
  await expect(page.getByRole('heading', { name: 'Kết quả kiểm tra' })).toBeVisibleSoon();
  for (const id of ['overview', 'rank', 'entry']) {
    await page.locator(`#tab-${id}`).click();
    await expect(page.locator('[role="tabpanel"] h2').first()).toBeVisibleSoon();
  }
  const scripts = scriptsRequested(pane.requests);
  expect(scripts.filter((p) => /xlsx-reader|standalone/.test(p))).toEqual([]);
  // Nor ExcelJS: no chunk of the build holds it any more (issue #16).
  expect(excelJsChunks()).toEqual([]);
  pane.assertClean();
});

test('at 350 px, consolidating into a workbook that already has "Tổng hợp 2025": the new ranking cites and links "Tổng hợp 2025 (2)" (issue #15, point 1)', async () => {
  // The user's own consolidation of that year, under the name a consolidation would take.
  const book = await snapshotOfFile(CURRENT);
  book.sheets[0].name = 'Tổng hợp 2025';
  pane = await site.open('?view=consolidate', { excel: fakeWorkbook(book) });
  const { page } = pane;
  const units = ['tu-danh-gia-phuong-an-lac-2025.xlsx', 'tu-danh-gia-xa-an-phu-2025.xlsx', 'tu-danh-gia-xa-ea-po-2025.xlsx'].map((f) =>
    path.join(ROOT, 'samples', 'don-vi', f),
  );
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Chọn các tệp…' }).click()]);
  await chooser.setFiles(units);
  await expect(page.getByText(/^Năm 2025: 3 đơn vị được tổng hợp từ 3 tệp/).first()).toBeVisibleSoon();
  await page.getByRole('button', { name: 'Ghi vào sổ làm việc' }).click();
  await expect(page.getByText(/^Đã ghi các trang tính: /)).toBeVisibleSoon();
  const d = await dump(page);
  const names = d.sheets.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(['Tổng hợp 2025', 'Tổng hợp 2025 (2)', 'Xếp hạng 2025 (2)']));
  expect(names).not.toContain('Xếp hạng 2025');
  const ranking = sheetOf(d, 'Xếp hạng 2025 (2)')!;
  const texts = ranking.cells.flat().map((c) => (typeof c?.v === 'string' ? c.v : ''));
  expect(texts.some((t) => t.startsWith('Nguồn: Tổng hợp 2025 (2)!'))).toBe(true);
  expect(ranking.hyperlinks.length).toBeGreaterThanOrEqual(3);
  for (const h of ranking.hyperlinks) expect(h.documentReference).toMatch(/^'Tổng hợp 2025 \(2\)'!/);
  // The user's sheet is untouched.
  expect(cellAt(sheetOf(d, 'Tổng hợp 2025'), 'D10')?.v).toBe(book.sheets[0].cells[9][3]?.v);
  pane.assertClean();
});
