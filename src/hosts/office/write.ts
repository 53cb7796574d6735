/// <reference types="office-js" />
/**
 * Apply a WritePlan (src/core/plan.ts) to the open workbook through Office.js.
 *
 *   sync 1  read: every sheet's name and protection, the workbook's structure protection, the
 *           state sheet's content, and — for the user's sheets that get new highlights — the
 *           conditional formats on the ranges where our earlier highlights were recorded;
 *   (sync)  only when the state sheet records highlights of ours the caller did not know of (an
 *           interrupted write's, another pane's): the conditional formats on their ranges;
 *   sync 2  write everything, or refuse before writing anything (OfficeWriteError).
 *
 * A plan whose data is larger than the request budget (4 MB, Excel on the web allows 5 MB) is
 * written in further syncs, one per budget's worth (`ApplyResult.syncs`, `maxPayloadBytes`). Each
 * unit of writing counts its bytes as office.js serialises them (payload.ts: object paths,
 * Instantiate actions and arguments, not only the data), so a full sync stays under the budget.
 *
 * Interrupted writes: Excel does not undo an earlier sync when a later one fails, so the first
 * write sync records the outcome in the state sheet — the generated sheets as ours, the new
 * highlights as ours — together with the deletion of our earlier highlights. Whatever a later
 * sync leaves unwritten, a retry finds the sheets recorded as ours (and replaces them instead of
 * adding "… (2)") and the highlights recorded as ours (and deletes them before adding them again).
 *
 * Guarantees (the same as the .xlsx host):
 * - text is literal text: it is entered with a leading apostrophe (Excel's quote prefix), so
 *   "=1+1", "1.1.2", "0,5" or "TRUE" are stored as typed, never parsed as a formula, number, date
 *   or boolean — and the cell's number format is left alone;
 * - a generated sheet replaces only a sheet recorded as ours in the state sheet
 *   (resolveSheetName); a user's sheet of that name is kept and ours becomes "… (2)";
 * - highlights are conditional formats (one custom rule per planned range, never per-cell
 *   fills), recorded in the state sheet (`owned-cf`); a run's highlights on a sheet replace our
 *   earlier highlights there, and clearHighlights removes only ours.
 *
 * Reads that may find nothing use *OrNullObject and chain on it (the state sheet's used range,
 * a target sheet's ranges): Office.js resolves objects derived from a null object as null
 * objects and skips their loads, which is what lets these reads share sync 1 with the rest.
 */
import {
  definedNameReference,
  type CellContent,
  type CellStyle,
  type CellWrite,
  type GeneratedSheet,
  type GeneratedSheetPurpose,
  type HighlightStyle,
  type WritePlan,
} from '../../core/plan';
import { columnLetter, parseA1, quoteSheet } from '../../core/a1';
import { resolveSheetName } from '../../core/sheet-names';
import type { Cell, WorkbookSnapshot } from '../../core/snapshot';
import { STATE_SHEET_NAME, emptyState, readState, stateRows, type OwnedConditionalFormat, type WorkbookState } from '../../core/state';
import { CELL_STYLES, HIGHLIGHT_COLORS, PALETTE, cssColor } from '../palette';
import { chartUnits } from './charts';
import { OfficeWriteError, officeErrorCode } from './errors';
import { FEATURE_SETS, isSetSupported } from './requirements';
import {
  CHUNK_SHARE,
  REQUEST_BASE_BYTES,
  REQUEST_BUDGET_BYTES,
  SHEET_PATHS_BYTES,
  arrayWriteBytes,
  callBytes,
  jsonBytes,
  pathBytes,
  setBytes,
} from './payload';

export interface ApplyOptions {
  /** Largest estimated request of one sync (default 4 MB). */
  maxRequestBytes?: number;
  /**
   * Largest request bytes of one unit of writing: a block of rows, a run of links, a list of
   * highlights (default 128 KB: units this small fill each sync to within 3 % of the budget, so a
   * large write takes as few syncs as 4 MB a request allows; 1 MB units left syncs 10–15 % short).
   */
  maxRangeBytes?: number;
}

export interface AppliedSheet {
  desired: string;
  name: string;
  purpose: GeneratedSheetPurpose;
  replaced: boolean;
}

export interface ApplyResult {
  sheets: AppliedSheet[];
  /** Desired name → name actually used. */
  sheetNames: Map<string, string>;
  cellsWritten: number;
  conditionalFormatsAdded: number;
  conditionalFormatsRemoved: number;
  /** The state as written to the state sheet. */
  state: WorkbookState;
  /** Round trips made (1 read + the write syncs). */
  syncs: number;
  /** Request bytes of each write sync as office.js serialises them (payload.ts's model). */
  requestBytes: number[];
  maxPayloadBytes: number;
}

/** A unit of writing: queued into whichever write sync has room for it. */
interface Unit {
  bytes: number;
  queue(): void;
}

interface Candidate {
  record: OwnedConditionalFormat;
  collection: Excel.ConditionalFormatCollection;
}

const sheetKey = (name: string) => name.normalize('NFC').toLowerCase();

/** Text as Excel must store it: the quote prefix makes any text literal. */
export function literalText(s: string): string {
  return `'${s}`;
}

/** What goes into Range.formulas for one planned cell. */
export function formulaInput(content: CellContent): string | number {
  switch (content.kind) {
    case 'empty':
      return '';
    case 'number':
      return content.value;
    case 'text':
      return literalText(content.value);
    case 'formula':
      return content.formula.startsWith('=') ? content.formula : `=${content.formula}`;
  }
}

