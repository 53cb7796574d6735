/**
 * Matching a table's criteria with the official blank form's (ctx.reference) by canonical key.
 * When one of the two is a summary table (areas as columns), only the areas are compared.
 */
import { a1 } from '../a1';
import type { Criterion } from '../model';
import type { RuleContext } from './types';
import { headerCell, viewOf, type TableView } from './view';

export interface ReferenceMatch {
  view: TableView;
  /** The reference's criteria (first occurrence of each key), in order, within the compared depth. */
  expected: Criterion[];
  expectedByKey: Map<string, Criterion>;
  /** The table's criteria (first occurrence of each key), in order, within the compared depth. */
  actual: Criterion[];
  actualByKey: Map<string, Criterion>;
}

export function matchReference(ctx: RuleContext): ReferenceMatch | null {
  const ref = ctx.reference;
  if (!ref || !Array.isArray(ref.criteria) || ref.criteria.length === 0) return null;
  const view = viewOf(ctx);
  const areasOnly = (ref.layout === 'summary') !== (view.table.layout === 'summary');
  const keep = (c: Criterion) => !areasOnly || c.depth === 1;
  const expectedByKey = new Map<string, Criterion>();
  for (const c of ref.criteria) if (keep(c) && !expectedByKey.has(c.key)) expectedByKey.set(c.key, c);
  const actualByKey = new Map<string, Criterion>();
  for (const n of view.nodes) if (n.first && keep(n.c)) actualByKey.set(n.c.key, n.c);
  return { view, expected: [...expectedByKey.values()], expectedByKey, actual: [...actualByKey.values()], actualByKey };
}

/**
 * Where a missing criterion would be: the code cell of the next official criterion that is in the
 * table; else just after the table's last criterion; else the table's header cell.
 */
export function missingLocation(m: ReferenceMatch, index: number): string {
  for (let j = index + 1; j < m.expected.length; j++) {
    const present = m.actualByKey.get(m.expected[j].key);
    if (present) return present.codeCell;
  }
  const t = m.view.table;
  const all = m.view.nodes;
  if (all.length === 0) return headerCell(t);
  if (t.layout === 'summary') {
    const lastCol = Math.max(...all.map((n) => n.c.col));
    return a1(t.headerRows?.[0] || 1, lastCol + 1);
  }
  const lastRow = Math.max(...all.map((n) => n.c.row));
  return a1(lastRow + 1, t.codeCol > 0 ? t.codeCol : 1);
}
