/**
 * Formulas without a calculated result (issue #16). openpyxl, xlsx-populate and write-excel-file
 * save formulas with no cached value, and a workbook flagged `fullCalcOnLoad` (xlsxwriter's
 * default) asks Excel to recalculate everything on open, so its cached values are not what Excel
 * shows (the .xlsx host drops them: read-snapshot.ts). Such a cell reaches the engine as a formula
 * with `v: null`.
 *
 * The engine does not evaluate formulas. The cells whose values are sums of the table's own cells
 * are known from the criteria tree — a parent's maximum, a parent's score, the total — and the
 * engine already computes every score from the leaves up, so only the parents' maxima, which
 * detection reads from their cells, need deriving here: from the children's maxima, the way the
 * form's SUM would give them. One `read/not-calculated` (info) per table says that this was done.
 */
import Decimal from 'decimal.js';
import { a1 } from '../a1';
import { makeFinding, type Finding } from '../finding';
import type { Criterion, ScoringTable } from '../model';
import { addScores, milliDecimal } from '../scores';
import { cellAt, type SheetSnapshot } from '../snapshot';

/** A formula cell whose result is unknown (never calculated, or dropped for a recalculation on load). */
export function isUncalculated(sheet: SheetSnapshot, row: number, col: number): boolean {
  if (!(row >= 1 && col >= 1)) return false;
  const c = cellAt(sheet, row, col);
  return !!c && !!c.f && (c.v === null || c.v === undefined);
}

/**
 * Gives each parent whose maximum cell is an uncalculated formula the sum of its children's
 * maxima (null when one of them is unknown), in place, and returns the table's
 * `read/not-calculated` finding, or null when every derived cell of the table has a value.
 */
export function deriveUncalculated(table: ScoringTable, sheet: SheetSnapshot): Finding | null {
  const cells = uncalculatedCells(table, sheet);
  if (cells.length === 0) return null;
  if (table.layout !== 'summary' && table.maxCol > 0) deriveMaxima(table, sheet);
  cells.sort((x, y) => x.row - y.row || x.col - y.col);
  const first = a1(cells[0].row, cells[0].col);
  return makeFinding(
    'read/not-calculated',
    'info',
    { sheet: table.sheet, cell: first },
    { sheet: table.sheet, count: cells.length, cell: first },
  );
}

/** The table's uncalculated cells among those the engine derives: parents' maxima and scores, totals. */
function uncalculatedCells(table: ScoringTable, sheet: SheetSnapshot): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  const add = (row: number, col: number) => {
    if (isUncalculated(sheet, row, col)) out.push({ row, col });
  };
  if (table.layout === 'summary') {
    for (const s of table.series) add(s.index, table.totalIndex);
    if (table.maxRow > 0) add(table.maxRow, table.totalIndex);
    return out;
  }
  const lines = table.criteria.filter((c) => c.childKeys.length > 0).map((c) => c.row);
  if (table.totalIndex > 0) lines.push(table.totalIndex);
  for (const row of lines) {
    add(row, table.maxCol);
    for (const s of table.series) add(row, s.index);
  }
  return out;
}

function deriveMaxima(table: ScoringTable, sheet: SheetSnapshot): void {
  const byKey = new Map<string, Criterion>();
  for (const c of table.criteria) if (!byKey.has(c.key)) byKey.set(c.key, c);
  const done = new Set<Criterion>();
  const visit = (c: Criterion, guard: Set<string>): Decimal | null => {
    if (done.has(c) || c.childKeys.length === 0 || guard.has(c.key)) return c.max;
    guard.add(c.key);
    let sum: Decimal | null = milliDecimal(0);
    for (const k of c.childKeys) {
      const child = byKey.get(k);
      const m = child ? visit(child, guard) : null;
      sum = sum !== null && m !== null ? addScores(sum, m) : null;
    }
    done.add(c);
    if (isUncalculated(sheet, c.row, table.maxCol)) c.max = sum;
    return c.max;
  };
  for (const c of table.criteria) visit(c, new Set());
}
