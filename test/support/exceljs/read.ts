/**
 * .xlsx → WorkbookSnapshot with ExcelJS. Browser-safe: no file system here (see node.ts).
 */
import ExcelJS from 'exceljs';
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../../src/core/snapshot';
import { columnLetter, rangeA1 } from '../../../src/core/a1';
import { WorkbookReadError } from '../../../src/hosts/xlsx/errors';
import { fromFileFormula } from '../../../src/hosts/xlsx/formula';
import {
  DEFAULT_LIMITS,
  preflightWorkbook,
  scanWorkbookEntries,
  toUint8Array,
  type SizeLimits,
  type ZipCodec,
} from '../../../src/hosts/xlsx/zip';

export interface ReadOptions {
  /**
   * Size guards; defaults to 50 MB file, 200 MB per sheet XML, 500 MB total uncompressed,
   * 200,000 rows per sheet, 1,000,000 cells and a 10,000,000-position grid per workbook.
   */
  limits?: Partial<SizeLimits>;
  /** Native inflation where the host has it (Node's zlib: node.ts); else the standard streams. */
  codec?: ZipCodec;
}

// ExcelJS.ValueType, spelled out so that this module does not depend on the enum's runtime export.
const VT = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  SharedString: 7,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;

const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** Days between 1899-12-30 (serial 0 of the 1900 system, Excel's leap-year bug included) and 1970-01-01. */
const EPOCH_1970_SERIAL = 25569;

/** A JS Date (as ExcelJS returns for date-formatted numbers) back to the Excel 1900-system serial. */
export function dateToSerial(d: Date): number {
  const serial = EPOCH_1970_SERIAL + d.getTime() / MS_PER_DAY;
  // ExcelJS rounded the serial to whole milliseconds; undo the float noise of that round trip.
  return Math.round(serial * 1e9) / 1e9;
}

/** Bytes in the form ExcelJS's load() accepts in Node (Buffer) and in browsers (ArrayBuffer). */
export function toLoadable(data: Uint8Array | ArrayBuffer): ArrayBuffer | Uint8Array {
  const g = globalThis as { Buffer?: { from(b: ArrayBuffer, o: number, l: number): Uint8Array } };
  const u8 = toUint8Array(data);
  if (g.Buffer) return g.Buffer.from(u8.buffer as ArrayBuffer, u8.byteOffset, u8.byteLength);
  return u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? (u8.buffer as ArrayBuffer) : (u8.slice().buffer as ArrayBuffer);
}

function classifyLoadError(e: unknown): 'truncated' | 'unreadable' {
  const msg = e instanceof Error ? e.message : String(e);
  if (/end of data|missing \d+ bytes|unexpected end|corrupted zip|truncated|invalid distance|unexpected eof/i.test(msg)) {
    return 'truncated';
  }
  return 'unreadable';
}

/**
 * Vet the bytes and load them with ExcelJS. Throws WorkbookReadError for anything unreadable,
 * never a library error.
 */
export async function loadWorkbook(
  data: Uint8Array | ArrayBuffer,
  fileName?: string,
  options: ReadOptions = {},
): Promise<ExcelJS.Workbook> {
  const limits: SizeLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const entries = preflightWorkbook(data, fileName, limits);
  // Bad-input corpus fix: prove the declared sizes and count rows before ExcelJS inflates anything
  // whole (zip bombs that lie about their size, a million compressible rows).
  const stored = await scanWorkbookEntries(data, entries, fileName, limits, options.codec);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(toLoadable(stored ?? data) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    throw new WorkbookReadError(classifyLoadError(e), { fileName, cause: e });
  }
  vetLoadedModel(wb, fileName, limits);
  return wb;
}

/** ExcelJS's cell with its value model (whose `address` is what the writer uses). */
type CellInternals = ExcelJS.Cell & { _value?: { model?: { address?: string } } };

/**
 * Bad-input corpus fixes, on the model ExcelJS loaded, before the snapshot is built:
 * - the snapshot is a dense grid (row by row up to each row's last cell), so a few cells far right
 *   or far down can make it huge (700 cells in column XFD: 11 million positions): too large;
 * - a cell whose reference is not in its row (`<c r="A8">` inside `<row r="1">`, as a broken
 *   exporter or a hand edit leaves it) is one Excel itself repairs; ExcelJS keeps the stray
 *   reference and, writing the workbook back, produces overlapping merges that no reader accepts.
 *   Such a file is reported as damaged (open it in Excel and save it again), never re-written.
 */
function vetLoadedModel(wb: ExcelJS.Workbook, fileName: string | undefined, limits: SizeLimits): void {
  const max = limits.maxGridCells ?? DEFAULT_LIMITS.maxGridCells;
  let positions = 0;
  for (const ws of wb.worksheets) {
    positions += ws.rowCount;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      positions += row.cellCount;
      const own = (row as unknown as { _cells?: (CellInternals | undefined)[] })._cells ?? [];
      own.forEach((cell, i) => {
        if (!cell) return;
        const expected = `${columnLetter(i + 1)}${r}`;
        // Two <c> of one column in a row: ExcelJS keeps the second one's reference in the value.
        const stored = cell._value?.model?.address ?? cell.address;
        if (cell.address.toUpperCase() !== expected || stored.toUpperCase() !== expected) {
          throw new WorkbookReadError('unreadable', { fileName, detail: `${ws.name}: ${stored} stored as ${expected}` });
        }
      });
    });
    if (positions > max) throw new WorkbookReadError('too-large', { fileName, detail: `${ws.name}: > ${max} ô / cells` });
  }
}

