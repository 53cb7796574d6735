/**
 * The totals are read off the same sums of the criteria tree the rules check (rules/view.ts): what
 * the official sees in "Tổng điểm" is what validation agreed with, including the one case where a
 * plain sum of children and Excel differ — a parent typed in with every child blank.
 */
import { analyzeWorkbook } from '../../../src/core/engine';
import { consolidation, SMALL_SET } from '../compare/helpers';

function workbookWithTypedParent() {
  const wb = consolidation({
    year: 2025,
    units: ['Xã A', 'Xã B'],
    criteria: SMALL_SET,
    scores: [
      [1, 2, 1.5, 3, 2],
      [null, null, 1, 2, 1],
    ],
  });
  // Row 9 is criterion 1.1 (rows from 8 in reading order); Xã B is column E. Its children stay blank.
  wb.sheets[0].cells[8][4] = { v: 2.5, t: 'n' };
  return wb;
}

test('a parent typed in with its children blank stands for itself in the area, the total and the rank', () => {
  const analysis = analyzeWorkbook(workbookWithTypedParent());
  const [a, b] = analysis.results[0].series;
  expect(b.values.get('1.1')?.toString()).toBe('2.5');
  expect(b.areas.map((x) => [x.criterion.key, x.score.toString()])).toEqual([
    ['1', '3.5'],
    ['2', '3'],
  ]);
  expect(b.total.toString()).toBe('6.5');
  expect(a.total.toString()).toBe('9.5');
  // Nothing to report about it: the parent is not checked against children no one entered.
  expect(analysis.findings.filter((f) => f.unit === 'Xã B' && f.code.startsWith('sum/'))).toEqual([]);
});

test('once a child is entered, the parent is the sum of its children and a differing typed value is reported', () => {
  const wb = workbookWithTypedParent();
  wb.sheets[0].cells[9][4] = { v: 1, t: 'n' }; // 1.1.1 for Xã B
  const analysis = analyzeWorkbook(wb);
  const b = analysis.results[0].series[1];
  expect(b.values.get('1.1')?.toString()).toBe('1');
  expect(b.total.toString()).toBe('5');
  expect(analysis.findings.filter((f) => f.unit === 'Xã B' && f.code === 'sum/parent-mismatch').map((f) => f.cell)).toEqual(['E9']);
});
