import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { isLeaf, num, viewOf, where } from './view';

/** A negative score on a leaf criterion (penalties have their own rows). */
export const scoreNegative: Rule = {
  id: 'score-negative',
  codes: ['score/negative'],
  description: 'A leaf criterion score is negative.',
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    for (const s of view.filledSeries) {
      for (const n of view.nodes) {
        if (!isLeaf(n)) continue;
        const ref = view.score(n, s);
        const r = ref.reading;
        if (r.kind === 'number' && r.value.isNegative() && !r.value.isZero()) {
          out.push(makeFinding('score/negative', 'error', where(view, ref.a1, n, s), { value: num(r.value) }));
        }
      }
    }
    return out;
  },
};
