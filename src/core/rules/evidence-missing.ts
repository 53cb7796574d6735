import { makeFinding, type Finding } from '../finding';
import { cellAt, cellText } from '../snapshot';
import { cleanText } from '../text';
import type { Rule } from './types';
import { isLeaf } from '../model';
import { num, viewOf, where } from './view';

/**
 * A scorecard leaf criterion scored above zero (self-assessed score, or appraised when there is no
 * self column) with an empty evidence cell (Tài liệu kiểm chứng). Survey criteria need no evidence.
 * An explanation in the note column (Ghi chú / Giải trình) counts, unless that text is the
 * criterion's scoring rule. Reported once per criterion, at the evidence cell.
 */
export const evidenceMissing: Rule = {
  id: 'evidence-missing',
  codes: ['evidence/missing'],
  description: 'A scored leaf criterion cites no evidence document.',
  check(ctx) {
    const view = viewOf(ctx);
    const table = view.table;
    if (table.layout !== 'scorecard' || !(table.evidenceCol > 0)) return [];
    const series =
      view.filledSeries.find((s) => s.role === 'self') ??
      (table.series.some((s) => s.role === 'self') ? undefined : view.filledSeries.find((s) => s.role === 'appraised'));
    if (!series) return [];
    const out: Finding[] = [];
    for (const n of view.nodes) {
      if (!isLeaf(n.c) || n.c.survey) continue;
      const r = view.score(n, series).reading;
      const value = r.kind === 'number' ? r.value : r.kind === 'text-number' ? r.meant : null;
      if (!value || !value.gt(0)) continue;
      const evidence = view.cell(n.c.row, table.evidenceCol);
      if (cleanText(cellText(evidence.cell)) !== '') continue;
      if (table.noteCol > 0) {
        const note = cleanText(cellText(cellAt(ctx.sheet, n.c.row, table.noteCol)));
        if (note !== '' && note !== cleanText(n.c.ruleText ?? '')) continue;
      }
      out.push(makeFinding('evidence/missing', 'warning', where(view, evidence.a1, n, series), { value: num(value) }));
    }
    return out;
  },
};
