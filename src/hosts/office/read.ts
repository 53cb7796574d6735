/// <reference types="office-js" />
/**
 * Read the open workbook into a WorkbookSnapshot in three round trips, whatever its size:
 *
 *   sync 1  the workbook name and every sheet's id, name, visibility and protection
 *           (one collection load: items/id, items/name, items/visibility, items/protection/protected);
 *   sync 2  each sheet's used range (values only): position, size, and whether all/none/some of
 *           its rows and columns are hidden (rowHidden/columnHidden are null when mixed);
 *   sync 3  the cells, in row blocks (getRangeByIndexes, values + formulas + numberFormat +
 *           valueTypes), the merged areas (ExcelApi 1.13, skipped below it; see `readMergesAlone`
 *           for a sheet with more than 512 of them) and, only for sheets
 *           with some hidden rows or columns, which ones:
 *             - columns: columnHidden of each column of the used range (a sheet has few columns);
 *             - rows: the visible view of the used range's first column (cellAddresses lists the
 *               visible rows: one small array) when no column is hidden; otherwise rowHidden per
 *               row (rare: hidden rows and hidden columns together).
 *
 * Size: Excel on the web rejects a response over 5 MB. Each block is kept under `maxRangeBytes`
 * and all blocks go into sync 3 as long as the estimate stays under `maxSyncBytes`; past that the
 * blocks are spread over extra syncs (one per `maxSyncBytes`). Each data sync measures what came
 * back and later syncs use that measurement (plus a margin); if Excel still answers "payload too large" (long
 * texts cost far more than the per-cell estimate), that part is read again assuming cells twelve
 * times denser. `readSnapshotWithStats` reports syncs, retries and the measured bytes.
 *
 * Re-validation after an edit passes `reuse`: the sheets no change event named keep their cells
 * from the last snapshot and load none (reuse.ts says when that is safe); the syncs stay the same.
 */
