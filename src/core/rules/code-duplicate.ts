import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { shownCode, viewOf, where } from './view';

/** A criterion code used twice: the second occurrence is reported, naming the first. */
export const codeDuplicate: Rule = {
  id: 'code-duplicate',
  codes: ['code/duplicate'],
  description: 'A criterion code appears more than once in the table.',
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    for (const n of view.nodes) {
      if (n.first) continue;
      const first = view.byKey.get(n.c.key);
      if (!first) continue;
      out.push(
        makeFinding('code/duplicate', 'error', where(view, n.c.codeCell, n), {
          code: shownCode(n.c),
          first: first.c.codeCell,
        }),
      );
    }
    return out;
  },
};
