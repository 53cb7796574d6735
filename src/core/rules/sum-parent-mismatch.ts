import Decimal from 'decimal.js';
import { makeFinding, type Finding } from '../finding';
import { addScores, milliDecimal, milliOf, sameScore } from '../scores';
import { KIND_NUMBER } from '../series-cells';
import type { Rule } from './types';
import type { ScoreSeries } from '../model';
import { num, viewOf, where, type Computed, type Node, type SeriesData, type TableView } from './view';

/**
 * A parent's score (typed, or a formula's cached result) must equal the exact sum of its
 * children: leaves as read, nested parents with their own leaf-based sums, so every cell that a
 * wrong entry below makes wrong is named. The total (total row; summary: Tổng điểm column) must
 * equal the areas plus bonus minus penalty. Not checked when a cell below holds an error, text or
 * a date (already reported by score-invalid), when nothing below is entered, or when the parent
 * cell itself is empty or not a number.
 */
export const sumParentMismatch: Rule = {
  id: 'sum-parent-mismatch',
  codes: ['sum/parent-mismatch'],
  description: "A parent's or the total's score differs from the sum of its children.",
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    const parents = view.parents;
    const series = view.table.series ?? [];
    // (Indexed loops: performance, issue #7 — see view.ts.)
    for (let j = 0; j < series.length; j++) {
      const s = series[j];
      const d = view.series(s);
      const kinds = d.cells.kinds;
      const millis = d.cells.millis;
      for (let p = 0; p < parents.length; p++) {
        const n = parents[p];
        if (kinds[n.index] !== KIND_NUMBER) continue;
        const ownMilli = millis[n.index];
        if (!Number.isNaN(ownMilli) && d.childrenSumTo(n, ownMilli)) continue; // fast path
        const own = d.reading(n);
        if (own.kind !== 'number') continue;
        const sum = childSum(d, n.children);
        if (sum === null || sameScore(own.value, sum)) continue;
        out.push(
          makeFinding('sum/parent-mismatch', 'error', where(view, view.score(n, s).a1, n, s), { value: num(own.value), sum: num(sum) }),
        );
      }
      const total = view.totalScore(s);
      if (!total || total.reading.kind !== 'number' || view.areas.length === 0) continue;
      if (totalMatches(view, d, s, total.reading.value)) continue; // fast path
      const parts: Computed[] = view.areas.map((a) => view.computed(a, s));
      if (view.table.layout !== 'summary') {
        for (const adj of view.table.adjustments ?? []) {
          const r = view.cell(adj.row, s.index).reading;
          if (r.kind === 'number') {
            parts.push({ value: adj.kind === 'penalty' ? r.value.abs().negated() : r.value, entered: false, tainted: false });
          } else if (r.kind !== 'empty') {
            parts.push({ value: new Decimal(0), entered: false, tainted: true });
          }
        }
      }
      const sum = sumOf(parts);
      if (sum === null || sameScore(total.reading.value, sum)) continue;
      out.push(
        makeFinding('sum/parent-mismatch', 'error', where(view, total.a1, null, s), {
          value: num(total.reading.value),
          sum: num(sum),
          total: 1,
        }),
      );
    }
    return out;
  },
};

/** sumOf over a node's children, from the series' memoised leaf-based values (no allocation). */
function childSum(d: SeriesData, children: Node[]): Decimal | null {
  let entered = false;
  for (const k of children) {
    if (d.tainted(k)) return null;
    if (d.entered(k)) entered = true;
  }
  if (!entered) return null;
  let milli = 0;
  for (const k of children) milli += d.milli(k);
  if (Number.isNaN(milli) || Math.abs(milli) > 1e15) return children.reduce((acc, c) => addScores(acc, d.value(c)), milliDecimal(0));
  return milliDecimal(milli);
}

/** Fast check (no Decimal): the total equals the areas ± adjustments (or there is nothing to check). */
function totalMatches(view: TableView, d: SeriesData, s: ScoreSeries, total: Decimal): boolean {
  const want = milliOf(total);
  if (want === undefined) return false;
  let entered = false;
  let milli = 0;
  const areas = view.areas;
  for (let k = 0; k < areas.length; k++) {
    const a = areas[k];
    if (d.tainted(a)) return true; // reported elsewhere: no sum to check
    if (d.entered(a)) entered = true;
    milli += d.milli(a);
  }
  if (view.table.layout !== 'summary') {
    for (const adj of view.table.adjustments ?? []) {
      const r = view.cell(adj.row, s.index).reading;
      if (r.kind === 'number') {
        const m = milliOf(r.value);
        if (m === undefined) return false;
        milli += adj.kind === 'penalty' ? -Math.abs(m) : m;
      } else if (r.kind !== 'empty') return true;
    }
  }
  if (!entered) return true;
  return milli === want;
}

/** The exact sum, or null when nothing is entered or something below is already reported. */
function sumOf(parts: Computed[]): Decimal | null {
  if (!parts.some((p) => p.entered) || parts.some((p) => p.tainted)) return null;
  return parts.reduce((acc, p) => addScores(acc, p.value), milliDecimal(0));
}
