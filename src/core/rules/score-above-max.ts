import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { milliOf } from '../scores';
import { KIND_NUMBER } from '../series-cells';
import { gt, num, viewOf, where } from './view';

/**
 * A leaf criterion's score above its maximum (compared at the scoring precision). Bonus rows are
 * checked against their own maximum when they have one.
 */
export const scoreAboveMax: Rule = {
  id: 'score-above-max',
  codes: ['score/above-max'],
  description: 'A leaf criterion score (or a bonus) is above its maximum.',
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    const leaves = view.leaves.filter((n) => n.c.max);
    const maxMilli = leaves.map((n) => milliOf(n.c.max!) ?? NaN);
    const filled = view.filledSeries;
    // (Indexed loops: performance, issue #7 — see view.ts.)
    for (let j = 0; j < filled.length; j++) {
      const s = filled[j];
      const d = view.series(s);
      for (let k = 0; k < leaves.length; k++) {
        const n = leaves[k];
        if (!n.c.max || d.cells.kinds[n.index] !== KIND_NUMBER) continue;
        const m = d.cells.millis[n.index];
        if (!Number.isNaN(m) && !Number.isNaN(maxMilli[k]) && m <= maxMilli[k]) continue; // fast path: not above
        const r = d.reading(n);
        if (r.kind === 'number' && gt(r.value, n.c.max)) {
          out.push(
            makeFinding('score/above-max', 'error', where(view, view.score(n, s).a1, n, s), { value: num(r.value), max: num(n.c.max) }),
          );
        }
      }
      if (view.table.layout === 'summary') continue;
      for (const adj of view.table.adjustments ?? []) {
        if (adj.kind !== 'bonus' || !adj.max) continue;
        const ref = view.cell(adj.row, s.index);
        const r = ref.reading;
        if (r.kind === 'number' && gt(r.value.abs(), adj.max)) {
          out.push(makeFinding('score/above-max', 'error', where(view, ref.a1, null, s), { value: num(r.value), max: num(adj.max) }));
        }
      }
    }
    return out;
  },
};
