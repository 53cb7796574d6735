/// <reference types="office-js" />
/**
 * An in-memory Excel good enough to run the Office.js adapter unmodified, in jest and in browser
 * end-to-end tests (as a stand-in for office.js). See objects.ts for the proxy semantics.
 *
 *   const fake = createFakeExcel({ sheets: [{ name: 'Sheet1', cells: [[{ v: 1, t: 'n' }]] }] });
 *   const snapshot = await readSnapshot(fake.context);
 *   fake.syncCount; fake.requests; fake.workbookState();
 */
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { parseA1 } from '../../core/a1';
import {
  cellFromSnapshot,
  cellKey,
  cellToSnapshot,
  cloneBook,
  enter,
  keyCol,
  keyRow,
  parseAddress,
  rectA1,
  sameName,
  sheetNameProblem,
  type FakeBook,
  type FakeCell,
  type FakeChart,
  type FakeDataValidationErrorAlert,
  type FakeDataValidationPrompt,
  type FakeDataValidationRule,
  type FakeSheet,
  type FakeVisibility,
  type Rect,
} from './model';
import { FakeContext, FakeOfficeError, emptySheet, type Exec, type FakeHost, type Op } from './objects';
// Worksheet.charts registers itself with the worksheet (objects.ts worksheetKids).
import './charts';
import { recordType } from './data-validation';
import { changedEventArgs, changedKeys, type DataChange } from './events';
import { EXCEL_PAYLOAD_LIMIT_BYTES } from '../../hosts/office/payload';

export { FakeOfficeError, MERGED_AREAS_MAX } from './objects';
export type {
  FakeBasicValidation,
  FakeCell,
  FakeChart,
  FakeDataValidation,
  FakeDataValidationErrorAlert,
  FakeDataValidationPrompt,
  FakeDataValidationRule,
} from './model';
export { installFakeOffice, type InstalledOffice, type InstallOptions } from './install';

export interface FakeConditionalFormatInput {
  range: string;
  formula: string;
  fill?: string;
  fontColor?: string;
}

/** A sheet of the fake: snapshot-shaped (a SheetSnapshot fits), every field but the name optional. */
export interface FakeSheetInput {
  name: string;
  cells?: (Cell | null | undefined)[][];
  merges?: string[];
  hiddenRows?: number[];
  hiddenColumns?: number[];
  protected?: boolean;
  visibility?: SheetSnapshot['visibility'];
  conditionalFormats?: FakeConditionalFormatInput[];
}

export interface FakeWorkbookInput {
  fileName?: string;
  sheets: FakeSheetInput[];
  /** Workbook structure protection (no sheet can be added, deleted or renamed). */
  workbookProtected?: boolean;
}

export interface FakeExcelOptions {
  /** Requirement sets the fake host supports. Default: ExcelApi 1.17, DialogApi 1.2. */
  supportedSets?: Record<string, string>;
  /** Request and response limit per sync (Excel on the web: 5 MB). */
  payloadLimitBytes?: number;
  displayLanguage?: string;
}

export interface FakeRequestRecord {
  /**
   * Bytes of the request: as office.js serialises it when the office.js mirror is installed
   * (src/testing/officejs-host, every jest run), else the fake's own estimate.
   */
  bytes: number;
  /** Where `bytes` comes from. */
  source: 'office.js' | 'estimate';
  /** The fake's own estimate of the queued operations (48 B + JSON each), for comparison. */
  estimatedBytes: number;
  /**
   * Bytes of the response: with the office.js mirror, the response message in office.js's format
   * (`{"Results":[…]}`) filled with the loaded data; else the loaded data's JSON.
   */
  responseBytes: number;
  responseSource?: 'office.js';
  operations: number;
  writes: number;
  /** The error code when Excel rejected the batch. */
  error?: string;
}