function numberFormatOf(content: CellContent): string | null {
  return content.kind === 'number' || content.kind === 'formula' ? (content.numberFormat ?? null) : null;
}

/** Characters → points (Calibri 11: 7 px per character plus 5 px padding; 0.75 pt per px). */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

function applyStyle(range: Excel.Range, style: CellStyle): number {
  const spec = CELL_STYLES[style];
  let ops = 0;
  if (spec.bold !== undefined) {
    range.format.font.bold = spec.bold;
    ops++;
  }
  if (spec.italic !== undefined) {
    range.format.font.italic = spec.italic;
    ops++;
  }
  if (spec.size !== undefined) {
    range.format.font.size = spec.size;
    ops++;
  }
  if (spec.fontColor) {
    range.format.font.color = cssColor(spec.fontColor);
    ops++;
  }
  if (spec.fill) {
    range.format.fill.color = cssColor(spec.fill);
    ops++;
  }
  if (spec.wrap !== undefined) {
    range.format.wrapText = spec.wrap;
    ops++;
  }
  if (spec.horizontal) {
    range.format.horizontalAlignment = HORIZONTAL[spec.horizontal];
    ops++;
  }
  if (spec.vertical) {
    range.format.verticalAlignment = VERTICAL[spec.vertical];
    ops++;
  }
  return ops;
}

function addHighlight(range: Excel.Range, formula: string, style: HighlightStyle): void {
  const cf = range.conditionalFormats.add('Custom');
  cf.custom.rule.formula = formula.startsWith('=') ? formula : `=${formula}`;
  const colors = HIGHLIGHT_COLORS[style];
  cf.custom.format.fill.color = cssColor(colors.fill);
  cf.custom.format.font.color = cssColor(colors.font);
}

/**
 * A list of conditional formats in the order to add them so that they end in plan order of
 * priority (core/plan.ts: an earlier entry wins). ConditionalFormatCollection.add "adds a new
 * conditional format to the collection at the first/top priority"
 * (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection, ExcelApi
 * 1.6), so the last one added is on top: they are added last first. (Setting
 * ConditionalFormat.priority, also 1.6, would need the new format's index among the sheet's; the
 * order of the adds needs nothing.)
 */
export function inAddOrder<T>(formats: readonly T[]): T[] {
  return [...formats].reverse();
}

/** Request bytes of addHighlight (the paths it reaches and the three properties it sets). */
function highlightBytes(range: string, formula: string): number {
  const paths = ['ConditionalFormats', 'Custom', 'Rule', 'Format', 'Fill', 'Font'].reduce((n, p) => n + pathBytes(p), 0);
  const rule = formula.startsWith('=') ? formula : `=${formula}`;
  return (
    pathBytes('GetRange', [range]) + pathBytes('Add', ['Custom']) + paths + setBytes('Formula', jsonBytes(rule)) + 2 * setBytes('Color', 9)
  );
}

const sameFormula = (a: string, b: string) => a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

/** The state sheet's rows (as loaded values) → WorkbookState. */
export function stateFromValues(values: unknown[][] | undefined): WorkbookState {
  if (!values) return emptyState();
  const cells: Cell[][] = values.map((row) => row.map((v) => ({ v: v === null || v === undefined ? '' : String(v), t: 's' as const })));
  const snapshot: WorkbookSnapshot = {
    sheets: [{ name: STATE_SHEET_NAME, cells, merges: [], hiddenRows: [], hiddenColumns: [], protected: false, visibility: 'veryHidden' }],
  };
  return readState(snapshot);
}

const recordKey = (c: OwnedConditionalFormat) =>
  `${sheetKey(c.sheet)}|${c.range.toUpperCase()}|${c.formula.replace(/\s+/g, '').toUpperCase()}`;

