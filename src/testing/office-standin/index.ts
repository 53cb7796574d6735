/// <reference types="office-js" />
/**
 * A local stand-in for office.js, for browser end-to-end tests (built into the pages when
 * `OFFICE_JS=standin`: taskpane.html then loads office-js/standin.js instead of Microsoft's CDN).
 *
 * Before the page's scripts run, a test may set `window.__PAR_OFFICE_STANDIN__` (Playwright:
 * page.addInitScript). With a workbook in it, the stand-in builds the in-memory fake Excel
 * (src/testing/fake-excel) preloaded with that workbook and installs it as the `Office`, `Excel`
 * and `OfficeExtension` globals: the pane runs as inside Excel, and the test reads back what was
 * written through `window.__parFake`. Without one, it behaves as office.js does in a plain
 * browser tab: Office.onReady resolves with no host (the pane then opens standalone).
 */
import {
  createFakeExcel,
  installFakeOffice,
  type FakeExcel,
  type FakeExcelOptions,
  type FakeWorkbookDump,
  type FakeWorkbookInput,
} from '../fake-excel';
import type { WorkbookSnapshot } from '../../core/snapshot';

export interface OfficeStandinConfig {
  /** The workbook "open in Excel". Absent: no Excel (a plain browser). */
  workbook?: FakeWorkbookInput;
  options?: FakeExcelOptions;
  /** Office.context.platform ('PC', 'OfficeOnline', 'Mac'). */
  platform?: string;
  /** Office.context.officeTheme (the pane picks a dark theme on a dark body background). */
  officeTheme?: {
    bodyBackgroundColor: string;
    bodyForegroundColor: string;
    controlBackgroundColor: string;
    controlForegroundColor: string;
  };
}

/** What a test can reach in the page (page.evaluate(() => window.__parFake.dump())). */
export interface OfficeStandinHandle {
  fake: FakeExcel;
  dump(): FakeWorkbookDump;
  snapshot(): WorkbookSnapshot;
  /** The user selects a range in Excel (fires onSelectionChanged). */
  select(sheet: string, address: string): Promise<void>;
  /** The user types into a cell (fires onChanged). */
  edit(sheet: string, address: string, value: string | number | boolean | null): Promise<void>;
  setSheetProtected(sheet: string, value: boolean): void;
  syncCount(): number;
}

declare global {
  interface Window {
    __PAR_OFFICE_STANDIN__?: OfficeStandinConfig;
    __parFake?: OfficeStandinHandle;
  }
}

type Info = { host: Office.HostType | null; platform: Office.PlatformType | null };

/** office.js outside an Office host: onReady resolves with host and platform null. */
function installPlainBrowserOffice(g: Record<string, unknown>): void {
  const info: Info = { host: null, platform: null };
  g.Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac' },
    onReady(callback?: (i: Info) => void) {
      return new Promise<Info>((resolve) => {
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0);
      });
    },
    context: {},
  };
}

function install(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const config = (globalThis as unknown as Window).__PAR_OFFICE_STANDIN__;
  if (!config?.workbook) {
    installPlainBrowserOffice(g);
    return;
  }
  const fake = createFakeExcel(config.workbook, config.options ?? {});
  installFakeOffice(fake, { platform: config.platform });
  const office = g.Office as { context: Record<string, unknown> };
  if (config.officeTheme) office.context.officeTheme = config.officeTheme;
  // Office.context.host as office.js reports it inside Excel.
  if (office.context.host === undefined) office.context.host = 'Excel';
  const handle: OfficeStandinHandle = {
    fake,
    dump: () => fake.workbookState(),
    snapshot: () => fake.toSnapshot(),
    select: (sheet, address) => fake.simulateSelect(sheet, address),
    edit: (sheet, address, value) => fake.simulateEdit(sheet, address, value),
    setSheetProtected: (sheet, value) => fake.setSheetProtected(sheet, value),
    syncCount: () => fake.syncCount,
  };
  (globalThis as unknown as Window).__parFake = handle;
}

install();
