/**
 * What a user waits for in the browser (issue #17's felt budgets), measured in headless Chromium
 * (playwright-core) on the production build with the office.js stand-in (the build the e2e suite
 * tests), served on 127.0.0.1:
 *
 * - standalone page, start: from navigation to the frame that first lays out "Mở tệp Excel…", with
 *   every request to another origin (and office.js) left hanging, as on a blocked or slow network;
 * - standalone page, file chosen → findings shown: from the file input's `change` event to the
 *   frame after the check view's heading is in the page (both stamped in the page);
 * - SheetJS reading the same bytes in the same page (`XLSX.read`, xlsx 0.18.5's full build), the
 *   floor a user would compare with;
 * - the pane inside Excel (the fake Excel of the stand-in): a score typed above its maximum → the
 *   finding listed (re-validation after an edit);
 * - standalone page, "Ghi trang so sánh và tô màu" at 1000×150 → the success message (both stamped
 *   in the page).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { readWorkbookBytes } from '../src/hosts/xlsx/bytes';
import type { FakeWorkbookInput } from '../src/testing/fake-excel';
import { fakeWorkbook } from '../test/e2e/workbooks';
import { median } from './measure';

export interface BrowserMeasure {
  /** Standalone page with outside requests hanging: navigation → first button laid out (median), or null. */
  firstButtonMs: number | null;
  /** File chosen → findings shown, per case name. */
  openMs: Record<string, number>;
  /** SheetJS `XLSX.read` of the same file in the same page, per case name. */
  sheetJsReadMs: Record<string, number>;
  /** Inside Excel (fake): an edit → its finding listed, per case name. */
  revalidateMs: Record<string, number>;
  /** Standalone page: writing the comparison sheet, per case name. */
  writeComparisonMs: Record<string, number>;
  /** Scripts fetched between choosing the file and the findings (first open of the first case), gzip bytes, and whether they hold a library the open does not need. */
  openScripts: { file: string; gzipBytes: number; unneeded: string | null }[];
  notes: string[];
}

type Page = import('playwright-core').Page;
type Browser = import('playwright-core').Browser;

