import { sumFormulaOmitsChild } from '../../../src/core/rules/sum-formula-omits-child';
import { sumParentMismatch } from '../../../src/core/rules/sum-parent-mismatch';
import { columnLetter } from '../../../src/core/a1';
import { flatSumRows, parseSumFormula, rowsSummedInColumn, sumTemplate } from '../../../src/core/rules/formula';
import { card, cons, err, f, ruleTester, summary } from './helpers';

// Consolidation: data rows from row 3; C = max, D = Xã A (E = Xã B when two units).
const two = (rows: unknown[][]) => cons(rows as never, ['Xã A', 'Xã B']);

ruleTester(sumParentMismatch, {
  valid: [
    {
      name: 'typed parents equal their children exactly (0.1 + 0.2 = 0.3)',
      rows: cons([
        ['1', 'A', 3, 0.3],
        ['1.1', 'x', 1, 0.1],
        ['1.2', 'y', 2, 0.2],
        [null, 'Tổng điểm', 3, 0.3],
      ]),
    },
    {
      name: 'formula parents with cached results; survey points with 3 decimals',
      rows: cons([
        ['1', 'A', 10, f('SUM(D4+D7)', 9.605)],
        ['1.1', 'x', 2.5, f('SUM(D5,D6)', 2.5)],
        ['1.1.1', 'a', 1, 1],
        ['1.1.2', 'b', 1.5, 1.5],
        ['1.5', 'Đánh giá qua điều tra xã hội học', 7.5, 7.105],
        [null, 'TỔNG ĐIỂM', 10, f('SUM(D3)', 9.605)],
      ]),
    },
    {
      name: 'a blank form (formulas never calculated)',
      rows: card([
        ['1', 'A', 3, f('SUM(D3:D4)')],
        ['1.1', 'x', 1],
        ['1.2', 'y', 2],
        [null, 'Tổng cộng', 3, f('SUM(D2)')],
      ]),
    },
    {
      name: 'nothing entered below a typed parent',
      rows: cons([
        ['1', 'A', 3, 2.5],
        ['1.1', 'x', 1, null],
        ['1.2', 'y', 2, null],
        [null, 'Tổng điểm', 3, 2.5],
      ]),
    },
    {
      name: 'a criterion filled without its sub-criteria stands for itself',
      rows: cons([
        ['1', 'A', 3, 2.75],
        ['1.1', 'x', 1, 0.75],
        ['1.1.1', 'a', 0.5, null],
        ['1.1.2', 'b', 0.5, null],
        ['1.2', 'y', 2, 2],
      ]),
    },
    {
      name: 'an error, text or date below is left to score-invalid (no double report)',
      rows: two([
        ['6', 'A', 4, 4, 4],
        ['6.1', 'x', 2, err('#DIV/0!'), '1,25'],
        ['6.2', 'y', 2, 2, 2],
        [null, 'Tổng điểm', 4, 4, 4],
      ]),
    },
    {
      name: 'total = areas + bonus − penalty',
      rows: cons([
        ['1', 'A', 60, 50],
        ['2', 'B', 40, 30],
        [null, 'Điểm thưởng', 2, 1.5],
        [null, 'Điểm trừ', 2, 1],
        [null, 'Tổng điểm', 100, 80.5],
      ]),
    },
    {
      name: 'a penalty typed as a negative number',
      rows: cons([
        ['1', 'A', 60, 50],
        ['2', 'B', 40, 30],
        [null, 'Điểm trừ', 2, -1],
        [null, 'Tổng điểm', 100, 79],
      ]),
    },
    {
      name: 'summary total column',
      rows: summary(['1. A', '2. B'], [60, 40, 100], [[1, 'Xã A', 50.125, 30.25, f('SUM(C3:D3)', 80.375), 1]]),
    },
    {
      name: 'an empty parent cell is not compared',
      rows: cons([
        ['1', 'A', 3, null],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 2, 2],
      ]),
    },
  ],
  invalid: [
    {
      name: 'typed parent differs from its children',
      rows: two([
        ['1', 'A', 3, 2.5, 3],
        ['1.1', 'x', 1, 1, 1],
        ['1.2', 'y', 2, 2, 2],
      ]),
      errors: [
        { code: 'sum/parent-mismatch', severity: 'error', cell: 'D3', criterion: '1', unit: 'Xã A', params: { value: 2.5, sum: 3 } },
      ],
    },
    {
      name: 'loi-vuot-diem-toi-da: every ancestor of the wrong leaf is named (nested parents count with their own sums)',
      rows: cons([
        ['3', 'A', 6, 4.75],
        ['3.1', 'x', 2, 0],
        ['3.2', 'y', 4, 4.75],
        ['3.2.1', 'a', 3, 3.5],
        ['3.2.2', 'b', 1, 1],
        ['3.2.3', 'c', 0, 0.75],
        [null, 'Tổng điểm', 6, 4.75],
      ]),
      errors: [
        { code: 'sum/parent-mismatch', severity: 'error', cell: 'D3', params: { value: 4.75, sum: 5.25 } },
        { code: 'sum/parent-mismatch', severity: 'error', cell: 'D5', params: { value: 4.75, sum: 5.25 } },
        { code: 'sum/parent-mismatch', severity: 'error', cell: 'D9', params: { value: 4.75, sum: 5.25 } },
      ],
    },
    {
      name: "a formula's cached result that omits a child",
      rows: cons([
        ['1', 'A', 3, f('SUM(D4)', 1)],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 2, 2],
      ]),
      errors: [{ code: 'sum/parent-mismatch', severity: 'error', cell: 'D3', params: { value: 1, sum: 3 } }],
    },
    {
      name: 'text "1,25" ignored by SUM is not double-reported, but a sibling area still is',
      rows: cons([
        ['1', 'A', 2, 2],
        ['1.1', 'x', 2, '1,25'],
        ['2', 'B', 2, 1],
        ['2.1', 'y', 2, 2],
        [null, 'Tổng', 4, 3],
      ]),
      errors: [{ code: 'sum/parent-mismatch', severity: 'error', cell: 'D5', params: { value: 1, sum: 2 } }],
    },
    {
      name: 'total row ignoring the penalty',
      rows: cons([
        ['1', 'A', 60, 50],
        ['2', 'B', 40, 30],
        [null, 'Điểm thưởng', 2, 1.5],
        [null, 'Điểm trừ', 2, 1],
        [null, 'Tổng điểm', 100, 81.5],
      ]),
      errors: [{ code: 'sum/parent-mismatch', severity: 'error', cell: 'D7', params: { value: 81.5, sum: 80.5 } }],
    },
    {
      name: 'summary: Tổng điểm differs from the area columns',
      rows: summary(
        ['1. A', '2. B'],
        [60, 40, 100],
        [
          [1, 'Xã A', 50, 30, 81, 1],
          [2, 'Xã B', 40, 30, 70, 2],
        ],
      ),
      errors: [{ code: 'sum/parent-mismatch', severity: 'error', cell: 'E3', unit: 'Xã A', params: { value: 81, sum: 80 } }],
    },
    {
      name: 'duplicated code rows are both counted (the duplicate is reported by code-duplicate)',
      rows: cons([
        ['5', 'A', 10, 9],
        ['5.1', 'x', 2, 2],
        ['5.1', 'y', 3, 3],
        ['5.3', 'z', 5, 3],
      ]),
      errors: [{ code: 'sum/parent-mismatch', severity: 'error', cell: 'D3', params: { value: 9, sum: 8 } }],
    },
  ],
});

