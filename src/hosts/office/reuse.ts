/// <reference types="office-js" />
/**
 * Re-validation after an edit reads again only the sheets that may have changed and keeps the
 * other sheets' cells from the last snapshot (issue #17: at 150 units × 150 criteria, reading the
 * whole workbook again was most of the wait between typing a score and seeing its finding).
 *
 * What tells a sheet changed: Excel's change events. Worksheet.onChanged / WorksheetCollection.onChanged
 * "Occurs when any worksheet in the workbook is changed" with Excel.WorksheetChangedEventArgs, whose
 * `worksheetId` "Gets the ID of the worksheet in which the data changed" and `address` "Gets the
 * range address that represents the changed area" ([API set: ExcelApi 1.7],
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs; collection-wide
 * from ExcelApi 1.9). The pane passes the names of the sheets those events named (office-host.ts
 * turns the id into the current name). A sheet's cells are kept only when all of these hold:
 *  - it is the same sheet, same name: its id (Worksheet.id, ExcelApi 1.1) sits at the same place in
 *    the last read, so a sheet added, deleted, renamed or moved is read (no event names those);
 *  - no change event named it;
 *  - its used range (values only) spans exactly the cells kept: a change no event reported (or one
 *    missed) that moved the edge of the data is read;
 *  - none of its formulas can take a value from elsewhere: another sheet ("Sheet2!A1"), a defined
 *    name, a table, INDIRECT/OFFSET or a volatile function (NOW, RAND…). Excel recalculates those
 *    when another sheet changes without raising onChanged for them (that is onCalculated,
 *    https://learn.microsoft.com/javascript/api/excel/excel.worksheetcalculatedeventargs), so a kept
 *    value could be stale; a formula over the sheet's own cells changes only with them;
 *  - it is not the state sheet (tiny, and the pane patches its own copy: snapshot-state.ts).
 * Names, visibility, protection, merged areas and hidden rows/columns are read for every sheet:
 * they cost a few requests, not the cells. What a kept sheet can miss: a number-format-only change
 * (Excel raises onFormatChanged, not onChanged), shown with the next edit of that sheet or reload.
 */
import type { Cell, WorkbookSnapshot } from '../../core/snapshot';
import { isStateSheet } from '../../core/state';

export interface SnapshotReuse {
  /** The snapshot read last. */
  previous: WorkbookSnapshot;
  /** The id of each sheet of `previous`, in its order (as the read returned them). */
  sheetIds: readonly string[];
  /** Names of the sheets change events named since `previous` was read. */
  changed: ReadonlySet<string>;
}

/** A sheet as sync 2 of the read sees it: its used range null when it holds no value. */
export interface SheetNow {
  id: string;
  name: string;
  used: Pick<Excel.Range, 'rowIndex' | 'columnIndex' | 'rowCount' | 'columnCount'> | null;
}

/** The cells of `sheet` the last snapshot still holds, or null when they must be read. */
export function reusableCells(reuse: SnapshotReuse, sheet: SheetNow): (Cell | null | undefined)[][] | null {
  const { previous, sheetIds, changed } = reuse;
  if (sheetIds.length !== previous.sheets.length || isStateSheet(sheet) || changed.has(sheet.name)) return null;
  const index = sheetIds.indexOf(sheet.id);
  const before = index >= 0 ? previous.sheets[index] : undefined;
  if (!before || before.name !== sheet.name) return null;
  if (!sameSpan(boundsOf(before.cells), sheet.used)) return null;
  if (before.cells.some((row) => row?.some((cell) => cell?.f !== undefined && !selfContained(cell.f)))) return null;
  return before.cells;
}

interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The 0-based box around the cells that hold something (null: none). */
function boundsOf(cells: (Cell | null | undefined)[][]): Bounds | null {
  let b: Bounds | null = null;
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      if (!b) b = { top: r, left: c, bottom: r, right: c };
      b.left = Math.min(b.left, c);
      b.right = Math.max(b.right, c);
      b.bottom = r;
    }
  }
  return b;
}

function sameSpan(b: Bounds | null, used: SheetNow['used']): boolean {
  if (!b || !used) return !b && !used;
  return (
    b.top === used.rowIndex &&
    b.left === used.columnIndex &&
    b.bottom === used.rowIndex + used.rowCount - 1 &&
    b.right === used.columnIndex + used.columnCount - 1
  );
}

/** Functions whose result can change with no change to the cells they name. */
const VOLATILE: ReadonlySet<string> = new Set(['INDIRECT', 'OFFSET', 'NOW', 'TODAY', 'RAND', 'RANDBETWEEN', 'RANDARRAY', 'CELL', 'INFO']);

/** The tokens of a formula over its own sheet's cells; anything else (!, [, {, a bare name) is not. */
const TOKEN =
  /\s+|"(?:[^"]|"")*"|([A-Za-z_][A-Za-z0-9_.]*)\(|\$?[A-Za-z]{1,3}\$?\d+(?![A-Za-z0-9_.(!])|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|(?:TRUE|FALSE)(?![A-Za-z0-9_.(!])|[-+*/^&=<>:,;()%]/y;

/**
 * True when a formula (without its "=") can only depend on cells of its own sheet: cell
 * references, numbers, strings, operators and non-volatile functions. Conservative: a formula it
 * cannot read (a defined name, a whole-column reference, an array constant) counts as not.
 */
export function selfContained(formula: string): boolean {
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < formula.length) {
    const m = TOKEN.exec(formula);
    if (!m) return false;
    if (m[1] !== undefined && VOLATILE.has(m[1].toUpperCase().replace(/^_XLFN\./, ''))) return false;
  }
  return true;
}
