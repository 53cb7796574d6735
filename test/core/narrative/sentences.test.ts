import Decimal from 'decimal.js';
import type { CriterionComparison, UnitComparison } from '../../../src/core/compare';
import {
  comparisonParagraphs,
  declinedSentence,
  fullMarksSentence,
  groupNounEn,
  headlineSentence,
  ordinalEn,
  reportParagraph,
  unitSentences,
  type NarrativeContext,
} from '../../../src/core/narrative';

const D = (v: string | number) => new Decimal(v);

function unitOf(p: {
  unit?: string;
  total: string;
  prior?: string | null;
  /** The change of points as compareTables reports it (total − prior), written out. */
  delta?: string;
  rank?: number | null;
  priorRank?: number | null;
  /** Places gained (+) or lost (−), written out: a test must not share the formula it checks. */
  rankChange?: number;
  of?: number;
  filled?: boolean;
  fullMarks?: string[];
  areas?: UnitComparison['areas'];
  criteria?: CriterionComparison[];
}): UnitComparison {
  const total = D(p.total);
  const prior = p.prior === undefined || p.prior === null ? null : D(p.prior);
  const rank = p.rank ?? null;
  const priorRank = p.priorRank ?? null;
  if (prior !== null && p.delta === undefined) throw new Error('unitOf: a prior total needs its delta written out');
  if (rank !== null && priorRank !== null && p.rankChange === undefined)
    throw new Error('unitOf: two ranks need their rankChange written out');
  return {
    unit: p.unit ?? 'Huyện Đắk Mil',
    priorUnit: prior ? (p.unit ?? 'Huyện Đắk Mil') : null,
    mergedFrom: [],
    total,
    priorTotal: prior,
    delta: prior !== null ? D(p.delta as string) : null,
    rank,
    priorRank,
    rankChange: p.rankChange ?? null,
    of: p.of ?? 0,
    priorOf: p.of ?? 0,
    max: D(100),
    filled: p.filled ?? true,
    fullMarks: p.fullMarks ?? [],
    areas: p.areas ?? [],
    criteria: p.criteria ?? [],
    belowMax: [],
    summary: { vi: '', en: '' },
    cell: 'D7',
    priorCell: prior ? 'D7' : null,
    index: 4,
  };
}

const ctx = (over: Partial<NarrativeContext> = {}): NarrativeContext => ({ year: 2021, priorYear: 2020, groupNoun: null, ...over });

