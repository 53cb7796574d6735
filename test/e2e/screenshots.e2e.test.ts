/**
 * Screenshots of every view at a task-pane width of 350 px, in Vietnamese and English: inside
 * "Excel" (the fake, light and dark Office themes) and the standalone page. Each one asserts what
 * the user must see (the active tab, the view's heading, its key figures, nothing wider than the
 * pane, no text cut on the right) and is compared, with a tolerance for anti-aliasing noise,
 * against the committed image in docs/screenshots/ (see screenshots-compare.ts).
 *
 * A test run writes its images only to a temporary folder; `npm run screenshots` refreshes
 * docs/screenshots/.
 */
import path from 'path';
import type { Locator, Page } from 'playwright-core';
import { translate, type Locale, type MessageKey } from '../../src/taskpane/i18n';
import type { ViewId } from '../../src/taskpane/views/registry';
import { ROOT, PANE_WIDTH, chooseFile, fixturePath, usePaneSite, type PaneOptions } from './harness';
import { PNG } from 'pngjs';
import { MAX_IN_AREA, RUN_DIR, comparePngs, committed, matchCommitted } from './screenshots-compare';
import { fakeWorkbook, snapshotOfFile } from './workbooks';

const site = usePaneSite();

const LABELS = {
  vi: { fromFile: 'Một tệp Excel khác', pickPrior: 'Chọn tệp năm trước…', pickFiles: 'Chọn các tệp…', sample: 'Dùng tệp mẫu' },
  en: {
    fromFile: 'Another Excel file',
    pickPrior: 'Choose the prior-year file…',
    pickFiles: 'Choose files…',
    sample: 'Use the sample file',
  },
} as const;

/** A figure as the pane prints it (decimal comma in Vietnamese, point in English). */
const fig = (locale: Locale, value: string) => (locale === 'vi' ? value.replace('.', ',') : value);

const DARK_THEME = {
  bodyBackgroundColor: '#262626',
  bodyForegroundColor: '#ffffff',
  controlBackgroundColor: '#3b3b3b',
  controlForegroundColor: '#ffffff',
};

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[role="progressbar"], .fui-Spinner')).toHaveCountSoon(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.mouse.move(0, 0);
}

/** Nothing wider than the pane and no text cut on the right. */
async function expectFitsPane(page: Page, name: string, width = PANE_WIDTH): Promise<void> {
  expect([name, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([name, width]);
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
      .map(
        (el) =>
          `${el.tagName}.${el.className.toString().slice(0, 40)}: ${el.textContent?.slice(0, 60)} (${el.scrollWidth} > ${el.clientWidth})`,
      ),
  );
  expect([name, clipped]).toEqual([name, []]);
}

/** Settle, check the page fits the pane, take a full-page PNG and compare it with the committed one. */
async function shoot(page: Page, name: string, { width = PANE_WIDTH, fullPage = true } = {}): Promise<void> {
  await settle(page);
  await expectFitsPane(page, name, width);
  matchCommitted(name, await page.screenshot({ fullPage, animations: 'disabled', caret: 'hide' }));
}

/** Inside Excel: the tab of `view` is the selected one and its panel shows the view's heading. */
async function expectView(page: Page, locale: Locale, view: ViewId, heading: MessageKey): Promise<void> {
  const tab = page.locator(`#tab-${view}`);
  await expect(tab).toHaveAttributeSoon('aria-selected', 'true');
  await expect(tab).toHaveTextSoon(translate(locale, `view.${view}` as MessageKey));
  await expect(page.locator('[role="tab"][aria-selected="true"]')).toHaveCountSoon(1);
  const h2 = page.locator(`#${view}-heading`);
  await expect(h2).toBeVisibleSoon();
  await expect(h2).toHaveTextSoon(translate(locale, heading));
}

/** A <dt>label</dt><dd>value</dd> pair inside `scope`: visible, the value beside its label on the same line. */
async function expectTerm(scope: Locator, label: string, value: string): Promise<void> {
  const dt = scope.locator('dt', { hasText: label });
  const dd = dt.locator('xpath=following-sibling::dd[1]');
  await expect(dd).toBeVisibleSoon();
  await expect(dd).toHaveTextSoon(value);
  const [a, b] = [await dt.boundingBox(), await dd.boundingBox()];
  const beside = !!a && !!b && Math.abs(a.y - b.y) < 4 && b.x >= a.x + a.width;
  expect([label, value, beside]).toEqual([label, value, true]);
}

/** How many lines of text `el` takes, and its vertical middle. */
function textLines(el: Locator): Promise<{ lines: number; middle: number }> {
  return el.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    const box = node.getBoundingClientRect();
    return { lines: tops.size, middle: box.top + box.height / 2 };
  });
}

