import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { isLeaf, isQuarterStep, num, viewOf, where } from './view';

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
    for (const s of view.filledSeries) {
      for (const n of view.nodes) {
        if (!isLeaf(n) || n.c.survey) continue;
        if (n.c.max && !isQuarterStep(n.c.max)) continue;
        const ref = view.score(n, s);
        const r = ref.reading;
        if (r.kind !== 'number' || r.value.isNegative()) continue;
        if (!isQuarterStep(r.value)) out.push(makeFinding('score/step', 'warning', where(view, ref.a1, n, s), { value: num(r.value) }));
      }
    }
    return out;
  },
};
