/**
 * End-to-end harness: a tiny static server for the production build (127.0.0.1, a random port),
 * headless Chromium through playwright-core with a fresh profile, and a page wrapper that records
 * every request and every console error so a test can fail on anything leaving the machine.
 *
 *   E2E_DIST       the build to serve (scripts/e2e.js builds it with OFFICE_JS=standin)
 *   CHROMIUM_PATH  the browser (default: chromium, else chromium-browser / google-chrome on PATH)
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { findTool } from '../support/tools';
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Request } from 'playwright-core';
import type { FakeWorkbookInput } from '../../src/testing/fake-excel';
import type { OfficeStandinConfig } from '../../src/testing/office-standin';

export const ROOT = path.resolve(__dirname, '../..');
/** The project's generated samples (samples/), the workbooks the suites open. */
export const fixturePath = (name: string) => path.join(ROOT, 'samples', name);
/** The 2025 consolidation the suites open, and its prior year. */
export const CURRENT = fixturePath('tong-hop-xa-2025.xlsx');
export const PRIOR = fixturePath('tong-hop-xa-2024.xlsx');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The task pane's width in Excel (narrowest common width). */
export const PANE_WIDTH = 350;

export function distDir(): string {
  const dir = path.resolve(process.env.E2E_DIST ?? path.join(ROOT, '.e2e', 'dist'));
  if (!existsSync(path.join(dir, 'taskpane.html'))) {
    throw new Error(`No build at ${dir}. Run "npm run test:e2e" (it builds with OFFICE_JS=standin), or set E2E_DIST.`);
  }
  const html = readFileSync(path.join(dir, 'taskpane.html'), 'utf8');
  if (!html.includes('office-js/standin.js')) throw new Error(`${dir} was not built with OFFICE_JS=standin`);
  return dir;
}

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  const found = fromEnv ?? ['chromium', 'chromium-browser', 'google-chrome'].map(findTool).find((p): p is string => !!p);
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH).');
  return found;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface StaticServer {
  origin: string;
  /** Paths requested, in order. */
  hits: string[];
  close(): Promise<void>;
}

/** Serve `root` on 127.0.0.1 at a random port (GET/HEAD only, no directory listing, no escape from root). */
export function serveStatic(root: string): Promise<StaticServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    hits.push(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'taskpane.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        origin: `http://127.0.0.1:${port}`,
        hits,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

export interface Browser {
  context: BrowserContext;
  downloads: string;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (--user-data-dir) and a downloads folder of its own. */
export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'par-e2e-profile-'));
  const downloads = mkdtempSync(path.join(os.tmpdir(), 'par-e2e-downloads-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_FLAGS,
    acceptDownloads: true,
    downloadsPath: downloads,
    viewport: { width: PANE_WIDTH, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(20_000);
  return {
    context,
    downloads,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

export interface PaneOptions {
  /** The workbook "open in Excel" (the stand-in's fake Excel); absent: a plain browser. */
  excel?: FakeWorkbookInput;
  officeTheme?: OfficeStandinConfig['officeTheme'];
  displayLanguage?: string;
  /** Pane language saved in localStorage before the page loads. */
  locale?: 'vi' | 'en';
  /** Serve no office.js at all (the stand-in answers 404). */
  withoutOfficeJs?: boolean;
  width?: number;
  height?: number;
  /** The browser's light or dark preference (prefers-color-scheme). */
  colorScheme?: 'light' | 'dark';
  /**
   * Every request to another origin, and office.js itself (the stand-in, where the CDN's would
   * be), never answered: an intranet whose firewall drops them. The navigation then waits only
   * for the response to start (the page's load event may never come).
   */
  hangOutside?: boolean;
}

export interface Pane {
  page: Page;
  /** Every request the page made. */
  requests: string[];
  /** Console errors, page errors and CSP violations. */
  errors: string[];
  /** Fail when a request left the local server or the page logged an error. */
  assertClean(options?: { allowErrors?: RegExp[] }): void;
  close(): Promise<void>;
}

/** Requests a page may make besides the local server: none but its own blob:/data: URLs. */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter((u) => !(u.startsWith(`${origin}/`) || u === origin || u.startsWith('blob:') || u.startsWith('data:')));
}

export async function openPane(browser: Browser, server: StaticServer, query = '', options: PaneOptions = {}): Promise<Pane> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: options.width ?? PANE_WIDTH, height: options.height ?? 900 });
  await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r: Request) => requests.push(r.url()));
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  if (options.hangOutside) {
    // (A route handler that never fulfils, continues or aborts leaves the request pending.)
    await page.route(
      (url) => url.origin !== server.origin || url.pathname.endsWith('/office-js/standin.js'),
      () => undefined,
    );
  }
  if (options.withoutOfficeJs) {
    await page.route('**/office-js/standin.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  }
  const config: OfficeStandinConfig = {};
  if (options.excel) {
    config.workbook = options.excel;
    config.options = { displayLanguage: options.displayLanguage ?? 'vi-VN' };
  }
  if (options.officeTheme) config.officeTheme = options.officeTheme;
  await page.addInitScript(
    ([cfg, locale]) => {
      (window as unknown as { __PAR_OFFICE_STANDIN__: unknown }).__PAR_OFFICE_STANDIN__ = cfg;
      try {
        if (locale) localStorage.setItem('par-scorecard.locale', locale);
        else localStorage.removeItem('par-scorecard.locale');
      } catch {
        // storage unavailable: the pane falls back to Vietnamese
      }
    },
    [config, options.locale ?? null] as const,
  );
  await page.goto(`${server.origin}/taskpane.html${query}`, { waitUntil: options.hangOutside ? 'commit' : 'load' });
  return {
    page,
    requests,
    errors,
    assertClean({ allowErrors = [] } = {}) {
      expect(foreignRequests(requests, server.origin)).toEqual([]);
      expect(errors.filter((e) => !allowErrors.some((re) => re.test(e)))).toEqual([]);
    },
    close: () => page.close(),
  };
}

/** Pick a file through the page's <input type=file> (what "Mở tệp Excel…" opens). */
export async function chooseFile(
  page: Page,
  click: () => Promise<unknown>,
  file: string | { name: string; buffer: Buffer },
): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click()]);
  if (typeof file === 'string') await chooser.setFiles(file);
  else
    await chooser.setFiles({
      name: file.name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file.buffer,
    });
}

/** The build's script files that contain ExcelJS (the .xlsx library), wherever webpack put it. */
export function excelJsChunks(dist: string = distDir()): string[] {
  return readdirSync(dist).filter((f) => f.endsWith('.js') && /exceljs/i.test(readFileSync(path.join(dist, f), 'utf8')));
}

/** The script files (paths without the leading '/') a page requested. */
export function scriptsRequested(requests: string[]): string[] {
  return requests.map((u) => new URL(u).pathname.slice(1)).filter((p) => p.endsWith('.js'));
}

/** The built pane served on 127.0.0.1 and one Chromium, for the tests of one file. */
export interface PaneSite {
  /** openPane on this file's server and browser. */
  open(query?: string, options?: PaneOptions): Promise<Pane>;
  /** The browser's downloads folder. */
  readonly downloads: string;
}

/** Serve dist/ and launch Chromium before the file's tests; close both after them. */
export function usePaneSite(): PaneSite {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveStatic(distDir());
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    open: (query = '', options = {}) => openPane(browser!, server!, query, options),
    get downloads() {
      return browser!.downloads;
    },
  };
}
