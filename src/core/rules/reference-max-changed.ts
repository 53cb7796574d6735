import { makeFinding, type Finding } from '../finding';
import { sameScore } from '../scores';
import { matchReference } from './reference-match';
import type { Rule } from './types';
import { num } from './view';

/** A criterion whose maximum differs from the official form's (compared at the scoring precision). */
export const referenceMaxChanged: Rule = {
  id: 'reference-max-changed',
  codes: ['reference/max-changed'],
  description: "A criterion's maximum differs from the official form.",
  check(ctx) {
    const m = matchReference(ctx);
    if (!m) return [];
    const out: Finding[] = [];
    for (const c of m.actual) {
      const e = m.expectedByKey.get(c.key);
      if (!e || !e.max || !c.max || sameScore(e.max, c.max)) continue;
      out.push(
        makeFinding(
          'reference/max-changed',
          'error',
          { sheet: m.view.table.sheet, cell: c.maxCell || c.codeCell, criterion: c.key },
          {
            max: num(c.max),
            expectedMax: num(e.max),
          },
        ),
      );
    }
    return out;
  },
};
