/**
 * The official's workflow on the standalone page without traps (issue #15, points 3, 5 and 13),
 * in Chromium at the pane's width (350 px):
 * - the page loads no office.js and asks nothing of another origin: with all of that hanging, the
 *   start page still comes up (how fast is a budget in `npm run bench`); it ships an icon;
 * - results written and not downloaded are never dropped without a question: "Dùng tệp mẫu" and
 *   "Mở tệp khác…" ask first, closing or reloading the tab asks (beforeunload);
 * - focus lands on the opened file's name, not <body>; the preview is a keyboard grid; a double
 *   click on "Tải xuống" downloads once; the tool's highlights show in the preview.
 */
import type { Page } from 'playwright-core';
import { HIGHLIGHT_COLORS } from '../../src/hosts/palette';
import { CURRENT, chooseFile, usePaneSite } from './harness';

const site = usePaneSite();

async function openSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Dùng tệp mẫu' }).click();
  await expect(page.getByTestId('file-name')).toHaveTextSoon('tong-hop-xa-2025.xlsx');
}

/** "Tổng hợp & xếp hạng" → "Ghi tổng điểm và xếp hạng": results written into the workbook in the page. */
async function writeRanks(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Tổng hợp & xếp hạng' }).click();
  await page.getByRole('button', { name: 'Ghi tổng điểm và xếp hạng' }).click();
  await expect(page.getByText('Đã ghi tổng điểm, công thức xếp hạng và trang tính "Xếp hạng 2025".')).toBeVisibleSoon();
  await expect(page.getByText('đã ghi kết quả', { exact: true })).toBeVisibleSoon();
}

/** Close the tab as the user would; the type of the question the browser asked, if any (then dismissed: the tab stays). */
async function tryToClose(page: Page): Promise<string | null> {
  let asked: string | null = null;
  const answered = new Promise<void>((resolve) => {
    page.once('dialog', (dialog) => {
      asked = dialog.type();
      void dialog.dismiss().then(resolve);
    });
  });
  await page.close({ runBeforeUnload: true });
  await Promise.race([answered, page.waitForEvent('close').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
  return asked;
}

describe('point 5: no office.js, nothing from another origin', () => {
  test('?standalone with every outside request (and office.js) hanging: the start page still comes up, no office.js requested', async () => {
    // Outside requests never answer here, so a page that waited on any of them would never show its
    // button. How fast it shows (≤ 1 s) is a felt budget, measured in `npm run bench`, not timed here.
    const pane = await site.open('?standalone', { hangOutside: true });
    const { page } = pane;
    await page.getByRole('button', { name: 'Mở tệp Excel…' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Not even asked for: office.js is not referenced by the standalone page at all.
    expect(pane.requests.filter((u) => /office-js|office\.js/.test(u))).toEqual([]);
    // It works, too: the sample opens from the page's own origin.
    await openSample(page);
    pane.assertClean();
    await pane.close();
  });

  test('the page declares its icon and the server has it (no 404 for favicon.ico)', async () => {
    const pane = await site.open('?standalone');
    const href = await pane.page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? null);
    expect(href).not.toBeNull();
    const response = await pane.page.request.get(href!);
    expect([response.status(), response.headers()['content-type']]).toEqual([200, 'image/png']);
    pane.assertClean();
    await pane.close();
  });
});

describe('point 3: unsaved results are never dropped without a question', () => {
  test('"Dùng tệp mẫu", "Mở tệp khác…" and closing the tab ask while results are not downloaded', async () => {
    const pane = await site.open('?standalone');
    const { page } = pane;
    await openSample(page);
    // Nothing written yet: nothing to lose, no question.
    expect(
      await page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const event = new Event('beforeunload', { cancelable: true });
            window.dispatchEvent(event);
            resolve(event.defaultPrevented);
          }),
      ),
    ).toBe(false);
    await writeRanks(page);

    // "Dùng tệp mẫu" asks; "Hủy" keeps the results.
    await page.getByRole('button', { name: 'Dùng tệp mẫu' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Kết quả chưa được tải xuống' });
    await expect(dialog).toBeVisibleSoon();
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await expect(page.getByText('đã ghi kết quả', { exact: true })).toBeVisibleSoon();
    expect(pane.requests.filter((u) => u.endsWith('/samples/tong-hop-xa-2025.xlsx'))).toHaveLength(1);

    // Closing the tab asks (and the tab stays when the user says no).
    expect(await tryToClose(page)).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);

    // "Mở tệp khác…" asks; discarding opens the picker and the new file.
    await page.getByRole('button', { name: 'Mở tệp khác…' }).click();
    await expect(dialog).toBeVisibleSoon();
    await chooseFile(page, () => dialog.getByRole('button', { name: 'Bỏ kết quả và mở tệp' }).click(), CURRENT);
    await expect(page.getByText('đã ghi kết quả', { exact: true })).toHaveCountSoon(0);
    // Nothing written in this one: the tab closes without a question.
    expect(await tryToClose(page)).toBeNull();
    expect(page.isClosed()).toBe(true);
  });

  test('once downloaded (from the question itself), nothing is asked any more', async () => {
    const pane = await site.open('?standalone');
    const { page } = pane;
    await openSample(page);
    await writeRanks(page);
    await page.getByRole('button', { name: 'Dùng tệp mẫu' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Kết quả chưa được tải xuống' });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tải xuống' }).click()]);
    expect(download.suggestedFilename()).toBe('tong-hop-xa-2025-ket-qua.xlsx');
    await expect(dialog).toHaveCountSoon(0);
    await page.getByRole('button', { name: 'Dùng tệp mẫu' }).click();
    await expect(page.getByText('đã ghi kết quả', { exact: true })).toHaveCountSoon(0);
    await expect(page.getByRole('alertdialog')).toHaveCountSoon(0);
    expect(await tryToClose(page)).toBeNull();
  });
});