function uniqueRecords(list: OwnedConditionalFormat[]): OwnedConditionalFormat[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = recordKey(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Load the conditional formats on each recorded range (for matching by range + formula). */
function loadCandidates(sheetsByKey: Map<string, Excel.Worksheet>, records: OwnedConditionalFormat[]): Candidate[] {
  return records.flatMap((record) => {
    const ws = sheetsByKey.get(sheetKey(record.sheet));
    if (!ws) return [];
    const collection = ws.getRange(record.range).conditionalFormats;
    collection.load('items/id,items/type,items/customOrNullObject/rule/formula,items/customOrNullObject/format/fill/color');
    return [{ record, collection }];
  });
}

/**
 * The fills our highlights carry. A record may outlive its rule (a write interrupted after the
 * state was recorded and before the rule was added); a user's rule with the same formula on an
 * overlapping range is told apart by its fill.
 */
const OUR_FILLS = new Set(Object.values(HIGHLIGHT_COLORS).map((c) => cssColor(c.fill).toUpperCase()));

/**
 * Our highlights among the loaded candidates: per record, one custom rule carrying the recorded
 * formula on the recorded range. Collections list formats by priority and Excel adds new formats
 * at the top, so when a user's rule is identical, the first match is the more recent one — ours —
 * and the user's stays.
 */
function matchOurs(candidates: Candidate[]): { cf: Excel.ConditionalFormat; bytes: number }[] {
  const found = new Map<string, { cf: Excel.ConditionalFormat; bytes: number }>();
  for (const { record, collection } of candidates) {
    for (const cf of collection.items) {
      if (cf.type !== 'Custom' || found.has(cf.id)) continue;
      const custom = cf.customOrNullObject;
      if (
        custom.isNullObject ||
        !sameFormula(custom.rule.formula, record.formula) ||
        !OUR_FILLS.has(String(custom.format.fill.color).toUpperCase())
      )
        continue;
      // office.js reaches a loaded item by an indexer on its id, below the range's collection.
      const bytes =
        SHEET_PATHS_BYTES +
        pathBytes('GetRange', [record.range]) +
        pathBytes('ConditionalFormats') +
        pathBytes('', [cf.id]) +
        callBytes('Delete', []);
      found.set(cf.id, { cf, bytes });
      break;
    }
  }
  return [...found.values()];
}

/** Delete the matched highlights (one sync's worth is the caller's concern). */
function deleteMatches(candidates: Candidate[]): number {
  const ours = matchOurs(candidates);
  for (const { cf } of ours) cf.delete();
  return ours.length;
}

function stateRangeAddress(rows: number): string {
  return `A1:B${Math.max(1, rows)}`;
}

function queueStateWrite(context: Excel.RequestContext, exists: boolean, state: WorkbookState): Unit {
  const rows = stateRows(state).map(([k, v]) => [literalText(k), literalText(v)]);
  const address = stateRangeAddress(rows.length);
  const reach = exists
    ? pathBytes('GetItem', [STATE_SHEET_NAME]) + pathBytes('GetRange', [null]) + callBytes('Clear', ['Contents'])
    : pathBytes('Add', [STATE_SHEET_NAME]) + setBytes('Visibility', 12);
  return {
    bytes: SHEET_PATHS_BYTES + reach + pathBytes('GetRange', [address]) + arrayWriteBytes('Formulas', rows.length, 2, jsonBytes(rows)),
    queue() {
      const sheets = context.workbook.worksheets;
      const ws = exists ? sheets.getItem(STATE_SHEET_NAME) : sheets.add(STATE_SHEET_NAME);
      if (exists) ws.getRange().clear('Contents');
      ws.getRange(address).formulas = rows;
      if (!exists) ws.visibility = 'VeryHidden';
    },
  };
}

/** Rows of a generated sheet as row blocks under the range budget (measured, not guessed). */
function sheetBlocks(
  sheet: GeneratedSheet,
  maxRangeBytes: number,
): { start: number; formulas: (string | number)[][]; formats: (string | null)[][] | null; bytes: number }[] {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const blocks: { start: number; formulas: (string | number)[][]; formats: (string | null)[][] | null; bytes: number }[] = [];
  let formulas: (string | number)[][] = [];
  let formats: (string | null)[][] = [];
  let anyFormat = false;
  // What a block costs before its rows: the sheet, the range, two property writes and the arrays'
  // brackets (never less than the exact cost computed below).
  const BLOCK_BASE = blockBytes(true, 4, width, 1_048_576, 1);
  let bytes = BLOCK_BASE;
  let start = 0;
  const flush = (next: number) => {
    if (formulas.length > 0) blocks.push({ start, formulas, formats: anyFormat ? formats : null, bytes });
    formulas = [];
    formats = [];
    anyFormat = false;
    bytes = BLOCK_BASE;
    start = next;
  };
  sheet.rows.forEach((row, r) => {
    const f: (string | number)[] = [];
    const n: (string | null)[] = [];
    let rowFormat = false;
    for (let c = 0; c < width; c++) {
      const content = row[c] ?? { kind: 'empty' };
      f.push(formulaInput(content));
      const fmt = numberFormatOf(content);
      n.push(fmt);
      if (fmt) rowFormat = true;
    }
    // +2: the comma after each row in both arrays' JSON (bench/ found blocks of 6,000 rows sent
    // 1 % over their estimate, batches over the 4 MB budget).
    // Plus each row's share of office.js's chunking (one chunk per 1,500 cells).
    const rowBytes = jsonBytes(f) + jsonBytes(n) + 2 + Math.ceil((2 * CHUNK_SHARE * width) / 1500);
    if (formulas.length > 0 && bytes + rowBytes > maxRangeBytes) flush(r);
    formulas.push(f);
    formats.push(n);
    anyFormat = anyFormat || rowFormat;
    bytes += rowBytes;
  });
  flush(sheet.rows.length);
  // Blocks without any number format do not send the (all-null) format array; the others send
  // both arrays, each in an operation of its own.
  for (const b of blocks) {
    b.bytes = blockBytes(
      b.formats !== null,
      jsonBytes(b.formulas) + (b.formats ? jsonBytes(b.formats) : 0),
      width,
      b.start + 1,
      b.formulas.length,
    );
  }
  return blocks;
}

/**
 * Request bytes of one block: its range (the widest address when rows are not known yet), its
 * data, and office.js's splitting of each array into chunks of 1,500 cells (payload.ts).
 */
function blockBytes(withFormats: boolean, dataBytes: number, width: number, startRow = 1_048_576, rows = 1): number {
  return (
    SHEET_PATHS_BYTES +
    pathBytes('GetRange', [blockAddress(startRow, rows, width)]) +
    arrayWriteBytes('Formulas', rows, width, 0) +
    (withFormats ? arrayWriteBytes('NumberFormat', rows, width, 0) : 0) +
    dataBytes
  );
}

function blockAddress(startRow: number, rows: number, width: number): string {
  const last = columnLetter(width);
  return `A${startRow}:${last}${startRow + rows - 1}`;
}

function cellTextAt(sheet: GeneratedSheet, address: string): string {
  const { row, col } = parseA1(address);
  const c = sheet.rows[row - 1]?.[col - 1];
  if (!c) return address;
  if (c.kind === 'text') return c.value;
  if (c.kind === 'number') return String(c.value);
  if (c.kind === 'formula' && c.cached !== undefined) return String(c.cached);
  return address;
}

/**
 * Items as units of at most `max` estimated bytes each, in order. A list of links or highlights
 * as one unit could outgrow the request budget by itself (a comparison of 1,000 units links
 * 40,000 criteria rows: 14 MB) and units are never split: the sync was refused (found by bench/).
 */
function chunkUnits<T>(
  items: readonly T[],
  bytesOf: (item: T) => number,
  max: number,
  queue: (chunk: readonly T[]) => void,
  base = 0,
): Unit[] {
  const units: Unit[] = [];
  let chunk: T[] = [];
  let bytes = base;
  const flush = () => {
    if (chunk.length === 0) return;
    const items = chunk;
    units.push({ bytes, queue: () => queue(items) });
    chunk = [];
    bytes = base;
  };
  for (const item of items) {
    const b = bytesOf(item);
    if (chunk.length > 0 && bytes + b > max) flush();
    chunk.push(item);
    bytes += b;
  }
  flush();
  return units;
}

/** Cells per run of adjacent cells written (or coloured) as one range: keeps each range's JSON small. */
const MAX_RUN_CELLS = 1000;

interface Run<T> {
  address: string;
  items: T[];
}

/** Items at single cells grouped into vertical runs (same column, consecutive rows). */
function runsOf<T>(cells: readonly { at: { row: number; col: number }; item: T }[]): Run<T>[] {
  const sorted = [...cells].sort((a, b) => a.at.col - b.at.col || a.at.row - b.at.row);
  const runs: { col: number; top: number; bottom: number; items: T[] }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col === c.at.col && last.bottom + 1 === c.at.row && last.items.length < MAX_RUN_CELLS) {
      last.bottom = c.at.row;
      last.items.push(c.item);
    } else runs.push({ col: c.at.col, top: c.at.row, bottom: c.at.row, items: [c.item] });
  }
  return runs.map((r) => {
    const col = columnLetter(r.col);
    return { address: r.top === r.bottom ? `${col}${r.top}` : `${col}${r.top}:${col}${r.bottom}`, items: r.items };
  });
}

