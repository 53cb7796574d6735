import { makeFinding, type Finding } from '../finding';
import type { ScoreSeries } from '../model';
import { KIND_EMPTY, KIND_NUMBER } from '../series-cells';
import type { Rule } from './types';
import { viewOf, where, type Node, type TableView } from './view';

/**
 * A leaf criterion left unscored in a series that has scores elsewhere. Not reported: a series
 * with no score at all (a blank form, an appraisal column not filled yet); a formula whose result
 * was never calculated; leaves under a parent that was scored as a whole (the parent holds a
 * number and nothing below it is entered).
 */
export const scoreEmpty: Rule = {
  id: 'score-empty',
  codes: ['score/empty'],
  description: 'A leaf criterion has no score in a series that is being filled.',
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    const leaves = view.leaves;
    const filled = view.filledSeries;
    // (Indexed loops, and a series with no empty cell skipped: performance, issue #7.)
    for (let j = 0; j < filled.length; j++) {
      const s = filled[j];
      const cells = view.series(s).cells;
      if (cells.empties === 0) continue;
      const kinds = cells.kinds;
      for (let k = 0; k < leaves.length; k++) {
        const n = leaves[k];
        if (kinds[n.index] !== KIND_EMPTY) continue;
        const ref = view.score(n, s);
        if (ref.pending || !ref.a1 || scoredAbove(view, n, s)) continue;
        out.push(makeFinding('score/empty', 'warning', where(view, ref.a1, n, s)));
      }
    }
    return out;
  },
};

function scoredAbove(view: TableView, n: Node, s: ScoreSeries): boolean {
  const d = view.series(s);
  for (let a = n.parent, guard = 0; a && guard < 50; a = a.parent, guard++) {
    if (d.cells.kinds[a.index] === KIND_NUMBER && !a.children.some((k) => d.entered(k))) return true;
  }
  return false;
}