export interface FakeSheetDump extends SheetSnapshot {
  conditionalFormats: { range: string; type: string; formula?: string; fill?: string; fontColor?: string }[];
  formats: {
    range: string;
    fill?: string | null;
    fontColor?: string;
    bold?: boolean;
    italic?: boolean;
    size?: number;
    wrapText?: boolean;
  }[];
  hyperlinks: { address: string; documentReference?: string; url?: string; textToDisplay?: string }[];
  /**
   * Data validation, one entry per rectangle of cells with the same validation (a write over part
   * of an earlier one splits it). `rule` null: any value (a prompt alone); operands are formulas ("=3").
   */
  dataValidations: {
    range: string;
    /** Excel.DataValidationType: 'Decimal', 'WholeNumber', 'List', … or 'None'. */
    type: string;
    rule: FakeDataValidationRule | null;
    prompt: FakeDataValidationPrompt;
    errorAlert: FakeDataValidationErrorAlert;
    ignoreBlanks: boolean;
  }[];
  /** Cells entered as literal text with a leading apostrophe. */
  quotePrefixed: string[];
  columnWidths: Record<number, number>;
  freezeRows: number;
  freezeColumns: number;
}

export interface FakeWorkbookDump {
  fileName: string;
  sheets: FakeSheetDump[];
  activeSheet: string;
  selection: { sheet: string; address: string };
  /** Batches that suspended API calculation. */
  calculationSuspensions: number;
  /** Workbook-scoped defined names, formulas as written ("='Sheet'!$D$10:$M$48"). */
  names: { name: string; formula: string }[];
}

export type { WorksheetChangedArgs } from './events';

export interface FakeExcel {
  /** A request context on the fake (typed as the real one, so adapter code takes it as is). */
  readonly context: Excel.RequestContext;
  /** Like Excel.run: a new context; pending operations are synced when the function returns. */
  run<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  readonly syncCount: number;
  readonly requests: FakeRequestRecord[];
  resetCounters(): void;
  /** Everything the fake holds, as plain data. */
  workbookState(): FakeWorkbookDump;
  /** The workbook as a snapshot (ground truth for readSnapshot tests). */
  toSnapshot(): WorkbookSnapshot;
  /** The internal cell at an address (undefined when empty). */
  cell(sheet: string, address: string): FakeCell | undefined;
  /** The charts on a sheet, as the Office.js calls made them (charts.ts). */
  charts(sheet: string): FakeChart[];
  /** A user typing into a cell: applies the value and fires onChanged handlers. */
  simulateEdit(sheet: string, address: string, value: string | number | boolean | null): Promise<void>;
  /** A user selecting a range: fires onSelectionChanged handlers. */
  simulateSelect(sheet: string, address: string): Promise<void>;
  /** Protect or unprotect a sheet as the user would. */
  setSheetProtected(sheet: string, value: boolean): void;
  /**
   * Make the n-th sync from now fail before Excel runs any of it (a lost connection, the pane
   * closed mid-write): the syncs before it stay applied, nothing of it or after it is.
   */
  interruptSync(n: number): void;
  supports(name: string, version: string): boolean;
  readonly displayLanguage: string;
}

const VIS: Record<SheetSnapshot['visibility'], FakeVisibility> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };
const VIS_BACK: Record<FakeVisibility, SheetSnapshot['visibility']> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function buildBook(input: FakeWorkbookInput, newId: (p: string) => string): FakeBook {
  const sheets: FakeSheet[] = [];
  for (const si of input.sheets) {
    const problem = sheetNameProblem(si.name);
    if (problem) throw new Error(`Fake workbook: ${problem} (${si.name})`);
    if (sheets.some((s) => sameName(s.name, si.name))) throw new Error(`Fake workbook: duplicate sheet ${si.name}`);
    const s = emptySheet(newId('sheet'), si.name);
    s.visibility = VIS[si.visibility ?? 'visible'];
    s.protected = Boolean(si.protected);
    (si.cells ?? []).forEach((row, r) => {
      (row ?? []).forEach((cell, c) => {
        if (!cell) return;
        const fc = cellFromSnapshot(cell);
        if (fc) s.cells.set(cellKey(r + 1, c + 1), fc);
      });
    });
    for (const m of si.merges ?? []) s.merges.push(toRect(m));
    for (const r of si.hiddenRows ?? []) s.hiddenRows.add(r);
    for (const c of si.hiddenColumns ?? []) s.hiddenColumns.add(c);
    for (const cf of si.conditionalFormats ?? []) {
      s.conditionalFormats.push({
        id: newId('cf'),
        range: toRect(cf.range),
        type: 'Custom',
        formula: cf.formula,
        fill: cf.fill,
        fontColor: cf.fontColor,
      });
    }
    sheets.push(s);
  }
  if (sheets.length === 0) sheets.push(emptySheet(newId('sheet'), 'Sheet1'));
  const first = sheets.find((s) => s.visibility === 'Visible');
  if (!first) throw new Error('Fake workbook: at least one sheet must be visible');
  return {
    name: input.fileName ?? 'Book1.xlsx',
    sheets,
    activeSheetId: first.id,
    selection: { sheetId: first.id, range: { top: 1, left: 1, bottom: 1, right: 1 } },
    protected: Boolean(input.workbookProtected),
    nextId: 0,
    calculationSuspensions: 0,
    names: [],
  };
}