/** Request bytes of colouring one run of link cells. */
const linkColourBytes = (address: string) =>
  pathBytes('GetRange', [address]) + pathBytes('Format') + pathBytes('Font') + setBytes('Color', jsonBytes(cssColor(PALETTE.link)));

interface LinkRun {
  address: string;
  links: { address: string; link: Excel.RangeHyperlink }[];
}

/** A generated sheet's links, as runs of adjacent cells (each coloured once). */
function linkRuns(gs: GeneratedSheet, sheetNames: Map<string, string>): LinkRun[] {
  const links = gs.hyperlinks.map((h) => ({
    at: parseA1(h.address),
    item: {
      address: h.address,
      link: { documentReference: `${quoteSheet(sheetNames.get(h.sheet) ?? h.sheet)}!${h.cell}`, textToDisplay: cellTextAt(gs, h.address) },
    },
  }));
  return runsOf(links).map((r) => ({ address: r.address, links: r.items }));
}

const linkRunBytes = (run: LinkRun) =>
  run.links.reduce(
    (n, h) => n + pathBytes('GetRange', [h.address]) + setBytes('Hyperlink', jsonBytes(h.link)),
    linkColourBytes(run.address),
  );

interface CellRun {
  sheet: string;
  address: string;
  formulas: (string | number)[][];
  formats: (string | null)[][] | null;
}

/**
 * The user-sheet writes as runs down a column, one range each: a column of 3,321 totals is one
 * operation instead of 3,321 (each of which office.js sends with its own object path). A cell
 * planned twice keeps its last content, as when written one after the other.
 */
function cellRunsOf(writes: readonly CellWrite[]): CellRun[] {
  const last = new Map<string, CellWrite>();
  for (const w of writes) last.set(`${sheetKey(w.sheet)}|${w.address.replace(/\$/g, '').toUpperCase()}`, w);
  const bySheet = new Map<string, { sheet: string; cells: { at: { row: number; col: number }; item: CellWrite }[] }>();
  for (const w of last.values()) {
    const key = sheetKey(w.sheet);
    if (!bySheet.has(key)) bySheet.set(key, { sheet: w.sheet, cells: [] });
    bySheet.get(key)!.cells.push({ at: parseA1(w.address), item: w });
  }
  return [...bySheet.values()].flatMap(({ sheet, cells }) =>
    runsOf(cells).map((r) => {
      const formats = r.items.map((w) => [numberFormatOf(w.content)]);
      return {
        sheet,
        address: r.address,
        formulas: r.items.map((w) => [formulaInput(w.content)]),
        formats: formats.some(([f]) => f !== null) ? formats : null,
      };
    }),
  );
}

const runBytes = (run: CellRun) =>
  pathBytes('GetRange', [run.address]) +
  arrayWriteBytes('Formulas', run.formulas.length, 1, jsonBytes(run.formulas)) +
  (run.formats ? arrayWriteBytes('NumberFormat', run.formats.length, 1, jsonBytes(run.formats)) : 0);

/** Request bytes of one style (a range, its format, font and fill, each property it sets). */
function styleBytes(style: { range: string; style: CellStyle }): number {
  const props = Object.values(CELL_STYLES[style.style]).filter((v) => v !== undefined).length;
  return (
    pathBytes('GetRange', [style.range]) +
    pathBytes('Format') +
    pathBytes('Font') +
    pathBytes('Fill') +
    props * setBytes('HorizontalAlignment', 12)
  );
}

/** Request bytes of a sheet's column widths and frozen rows. */
function layoutBytes(gs: GeneratedSheet): number {
  const widths = gs.columnWidths.filter((w) => w > 0).length;
  return (
    widths * (pathBytes('GetRange', ['XFD:XFD']) + pathBytes('Format') + setBytes('ColumnWidth', 8)) +
    pathBytes('FreezePanes') +
    callBytes('FreezeRows', [gs.freezeRows])
  );
}

