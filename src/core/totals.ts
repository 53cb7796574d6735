/**
 * Exact totals per criterion, area and unit, in decimal arithmetic, read off the table's one view
 * (rules/view.ts): the rules and the totals share one sum of the criteria tree. A score counts the
 * way Excel's SUM counts it (numbers only), so the engine's totals equal what the workbook's
 * formulas give; text, errors and dates are reported by the validation rules instead of being
 * guessed. A parent is the sum of its children once one of them is entered; a parent typed in
 * with every child blank stands for itself, as the area row Excel's total adds up would.
 */
import Decimal from 'decimal.js';
import { a1 } from './a1';
import type { Criterion, ScoreSeries, ScoringTable } from './model';
import { buildView, type Node, type TableView } from './rules/view';
import { absScore, addScores, milliDecimal, readScore, subScores } from './scores';
import { KIND_NUMBER, type SeriesCells } from './series-cells';
import { cellAt, type SheetSnapshot, type WorkbookSnapshot } from './snapshot';

export interface AreaResult {
  criterion: Criterion;
  score: Decimal;
  max: Decimal | null;
}

export interface SeriesResult {
  series: ScoreSeries;
  /** Every criterion's value by key: leaves as counted, parents as the exact sum of their children. */
  values: Map<string, Decimal>;
  /** Leaves with a counted (numeric) score. */
  scoredLeaves: number;
  leaves: number;
  areas: AreaResult[];
  bonus: Decimal;
  penalty: Decimal;
  total: Decimal;
  max: Decimal;
  index: Decimal | null;
  /** True when at least one leaf holds a number: an unfilled column is not ranked. */
  filled: boolean;
}

export interface TableResult {
  table: ScoringTable;
  series: SeriesResult[];
}

const ZERO = milliDecimal(0);

/**
 * Index = points ÷ maximum × 100 (docs/domain.md, "Results and rankings"). An area's index is
 * worked out where it is shown (`indexOf(a.score, a.max)`), not stored: a Decimal division per area
 * and unit is ~115 ms of each analysis at 3,321 units (measured, issue #17), and most runs show none.
 */
export function indexOf(score: Decimal, max: Decimal | null): Decimal | null {
  return max && !max.isZero() ? score.div(max).times(100) : null;
}

/** The view a table's totals are read from, for callers that did not build one for the rules. */
export function tableView(
  workbook: WorkbookSnapshot,
  sheet: SheetSnapshot,
  table: ScoringTable,
  cells?: readonly SeriesCells[],
): TableView {
  return buildView({ workbook, sheet, table, cells });
}

/** Every series' result, read off the table's view (the sums the rules checked). */
export function computeTable(view: TableView): TableResult {
  const first = view.nodes.filter((n) => n.first);
  const areas = first.filter((n) => n.c.depth === 1);
  const leaves = first.filter((n) => n.children.length === 0);
  let max = ZERO;
  for (const a of areas) max = addScores(max, a.c.max ?? ZERO);
  const series = Array.isArray(view.table.series) ? view.table.series : [];
  return { table: view.table, series: series.map((s) => seriesResult(view, s, { first, areas, leaves, max })) };
}

/** What every series of a table shares: the criteria's first rows, the areas and leaves among them, the maximum. */
interface TableShape {
  first: Node[];
  areas: Node[];
  leaves: Node[];
  max: Decimal;
}

function seriesResult(view: TableView, series: ScoreSeries, shape: TableShape): SeriesResult {
  const data = view.series(series);
  const values = new Map<string, Decimal>();
  for (const n of shape.first) values.set(n.c.key, data.value(n));
  let scoredLeaves = 0;
  for (const n of shape.leaves) if (data.cells.kinds[n.index] === KIND_NUMBER) scoredLeaves++;
  const areas = shape.areas.map((n): AreaResult => ({ criterion: n.c, score: data.value(n), max: n.c.max }));
  const { bonus, penalty } = adjustmentsOf(view.table, view.ctx.sheet, series);
  const areaSum = sumOfAreas(
    shape.areas.map((n) => data.milli(n)),
    areas,
  );
  const total = subScores(addScores(areaSum, bonus), penalty);
  const { max } = shape;
  return {
    series,
    values,
    scoredLeaves,
    leaves: shape.leaves.length,
    areas,
    bonus,
    penalty,
    total,
    max,
    index: indexOf(total, max),
    filled: scoredLeaves > 0,
  };
}

/** The series' bonus and penalty rows (numbers only; a penalty counts whether typed 1 or -1). */
function adjustmentsOf(table: ScoringTable, sheet: SheetSnapshot, series: ScoreSeries): { bonus: Decimal; penalty: Decimal } {
  let bonus = ZERO;
  let penalty = ZERO;
  for (const adj of table.adjustments) {
    const r = readScore(cellAt(sheet, adj.row, series.index));
    if (r.kind !== 'number') continue;
    if (adj.kind === 'bonus') bonus = addScores(bonus, r.value);
    else penalty = addScores(penalty, absScore(r.value));
  }
  return { bonus, penalty };
}

/**
 * The areas' sum: in integers when every partial sum stays in the exact range (addScores would
 * give the same values; performance, bench/), the Decimal path otherwise.
 */
function sumOfAreas(millis: number[], areas: AreaResult[]): Decimal {
  let sum = 0;
  for (let k = 0; k < millis.length; k++) {
    sum += millis[k];
    if (!(Math.abs(sum) <= 1e15)) break; // NaN too
  }
  if (Math.abs(sum) <= 1e15) return milliDecimal(sum);
  let areaSum = ZERO;
  for (const a of areas) areaSum = addScores(areaSum, a.score);
  return areaSum;
}

/** A1 address of a series' total cell (total row or total column), or '' when the table has none. */
export function totalCellOf(table: ScoringTable, series: ScoreSeries): string {
  if (!table.totalIndex) return '';
  return table.layout === 'summary' ? a1(series.index, table.totalIndex) : a1(table.totalIndex, series.index);
}

/** A1 address of a series' rank cell, or '' when the table has no rank row/column. */
export function rankCellOf(table: ScoringTable, series: ScoreSeries): string {
  if (!table.rankIndex) return '';
  return table.layout === 'summary' ? a1(series.index, table.rankIndex) : a1(table.rankIndex, series.index);
}
