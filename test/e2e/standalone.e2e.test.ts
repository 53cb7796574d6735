/**
 * The pane in a plain browser (no Excel): open tong-hop-xa-2025.xlsx, check it, rank, compare
 * with tong-hop-xa-2024.xlsx, download, and read the downloaded workbook back cell by cell.
 * Every request must go to the local server; the page must log no error (CSP violations included).
 */
import { readFileSync } from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import { analyzeWorkbook } from '../../src/core/engine';
import { SAMPLE_CURRENT, SAMPLE_PRIOR } from '../../src/taskpane/standalone/samples';
import { ROOT, CURRENT, PRIOR, chooseFile, excelJsChunks, usePaneSite } from './harness';
import {
  cellOf,
  engineFindingKeys,
  expectedRemarks,
  expectedResultBytes,
  fakeWorkbook,
  pictureOf,
  snapshotOfFile,
  type WorkbookPicture,
} from './workbooks';

const site = usePaneSite();

/** The keys of the findings the "Kiểm tra" list shows, sorted. */
async function shownFindingKeys(page: Page): Promise<string[]> {
  const keys = await page.locator('li[data-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding') ?? ''));
  return keys.sort();
}

async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

async function download(page: Page, dir: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Tải xuống sổ làm việc kết quả/ }).click(),
  ]);
  const target = `${dir}/${dl.suggestedFilename()}`;
  await dl.saveAs(target);
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(readFileSync(target)) };
}

test('open a file, check, rank, compare with the prior year, download: the workbook holds the results', async () => {
  const pane = await site.open('', { width: 1280, height: 900 });
  const { page } = pane;

  // Not inside Office: the standalone start page, before anything else loads.
  await expect(page.getByTestId('standalone-start')).toBeVisibleSoon();
  // The .xlsx adapter is the package path: no chunk of the build holds ExcelJS (issue #16). It is
  // loaded after the start page shows, while the official picks a file (StandaloneApp).
  expect(excelJsChunks()).toEqual([]);

  await chooseFile(page, () => page.getByRole('button', { name: 'Mở tệp Excel…' }).click(), CURRENT);
  await expect(page.getByTestId('file-name')).toHaveTextSoon('tong-hop-xa-2025.xlsx');

  // Kiểm tra: the findings shown are the engine's.
  await expect(page.getByRole('heading', { name: 'Kết quả kiểm tra' })).toBeVisibleSoon();
  const snapshot = await snapshotOfFile(CURRENT);
  const engine = analyzeWorkbook(snapshot);
  expect(await shownFindingKeys(page)).toEqual(engineFindingKeys(snapshot));
  const errors = engine.findings.filter((f) => f.severity === 'error').length;
  await expect(page.getByText(`${errors} lỗi`, { exact: true }).first()).toBeVisibleSoon();
  if (engine.findings.length === 0) await expect(page.getByText('Không có phát hiện nào cần xử lý.')).toBeVisibleSoon();

  // The preview shows the detected table.
  const preview = page.getByTestId('sheet-preview');
  await expect(preview.locator('td[data-cell="D7"]')).toHaveTextSoon('Phường An Lạc');

  // Tổng quan: "Đến bảng" outlines the table's first cell in the preview.
  await tab(page, 'Tổng quan');
  await expect(page.getByRole('heading', { name: 'Các bảng tìm thấy' })).toBeVisibleSoon();
  const table = engine.tables[0];
  await page
    .getByRole('button', { name: /^Đến bảng / })
    .first()
    .click();
  await expect(preview.locator(`td[data-cell="${table.range.split(':')[0]}"]`)).toHaveAttributeSoon('data-selected', 'true');

  // Tổng hợp & xếp hạng.
  await tab(page, 'Tổng hợp & xếp hạng');
  await expect(page.locator('tr[data-unit="Phường Trung Tâm"] td').first()).toHaveTextSoon('1');
  await page.getByRole('button', { name: 'Ghi tổng điểm và xếp hạng' }).click();
  await expect(page.getByText('Đã ghi tổng điểm, công thức xếp hạng và trang tính "Xếp hạng 2025".')).toBeVisibleSoon();

  // So sánh năm trước, with the prior year from a file.
  await tab(page, 'So sánh năm trước');
  await page.getByRole('radio', { name: 'Một tệp Excel khác' }).check();
  await chooseFile(page, () => page.getByRole('button', { name: 'Chọn tệp năm trước…' }).click(), PRIOR);
  await expect(page.getByText('Đã đọc tệp "tong-hop-xa-2024.xlsx".')).toBeVisibleSoon();
  await expect(page.locator('li[data-unit="Phường An Lạc"]')).toContainTextSoon('xếp thứ 12 trong tổng số 12');
  await page.getByRole('button', { name: 'Ghi trang so sánh và tô màu' }).click();
  await expect(page.getByText('Đã ghi trang tính "So sánh 2025-2024" và tô màu các thay đổi.')).toBeVisibleSoon();

  // Nhập điểm: a click on a score cell in the preview shows its criterion.
  await tab(page, 'Nhập điểm');
  await preview.getByRole('combobox').click();
  await page.getByRole('option', { name: 'Tổng hợp', exact: true }).click();
  await preview.locator('td[data-cell="D10"]').click();
  await expect(page.getByText('Tổng hợp!D10', { exact: true }).first()).toBeVisibleSoon();
  await expect(page.getByText(/1\.1\.1/).first()).toBeVisibleSoon();

  // Tải xuống: <original>-ket-qua.xlsx, every cell as the engine writes it.
  const dl = await download(page, site.downloads);
  expect(dl.name).toBe('tong-hop-xa-2025-ket-qua.xlsx');
  const got = await pictureOf(dl.bytes);
  const want = await pictureOf(await expectedResultBytes(CURRENT, PRIOR));
  // (last year's scores for the live decline highlights, hidden: see compare/plan.ts)
  expect(Object.keys(got)).toEqual(['Tổng hợp', 'Xếp hạng 2025', 'PAR_Scorecard_State', 'So sánh 2025-2024', 'Điểm 2024 - Tổng hợp']);
  for (const sheet of Object.keys(want)) expect([sheet, got[sheet]]).toEqual([sheet, want[sheet]]);
  assertKnownCells(got);

  pane.assertClean();
  await pane.close();
});