/** Pack units into syncs under the budget; each sync is queued then synced. */
async function runUnits(context: Excel.RequestContext, units: Unit[], budget: number, suspend: boolean): Promise<number[]> {
  const batches: Unit[][] = [];
  let current: Unit[] = [];
  let bytes = REQUEST_BASE_BYTES;
  for (const u of units) {
    if (current.length > 0 && bytes + u.bytes > budget) {
      batches.push(current);
      current = [];
      bytes = REQUEST_BASE_BYTES;
    }
    current.push(u);
    bytes += u.bytes;
  }
  if (current.length > 0) batches.push(current);
  const sizes: number[] = [];
  for (const batch of batches) {
    if (suspend) context.application.suspendApiCalculationUntilNextSync();
    for (const u of batch) u.queue();
    sizes.push(batch.reduce((n, u) => n + u.bytes, REQUEST_BASE_BYTES));
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per batch under the request size limit (5 MB): the loop is the split
    await context.sync();
  }
  return sizes;
}

function wrapExcelError(e: unknown): never {
  if (e instanceof OfficeWriteError) throw e;
  const code = officeErrorCode(e);
  if (code === 'AccessDenied') throw new OfficeWriteError('protected', { cause: e, detail: '' });
  throw new OfficeWriteError('excel-error', { cause: e, detail: code });
}

export async function applyPlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  state: WorkbookState,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const budget = options.maxRequestBytes ?? REQUEST_BUDGET_BYTES;
  const maxRangeBytes = Math.min(options.maxRangeBytes ?? 128 * 1024, budget);
  const found = queueSurvey(context, plan, state.ownedConditionalFormats ?? []);
  await syncOrRefuse(context);
  let syncs = 1;
  const decided = decide(found, plan, state);
  const unseen = unseenHighlights(found, decided.stored);
  if (unseen.length > 0) {
    // A stale caller's state: highlights the workbook records as ours (an interrupted write's, or
    // another pane's) that the caller did not know of are found too, in one more read.
    found.candidates.push(...loadCandidates(found.targets, unseen));
    await syncOrRefuse(context);
    syncs++;
  }
  const newState = nextState(found, decided, plan, state);
  const ours = matchOurs(found.candidates);
  const { units, cellsWritten } = writeUnits(context, found, decided, plan, newState, ours, maxRangeBytes);
  let sizes: number[];
  try {
    sizes = await runUnits(context, units, budget, isSetSupported('ExcelApi', FEATURE_SETS.suspendCalculation));
  } catch (e) {
    wrapExcelError(e);
  }
  syncs += sizes.length;
  return {
    sheets: decided.applied,
    sheetNames: decided.sheetNames,
    cellsWritten,
    conditionalFormatsAdded: plan.conditionalFormats.length,
    conditionalFormatsRemoved: ours.length,
    state: newState,
    syncs,
    requestBytes: sizes,
    maxPayloadBytes: Math.max(0, ...sizes),
  };
}

/** What sync 1 of applyPlan loads. */
interface Survey {
  workbook: Excel.Workbook;
  worksheets: Excel.WorksheetCollection;
  stateUsed: Excel.Range;
  stateProbe: Excel.Worksheet;
  /** Target sheets of cell writes and highlights by sheetKey (null objects when the user removed them). */
  targetNames: Map<string, string>;
  targets: Map<string, Excel.Worksheet>;
  /** Sheets (by key) that get new highlights: our earlier ones there are replaced. */
  highlighted: Set<string>;
  replacedRecords: OwnedConditionalFormat[];
  candidates: Candidate[];
  /** The plan's defined names as they are now (an earlier one of the same text is ours). */
  earlierNames: Excel.NamedItem[];
  callerCfs: OwnedConditionalFormat[];
}

/**
 * Sync 1: every sheet's name and protection, the workbook's structure protection, the state
 * sheet, the target sheets, our earlier highlights where new ones go, the plan's defined names.
 */
function queueSurvey(context: Excel.RequestContext, plan: WritePlan, callerCfs: OwnedConditionalFormat[]): Survey {
  const workbook = context.workbook;
  const worksheets = workbook.worksheets;
  worksheets.load('items/name,items/protection/protected');
  workbook.protection.load('protected');
  const stateUsed = worksheets.getItemOrNullObject(STATE_SHEET_NAME).getUsedRangeOrNullObject(true);
  stateUsed.load('values');
  const stateProbe = worksheets.getItemOrNullObject(STATE_SHEET_NAME);
  stateProbe.load('name');
  const targetNames = new Map<string, string>();
  for (const w of plan.cellWrites) targetNames.set(sheetKey(w.sheet), w.sheet);
  for (const c of plan.conditionalFormats) targetNames.set(sheetKey(c.sheet), c.sheet);
  const targets = new Map<string, Excel.Worksheet>();
  for (const [key, name] of targetNames) {
    const ws = worksheets.getItemOrNullObject(name);
    ws.load('name');
    targets.set(key, ws);
  }
  const highlighted = new Set(plan.conditionalFormats.map((c) => sheetKey(c.sheet)));
  const replacedRecords = uniqueRecords(callerCfs.filter((c) => highlighted.has(sheetKey(c.sheet))));
  const candidates = loadCandidates(targets, replacedRecords);
  // Defined names the plan writes (ExcelApi 1.4, within the manifest's 1.7): an earlier one of the
  // same text is ours (core/plan.ts DefinedNamePlan) and is replaced.
  const earlierNames = (plan.definedNames ?? []).map((n) => {
    const item = workbook.names.getItemOrNullObject(n.name);
    item.load('name');
    return item;
  });
  return {
    workbook,
    worksheets,
    stateUsed,
    stateProbe,
    targetNames,
    targets,
    highlighted,
    replacedRecords,
    candidates,
    earlierNames,
    callerCfs,
  };
}

