import { makeFinding, type Finding } from '../finding';
import type { Rule } from './types';
import { shownCode, viewOf, where } from './view';

/**
 * A code that does not sit in its parent's block: the nearest row above it with a shorter code is
 * not its parent ("1.2" typed under area 2 where "2.2" was meant, or a sub-criterion moved out of
 * its criterion). Its parent exists elsewhere (otherwise it is an orphan). Criteria-as-rows only.
 */
export const codeMisplaced: Rule = {
  id: 'code-misplaced',
  codes: ['code/misplaced'],
  description: "A criterion code placed outside its parent's block (area and depth do not match the rows above).",
  check(ctx) {
    const view = viewOf(ctx);
    if (view.table.layout === 'summary') return [];
    const out: Finding[] = [];
    const nodes = [...view.nodes].sort((a, b) => a.c.row - b.c.row || a.index - b.index);
    nodes.forEach((n, i) => {
      const parent = n.c.parentKey;
      if (parent === null || parent === undefined || !view.byKey.has(parent)) return;
      let above: string | null = null;
      for (let j = i - 1; j >= 0; j--) {
        if (nodes[j].c.depth < n.c.depth) {
          above = nodes[j].c.key;
          break;
        }
      }
      if (above === parent) return;
      out.push(makeFinding('code/misplaced', 'error', where(view, n.c.codeCell, n), { code: shownCode(n.c), parent }));
    });
    return out;
  },
};
