import { parseRange, type CellRange } from '../../../core/a1';
import type { Finding } from '../../../core/finding';
import type { CellEvent } from '../../host/types';
import { findingsInArea } from '../shared/findings-in-area';

/** The findings on a cell or range as the host reports it ("D23", "D23:E25", "Sheet!D23"). */
export function findingsAt(findings: readonly Finding[], at: CellEvent | null): Finding[] {
  if (!at) return [];
  let area: CellRange;
  try {
    const address = at.address.replace(/^.*!/, '').replace(/\$/g, '');
    area = parseRange(address);
  } catch {
    return [];
  }
  return findingsInArea(findings, at.sheet, area);
}

/** What the check says about the selected cell and the cell just typed in, at once, each finding once (issue #15). */
export function findingsOnCells(findings: readonly Finding[], selection: CellEvent | null, edited: CellEvent | null): Finding[] {
  const sameCell = (a: Finding, b: Finding) => a.sheet === b.sheet && a.cell === b.cell && a.code === b.code;
  return [...findingsAt(findings, selection), ...findingsAt(findings, edited)].filter(
    (f, i, all) => all.findIndex((g) => sameCell(f, g)) === i,
  );
}
