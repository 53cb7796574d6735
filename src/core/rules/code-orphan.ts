import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { shownCode, viewOf, where } from './view';

/** A code whose parent is not in the table (3.2.1 with no 3.2; 4.1 with no area 4). */
export const codeOrphan: Rule = {
  id: 'code-orphan',
  codes: ['code/orphan'],
  description: 'A criterion code whose parent code is absent from the table.',
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    for (const n of view.nodes) {
      const parent = n.c.parentKey;
      if (parent === null || parent === undefined || view.byKey.has(parent)) continue;
      out.push(makeFinding('code/orphan', 'error', where(view, n.c.codeCell, n), { code: shownCode(n.c), parent }));
    }
    return out;
  },
};
