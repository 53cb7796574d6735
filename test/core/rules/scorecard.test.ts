import { appraisalAboveSelf } from '../../../src/core/rules/appraisal-above-self';
import { evidenceMissing } from '../../../src/core/rules/evidence-missing';
import { cons, ruleTester, type CellInput } from './helpers';

// Self-assessment: data rows from row 2; C max, D self, E appraised, F evidence, G note.
const HEADER: CellInput[] = [
  'STT',
  'Lĩnh vực/Tiêu chí',
  'Điểm tối đa',
  'Điểm tự đánh giá',
  'Điểm thẩm định',
  'Tài liệu kiểm chứng',
  'Ghi chú',
];
const card = (rows: CellInput[][], header: CellInput[] = HEADER) => [header, ...rows];

ruleTester(evidenceMissing, {
  valid: [
    {
      name: 'every scored criterion cites evidence; parents need none',
      rows: card([
        ['1', 'A', 3, 3, 3],
        ['1.1', 'x', 1, 1, 1, 'Báo cáo số 295/BC-UBND'],
        ['1.2', 'y', 2, 2, 2, 'Quyết định số 12/QĐ-UBND'],
      ]),
    },
    {
      name: 'zero scores need no evidence',
      rows: card([
        ['1', 'A', 3, 0, 0],
        ['1.1', 'x', 1, 0, 0],
        ['1.2', 'y', 2, 0, 0],
      ]),
    },
    {
      name: 'survey criteria need no evidence',
      rows: card([
        ['1', 'A', 4, 3.7],
        ['1.5', 'Đánh giá qua điều tra xã hội học', 4, 3.705],
      ]),
    },
    {
      name: 'an explanation (giải trình) in the note column counts',
      rows: card([
        ['1', 'A', 1, 1],
        ['1.1', 'x', 1, 1, null, null, 'Đã giải trình tại cuộc họp thẩm định'],
      ]),
    },
    {
      name: 'a blank form',
      rows: card([
        ['1', 'A', 1],
        ['1.1', 'x', 1],
      ]),
    },
    {
      name: 'consolidations have no evidence column',
      rows: cons([
        ['1', 'A', 1, 1],
        ['1.1', 'x', 1, 1],
      ]),
    },
  ],
  invalid: [
    {
      name: 'a scored leaf without evidence, reported once (not per series)',
      rows: card([
        ['1', 'A', 3, 3, 3],
        ['1.1', 'x', 1, 1, 1, 'Báo cáo số 295/BC-UBND'],
        ['1.2', 'y', 2, 2, 2],
      ]),
      errors: [{ code: 'evidence/missing', severity: 'warning', cell: 'F4', criterion: '1.2', params: { value: 2 } }],
    },
    {
      name: 'the scoring rule in the note column is not an explanation',
      rows: card([
        ['1', 'A', 1.5, 1.5],
        ['1.1', 'x', 1.5, 1.5, null, null, 'Hoàn thành 100%: 1,5 điểm; dưới 80%: 0 điểm'],
      ]),
      errors: [{ code: 'evidence/missing', severity: 'warning', cell: 'F3' }],
    },
    {
      name: 'appraised score used when there is no self-assessment column',
      rows: card(
        [
          ['1', 'A', 2, 2],
          ['1.1', 'x', 2, 1.5],
        ],
        ['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm thẩm định', 'Tài liệu kiểm chứng'],
      ),
      errors: [{ code: 'evidence/missing', severity: 'warning', cell: 'E3', params: { value: 1.5 } }],
    },
  ],
});

ruleTester(appraisalAboveSelf, {
  valid: [
    {
      name: 'appraised at or below self',
      rows: card([
        ['1', 'A', 3, 3, 2.5],
        ['1.1', 'x', 1, 1, 0.5],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
    {
      name: 'appraisal not filled yet',
      rows: card([
        ['1', 'A', 3, 3],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 2, 2],
      ]),
    },
    {
      name: 'parents are not compared',
      rows: card([
        ['1', 'A', 3, 2, 3],
        ['1.1', 'x', 1, 1, 1],
        ['1.2', 'y', 2, 2, 2],
      ]),
    },
  ],
  invalid: [
    {
      name: 'appraised above self',
      rows: card([
        ['1', 'A', 3, 2.5, 3],
        ['1.1', 'x', 1, 0.5, 1],
        ['1.2', 'y', 2, 2, 2],
      ]),
      errors: [
        {
          code: 'appraisal/above-self',
          severity: 'info',
          cell: 'E3',
          criterion: '1.1',
          unit: 'Điểm thẩm định',
          params: { appraised: 1, self: 0.5 },
        },
      ],
    },
  ],
});