function toRect(range: string): Rect {
  const p = parseAddress(range);
  if (!p) throw new Error(`Fake workbook: bad range ${range}`);
  return p.rect;
}

/**
 * What each new context is handed out as. The default is the fake context itself; jest installs
 * the office.js request mirror here (src/testing/officejs-host/jest-setup.ts), so the code under
 * test drives Microsoft's own `Excel.*` classes and every request is measured as office.js
 * serialises it.
 */
export type ContextDecorator = (ctx: FakeContext) => Excel.RequestContext;
let contextDecorator: ContextDecorator | null = null;

/** Install (or, with null, remove) the decorator; returns the previous one. */
export function setContextDecorator(decorator: ContextDecorator | null): ContextDecorator | null {
  const previous = contextDecorator;
  contextDecorator = decorator;
  return previous;
}

function decorate(ctx: FakeContext): Excel.RequestContext {
  return contextDecorator ? contextDecorator(ctx) : (ctx as unknown as Excel.RequestContext);
}

type Handler = (args: unknown) => unknown;

/** Everything a fake Excel holds besides what its contexts queue: the steps below take it explicitly. */
interface FakeState {
  readonly host: FakeHost;
  readonly handlers: Map<string, Set<Handler>>;
  readonly requests: FakeRequestRecord[];
  syncCount: number;
  /** The sync (counted like syncCount) that fails as a lost connection; 0: none. */
  interruptAt: number;
}

export function createFakeExcel(input: FakeWorkbookInput, options: FakeExcelOptions = {}): FakeExcel {
  const state = createState(input, options);
  const host = state.host;
  return {
    context: decorate(new FakeContext(host)),
    run: <T>(fn: (ctx: Excel.RequestContext) => Promise<T>) => runInNewContext(host, fn),
    get syncCount() {
      return state.syncCount;
    },
    requests: state.requests,
    resetCounters() {
      state.syncCount = 0;
      state.requests.length = 0;
    },
    workbookState: () => dump(host.book),
    toSnapshot: () => toSnapshot(host.book),
    cell(sheet, address) {
      const { row, col } = parseA1(address);
      return sheetNamed(host.book, sheet).cells.get(cellKey(row, col));
    },
    charts: (sheet) => sheetNamed(host.book, sheet).charts ?? [],
    simulateEdit: (sheet, address, value) => simulateEdit(state, sheet, address, value),
    simulateSelect: (sheet, address) => simulateSelect(state, sheet, address),
    setSheetProtected: (sheet, value) => setSheetProtected(host, sheet, value),
    interruptSync(n) {
      state.interruptAt = state.syncCount + n;
    },
    supports: host.supports,
    displayLanguage: options.displayLanguage ?? 'vi-VN',
  };
}

function createState(input: FakeWorkbookInput, options: FakeExcelOptions): FakeState {
  let counter = 0;
  const newId = (prefix: string) => `{${prefix}-${++counter}}`;
  const supported: Record<string, string> = { ExcelApi: '1.17', DialogApi: '1.2', ...options.supportedSets };
  const handlers = new Map<string, Set<Handler>>();
  const host: FakeHost = {
    book: buildBook(input, newId),
    payloadLimitBytes: options.payloadLimitBytes ?? EXCEL_PAYLOAD_LIMIT_BYTES,
    supports: (name, version) => supported[name] !== undefined && compareVersions(supported[name], version) >= 0,
    newId,
    addHandler(key, handler) {
      if (!handlers.has(key)) handlers.set(key, new Set());
      handlers.get(key)!.add(handler);
    },
    removeHandler(key, handler) {
      handlers.get(key)?.delete(handler);
    },
    runSync: (ctx) => runSync(state, ctx),
  };
  const state: FakeState = { host, handlers, requests: [], syncCount: 0, interruptAt: 0 };
  return state;
}