import type { Cell, CellType, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { isDateFormat } from '../../core/number-format';
import { FEATURE_SETS, isSetSupported } from './requirements';
import { jsonBytes } from './payload';
import { OfficeReadError, PAYLOAD_ERROR_CODES, officeErrorCode } from './errors';
import { reusableCells, type SnapshotReuse } from './reuse';

/** Largest used range read (rows × columns), as the .xlsx host's maxGridCells. */
export const MAX_GRID_CELLS = 10_000_000;

export interface ReadSnapshotOptions {
  /**
   * Estimated response bytes per cell for the four arrays (default 36: a number or a short SUM
   * formula, General, Double — measured on consolidations; a lower guess overshoots the limit).
   */
  bytesPerCell?: number;
  /** Largest estimated response of one loaded range (default 1 MB). */
  maxRangeBytes?: number;
  /** Largest estimated response of one sync (default 90 % of Excel on the web's 5 MB). */
  maxSyncBytes?: number;
  /** Re-validation after edits: the last snapshot, whose unchanged sheets' cells are kept (reuse.ts). */
  reuse?: SnapshotReuse;
}

export interface ReadStats {
  syncs: number;
  /** Ranges loaded for cell data. */
  blocks: number;
  /** Syncs that carried cell data. */
  dataSyncs: number;
  /** Measured JSON bytes of the cell data each data sync returned. */
  responseBytes: number[];
  maxResponseBytes: number;
  /** Times a data sync was retried with smaller batches after a payload-size error. */
  retries: number;
  /** Sheets whose cells were taken from the last snapshot instead of read (`reuse`). */
  reusedSheets: number;
}

interface SheetInfo {
  ws: Excel.Worksheet;
  id: string;
  name: string;
  visibility: SheetSnapshot['visibility'];
  protected: boolean;
  used: Excel.Range;
}

interface Block {
  sheet: number;
  /** 0-based offset of the block's first row within the used range. */
  start: number;
  rows: number;
  range?: Excel.Range;
}

interface MergeRead {
  sheet: number;
  areas: Excel.RangeAreas;
}

interface HiddenProbe {
  sheet: number;
  columns?: Excel.Range[];
  rowView?: Excel.RangeView;
  rows?: Excel.Range[];
}

const VISIBILITY: Record<string, SheetSnapshot['visibility']> = {
  Visible: 'visible',
  Hidden: 'hidden',
  VeryHidden: 'veryHidden',
};

export async function readSnapshot(context: Excel.RequestContext, options: ReadSnapshotOptions = {}): Promise<WorkbookSnapshot> {
  return (await readSnapshotWithStats(context, options)).snapshot;
}

export async function readSnapshotWithStats(
  context: Excel.RequestContext,
  options: ReadSnapshotOptions = {},
): Promise<{ snapshot: WorkbookSnapshot; stats: ReadStats; sheetIds: string[] }> {
  const stats: ReadStats = { syncs: 0, blocks: 0, dataSyncs: 0, responseBytes: [], maxResponseBytes: 0, retries: 0, reusedSheets: 0 };
  const sync = async () => {
    stats.syncs++;
    await context.sync();
  };
  const { workbook, worksheets } = await loadSheets(context, sync);
  const infos = await loadUsedRanges(worksheets, sync);
  const sheets = infos.map(emptySheet);
  const reused = reuseSheets(infos, sheets, options.reuse);
  stats.reusedSheets = reused.size;
  // Sync 3 (and more for a large workbook): cells, merges and hidden rows/columns.
  const { merges, probes } = queueExtras(infos);
  const blocks: Block[] = [];
  infos.forEach((info, index) => {
    if (!info.used.isNullObject && !reused.has(index)) blocks.push({ sheet: index, start: 0, rows: info.used.rowCount });
  });
  const reader = new BlockReader({ infos, sheets, stats, sync, options }, blocks);
  const mergesToRetry = await reader.readAll(merges, probes);
  for (const m of merges) {
    if (!m.areas.isNullObject) sheets[m.sheet].merges = parseAreas(m.areas.address);
  }
  await readMergesAlone(context, mergesToRetry, infos, sheets, sync);
  fillHidden(infos, sheets, probes);
  const snapshot: WorkbookSnapshot = { sheets };
  const name = workbook.name;
  if (name) snapshot.fileName = name;
  return { snapshot, stats, sheetIds: infos.map((i) => i.id) };
}

/** Sync 1: the workbook's name and every sheet's id, name, visibility and protection. */
async function loadSheets(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
): Promise<{ workbook: Excel.Workbook; worksheets: Excel.WorksheetCollection }> {
  const workbook = context.workbook;
  workbook.load('name');
  const worksheets = workbook.worksheets;
  worksheets.load('items/id,items/name,items/visibility,items/protection/protected');
  await sync();
  return { workbook, worksheets };
}

/** Sync 2: each sheet's used range; refuses, before loading any cell, one too large to read (as the .xlsx host). */
async function loadUsedRanges(worksheets: Excel.WorksheetCollection, sync: () => Promise<void>): Promise<SheetInfo[]> {
  const infos: SheetInfo[] = worksheets.items.map((ws) => {
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('address,rowIndex,columnIndex,rowCount,columnCount,rowHidden,columnHidden');
    return {
      ws,
      id: ws.id,
      name: ws.name,
      visibility: VISIBILITY[ws.visibility] ?? 'visible',
      protected: Boolean(ws.protection.protected),
      used,
    };
  });
  await sync();
  for (const i of infos)
    if (!i.used.isNullObject && i.used.rowCount * i.used.columnCount > MAX_GRID_CELLS) throw new OfficeReadError(i.name, i.used.address);
  return infos;
}

function emptySheet(info: SheetInfo): SheetSnapshot {
  return {
    name: info.name,
    cells: [],
    merges: [],
    hiddenRows: [],
    hiddenColumns: [],
    protected: info.protected,
    visibility: info.visibility,
  };
}

/**
 * The sheets whose cells the last snapshot still holds (reuse.ts decides): their cells are taken
 * over and not loaded; everything else about them (name, protection, merges, hidden rows) is read.
 */
function reuseSheets(infos: SheetInfo[], sheets: SheetSnapshot[], reuse: SnapshotReuse | undefined): Set<number> {
  const reused = new Set<number>();
  if (!reuse) return reused;
  infos.forEach((info, index) => {
    const used = info.used.isNullObject ? null : info.used;
    const cells = reusableCells(reuse, { id: info.id, name: info.name, used });
    if (cells) {
      sheets[index].cells = cells;
      reused.add(index);
    }
  });
  return reused;
}

/** Queue, for sync 3, each sheet's merged areas (ExcelApi 1.13) and its hidden-row/column probes. */
function queueExtras(infos: SheetInfo[]): { merges: MergeRead[]; probes: HiddenProbe[] } {
  const probes: HiddenProbe[] = [];
  const merges: MergeRead[] = [];
  const withMerges = isSetSupported('ExcelApi', FEATURE_SETS.mergedAreas);
  infos.forEach((info, index) => {
    const used = info.used;
    if (used.isNullObject) return;
    if (withMerges) {
      const areas = used.getMergedAreasOrNullObject();
      areas.load('address');
      merges.push({ sheet: index, areas });
    }
    const probe = queueProbe(index, used);
    if (probe.columns || probe.rowView || probe.rows) probes.push(probe);
  });
  return { merges, probes };
}

/**
 * Which rows and columns are hidden, where the used range says "some": columnHidden per column
 * (a sheet has few columns); the visible view of the first column when no column is hidden (one
 * small array); otherwise rowHidden per row (rare: hidden rows and hidden columns together).
 */
function queueProbe(index: number, used: Excel.Range): HiddenProbe {
  const probe: HiddenProbe = { sheet: index };
  if (used.columnHidden === null) {
    probe.columns = [];
    for (let c = 0; c < used.columnCount; c++) probe.columns.push(used.getColumn(c).load('columnHidden'));
  }
  if (used.rowHidden === null) {
    if (used.columnHidden === false) {
      probe.rowView = used.getColumn(0).getVisibleView();
      probe.rowView.load('cellAddresses');
    } else {
      probe.rows = [];
      for (let r = 0; r < used.rowCount; r++) probe.rows.push(used.getRow(r).load('rowHidden'));
    }
  }
  return probe;
}

interface ReadContext {
  infos: SheetInfo[];
  sheets: SheetSnapshot[];
  stats: ReadStats;
  sync: () => Promise<void>;
  options: ReadSnapshotOptions;
}

/**
 * The cell blocks, carved from the front of the rows still to read within each sync's budget,
 * with the merges and probes riding in the first data sync.
 */
class BlockReader {
  private readonly bytesPerCell: number;
  private readonly maxRangeBytes: number;
  private readonly maxSyncBytes: number;
  private bytesPerCellNow: number;

  constructor(
    private readonly r: ReadContext,
    /** Row intervals still to read. */
    private readonly remaining: Block[],
  ) {
    this.bytesPerCell = r.options.bytesPerCell ?? 36;
    this.maxRangeBytes = r.options.maxRangeBytes ?? 1024 * 1024;
    // Each response stays under 4 MB (Excel on the web refuses 5 MB; the margin absorbs estimate error):
    // a larger workbook takes one more sync per further 4 MB instead of a refused request and a retry.
    this.maxSyncBytes = r.options.maxSyncBytes ?? Math.floor(4 * 1024 * 1024 * 0.97);
    this.bytesPerCellNow = this.bytesPerCell;
  }

  /** Reads every block; returns the sheets whose merges must be asked for alone (readMergesAlone). */
  async readAll(merges: MergeRead[], probes: HiddenProbe[]): Promise<number[]> {
    let extrasQueued = merges.length > 0 || probes.length > 0;
    let mergesToRetry: number[] = [];
    while (this.remaining.length > 0 || extrasQueued) {
      const batch = this.carve();
      for (const b of batch) {
        const info = this.r.infos[b.sheet];
        b.range = info.ws.getRangeByIndexes(info.used.rowIndex + b.start, info.used.columnIndex, b.rows, info.used.columnCount);
        b.range.load('values,formulas,numberFormat,valueTypes');
      }
      try {
        await this.r.sync();
      } catch (e) {
        const code = officeErrorCode(e);
        if (extrasQueued && merges.length > 0 && !(code && PAYLOAD_ERROR_CODES.includes(code))) {
          // Excel cannot return more than 512 merged areas and fails the whole batch with them:
          // read on without merges, then ask sheet by sheet (readMergesAlone).
          mergesToRetry = merges.splice(0).map((m) => m.sheet);
          this.putBack(batch);
          requeueExtras(merges, probes, this.r.infos);
          continue;
        }
        if (!code || !PAYLOAD_ERROR_CODES.includes(code) || this.r.stats.retries >= 4) throw e;
        // Larger than estimated (long texts): assume much denser cells and read this part again.
        this.r.stats.retries++;
        this.bytesPerCellNow *= 12;
        this.putBack(batch);
        if (extrasQueued) requeueExtras(merges, probes, this.r.infos);
        continue;
      }
      extrasQueued = false;
      this.take(batch);
    }
    return mergesToRetry;
  }

  /** The next batch: blocks from the front, each under maxRangeBytes, together under maxSyncBytes. */
  private carve(): Block[] {
    const batch: Block[] = [];
    let bytes = 0;
    const remaining = this.remaining;
    while (remaining.length > 0) {
      const head = remaining[0];
      const rowBytes = Math.max(1, this.r.infos[head.sheet].used.columnCount * this.bytesPerCellNow);
      const perRange = Math.max(1, Math.floor(this.maxRangeBytes / rowBytes));
      const room = Math.floor((this.maxSyncBytes - bytes) / rowBytes);
      const take = Math.min(head.rows, perRange, batch.length === 0 ? Math.max(1, room) : room);
      if (take <= 0) break;
      batch.push({ sheet: head.sheet, start: head.start, rows: take });
      bytes += take * rowBytes;
      if (take === head.rows) remaining.shift();
      else remaining[0] = { sheet: head.sheet, start: head.start + take, rows: head.rows - take };
    }
    return batch;
  }

  /** After a failed sync its blocks are read again (new proxies: the old ones are unusable). */
  private putBack(batch: Block[]): void {
    this.remaining.unshift(...batch.map((b) => ({ sheet: b.sheet, start: b.start, rows: b.rows })));
  }

  /** Fill the cells a sync returned, and learn the bytes per cell from them. */
  private take(batch: Block[]): void {
    const { infos, sheets, stats } = this.r;
    let bytes = 0;
    let cells = 0;
    for (const b of batch) {
      const r = b.range!;
      bytes += jsonBytes(r.values) + jsonBytes(r.formulas) + jsonBytes(r.numberFormat) + jsonBytes(r.valueTypes);
      cells += b.rows * infos[b.sheet].used.columnCount;
      fillCells(sheets[b.sheet], infos[b.sheet].used, b, r);
    }
    if (batch.length === 0) return;
    stats.blocks += batch.length;
    stats.dataSyncs++;
    stats.responseBytes.push(bytes);
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, bytes);
    // Learn from what came back (with a 5 % margin; never below the starting estimate).
    this.bytesPerCellNow = Math.max(this.bytesPerCell, Math.ceil((bytes / cells) * 1.05));
  }
}

