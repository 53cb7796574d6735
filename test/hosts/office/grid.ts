/** Small helpers to build snapshot-shaped grids for the fake Excel. */
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../../src/core/snapshot';
import { cellAt, columnCount, rowCount } from '../../../src/core/snapshot';
import type { FakeSheetInput } from '../../../src/testing/fake-excel';

export const n = (v: number, fmt?: string): Cell => (fmt ? { v, t: 'n', fmt } : { v, t: 'n' });
export const s = (v: string): Cell => ({ v, t: 's' });
export const f = (formula: string, v: number | string): Cell => ({ v, t: typeof v === 'number' ? 'n' : 's', f: formula });
export const err = (v: string, formula?: string): Cell => (formula ? { v, t: 'e', f: formula } : { v, t: 'e' });

/** A rows × cols grid of numbers with a header row and a title column, like a large consolidation. */
export function bigSheet(name: string, rows: number, cols: number): FakeSheetInput {
  const cells: (Cell | null)[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: (Cell | null)[] = [];
    for (let c = 0; c < cols; c++) {
      if (r === 0) row.push(s(`Cột ${c + 1}`));
      else if (c === 0) row.push(s(`${r}.${c + 1}`));
      else row.push(n(Math.round(((r * 7 + c * 13) % 400) * 25) / 1000));
    }
    cells.push(row);
  }
  return { name, cells };
}

/** Compare two sheets cell by cell (v, t, f, fmt), over the larger of the two grids. */
export function diffSheets(a: SheetSnapshot, b: SheetSnapshot): string[] {
  const out: string[] = [];
  const rows = Math.max(rowCount(a), rowCount(b));
  const cols = Math.max(columnCount(a), columnCount(b));
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= cols; c++) {
      const x = norm(cellAt(a, r, c));
      const y = norm(cellAt(b, r, c));
      if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${a.name}!R${r}C${c}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
      if (out.length > 20) return out;
    }
  }
  return out;
}

function norm(c: Cell | null): Cell | null {
  if (!c || (c.v === null && !c.f) || (c.t === 's' && c.v === '' && !c.f)) return null;
  const o: Cell = { v: c.v, t: c.t };
  if (c.f) o.f = c.f;
  if (c.fmt && c.fmt !== 'General') o.fmt = c.fmt;
  return o;
}

export function diffWorkbooks(a: WorkbookSnapshot, b: WorkbookSnapshot): string[] {
  const out: string[] = [];
  if (a.sheets.map((x) => x.name).join('|') !== b.sheets.map((x) => x.name).join('|')) out.push('sheet names differ');
  for (const sa of a.sheets) {
    const sb = b.sheets.find((x) => x.name === sa.name);
    if (!sb) continue;
    out.push(...diffSheets(sa, sb));
    for (const k of ['merges', 'hiddenRows', 'hiddenColumns', 'protected', 'visibility'] as const) {
      const x = k === 'merges' ? [...sa.merges].sort() : sa[k];
      const y = k === 'merges' ? [...sb.merges].sort() : sb[k];
      if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${sa.name}.${k}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
  }
  return out;
}
