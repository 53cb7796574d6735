/**
 * Exact totals per criterion, area and unit, in decimal arithmetic. A score counts the way Excel's
 * SUM counts it (numbers only), so the engine's totals equal what the workbook's formulas give;
 * text, errors and dates are reported by the validation rules instead of being guessed.
 */
import Decimal from 'decimal.js';
import { a1 } from './a1';
import type { Criterion, ScoreSeries, ScoringTable } from './model';
import { absScore, addScores, milliDecimal, readScore, subScores } from './scores';
import { cellReading, KIND_NUMBER, readSeriesCells, type SeriesCells } from './series-cells';
import { cellAt, type SheetSnapshot } from './snapshot';

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

export function isLeaf(c: Criterion): boolean {
  return c.childKeys.length === 0;
}

/**
 * Index = points ÷ maximum × 100 (docs/domain.md, "Results and rankings"). An area's index is
 * worked out where it is shown (`indexOf(a.score, a.max)`), not stored: a Decimal division per area
 * and unit is ~115 ms of each analysis at 3,321 units (measured, issue #17), and most runs show none.
 */
export function indexOf(score: Decimal, max: Decimal | null): Decimal | null {
  return max && !max.isZero() ? score.div(max).times(100) : null;
}

/** Every series' result; `cells`: the series already read (analyzeWorkbook's one pass), by position. */
export function computeTable(table: ScoringTable, sheet: SheetSnapshot, cells?: readonly SeriesCells[]): TableResult {
  const shape = tableShape(table);
  return {
    table,
    series: table.series.map((s, j) => seriesResult(table, sheet, s, shape, cells?.[j] ?? readSeriesCells(sheet, table, s))),
  };
}

export function computeSeries(table: ScoringTable, sheet: SheetSnapshot, series: ScoreSeries): SeriesResult {
  return seriesResult(table, sheet, series, tableShape(table), readSeriesCells(sheet, table, series));
}

/**
 * What every series of a table shares, worked out once per table (performance, bench/): the
 * criteria by key (first occurrence), their children, and the order in which values are computed
 * (children before their parent, as the recursive definition visits them).
 */
interface TableShape {
  crits: Criterion[];
  /** Per criterion: its index in table.criteria (the first row with its key). */
  rows: number[];
  /** Key → index into crits. */
  byKey: Map<string, number>;
  /** Per criterion (index into crits): its children's indexes; a leaf has none. */
  children: number[][];
  /** Criteria read from their own cell: leaves (and a parent met again below itself). */
  own: boolean[];
  order: number[];
  areas: number[];
  /** The sum of the areas' maxima (missing ones count 0): every series' `max`. */
  max: Decimal;
}

function tableShape(table: ScoringTable): TableShape {
  const byKey = new Map<string, number>();
  const crits: Criterion[] = [];
  const rows: number[] = [];
  table.criteria.forEach((c, i) => {
    if (byKey.has(c.key)) return;
    byKey.set(c.key, crits.length);
    crits.push(c);
    rows.push(i);
  });
  const children: number[][] = crits.map(() => []);
  const own = crits.map(() => false);
  const order: number[] = [];
  const done = new Set<number>();
  const visit = (i: number, guard: Set<string>): void => {
    if (done.has(i)) return;
    const c = crits[i];
    if (isLeaf(c) || guard.has(c.key)) own[i] = true;
    else {
      guard.add(c.key);
      for (const k of c.childKeys) {
        const j = byKey.get(k);
        if (j === undefined) continue;
        children[i].push(j);
        visit(j, guard);
      }
    }
    done.add(i);
    order.push(i);
  };
  for (let i = 0; i < crits.length; i++) visit(i, new Set());
  const areas: number[] = [];
  crits.forEach((c, i) => {
    if (c.depth === 1) areas.push(i);
  });
  let max = ZERO;
  for (const i of areas) max = addScores(max, crits[i].max ?? ZERO);
  return { crits, rows, byKey, children, own, order, areas, max };
}

function seriesResult(table: ScoringTable, sheet: SheetSnapshot, series: ScoreSeries, shape: TableShape, cells: SeriesCells): SeriesResult {
  const { crits, rows, children, own, order } = shape;
  const count = crits.length;
  // Values in thousandths while possible (exact integers), Decimal otherwise.
  const millis = new Float64Array(count);
  const decimals: (Decimal | undefined)[] = new Array(count);
  let scoredLeaves = 0;
  let leaves = 0;
  for (let o = 0; o < order.length; o++) {
    const i = order[o];
    if (own[i]) {
      // Numbers only, the way Excel's SUM counts (text, errors and dates are the rules' business).
      const number = cells.kinds[rows[i]] === KIND_NUMBER;
      if (isLeaf(crits[i])) {
        leaves++;
        if (number) scoredLeaves++;
      }
      const m = number ? cells.millis[rows[i]] : 0;
      millis[i] = m;
      if (Number.isNaN(m)) decimals[i] = (cellReading(cells, rows[i]) as { value: Decimal }).value;
    } else {
      let sum = 0;
      const kids = children[i];
      for (let k = 0; k < kids.length; k++) sum += millis[kids[k]];
      if (Number.isNaN(sum) || Math.abs(sum) > 1e15) {
        let d = ZERO;
        for (const j of kids) d = addScores(d, decimals[j] ?? milliDecimal(millis[j]));
        millis[i] = NaN;
        decimals[i] = d;
      } else millis[i] = sum;
    }
  }
  const valueAt = (i: number): Decimal => decimals[i] ?? milliDecimal(millis[i]);
  // In the order the values were computed (children before their parent).
  const values = new Map<string, Decimal>();
  for (let o = 0; o < order.length; o++) values.set(crits[order[o]].key, valueAt(order[o]));
  const areaIdx = shape.areas;
  const areas: AreaResult[] = new Array(areaIdx.length);
  for (let k = 0; k < areaIdx.length; k++) {
    const criterion = crits[areaIdx[k]];
    const score = valueAt(areaIdx[k]);
    areas[k] = { criterion, score, max: criterion.max };
  }
  const { bonus, penalty } = adjustmentsOf(table, sheet, series);
  const areaSum = sumOfAreas(millis, areaIdx, areas);
  const total = subScores(addScores(areaSum, bonus), penalty);
  const max = shape.max;
  return { series, values, scoredLeaves, leaves, areas, bonus, penalty, total, max, index: indexOf(total, max), filled: scoredLeaves > 0 };
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
function sumOfAreas(millis: Float64Array, areaIdx: number[], areas: AreaResult[]): Decimal {
  let sum = 0;
  for (let k = 0; k < areaIdx.length; k++) {
    sum += millis[areaIdx[k]];
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
