/// <reference types="office-js" />
/**
 * The WorkbookHost of the workbook open in Excel: every call runs the Office.js adapter
 * (src/hosts/office) inside Excel.run. The host remembers the workbook state it last read or
 * wrote, so that plans and state saves keep the user's ignored findings and corrections.
 */
import { emptyPlan, type DataValidationPlan, type WritePlan } from '../../core/plan';
import type { WorkbookSnapshot } from '../../core/snapshot';
import { emptyState, readState, type WorkbookState } from '../../core/state';
import { readSnapshotWithStats } from '../../hosts/office/read';
import { OfficeWriteError, officeErrorCode } from '../../hosts/office/errors';
import { FEATURE_SETS, isSetSupported, requireSet } from '../../hosts/office/requirements';
import { footprintOf, OwnWrites } from './own-writes';
import { pickFileWithInput } from './pick-file';
import { pickFilesWithInput } from './pick-files';
import { saveWithLink } from './save-file';
import type { ApplyResult, CellEvent, PickedFile, ReadAfterEdits, SavedFile, SaveOutcome, Unsubscribe, WorkbookHost } from './types';

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeHostOptions {
  /** Excel.run, or a stand-in (tests pass the fake Excel's run). */
  run?: Run;
  pickFile?: () => Promise<PickedFile | null>;
  pickFiles?: () => Promise<PickedFile[]>;
}

interface Registration {
  context: OfficeExtension.ClientRequestContext;
  remove(): void;
}

/** Data validation needs ExcelApi 1.8; collection-wide events need 1.9 (per-sheet events: 1.7). */
const DATA_VALIDATION_SET = '1.8';
const COLLECTION_EVENTS_SET = '1.9';

/** Excel's limits for a data-validation error alert. */
const ALERT_TITLE_MAX = 32;
const ALERT_MESSAGE_MAX = 225;

/**
 * The Office.js writer (src/hosts/office/write.ts with its palette: 6.1 KB gzip) is not needed for the pane's
 * first paint: it loads once the workbook has been read, before the first click can need it.
 */
const loadWriter = () => import(/* webpackChunkName: "office-write" */ '../../hosts/office/write');

const clip = (s: string, n: number) => ([...s].length <= n ? s : `${[...s].slice(0, n - 1).join('')}…`);

export class OfficeHost implements WorkbookHost {
  private readonly run: Run;
  private readonly pick: () => Promise<PickedFile | null>;
  private readonly pickMany: () => Promise<PickedFile[]>;
  private state: WorkbookState = emptyState();
  /** Our own writes, whose change events are not the user's edits (own-writes.ts). */
  private readonly own = new OwnWrites();
  /**
   * The sheet ids of each snapshot this host read, for reading only edited sheets again (reuse.ts),
   * with the count of plan writes started or ended when its read began.
   */
  private readonly sheetIds = new WeakMap<WorkbookSnapshot, { ids: readonly string[]; writes: number }>();
  private writes = 0;

  constructor(options: OfficeHostOptions = {}) {
    this.run = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
    this.pick = options.pickFile ?? (() => pickFileWithInput());
    this.pickMany = options.pickFiles ?? (() => pickFilesWithInput());
  }

  async readSnapshot(after?: ReadAfterEdits): Promise<WorkbookSnapshot> {
    const known = after && this.sheetIds.get(after.previous);
    // The change events name sheets by worksheetId from ExcelApi 1.7 (the manifest's minimum):
    // below it, for a snapshot this host did not read, or one read before or during our last
    // write (whose own change events are dropped), the whole workbook is read.
    const reuse =
      after && known?.writes === this.writes && isSetSupported('ExcelApi', FEATURE_SETS.changeEvents)
        ? { previous: after.previous, sheetIds: known.ids, changed: after.changed }
        : undefined;
    const writes = this.writes;
    const read = await this.run((context) => readSnapshotWithStats(context, { reuse }));
    this.sheetIds.set(read.snapshot, { ids: read.sheetIds, writes });
    this.state = readState(read.snapshot);
    void loadWriter().catch(() => undefined);
    return read.snapshot;
  }

