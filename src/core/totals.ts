/**
 * Exact totals per criterion, area and unit, in decimal arithmetic. A score counts the way Excel's
 * SUM counts it (numbers only), so the engine's totals equal what the workbook's formulas give;
 * text, errors and dates are reported by the validation rules instead of being guessed.
 */
import Decimal from 'decimal.js';
import { a1 } from './a1';
import type { Criterion, ScoreSeries, ScoringTable } from './model';
import { scoreRowCol } from './model';
import { readScore } from './scores';
import { cellAt, type SheetSnapshot } from './snapshot';

export interface AreaResult {
  criterion: Criterion;
  score: Decimal;
  max: Decimal | null;
  /** score ÷ max × 100, null when the maximum is unknown or zero. */
  index: Decimal | null;
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

const ZERO = new Decimal(0);

export function isLeaf(c: Criterion): boolean {
  return c.childKeys.length === 0;
}

/** Index = points ÷ maximum × 100 (PAR-INDEX.md, "Results and rankings"). */
export function indexOf(score: Decimal, max: Decimal | null): Decimal | null {
  return max && !max.isZero() ? score.div(max).times(100) : null;
}

export function computeTable(table: ScoringTable, sheet: SheetSnapshot): TableResult {
  return { table, series: table.series.map((s) => computeSeries(table, sheet, s)) };
}

export function computeSeries(table: ScoringTable, sheet: SheetSnapshot, series: ScoreSeries): SeriesResult {
  const byKey = new Map<string, Criterion>();
  for (const c of table.criteria) if (!byKey.has(c.key)) byKey.set(c.key, c);
  const values = new Map<string, Decimal>();
  let scoredLeaves = 0;
  let leaves = 0;

  const valueOf = (c: Criterion, guard: Set<string>): Decimal => {
    const known = values.get(c.key);
    if (known) return known;
    let v: Decimal;
    if (isLeaf(c) || guard.has(c.key)) {
      const { row, col } = scoreRowCol(table, c, series);
      const r = readScore(cellAt(sheet, row, col));
      v = r.kind === 'number' ? r.value : ZERO;
    } else {
      guard.add(c.key);
      v = ZERO;
      for (const k of c.childKeys) {
        const child = byKey.get(k);
        if (child) v = v.plus(valueOf(child, guard));
      }
    }
    values.set(c.key, v);
    return v;
  };

  for (const c of byKey.values()) {
    if (isLeaf(c)) {
      leaves++;
      const { row, col } = scoreRowCol(table, c, series);
      if (readScore(cellAt(sheet, row, col)).kind === 'number') scoredLeaves++;
    }
    valueOf(c, new Set());
  }

  const areas: AreaResult[] = [];
  for (const c of byKey.values()) {
    if (c.depth !== 1) continue;
    const score = values.get(c.key) ?? ZERO;
    areas.push({ criterion: c, score, max: c.max, index: indexOf(score, c.max) });
  }
  let bonus = ZERO;
  let penalty = ZERO;
  for (const adj of table.adjustments) {
    const r = readScore(cellAt(sheet, adj.row, series.index));
    if (r.kind !== 'number') continue;
    if (adj.kind === 'bonus') bonus = bonus.plus(r.value);
    // Penalties are subtracted whether the form types them as 1 or as -1.
    else penalty = penalty.plus(r.value.abs());
  }
  const areaSum = areas.reduce((s, a) => s.plus(a.score), ZERO);
  const total = areaSum.plus(bonus).minus(penalty);
  const max = areas.reduce((s, a) => s.plus(a.max ?? ZERO), ZERO);
  return {
    series,
    values,
    scoredLeaves,
    leaves,
    areas,
    bonus,
    penalty,
    total,
    max,
    index: indexOf(total, max),
    filled: scoredLeaves > 0,
  };
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
