import { makeFinding, type Finding } from '../finding';
import { KIND_NUMBER } from '../series-cells';
import type { Rule } from './types';
import { isQuarterStep, num, viewOf, where } from './view';

/**
 * Non-survey scores move in steps of 0,25 (or 0,5); survey points (criterion.survey) are
 * proportional and exempt. Not checked in the summary layout (area scores include survey points)
 * nor for a criterion whose own maximum is not a multiple of 0,25 (its scale is different).
 */
export const scoreStep: Rule = {
  id: 'score-step',
  codes: ['score/step'],
  description: 'A non-survey leaf score is not a multiple of 0.25.',
  check(ctx) {
    const view = viewOf(ctx);
    if (view.table.layout === 'summary') return [];
    const out: Finding[] = [];
    // The leaves checked are the same in every series.
    const checked = view.leaves.filter((n) => !n.c.survey && !(n.c.max && !isQuarterStep(n.c.max)));
    const filled = view.filledSeries;
    // (Indexed loops, and a series with every number a whole number of steps skipped: performance,
    // issue #7.)
    for (let j = 0; j < filled.length; j++) {
      const s = filled[j];
      const d = view.series(s);
      if (d.cells.offQuarter === 0) continue;
      for (let k = 0; k < checked.length; k++) {
        const n = checked[k];
        if (d.cells.kinds[n.index] !== KIND_NUMBER) continue;
        const m = d.cells.millis[n.index];
        if (m % 250 === 0) continue; // fast path: a whole number of 0,25 steps (NaN goes on)
        const r = d.reading(n);
        if (r.kind !== 'number' || r.value.isNegative()) continue;
        if (!isQuarterStep(r.value))
          out.push(makeFinding('score/step', 'warning', where(view, view.score(n, s).a1, n, s), { value: num(r.value) }));
      }
    }
    return out;
  },
};