/** Spot checks written out by hand (independent of the planners). */
function assertKnownCells(got: WorkbookPicture): void {
  const rank = 'Xếp hạng 2025';
  expect(cellOf(got, rank, 'A4')?.value).toBe('Xếp hạng');
  expect(cellOf(got, rank, 'B4')?.value).toBe('Đơn vị');
  expect(cellOf(got, rank, 'K4')?.value).toBe('Tổng điểm');
  expect(cellOf(got, rank, 'A6')).toEqual({ value: 1, formula: '_xlfn.RANK.EQ(K6,$K$6:$K$17)' });
  expect(cellOf(got, rank, 'B6')).toEqual({ value: 'Phường Trung Tâm', formula: `HYPERLINK("#'Tổng hợp'!J7","Phường Trung Tâm")` });
  expect(cellOf(got, rank, 'K6')?.value).toBe(92.975);
  expect(cellOf(got, rank, 'A7')?.formula).toBe('_xlfn.RANK.EQ(K7,$K$6:$K$17)');
  expect(cellOf(got, rank, 'B7')?.value).toBe('Phường Tân Lập');
  expect(cellOf(got, 'Tổng hợp', 'D50')).toEqual({ value: 12, formula: '_xlfn.RANK.EQ(D49,$D$49:$O$49)' });
  expect(cellOf(got, 'Tổng hợp', 'D49')?.formula).toMatch(/^ROUND\(SUM\(/);
  expect(got['PAR_Scorecard_State'].state).toBe('veryHidden');
  const cmp = 'So sánh 2025-2024';
  expect(cellOf(got, cmp, 'A1')?.value).toBe('SO SÁNH KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 VỚI NĂM 2024');
  expect(cellOf(got, cmp, 'A4')?.value).toBe('Nhận xét');
  expect(String(cellOf(got, cmp, 'A5')?.value)).toMatch(
    /^Phường An Lạc đạt 76,983 điểm, xếp thứ 12 trong tổng số 12 xã, phường; giảm 9,699 điểm và giảm 09 bậc so với năm 2024/,
  );
}

test('"Dùng tệp mẫu": the sample and its prior year come from the same origin; compare works at once', async () => {
  const pane = await site.open('?view=compare', { width: 1280 });
  const { page } = pane;
  await page.getByRole('button', { name: 'Dùng tệp mẫu' }).click();
  await expect(page.getByTestId('file-name')).toHaveTextSoon('tong-hop-xa-2025.xlsx');
  await expect(page.getByText('Số liệu năm trước: tệp mẫu "tong-hop-xa-2024.xlsx"', { exact: false })).toBeVisibleSoon();
  // The remarks are the engine's on the same two sample files.
  const remarks = await expectedRemarks(path.join(ROOT, 'samples', SAMPLE_CURRENT), path.join(ROOT, 'samples', SAMPLE_PRIOR));
  expect(remarks.size).toBeGreaterThan(0);
  for (const [unit, remark] of remarks) await expect(page.locator(`li[data-unit="${unit}"]`)).toContainTextSoon(remark);
  expect(pane.requests.filter((u) => u.includes('/samples/')).map((u) => new URL(u).pathname)).toEqual([
    '/samples/tong-hop-xa-2025.xlsx',
    '/samples/tong-hop-xa-2024.xlsx',
  ]);
  pane.assertClean();
  await pane.close();
});

test('office.js absent (not served): the standalone page still opens', async () => {
  const pane = await site.open('', { withoutOfficeJs: true });
  await expect(pane.page.getByTestId('standalone-start')).toBeVisibleSoon();
  await expect(pane.page.getByRole('button', { name: 'Dùng tệp mẫu' })).toBeVisibleSoon();
  pane.assertClean({ allowErrors: [/Failed to load resource: the server responded with a status of 404/] });
  await pane.close();
});

test('inside Office, ?standalone still opens the file page', async () => {
  const snapshot = await snapshotOfFile(CURRENT);
  const pane = await site.open('?standalone', { excel: fakeWorkbook(snapshot) });
  await expect(pane.page.getByTestId('standalone-start')).toBeVisibleSoon();
  pane.assertClean();
  await pane.close();
});
