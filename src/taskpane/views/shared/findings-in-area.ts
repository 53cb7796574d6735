import { parseA1, type CellRange } from '../../../core/a1';
import type { Finding } from '../../../core/finding';

/** The findings on `sheet` whose cell (the first cell of a range, "$" allowed) lies inside `area`. */
export function findingsInArea(findings: readonly Finding[], sheet: string, area: CellRange): Finding[] {
  return findings.filter((f) => {
    if (f.sheet !== sheet || !f.cell) return false;
    try {
      const p = parseA1(f.cell.replace(/\$/g, '').split(':')[0]);
      return p.row >= area.top && p.row <= area.bottom && p.col >= area.left && p.col <= area.right;
    } catch {
      return false;
    }
  });
}