ruleTester(sumFormulaOmitsChild, {
  valid: [
    {
      name: 'SUM(+), SUM(,), ranges, $ references and plain additions covering every child',
      rows: cons([
        ['1', 'A', f('SUM(C4+C7)', 3), f('$D$4+$D$7', 3)],
        ['1.1', 'x', f('SUM(C5:C6)', 1), f('SUM(D5,D6)', 1)],
        ['1.1.1', 'a', 0.5, 0.5],
        ['1.1.2', 'b', 0.5, 0.5],
        ['1.2', 'y', 2, 2],
        [null, 'Tổng điểm', f('SUM(C3)', 3), f('sum($D3)', 3)],
      ]),
    },
    {
      name: 'a range over the children',
      rows: cons([
        ['1', 'A', 3, f('SUM(D4:D6)', 3)],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 1, 1],
        ['1.3', 'z', 1, 1],
      ]),
    },
    {
      name: 'other formulas are not read',
      rows: cons([
        ['1', 'A', 3, f('ROUND(SUM(D4),2)', 1)],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 2, 2],
      ]),
    },
    {
      name: 'a sum of another column is not read',
      rows: cons([
        ['1', 'A', 3, f('SUM(C4)', 1)],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 2, 2],
      ]),
    },
    { name: 'summary totals are not read', rows: summary(['1. A', '2. B'], [60, 40, 100], [[1, 'Xã A', 50, 30, f('SUM(C3:C3)', 50), 1]]) },
  ],
  invalid: [
    {
      name: 'SUM(D4+D5) leaves out 1.3 in row 6',
      rows: cons([
        ['1', 'A', 3, f('SUM(D4+D5)', 2)],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 1, 1],
        ['1.3', 'z', 1, 1],
      ]),
      errors: [
        {
          code: 'sum/formula-omits-child',
          severity: 'error',
          cell: 'D3',
          criterion: '1',
          unit: 'Xã A',
          params: { formula: 'SUM(D4+D5)', child: '1.3', row: 6 },
        },
      ],
    },
    {
      name: 'a range stopping short, in the max column (no unit)',
      rows: cons([
        ['1', 'A', f('SUM($C$4:$C$5)', 2), 3],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 1, 1],
        ['1.3', 'z', 1, 1],
      ]),
      errors: [{ code: 'sum/formula-omits-child', severity: 'error', cell: 'C3', params: { child: '1.3', row: 6 } }],
    },
    {
      name: 'D4 alone leaves out two children',
      rows: cons([
        ['1', 'A', 3, f('D4', 1)],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 1, 1],
        ['1.3', 'z', 1, 1],
      ]),
      errors: [
        { code: 'sum/formula-omits-child', severity: 'error', cell: 'D3', params: { child: '1.2', row: 5 } },
        { code: 'sum/formula-omits-child', severity: 'error', cell: 'D3', params: { child: '1.3', row: 6 } },
      ],
    },
    {
      name: 'the total row leaves out an area',
      rows: cons([
        ['1', 'A', 60, 50],
        ['1.1', 'x', 60, 50],
        ['2', 'B', 40, 30],
        ['2.1', 'y', 40, 30],
        [null, 'Tổng điểm', 100, f('SUM(D3)', 50)],
      ]),
      errors: [{ code: 'sum/formula-omits-child', severity: 'error', cell: 'D7', params: { child: '2', row: 5 } }],
    },
    {
      name: "each column's formula is read for itself (a row's columns compared with one template)",
      rows: cons(
        [
          [
            '1',
            'A',
            f('SUM(C4+C5+C6)', 3),
            f('SUM(D4+D5)', 2),
            f('SUM(E4+E5+E6)', 3),
            f('sum(f4+f5+f6)', 3),
            f('SUM(G4+G5+G6)', 3),
            f('SUM(H4+H5+H6)', 3),
          ],
          ['1.1', 'x', 1, 1, 1, 1, 1, 1],
          ['1.2', 'y', 1, 1, 1, 1, 1, 1],
          ['1.3', 'z', 1, 1, 1, 1, 1, 1],
        ] as never,
        ['Xã A', 'Xã B', 'Xã C', 'Xã D', 'Xã E'],
      ),
      errors: [
        {
          code: 'sum/formula-omits-child',
          severity: 'error',
          cell: 'D3',
          unit: 'Xã A',
          params: { formula: 'SUM(D4+D5)', child: '1.3', row: 6 },
        },
      ],
    },
    {
      name: 'a template that leaves out a child, reused for the next column',
      rows: cons(
        [
          ['1', 'A', 3, f('SUM(D4+D5)', 2), f('SUM(E4+E5)', 2), f('SUM(F4:F6)', 3)],
          ['1.1', 'x', 1, 1, 1, 1],
          ['1.2', 'y', 1, 1, 1, 1],
          ['1.3', 'z', 1, 1, 1, 1],
        ] as never,
        ['Xã A', 'Xã B', 'Xã C'],
      ),
      errors: [
        {
          code: 'sum/formula-omits-child',
          severity: 'error',
          cell: 'D3',
          unit: 'Xã A',
          params: { formula: 'SUM(D4+D5)', child: '1.3', row: 6 },
        },
        {
          code: 'sum/formula-omits-child',
          severity: 'error',
          cell: 'E3',
          unit: 'Xã B',
          params: { formula: 'SUM(E4+E5)', child: '1.3', row: 6 },
        },
      ],
    },
  ],
});

