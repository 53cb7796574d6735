import { makeFinding, type Finding } from '../finding';
import type { ScoreSeries } from '../model';
import { flatSumRows, rowsSummedInColumn } from './formula';
import type { Rule } from './types';
import { cellAt } from '../snapshot';
import { isLeaf, viewOf, where, type Node, type TableView } from './view';

/**
 * A parent's sum formula that leaves out one of its children's rows (=SUM(D9+D12) where 1.3 sits
 * in row 13): the cached total looks plausible and is wrong. Checked in every score column and in
 * the max column, for parent rows and for the total row (whose children are the areas).
 * Criteria-as-rows layouts only. Only simple same-column sums are read (see formula.ts); a formula
 * that also adds rows that are not children is not reported here.
 */
export const sumFormulaOmitsChild: Rule = {
  id: 'sum-formula-omits-child',
  codes: ['sum/formula-omits-child'],
  description: "A parent's SUM formula does not reference one of its children.",
  check(ctx) {
    const view = viewOf(ctx);
    const table = view.table;
    if (table.layout === 'summary') return [];
    const out: Finding[] = [];
    const columns: { col: number; series: ScoreSeries | null }[] = [];
    if (table.maxCol > 0) columns.push({ col: table.maxCol, series: null });
    for (const s of table.series ?? []) columns.push({ col: s.index, series: s });
    const parents = view.nodes.filter((n) => !isLeaf(n));
    for (const { col, series } of columns) {
      for (const n of parents) check(out, view, n.c.row, col, n.children, n, series);
      if (table.totalIndex > 0) check(out, view, table.totalIndex, col, view.areas, null, series);
    }
    return out;
  },
};

function check(out: Finding[], view: TableView, row: number, col: number, children: Node[], parent: Node | null, series: ScoreSeries | null): void {
  // Performance: the cell is read directly; a CellRef (with its A1 address) only for a finding.
  if (!(row >= 1 && col >= 1 && Number.isFinite(row) && Number.isFinite(col)) || children.length === 0) return;
  const formula = cellAt(view.ctx.sheet, row, col)?.f;
  if (!formula) return;
  const flat = flatSumRows(formula, col);
  const rows = flat === undefined ? rowsSummedInColumn(formula, col) : flat;
  if (!rows) return;
  for (const k of children) {
    if (Array.isArray(rows) ? rows.includes(k.c.row) : rows.has(k.c.row)) continue;
    out.push(
      makeFinding('sum/formula-omits-child', 'error', where(view, view.cell(row, col).a1, parent, series), {
        formula,
        child: k.c.key,
        row: k.c.row,
      }),
    );
  }
}
