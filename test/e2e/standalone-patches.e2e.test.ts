/**
 * The standalone page's state saves and highlight removal in Chromium (issue #16: patches on the
 * package, CompressionStream and DecompressionStream as the codec, no ExcelJS): what the
 * downloaded workbook holds after "Bỏ qua" on a finding and after "Xóa đánh dấu".
 */
import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';
import { readState } from '../../src/core/state';
import { readWorkbookBytes } from '../../src/hosts/xlsx/bytes';
import { readXlsxPackage } from '../../src/hosts/xlsx/ooxml/package';
import { readWorkbookParts } from '../../src/hosts/xlsx/ooxml/workbook';
import { DOWNLOAD_REPEAT_MS } from '../../src/taskpane/standalone/StandaloneApp';
import { chooseFile, fixturePath, usePaneSite } from './harness';

const site = usePaneSite();

async function download(page: Page, dir: string): Promise<Uint8Array> {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Tải xuống sổ làm việc kết quả/ }).click(),
  ]);
  const target = `${dir}/${dl.suggestedFilename()}`;
  await dl.saveAs(target);
  return new Uint8Array(readFileSync(target));
}

/** The XML of the worksheet part of a sheet, by its name. */
async function sheetXml(bytes: Uint8Array, sheet: string): Promise<string> {
  const pkg = (await readXlsxPackage(bytes, 'x.xlsx'))!;
  return pkg.text(readWorkbookParts(pkg).sheets.find((s) => s.name === sheet)!.part!)!;
}

test('"Bỏ qua" on a finding: the downloaded workbook records it in its state sheet, the user\'s sheet unchanged', async () => {
  const pane = await site.open('?standalone');
  const { page } = pane;
  const file = fixturePath('loi-vuot-diem-toi-da.xlsx');
  await chooseFile(page, () => page.getByRole('button', { name: 'Mở tệp Excel…' }).click(), file);
  await expect(page.getByRole('heading', { name: 'Kết quả kiểm tra' })).toBeVisibleSoon();
  const key = (await page.locator('li[data-finding]').first().getAttribute('data-finding'))!;
  const finding = page.locator(`li[data-finding="${key}"]`);
  await finding.getByRole('button', { name: /^Bỏ qua phát hiện tại / }).click();
  // Ignored findings leave the list; the file bar says the workbook now holds something to download.
  await expect(finding).toHaveCountSoon(0);
  await expect(page.getByText('đã ghi kết quả', { exact: true })).toBeVisibleSoon();

  const bytes = await download(page, site.downloads);
  expect(readState(await readWorkbookBytes(bytes, 'out.xlsx')).ignoredFindings).toContain(key);
  const original = new Uint8Array(readFileSync(file));
  const sheet = (await readWorkbookBytes(original, 'in.xlsx')).sheets[0].name;
  expect(await sheetXml(bytes, sheet)).toBe(await sheetXml(original, sheet));
  pane.assertClean();
  await pane.close();
});

test('"Xóa đánh dấu" after the comparison: the downloaded sheet has no highlight of ours, the comparison sheet stays', async () => {
  const pane = await site.open('?standalone&view=compare');
  const { page } = pane;
  await page.getByRole('button', { name: 'Dùng tệp mẫu' }).click();
  await expect(page.getByTestId('file-name')).toHaveTextSoon('tong-hop-xa-2025.xlsx');
  await page.getByRole('button', { name: 'Ghi trang so sánh và tô màu' }).click();
  await expect(page.getByText('Đã ghi trang tính "So sánh 2025-2024" và tô màu các thay đổi.')).toBeVisibleSoon();
  const written = await download(page, site.downloads);
  expect(await sheetXml(written, 'Tổng hợp')).toContain('<conditionalFormatting');

  await page.getByRole('button', { name: 'Xóa đánh dấu' }).click();
  await expect(page.getByText('Đã xóa các đánh dấu do PAR Scorecard tạo; định dạng của bạn được giữ nguyên.')).toBeVisibleSoon();
  // A second click on "Tải xuống" this soon would be taken for a double click.
  await page.waitForTimeout(DOWNLOAD_REPEAT_MS + 100);
  const cleared = await download(page, site.downloads);
  expect(await sheetXml(cleared, 'Tổng hợp')).not.toContain('<conditionalFormatting');
  const after = await readWorkbookBytes(cleared, 'out.xlsx');
  expect(readState(after).ownedConditionalFormats).toEqual([]);
  expect(after.sheets.map((s) => s.name)).toContain('So sánh 2025-2024');
  pane.assertClean();
  await pane.close();
});