/** In the rank preview, `unit`'s total is `total`, on one line, beside the unit's name (same row band). */
async function expectRankRow(page: Page, unit: string, rank: string, total: string): Promise<void> {
  const row = page.locator(`tr[data-unit="${unit}"]`);
  await expect(row).toBeVisibleSoon();
  const cells = row.locator('td');
  await expect(cells.nth(0)).toHaveTextSoon(rank);
  await expect(cells.nth(1)).toHaveTextSoon(unit);
  await expect(cells.nth(2)).toHaveTextSoon(total);
  const name = await cells.nth(1).boundingBox();
  const figure = await textLines(cells.nth(2));
  expect([unit, figure.lines]).toEqual([unit, 1]);
  expect(name && figure.middle > name.y && figure.middle < name.y + name.height).toBe(true);
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

/** The standalone page with a file open and its "above the maximum" finding (D23) selected in the preview. */
async function openWithFindingSelected(page: Page): Promise<void> {
  await chooseFile(page, () => page.getByRole('button', { name: 'Mở tệp Excel…' }).click(), fixturePath('loi-vuot-diem-toi-da.xlsx'));
  const item = page.locator('li[data-finding$="|Tổng hợp!D23"]');
  await expect(item).toBeVisibleSoon();
  await item.getByRole('button', { name: /^Đến ô Tổng hợp!D23/ }).click();
  await expect(page.getByTestId('sheet-preview').locator('td[data-cell="D23"]')).toHaveAttributeSoon('data-selected', 'true');
}

describe.each(['vi', 'en'] as const)('screenshots (%s)', (locale) => {
  const L = LABELS[locale];
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

  test('Tổng quan: the 2025 consolidation table, 12 units, 41 criteria, no finding', async () => {
    const pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'overview');
    const { page } = pane;
    await expectView(page, locale, 'overview', 'overview.heading');
    const card = page.locator('[data-table]');
    await expect(card).toHaveCountSoon(1);
    await expect(card.locator('h3')).toContainTextSoon('CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025');
    await expectTerm(card, t('overview.range'), 'A6:O50');
    await expectTerm(card, t('overview.year'), '2025');
    await expectTerm(card, t('overview.units'), '12');
    await expectTerm(card, t('overview.criteria'), '41');
    await expect(page.getByText(t('count.error', { count: 0 }), { exact: true })).toBeVisibleSoon();
    await shoot(page, `overview-${locale}`);
    pane.assertClean();
    await pane.close();
  });

  test('Kiểm tra: a form with four errors, D23 above its maximum', async () => {
    const pane = await inExcel('loi-vuot-diem-toi-da.xlsx', locale, 'check');
    const { page } = pane;
    await expectView(page, locale, 'check', 'check.heading');
    await expect(page.locator('li[data-finding]')).toHaveCountSoon(4);
    await expect(page.getByText(t('count.error', { count: 4 }), { exact: true })).toBeVisibleSoon();
    const d23 = page.locator('li[data-finding$="|Tổng hợp!D23"]');
    await expect(d23).toBeVisibleSoon();
    await expect(d23).toContainTextSoon(fig(locale, '3.5'));
    await shoot(page, `check-${locale}`);
    pane.assertClean();
    await pane.close();
  });

  test('Tổng hợp & xếp hạng: after writing, the preview ranks the 12 units with their totals', async () => {
    const pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'rank');
    const { page } = pane;
    await expectView(page, locale, 'rank', 'view.rank');
    await page.getByRole('button', { name: t('rank.write') }).click();
    await expect(page.getByText(t('rank.written', { name: locale === 'vi' ? 'Xếp hạng 2025' : 'Ranking 2025' }))).toBeVisibleSoon();
    await expect(page.locator('tr[data-unit]')).toHaveCountSoon(12);
    await expectRankRow(page, 'Phường Trung Tâm', '1', fig(locale, '92.975'));
    await expectRankRow(page, 'Xã Hòa Bình', '3', fig(locale, '86.75'));
    await expectRankRow(page, 'Xã An Phú', '3', fig(locale, '86.75'));
    await expectRankRow(page, 'Phường An Lạc', '12', fig(locale, '76.983'));
    await shoot(page, `rank-${locale}`);
    pane.assertClean();
    await pane.close();
  });

  test('So sánh năm trước: the prior year from a file, a remark per unit', async () => {
    const pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'compare');
    const { page } = pane;
    await expectView(page, locale, 'compare', 'view.compare');
    await page.getByRole('radio', { name: L.fromFile }).check();
    await chooseFile(page, () => page.getByRole('button', { name: L.pickPrior }).click(), fixturePath('tong-hop-xa-2024.xlsx'));
    await expect(page.getByRole('heading', { name: t('compare.results') })).toBeVisibleSoon();
    await expect(page.locator('li[data-unit]')).toHaveCountSoon(12);
    const anLac = page.locator('li[data-unit="Phường An Lạc"]');
    await expect(anLac.locator('h4')).toHaveTextSoon('Phường An Lạc');
    await expect(anLac).toContainTextSoon(fig(locale, '76.983'));
    await expect(anLac).toContainTextSoon(fig(locale, '9.699'));
    await shoot(page, `compare-${locale}`);
    pane.assertClean();
    await pane.close();
  });

  test('Nhập điểm: a score cell selected in Excel, its criterion and unit', async () => {
    const pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'entry');
    const { page } = pane;
    await expectView(page, locale, 'entry', 'entry.heading');
    await page.evaluate(() => window.__parFake!.select('Tổng hợp', 'D10'));
    await expect(page.locator('#criterion-card-title')).toHaveTextSoon('1.1.1 Ban hành kế hoạch đúng thời hạn');
    const card = page.locator('#criterion-card-title').locator('xpath=..');
    await expectTerm(card, t('entry.cell'), 'Tổng hợp!D10');
    await expectTerm(card, t('entry.unit'), 'Phường An Lạc');
    await shoot(page, `entry-${locale}`);
    pane.assertClean();
    await pane.close();
  });

  test('Tổng hợp từ các tệp: three units’ forms read, each with its total and rank', async () => {
    const pane = await inExcel('tong-hop-xa-2025.xlsx', locale, 'consolidate');
    const { page } = pane;
    await expectView(page, locale, 'consolidate', 'view.consolidate');
    const units = ['tu-danh-gia-phuong-an-lac-2025.xlsx', 'tu-danh-gia-xa-an-phu-2025.xlsx', 'tu-danh-gia-xa-ea-po-2025.xlsx'];
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: L.pickFiles }).click()]);
    await chooser.setFiles(units.map((f) => path.join(ROOT, 'samples', 'don-vi', f)));
    await expect(page.getByText(t('consolidate.summary', { year: 2025, units: 3, files: 3, excluded: 0 }))).toBeVisibleSoon();
    await expect(page.locator('li[data-file]')).toHaveCountSoon(3);
    const anLac = page.locator('li[data-file="tu-danh-gia-phuong-an-lac-2025.xlsx"]');
    await expect(anLac.locator('h4')).toHaveTextSoon('Phường An Lạc');
    await expectTerm(anLac, t('consolidate.total'), fig(locale, '76.983'));
    await shoot(page, `consolidate-${locale}`);
    pane.assertClean();
    await pane.close();
  });

  test('Kiểm tra in the Office dark theme: dark background, the same findings', async () => {
    const pane = await inExcel('loi-vuot-diem-toi-da.xlsx', locale, 'check', { officeTheme: DARK_THEME });
    const { page } = pane;
    await expectView(page, locale, 'check', 'check.heading');
    await expect(page.locator('li[data-finding]')).toHaveCountSoon(4);
    const background = await page.evaluate(
      () => getComputedStyle(document.querySelector('main')!.parentElement!.parentElement!).backgroundColor,
    );
    // Office's dark body colour (#262626), give or take the pane's own shade: dark, not the light theme.
    expect(Math.max(...background.match(/\d+/g)!.slice(0, 3).map(Number))).toBeLessThan(64);
    await shoot(page, `check-dark-${locale}`);
    pane.assertClean();
    await pane.close();
  });

  test('standalone page: start, and the sample with its preview', async () => {
    const pane = await site.open('?view=check', { locale });
    const { page } = pane;
    const start = page.getByTestId('standalone-start');
    await expect(start).toBeVisibleSoon();
    await expect(start.getByRole('button', { name: L.sample })).toBeVisibleSoon();
    await shoot(page, `standalone-start-${locale}`);
    await page.getByRole('button', { name: L.sample }).click();
    await expect(page.getByTestId('file-name')).toHaveTextSoon('tong-hop-xa-2025.xlsx');
    await expectView(page, locale, 'check', 'check.heading');
    await expect(page.getByText(t('check.none'))).toBeVisibleSoon();
    await expect(page.getByTestId('sheet-preview').locator('td[data-cell="D7"]')).toBeVisibleSoon();
    await shoot(page, `standalone-${locale}`);
    pane.assertClean();
    await pane.close();
  });
});

