/**
 * Bad files in the standalone page: each loi-*.xlsx shows its findings (the engine's, with the
 * cell the fixtures name marked in the preview), a file that is not a workbook gets a clear
 * message, hostile cell text is shown as text, and nothing breaks afterwards.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';
import { chooseFile, fixturePath, usePaneSite, type Pane } from './harness';
import { engineFindingKeys, pictureOf, snapshotOfFile } from './workbooks';
import { expectedSampleDefects } from '../support/shared';

const site = usePaneSite();
let pane: Pane;

afterEach(async () => {
  await pane?.close();
});

// What each generated defect sample must report (samples/manifest.json).
const expected = expectedSampleDefects();
const BAD = Object.keys(expected).sort();

const openButton = (page: Page) => page.getByRole('button', { name: /^(Mở tệp Excel…|Mở tệp khác…)$/ });

async function shownFindingKeys(page: Page): Promise<string[]> {
  return (await page.locator('li[data-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding') ?? ''))).sort();
}

test('every loi-*.xlsx shows the engine’s findings; the expected cell is reported and outlined in the preview', async () => {
  expect(BAD.length).toBeGreaterThanOrEqual(6);
  pane = await site.open('', { width: 1280 });
  const { page } = pane;
  for (const name of BAD) {
    await chooseFile(page, () => openButton(page).click(), fixturePath(name));
    await expect(page.getByTestId('file-name')).toHaveTextSoon(name);
    await expect(page.getByRole('heading', { name: 'Kết quả kiểm tra' })).toBeVisibleSoon();
    const want = engineFindingKeys(await snapshotOfFile(fixturePath(name)));
    if (want.length > 0) await expect(page.locator('li[data-finding]')).toHaveCountSoon(want.length);
    else await expect(page.getByText('Không có phát hiện nào cần xử lý.')).toBeVisibleSoon();
    expect([name, await shownFindingKeys(page)]).toEqual([name, want]);

    for (const e of expected[name].filter((x) => x.cell)) {
      const item = page.locator(`li[data-finding$="|${e.sheet}!${e.cell}"]`).first();
      await expect(item).toBeVisibleSoon();
      await item.getByRole('button', { name: new RegExp(`^Đến ô ${e.sheet}!${e.cell}`) }).click();
      const td = page.getByTestId('sheet-preview').locator(`td[data-cell="${e.cell}"]`);
      await expect(td).toHaveAttributeSoon('data-selected', 'true');
      const severity = await td.getAttribute('data-severity');
      expect([name, severity && e.severity?.includes(severity)]).toEqual([name, true]);
      await expect(page.getByTestId('preview-selection')).toHaveTextSoon(`Ô đang chọn: ${e.sheet}!${e.cell}`);
    }
  }
  pane.assertClean();
});

test('a unit named like a formula stays text: in the preview, and in the downloaded ranking', async () => {
  pane = await site.open('?view=rank', { width: 1280 });
  const { page } = pane;
  await chooseFile(page, () => openButton(page).click(), fixturePath('loi-ten-don-vi-cong-thuc.xlsx'));
  await expect(page.getByTestId('sheet-preview').locator('td[data-cell="E7"]')).toHaveTextSoon('=1+1');
  await expect(page.locator('tr[data-unit="=1+1"]')).toBeVisibleSoon();
  await page.getByRole('button', { name: 'Ghi tổng điểm và xếp hạng' }).click();
  await expect(page.getByText(/^Đã ghi tổng điểm/)).toBeVisibleSoon();
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Tải xuống sổ làm việc kết quả/ }).click(),
  ]);
  expect(dl.suggestedFilename()).toBe('loi-ten-don-vi-cong-thuc-ket-qua.xlsx');
  const file = `${site.downloads}/${dl.suggestedFilename()}`;
  await dl.saveAs(file);
  const picture = await pictureOf(new Uint8Array(readFileSync(file)));
  const unitCells = Object.entries(picture['Xếp hạng 2025'].cells).filter(([, c]) => c.value === '=1+1');
  expect(unitCells.length).toBe(1);
  expect(unitCells[0][1].formula).toBeUndefined();
  expect(picture['Tổng hợp'].cells.E7).toEqual({ value: '=1+1' });
  pane.assertClean();
});

test('not a workbook, a cut-off workbook: a clear message, on the start page and over an open file; nothing breaks', async () => {
  pane = await site.open('', { width: 1280 });
  const { page } = pane;
  const text = { name: 'bao-cao.xlsx', buffer: Buffer.from('Xin chào, đây không phải là tệp Excel.\n', 'utf8') };
  await chooseFile(page, () => openButton(page).click(), text);
  const alert = page.getByRole('alert');
  await expect(alert).toContainTextSoon('Không mở được tệp.');
  await expect(alert).toContainTextSoon('Tệp "bao-cao.xlsx" không phải là sổ làm việc Excel (.xlsx).');
  await expect(page.getByTestId('standalone-start')).toBeVisibleSoon();

  // A good file still opens.
  await chooseFile(page, () => openButton(page).click(), fixturePath('tong-hop-xa-2025.xlsx'));
  await expect(page.getByTestId('file-name')).toHaveTextSoon('tong-hop-xa-2025.xlsx');
  await expect(page.getByRole('alert')).toHaveCountSoon(0);

  // A cut-off copy over the open file: a message, and the open file stays open and usable.
  const whole = readFileSync(fixturePath('tong-hop-xa-2024.xlsx'));
  await chooseFile(page, () => openButton(page).click(), {
    name: 'tong-hop-xa-2024.xlsx',
    buffer: whole.subarray(0, Math.floor(whole.length / 2)),
  });
  await expect(page.getByRole('alert')).toContainTextSoon('Tệp "tong-hop-xa-2024.xlsx"');
  await expect(page.getByTestId('file-name')).toHaveTextSoon('tong-hop-xa-2025.xlsx');
  await page.getByRole('tab', { name: 'Tổng hợp & xếp hạng' }).click();
  await expect(page.locator('tr[data-unit="Phường Trung Tâm"] td').first()).toHaveTextSoon('1');
  await page.getByRole('button', { name: 'Đóng thông báo' }).first().click();
  await expect(page.getByRole('alert')).toHaveCountSoon(0);
  pane.assertClean();
});

test('cell text that looks like HTML is shown as text, never run', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('<b>Trang<b>');
  ws.getCell('A1').value = '<img src=x onerror="window.__pwned=1">';
  ws.getCell('B2').value = '<script>window.__pwned=2</script>';
  ws.getCell('C3').value = 42.5;
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  pane = await site.open('', { width: 1280 });
  const { page } = pane;
  await chooseFile(page, () => openButton(page).click(), { name: 'html.xlsx', buffer });
  const preview = page.getByTestId('sheet-preview');
  await expect(preview.locator('td[data-cell="A1"]')).toHaveTextSoon('<img src=x onerror="window.__pwned=1">');
  await expect(preview.locator('td[data-cell="B2"]')).toHaveTextSoon('<script>window.__pwned=2</script>');
  await expect(preview.locator('td[data-cell="C3"]')).toHaveTextSoon('42,5');
  await expect(preview).toContainTextSoon('<b>Trang<b>');
  expect(await preview.locator('img, script, b').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // No table in it: the pane says so.
  await expect(page.getByText(/^Không tìm thấy bảng chấm điểm nào/)).toBeVisibleSoon();
  pane.assertClean();
});

test('at the pane’s width, choosing a finding shows its cell in the preview and brings it on screen', async () => {
  pane = await site.open('?view=check');
  const { page } = pane;
  await chooseFile(page, () => openButton(page).click(), fixturePath('loi-div0.xlsx'));
  const item = page.locator('li[data-finding$="|Tổng hợp!K37"]');
  await expect(item).toBeVisibleSoon();
  await item.getByRole('button', { name: /^Đến ô Tổng hợp!K37/ }).click();
  const td = page.getByTestId('sheet-preview').locator('td[data-cell="K37"]');
  await expect(td).toHaveAttributeSoon('data-selected', 'true');
  // At 350 px the preview is below the pane: the page scrolls to the cell (issue #15, point 6).
  const onScreen = await td.evaluate((cell) => {
    const r = cell.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  expect(onScreen).toBe(true);
  // The cell is inside the preview's visible area.
  const inside = await td.evaluate((cell) => {
    const box = cell.closest('[role="region"]')!.getBoundingClientRect();
    const r = cell.getBoundingClientRect();
    return r.left >= box.left && r.right <= box.right + 1 && r.top >= box.top && r.bottom <= box.bottom + 1;
  });
  expect(inside).toBe(true);
  pane.assertClean();
});
