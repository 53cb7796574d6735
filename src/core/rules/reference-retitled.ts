import { makeFinding, type Finding } from '../finding';
import { foldText } from '../text';
import { matchReference } from './reference-match';
import type { Rule } from './types';
import { shownCode } from './view';

/**
 * A criterion whose title differs from the official form's. Titles are compared folded (case,
 * diacritics, spacing, Unicode form and apostrophes ignored) and without trailing punctuation.
 */
export const referenceRetitled: Rule = {
  id: 'reference-retitled',
  codes: ['reference/retitled'],
  description: "A criterion's title differs from the official form.",
  check(ctx) {
    const m = matchReference(ctx);
    if (!m) return [];
    const out: Finding[] = [];
    for (const c of m.actual) {
      const e = m.expectedByKey.get(c.key);
      if (!e || comparable(e.title) === comparable(c.title)) continue;
      out.push(
        makeFinding(
          'reference/retitled',
          'warning',
          { sheet: m.view.table.sheet, cell: c.titleCell || c.codeCell, criterion: c.key },
          {
            code: shownCode(c),
            title: c.title,
            expected: e.title,
          },
        ),
      );
    }
    return out;
  },
};

function comparable(title: string): string {
  return foldText(title ?? '').replace(/[\s.:;,]+$/, '');
}
