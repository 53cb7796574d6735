import { makeFinding, type Finding } from '../finding';
import { matchReference } from './reference-match';
import type { Rule } from './types';
import { shownCode } from './view';

/** A criterion in the table that the official form does not have. */
export const referenceAdded: Rule = {
  id: 'reference-added',
  codes: ['reference/added'],
  description: 'A criterion of the table is not in the official form.',
  check(ctx) {
    const m = matchReference(ctx);
    if (!m) return [];
    const out: Finding[] = [];
    for (const c of m.actual) {
      if (m.expectedByKey.has(c.key)) continue;
      out.push(
        makeFinding(
          'reference/added',
          'warning',
          { sheet: m.view.table.sheet, cell: c.codeCell, criterion: c.key },
          {
            code: shownCode(c),
            title: c.title,
          },
        ),
      );
    }
    return out;
  },
};