/** Hidden rows and columns: all of them from the used range, some of them from the probes. */
function fillHidden(infos: SheetInfo[], sheets: SheetSnapshot[], probes: HiddenProbe[]): void {
  const span = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  infos.forEach((info, index) => {
    const used = info.used;
    if (used.isNullObject) return;
    if (used.columnHidden === true) sheets[index].hiddenColumns = span(used.columnIndex + 1, used.columnCount);
    if (used.rowHidden === true) sheets[index].hiddenRows = span(used.rowIndex + 1, used.rowCount);
  });
  for (const p of probes) {
    const used = infos[p.sheet].used;
    const sheet = sheets[p.sheet];
    if (p.columns) sheet.hiddenColumns = p.columns.flatMap((c, i) => (c.columnHidden ? [used.columnIndex + 1 + i] : []));
    if (p.rows) sheet.hiddenRows = p.rows.flatMap((r, i) => (r.rowHidden ? [used.rowIndex + 1 + i] : []));
    if (p.rowView) {
      const visible = new Set<number>();
      for (const row of p.rowView.cellAddresses) for (const a of row) visible.add(rowOf(String(a)));
      const hidden: number[] = [];
      for (let r = used.rowIndex + 1; r <= used.rowIndex + used.rowCount; r++) if (!visible.has(r)) hidden.push(r);
      sheet.hiddenRows = hidden;
    }
  }
}

