/**
 * "Tạo báo cáo (Word)" in Chromium (issue #18): inside "Excel" (the stand-in) at the pane's 350 px
 * and on the standalone page at a desktop width, in Vietnamese and English. The document library
 * is not fetched until the click; the click downloads a real .docx (Blob + <a download>) whose
 * document holds the unit's result sentence. Screenshots: docs/screenshots/report-*.png.
 */
import { readFileSync, readdirSync } from 'fs';
import path from 'path';
import { inflateRawSync } from 'zlib';
import type { Page } from 'playwright-core';
import { entryDataStart, readCentralDirectory } from '../../src/hosts/xlsx/zip';
import { translate, type Locale, type MessageKey } from '../../src/taskpane/i18n';
import { chooseFile, distDir, fixturePath, scriptsRequested, usePaneSite, type Pane } from './harness';
import { matchCommitted } from './screenshots-compare';
import { fakeWorkbook, snapshotOfFile } from './workbooks';

const site = usePaneSite();

const SENTENCE: Record<Locale, string> = {
  vi: 'Xã Hòa Bình đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường; tăng 3,36 điểm và tăng 03 bậc so với năm 2024.',
  en: 'Xã Hòa Bình scored 86.75 points, ranked 3rd of 12 communes and wards; up 3.36 points and up 3 places from 2024.',
};
const PRIOR_LABELS = {
  vi: { fromFile: 'Một tệp Excel khác', pickPrior: 'Chọn tệp năm trước…', sample: 'Dùng tệp mẫu' },
  en: { fromFile: 'Another Excel file', pickPrior: 'Choose the prior-year file…', sample: 'Use the sample file' },
} as const;

/** The build's script files that hold the Word library (wherever webpack put it). */
function docxChunks(): string[] {
  return readdirSync(distDir()).filter(
    (f) => f.endsWith('.js') && readFileSync(path.join(distDir(), f), 'utf8').includes('wordprocessingml.document.main+xml'),
  );
}

function documentText(file: string): string {
  const bytes = new Uint8Array(readFileSync(file));
  const entry = readCentralDirectory(bytes).find((e) => e.name === 'word/document.xml')!;
  const start = entryDataStart(bytes, entry);
  const raw = Buffer.from(bytes.subarray(start, start + entry.compressedSize));
  return (entry.method === 8 ? inflateRawSync(raw) : raw)
    .toString('utf8')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
}

/** Choose Xã Hòa Bình, click the button: the browser's download, checked, and its name. */
async function makeReport(pane: Pane, locale: Locale): Promise<string> {
  const { page } = pane;
  const t = (key: MessageKey) => translate(locale, key);
  const chunks = docxChunks();
  expect(chunks.length).toBeGreaterThan(0);
  expect(scriptsRequested(pane.requests).filter((s) => chunks.includes(s))).toEqual([]);
  await page.getByRole('combobox', { name: t('report.unit') }).click();
  await page.getByRole('option', { name: 'Xã Hòa Bình' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('report.make') }).click()]);
  const file = await download.path();
  expect(scriptsRequested(pane.requests).filter((s) => chunks.includes(s)).length).toBeGreaterThan(0);
  expect(documentText(file!)).toContain(SENTENCE[locale]);
  return download.suggestedFilename();
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.mouse.move(0, 0);
}

/** The window as it is (wide: the report is on screen), or scrolled to the report section (350 px). */
async function shootReport(page: Page, name: string, width: number): Promise<void> {
  await settle(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
  const section = page.locator('section[aria-labelledby="report-heading"]');
  if (width === 350) {
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -48));
  } else {
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await section.boundingBox();
    expect(box && box.y + box.height <= (page.viewportSize()?.height ?? 0)).toBe(true);
  }
  matchCommitted(name, await page.screenshot({ fullPage: false, animations: 'disabled', caret: 'hide' }));
}

describe.each(['vi', 'en'] as const)('Tạo báo cáo (Word) (%s)', (locale) => {
  const L = PRIOR_LABELS[locale];
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

  test('inside Excel at 350 px: the comparison view offers the report; the click downloads it and says what a desktop Excel may do', async () => {
    const snapshot = await snapshotOfFile(fixturePath('tong-hop-xa-2025.xlsx'));
    const pane = await site.open('?view=compare', {
      excel: fakeWorkbook(snapshot),
      locale,
      displayLanguage: locale === 'vi' ? 'vi-VN' : 'en-US',
      height: 760,
    });
    const { page } = pane;
    await page.getByRole('radio', { name: L.fromFile }).check();
    await chooseFile(page, () => page.getByRole('button', { name: L.pickPrior }).click(), fixturePath('tong-hop-xa-2024.xlsx'));
    await expect(page.getByRole('heading', { name: t('compare.results') })).toBeVisibleSoon();
    const name = await makeReport(pane, locale);
    expect(name).toBe(locale === 'vi' ? 'bao-cao-xa-hoa-binh-2025.docx' : 'report-xa-hoa-binh-2025.docx');
    await expect(page.getByText(t('report.offered', { name, units: '' }))).toBeVisibleSoon();
    await expect(page.getByText(t('report.desktopLimit'))).toBeVisibleSoon();
    await shootReport(page, `report-${locale}`, 350);
    pane.assertClean();
    await pane.close();
  });

  test('standalone page at a desktop width: the ranking view offers the report; the click downloads it', async () => {
    const pane = await site.open('?view=rank', { locale, width: 1280, height: 860 });
    const { page } = pane;
    await page.getByRole('button', { name: L.sample }).click();
    await expect(page.getByTestId('file-name')).toHaveTextSoon('tong-hop-xa-2025.xlsx');
    await expect(page.locator('#rank-heading')).toBeVisibleSoon();
    // The sample comes with its prior year (2024): the report compares.
    await expect(page.getByRole('button', { name: t('report.make') })).toBeVisibleSoon();
    await expect(page.getByText(t('report.noPrior'))).toHaveCountSoon(0);
    const chunks = docxChunks();
    await page.getByRole('combobox', { name: t('report.unit') }).click();
    await page.getByRole('option', { name: 'Xã Hòa Bình' }).click();
    expect(scriptsRequested(pane.requests).filter((s) => chunks.includes(s))).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('report.make') }).click()]);
    expect(download.suggestedFilename()).toBe(locale === 'vi' ? 'bao-cao-xa-hoa-binh-2025.docx' : 'report-xa-hoa-binh-2025.docx');
    const text = documentText((await download.path())!);
    expect(text).toContain(SENTENCE[locale]);
    await expect(page.getByText(t('report.saved', { name: download.suggestedFilename(), units: '' }))).toBeVisibleSoon();
    await shootReport(page, `report-wide-${locale}`, 1280);
    pane.assertClean();
    await pane.close();
  });
});
