/**
 * The sheet preview colours the cells the tool's highlights colour in Excel (issue #15, point 13):
 * the conditional-format formulas the planners write, evaluated per cell with relative references
 * moved from the range's top-left cell, absolute ones kept.
 */
import { a1 } from '../../src/core/a1';
import type { SheetSnapshot } from '../../src/core/snapshot';
import { highlightedCells, parseHighlightFormula } from '../../src/taskpane/standalone/highlights';

/** Rows of values from A1; null is an empty cell. */
function sheetOf(name: string, rows: (number | string | null)[][]): SheetSnapshot {
  return {
    name,
    cells: rows.map((r) => r.map((v) => (v === null ? null : { v, t: typeof v === 'number' ? 'n' : 's' }))),
    merges: [],
    hiddenRows: [],
    hiddenColumns: [],
    protected: false,
    visibility: 'visible',
  } as SheetSnapshot;
}

const ALL = { top: 1, bottom: 100, left: 1, right: 30 };
const marked = (sheet: SheetSnapshot, rules: Parameters<typeof highlightedCells>[1], window = ALL) =>
  Object.fromEntries(highlightedCells(sheet, rules, window, a1));

describe('highlights in the preview', () => {
  // Columns: A unit, B max, C score, D prior.
  const sheet = sheetOf('Tổng hợp', [
    ['Tiêu chí', 'Tối đa', 'Điểm', 'Năm trước'],
    ['1.1', 2, 2, 1.5],
    ['1.2', 3, 1, 2],
    ['1.3', 1, 'x', 1],
    ['1.4', 1, null, 0],
  ]);

  test("shortfall: a score below the row's maximum ($B, row relative)", () => {
    const rules = [{ sheet: 'Tổng hợp', range: 'C2:C5', formula: '=AND(ISNUMBER(C2),ISNUMBER($B2),C2<$B2)', style: 'shortfall' as const }];
    expect(marked(sheet, rules)).toEqual({ C3: 'shortfall' });
  });

  test("decline: below last year's literal, by INDEX over an array and ROW()", () => {
    const rules = [
      {
        sheet: 'Tổng hợp',
        range: 'C2:C5',
        formula: '=AND(ISNUMBER(C2),C2<INDEX({1.5;2;1;0},ROW()-ROW($C$2)+1))',
        style: 'decline' as const,
      },
    ];
    expect(marked(sheet, rules)).toEqual({ C3: 'decline' });
  });

  test('comparison sheet: decline and improved on a difference column; the first rule that holds wins', () => {
    const diff = sheetOf('So sánh 2025-2024', [
      ['Đơn vị', 'Chênh lệch'],
      ['A', -1],
      ['B', 0],
      ['C', 2.5],
      ['D', 'không so sánh'],
    ]);
    const rules = [
      { sheet: diff.name, range: 'B2:B5', formula: '=AND(ISNUMBER(B2),B2<0)', style: 'decline' as const },
      { sheet: diff.name, range: 'B2:B5', formula: '=AND(ISNUMBER(B2),B2>0)', style: 'improved' as const },
      { sheet: diff.name, range: 'B2:B5', formula: '=ISNUMBER(B2)', style: 'fullMarks' as const },
    ];
    expect(marked(diff, rules)).toEqual({ B2: 'decline', B3: 'fullMarks', B4: 'improved' });
  });

  test('fullMarks with two relative columns (F>=D)', () => {
    const s = sheetOf('S', [
      ['', '', '', 5, '', 5],
      ['', '', '', 5, '', 4],
    ]);
    const rules = [{ sheet: 'S', range: 'F1:F2', formula: '=AND(ISNUMBER(F1),ISNUMBER(D1),F1>=D1)', style: 'fullMarks' as const }];
    expect(marked(s, rules)).toEqual({ F1: 'fullMarks' });
  });

  test("only cells inside the window and on that sheet; another sheet's rule colours nothing", () => {
    const rules = [
      { sheet: 'Tổng hợp', range: 'C2:C5', formula: '=AND(ISNUMBER(C2),ISNUMBER($B2),C2<=$B2)', style: 'shortfall' as const },
      { sheet: 'Khác', range: 'A1:D5', formula: '=TRUE()', style: 'decline' as const },
    ];
    expect(marked(sheet, rules, { top: 3, bottom: 3, left: 1, right: 30 })).toEqual({ C3: 'shortfall' });
  });

  test('a formula outside the small language colours nothing (never a wrong colour)', () => {
    for (const formula of ['=VLOOKUP(C2,A:B,2)>0', '=C2<', '=AND(ISNUMBER(C2)', '', '=SUM(C2:C5)>0', '=C2<0)']) {
      expect([formula, marked(sheet, [{ sheet: 'Tổng hợp', range: 'C2:C5', formula, style: 'decline' }])]).toEqual([formula, {}]);
    }
    expect(parseHighlightFormula('=AND(ISNUMBER(C2),C2<$B$2)')).not.toBeNull();
  });
});
