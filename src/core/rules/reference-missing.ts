import { makeFinding, type Finding } from '../finding';
import { matchReference, missingLocation } from './reference-match';
import type { Rule } from './types';
import { shownCode, where } from './view';

/** An official criterion (from the blank form) that the table does not have. */
export const referenceMissing: Rule = {
  id: 'reference-missing',
  codes: ['reference/missing'],
  description: 'A criterion of the official form is missing from the table.',
  check(ctx) {
    const m = matchReference(ctx);
    if (!m) return [];
    const out: Finding[] = [];
    m.expected.forEach((c, i) => {
      if (m.actualByKey.has(c.key)) return;
      out.push(
        makeFinding(
          'reference/missing',
          'warning',
          { ...where(m.view, missingLocation(m, i)), criterion: c.key },
          {
            code: shownCode(c),
            title: c.title,
          },
        ),
      );
    });
    return out;
  },
};