/** Like Excel.run: a new context; pending operations are synced when the function returns. */
async function runInNewContext<T>(host: FakeHost, fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
  const ctx = new FakeContext(host);
  const result = await fn(decorate(ctx));
  if (ctx._queue.length > 0) await ctx.sync();
  return result;
}

/** context.sync(): take the request, run its operations on a copy of the book, answer, commit. */
async function runSync(state: FakeState, ctx: FakeContext): Promise<void> {
  const { ops, record } = takeRequest(state, ctx);
  // Office.js answers asynchronously: let callers observe pending promises as with the real API.
  await Promise.resolve();
  refuseRequest(state, record);
  const exec = executeOps(state.host, ctx, ops, record);
  // Each sync is committed on its own: a later sync that fails leaves this one's changes in
  // the workbook. Docs: "Application-specific API model" (Office Add-ins),
  // https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model —
  // sync() runs the commands queued since the last sync; the API has no transaction or undo
  // spanning syncs, so a retry must find and repair what an interrupted write left.
  for (const f of exec.after) f();
  for (const o of exec.touched) o._nullKnown = o._binding === null;
  encodeResponse(state.host, ctx, exec, record);
  state.host.book = exec.book;
  ctx._deliverResponse?.();
  if (exec.selectionChanged) void fireSelection(state);
  if (exec.dataChanges) raiseAddinChanges(state, exec.dataChanges);
}

/** The context's queued operations, counted and measured as one request. */
function takeRequest(state: FakeState, ctx: FakeContext): { ops: Op[]; record: FakeRequestRecord } {
  const ops = ctx._queue;
  ctx._queue = [];
  state.syncCount++;
  const estimatedBytes = 64 + ops.reduce((n, o) => n + o.bytes, 0);
  const measured = ctx._measureRequest?.();
  const record: FakeRequestRecord = {
    bytes: measured ?? estimatedBytes,
    source: measured === undefined ? 'estimate' : 'office.js',
    estimatedBytes,
    responseBytes: 0,
    operations: ops.length,
    writes: ops.filter((o) => o.write).length,
  };
  state.requests.push(record);
  return { ops, record };
}

/** A request Excel rejects before running any of it: a lost connection, or over the payload limit. */
function refuseRequest(state: FakeState, record: FakeRequestRecord): void {
  if (state.syncCount === state.interruptAt) {
    record.error = 'GeneralException';
    throw new FakeOfficeError('GeneralException', 'The connection to Excel was lost (simulated).', 'RequestContext.sync');
  }
  // "Excel on the web has a payload size limit for requests and responses of 5 MB";
  // RichApi.Error.RequestPayloadSizeLimitExceeded otherwise. Docs: "Resource limits and
  // performance optimization for Office Add-ins",
  // https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
  if (record.bytes > state.host.payloadLimitBytes) {
    record.error = 'RequestPayloadSizeLimitExceeded';
    throw new FakeOfficeError(
      'RequestPayloadSizeLimitExceeded',
      `The request payload size has exceeded the limit (${record.bytes} bytes).`,
      'RequestContext.sync',
    );
  }
}

/**
 * Run the operations in order, writes on a copy of the book (the host's book is untouched until
 * the sync commits). On any failure nothing of the batch is kept and its objects stay unbound.
 */
function executeOps(host: FakeHost, ctx: FakeContext, ops: Op[], record: FakeRequestRecord): Exec {
  const exec: Exec = {
    book: record.writes > 0 ? cloneBook(host.book) : host.book,
    host,
    after: [],
    responseBytes: 0,
    touched: [],
    selectionChanged: false,
  };
  try {
    for (const op of ops) op.run(exec);
    record.responseBytes = 64 + exec.responseBytes;
    if (!ctx._measureResponse && record.responseBytes > host.payloadLimitBytes) {
      throw responseTooLarge(record);
    }
  } catch (e) {
    record.error = (e as { code?: string }).code ?? 'Error';
    for (const o of exec.touched) {
      o._binding = undefined;
    }
    throw e;
  }
  return exec;
}

