import { makeFinding, type Finding } from '../finding';
import { addScores, milliDecimal, sameScore } from '../scores';
import type { Rule } from './types';
import { num, viewOf, where } from './view';

const HUNDRED = milliDecimal(100_000);

/**
 * The areas' maxima must add up to the total maximum and to 100 (docs/domain.md: a 2019 form
 * labelled "100" had areas summing to 99,55). Each area counts with its leaf-based maximum, so a
 * wrong area maximum is reported once, at the area (max-parent-mismatch), not again at the total.
 * The total maximum cell is the total row × the max column (summary: the max row × the total
 * column); a formula counts with its cached result. A total maximum that is not a number is
 * reported as max/not-number. A total of 100 over areas that do not add up to 100 is reported once
 * (max/total-not-100), not also as a total that differs from its areas.
 */
export const maxTotal: Rule = {
  id: 'max-total',
  codes: ['max/total-mismatch', 'max/total-not-100', 'max/not-number'],
  description: "The total maximum differs from the sum of the areas' maxima, or that sum is not 100.",
  check(ctx) {
    const view = viewOf(ctx);
    if (view.areas.length === 0) return [];
    let sum = milliDecimal(0);
    for (const a of view.areas) {
      const m = view.effectiveMax(a);
      if (m === null) return []; // a missing maximum is reported by max-value
      sum = addScores(sum, m);
    }
    const out: Finding[] = [];
    const total = view.totalMax();
    let totalCell = '';
    if (total && total.a1 && !total.pending) {
      const r = total.reading;
      if (r.kind === 'number') {
        totalCell = total.a1;
        // A total of 100 over areas adding to 101 is one fact (the areas do not make 100), said
        // once by max/total-not-100 at this cell, not twice.
        if (!sameScore(r.value, sum) && !(sameScore(r.value, HUNDRED) && !sameScore(sum, HUNDRED))) {
          out.push(makeFinding('max/total-mismatch', 'error', where(view, total.a1), { max: num(r.value), sum: num(sum) }));
        }
      } else if (r.kind !== 'empty') {
        totalCell = total.a1;
        const value = r.kind === 'boolean' ? (r.value ? 'TRUE' : 'FALSE') : r.text;
        out.push(makeFinding('max/not-number', 'error', where(view, total.a1), { value }));
      }
    }
    if (!sameScore(sum, HUNDRED)) {
      const first = view.areas[0];
      const firstMax = view.maxRef(first);
      const cell = totalCell || (firstMax && firstMax.a1) || first.c.maxCell || first.c.codeCell;
      out.push(makeFinding('max/total-not-100', 'error', where(view, cell), { sum: num(sum) }));
    }
    return out;
  },
};
