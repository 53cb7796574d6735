import fc from 'fast-check';
import { detectSheet } from '../../../src/core/detect';
import { FINDING_CODES } from '../../../src/core/messages/codes';
import { RULES, validateTable, type Rule } from '../../../src/core/rules';
import { sortFindings } from '../../../src/core/finding';
import type { Cell } from '../../../src/core/snapshot';
import { cons, contextOf, f, grid, type CellInput } from './helpers';

describe('rule registry', () => {
  it('has unique ids, descriptions and known codes', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.codes.length).toBeGreaterThan(0);
      for (const c of r.codes) expect(FINDING_CODES).toContain(c);
    }
  });

  it('covers every validation code', () => {
    const emitted = new Set(RULES.flatMap((r) => r.codes));
    const validation = FINDING_CODES.filter((c) => /^(code|max|score|sum|evidence|appraisal|reference)\//.test(c));
    expect(validation.filter((c) => !emitted.has(c))).toEqual([]);
  });
});

describe('validateTable', () => {
  it('runs every rule, sorted in reading order', () => {
    const ctx = contextOf(
      cons([
        ['1', 'A', 3, f('SUM(D4)', 3.8)],
        ['1.1', 'x', 1, 1.3],
        ['1.2', 'y', 2, 2.5],
        ['1.2', 'z', 0, 0],
      ]),
    );
    const findings = validateTable(ctx);
    expect(findings).toEqual(sortFindings(findings));
    expect(findings.map((x) => `${x.code} ${x.cell}`)).toEqual([
      'max/total-not-100 C3',
      'sum/formula-omits-child D3',
      'sum/formula-omits-child D3',
      'score/above-max D4',
      'score/step D4',
      'score/above-max D5',
      'code/duplicate A6',
    ]);
  });

  it('removes identical findings reported by two rules', () => {
    const twice: Rule = { ...RULES[0], id: 'twice', check: (ctx) => [...RULES[0].check(ctx), ...RULES[0].check(ctx)] };
    const ctx = contextOf(
      cons([
        ['1', 'A', 1, 1],
        ['1', 'B', 1, 1],
      ]),
    );
    expect(validateTable(ctx, [twice, RULES[0]]).map((x) => `${x.code} ${x.cell}`)).toEqual(['code/duplicate A4']);
  });

  it('is pure: the same context gives the same findings, the snapshot is untouched', () => {
    const rows = cons([
      ['1', 'A', 3, 2],
      ['1.1', 'x', 1, '0,5'],
      ['1.2', 'y', 2, 2],
    ]);
    const ctx = contextOf(rows);
    const before = JSON.stringify(ctx.sheet);
    const a = validateTable(ctx);
    const b = validateTable({ ...ctx });
    expect(b).toEqual(a);
    expect(JSON.stringify(ctx.sheet)).toBe(before);
  });
});

describe('property: validateTable never throws', () => {
  const value: fc.Arbitrary<CellInput> = fc.oneof(
    fc.constant(null),
    fc.double({ min: -1000, max: 1000, noNaN: true }),
    fc.integer({ min: -5, max: 30 }).map((n) => n / 4),
    fc.constantFrom('0,5', '1.25', 'x', '', ' ', 'Không áp dụng', '=1+1', '1,2,3', '-', 'TRUE'),
    fc.string(),
    fc.boolean(),
    fc.constantFrom<Cell>({ v: '#DIV/0!', t: 'e' }, { v: '#REF!', t: 'e' }, { v: '#N/A', t: 'e' }),
    fc.integer({ min: -100000, max: 3000000 }).map((n): Cell => ({ v: n / 7, t: 'd' })),
    fc.constantFrom<Cell>(
      { v: 3, t: 'n', f: 'SUM(D3:D9)' },
      { v: null, t: 'n', f: 'SUM(D3,D5)' },
      { v: 1, t: 'n', f: 'SUM(D1:D1048576)' },
      { v: 2, t: 'n', f: 'SUM(' },
      { v: 2, t: 'n', f: 'D0+ZZZ9' },
      { v: '#VALUE!', t: 'e', f: 'D3/0' },
    ),
  );
  const code = fc.oneof(
    fc.constantFrom('1', '1.', 'I', 'II', 'IV', '1.1', '1.1.', '1.2', '1.1.1', '2', '2.1', '2.1.1', '3.2.1', '9.9', '0', '1..1', 'x', null),
    fc.integer({ min: 0, max: 12 }),
    fc.double({ min: 0, max: 10, noNaN: true }),
  );
  const title = fc.oneof(
    fc.constantFrom(
      'A',
      'Tổng điểm',
      'TỔNG CỘNG',
      'Điểm thưởng',
      'Điểm trừ',
      'Xếp hạng',
      'Đánh giá qua điều tra xã hội học',
      'Điểm tối đa',
      null,
    ),
    fc.string({ maxLength: 8 }),
  );
  const headers: CellInput[][][] = [
    [
      ['STT', 'Nội dung', 'Điểm tối đa', 'Điểm đạt được của các đơn vị', null],
      [null, null, null, 'Xã A', 'Xã B'],
    ],
    [['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Tài liệu kiểm chứng', 'Ghi chú']],
    [['TT', 'Nội dung', 'Thang điểm', 'Điểm đạt được']],
    [['STT', 'Đơn vị', '1. A', '2. B', 'Tổng điểm', 'Xếp hạng']],
  ];
  const row = fc.tuple(code, title, value, value, value, value, value).map((r) => [...r] as CellInput[]);

  it('on random grids under a valid header', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...headers),
        fc.array(row, { minLength: 0, maxLength: 25 }),
        fc.boolean(),
        (header, rows, withReference) => {
          const sheet = grid([...header, ...rows]);
          const tables = detectSheet(sheet);
          const reference = withReference && tables.length > 1 ? tables[1] : withReference ? tables[0] : undefined;
          for (const table of tables) {
            const findings = validateTable({ workbook: { sheets: [sheet] }, sheet, table, reference });
            for (const x of findings) {
              expect(x.cell === '' || /^[A-Z]{1,3}\d+$/.test(x.cell)).toBe(true);
              expect(x.message.vi).not.toContain('undefined');
              expect(x.message.en).not.toContain('undefined');
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on a hand-damaged table (criteria without cells, rows out of range)', () => {
    const ctx = contextOf(
      cons([
        ['1', 'A', 3, 3],
        ['1.1', 'x', 1, 1],
        ['1.2', 'y', 2, 2],
      ]),
    );
    const table = {
      ...ctx.table,
      criteria: [...ctx.table.criteria, { ...ctx.table.criteria[1], key: '1.3', row: 0, col: 0, codeCell: '', titleCell: '', maxCell: '' }],
      series: [...ctx.table.series, { name: 'ghost', role: 'unit' as const, index: -1, headerCell: '' }],
      totalIndex: 999,
    };
    expect(() => validateTable({ ...ctx, table, reference: table })).not.toThrow();
  });
});