async function syncOrRefuse(context: Excel.RequestContext): Promise<void> {
  try {
    await context.sync();
  } catch (e) {
    wrapExcelError(e);
  }
}

/** What applyPlan decided after sync 1, before writing anything. */
interface Decision {
  live: Map<string, { name: string; protected: boolean }>;
  stored: WorkbookState;
  stateExists: boolean;
  /** Sheets of ours: what the caller knew plus what the workbook says, among those that exist. */
  owned: string[];
  applied: AppliedSheet[];
  sheetNames: Map<string, string>;
  /** The plan's defined names' references, to its generated sheets under the names they get now. */
  nameReferences: string[];
}

/** Decide the generated sheets' names, and refuse before writing anything (OfficeWriteError). */
function decide(found: Survey, plan: WritePlan, state: WorkbookState): Decision {
  const live = new Map<string, { name: string; protected: boolean }>();
  for (const ws of found.worksheets.items) live.set(sheetKey(ws.name), { name: ws.name, protected: Boolean(ws.protection.protected) });
  for (const [key, ws] of found.targets) {
    if (ws.isNullObject) throw new OfficeWriteError('missing-sheet', { sheet: found.targetNames.get(key) });
    if (live.get(key)?.protected) throw new OfficeWriteError('protected', { sheet: ws.name });
  }
  const stateExists = !found.stateProbe.isNullObject;
  const stored = stateExists && !found.stateUsed.isNullObject ? stateFromValues(found.stateUsed.values) : emptyState();
  if (stateExists && live.get(sheetKey(STATE_SHEET_NAME))?.protected) {
    throw new OfficeWriteError('protected', { sheet: STATE_SHEET_NAME });
  }
  const structureChanges = plan.sheets.length > 0 || !stateExists;
  if (structureChanges && found.workbook.protection.protected) throw new OfficeWriteError('workbook-protected');
  // A deleted sheet of ours whose name a user reuses must not count as ours.
  const owned = [...new Set([...state.ownedSheets, ...stored.ownedSheets])].filter((n) => live.has(sheetKey(n)));
  const { applied, sheetNames } = nameGeneratedSheets(plan, live, owned);
  const nameReferences = (plan.definedNames ?? []).map((n) => {
    const sheet = sheetNames.get(n.sheet);
    if (sheet === undefined) throw new Error(`Defined name ${n.name} refers to ${n.sheet}, not a sheet of the plan`);
    return `=${definedNameReference(sheet, n.range)}`;
  });
  return { live, stored, stateExists, owned, applied, sheetNames, nameReferences };
}

/** Each generated sheet's name: ours replaced, a user's sheet of that name kept (resolveSheetName). */
function nameGeneratedSheets(
  plan: WritePlan,
  live: Decision['live'],
  owned: string[],
): { applied: AppliedSheet[]; sheetNames: Map<string, string> } {
  const existing = [...live.values()].map((s) => s.name);
  const claimed = new Set<string>();
  const applied: AppliedSheet[] = [];
  const sheetNames = new Map<string, string>();
  for (const gs of plan.sheets) {
    const decision = resolveSheetName(
      gs.name,
      [...existing, ...claimed],
      owned.filter((n) => !claimed.has(n)),
    );
    if (decision.replaces && live.get(sheetKey(decision.name))?.protected) {
      throw new OfficeWriteError('protected', { sheet: decision.name });
    }
    claimed.add(decision.name);
    applied.push({ desired: gs.name, name: decision.name, purpose: gs.purpose, replaced: decision.replaces });
    sheetNames.set(gs.name, decision.name);
  }
  return { applied, sheetNames };
}

/** Highlights the workbook records as ours on the sheets highlighted again, that the caller did not know of. */
function unseenHighlights(found: Survey, stored: WorkbookState): OwnedConditionalFormat[] {
  const known = new Set(found.replacedRecords.map(recordKey));
  return uniqueRecords(stored.ownedConditionalFormats.filter((c) => found.highlighted.has(sheetKey(c.sheet)) && !known.has(recordKey(c))));
}

/**
 * The state written: the caller's choices, our sheets, our highlights (all of this run's, before
 * any is written; our earlier highlights on the sheets highlighted again are deleted in that sync).
 */
function nextState(found: Survey, decided: Decision, plan: WritePlan, state: WorkbookState): WorkbookState {
  const keptCfs = uniqueRecords([...found.callerCfs, ...decided.stored.ownedConditionalFormats]).filter(
    (c) => !found.highlighted.has(sheetKey(c.sheet)) && decided.live.has(sheetKey(c.sheet)),
  );
  return {
    ownedSheets: [...new Set([...decided.owned, ...decided.applied.map((a) => a.name)])],
    ignoredFindings: [...state.ignoredFindings],
    corrections: [...state.corrections],
    ownedConditionalFormats: uniqueRecords([
      ...keptCfs,
      ...plan.conditionalFormats.map((c) => ({ sheet: found.targets.get(sheetKey(c.sheet))!.name, range: c.range, formula: c.formula })),
    ]),
  };
}

/**
 * Sync 2 (+ one per further budget), in order: our earlier highlights deleted and the state (see
 * the header), each generated sheet, the cells of the user's sheets, the defined names (before the
 * highlights that read them), the highlights on the user's sheets.
 */
