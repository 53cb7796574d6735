import { makeFinding, type Finding } from '../finding';
import { KIND_NUMBER } from '../series-cells';
import type { Rule } from './types';
import { num, viewOf, where } from './view';

/** A negative score on a leaf criterion (penalties have their own rows). */
export const scoreNegative: Rule = {
  id: 'score-negative',
  codes: ['score/negative'],
  description: 'A leaf criterion score is negative.',
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    const leaves = view.leaves;
    const filled = view.filledSeries;
    // (Indexed loops, and a series with no possibly negative number skipped: performance, issue #7.)
    for (let j = 0; j < filled.length; j++) {
      const s = filled[j];
      const d = view.series(s);
      if (d.cells.negatives === 0) continue;
      for (let k = 0; k < leaves.length; k++) {
        const n = leaves[k];
        if (d.cells.kinds[n.index] !== KIND_NUMBER || d.cells.millis[n.index] >= 0) continue; // fast path
        const r = d.reading(n);
        if (r.kind === 'number' && r.value.isNegative() && !r.value.isZero()) {
          out.push(makeFinding('score/negative', 'error', where(view, view.score(n, s).a1, n, s), { value: num(r.value) }));
        }
      }
    }
    return out;
  },
};
