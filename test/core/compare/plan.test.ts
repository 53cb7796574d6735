import { parseA1 } from '../../../src/core/a1';
import { compareYears, liveHighlights, planComparison, priorValuesName, type Comparison } from '../../../src/core/compare';
import type { CellContent, GeneratedSheet } from '../../../src/core/plan';
import { loadFixture } from './helpers';

const at = (sheet: GeneratedSheet, address: string): CellContent => {
  const { row, col } = parseA1(address);
  return sheet.rows[row - 1]?.[col - 1] ?? { kind: 'empty' };
};
const textAt = (sheet: GeneratedSheet, address: string) => {
  const c = at(sheet, address);
  return c.kind === 'text' ? c.value : undefined;
};
const rowTexts = (sheet: GeneratedSheet, row: number) => sheet.rows[row - 1].map((c) => (c.kind === 'text' ? c.value : c.kind));

describe('planComparison: consolidation 2025 vs 2024', () => {
  let c: Comparison;
  let sheet: GeneratedSheet;
  beforeAll(async () => {
    c = compareYears(await loadFixture('tong-hop-xa-2025.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'));
    sheet = planComparison(c, 'vi').sheet;
  });

  it('names and frames the sheet', () => {
    expect(sheet.name).toBe('So sánh 2025-2024');
    expect(sheet.purpose).toBe('comparison');
    expect(textAt(sheet, 'A1')).toBe('SO SÁNH KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 VỚI NĂM 2024');
    expect(textAt(sheet, 'A2')).toBe(
      'Bảng 2025: trang "Tổng hợp"; bảng 2024: trang "Tổng hợp". So sánh theo từng tiêu chí. Điểm bằng nhau đồng hạng (1, 2, 2, 4).',
    );
    expect(sheet.freezeRows).toBe(1);
    expect(sheet.columnWidths).toHaveLength(8);
    expect(sheet.styles).toEqual([
      { range: 'A1', style: 'title' },
      { range: 'A2', style: 'subtitle' },
      { range: 'A4', style: 'bold' },
      { range: 'A18', style: 'bold' },
      { range: 'A19:H19', style: 'header' },
      { range: 'A33', style: 'bold' },
      { range: 'A34:H34', style: 'header' },
    ]);
  });

  it('writes one paragraph per unit as text', () => {
    expect(textAt(sheet, 'A4')).toBe('Nhận xét');
    // Totals and ranks as in samples/manifest.json; An Lạc fell from 3rd (86,682) to 12th; its ten
    // declined criteria (2024 vs 2025, column D of both files) are all named (at most 10 are).
    expect(textAt(sheet, 'A5')).toBe(
      'Phường An Lạc đạt 76,983 điểm, xếp thứ 12 trong tổng số 12 xã, phường; giảm 9,699 điểm và giảm 09 bậc so với năm 2024. ' +
        'Các tiêu chí giảm điểm: 1.5 Đánh giá qua điều tra xã hội học (giảm 0,414 điểm); 2.2 Rà soát văn bản (giảm 0,5 điểm); ' +
        '2.3 Đánh giá qua điều tra xã hội học (giảm 1,014 điểm); 3.1 Công khai TTHC (giảm 0,75 điểm); 3.2.3 Số hóa hồ sơ TTHC (giảm 1,5 điểm); ' +
        '3.4 Mức độ hài lòng (SIPAS) (giảm 1,908 điểm); 4.3 Đánh giá qua điều tra xã hội học (giảm 0,292 điểm); ' +
        '5.3 Đánh giá qua điều tra xã hội học (giảm 1,047 điểm); 7.3 Đánh giá qua điều tra xã hội học (giảm 1,794 điểm); ' +
        '8.2 Đánh giá qua điều tra xã hội học (giảm 2,077 điểm).',
    );
    // Hòa Bình rose from 6th to 3rd (tied with An Phú at 86,75), full marks in area 8 (24 of 24).
    expect(textAt(sheet, 'A7')).toBe(
      'Xã Hòa Bình đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường; tăng 3,36 điểm và tăng 03 bậc so với năm 2024. ' +
        'Đạt điểm tuyệt đối ở lĩnh vực: Tác động của CCHC. ' +
        'Các tiêu chí giảm điểm: 1.1.2 Mức độ thực hiện kế hoạch (giảm 1,5 điểm); 1.3 Tuyên truyền CCHC (giảm 0,5 điểm); ' +
        '2.3 Đánh giá qua điều tra xã hội học (giảm 0,941 điểm); 4.3 Đánh giá qua điều tra xã hội học (giảm 0,005 điểm); ' +
        '5.1 Vị trí việc làm (giảm 0,75 điểm); 6.3 Đánh giá qua điều tra xã hội học (giảm 0,214 điểm); ' +
        '7.2 Chữ ký số, văn bản điện tử (giảm 1 điểm); 7.3 Đánh giá qua điều tra xã hội học (giảm 0,14 điểm).',
    );
    // Phước Hưng: 12 declined criteria; the 10 largest are named in the form's order, 2 counted.
    expect(textAt(sheet, 'A10')).toBe(
      'Xã Phước Hưng đạt 81,611 điểm, xếp thứ 11 trong tổng số 12 xã, phường; giảm 9,727 điểm và giảm 10 bậc so với năm 2024. ' +
        'Các tiêu chí giảm điểm: 1.1.2 Mức độ thực hiện kế hoạch (giảm 0,75 điểm); 1.5 Đánh giá qua điều tra xã hội học (giảm 0,796 điểm); ' +
        '2.2 Rà soát văn bản (giảm 1 điểm); 2.3 Đánh giá qua điều tra xã hội học (giảm 0,539 điểm); 3.1 Công khai TTHC (giảm 1,25 điểm); ' +
        '3.4 Mức độ hài lòng (SIPAS) (giảm 0,343 điểm); 4.3 Đánh giá qua điều tra xã hội học (giảm 0,765 điểm); ' +
        '6.3 Đánh giá qua điều tra xã hội học (giảm 0,693 điểm); 7.1.1 Tỷ lệ hồ sơ trực tuyến toàn trình (giảm 1,25 điểm); ' +
        '8.2 Đánh giá qua điều tra xã hội học (giảm 3,124 điểm) và 02 tiêu chí khác.',
    );
    expect(textAt(sheet, 'A11')).toBe(
      'Phường Trung Tâm đạt 92,975 điểm, xếp thứ 1 trong tổng số 12 xã, phường; tăng 5,454 điểm và tăng 01 bậc so với năm 2024. ' +
        'Các tiêu chí giảm điểm: 1.4 Sáng kiến CCHC (giảm 0,25 điểm); 2.3 Đánh giá qua điều tra xã hội học (giảm 0,144 điểm); ' +
        '3.1 Công khai TTHC (giảm 0,25 điểm).',
    );
    expect(textAt(sheet, 'A16')).toBe(
      'Phường Nghĩa Trung đạt 85,88 điểm, xếp thứ 6 trong tổng số 12 xã, phường; không có trong bảng năm 2024 nên không so sánh được.',
    );
  });

  it('writes the units table with numbers, live differences and notes', () => {
    expect(rowTexts(sheet, 19)).toEqual([
      'Đơn vị',
      'Tổng điểm 2024',
      'Tổng điểm 2025',
      'Tăng/giảm',
      'Xếp hạng 2024',
      'Xếp hạng 2025',
      'Thay đổi bậc',
      'Ghi chú',
    ]);
    expect(sheet.rows[19]).toEqual([
      { kind: 'text', value: 'Phường An Lạc' },
      { kind: 'number', value: 86.682 },
      { kind: 'number', value: 76.983 },
      { kind: 'formula', formula: '=C20-B20', cached: -9.699, numberFormat: '+General;-General;0' },
      { kind: 'number', value: 3 },
      { kind: 'number', value: 12 },
      { kind: 'formula', formula: '=E20-F20', cached: -9, numberFormat: '+0;-0;0' },
    ]);
    // Xã Tân Thành: 83.711 vs 72.2, 10th → 7th.
    expect([at(sheet, 'A24'), at(sheet, 'D24'), at(sheet, 'G24')]).toEqual([
      { kind: 'text', value: 'Xã Tân Thành' },
      { kind: 'formula', formula: '=C24-B24', cached: 11.511, numberFormat: '+General;-General;0' },
      { kind: 'formula', formula: '=E24-F24', cached: 3, numberFormat: '+0;-0;0' },
    ]);
    // Tied units (Hòa Bình, An Phú: 86.75) share rank 3.
    expect([at(sheet, 'A22'), at(sheet, 'F22'), at(sheet, 'A23'), at(sheet, 'F23')]).toEqual([
      { kind: 'text', value: 'Xã Hòa Bình' },
      { kind: 'number', value: 3 },
      { kind: 'text', value: 'Xã An Phú' },
      { kind: 'number', value: 3 },
    ]);
    // A new unit: no prior values, no difference, a note.
    expect(rowTexts(sheet, 30)).toEqual([
      'Xã Nam Dong',
      'empty',
      'number',
      'empty',
      'empty',
      'number',
      'empty',
      'Không có trong bảng năm trước đã chọn',
    ]);
    expect(at(sheet, 'C30')).toEqual({ kind: 'number', value: 82.074 });
  });

  it('links each unit name to its header cell and each code to the unit’s score cell', () => {
    expect(sheet.hyperlinks.slice(0, 2)).toEqual([
      { address: 'A20', sheet: 'Tổng hợp', cell: 'D7' },
      { address: 'A21', sheet: 'Tổng hợp', cell: 'E7' },
    ]);
    expect(sheet.hyperlinks).toContainEqual({ address: 'A31', sheet: 'Tổng hợp', cell: 'O7' });
    expect(sheet.hyperlinks).toContainEqual({ address: 'B35', sheet: 'Tổng hợp', cell: 'D15' });
  });

  it('writes the changed criteria in long format, with full-marks areas', () => {
    expect(textAt(sheet, 'A33')).toBe('Tiêu chí thay đổi và lĩnh vực đạt điểm tuyệt đối');
    expect(rowTexts(sheet, 34)).toEqual(['Đơn vị', 'Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm 2024', 'Điểm 2025', 'Tăng/giảm', 'Trạng thái']);
    expect(sheet.rows[34]).toEqual([
      { kind: 'text', value: 'Phường An Lạc' },
      { kind: 'text', value: '1.5' },
      { kind: 'text', value: 'Đánh giá qua điều tra xã hội học' },
      { kind: 'number', value: 4 },
      { kind: 'number', value: 3.009 },
      { kind: 'number', value: 2.595 },
      { kind: 'formula', formula: '=F35-E35', cached: -0.414, numberFormat: '+General;-General;0' },
      { kind: 'text', value: 'Giảm điểm' },
    ]);
    const rows = sheet.rows.slice(34).map((r) => r.map((c) => (c.kind === 'text' ? c.value : c.kind === 'number' ? c.value : c.kind)));
    // Unchanged criteria are left out.
    expect(rows.filter((r) => r[0] === 'Phường An Lạc' && r[1] === '1.1.1')).toEqual([]);
    // Xã Hòa Bình's area at full marks (8, 24 of 24) appears in the form's order, among its criteria.
    const hb = rows.filter((r) => r[0] === 'Xã Hòa Bình');
    expect(hb.slice(0, 2)).toEqual([
      ['Xã Hòa Bình', '1.1.1', 'Ban hành kế hoạch đúng thời hạn', 1, 0.75, 1, 'formula', 'Tăng điểm'],
      ['Xã Hòa Bình', '1.1.2', 'Mức độ thực hiện kế hoạch', 1.5, 1.5, 0, 'formula', 'Giảm điểm'],
    ]);
    expect(hb.slice(-2)).toEqual([
      ['Xã Hòa Bình', '8', 'Tác động của CCHC', 24, 19.03, 24, 'formula', 'Đạt điểm tuyệt đối'],
      ['Xã Hòa Bình', '8.2', 'Đánh giá qua điều tra xã hội học', 20, 15.03, 20, 'formula', 'Tăng điểm'],
    ]);
    // Units with no prior have no criteria rows.
    expect(rows.some((r) => r[0] === 'Xã Nam Dong')).toBe(false);
    const declines = c.units.reduce((n, u) => n + u.criteria.filter((k) => k.status !== 'unchanged').length + u.fullMarks.length, 0);
    expect(rows).toHaveLength(declines);
  });

  it('highlights declines, improvements and full marks on the generated sheet', () => {
    const last = sheet.rows.length;
    expect(sheet.conditionalFormats).toEqual([
      { range: 'D20:D31', formula: '=AND(ISNUMBER(D20),D20<0)', style: 'decline' },
      { range: 'D20:D31', formula: '=AND(ISNUMBER(D20),D20>0)', style: 'improved' },
      { range: 'G20:G31', formula: '=AND(ISNUMBER(G20),G20<0)', style: 'decline' },
      { range: 'G20:G31', formula: '=AND(ISNUMBER(G20),G20>0)', style: 'improved' },
      { range: `G35:G${last}`, formula: '=AND(ISNUMBER(G35),G35<0)', style: 'decline' },
      { range: `G35:G${last}`, formula: '=AND(ISNUMBER(G35),G35>0)', style: 'improved' },
      { range: `F35:F${last}`, formula: '=AND(ISNUMBER(F35),ISNUMBER(D35),F35>=D35)', style: 'fullMarks' },
    ]);
  });

  it('rounds stored numbers to 3 decimals and only ever writes cell differences as formulas', () => {
    for (const row of sheet.rows)
      for (const cell of row) {
        if (cell.kind === 'number') expect(Math.round(cell.value * 1000) / 1000).toBe(cell.value);
        if (cell.kind === 'formula') expect(cell.formula).toMatch(/^=[A-Z]+\d+-[A-Z]+\d+$/);
      }
  });

  it('writes English headers for the English locale', () => {
    const en = planComparison(c, 'en').sheet;
    expect(en.name).toBe('Comparison 2025-2024');
    expect(rowTexts(en, 19)).toEqual(['Unit', 'Total 2024', 'Total 2025', 'Change', 'Rank 2024', 'Rank 2025', 'Rank change', 'Note']);
    expect(rowTexts(en, 34)).toEqual(['Unit', 'Code', 'Criterion', 'Maximum', '2024', '2025', 'Change', 'Status']);
    expect(
      textAt(en, 'A5')?.startsWith(
        'Phường An Lạc scored 76.983 points, ranked 12th of 12 communes and wards; down 9.699 points and down 9 places from 2024.',
      ),
    ).toBe(true);
  });
});

