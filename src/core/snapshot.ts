/**
 * The plain, host-independent picture of a workbook that the engine works on.
 *
 * Hosts (the Office.js adapter, the .xlsx adapter) build it; the engine never sees Office.js,
 * ExcelJS, the DOM or the file system. The grid is anchored at A1: `cells[r][c]` is the cell in
 * row r + 1, column c + 1. Rows may be ragged and shorter than `rowCount`; a missing entry or
 * `null` is an empty cell.
 */

/** How the host reported a cell's content. Mirrors Excel's value types. */
export type CellType =
  /** number (Excel double) */
  | 'n'
  /** text */
  | 's'
  /** boolean */
  | 'b'
  /** error value such as #DIV/0! (the text of the error is in `v`) */
  | 'e'
  /** a number shown with a date format: `v` is the Excel serial (1900 date system) */
  | 'd';

export interface Cell {
  /** The value Excel shows (a formula's cached result for formula cells). */
  v: number | string | boolean | null;
  t: CellType;
  /** The formula without the leading '=', when the cell holds one (e.g. `SUM(D9:D11)`). */
  f?: string;
  /** Number format code, when the host knows it and it is not General. */
  fmt?: string;
}

export interface SheetSnapshot {
  name: string;
  /** Row-major, anchored at A1. */
  cells: (Cell | null | undefined)[][];
  /** Merged ranges as A1 ranges ("A6:A7"). Values sit in the top-left cell only. */
  merges: string[];
  /**
   * True when the host could not read the merged areas (Excel's API returns none for a range with
   * more than 512): `merges` is then empty and detection says so (`detect/merges-unread`).
   */
  mergesUnread?: boolean;
  /** 1-based row numbers hidden by the user. */
  hiddenRows: number[];
  /** 1-based column numbers hidden by the user. */
  hiddenColumns: number[];
  /** True when the sheet is protected (writes into it will fail). */
  protected: boolean;
  visibility: 'visible' | 'hidden' | 'veryHidden';
}

export interface WorkbookSnapshot {
  /** File name (no directory) when the workbook came from a file; used for the year fallback. */
  fileName?: string;
  sheets: SheetSnapshot[];
}

export function cellAt(sheet: SheetSnapshot, row: number, col: number): Cell | null {
  const r = sheet.cells[row - 1];
  if (!r) return null;
  return r[col - 1] ?? null;
}

export function rowCount(sheet: SheetSnapshot): number {
  return sheet.cells.length;
}

export function columnCount(sheet: SheetSnapshot): number {
  let max = 0;
  for (const r of sheet.cells) if (r && r.length > max) max = r.length;
  return max;
}

/** The displayed text of a cell, trimmed; '' for empty cells. */
export function cellText(cell: Cell | null | undefined): string {
  if (!cell || cell.v === null || cell.v === undefined) return '';
  return String(cell.v).trim();
}

export function isEmptyCell(cell: Cell | null | undefined): boolean {
  return !cell || cell.v === null || cell.v === undefined || (cell.t === 's' && String(cell.v).trim() === '');
}