describe('point 13: focus, keyboard, one download, highlights', () => {
  test('after a file opens, focus is on its name, not <body>', async () => {
    const pane = await site.open('?standalone');
    const { page } = pane;
    await page.getByRole('button', { name: 'Dùng tệp mẫu' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('file-name')).toHaveTextSoon('tong-hop-xa-2025.xlsx');
    await expect(page.getByTestId('file-name')).toBeFocusedSoon();
    pane.assertClean();
    await pane.close();
  });

  test('the preview cells are reached with Tab and moved through with the arrow keys', async () => {
    const pane = await site.open('?standalone');
    const { page } = pane;
    await openSample(page);
    const preview = page.getByTestId('sheet-preview');
    await expect(preview.locator('td[data-cell="D7"]')).toHaveTextSoon('Phường An Lạc');
    // Tab from the file name reaches one cell of the grid (one tab stop, not one per cell).
    let reached: string | null = null;
    for (let i = 0; i < 120 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() =>
        document.activeElement?.closest('[role="grid"]') ? document.activeElement.getAttribute('data-cell') : null,
      );
    }
    expect(reached).toBe('A1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect(preview.getByTestId('preview-selection')).toHaveTextSoon('Ô đang chọn: Tổng hợp!B2');
    await expect(preview.locator('td[data-cell="B2"]')).toBeFocusedSoon();
    await expect(preview.locator('td[data-cell="B2"]')).toHaveAttributeSoon('data-selected', 'true');
    await page.keyboard.press('End');
    await expect(preview.getByTestId('preview-selection')).toHaveTextSoon(/^Ô đang chọn: Tổng hợp!([A-Z]+)2$/);
    expect(await preview.locator('td[tabindex="0"]').count()).toBe(1);
    pane.assertClean();
    await pane.close();
  });

  test('a double click on "Tải xuống" downloads once', async () => {
    const pane = await site.open('?standalone');
    const { page } = pane;
    await openSample(page);
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole('button', { name: /^Tải xuống sổ làm việc kết quả/ }).dblclick();
    await page.waitForTimeout(2000);
    expect(downloads).toEqual(['tong-hop-xa-2025-ket-qua.xlsx']);
    pane.assertClean();
    await pane.close();
  });

  test('the highlights written ("tô màu") show in the preview, in Excel\'s colours', async () => {
    const pane = await site.open('?standalone&view=compare');
    const { page } = pane;
    await openSample(page);
    const preview = page.getByTestId('sheet-preview');
    await expect(preview.locator('td[data-cell="D7"]')).toHaveTextSoon('Phường An Lạc');
    expect(await preview.locator('td[data-highlight]').count()).toBe(0);
    await page.getByRole('button', { name: 'Ghi trang so sánh và tô màu' }).click();
    await expect(page.getByText('Đã ghi trang tính "So sánh 2025-2024" và tô màu các thay đổi.')).toBeVisibleSoon();
    const marked = preview.locator('td[data-highlight]');
    await expect(marked.first()).toBeVisibleSoon();
    const cells = await marked.evaluateAll((els) =>
      els.map((e) => ({
        style: e.getAttribute('data-highlight') ?? '',
        text: e.textContent ?? '',
        background: getComputedStyle(e).backgroundColor,
      })),
    );
    // Every highlighted cell of the table holds a score and wears its style's fill.
    for (const cell of cells) {
      expect(cell.text).toMatch(/^-?\d+(,\d+)?$/);
      const fill = HIGHLIGHT_COLORS[cell.style as keyof typeof HIGHLIGHT_COLORS].fill.slice(-6);
      const rgb = `rgb(${parseInt(fill.slice(0, 2), 16)}, ${parseInt(fill.slice(2, 4), 16)}, ${parseInt(fill.slice(4, 6), 16)})`;
      expect([cell.style, cell.background]).toEqual([cell.style, rgb]);
    }
    expect(new Set(cells.map((c) => c.style)).has('shortfall')).toBe(true);
    pane.assertClean();
    await pane.close();
  });
});
