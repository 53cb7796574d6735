import { parseRange } from '../../../core/a1';
import type { Finding } from '../../../core/finding';
import type { ScoringTable } from '../../../core/model';
import { findingsInArea } from '../shared/findings-in-area';

/** The findings that say a total or rank the user typed would be replaced. */
export const TYPED_CODES: ReadonlySet<string> = new Set(['write/typed-total', 'write/typed-rank']);

/** "A, B, C, …": the first cells of a list, for a notice. */
export const someCells = (cells: string[]) =>
  cells
    .slice(0, 6)
    .join(', ')
    .concat(cells.length > 6 ? ', …' : '');

/** The error findings inside a table: its ranks come from data the check rejected. */
export function tableErrors(findings: readonly Finding[], table: ScoringTable): Finding[] {
  const errors = findings.filter((f) => f.severity === 'error');
  return findingsInArea(errors, table.sheet, parseRange(table.range));
}