  async applyPlan(plan: WritePlan): Promise<ApplyResult> {
    const { dataValidations, ...rest } = plan;
    const hasOther = rest.cellWrites.length > 0 || rest.sheets.length > 0 || rest.conditionalFormats.length > 0;
    let sheetNames = new Map<string, string>();
    const { applyPlan } = await loadWriter();
    const write = this.own.begin(footprintOf(plan));
    this.writes++;
    try {
      if (hasOther || !dataValidations?.length) {
        const result = await this.run((context) => applyPlan(context, { ...emptyPlan(), ...rest }, this.state));
        this.state = result.state;
        sheetNames = result.sheetNames;
      }
      if (dataValidations?.length) await this.applyDataValidations(dataValidations);
    } finally {
      this.writes++;
      write.end(sheetNames.values());
    }
    return { sheetNames };
  }

  /** Data validation on score cells (ExcelApi 1.8): a decimal between min and max, with a prompt and a stop alert. */
  private async applyDataValidations(rules: DataValidationPlan[]): Promise<void> {
    requireSet('ExcelApi', DATA_VALIDATION_SET, { vi: 'kiểm tra dữ liệu (Data Validation)', en: 'data validation' });
    await this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const names = [...new Set(rules.map((r) => r.sheet))];
      const loaded = names.map((name) => {
        const ws = sheets.getItem(name);
        ws.load('name');
        ws.protection.load('protected');
        return ws;
      });
      await context.sync();
      for (const ws of loaded) if (ws.protection.protected) throw new OfficeWriteError('protected', { sheet: ws.name });
      for (const r of rules) {
        const dv = sheets.getItem(r.sheet).getRange(r.range).dataValidation;
        dv.clear();
        dv.rule = { decimal: { formula1: r.min, formula2: r.max, operator: 'Between' } };
        dv.prompt = { showPrompt: true, title: r.inputTitle, message: r.inputMessage };
        dv.errorAlert = {
          showAlert: true,
          style: 'Stop',
          title: clip(r.inputTitle, ALERT_TITLE_MAX),
          message: clip(r.inputMessage, ALERT_MESSAGE_MAX),
        };
        dv.ignoreBlanks = true;
      }
      try {
        await context.sync();
      } catch (e) {
        if (officeErrorCode(e) === 'AccessDenied') throw new OfficeWriteError('protected', { sheet: names.join(', '), cause: e });
        throw e;
      }
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    const { selectCell } = await loadWriter();
    await this.run((context) => selectCell(context, sheet, cell));
  }

  async clearHighlights(): Promise<void> {
    const { clearHighlights } = await loadWriter();
    const write = this.own.begin(footprintOf(null));
    this.writes++;
    try {
      const result = await this.run((context) => clearHighlights(context, this.state));
      this.state = result.state;
    } finally {
      this.writes++;
      write.end();
    }
  }

  async saveState(state: WorkbookState): Promise<void> {
    // An empty plan writes only the state (ownership merged with what the workbook records).
    const { applyPlan } = await loadWriter();
    const write = this.own.begin(footprintOf(null));
    try {
      const result = await this.run((context) => applyPlan(context, emptyPlan(), state));
      this.state = result.state;
    } finally {
      write.end();
    }
  }

  onChanged(handler: (event: CellEvent) => void): Unsubscribe {
    return this.listen('changed', handler);
  }

  onSelectionChanged(handler: (event: CellEvent) => void): Unsubscribe {
    return this.listen('selection', handler);
  }

  pickFile(): Promise<PickedFile | null> {
    return this.pick();
  }

  pickFiles(): Promise<PickedFile[]> {
    return this.pickMany();
  }

  /**
   * A file the pane made (the Word report), through the webview's download: in Excel on the web
   * the pane is a page of the user's browser and the file goes to its Downloads folder. Excel on
   * Windows and Mac host the pane in an embedded webview (WebView2, WKWebView), where Microsoft
   * documents that downloading a blob is not supported and points to opening a browser window
   * instead ("Browsers and webview controls used by Office Add-ins", Troubleshoot: "Get errors
   * trying to download a PDF file",
   * https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins):
   * the download is still tried, and the pane says what to do if no file comes (openInBrowser).
   * No upload: office.js has no API that saves a file from a task pane.
   */
  async saveFile(file: SavedFile): Promise<SaveOutcome> {
    saveWithLink(file);
    let platform: unknown;
    try {
      platform = (globalThis as { Office?: typeof Office }).Office?.context?.platform;
    } catch {
      platform = undefined;
    }
    return platform === 'OfficeOnline' ? 'downloaded' : 'offered';
  }