/** Chromium on PATH (Debian's package), or CHROMIUM_PATH. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      const p = path.join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return null;
}

/** The production build with the office.js stand-in, into `out` (what scripts/e2e.js builds). */
export function buildStandin(root: string, out: string): void {
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [root] });
  const r = spawnSync(process.execPath, [cli, '--mode', 'production', '--output-path', out, '--no-stats'], {
    cwd: root,
    env: { ...process.env, OFFICE_JS: 'standin' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`stand-in build failed: ${r.stderr.toString().trim().split('\n').slice(-3).join(' ')}`);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
};

function serve(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(path.resolve(root))) return void res.writeHead(403).end();
    fsp.readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

/** Init script: stamps the file input's change (window.__chosenAt) and the frame after the check view shows (window.__shownAt). */
function stampOpen(): void {
  const w = window as unknown as { __chosenAt?: number; __shownAt?: number };
  document.addEventListener(
    'change',
    (e) => {
      if ((e.target as HTMLInputElement | null)?.type === 'file' && w.__chosenAt === undefined) w.__chosenAt = performance.now();
    },
    true,
  );
  const observer = new MutationObserver(() => {
    if (w.__chosenAt === undefined || w.__shownAt !== undefined || !document.getElementById('check-heading')) return;
    requestAnimationFrame(() => (w.__shownAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function newPage(browser: Browser, origin: string, query: string, workbook?: FakeWorkbookInput): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
  await page.addInitScript(
    (cfg) => {
      (window as unknown as { __PAR_OFFICE_STANDIN__: unknown }).__PAR_OFFICE_STANDIN__ = cfg;
      localStorage.setItem('par-scorecard.locale', 'vi');
    },
    workbook ? { workbook, options: { displayLanguage: 'vi-VN' } } : {},
  );
  await page.addInitScript(stampOpen);
  await page.goto(`${origin}/taskpane.html${query}`, { waitUntil: 'load' });
  return page;
}

async function chooseFile(page: Page, button: string, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await chooser.setFiles(file);
}

/** Init script: window.__firstButtonAt = performance.now() in the first frame where a laid-out button reads "Mở tệp Excel…". */
function stampFirstButton(): void {
  const w = window as unknown as { __firstButtonAt?: number };
  const seen = () =>
    Array.from(document.querySelectorAll('button')).some(
      (b) => b.textContent?.trim() === 'Mở tệp Excel…' && b.getBoundingClientRect().width > 0,
    );
  const observer = new MutationObserver(() => {
    if (w.__firstButtonAt !== undefined || !seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => (w.__firstButtonAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Standalone page, every outside request and office.js hanging: navigation start → first button (ms, stamped in the page). */
async function timeFirstButton(browser: Browser, origin: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
  try {
    // A route handler that never fulfils, continues or aborts leaves the request pending.
    await page.route(
      (url) => url.origin !== origin || url.pathname.endsWith('/office-js/standin.js'),
      () => undefined,
    );
    await page.addInitScript(stampFirstButton);
    await page.goto(`${origin}/taskpane.html?standalone`, { waitUntil: 'commit' });
    const shown = await page.waitForFunction(() => (window as unknown as { __firstButtonAt?: number }).__firstButtonAt ?? false, null, {
      timeout: 60_000,
    });
    return (await shown.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

/** Standalone page: file chosen → findings shown (ms, stamped in the page); `scripts` receives the scripts fetched meanwhile. */
async function timeOpen(browser: Browser, origin: string, file: string, scripts: string[] = []): Promise<number> {
  const page = await newPage(browser, origin, '?standalone');
  try {
    await page.getByRole('button', { name: 'Mở tệp Excel…' }).waitFor();
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (p.endsWith('.js')) scripts.push(p.slice(1));
    });
    await chooseFile(page, 'Mở tệp Excel…', file);
    // The difference is read in the same call that sees it (a later evaluate raced the page's close).
    const shown = await page.waitForFunction(
      () => {
        const w = window as unknown as { __chosenAt?: number; __shownAt?: number };
        return w.__shownAt !== undefined && w.__chosenAt !== undefined ? w.__shownAt - w.__chosenAt : false;
      },
      null,
      { timeout: 120_000 },
    );
    return (await shown.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

/** SheetJS's `XLSX.read` of the same bytes, in a page of the same origin (median of `runs`). */
const SHEETJS_FILE = 'bench-sheetjs.full.min.js';

async function timeSheetJs(browser: Browser, origin: string, file: string, runs: number): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/taskpane.html?standalone`, { waitUntil: 'load' });
    // Served from the same origin: the page's Content-Security-Policy allows 'self' scripts only.
    await page.addScriptTag({ url: `${origin}/${SHEETJS_FILE}` });
    const bytes = [...(await fsp.readFile(file))];
    return await page.evaluate(
      ({ data, n }) => {
        const u8 = new Uint8Array(data);
        const XLSX = (window as unknown as { XLSX: { read: (d: Uint8Array, o: object) => unknown } }).XLSX;
        const times: number[] = [];
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          XLSX.read(u8, { type: 'array' });
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        return times[Math.floor(times.length / 2)];
      },
      { data: bytes, n: runs },
    );
  } finally {
    await page.close();
  }
}

/** Inside Excel (fake): the first unit's first score set above its maximum → that cell's finding listed. */
async function timeRevalidate(browser: Browser, origin: string, file: string): Promise<number> {
  const snapshot = await readWorkbookBytes(new Uint8Array(await fsp.readFile(file)), path.basename(file));
  const page = await newPage(browser, origin, '?view=check', fakeWorkbook(snapshot));
  try {
    await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor({ timeout: 120_000 });
    // The official types after the pane has loaded: chunks fetched after the first findings (the
    // writer, the other views) are not part of the edit's wait.
    await page.waitForLoadState('networkidle');
    const sheet = snapshot.sheets[0].name;
    // The sample generator's layout: units from column D, the first leaf criterion on row 10.
    return await page.evaluate(
      async ({ sheetName }) => {
        const t = performance.now();
        await (window as unknown as { __parFake: { edit: (s: string, a: string, v: number) => Promise<void> } }).__parFake.edit(
          sheetName,
          'D10',
          99,
        );
        await new Promise<void>((resolve) => {
          const seen = () => document.querySelector(`li[data-finding*="!D10"]`);
          if (seen()) return resolve();
          const o = new MutationObserver(() => seen() && (o.disconnect(), resolve()));
          o.observe(document, { childList: true, subtree: true, attributes: true });
        });
        await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t;
      },
      { sheetName: sheet },
    );
  } finally {
    await page.close();
  }
}

/** Standalone page: the comparison written (button → success message), prior year from a file. */
async function timeWriteComparison(browser: Browser, origin: string, current: string, prior: string): Promise<number> {
  const page = await newPage(browser, origin, '?standalone');
  try {
    await chooseFile(page, 'Mở tệp Excel…', current);
    await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'So sánh năm trước' }).click();
    await page.getByRole('radio', { name: 'Một tệp Excel khác' }).check();
    await chooseFile(page, 'Chọn tệp năm trước…', prior);
    await page.getByText(`Đã đọc tệp "${path.basename(prior)}".`).waitFor({ timeout: 120_000 });
    const write = page.getByRole('button', { name: 'Ghi trang so sánh và tô màu' });
    await write.waitFor({ timeout: 120_000 });
    // Stamped in the page, like the open: from the click to the frame after the success message is
    // in the page (Playwright's own polling of the text would run on the page's thread meanwhile).
    await page.evaluate(() => {
      const w = window as unknown as { __clickedAt?: number; __writtenAt?: number };
      document.addEventListener('click', () => (w.__clickedAt ??= performance.now()), true);
      // Only what changed is looked at: the whole page's text (a 1000-column preview) would cost more than the wait.
      const says = (n: Node) => /Đã ghi trang tính "So sánh/.test(n.textContent ?? '');
      const observer = new MutationObserver((records) => {
        if (
          w.__clickedAt === undefined ||
          !records.some((r) => (r.type === 'characterData' && says(r.target)) || [...r.addedNodes].some(says))
        )
          return;
        observer.disconnect();
        requestAnimationFrame(() => (w.__writtenAt = performance.now()));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await write.click();
    const written = await page.waitForFunction(
      () => {
        const w = window as unknown as { __clickedAt?: number; __writtenAt?: number };
        return w.__writtenAt !== undefined && w.__clickedAt !== undefined ? w.__writtenAt - w.__clickedAt : false;
      },
      null,
      { timeout: 120_000, polling: 250 },
    );
    return (await written.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

/** Libraries opening a file does not need (the writer's and the report's), by a string their code carries. */
const UNNEEDED_ON_OPEN: [string, RegExp][] = [
  ['ExcelJS', /exceljs/i],
  ['JSZip', /jszip/i],
  ['docx', /officedocument\.wordprocessingml/],
];

async function describeScripts(dist: string, files: string[]): Promise<BrowserMeasure['openScripts']> {
  const { gzipSync } = await import('node:zlib');
  return Promise.all(
    [...new Set(files)].map(async (file) => {
      const text = await fsp.readFile(path.join(dist, file), 'utf8').catch(() => '');
      return { file, gzipBytes: gzipSync(text).length, unneeded: UNNEEDED_ON_OPEN.find(([, re]) => re.test(text))?.[0] ?? null };
    }),
  );
}

export interface BrowserCase {
  name: string;
  current: string;
  prior?: string;
}

/** Every browser timing of the cases given (open: each; re-validation at 150×150; comparison write at 1000×150). */
export async function measureBrowser(root: string, work: string, cases: BrowserCase[], runs: number): Promise<BrowserMeasure> {
  const out: BrowserMeasure = {
    firstButtonMs: null,
    openMs: {},
    sheetJsReadMs: {},
    revalidateMs: {},
    writeComparisonMs: {},
    openScripts: [],
    notes: [],
  };
  const chromium = findChromium();
  if (!chromium) {
    out.notes.push('browser timings not measured: Chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH)');
    return out;
  }
  const dist = path.join(work, 'dist-standin');
  buildStandin(root, dist);
  await fsp.copyFile(require.resolve('xlsx/dist/xlsx.full.min.js', { paths: [root] }), path.join(dist, SHEETJS_FILE));
  const server = await serve(dist);
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({ executablePath: chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const starts: number[] = [];
    for (let i = 0; i < runs; i++) starts.push(await timeFirstButton(browser, server.origin));
    out.firstButtonMs = median(starts);
    for (const c of cases) {
      const samples: number[] = [];
      const scripts: string[] = [];
      for (let i = 0; i < runs; i++)
        samples.push(await timeOpen(browser, server.origin, c.current, i === 0 && c === cases[0] ? scripts : []));
      if (c === cases[0]) out.openScripts = await describeScripts(dist, scripts);
      out.openMs[c.name] = median(samples);
      out.sheetJsReadMs[c.name] = await timeSheetJs(browser, server.origin, c.current, runs);
      if (c.name === '150x150') {
        const r: number[] = [];
        for (let i = 0; i < runs; i++) r.push(await timeRevalidate(browser, server.origin, c.current));
        out.revalidateMs[c.name] = median(r);
      }
      if (c.name === '1000x150' && c.prior)
        out.writeComparisonMs[c.name] = await timeWriteComparison(browser, server.origin, c.current, c.prior);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
