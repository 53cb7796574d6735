/**
 * The pane at Excel's narrowest width (350 px) in Chromium, on the standalone page (issue #15):
 * a finding clicked in the pane brings its cell on screen in the sheet preview below the pane;
 * unit names in the ranking preview keep their room; the copy buttons' label stays on one line.
 */
import type { Locator } from 'playwright-core';
import { PANE_WIDTH, chooseFile, fixturePath, usePaneSite } from './harness';
import { eventually } from './matchers';

const site = usePaneSite();

/** How many lines the text of each element takes (the line boxes of its text: a row's height says nothing). */
function linesOf(locator: Locator): Promise<number[]> {
  return locator.evaluateAll((els) =>
    els.map((el) => {
      const tops = new Set<number>();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
      }
      return tops.size;
    }),
  );
}

test('350 px: a click on a finding scrolls the page to its cell in the sheet preview, outlined', async () => {
  const pane = await site.open('', { width: PANE_WIDTH, height: 700 });
  const { page } = pane;
  await chooseFile(page, () => page.getByRole('button', { name: 'Mở tệp Excel…' }).click(), fixturePath('loi-vuot-diem-toi-da.xlsx'));
  await expect(page.getByRole('heading', { name: 'Kết quả kiểm tra' })).toBeVisibleSoon();
  const preview = page.getByTestId('sheet-preview');
  // The preview is below the pane at this width, off screen.
  const below = await preview.evaluate((el) => el.getBoundingClientRect().top > window.innerHeight);
  expect(below).toBe(true);

  await page
    .locator('li[data-finding*="Tổng hợp!D23"]')
    .getByRole('button', { name: /^Đến ô Tổng hợp!D23/ })
    .first()
    .click();
  const cell = preview.locator('td[data-cell="D23"]');
  await expect(cell).toHaveAttributeSoon('data-selected', 'true');
  // On screen: inside the window, and inside the preview's own scrolling box below its column letters.
  await eventually(
    () =>
      cell.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const box = el.closest('[role="region"]')!.getBoundingClientRect();
        const head = el.closest('table')!.querySelector('thead')!.getBoundingClientRect().height;
        return { top: r.top, bottom: r.bottom, height: window.innerHeight, boxTop: box.top + head, boxBottom: box.bottom };
      }),
    (v) => {
      expect(v.top).toBeGreaterThanOrEqual(0);
      expect(v.bottom).toBeLessThanOrEqual(v.height);
      expect(v.top).toBeGreaterThanOrEqual(v.boxTop - 1);
      expect(v.bottom).toBeLessThanOrEqual(v.boxBottom + 1);
    },
  );
  // A click in the preview itself does not move the page.
  const before = await page.evaluate(() => window.scrollY);
  await preview.locator('td[data-cell="C23"]').click();
  await expect(preview.locator('td[data-cell="C23"]')).toHaveAttributeSoon('data-selected', 'true');
  expect(await page.evaluate(() => window.scrollY)).toBe(before);
  pane.assertClean();
  await pane.close();
});

for (const width of [320, PANE_WIDTH]) {
  test(`${width} px: unit names in the ranking preview take at most two lines, most one; no horizontal scrolling`, async () => {
    const pane = await site.open('?view=rank', { width, height: 800 });
    const { page } = pane;
    await page.getByRole('button', { name: 'Dùng tệp mẫu' }).click();
    await expect(page.locator('tr[data-unit="Phường An Lạc"]')).toBeVisibleSoon();
    const lines = await linesOf(page.locator('tr[data-unit] td:nth-child(2)'));
    expect(lines).toHaveLength(12);
    expect(Math.max(...lines)).toBeLessThanOrEqual(2);
    expect(lines.filter((n) => n === 1).length).toBeGreaterThanOrEqual(10);
    // The figures never wrap.
    for (const col of [1, 3, 4]) expect(Math.max(...(await linesOf(page.locator(`tr[data-unit] td:nth-child(${col})`))))).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    pane.assertClean();
    await pane.close();
  });
}

for (const width of [PANE_WIDTH, 1280]) {
  test(`${width} px: "Sao chép" stays on one line on every remark card`, async () => {
    const pane = await site.open('?view=compare', { width, height: 900 });
    const { page } = pane;
    await page.getByRole('button', { name: 'Dùng tệp mẫu' }).click();
    const buttons = page.getByRole('button', { name: /^Sao chép nhận xét về / });
    await expect(buttons.first()).toBeVisibleSoon();
    expect(await buttons.count()).toBe(12);
    const lines = await linesOf(buttons);
    expect(lines.every((n) => n === 1)).toBe(true);
    pane.assertClean();
    await pane.close();
  });
}
