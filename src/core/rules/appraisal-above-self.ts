import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { KIND_NUMBER } from '../series-cells';
import { isLeaf } from '../model';
import { gt, num, viewOf, where } from './view';

/** A scorecard leaf whose appraised score is above the self-assessed one (worth a second look). */
export const appraisalAboveSelf: Rule = {
  id: 'appraisal-above-self',
  codes: ['appraisal/above-self'],
  description: 'The appraised score of a leaf criterion is above the self-assessed score.',
  check(ctx) {
    const view = viewOf(ctx);
    if (view.table.layout !== 'scorecard') return [];
    const self = view.table.series.find((s) => s.role === 'self');
    const appraised = view.table.series.find((s) => s.role === 'appraised');
    if (!self || !appraised) return [];
    const out: Finding[] = [];
    const ad = view.series(appraised);
    const sd = view.series(self);
    for (const n of view.nodes) {
      if (!isLeaf(n.c) || ad.cells.kinds[n.index] !== KIND_NUMBER || sd.cells.kinds[n.index] !== KIND_NUMBER) continue;
      const am = ad.cells.millis[n.index];
      const sm = sd.cells.millis[n.index];
      if (!Number.isNaN(am) && !Number.isNaN(sm) && am <= sm) continue; // fast path: not above
      const ar = ad.reading(n);
      const s = sd.reading(n);
      if (ar.kind !== 'number' || s.kind !== 'number' || !gt(ar.value, s.value)) continue;
      const a = view.score(n, appraised);
      out.push(
        makeFinding('appraisal/above-self', 'info', where(view, a.a1, n, appraised), {
          appraised: num(ar.value),
          self: num(s.value),
        }),
      );
    }
    return out;
  },
};
