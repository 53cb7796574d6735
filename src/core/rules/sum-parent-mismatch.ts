import Decimal from 'decimal.js';
import { makeFinding, type Finding } from '../finding';
import { sameScore } from '../scores';
import type { Rule } from './types';
import { isLeaf, num, viewOf, where, type Computed } from './view';

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
    for (const s of view.table.series ?? []) {
      for (const n of view.nodes) {
        if (isLeaf(n)) continue;
        const own = view.score(n, s);
        if (own.reading.kind !== 'number') continue;
        const kids = n.children.map((k) => view.computed(k, s));
        const sum = sumOf(kids);
        if (sum === null || sameScore(own.reading.value, sum)) continue;
        out.push(makeFinding('sum/parent-mismatch', 'error', where(view, own.a1, n, s), { value: num(own.reading.value), sum: num(sum) }));
      }
      const total = view.totalScore(s);
      if (!total || total.reading.kind !== 'number' || view.areas.length === 0) continue;
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
      out.push(makeFinding('sum/parent-mismatch', 'error', where(view, total.a1, null, s), { value: num(total.reading.value), sum: num(sum) }));
    }
    return out;
  },
};

/** The exact sum, or null when nothing is entered or something below is already reported. */
function sumOf(parts: Computed[]): Decimal | null {
  if (!parts.some((p) => p.entered) || parts.some((p) => p.tainted)) return null;
  return parts.reduce((acc, p) => acc.plus(p.value), new Decimal(0));
}