test('standalone page follows the browser’s dark setting', async () => {
  const pane = await site.open('?view=check', { locale: 'vi', colorScheme: 'dark' });
  const { page } = pane;
  await openWithFindingSelected(page);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(Math.max(...background.match(/\d+/g)!.slice(0, 3).map(Number))).toBeLessThan(64);
  await shoot(page, 'standalone-dark-vi');
  pane.assertClean();
  await pane.close();
});

test('standalone page, wide window: pane and preview side by side, a finding selected', async () => {
  const pane = await site.open('?view=check', { locale: 'vi', width: 1280, height: 900 });
  const { page } = pane;
  await openWithFindingSelected(page);
  const paneBox = await page.locator('[role="tabpanel"]').boundingBox();
  const previewBox = await page.getByTestId('sheet-preview').boundingBox();
  expect(paneBox && previewBox && previewBox.x >= paneBox.x + paneBox.width).toBe(true);
  await shoot(page, 'standalone-wide-vi', { width: 1280, fullPage: false });
  pane.assertClean();
  await pane.close();
});

/**
 * The comparison itself, on the overview: re-rendered as it is, or with colour noise on every drawn
 * pixel, it matches the committed image; with its heading hidden, one figure changed, the content
 * moved down by 3 px or the page taller, it does not. (After the tests above, so that
 * `npm run screenshots` has refreshed overview-vi.png first.) Images in <RUN_DIR>/comparison-check.
 */
