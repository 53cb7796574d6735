import { makeFinding, type Finding } from '../finding';
import type { ScoreSeries } from '../model';
import { KIND_OTHER } from '../series-cells';
import type { Rule } from './types';
import { isLeaf } from '../model';
import { isNotApplicable, num, viewOf, where, type CellRef, type Node, type TableView } from './view';

/**
 * What a score cell holds when it is not a number: an error value (#DIV/0!), text, a number stored
 * as text ("1,25": Excel's SUM ignores it), a date ("1.5" typed into Vietnamese-locale Excel
 * becomes 1 May), or TRUE/FALSE. Checked in leaf, parent, bonus/penalty and total cells. An error
 * in a parent or total formula that merely propagates an error from a cell below is not repeated.
 * "Không áp dụng" (not applicable; how it counts is set per criteria set) is a warning.
 */
export const scoreInvalid: Rule = {
  id: 'score-invalid',
  codes: ['score/error-value', 'score/not-number', 'score/number-as-text', 'score/date'],
  description: 'A score cell holds an error value, text, a number stored as text, or a date.',
  check(ctx) {
    const view = viewOf(ctx);
    const out: Finding[] = [];
    const nodes = view.nodes;
    const filled = view.filledSeries;
    // (Indexed loops, and the cells of a series with no KIND_OTHER cell skipped: performance, issue #7.)
    for (let j = 0; j < filled.length; j++) {
      const s = filled[j];
      const cells = view.series(s).cells;
      const kinds = cells.kinds;
      const scanned = cells.others > 0 ? nodes.length : 0;
      for (let i = 0; i < scanned; i++) {
        const n = nodes[i];
        if (kinds[n.index] !== KIND_OTHER) continue; // numbers and empty cells: nothing to report
        const ref = view.score(n, s);
        if (!isLeaf(n.c) && ref.reading.kind === 'error' && ref.cell?.f && n.children.some((k) => hasError(view, k, s))) continue;
        report(out, view, ref, n, s);
      }
      if (view.table.layout !== 'summary') {
        for (const adj of view.table.adjustments ?? []) report(out, view, view.cell(adj.row, s.index), null, s);
      }
      const total = view.totalScore(s);
      if (total) {
        const propagated = total.reading.kind === 'error' && !!total.cell?.f && view.areas.some((a) => hasError(view, a, s));
        if (!propagated) report(out, view, total, null, s);
      }
    }
    return out;
  },
};

function hasError(view: TableView, n: Node, s: ScoreSeries): boolean {
  const d = view.series(s);
  if (d.cells.kinds[n.index] === KIND_OTHER && d.reading(n).kind === 'error') return true;
  return n.children.some((k) => hasError(view, k, s));
}

function report(out: Finding[], view: TableView, ref: CellRef, n: Node | null, s: ScoreSeries): void {
  if (!ref.a1) return;
  const r = ref.reading;
  const at = where(view, ref.a1, n, s);
  switch (r.kind) {
    case 'error':
      out.push(makeFinding('score/error-value', 'error', at, { value: r.text }));
      break;
    case 'text':
      out.push(makeFinding('score/not-number', isNotApplicable(r.text) ? 'warning' : 'error', at, { value: r.text }));
      break;
    case 'boolean':
      out.push(makeFinding('score/not-number', 'error', at, { value: r.value ? 'TRUE' : 'FALSE' }));
      break;
    case 'text-number':
      out.push(makeFinding('score/number-as-text', 'error', at, { value: r.text, meant: num(r.meant) }));
      break;
    case 'date':
      out.push(makeFinding('score/date', 'error', at, { value: r.text, meant: r.meant }));
      break;
    default:
      break;
  }
}
