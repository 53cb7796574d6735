import { columnLetter } from '../a1';
import { makeFinding, type Finding } from '../finding';
import type { ScoreSeries } from '../model';
import { flatSumRows, rowsSummedInColumn, sumTemplate } from './formula';
import type { Rule } from './types';
import { cellAt } from '../snapshot';
import { viewOf, where, type Node, type TableView } from './view';

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
    const series = table.series ?? [];
    for (let j = 0; j < series.length; j++) columns.push({ col: series[j].index, series: series[j] });
    const parents = view.parents;
    // One memo per checked row (the parents, then the total row), shared by its columns.
    const memos: (RowMemo | null)[] = new Array(parents.length + 1).fill(null);
    // (Indexed loops: performance, issue #7 — see view.ts.)
    for (let j = 0; j < columns.length; j++) {
      const { col, series: s } = columns[j];
      // The column's own letters, for comparing its formulas with the rows' templates.
      const letters = Number.isInteger(col) && col >= 1 && col <= MAX_COLUMN ? columnLetter(col) : null;
      for (let p = 0; p < parents.length; p++) {
        const n = parents[p];
        memos[p] = check(out, view, n.c.row, col, letters, n.children, n, s, memos[p]);
      }
      if (table.totalIndex > 0)
        memos[parents.length] = check(out, view, table.totalIndex, col, letters, view.areas, null, s, memos[parents.length]);
    }
    return out;
  },
};

/** The last column with three letters (XFD, 16384, is Excel's last). */
const MAX_COLUMN = 18278;

/**
 * The last flat same-column sum read in a row: its template (see sumTemplate) and the children
 * its rows leave out. A formula of another column that equals the template joined with that
 * column's letters leaves out the same children (performance: no scan, no rows array).
 */
interface RowMemo {
  template: string[];
  missing: Node[];
}

function check(
  out: Finding[],
  view: TableView,
  row: number,
  col: number,
  letters: string | null,
  children: Node[],
  parent: Node | null,
  series: ScoreSeries | null,
  memo: RowMemo | null,
): RowMemo | null {
  // Performance: the cell is read directly; a CellRef (with its A1 address) only for a finding.
  if (!(row >= 1 && col >= 1 && Number.isFinite(row) && Number.isFinite(col)) || children.length === 0) return memo;
  const formula = cellAt(view.ctx.sheet, row, col)?.f;
  if (!formula) return memo;
  let missing: Node[];
  if (memo !== null && letters !== null && formula === memo.template.join(letters)) missing = memo.missing;
  else {
    const flat = flatSumRows(formula, col);
    const rows = flat === undefined ? rowsSummedInColumn(formula, col) : flat;
    if (!rows) return memo;
    missing = [];
    for (let c = 0; c < children.length; c++) {
      const k = children[c];
      if (!(Array.isArray(rows) ? rows.includes(k.c.row) : rows.has(k.c.row))) missing.push(k);
    }
    if (Array.isArray(flat)) memo = { template: sumTemplate(formula), missing };
  }
  for (let c = 0; c < missing.length; c++) {
    const k = missing[c];
    out.push(
      makeFinding('sum/formula-omits-child', 'error', where(view, view.cell(row, col).a1, parent, series), {
        formula,
        child: k.c.key,
        row: k.c.row,
      }),
    );
  }
  return memo;
}
