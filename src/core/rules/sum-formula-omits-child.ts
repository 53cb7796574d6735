import { makeFinding, type Finding } from '../finding';
import type { ScoreSeries } from '../model';
import { rowsSummedInColumn } from './formula';
import type { Rule } from './types';
import { isLeaf, viewOf, where, type CellRef, type Node, type TableView } from './view';

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
    for (const { col, series } of columns) {
      for (const n of view.nodes) {
        if (isLeaf(n)) continue;
        check(out, view, view.cell(n.c.row, col), n.children, n, series);
      }
      if (table.totalIndex > 0) check(out, view, view.cell(table.totalIndex, col), view.areas, null, series);
    }
    return out;
  },
};

function check(out: Finding[], view: TableView, ref: CellRef, children: Node[], parent: Node | null, series: ScoreSeries | null): void {
  const formula = ref.cell?.f;
  if (!formula || !ref.a1 || children.length === 0) return;
  const rows = rowsSummedInColumn(formula, ref.col);
  if (!rows) return;
  for (const k of children) {
    if (rows.has(k.c.row)) continue;
    out.push(
      makeFinding('sum/formula-omits-child', 'error', where(view, ref.a1, parent, series), {
        formula,
        child: k.c.key,
        row: k.c.row,
      }),
    );
  }
}