/**
 * The response message for this request, in office.js's format (with the office.js mirror),
 * refused over the limit like a request (nothing of the batch is kept then, and office.js's
 * objects stay unloaded).
 */
function encodeResponse(host: FakeHost, ctx: FakeContext, exec: Exec, record: FakeRequestRecord): void {
  if (!ctx._measureResponse) return;
  record.responseBytes = ctx._measureResponse();
  record.responseSource = 'office.js';
  if (record.responseBytes > host.payloadLimitBytes) {
    record.error = 'ResponsePayloadSizeLimitExceeded';
    for (const o of exec.touched) o._binding = undefined;
    throw responseTooLarge(record);
  }
}

function responseTooLarge(record: FakeRequestRecord): FakeOfficeError {
  return new FakeOfficeError(
    'ResponsePayloadSizeLimitExceeded',
    `The response payload size has exceeded the limit (${record.responseBytes} bytes).`,
    'RequestContext.sync',
  );
}

async function fire(state: FakeState, key: string, args: unknown): Promise<void> {
  for (const h of [...(state.handlers.get(key) ?? [])]) await h(args);
}

/**
 * The add-in's own writes raise onChanged like a user's edit (events.ts), once the batch's
 * response is back: after the sync resolves, never inside it.
 */
function raiseAddinChanges(state: FakeState, changes: DataChange[]): void {
  setTimeout(() => {
    void (async () => {
      for (const change of changes) {
        if (!state.host.book.sheets.some((s) => s.id === change.sheetId)) continue;
        const args = changedEventArgs(change, 'addin', state.host.supports);
        for (const key of changedKeys(change.sheetId)) await fire(state, key, args);
      }
    })().catch(() => undefined); // Office.js does not hand a handler's failure back to anyone.
  }, 0);
}

async function fireSelection(state: FakeState): Promise<void> {
  const book = state.host.book;
  const sel = book.selection;
  const sheet = book.sheets.find((s) => s.id === sel.sheetId);
  if (!sheet) return;
  const args = { type: 'WorksheetSelectionChanged', address: rectA1(sel.range), worksheetId: sheet.id };
  await fire(state, `sheet:${sheet.id}:selection`, args);
  await fire(state, 'worksheets:selection', args);
  await fire(state, 'workbook:selection', { type: 'SelectionChanged', workbook: null });
}

function sheetNamed(book: FakeBook, name: string): FakeSheet {
  const s = book.sheets.find((x) => sameName(x.name, name));
  if (!s) throw new Error(`Fake workbook: no sheet ${name}`);
  return s;
}

/** A user typing into a cell (or every cell of a range): the value applied, onChanged fired. */
async function simulateEdit(state: FakeState, sheet: string, address: string, value: string | number | boolean | null): Promise<void> {
  const host = state.host;
  const s = sheetNamed(host.book, sheet);
  if (s.protected) throw new FakeOfficeError('AccessDenied', 'The cell is on a protected sheet.', 'simulateEdit');
  const p = parseAddress(address);
  if (!p) throw new Error(`bad address ${address}`);
  const book = cloneBook(host.book);
  const target = book.sheets.find((x) => x.id === s.id)!;
  for (let r = p.rect.top; r <= p.rect.bottom; r++) {
    for (let c = p.rect.left; c <= p.rect.right; c++) {
      const k = cellKey(r, c);
      const next = enter(target.cells.get(k), value === null ? '' : value);
      if (next) target.cells.set(k, next);
      else target.cells.delete(k);
    }
  }
  host.book = book;
  const args = changedEventArgs({ sheetId: s.id, rect: p.rect }, 'user', host.supports);
  for (const key of changedKeys(s.id)) await fire(state, key, args);
}

async function simulateSelect(state: FakeState, sheet: string, address: string): Promise<void> {
  const host = state.host;
  const s = sheetNamed(host.book, sheet);
  const p = parseAddress(address);
  if (!p) throw new Error(`bad address ${address}`);
  host.book = { ...host.book, activeSheetId: s.id, selection: { sheetId: s.id, range: p.rect } };
  await fireSelection(state);
}