describe('headline sentence', () => {
  const dakMil = unitOf({ total: '83.55', prior: '87.592', delta: '-4.042', rank: 6, priorRank: 4, rankChange: -2, of: 8 });

  it('writes the Đắk Mil 2021 sentence exactly as the seed report', () => {
    expect(headlineSentence(dakMil, ctx({ groupNoun: 'huyện, thành phố' }), 'vi')).toBe(
      'Huyện Đắk Mil đạt 83,55 điểm, xếp thứ 6 trong tổng số 08 huyện, thành phố; giảm 4,042 điểm và giảm 02 bậc so với năm 2020.',
    );
  });

  it('says "đơn vị" / "units" when the title names no group', () => {
    expect(headlineSentence(dakMil, ctx(), 'vi')).toBe(
      'Huyện Đắk Mil đạt 83,55 điểm, xếp thứ 6 trong tổng số 08 đơn vị; giảm 4,042 điểm và giảm 02 bậc so với năm 2020.',
    );
    expect(headlineSentence(dakMil, ctx(), 'en')).toBe(
      'Huyện Đắk Mil scored 83.55 points, ranked 6th of 08 units; down 4.042 points and down 2 places from 2020.',
    );
  });

  it('translates the group noun in English', () => {
    expect(headlineSentence(dakMil, ctx({ groupNoun: 'huyện, thành phố' }), 'en')).toBe(
      'Huyện Đắk Mil scored 83.55 points, ranked 6th of 08 districts and cities; down 4.042 points and down 2 places from 2020.',
    );
  });

  it.each([
    // [total, prior, delta, rank, priorRank, rankChange, vi total, en total, en rank, vi change, en change]
    [
      '91.25',
      '89.75',
      '1.5',
      3,
      3,
      0,
      '91,25',
      '91.25',
      '3rd',
      'tăng 1,5 điểm và giữ nguyên thứ hạng',
      'up 1.5 points and no change in rank',
    ],
    ['80', '80.000', '0', 2, 4, 2, '80', '80', '2nd', 'giữ nguyên số điểm và tăng 02 bậc', 'no change in points and up 2 places'],
    ['80.21', '80.21', '0', 5, 5, 0, '80,21', '80.21', '5th', 'giữ nguyên số điểm và thứ hạng', 'no change in points or rank'],
    ['79', '80', '-1', 5, 4, -1, '79', '79', '5th', 'giảm 1 điểm và giảm 01 bậc', 'down 1 point and down 1 place'],
    ['90.5', '80', '10.5', 1, 12, 11, '90,5', '90.5', '1st', 'tăng 10,5 điểm và tăng 11 bậc', 'up 10.5 points and up 11 places'],
  ] as const)('%s vs %s (%s), rank %i vs %i (%i)', (total, prior, delta, rank, priorRank, rankChange, viTotal, enTotal, enRank, vi, en) => {
    const u = unitOf({ unit: 'Xã A', total, prior, delta, rank, priorRank, rankChange, of: 12 });
    const c = ctx({ year: 2025, priorYear: 2024, groupNoun: 'xã, phường' });
    expect(headlineSentence(u, c, 'vi')).toBe(
      `Xã A đạt ${viTotal} điểm, xếp thứ ${rank} trong tổng số 12 xã, phường; ${vi} so với năm 2024.`,
    );
    expect(headlineSentence(u, c, 'en')).toBe(`Xã A scored ${enTotal} points, ranked ${enRank} of 12 communes and wards; ${en} from 2024.`);
  });

  it('decides "giữ nguyên số điểm" at the scoring precision, not in binary floating point', () => {
    // 0.1 + 0.2 + 79.91 in binary floating point, kept exactly: equal to 80.21 at 3 decimals.
    const u = unitOf({
      unit: 'Xã A',
      total: '80.21000000000000004',
      prior: '80.21',
      delta: '0.00000000000000004',
      rank: 1,
      priorRank: 1,
      rankChange: 0,
      of: 2,
    });
    expect(headlineSentence(u, ctx(), 'vi')).toContain('; giữ nguyên số điểm và thứ hạng so với năm 2020.');
  });

  it('omits the rank clause without a rank (a scorecard)', () => {
    const u = unitOf({ unit: 'Xã Hòa Bình', total: '85', prior: '83.5', delta: '1.5' });
    expect(headlineSentence(u, ctx({ year: 2025, priorYear: 2024 }), 'vi')).toBe('Xã Hòa Bình đạt 85 điểm; tăng 1,5 điểm so với năm 2024.');
    expect(headlineSentence(u, ctx({ year: 2025, priorYear: 2024 }), 'en')).toBe('Xã Hòa Bình scored 85 points; up 1.5 points from 2024.');
  });

  it('omits the rank change when only this year is ranked', () => {
    const u = unitOf({ unit: 'Xã A', total: '85', prior: '86', delta: '-1', rank: 2, of: 5 });
    expect(headlineSentence(u, ctx(), 'vi')).toBe('Xã A đạt 85 điểm, xếp thứ 2 trong tổng số 05 đơn vị; giảm 1 điểm so với năm 2020.');
  });

  it('says a unit with no prior counterpart is not compared', () => {
    const u = unitOf({ unit: 'Phường Nghĩa Trung', total: '86.75', rank: 3, of: 12 });
    const c = ctx({ year: 2025, priorYear: 2024, groupNoun: 'xã, phường' });
    expect(headlineSentence(u, c, 'vi')).toBe(
      'Phường Nghĩa Trung đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường; không có trong bảng năm 2024 nên không so sánh được.',
    );
    expect(headlineSentence(u, c, 'en')).toBe(
      'Phường Nghĩa Trung scored 86.75 points, ranked 3rd of 12 communes and wards; not in the 2024 table, so not compared.',
    );
  });

  it('writes "năm trước" when the prior year is unknown', () => {
    const u = unitOf({ unit: 'Xã A', total: '85', prior: '84', delta: '1' });
    expect(headlineSentence(u, ctx({ priorYear: null }), 'vi')).toBe('Xã A đạt 85 điểm; tăng 1 điểm so với năm trước.');
    expect(headlineSentence(u, ctx({ priorYear: null }), 'en')).toBe('Xã A scored 85 points; up 1 point from the prior year.');
  });

  it('keeps the unit name exactly as written (no re-casing)', () => {
    const u = unitOf({ unit: 'UBND xã Ea H’leo', total: '70', prior: '70', delta: '0' });
    expect(headlineSentence(u, ctx(), 'vi').startsWith('UBND xã Ea H’leo đạt 70 điểm; giữ nguyên số điểm')).toBe(true);
  });

  it('says a unit has no scores yet', () => {
    const u = unitOf({ unit: 'Xã B', total: '0', filled: false });
    expect(headlineSentence(u, ctx({ year: 2025 }), 'vi')).toBe('Xã B chưa có điểm năm 2025.');
    expect(headlineSentence(u, ctx({ year: 2025 }), 'en')).toBe('Xã B has no scores for 2025 yet.');
  });
});