describe('sumTemplate', () => {
  it.each([
    ['SUM(D9+D12+D13)', ['SUM(', '9+', '12+', '13)']],
    ['=SUM($D$7, D10 ,d11)', ['=SUM($', '$7, ', '10 ,', '11)']],
    ['SUM9+SUM10', ['', '9+', '10']],
    ['sum ( AB9:AB11 )', ['sum ( ', '9:', '11 )']],
  ])('%s', (formula, parts) => {
    expect(sumTemplate(formula)).toEqual(parts);
  });

  it("joined with another column's letters, reads as the same rows in that column", () => {
    const formulas = ['SUM(D9+D12+D13)', '=SUM($D$7, D10 ,D11)', 'SUM(D9:D11)', 'D9+D12', '$D$9+D$12', ' sum ( d9 , d11:d12 ) ', 'SUM(D9)'];
    for (const formula of formulas) {
      const rows = flatSumRows(formula, 4);
      expect(Array.isArray(rows)).toBe(true);
      for (const col of [1, 3, 26, 27, 702, 703, 16384, 18278]) {
        expect([formula, col, flatSumRows(sumTemplate(formula).join(columnLetter(col)), col)]).toEqual([formula, col, rows]);
      }
    }
  });
});

describe('parseSumFormula', () => {
  it.each([
    ['SUM(D9+D12+D13)', [9, 12, 13]],
    ['=SUM(D7,D10,D11)', [7, 10, 11]],
    ['SUM(D9:D11)', [9, 10, 11]],
    ['D9+D12', [9, 12]],
    ['$D$9+D$12', [9, 12]],
    ['SUM( D9 , D11:D12 ) + D14', [9, 11, 12, 14]],
    ['SUM(D9:D11)-D10', [9, 10, 11]],
    ['sum(sum(D9),(D10))', [9, 10]],
  ])('%s covers rows %j', (formula, rows) => {
    expect([...(rowsSummedInColumn(formula, 4) ?? [])].sort((a, b) => a - b)).toEqual(rows);
  });

  it.each([
    'ROUND(D9,2)',
    'SUM(D9)*2',
    "'Sheet 2'!D9",
    'Sheet2!D9+D10',
    'SUM(D9',
    'D9 D10',
    '',
    '1+D9',
    'SUMPRODUCT(D9:D10)',
    'AVERAGE(D9:D11)',
  ])('%j is not a simple sum', (formula) => {
    expect(parseSumFormula(formula)).toBeNull();
  });

  it('a sum over another column is not a same-column sum', () => {
    expect(rowsSummedInColumn('SUM(C9:C11)', 4)).toBeNull();
    expect(rowsSummedInColumn('SUM(C9:D11)', 4)).toBeNull();
  });
});