function setSheetProtected(host: FakeHost, sheet: string, value: boolean): void {
  const book = cloneBook(host.book);
  book.sheets.find((x) => x.id === sheetNamed(host.book, sheet).id)!.protected = value;
  host.book = book;
}

function sheetCells(s: FakeSheet): (Cell | null)[][] {
  let maxRow = 0;
  for (const k of s.cells.keys()) if (keyRow(k) > maxRow) maxRow = keyRow(k);
  const rows: (Cell | null)[][] = Array.from({ length: maxRow }, () => []);
  for (const [k, c] of s.cells) {
    const snap = cellToSnapshot(c);
    if (!snap) continue;
    const row = rows[keyRow(k) - 1];
    const col = keyCol(k) - 1;
    while (row.length < col) row.push(null);
    row[col] = snap;
  }
  // Trailing empty rows (format-only cells) are not part of the grid.
  while (rows.length && rows[rows.length - 1].every((c) => c === null)) rows.pop();
  return rows;
}

function toSheetSnapshot(s: FakeSheet): SheetSnapshot {
  return {
    name: s.name,
    cells: sheetCells(s),
    merges: s.merges.map(rectA1),
    hiddenRows: [...s.hiddenRows].sort((a, b) => a - b),
    hiddenColumns: [...s.hiddenColumns].sort((a, b) => a - b),
    protected: s.protected,
    visibility: VIS_BACK[s.visibility],
  };
}

function toSnapshot(book: FakeBook): WorkbookSnapshot {
  return { fileName: book.name, sheets: book.sheets.map(toSheetSnapshot) };
}

function dump(book: FakeBook): FakeWorkbookDump {
  const selSheet = book.sheets.find((s) => s.id === book.selection.sheetId);
  const active = book.sheets.find((s) => s.id === book.activeSheetId);
  return {
    fileName: book.name,
    activeSheet: active?.name ?? '',
    selection: { sheet: selSheet?.name ?? '', address: rectA1(book.selection.range) },
    calculationSuspensions: book.calculationSuspensions,
    names: book.names.map((n) => ({ name: n.name, formula: n.formula })),
    sheets: book.sheets.map((s) => {
      const hyperlinks: FakeSheetDump['hyperlinks'] = [];
      const quotePrefixed: string[] = [];
      const keys = [...s.cells.keys()].sort((a, b) => a - b);
      for (const k of keys) {
        const c = s.cells.get(k)!;
        const address = rectA1({ top: keyRow(k), left: keyCol(k), bottom: keyRow(k), right: keyCol(k) });
        if (c.hyperlink) {
          const h: FakeSheetDump['hyperlinks'][number] = { address };
          if (c.hyperlink.documentReference !== undefined) h.documentReference = c.hyperlink.documentReference;
          if (c.hyperlink.address !== undefined) h.url = c.hyperlink.address;
          if (c.hyperlink.textToDisplay !== undefined) h.textToDisplay = c.hyperlink.textToDisplay;
          hyperlinks.push(h);
        }
        if (c.quotePrefix) quotePrefixed.push(address);
      }
      return {
        ...toSheetSnapshot(s),
        conditionalFormats: s.conditionalFormats.map((cf) => {
          const o: FakeSheetDump['conditionalFormats'][number] = { range: rectA1(cf.range), type: cf.type };
          if (cf.formula !== undefined) o.formula = cf.formula;
          if (cf.fill !== undefined) o.fill = cf.fill;
          if (cf.fontColor !== undefined) o.fontColor = cf.fontColor;
          return o;
        }),
        formats: s.formats.map(({ range, ...rest }) => ({ range: rectA1(range), ...rest })),
        dataValidations: s.dataValidations.map((d) => ({
          range: rectA1(d.range),
          type: recordType(d),
          rule: d.rule === null ? null : (JSON.parse(JSON.stringify(d.rule)) as FakeDataValidationRule),
          prompt: { ...d.prompt },
          errorAlert: { ...d.errorAlert },
          ignoreBlanks: d.ignoreBlanks,
        })),
        hyperlinks,
        quotePrefixed,
        columnWidths: Object.fromEntries(s.columnWidths),
        freezeRows: s.freezeRows,
        freezeColumns: s.freezeColumns,
      };
    }),
  };
}
