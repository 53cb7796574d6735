/**
 * Screenshots of every view at a task-pane width of 350 px, in Vietnamese and English, written to
 * docs/screenshots/ (PNG): inside "Excel" (the fake, light and dark Office themes) and the
 * standalone page. Each one also checks that nothing overflows the pane's width and that the
 * text uses a font with the Vietnamese glyphs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import type { ViewId } from '../../src/taskpane/views/registry';
import { ROOT, PANE_WIDTH, chooseFile, fixturePath, usePaneSite, type PaneOptions } from './harness';
import { fakeWorkbook, snapshotOfFile } from './workbooks';

/** docs/screenshots/ (committed); E2E_SCREENSHOTS_DIR writes elsewhere (CI artefacts, comparisons). */
const OUT = path.resolve(process.env.E2E_SCREENSHOTS_DIR ?? path.join(ROOT, 'docs', 'screenshots'));

const site = usePaneSite();

beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
});

type Locale = 'vi' | 'en';
const LABELS = {
  vi: {
    rankWrite: 'Ghi tổng điểm và xếp hạng',
    rankDone: /^Đã ghi tổng điểm/,
    fromFile: 'Một tệp Excel khác',
    pickPrior: 'Chọn tệp năm trước…',
    remarks: 'Nhận xét theo đơn vị',
    pickFiles: 'Chọn các tệp…',
    consolidated: /^Năm 2025/,
    sample: 'Dùng tệp mẫu',
    checkHeading: 'Kết quả kiểm tra',
  },
  en: {
    rankWrite: 'Write totals and ranks',
    rankDone: /^Wrote the totals/,
    fromFile: 'Another Excel file',
    pickPrior: 'Choose the prior-year file…',
    remarks: 'Remarks per unit',
    pickFiles: 'Choose files…',
    consolidated: /^Year 2025/,
    sample: 'Use the sample file',
    checkHeading: 'Check results',
  },
} as const;

const DARK_THEME = {
  bodyBackgroundColor: '#262626',
  bodyForegroundColor: '#ffffff',
  controlBackgroundColor: '#3b3b3b',
  controlForegroundColor: '#ffffff',
};

/** Pixels that may differ (anti-aliasing of an icon, a focus edge) before a screenshot counts as changed. */
const NOISE_PIXELS = 64;

/**
 * Write the PNG unless the committed one shows the same picture: a run that changes nothing in
 * the UI leaves docs/screenshots/ untouched (no churn from rendering noise).
 */
async function save(page: Page, name: string, png: Buffer): Promise<void> {
  const file = path.join(OUT, `${name}.png`);
  if (existsSync(file)) {
    const differing = await page.evaluate(
      async ([a, b]) => {
        const load = (data: string) =>
          new Promise<HTMLImageElement>((resolve, reject) => {
            const img = new Image();
            img.onload = () => resolve(img);
            img.onerror = reject;
            img.src = `data:image/png;base64,${data}`;
          });
        const pixels = (img: HTMLImageElement) => {
          const canvas = document.createElement('canvas');
          canvas.width = img.width;
          canvas.height = img.height;
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(img, 0, 0);
          return ctx.getImageData(0, 0, img.width, img.height).data;
        };
        const [x, y] = await Promise.all([load(a), load(b)]);
        if (x.width !== y.width || x.height !== y.height) return Infinity;
        const [p, q] = [pixels(x), pixels(y)];
        let n = 0;
        for (let i = 0; i < p.length; i += 4) if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) n++;
        return n;
      },
      [readFileSync(file).toString('base64'), png.toString('base64')] as const,
    );
    if (differing <= NOISE_PIXELS) return;
  }
  writeFileSync(file, png);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[role="progressbar"], .fui-Spinner')).toHaveCountSoon(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.mouse.move(0, 0);
}

/** Save a full-page PNG and check the pane fits its width with the Vietnamese glyphs in a real font. */
async function shoot(page: Page, name: string): Promise<void> {
  await settle(page);
  await save(page, name, await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' }));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect([name, width]).toEqual([name, PANE_WIDTH]);
  // Text cut on the right: any element (not a scroll container) whose content is wider than itself.
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const style = getComputedStyle(el);
        if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.textOverflow === 'ellipsis') return false;
        if (el.closest('[data-testid="sheet-preview"] [role="region"]')) return false;
        // Visually hidden text for screen readers (1 px wide, clipped) is meant to be invisible.
        if (el.clientWidth <= 2 || style.clip !== 'auto' || style.clipPath !== 'none') return false;
        // (A few px of slack: Fluent buttons report their padding in scrollWidth.)
        return el.scrollWidth > el.clientWidth + 4 && style.overflowX === 'hidden';
      })
      .map((el) => `${el.tagName}.${el.className.toString().slice(0, 40)}: ${el.textContent?.slice(0, 60)} (${el.scrollWidth} > ${el.clientWidth})`),
  );
  expect([name, clipped]).toEqual([name, []]);
}

/** The standalone page with a file open and its "above the maximum" finding (D23) selected in the preview. */
async function openWithFindingSelected(page: Page): Promise<void> {
  await chooseFile(page, () => page.getByRole('button', { name: 'Mở tệp Excel…' }).click(), fixturePath('loi-vuot-diem-toi-da.xlsx'));
  const item = page.locator('li[data-finding$="|Tổng hợp!D23"]');
  await expect(item).toBeVisibleSoon();
  await item.getByRole('button', { name: /^Đến ô Tổng hợp!D23/ }).click();
  await expect(page.getByTestId('sheet-preview').locator('td[data-cell="D23"]')).toHaveAttributeSoon('data-selected', 'true');
}

