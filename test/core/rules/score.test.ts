import { scoreAboveMax } from '../../../src/core/rules/score-above-max';
import { scoreEmpty } from '../../../src/core/rules/score-empty';
import { scoreInvalid } from '../../../src/core/rules/score-invalid';
import { scoreNegative } from '../../../src/core/rules/score-negative';
import { scoreStep } from '../../../src/core/rules/score-step';
import { card, cons, date, err, f, ferr, ruleTester, summary } from './helpers';

// Consolidation of two units: data rows from row 3; C = max, D = Xã A, E = Xã B.
const two = (rows: unknown[][]) => cons(rows as never, ['Xã A', 'Xã B']);

ruleTester(scoreEmpty, {
  valid: [
    {
      name: 'all scored',
      rows: two([
        ['1', 'A', 3, 3, 2],
        ['1.1', 'x', 1, 1, 0],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
    {
      name: 'a blank series (unit not scored yet) is skipped entirely',
      rows: two([
        ['1', 'A', 3, 3, null],
        ['1.1', 'x', 1, 1, null],
        ['1.2', 'y', 2, 2, null],
      ]),
    },
    {
      name: 'a blank form with formula parents',
      rows: card([
        ['1', 'A', 3, f('SUM(D3:D4)'), f('SUM(E3:E4)')],
        ['1.1', 'x', 1],
        ['1.2', 'y', 2],
      ]),
    },
    {
      name: 'empty parents are not reported',
      rows: two([
        ['1', 'A', 3, null, null],
        ['1.1', 'x', 1, 1, 1],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
    {
      name: 'a criterion scored as a whole (sub-criteria blank)',
      rows: two([
        ['1', 'A', 3, 2.75, 3],
        ['1.1', 'x', 1, 0.75, 1],
        ['1.1.1', 'a', 0.5, null, 0.5],
        ['1.1.2', 'b', 0.5, null, 0.5],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
    {
      name: 'a leaf formula not calculated is unknown, not empty',
      rows: two([
        ['1', 'A', 3, 3, 3],
        ['1.1', 'x', 1, f('1'), 1],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
  ],
  invalid: [
    {
      name: 'a leaf left empty in a filled series',
      rows: two([
        ['1', 'A', 3, 3, 2],
        ['1.1', 'x', 1, null, 0],
        ['1.2', 'y', 2, 2, null],
      ]),
      errors: [
        { code: 'score/empty', severity: 'warning', cell: 'D4', criterion: '1.1', unit: 'Xã A' },
        { code: 'score/empty', severity: 'warning', cell: 'E5', criterion: '1.2', unit: 'Xã B' },
      ],
    },
    {
      name: 'summary: an empty area cell',
      rows: summary(['1. A', '2. B'], [60, 40, 100], [[1, 'Xã A', 50, null, 50, 1]]),
      errors: [{ code: 'score/empty', severity: 'warning', cell: 'D3', criterion: '2', unit: 'Xã A' }],
    },
  ],
});

ruleTester(scoreNegative, {
  valid: [
    {
      name: 'zero and positive',
      rows: two([
        ['1', 'A', 3, 0, 2],
        ['1.1', 'x', 1, 0, 0],
        ['1.2', 'y', 2, 0, 2],
      ]),
    },
  ],
  invalid: [
    {
      name: 'a negative leaf score',
      rows: two([
        ['1', 'A', 3, 1.5, 2],
        ['1.1', 'x', 1, -0.5, 0],
        ['1.2', 'y', 2, 2, 2],
      ]),
      errors: [{ code: 'score/negative', severity: 'error', cell: 'D4', params: { value: -0.5 } }],
    },
  ],
});

ruleTester(scoreAboveMax, {
  valid: [
    {
      name: 'at the maximum',
      rows: two([
        ['1', 'A', 3, 3, 3],
        ['1.1', 'x', 1, 1, 1],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
    {
      name: 'float noise beyond 3 decimals is not above',
      rows: two([
        ['1', 'A', 3, 3, 3],
        ['1.1', 'x', 0.3, 0.1 + 0.2, 0.3],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
    {
      name: 'parents are checked by the sum rules, not here',
      rows: two([
        ['1', 'A', 3, 4, 3],
        ['1.1', 'x', 1, 1, 1],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
  ],
  invalid: [
    {
      name: 'a leaf above its maximum (loi-vuot-diem-toi-da: 3,5 > 3)',
      rows: two([
        ['3', 'A', 4, 4.5, 4],
        ['3.1', 'x', 3, 3.5, 3],
        ['3.2', 'y', 1, 1, 1],
      ]),
      errors: [{ code: 'score/above-max', severity: 'error', cell: 'D4', criterion: '3.1', unit: 'Xã A', params: { value: 3.5, max: 3 } }],
    },
    {
      name: 'survey scores are checked too; bonus above its maximum',
      rows: cons([
        ['1', 'A', 4, 4.001],
        ['1.1', 'Đánh giá qua điều tra xã hội học', 4, 4.001],
        [null, 'Điểm thưởng', 2, 2.5],
        [null, 'Tổng điểm', 100, 6.501],
      ]),
      errors: [
        { code: 'score/above-max', severity: 'error', cell: 'D4', params: { value: 4.001, max: 4 } },
        { code: 'score/above-max', severity: 'error', cell: 'D5', params: { value: 2.5, max: 2 } },
      ],
    },
    {
      name: 'summary: an area score above its maximum',
      rows: summary(['1. A', '2. B'], [60, 40, 100], [[1, 'Xã A', 60.5, 30, 90.5, 1]]),
      errors: [{ code: 'score/above-max', severity: 'error', cell: 'C3', params: { value: 60.5, max: 60 } }],
    },
  ],
});

ruleTester(scoreInvalid, {
  valid: [
    {
      name: 'numbers and blanks',
      rows: two([
        ['1', 'A', 3, 3, 2],
        ['1.1', 'x', 1, 1, null],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
    {
      name: 'a blank form',
      rows: card([
        ['1', 'A', 3, f('SUM(D3:D4)')],
        ['1.1', 'x', 1],
        ['1.2', 'y', 2],
        [null, 'Tổng cộng', 3, f('SUM(D2)')],
      ]),
    },
  ],
  invalid: [
    {
      name: 'error value (loi-div0)',
      rows: two([
        ['6', 'A', 4, 4, 2],
        ['6.1', 'x', 2, 2, err('#DIV/0!')],
        ['6.2', 'y', 2, 2, 2],
      ]),
      errors: [{ code: 'score/error-value', severity: 'error', cell: 'E4', criterion: '6.1', unit: 'Xã B', params: { value: '#DIV/0!' } }],
    },
    {
      name: 'number stored as text with a decimal comma (loi-so-dang-chu)',
      rows: two([
        ['1', 'A', 3, 3, 2],
        ['1.1', 'x', 1.5, 1, '1,25'],
        ['1.2', 'y', 2, 2, 2],
      ]),
      errors: [{ code: 'score/number-as-text', severity: 'error', cell: 'E4', params: { value: '1,25', meant: 1.25 } }],
    },
    {
      name: '"1.5" typed in Vietnamese Excel became 1 May',
      rows: two([
        ['1', 'A', 3, 3, 2],
        ['1.1', 'x', 2, 1, date('2025-05-01')],
        ['1.2', 'y', 2, 2, 2],
      ]),
      errors: [{ code: 'score/date', severity: 'error', cell: 'E4', params: { value: '01/05/2025', meant: '1,5' } }],
    },
    {
      name: 'text and booleans are not numbers; "Không áp dụng" is a warning',
      rows: two([
        ['1', 'A', 3, 3, 2],
        ['1.1', 'x', 1, 'đạt', true],
        ['1.2', 'y', 2, 'Không áp dụng', 2],
      ]),
      errors: [
        { code: 'score/not-number', severity: 'error', cell: 'D4', params: { value: 'đạt' } },
        { code: 'score/not-number', severity: 'error', cell: 'E4', params: { value: 'TRUE' } },
        { code: 'score/not-number', severity: 'warning', cell: 'D5', params: { value: 'Không áp dụng' } },
      ],
    },
    {
      name: 'parent, bonus and total cells are checked too',
      rows: cons([
        ['1', 'A', 3, '3,0'],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 2, 2],
        [null, 'Điểm thưởng', 2, 'hai'],
        [null, 'Tổng điểm', 100, err('#VALUE!')],
      ]),
      errors: [
        { code: 'score/number-as-text', severity: 'error', cell: 'D3', criterion: '1' },
        { code: 'score/not-number', severity: 'error', cell: 'D6' },
        { code: 'score/error-value', severity: 'error', cell: 'D7' },
      ],
    },
    {
      name: 'an error propagated by parent formulas is reported once, at its source',
      rows: cons([
        ['1', 'A', 3, ferr('SUM(D4:D5)')],
        ['1.1', 'x', 1, ferr('1/0')],
        ['1.2', 'y', 2, 2],
        [null, 'Tổng điểm', 100, ferr('SUM(D3)')],
      ]),
      errors: [{ code: 'score/error-value', severity: 'error', cell: 'D4' }],
    },
  ],
});

ruleTester(scoreStep, {
  valid: [
    {
      name: 'quarter steps',
      rows: two([
        ['1', 'A', 3, 2.75, 1.5],
        ['1.1', 'x', 1, 0.75, 0.25],
        ['1.2', 'y', 2, 2, 1.25],
      ]),
    },
    {
      name: 'survey scores are proportional',
      rows: two([
        ['1', 'A', 5, 4.3, 1.5],
        ['1.1', 'Đánh giá qua điều tra xã hội học', 4, 3.3, 0.5],
        ['1.2', 'y', 1, 1, 1],
      ]),
    },
    {
      name: 'SIPAS and "mức độ hài lòng" titles are survey',
      rows: two([
        ['3', 'A', 8, 6.507, 7.1],
        ['3.4', 'Mức độ hài lòng (SIPAS)', 8, 6.507, 7.1],
      ]),
    },
    {
      name: 'a criterion whose maximum is off the 0,25 grid',
      rows: two([
        ['1', 'A', 0.3, 0.1, 0.2],
        ['1.1', 'x', 0.3, 0.1, 0.2],
      ]),
    },
    { name: 'summary area scores are not stepped', rows: summary(['1. A', '2. B'], [60, 40, 100], [[1, 'Xã A', 50.123, 30, 80.123, 1]]) },
  ],
  invalid: [
    {
      name: 'a non-survey score off the 0,25 grid',
      rows: two([
        ['1', 'A', 3, 2.6, 2.5],
        ['1.1', 'x', 1, 0.6, 0.5],
        ['1.2', 'y', 2, 2, 2],
      ]),
      errors: [{ code: 'score/step', severity: 'warning', cell: 'D4', params: { value: 0.6 } }],
    },
  ],
});
