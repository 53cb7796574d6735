import { addScores, milliDecimal, sameScore } from '../scores';
import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { isLeaf } from '../model';
import { num, viewOf, where } from './view';

/**
 * A parent's maximum must equal the sum of its children's maxima, computed from the leaves up
 * (a nested parent counts with the sum of its own children). Skipped when a maximum below is
 * missing or not a number (reported by max-value).
 */
export const maxParentMismatch: Rule = {
  id: 'max-parent-mismatch',
  codes: ['max/parent-mismatch'],
  description: "A parent's maximum differs from the sum of its children's maxima.",
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    for (const n of view.nodes) {
      if (isLeaf(n.c) || !n.c.max) continue;
      const ref = view.maxRef(n);
      if (ref?.pending) continue;
      let sum = milliDecimal(0);
      let known = true;
      for (const k of n.children) {
        const m = view.effectiveMax(k);
        if (m === null) {
          known = false;
          break;
        }
        sum = addScores(sum, m);
      }
      if (!known || sameScore(n.c.max, sum)) continue;
      const cell = ref && ref.a1 ? ref.a1 : n.c.maxCell || n.c.codeCell;
      out.push(makeFinding('max/parent-mismatch', 'error', where(view, cell, n), { max: num(n.c.max), sum: num(sum) }));
    }
    return out;
  },
};