async function inExcel(file: string, locale: Locale, view: ViewId, extra: Partial<PaneOptions> = {}) {
  const snapshot = await snapshotOfFile(fixturePath(file));
  return site.open(`?view=${view}`, {
    excel: fakeWorkbook(snapshot),
    locale,
    displayLanguage: locale === 'vi' ? 'vi-VN' : 'en-US',
    ...extra,
  });
}

describe.each(['vi', 'en'] as const)('screenshots (%s)', (locale) => {
  const L = LABELS[locale];

  test('inside Excel: every view', async () => {
    // Tổng quan
    let pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'overview');
    await expect(pane.page.locator('[data-table]').first()).toBeVisibleSoon();
    await shoot(pane.page, `overview-${locale}`);
    pane.assertClean();
    await pane.close();

    // Kiểm tra, on a form with errors.
    pane = await inExcel('loi-vuot-diem-toi-da.xlsx', locale, 'check');
    await expect(pane.page.locator('li[data-finding]').first()).toBeVisibleSoon();
    await shoot(pane.page, `check-${locale}`);
    pane.assertClean();
    await pane.close();

    // Tổng hợp & xếp hạng, after writing.
    pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'rank');
    await pane.page.getByRole('button', { name: L.rankWrite }).click();
    await expect(pane.page.getByText(L.rankDone)).toBeVisibleSoon();
    await shoot(pane.page, `rank-${locale}`);
    pane.assertClean();
    await pane.close();

    // So sánh năm trước, with the prior year from a file.
    pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'compare');
    await pane.page.getByRole('radio', { name: L.fromFile }).check();
    await chooseFile(pane.page, () => pane.page.getByRole('button', { name: L.pickPrior }).click(), fixturePath('tong-hop-xa-2024.xlsx'));
    await expect(pane.page.getByRole('heading', { name: L.remarks })).toBeVisibleSoon();
    await shoot(pane.page, `compare-${locale}`);
    pane.assertClean();
    await pane.close();

    // Nhập điểm, with a score cell selected in Excel.
    pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'entry');
    await expect(pane.page.locator('#tab-entry')).toBeVisibleSoon();
    await pane.page.evaluate(() => window.__parFake!.select('Tổng hợp', 'D10'));
    await expect(pane.page.getByText('Tổng hợp!D10', { exact: true })).toBeVisibleSoon();
    await shoot(pane.page, `entry-${locale}`);
    pane.assertClean();
    await pane.close();

    // Tổng hợp từ các tệp, with three units' forms read.
    pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'consolidate');
    const units = ['tu-danh-gia-phuong-an-lac-2025.xlsx', 'tu-danh-gia-xa-an-phu-2025.xlsx', 'tu-danh-gia-xa-ea-po-2025.xlsx'];
    const [chooser] = await Promise.all([pane.page.waitForEvent('filechooser'), pane.page.getByRole('button', { name: L.pickFiles }).click()]);
    await chooser.setFiles(units.map((f) => path.join(ROOT, 'samples', 'don-vi', f)));
    await expect(pane.page.getByText(L.consolidated).first()).toBeVisibleSoon();
    await shoot(pane.page, `consolidate-${locale}`);
    pane.assertClean();
    await pane.close();

    // The Office dark theme.
    pane = await inExcel('loi-vuot-diem-toi-da.xlsx', locale, 'check', { officeTheme: DARK_THEME });
    await expect(pane.page.locator('li[data-finding]').first()).toBeVisibleSoon();
    const background = await pane.page.evaluate(() => getComputedStyle(document.querySelector('main')!.parentElement!.parentElement!).backgroundColor);
    expect(background).not.toBe('rgb(250, 250, 250)');
    await shoot(pane.page, `check-dark-${locale}`);
    pane.assertClean();
    await pane.close();
  });

  test('standalone page: start, and the sample with its preview', async () => {
    const pane = await site.open('?view=check', { locale });
    await expect(pane.page.getByTestId('standalone-start')).toBeVisibleSoon();
    await shoot(pane.page, `standalone-start-${locale}`);
    await pane.page.getByRole('button', { name: L.sample }).click();
    await expect(pane.page.getByRole('heading', { name: L.checkHeading })).toBeVisibleSoon();
    await expect(pane.page.getByTestId('sheet-preview').locator('td[data-cell="D7"]')).toBeVisibleSoon();
    await shoot(pane.page, `standalone-${locale}`);
    pane.assertClean();
    await pane.close();
  });
});

test('standalone page follows the browser’s dark setting', async () => {
  const pane = await site.open('?view=check', { locale: 'vi', colorScheme: 'dark' });
  const { page } = pane;
  await openWithFindingSelected(page);
  await shoot(page, 'standalone-dark-vi');
  pane.assertClean();
  await pane.close();
});

test('standalone page, wide window: pane and preview side by side, a finding selected', async () => {
  const pane = await site.open('?view=check', { locale: 'vi', width: 1280, height: 900 });
  const { page } = pane;
  await openWithFindingSelected(page);
  await settle(page);
  await save(page, 'standalone-wide-vi', await page.screenshot({ animations: 'disabled', caret: 'hide' }));
  pane.assertClean();
  await pane.close();
});