/** Read an .xlsx held in memory. */
export async function readWorkbookBuffer(
  data: Uint8Array | ArrayBuffer,
  fileName?: string,
  options: ReadOptions = {},
): Promise<WorkbookSnapshot> {
  const wb = await loadWorkbook(data, fileName, options);
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = workbookToSnapshot(wb);
  } catch (e) {
    // Fuzz finding: a shared formula whose translation leaves the sheet ("-3 is out of bounds")
    // throws inside ExcelJS's formula getter; the direct reader refuses such a file as damaged too.
    throw new WorkbookReadError('unreadable', { fileName, cause: e });
  }
  if (fileName !== undefined) snapshot.fileName = baseName(fileName);
  return snapshot;
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

export function workbookToSnapshot(wb: ExcelJS.Workbook): WorkbookSnapshot {
  return { sheets: wb.worksheets.map(worksheetToSnapshot) };
}

type RichTextValue = { richText: { text: string }[] };

function plainText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && Array.isArray((v as RichTextValue).richText)) {
    return (v as RichTextValue).richText.map((r) => r.text ?? '').join('');
  }
  return String(v);
}

/** A plain value (a cell's value or a formula's cached result) as snapshot value and type. */
function typedValue(v: unknown): Pick<Cell, 'v' | 't'> | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return { v, t: 'n' };
  if (typeof v === 'string') return { v, t: 's' };
  if (typeof v === 'boolean') return { v, t: 'b' };
  if (v instanceof Date) return { v: dateToSerial(v), t: 'd' };
  if (typeof v === 'object') {
    const o = v as { error?: string; richText?: unknown; text?: unknown };
    if (typeof o.error === 'string') return { v: o.error, t: 'e' };
    if (Array.isArray(o.richText)) return { v: plainText(o), t: 's' };
    if (o.text !== undefined) return { v: plainText(o.text), t: 's' };
  }
  return { v: String(v), t: 's' };
}

function toCell(cell: ExcelJS.Cell): Cell | null {
  const type = cell.type as number;
  let out: Cell | null;
  switch (type) {
    case VT.Null:
    case VT.Merge:
      return null;
    case VT.Formula: {
      const f = cell.formula;
      const r = typedValue(cell.result);
      out = r ? { v: r.v, t: r.t } : { v: null, t: 'n' };
      if (f) out.f = fromFileFormula(f.startsWith('=') ? f.slice(1) : f);
      break;
    }
    case VT.Hyperlink: {
      const hv = cell.value as { text?: unknown };
      out = { v: plainText(hv.text), t: 's' };
      break;
    }
    default: {
      const r = typedValue(cell.value);
      if (!r) return null;
      out = { v: r.v, t: r.t };
    }
  }
  const fmt = cell.numFmt;
  if (fmt && fmt !== 'General') out.fmt = fmt;
  return out;
}

interface WorksheetInternals {
  _merges?: Record<string, { top: number; left: number; bottom: number; right: number }>;
}

export function worksheetToSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  const cells: (Cell | null | undefined)[][] = [];
  let maxCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    let rowCells: (Cell | null | undefined)[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = toCell(cell);
      if (!value) return;
      if (!rowCells) {
        rowCells = [];
        while (cells.length < r - 1) cells.push([]);
        cells[r - 1] = rowCells;
      }
      while (rowCells.length < c - 1) rowCells.push(null);
      rowCells[c - 1] = value;
      if (c > maxCol) maxCol = c;
    });
  });
  for (let i = 0; i < cells.length; i++) if (!cells[i]) cells[i] = [];

  const merges: string[] = [];
  const internal = (ws as unknown as WorksheetInternals)._merges ?? {};
  for (const m of Object.values(internal)) {
    if (!m) continue;
    merges.push(rangeA1(m));
    // Values sit in the top-left cell only (ExcelJS reports the master's value everywhere).
    for (let r = m.top; r <= m.bottom && r <= cells.length; r++) {
      const row = cells[r - 1];
      for (let c = m.left; c <= m.right && c <= row.length; c++) {
        if (r === m.top && c === m.left) continue;
        row[c - 1] = null;
      }
    }
  }

  const hiddenRows: number[] = [];
  const lastRow = cells.length;
  for (let r = 1; r <= lastRow; r++) {
    const row = ws.findRow(r);
    if (row && row.hidden) hiddenRows.push(r);
  }
  const hiddenColumns: number[] = [];
  const lastCol = maxCol;
  const columns = (ws.columns ?? []) as (ExcelJS.Column | null)[];
  for (let c = 1; c <= Math.min(lastCol, columns.length); c++) {
    const col = columns[c - 1];
    if (col && col.hidden) hiddenColumns.push(c);
  }

  const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  const state = ws.state as string;
  return {
    name: ws.name,
    cells,
    merges,
    hiddenRows,
    hiddenColumns,
    protected: !!(protection && protection.sheet),
    visibility: state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible',
  };
}

export { WorkbookReadError };