describe('ordinals and group nouns', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [101, '101st'],
    [111, '111th'],
    [112, '112th'],
  ])('%i → %s', (n, s) => expect(ordinalEn(n)).toBe(s));

  it.each([
    ['xã, phường', 'communes and wards'],
    ['sở, ban, ngành', 'departments, boards and sectors'],
    ['xã, phường, đặc khu', 'communes, wards and special zones'],
    [null, 'units'],
    ['tổ chức khác', 'units'],
  ])('%j → %s', (vi, en) => expect(groupNounEn(vi)).toBe(en));
});

const area = (code: string, title: string, score: string, max: string) => ({
  code,
  rawCode: `${code}.`,
  title,
  score: D(score),
  prior: null,
  delta: null,
  max: D(max),
});

const crit = (code: string, title: string, prior: string, score: string): CriterionComparison => {
  const delta = D(score).minus(prior);
  return {
    code,
    rawCode: code,
    title,
    score: D(score),
    prior: D(prior),
    max: D(3),
    delta,
    status: delta.isZero() ? 'unchanged' : delta.gt(0) ? 'improved' : 'declined',
    row: 10,
    cell: 'D10',
    depth: code.split('.').length,
  };
};

describe('full marks and declined criteria', () => {
  const areas = [
    area('1', 'Cải cách thể chế', '8', '8'),
    area('2', 'Cải cách TTHC', '15', '18'),
    area('3', 'Cải cách tài chính công.', '8', '8'),
  ];

  it('names the areas at full marks', () => {
    const u = unitOf({ total: '90', prior: '88', delta: '2', areas, fullMarks: ['1', '3'] });
    expect(fullMarksSentence(u, ctx(), 'vi')).toBe('Đạt điểm tuyệt đối ở các lĩnh vực: Cải cách thể chế; Cải cách tài chính công.');
    expect(fullMarksSentence(u, ctx(), 'en')).toBe('Full marks in the areas: Cải cách thể chế; Cải cách tài chính công.');
    const one = unitOf({ total: '90', areas, fullMarks: ['1'] });
    expect(fullMarksSentence(one, ctx(), 'vi')).toBe('Đạt điểm tuyệt đối ở lĩnh vực: Cải cách thể chế.');
    expect(fullMarksSentence(unitOf({ total: '90', areas }), ctx(), 'vi')).toBeNull();
  });

  it('lists the declined criteria with their declines', () => {
    const u = unitOf({
      total: '90',
      prior: '88',
      delta: '2',
      criteria: [
        crit('1.1.1', 'Ban hành kế hoạch', '1', '1'),
        crit('1.1.2', 'Mức độ thực hiện kế hoạch', '1.5', '1'),
        crit('2.1', 'Ban hành văn bản', '2', '3'),
        crit('3.4', 'Mức độ hài lòng', '7.5', '6.25'),
      ],
    });
    expect(declinedSentence(u, ctx(), 'vi')).toBe(
      'Các tiêu chí giảm điểm: 1.1.2 Mức độ thực hiện kế hoạch (giảm 0,5 điểm); 3.4 Mức độ hài lòng (giảm 1,25 điểm).',
    );
    expect(declinedSentence(u, ctx(), 'en')).toBe(
      'Declined criteria: 1.1.2 Mức độ thực hiện kế hoạch (down 0.5 points); 3.4 Mức độ hài lòng (down 1.25 points).',
    );
    const one = unitOf({ total: '90', prior: '91', delta: '-1', criteria: [crit('1.2', 'Báo cáo', '1', '0')] });
    expect(declinedSentence(one, ctx(), 'vi')).toBe('Tiêu chí giảm điểm: 1.2 Báo cáo (giảm 1 điểm).');
    expect(declinedSentence(one, ctx(), 'en')).toBe('Declined criterion: 1.2 Báo cáo (down 1 point).');
  });

  it('names at most 10 (the largest declines, in the order of the form) and counts the rest', () => {
    const criteria = Array.from({ length: 12 }, (_x, i) => crit(`1.${i + 1}`, `Tiêu chí ${i + 1}`, '3', i < 2 ? '2.75' : '1'));
    const u = unitOf({ total: '70', prior: '80', delta: '-10', criteria });
    const vi = declinedSentence(u, ctx(), 'vi') as string;
    expect(vi.startsWith('Các tiêu chí giảm điểm: 1.3 Tiêu chí 3 (giảm 2 điểm); 1.4 Tiêu chí 4')).toBe(true);
    expect(vi.endsWith('1.12 Tiêu chí 12 (giảm 2 điểm) và 02 tiêu chí khác.')).toBe(true);
    expect(declinedSentence(u, ctx(), 'en')?.endsWith(' and 2 other criteria.')).toBe(true);
    expect(declinedSentence(u, ctx({ maxListed: 11 }), 'en')?.endsWith(' and 1 other criterion.')).toBe(true);
  });

  it('speaks of areas at the areas level', () => {
    const u = unitOf({ total: '90', prior: '88', delta: '2', criteria: [{ ...crit('2', 'Cải cách thể chế', '8', '7.5'), rawCode: 'II' }] });
    expect(declinedSentence(u, ctx({ level: 'areas' }), 'vi')).toBe('Lĩnh vực giảm điểm: Cải cách thể chế (giảm 0,5 điểm).');
    expect(declinedSentence(u, ctx({ level: 'areas' }), 'en')).toBe('Declined area: Cải cách thể chế (down 0.5 points).');
  });

  it('puts headline, full marks and declines together in a paragraph', () => {
    const u = unitOf({
      total: '83.55',
      prior: '87.592',
      delta: '-4.042',
      rank: 6,
      priorRank: 4,
      rankChange: -2,
      of: 8,
      areas,
      fullMarks: ['1', '3'],
      criteria: [crit('1.1.2', 'Mức độ thực hiện kế hoạch', '1.5', '1')],
    });
    const c = ctx({ groupNoun: 'huyện, thành phố' });
    expect(unitSentences(u, c, 'vi')).toHaveLength(3);
    expect(reportParagraph(u, c, 'vi')).toBe(
      'Huyện Đắk Mil đạt 83,55 điểm, xếp thứ 6 trong tổng số 08 huyện, thành phố; giảm 4,042 điểm và giảm 02 bậc so với năm 2020. ' +
        'Đạt điểm tuyệt đối ở các lĩnh vực: Cải cách thể chế; Cải cách tài chính công. ' +
        'Tiêu chí giảm điểm: 1.1.2 Mức độ thực hiện kế hoạch (giảm 0,5 điểm).',
    );
    expect(
      unitSentences(unitOf({ total: '80', prior: '80', delta: '0', rank: 1, priorRank: 1, rankChange: 0, of: 1 }), c, 'vi'),
    ).toHaveLength(1);
  });
});

describe('comparisonParagraphs', () => {
  it('gives one paragraph per unit from a comparison', () => {
    const u = unitOf({ total: '83.55', prior: '87.592', delta: '-4.042', rank: 6, priorRank: 4, rankChange: -2, of: 8 });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const c: any = { year: 2021, priorYear: 2020, groupNoun: 'huyện, thành phố', level: 'criteria', units: [u, u] };
    expect(comparisonParagraphs(c, 'en')).toEqual([
      'Huyện Đắk Mil scored 83.55 points, ranked 6th of 08 districts and cities; down 4.042 points and down 2 places from 2020.',
      'Huyện Đắk Mil scored 83.55 points, ranked 6th of 08 districts and cities; down 4.042 points and down 2 places from 2020.',
    ]);
  });
});
