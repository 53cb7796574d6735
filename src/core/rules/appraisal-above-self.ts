import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { gt, isLeaf, num, viewOf, where } from './view';

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
    for (const n of view.nodes) {
      if (!isLeaf(n)) continue;
      const a = view.score(n, appraised);
      const s = view.score(n, self).reading;
      if (a.reading.kind !== 'number' || s.kind !== 'number' || !gt(a.reading.value, s.value)) continue;
      out.push(
        makeFinding('appraisal/above-self', 'info', where(view, a.a1, n, appraised), {
          appraised: num(a.reading.value),
          self: num(s.value),
        }),
      );
    }
    return out;
  },
};