/**
 * The merged areas of sheets whose batch failed, one sheet per sync, so one sheet over the limit
 * does not cost the others theirs. office-js d.ts, Range.getMergedAreasOrNullObject: "if the
 * merged areas count in this range is more than 512, then this method will fail to return the
 * result". Such a sheet is read without merges and marked `mergesUnread` (a finding says so).
 */
async function readMergesAlone(
  context: Excel.RequestContext,
  sheetIndexes: number[],
  infos: SheetInfo[],
  sheets: SheetSnapshot[],
  sync: () => Promise<void>,
): Promise<void> {
  if (sheetIndexes.length === 1) {
    // Only one sheet asked: it is the one over the limit.
    sheets[sheetIndexes[0]].mergesUnread = true;
    return;
  }
  for (const index of sheetIndexes) {
    const areas = infos[index].used.getMergedAreasOrNullObject();
    areas.load('address');
    try {
      await sync();
      sheets[index].merges = areas.isNullObject ? [] : parseAreas(areas.address);
    } catch {
      sheets[index].mergesUnread = true;
    }
  }
}

/** After a failed sync every proxy queued in it is unusable: queue merges and probes again. */
function requeueExtras(merges: MergeRead[], probes: HiddenProbe[], infos: SheetInfo[]): void {
  for (const m of merges) {
    m.areas = infos[m.sheet].used.getMergedAreasOrNullObject();
    m.areas.load('address');
  }
  for (const p of probes) {
    const used = infos[p.sheet].used;
    if (p.columns) p.columns = p.columns.map((_, c) => used.getColumn(c).load('columnHidden'));
    if (p.rows) p.rows = p.rows.map((_, r) => used.getRow(r).load('rowHidden'));
    if (p.rowView) {
      p.rowView = used.getColumn(0).getVisibleView();
      p.rowView.load('cellAddresses');
    }
  }
}

