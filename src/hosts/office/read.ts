/// <reference types="office-js" />
/**
 * Read the open workbook into a WorkbookSnapshot in three round trips, whatever its size:
 *
 *   sync 1  the workbook name and every sheet's name, visibility and protection
 *           (one collection load: items/name, items/visibility, items/protection/protected);
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
 */
import type { Cell, CellType, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { isDateFormat } from '../../core/number-format';
import { FEATURE_SETS, isSetSupported } from './requirements';
import { jsonBytes } from './payload';
import { OfficeReadError, PAYLOAD_ERROR_CODES, officeErrorCode } from './errors';

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
}

interface SheetInfo {
  ws: Excel.Worksheet;
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
): Promise<{ snapshot: WorkbookSnapshot; stats: ReadStats }> {
  const bytesPerCell = options.bytesPerCell ?? 36;
  const maxRangeBytes = options.maxRangeBytes ?? 1024 * 1024;
  // Each response stays under 4 MB (Excel on the web refuses 5 MB; the margin absorbs estimate error):
  // a larger workbook takes one more sync per further 4 MB instead of a refused request and a retry.
  const maxSyncBytes = options.maxSyncBytes ?? Math.floor(4 * 1024 * 1024 * 0.97);
  const stats: ReadStats = { syncs: 0, blocks: 0, dataSyncs: 0, responseBytes: [], maxResponseBytes: 0, retries: 0 };
  const sync = async () => {
    stats.syncs++;
    await context.sync();
  };

  // Sync 1: the sheets.
  const workbook = context.workbook;
  workbook.load('name');
  const worksheets = workbook.worksheets;
  worksheets.load('items/name,items/visibility,items/protection/protected');
  await sync();

  // Sync 2: the used ranges.
  const infos: SheetInfo[] = worksheets.items.map((ws) => {
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('address,rowIndex,columnIndex,rowCount,columnCount,rowHidden,columnHidden');
    return {
      ws,
      name: ws.name,
      visibility: VISIBILITY[ws.visibility] ?? 'visible',
      protected: Boolean(ws.protection.protected),
      used,
    };
  });
  await sync();
  // Refuse, before loading any cell, a used range too large to read (same limit as the .xlsx host).
  for (const i of infos)
    if (!i.used.isNullObject && i.used.rowCount * i.used.columnCount > MAX_GRID_CELLS) throw new OfficeReadError(i.name, i.used.address);

  const sheets: SheetSnapshot[] = infos.map((i) => ({
    name: i.name,
    cells: [],
    merges: [],
    hiddenRows: [],
    hiddenColumns: [],
    protected: i.protected,
    visibility: i.visibility,
  }));

  // Sync 3: cells, merges and hidden rows/columns.
  const blocks: Block[] = [];
  const probes: HiddenProbe[] = [];
  const merges: { sheet: number; areas: Excel.RangeAreas }[] = [];
  const withMerges = isSetSupported('ExcelApi', FEATURE_SETS.mergedAreas);
  infos.forEach((info, index) => {
    const used = info.used;
    if (used.isNullObject) return;
    blocks.push({ sheet: index, start: 0, rows: used.rowCount });
    if (withMerges) {
      const areas = used.getMergedAreasOrNullObject();
      areas.load('address');
      merges.push({ sheet: index, areas });
    }
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
    if (probe.columns || probe.rowView || probe.rows) probes.push(probe);
  });

  // Row intervals still to read; each data sync carves blocks from the front, within budget.
  let bytesPerCellNow = bytesPerCell;
  const remaining: Block[] = blocks;
  const carve = (): Block[] => {
    const batch: Block[] = [];
    let bytes = 0;
    while (remaining.length > 0) {
      const head = remaining[0];
      const rowBytes = Math.max(1, infos[head.sheet].used.columnCount * bytesPerCellNow);
      const perRange = Math.max(1, Math.floor(maxRangeBytes / rowBytes));
      const room = Math.floor((maxSyncBytes - bytes) / rowBytes);
      const take = Math.min(head.rows, perRange, batch.length === 0 ? Math.max(1, room) : room);
      if (take <= 0) break;
      batch.push({ sheet: head.sheet, start: head.start, rows: take });
      bytes += take * rowBytes;
      if (take === head.rows) remaining.shift();
      else remaining[0] = { sheet: head.sheet, start: head.start + take, rows: head.rows - take };
    }
    return batch;
  };

  let extrasQueued = merges.length > 0 || probes.length > 0;
  let mergesToRetry: number[] = [];
  while (remaining.length > 0 || extrasQueued) {
    const batch = carve();
    for (const b of batch) {
      const info = infos[b.sheet];
      b.range = info.ws.getRangeByIndexes(info.used.rowIndex + b.start, info.used.columnIndex, b.rows, info.used.columnCount);
      b.range.load('values,formulas,numberFormat,valueTypes');
    }
    try {
      await sync();
    } catch (e) {
      const code = officeErrorCode(e);
      if (extrasQueued && merges.length > 0 && !(code && PAYLOAD_ERROR_CODES.includes(code))) {
        // Excel cannot return more than 512 merged areas and fails the whole batch with them:
        // read on without merges, then ask sheet by sheet (readMergesAlone).
        mergesToRetry = merges.splice(0).map((m) => m.sheet);
        remaining.unshift(...batch.map((b) => ({ sheet: b.sheet, start: b.start, rows: b.rows })));
        requeueExtras(merges, probes, infos);
        continue;
      }
      if (!code || !PAYLOAD_ERROR_CODES.includes(code) || stats.retries >= 4) throw e;
      // Larger than estimated (long texts): assume much denser cells and read this part again.
      stats.retries++;
      bytesPerCellNow *= 12;
      remaining.unshift(...batch.map((b) => ({ sheet: b.sheet, start: b.start, rows: b.rows })));
      if (extrasQueued) requeueExtras(merges, probes, infos);
      continue;
    }
    extrasQueued = false;
    let bytes = 0;
    let cells = 0;
    for (const b of batch) {
      const r = b.range!;
      bytes += jsonBytes(r.values) + jsonBytes(r.formulas) + jsonBytes(r.numberFormat) + jsonBytes(r.valueTypes);
      cells += b.rows * infos[b.sheet].used.columnCount;
      fillCells(sheets[b.sheet], infos[b.sheet].used, b, r);
    }
    if (batch.length > 0) {
      stats.blocks += batch.length;
      stats.dataSyncs++;
      stats.responseBytes.push(bytes);
      stats.maxResponseBytes = Math.max(stats.maxResponseBytes, bytes);
      // Learn from what came back (with a 5 % margin; never below the starting estimate).
      bytesPerCellNow = Math.max(bytesPerCell, Math.ceil((bytes / cells) * 1.05));
    }
  }

  for (const m of merges) {
    if (!m.areas.isNullObject) sheets[m.sheet].merges = parseAreas(m.areas.address);
  }
  await readMergesAlone(context, mergesToRetry, infos, sheets, sync);
  infos.forEach((info, index) => {
    const used = info.used;
    if (used.isNullObject) return;
    const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
    if (used.columnHidden === true) sheets[index].hiddenColumns = rows(used.columnIndex + 1, used.columnCount);
    if (used.rowHidden === true) sheets[index].hiddenRows = rows(used.rowIndex + 1, used.rowCount);
  });
  for (const p of probes) {
    const used = infos[p.sheet].used;
    const sheet = sheets[p.sheet];
    if (p.columns) {
      sheet.hiddenColumns = p.columns.flatMap((c, i) => (c.columnHidden ? [used.columnIndex + 1 + i] : []));
    }
    if (p.rows) {
      sheet.hiddenRows = p.rows.flatMap((r, i) => (r.rowHidden ? [used.rowIndex + 1 + i] : []));
    }
    if (p.rowView) {
      const visible = new Set<number>();
      for (const row of p.rowView.cellAddresses) for (const a of row) visible.add(rowOf(String(a)));
      const hidden: number[] = [];
      for (let r = used.rowIndex + 1; r <= used.rowIndex + used.rowCount; r++) if (!visible.has(r)) hidden.push(r);
      sheet.hiddenRows = hidden;
    }
  }

  const snapshot: WorkbookSnapshot = { sheets };
  const name = workbook.name;
  if (name) snapshot.fileName = name;
  return { snapshot, stats };
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
function requeueExtras(merges: { sheet: number; areas: Excel.RangeAreas }[], probes: HiddenProbe[], infos: SheetInfo[]): void {
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
