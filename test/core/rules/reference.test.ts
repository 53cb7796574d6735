import { referenceAdded } from '../../../src/core/rules/reference-added';
import { referenceMaxChanged } from '../../../src/core/rules/reference-max-changed';
import { referenceMissing } from '../../../src/core/rules/reference-missing';
import { referenceRetitled } from '../../../src/core/rules/reference-retitled';
import { contextOf, cons, ruleTester, summary, type CellInput } from './helpers';

// The official blank form (a scorecard, data from row 2) and filled consolidations (data from row 3).
const form: CellInput[][] = [
  ['STT', 'Lĩnh vực/Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định'],
  ['1', 'Công tác chỉ đạo, điều hành CCHC', 3],
  ['1.1', 'Kế hoạch CCHC năm', 1],
  ['1.2', 'Thực hiện chế độ báo cáo', 2],
  ['2', 'Cải cách thể chế', 2],
  ['2.1', 'Ban hành văn bản QPPL', 2],
];
const same = cons([
  ['1.', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC', 3, 3],
  ['1.1', 'Ke hoach  CCHC nam.', 1, 1],
  ['1.2', 'Thực hiện chế độ báo cáo', 2, 2],
  ['II', 'Cải cách thể chế', 2, 2],
  ['2.1', 'Ban hành văn bản QPPL', 2, 2],
]);

ruleTester(referenceMissing, {
  valid: [
    { name: 'same criteria (codes "1." and "II" match "1" and "2")', rows: same, reference: form },
    { name: 'no reference given', rows: same },
    {
      name: 'a summary is compared on areas only',
      rows: summary(['1. Công tác chỉ đạo, điều hành CCHC', '2. Cải cách thể chế'], [3, 2, 5], [[1, 'Xã A', 3, 2, 5, 1]]),
      reference: form,
    },
  ],
  invalid: [
    {
      name: 'a missing criterion is placed where it would be (the next official criterion present)',
      rows: cons([
        ['1', 'Công tác chỉ đạo, điều hành CCHC', 3, 3],
        ['1.1', 'Kế hoạch CCHC năm', 1, 1],
        ['2', 'Cải cách thể chế', 2, 2],
        ['2.1', 'Ban hành văn bản QPPL', 2, 2],
      ]),
      reference: form,
      errors: [
        {
          code: 'reference/missing',
          severity: 'warning',
          cell: 'A5',
          criterion: '1.2',
          params: { code: '1.2', title: 'Thực hiện chế độ báo cáo' },
        },
      ],
    },
    {
      name: 'missing at the end: just after the last criterion',
      rows: cons([
        ['1', 'Công tác chỉ đạo, điều hành CCHC', 3, 3],
        ['1.1', 'Kế hoạch CCHC năm', 1, 1],
        ['1.2', 'Thực hiện chế độ báo cáo', 2, 2],
        ['2', 'Cải cách thể chế', 2, 2],
      ]),
      reference: form,
      errors: [{ code: 'reference/missing', severity: 'warning', cell: 'A7', criterion: '2.1' }],
    },
  ],
});

ruleTester(referenceAdded, {
  valid: [{ name: 'same criteria', rows: same, reference: form }],
  invalid: [
    {
      name: 'a criterion the official form does not have',
      rows: cons([
        ['1', 'Công tác chỉ đạo, điều hành CCHC', 4, 4],
        ['1.1', 'Kế hoạch CCHC năm', 1, 1],
        ['1.2', 'Thực hiện chế độ báo cáo', 2, 2],
        ['1.3', 'Sáng kiến', 1, 1],
        ['2', 'Cải cách thể chế', 2, 2],
        ['2.1', 'Ban hành văn bản QPPL', 2, 2],
      ]),
      reference: form,
      errors: [{ code: 'reference/added', severity: 'warning', cell: 'A6', criterion: '1.3', params: { code: '1.3', title: 'Sáng kiến' } }],
    },
  ],
});

ruleTester(referenceRetitled, {
  valid: [{ name: 'case, diacritics, spacing and a trailing dot are ignored', rows: same, reference: form }],
  invalid: [
    {
      name: 'a changed title',
      rows: cons([
        ['1', 'Công tác chỉ đạo, điều hành CCHC', 3, 3],
        ['1.1', 'Kế hoạch CCHC', 1, 1],
        ['1.2', 'Thực hiện chế độ báo cáo', 2, 2],
        ['2', 'Cải cách thể chế', 2, 2],
        ['2.1', 'Ban hành văn bản QPPL', 2, 2],
      ]),
      reference: form,
      errors: [
        { code: 'reference/retitled', severity: 'warning', cell: 'B4', params: { title: 'Kế hoạch CCHC', expected: 'Kế hoạch CCHC năm' } },
      ],
    },
  ],
});

ruleTester(referenceMaxChanged, {
  valid: [{ name: 'same maxima', rows: same, reference: form }],
  invalid: [
    {
      name: 'a changed maximum',
      rows: cons([
        ['1', 'Công tác chỉ đạo, điều hành CCHC', 3.5, 3],
        ['1.1', 'Kế hoạch CCHC năm', 1.5, 1],
        ['1.2', 'Thực hiện chế độ báo cáo', 2, 2],
        ['2', 'Cải cách thể chế', 2, 2],
        ['2.1', 'Ban hành văn bản QPPL', 2, 2],
      ]),
      reference: form,
      errors: [
        { code: 'reference/max-changed', severity: 'error', cell: 'C3', params: { max: 3.5, expectedMax: 3 } },
        { code: 'reference/max-changed', severity: 'error', cell: 'C4', params: { max: 1.5, expectedMax: 1 } },
      ],
    },
    {
      name: 'summary area maxima against the form',
      rows: summary(['1. Công tác chỉ đạo, điều hành CCHC', '2. Cải cách thể chế'], [3, 2.5, 5.5], [[1, 'Xã A', 3, 2, 5, 1]]),
      reference: form,
      errors: [{ code: 'reference/max-changed', severity: 'error', cell: 'D2', criterion: '2' }],
    },
  ],
});

it('reference rules are silent without a reference', () => {
  const ctx = contextOf(
    cons([
      ['1', 'X', 1, 1],
      ['1.9', 'Y', 1, 1],
    ]),
  );
  for (const rule of [referenceMissing, referenceAdded, referenceRetitled, referenceMaxChanged]) expect(rule.check(ctx)).toEqual([]);
});