function rowOf(address: string): number {
  const m = /(\d+)\s*$/.exec(address);
  return m ? Number(m[1]) : 0;
}

/** "Sheet1!A1:B2, Sheet1!D4:E5" (or quoted sheet names) → ["A1:B2", "D4:E5"]. */
export function parseAreas(address: string): string[] {
  const out: string[] = [];
  const re = /\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?(?=\s*(?:,|$))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(address))) {
    const from = `${m[1].toUpperCase()}${m[2]}`;
    out.push(m[3] ? `${from}:${m[3].toUpperCase()}${m[4]}` : from);
  }
  return out;
}

/** Excel's value types → snapshot cell types ('d' is decided by the number format). */
const TYPE: Record<string, CellType> = { Error: 'e', Boolean: 'b', Double: 'n', Integer: 'n', String: 's' };

/** One cell of the snapshot from what Excel reports for it. */
export function toCell(value: unknown, formula: unknown, numberFormat: unknown, valueType: unknown): Cell | null {
  // A quote-prefixed text such as '=1+1 reads back with formulas === values: it is text.
  const isFormula = typeof formula === 'string' && formula.length > 1 && formula.startsWith('=') && formula !== value;
  if ((valueType === 'Empty' || value === '' || value === null || value === undefined) && !isFormula) return null;
  const fmt = typeof numberFormat === 'string' ? numberFormat : undefined;
  let t: CellType = TYPE[String(valueType)] ?? 's';
  let v: Cell['v'];
  if (t === 'n') {
    v = typeof value === 'number' ? value : Number(value);
    if (isDateFormat(fmt)) t = 'd';
  } else if (t === 'b') v = Boolean(value);
  else if (value === null || value === undefined) v = '';
  else v = typeof value === 'string' ? value : String(value);
  if (valueType === 'Empty') {
    t = 's';
    v = '';
  }
  const cell: Cell = { v, t };
  if (isFormula) cell.f = (formula as string).slice(1);
  if (fmt && fmt !== 'General') cell.fmt = fmt;
  return cell;
}

function fillCells(sheet: SheetSnapshot, used: Excel.Range, block: Block, range: Excel.Range): void {
  const values = range.values;
  const formulas = range.formulas;
  const formats = range.numberFormat;
  const types = range.valueTypes;
  for (let i = 0; i < block.rows; i++) {
    const rowIndex = used.rowIndex + block.start + i;
    const out: (Cell | null)[] = [];
    for (let c = 0; c < used.columnCount; c++) {
      const cell = toCell(values[i][c], formulas[i][c], formats[i][c], types[i][c]);
      if (cell) {
        while (out.length < used.columnIndex + c) out.push(null);
        out[used.columnIndex + c] = cell;
      }
    }
    while (sheet.cells.length < rowIndex) sheet.cells.push([]);
    sheet.cells[rowIndex] = out;
  }
}