describe('live highlights on the current sheet', () => {
  let c: Comparison;
  beforeAll(async () => {
    c = compareYears(await loadFixture('tong-hop-xa-2025.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'));
  });

  it('marks shortfalls with one rule per run of leaf rows across the unit columns', () => {
    const short = liveHighlights(c).filter((f) => f.style === 'shortfall');
    expect(short.map((f) => f.range)).toEqual([
      'D10:O15',
      'D17:O19',
      'D21:O21',
      'D23:O27',
      'D29:O31',
      'D33:O35',
      'D37:O39',
      'D42:O45',
      'D47:O48',
    ]);
    expect(short[0]).toEqual({
      sheet: 'Tổng hợp',
      range: 'D10:O15',
      formula: '=AND(ISNUMBER(D10),ISNUMBER($C10),D10<$C10)',
      style: 'shortfall',
    });
  });

  it('marks declines with one rule over the compared cells, reading last year’s values through a defined name (no array constant)', () => {
    const plan = planComparison(c, 'vi');
    const live = plan.live;
    const dec = live.filter((f) => f.style === 'decline');
    expect(dec).toHaveLength(1);
    expect(live[0]).toBe(dec[0]); // first: the decline wins over the shortfall (plan order is priority)
    const name = priorValuesName('Tổng hợp');
    expect(name).toMatch(/^PAR_TRUOC_[0-9A-F]{8}$/);
    const prior = `INDEX(${name},ROW()-ROW($D$10)+1,COLUMN()-COLUMN($D$10)+1)`;
    // D..M: the ten units compared (the two new units, N and O, have no prior).
    expect(dec[0]).toEqual({
      sheet: 'Tổng hợp',
      range: 'D10:M48',
      formula: `=AND(ISNUMBER(D10),ISNUMBER(${prior}),D10<${prior})`,
      style: 'decline',
    });
    for (const f of live) expect(f.formula).not.toMatch(/[{}!]/);
    expect(plan.definedNames).toEqual([{ name, sheet: 'Điểm 2024 - Tổng hợp', range: 'D10:M48' }]);
    const pv = plan.priorValues!;
    expect(pv).toMatchObject({ name: 'Điểm 2024 - Tổng hợp', purpose: 'prior-values', hidden: true, conditionalFormats: [] });
    expect(at(pv, 'D10')).toEqual({ kind: 'number', value: 1 }); // row 10, 1.1.1 of the first unit in 2024
    expect(at(pv, 'D15')).toEqual({ kind: 'number', value: 3.009 }); // row 15, 1.5
    expect(at(pv, 'D48')).toEqual({ kind: 'number', value: 13.788 }); // row 48, 8.2
    expect(at(pv, 'D16')).toEqual({ kind: 'empty' }); // an area row: never highlighted
    expect(at(pv, 'N10')).toEqual({ kind: 'empty' }); // a new unit
    expect(textAt(pv, 'A1')).toContain('"Tổng hợp"');
    // Each compared cell holds last year's value at its own address.
    for (const u of c.units)
      if (u.priorUnit !== null)
        for (const k of u.criteria)
          if (k.row > 0 && k.prior && k.score)
            expect([k.cell, at(pv, k.cell)]).toEqual([k.cell, { kind: 'number', value: k.prior.toNumber() }]);
    expect(plan.write).toEqual({ cellWrites: [], sheets: [plan.sheet, pv], conditionalFormats: live, definedNames: plan.definedNames });
  });

  it('gives each highlighted sheet its own name', () => {
    expect(priorValuesName('Tổng hợp')).toBe(priorValuesName('TỔNG HỢP'));
    expect(priorValuesName('Tổng hợp')).not.toBe(priorValuesName('Tổng hợp 2'));
  });

  it('highlights area rows when the prior year is a summary', async () => {
    const s = compareYears(await loadFixture('tong-hop-xa-2025.xlsx'), await loadFixture('ket-qua-xa-2024-tom-tat.xlsx'));
    const dec = liveHighlights(s).filter((f) => f.style === 'decline');
    expect(dec.map((f) => f.range)).toEqual(['D8:M46']);
    const plan = planComparison(s, 'vi');
    expect(at(plan.priorValues!, 'D8')).toEqual({ kind: 'number', value: 9.009 }); // An Lạc's area 1 in the 2024 summary
    expect(at(plan.priorValues!, 'D16')).toEqual({ kind: 'number', value: 7.612 }); // and area 2
    expect(at(plan.priorValues!, 'D9')).toEqual({ kind: 'empty' }); // a criterion row: the summary has areas only
    const p = plan.sheet;
    expect(textAt(p, 'A33')).toBe('Lĩnh vực thay đổi và lĩnh vực đạt điểm tuyệt đối');
    // Xã Hòa Bình: area 8 improved to full marks (19.03 → 24) → one row with both statuses.
    const hb = p.rows.filter((r) => r[0]?.kind === 'text' && r[0].value === 'Xã Hòa Bình' && r[1]?.kind === 'text' && r[1].value === '8');
    expect(hb).toHaveLength(1);
    expect(hb[0][7]).toEqual({ kind: 'text', value: 'Tăng điểm; Đạt điểm tuyệt đối' });
  });

  it('adds none on a summary table', async () => {
    const s = compareYears(await loadFixture('ket-qua-xa-2024-tom-tat.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'));
    expect(liveHighlights(s)).toEqual([]);
    const plan = planComparison(s, 'vi');
    expect([plan.priorValues, plan.definedNames, plan.write.sheets]).toEqual([null, [], [plan.sheet]]);
  });
});

describe('a unit named like a formula', () => {
  it('stays text everywhere in the generated sheet', async () => {
    const c = compareYears(await loadFixture('loi-ten-don-vi-cong-thuc.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'));
    expect(c.units[1].unit).toBe('=1+1');
    expect(c.unmatched.current).toContain('=1+1');
    const { sheet } = planComparison(c, 'vi');
    expect(at(sheet, 'A21')).toEqual({ kind: 'text', value: '=1+1' });
    expect(at(sheet, 'A6')).toEqual({ kind: 'text', value: expect.stringMatching(/^=1\+1 đạt /) });
    for (const row of sheet.rows) for (const cell of row) if (cell.kind === 'formula') expect(cell.formula).not.toContain('1+1');
  });
});
