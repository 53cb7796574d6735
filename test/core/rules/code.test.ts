import { codeDuplicate } from '../../../src/core/rules/code-duplicate';
import { codeMisplaced } from '../../../src/core/rules/code-misplaced';
import { codeOrphan } from '../../../src/core/rules/code-orphan';
import { cons, ruleTester } from './helpers';

// Data rows start at row 3 (two header rows); A = code, B = title, C = max, D = Xã A.
const tree = cons([
  ['1.', 'Chỉ đạo điều hành', 3, 3],
  ['1.1', 'Kế hoạch', 1, 1],
  ['1.2', 'Báo cáo', 2, 2],
  ['2.', 'Thể chế', 2, 2],
  ['2.1', 'Ban hành văn bản', 2, 2],
  ['2.1.1', 'Đúng hạn', 2, 2],
]);

ruleTester(codeDuplicate, {
  valid: [
    { name: 'distinct codes', rows: tree },
    {
      name: 'same code text in another column does not count',
      rows: cons([
        ['1', 'A', 1, 1],
        ['1.1', '1', 1, 1],
      ]),
    },
  ],
  invalid: [
    {
      name: 'second occurrence reported, naming the first',
      rows: cons([
        ['1', 'A', 3, 3],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 2, 2],
        ['1.1', 'z', 0, 0],
      ]),
      errors: [{ code: 'code/duplicate', severity: 'error', cell: 'A6', criterion: '1.1', params: { code: '1.1', first: 'A4' } }],
    },
    {
      name: 'Roman and integer area codes are the same key',
      rows: cons([
        ['I', 'A', 1, 1],
        ['1.1', 'x', 1, 1],
        ['1.', 'B', 1, 1],
      ]),
      errors: [{ code: 'code/duplicate', severity: 'error', cell: 'A5', params: { code: '1.', first: 'A3' } }],
    },
    {
      name: 'a trailing dot does not hide a duplicate; three occurrences give two findings',
      rows: cons([
        ['1', 'A', 1, 1],
        ['1.1', 'x', 1, 1],
        ['1.1.', 'y', 1, 1],
        ['1.1', 'z', 1, 1],
      ]),
      errors: [
        { code: 'code/duplicate', severity: 'error', cell: 'A5', params: { first: 'A4' } },
        { code: 'code/duplicate', severity: 'error', cell: 'A6', params: { first: 'A4' } },
      ],
    },
  ],
});

ruleTester(codeOrphan, {
  valid: [{ name: 'every code has its parent', rows: tree }],
  invalid: [
    {
      name: 'sub-criterion without its criterion',
      rows: cons([
        ['3', 'TTHC', 3, 3],
        ['3.1', 'x', 1, 1],
        ['3.2.1', 'y', 2, 2],
      ]),
      errors: [{ code: 'code/orphan', severity: 'error', cell: 'A5', criterion: '3.2.1', params: { code: '3.2.1', parent: '3.2' } }],
    },
    {
      name: 'criterion without its area',
      rows: cons([
        ['1', 'A', 1, 1],
        ['1.1', 'x', 1, 1],
        ['2.1', 'y', 2, 2],
        ['2.2', 'z', 2, 2],
      ]),
      errors: [
        { code: 'code/orphan', severity: 'error', cell: 'A5', params: { parent: '2' } },
        { code: 'code/orphan', severity: 'error', cell: 'A6', params: { parent: '2' } },
      ],
    },
  ],
});

ruleTester(codeMisplaced, {
  valid: [
    { name: 'rows in block order', rows: tree },
    {
      name: 'an orphan is not also misplaced',
      rows: cons([
        ['1', 'A', 1, 1],
        ['1.1', 'x', 1, 1],
        ['2.1', 'y', 2, 2],
      ]),
    },
  ],
  invalid: [
    {
      name: '"1.2" typed under area 2 (meant 2.2)',
      rows: cons([
        ['1', 'A', 1, 1],
        ['1.1', 'x', 1, 1],
        ['2', 'B', 3, 3],
        ['2.1', 'y', 1, 1],
        ['1.2', 'z', 2, 2],
      ]),
      errors: [{ code: 'code/misplaced', severity: 'error', cell: 'A7', criterion: '1.2', params: { code: '1.2', parent: '1' } }],
    },
    {
      name: 'a sub-criterion directly under its area while its criterion comes later',
      rows: cons([
        ['1', 'A', 2, 2],
        ['1.1.1', 'x', 1, 1],
        ['1.1', 'y', 1, 1],
        ['1.2', 'z', 1, 1],
      ]),
      errors: [{ code: 'code/misplaced', severity: 'error', cell: 'A4', params: { parent: '1.1' } }],
    },
  ],
});