function writeUnits(
  context: Excel.RequestContext,
  found: Survey,
  decided: Decision,
  plan: WritePlan,
  newState: WorkbookState,
  ours: { cf: Excel.ConditionalFormat; bytes: number }[],
  maxRangeBytes: number,
): { units: Unit[]; cellsWritten: number } {
  const units: Unit[] = [];
  let cellsWritten = 0;
  units.push({
    bytes: ours.reduce((n, o) => n + o.bytes, 0),
    queue() {
      for (const { cf } of ours) cf.delete();
    },
  });
  units.push(queueStateWrite(context, decided.stateExists, newState));
  for (const [i, gs] of plan.sheets.entries()) {
    const sheet = generatedSheetUnits(found.worksheets, gs, decided.applied[i], decided.sheetNames, maxRangeBytes);
    units.push(...sheet.units);
    cellsWritten += sheet.cells;
  }
  units.push(...userCellUnits(plan.cellWrites, found.targets, maxRangeBytes));
  cellsWritten += plan.cellWrites.length;
  const names = definedNamesUnit(found, decided, plan);
  if (names) units.push(names);
  // Highlights on the user's sheets, top priority last (inAddOrder).
  units.push(
    ...chunkUnits(
      inAddOrder(plan.conditionalFormats),
      (cf) => highlightBytes(cf.range, cf.formula),
      maxRangeBytes,
      (cfs) => {
        for (const cf of cfs) addHighlight(found.targets.get(sheetKey(cf.sheet))!.getRange(cf.range), cf.formula, cf.style);
      },
      SHEET_PATHS_BYTES,
    ),
  );
  return { units, cellsWritten };
}

/** A generated sheet: added (replacing ours), its cells in row blocks, styles, layout, links, highlights, charts. */
function generatedSheetUnits(
  worksheets: Excel.WorksheetCollection,
  gs: GeneratedSheet,
  a: AppliedSheet,
  sheetNames: Map<string, string>,
  maxRangeBytes: number,
): { units: Unit[]; cells: number } {
  let ws: Excel.Worksheet | undefined;
  const sheet = () => ws!;
  const units: Unit[] = [
    {
      bytes:
        SHEET_PATHS_BYTES +
        pathBytes('Add', [a.name]) +
        (a.replaced ? pathBytes('GetItem', [a.name]) + callBytes('Delete', []) : 0) +
        (gs.hidden ? setBytes('Visibility', jsonBytes('Hidden')) : 0),
      queue() {
        if (a.replaced) worksheets.getItem(a.name).delete();
        ws = worksheets.add(a.name);
        // Hidden, not very hidden: see GeneratedSheet.hidden. (A sheet added through the API is not
        // activated, so it may be hidden at once.)
        if (gs.hidden) ws.visibility = 'Hidden';
      },
    },
  ];
  const { units: cellUnits, cells } = generatedCellUnits(gs, sheet, maxRangeBytes);
  units.push(...cellUnits);
  units.push(
    ...chunkUnits(
      gs.styles,
      styleBytes,
      maxRangeBytes,
      (styles) => {
        for (const s of styles) applyStyle(sheet().getRange(s.range), s.style);
      },
      SHEET_PATHS_BYTES,
    ),
  );
  units.push(layoutUnit(gs, sheet), ...decorationUnits(gs, sheet, sheetNames, maxRangeBytes));
  return { units, cells };
}

/** A generated sheet's values and formulas, one range per block of rows. */
function generatedCellUnits(gs: GeneratedSheet, sheet: () => Excel.Worksheet, maxRangeBytes: number): { units: Unit[]; cells: number } {
  const width = Math.max(1, ...gs.rows.map((r) => r.length));
  let cells = 0;
  const units = sheetBlocks(gs, maxRangeBytes).map((block): Unit => {
    cells += block.formulas.length * width;
    return {
      bytes: block.bytes,
      queue() {
        const range = sheet().getRange(blockAddress(block.start + 1, block.formulas.length, width));
        if (block.formats) range.numberFormat = block.formats as unknown as string[][];
        range.formulas = block.formulas as unknown as string[][];
      },
    };
  });
  return { units, cells };
}

/** Column widths and frozen header rows. */
function layoutUnit(gs: GeneratedSheet, sheet: () => Excel.Worksheet): Unit {
  return {
    bytes: SHEET_PATHS_BYTES + layoutBytes(gs),
    queue() {
      gs.columnWidths.forEach((w, c) => {
        if (w > 0) sheet().getRange(`${columnLetter(c + 1)}:${columnLetter(c + 1)}`).format.columnWidth = columnWidthPoints(w);
      });
      if (gs.freezeRows > 0) sheet().freezePanes.freezeRows(gs.freezeRows);
    },
  };
}

/** A generated sheet's links (coloured once per run), its highlights and its charts. */
function decorationUnits(gs: GeneratedSheet, sheet: () => Excel.Worksheet, sheetNames: Map<string, string>, maxRangeBytes: number): Unit[] {
  return [
    ...chunkUnits(
      linkRuns(gs, sheetNames),
      linkRunBytes,
      maxRangeBytes,
      (runs) => {
        for (const run of runs) {
          for (const h of run.links) sheet().getRange(h.address).hyperlink = h.link;
          // The link colour once per run of adjacent link cells, not once per cell.
          sheet().getRange(run.address).format.font.color = cssColor(PALETTE.link);
        }
      },
      SHEET_PATHS_BYTES,
    ),
    ...chunkUnits(
      inAddOrder(gs.conditionalFormats),
      (cf) => highlightBytes(cf.range, cf.formula),
      maxRangeBytes,
      (cfs) => {
        for (const cf of cfs) addHighlight(sheet().getRange(cf.range), cf.formula, cf.style);
      },
      SHEET_PATHS_BYTES,
    ),
    ...chartUnits(gs, sheet),
  ];
}

