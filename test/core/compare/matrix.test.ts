/**
 * The comparison sheet at scale: above MATRIX_ABOVE_UNITS units the criteria table is a criteria ×
 * units matrix of changes (a list of every change would run to tens of thousands of rows). The
 * figures are checked against the two workbooks' own cells, read independently of the engine.
 */
import { mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { generateCase } from '../../../bench/cases';
import { columnLetter, parseA1 } from '../../../src/core/a1';
import { compareYears, MATRIX_ABOVE_UNITS, planComparison } from '../../../src/core/compare';
import type { CellContent, GeneratedSheet } from '../../../src/core/plan';
import type { SheetSnapshot } from '../../../src/core/snapshot';
import { loadFromSnapshot, type Loaded } from './helpers';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';

const at = (sheet: GeneratedSheet, row: number, col: number): CellContent => sheet.rows[row - 1]?.[col - 1] ?? { kind: 'empty' };
const texts = (sheet: GeneratedSheet, row: number) => sheet.rows[row - 1].map((c) => (c.kind === 'text' ? c.value : c.kind));
const rowOf = (sheet: GeneratedSheet, first: string) => sheet.rows.findIndex((r) => r[0]?.kind === 'text' && r[0].value === first) + 1;
/** A score cell's number as the file holds it. */
const valueAt = (s: SheetSnapshot, address: string): number => {
  const { row, col } = parseA1(address);
  return Number(s.cells[row - 1]?.[col - 1]?.v);
};

async function loadCase(units: number, dir: string): Promise<[Loaded, Loaded]> {
  const files = await generateCase({ name: `${units}x48`, kind: 'consolidated', units, criteriaRows: 48 }, path.join(dir, String(units)));
  return [loadFromSnapshot(await readWorkbookFile(files.current!)), loadFromSnapshot(await readWorkbookFile(files.prior!))];
}

describe('the criteria table at scale', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'par-matrix-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test(`${MATRIX_ABOVE_UNITS + 10} units: a criteria × units matrix of changes, figures from the two files`, async () => {
    const [current, prior] = await loadCase(MATRIX_ABOVE_UNITS + 10, dir);
    const c = compareYears(current, prior);
    const sheet = planComparison(c, 'vi').sheet;
    const label = sheet.rows.findIndex((r) => r[0]?.kind === 'text' && r[0].value.startsWith('Tăng/giảm điểm theo tiêu chí và đơn vị')) + 1;
    expect(label).toBeGreaterThan(0);
    const header = label + 1;
    expect(texts(sheet, header).slice(0, 3)).toEqual(['Tiêu chí', 'Điểm tối đa', c.units[0].unit]);
    expect(texts(sheet, header)).toHaveLength(2 + c.units.length);
    // One row per leaf criterion, in the form's order; no long list.
    const leaves = current.table.criteria.filter((cr) => !current.table.criteria.some((o) => o.parentKey === cr.key));
    expect(sheet.rows.length - header).toBe(leaves.length);
    expect(rowOf(sheet, 'Đơn vị')).toBeGreaterThan(0); // the units table stays
    expect(sheet.rows.some((r) => r[0]?.kind === 'text' && r[0].value === 'Tiêu chí thay đổi và lĩnh vực đạt điểm tuyệt đối')).toBe(false);
    // Every cell: this year's score minus last year's, from the files' own cells (same layout both years).
    for (const [i, leaf] of leaves.entries()) {
      const row = header + 1 + i;
      const first = at(sheet, row, 1);
      expect(first.kind === 'text' && first.value.endsWith(leaf.title)).toBe(true);
      for (const [k, u] of c.units.entries()) {
        const cell = u.criteria.find((e) => e.code === leaf.key)!.cell;
        const expected = Math.round((valueAt(current.sheet, cell) - valueAt(prior.sheet, cell)) * 1000) / 1000;
        const got = at(sheet, row, 3 + k);
        expect(got.kind === 'number' ? got.value : got.kind).toBeCloseTo(expected, 9);
      }
    }
    // Declines and gains highlighted over the whole matrix; each unit's name links to its column.
    const last = columnLetter(2 + c.units.length);
    expect(sheet.conditionalFormats.slice(-2)).toEqual([
      {
        range: `C${header + 1}:${last}${header + leaves.length}`,
        formula: `=AND(ISNUMBER(C${header + 1}),C${header + 1}<0)`,
        style: 'decline',
      },
      {
        range: `C${header + 1}:${last}${header + leaves.length}`,
        formula: `=AND(ISNUMBER(C${header + 1}),C${header + 1}>0)`,
        style: 'improved',
      },
    ]);
    expect(sheet.hyperlinks.filter((h) => h.address.endsWith(String(header)))).toHaveLength(c.units.length);
    expect(sheet.columnWidths).toHaveLength(2 + c.units.length);
  }, 60_000);

  test(`${MATRIX_ABOVE_UNITS} units: still the list, one row per change`, async () => {
    const [current, prior] = await loadCase(MATRIX_ABOVE_UNITS, dir);
    const sheet = planComparison(compareYears(current, prior), 'vi').sheet;
    const label = rowOf(sheet, 'Tiêu chí thay đổi và lĩnh vực đạt điểm tuyệt đối');
    expect(label).toBeGreaterThan(0);
    expect(texts(sheet, label + 1)).toEqual([
      'Đơn vị',
      'Mã',
      'Tiêu chí',
      'Điểm tối đa',
      'Điểm 2024',
      'Điểm 2025',
      'Tăng/giảm',
      'Trạng thái',
    ]);
  }, 60_000);
});