describe('the screenshot comparison', () => {
  const dir = path.join(RUN_DIR, 'comparison-check');
  let pane: Awaited<ReturnType<typeof inExcel>>;
  beforeEach(async () => {
    pane = await inExcel('tong-hop-xa-2025.xlsx', 'vi', 'overview');
    await expect(pane.page.locator('[data-table]')).toBeVisibleSoon();
    await settle(pane.page);
  });
  afterEach(() => pane.close());

  const shot = () => pane.page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });

  test('passes the page as it is', async () => {
    const result = comparePngs(committed('overview-vi'), await shot(), 'unchanged', dir);
    expect(result.mismatch).toBeNull();
    expect(result.densest).toBeLessThanOrEqual(MAX_IN_AREA);
  });

  test('passes shading noise on every drawn pixel (±12 per colour channel)', () => {
    const png = PNG.sync.read(committed('overview-vi')!);
    const background = png.data.readUInt32BE(0);
    let seed = 1;
    const jitter = (limit: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % (2 * limit + 1)) - limit;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data.readUInt32BE(i) === background) continue;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.min(255, Math.max(0, png.data[i + c] + jitter(12)));
    }
    const result = comparePngs(committed('overview-vi'), PNG.sync.write(png), 'shading-noise', dir);
    expect(result.mismatch).toBeNull();
  });

  test.each([
    ['a hidden heading', `#overview-heading { visibility: hidden }`],
    ['the content moved down by 3 px', `main { transform: translateY(3px) }`],
    ['a taller page', `body { min-height: 1200px }`],
  ])('fails on %s', async (what, css) => {
    await pane.page.addStyleTag({ content: css });
    const result = comparePngs(committed('overview-vi'), await shot(), what.replace(/\W+/g, '-'), dir);
    expect(result.mismatch).not.toBeNull();
    expect(result.diff).toBeDefined();
  });

  test('fails on one figure changed (12 units shown as 13)', async () => {
    const units = pane.page.locator('dt', { hasText: 'Số đơn vị' }).locator('xpath=following-sibling::dd[1]');
    await units.evaluate((dd) => (dd.textContent = '13'));
    const result = comparePngs(committed('overview-vi'), await shot(), 'figure-changed', dir);
    expect(result.mismatch).not.toBeNull();
  });
});