  /**
   * The pane's own page, standalone, in the user's browser (Office.context.ui.openBrowserWindow,
   * OpenBrowserWindowApi 1.1: Excel on Windows and Mac, not on the web, http(s) URLs only,
   * https://learn.microsoft.com/javascript/api/requirement-sets/common/open-browser-window-api-requirement-sets).
   * The workbook is not passed along (that would be an upload): the user opens the saved file there.
   */
  openInBrowser(): boolean {
    if (!isSetSupported('OpenBrowserWindowApi', '1.1') || typeof location === 'undefined') return false;
    try {
      Office.context.ui.openBrowserWindow(`${location.origin}${location.pathname}?standalone=1&view=compare`);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Register for worksheet events: on the worksheet collection where ExcelApi 1.9 allows it, else
   * on every sheet (1.7). Events name the sheet by id; the handler gets its name. Change events of
   * our own writes are dropped (own-writes.ts): the pane reads the workbook after each write itself.
   */
  private listen(kind: 'changed' | 'selection', handler: (event: CellEvent) => void): Unsubscribe {
    let registrations: Registration[] = [];
    let cancelled = false;
    const names = new Map<string, string>();
    /** The sheet's name by id: cached, or looked up (`fresh`: renamed sheets keep their id). */
    const nameOf = async (id: string, fresh: boolean): Promise<{ name: string; looked: boolean }> => {
      const known = names.get(id);
      if (known !== undefined && !fresh) return { name: known, looked: false };
      const name = await this.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(id);
        ws.load('name');
        await context.sync();
        return ws.name;
      });
      names.set(id, name);
      return { name, looked: true };
    };
    const deliver = async (args: { worksheetId: string; address: string; triggerSource?: string }) => {
      if (cancelled) return;
      let looked = false;
      if (kind === 'changed') {
        if (args.triggerSource === 'ThisLocalAddin') return;
        if (args.triggerSource === undefined) {
          // The echo check goes by the cached name: our writes cost no lookup per event.
          await this.own.settled();
          const cached = await nameOf(args.worksheetId, false);
          looked = cached.looked;
          if (this.own.isEcho({ sheet: cached.name, address: args.address })) return;
        }
      }
      // A user's change may follow a rename: the handler gets the sheet's current name.
      const { name } = await nameOf(args.worksheetId, kind === 'changed' && !looked);
      if (!cancelled) handler({ sheet: name, address: args.address });
    };
    const onEvent = (args: Excel.WorksheetChangedEventArgs | Excel.WorksheetSelectionChangedEventArgs) =>
      deliver(args).catch(() => undefined);

    void this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const regs: Registration[] = [];
      if (isSetSupported('ExcelApi', COLLECTION_EVENTS_SET)) {
        regs.push(kind === 'changed' ? sheets.onChanged.add(onEvent) : sheets.onSelectionChanged.add(onEvent));
      } else {
        sheets.load('items/name');
        await context.sync();
        for (const ws of sheets.items) regs.push(kind === 'changed' ? ws.onChanged.add(onEvent) : ws.onSelectionChanged.add(onEvent));
      }
      await context.sync();
      registrations = regs;
      if (cancelled) await removeAll(regs);
    }).catch(() => undefined);

    return () => {
      cancelled = true;
      void removeAll(registrations);
      registrations = [];
    };
  }
}

async function removeAll(regs: Registration[]): Promise<void> {
  for (const reg of regs) {
    try {
      // Office.js: an event registration is removed in a batch on its own context.
      await Excel.run(reg.context, async (context) => {
        reg.remove();
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- each registration on its own context, so one that fails does not keep the others
        await context.sync();
      });
    } catch {
      try {
        reg.remove();
        await reg.context.sync();
      } catch {
        // The pane is closing or the registration is gone already.
      }
    }
  }
}