/** Cells in the user's sheets: one range per run of adjacent cells in a column. */
function userCellUnits(cellWrites: CellWrite[], targets: Map<string, Excel.Worksheet>, maxRangeBytes: number): Unit[] {
  return chunkUnits(
    cellRunsOf(cellWrites),
    (run) => runBytes(run),
    maxRangeBytes,
    (runs) => {
      for (const run of runs) {
        const range = targets.get(sheetKey(run.sheet))!.getRange(run.address);
        if (run.formats) range.numberFormat = run.formats as unknown as string[][];
        range.formulas = run.formulas as unknown as string[][];
      }
    },
    SHEET_PATHS_BYTES,
  );
}

/** Defined names over the generated sheets, an earlier one of the same text replaced; null when none. */
function definedNamesUnit(found: Survey, decided: Decision, plan: WritePlan): Unit | null {
  const definedNames = plan.definedNames ?? [];
  if (definedNames.length === 0) return null;
  const { nameReferences } = decided;
  return {
    bytes:
      SHEET_PATHS_BYTES +
      definedNames.reduce(
        (n, d, i) =>
          n +
          pathBytes('Names') +
          pathBytes('GetItemOrNullObject', [d.name]) +
          callBytes('Delete', []) +
          pathBytes('Add', [d.name, nameReferences[i]]),
        0,
      ),
    queue() {
      definedNames.forEach((n, i) => {
        if (!found.earlierNames[i].isNullObject) found.earlierNames[i].delete();
        found.workbook.names.add(n.name, nameReferences[i]);
      });
    },
  };
}

export interface ClearHighlightsResult {
  removed: number;
  syncs: number;
  state: WorkbookState;
}

/**
 * Remove the highlights this tool added to the user's sheets, and only those: for each recorded
 * highlight, the conditional formats found on its recorded range whose custom rule carries the
 * recorded formula (Office.js exposes a format's range only through getRange(), which would cost
 * another round trip per format; the range's own collection plus the formula identify ours).
 *
 * Two syncs when the caller passes the state it read from its snapshot (the task pane always has
 * one); three otherwise (the state sheet is read first).
 *
 * The hidden sheet of last year's values and its defined name (core/compare/plan.ts) stay, and
 * are harmless: hidden, recorded as ours (the next comparison replaces both), and read by no rule
 * once the decline rules are gone. Removing them would delete a sheet, which a workbook whose
 * structure is protected refuses — and clearing highlights works there today.
 */
export async function clearHighlights(context: Excel.RequestContext, known?: WorkbookState): Promise<ClearHighlightsResult> {
  const worksheets = context.workbook.worksheets;
  let syncs = 0;
  let records = known?.ownedConditionalFormats;
  if (!records) {
    const used = worksheets.getItemOrNullObject(STATE_SHEET_NAME).getUsedRangeOrNullObject(true);
    used.load('values');
    await context.sync();
    syncs++;
    records = used.isNullObject ? [] : stateFromValues(used.values).ownedConditionalFormats;
  }
  records = uniqueRecords(records);

  // Sync 1: the candidates, the sheets, and the state sheet as it is now.
  worksheets.load('items/name,items/protection/protected');
  const stateProbe = worksheets.getItemOrNullObject(STATE_SHEET_NAME);
  stateProbe.load('name');
  const stateUsed = worksheets.getItemOrNullObject(STATE_SHEET_NAME).getUsedRangeOrNullObject(true);
  stateUsed.load('values');
  const targets = new Map<string, Excel.Worksheet>();
  for (const r of records) {
    const key = sheetKey(r.sheet);
    if (targets.has(key)) continue;
    const ws = worksheets.getItemOrNullObject(r.sheet);
    ws.load('name');
    targets.set(key, ws);
  }
  const candidates = loadCandidates(targets, records);
  await context.sync();
  syncs++;

  const protectedSheets = new Map<string, boolean>();
  for (const ws of worksheets.items) protectedSheets.set(sheetKey(ws.name), Boolean(ws.protection.protected));
  const live = candidates.filter((c) => !targets.get(sheetKey(c.record.sheet))!.isNullObject);
  for (const c of live) {
    if (protectedSheets.get(sheetKey(c.record.sheet))) throw new OfficeWriteError('protected', { sheet: c.record.sheet });
  }
  const stateExists = !stateProbe.isNullObject;
  if (stateExists && protectedSheets.get(sheetKey(STATE_SHEET_NAME))) {
    throw new OfficeWriteError('protected', { sheet: STATE_SHEET_NAME });
  }
  const stored = stateExists && !stateUsed.isNullObject ? stateFromValues(stateUsed.values) : (known ?? emptyState());

  // Sync 2: delete ours, forget them.
  const removed = deleteMatches(live);
  const newState: WorkbookState = { ...stored, ownedConditionalFormats: [] };
  if (stateExists) queueStateWrite(context, true, newState).queue();
  try {
    await context.sync();
  } catch (e) {
    wrapExcelError(e);
  }
  syncs++;
  return { removed, syncs, state: newState };
}

/** Show a cell to the user: activate its sheet and select the cell (one sync). */
export async function selectCell(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  try {
    await context.sync();
  } catch (e) {
    if (officeErrorCode(e) === 'ItemNotFound') throw new OfficeWriteError('missing-sheet', { sheet, cause: e });
    throw e;
  }
}
