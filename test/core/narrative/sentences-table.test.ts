/**
 * Report sentences, word for word, case by case (src/core/narrative): every branch a sentence
 * takes in production — singular and plural, up/down/unchanged, ranks or none, years or none,
 * criteria or areas, the list cut at maxListed — in Vietnamese and English. All inputs and all
 * expected texts are literals.
 */
import Decimal from 'decimal.js';
import type { AreaComparison, Comparison, CriterionComparison, UnitComparison } from '../../../src/core/compare';
import {
  comparisonParagraphs,
  declinedSentence,
  DEFAULT_MAX_LISTED,
  fullMarksSentence,
  groupNounEn,
  headlineSentence,
  narrativeContext,
  reportParagraph,
  unitSentences,
  type NarrativeContext,
} from '../../../src/core/narrative';

const D = (v: string) => new Decimal(v);

interface UnitInput {
  unit?: string;
  total?: string;
  /** [prior total, delta] as compareTables reports them. */
  prior?: [string, string];
  rank?: number;
  /** [prior rank, rank change] */
  priorRank?: [number, number];
  of?: number;
  filled?: boolean;
  fullMarks?: string[];
  areas?: AreaComparison[];
  criteria?: CriterionComparison[];
}

function unit(p: UnitInput): UnitComparison {
  return {
    unit: p.unit ?? 'Xã A',
    priorUnit: p.prior ? (p.unit ?? 'Xã A') : null,
    mergedFrom: [],
    total: D(p.total ?? '80'),
    priorTotal: p.prior ? D(p.prior[0]) : null,
    delta: p.prior ? D(p.prior[1]) : null,
    rank: p.rank ?? null,
    priorRank: p.priorRank ? p.priorRank[0] : null,
    rankChange: p.priorRank ? p.priorRank[1] : null,
    of: p.of ?? 0,
    priorOf: p.of ?? 0,
    max: D('100'),
    filled: p.filled ?? true,
    fullMarks: p.fullMarks ?? [],
    areas: p.areas ?? [],
    criteria: p.criteria ?? [],
    belowMax: [],
    summary: { vi: '', en: '' },
    cell: 'E6',
    priorCell: p.prior ? 'E6' : null,
    index: 5,
  };
}

const ctx = (over: Partial<NarrativeContext> = {}): NarrativeContext => ({ year: 2025, priorYear: 2024, groupNoun: 'xã, phường', ...over });

const area = (code: string, rawCode: string, title: string): AreaComparison => ({
  code,
  rawCode,
  title,
  score: D('8'),
  prior: null,
  delta: null,
  max: D('8'),
});

/** A declined (or other) criterion: delta written out. */
const crit = (
  code: string,
  title: string,
  delta: string | null,
  status: CriterionComparison['status'] = 'declined',
  rawCode = code,
): CriterionComparison => ({
  code,
  rawCode,
  title,
  score: D('1'),
  prior: D('2'),
  max: D('3'),
  delta: delta === null ? null : D(delta),
  status,
  row: 12,
  cell: 'E12',
  depth: code.split('.').length,
});

describe('headline, every branch', () => {
  it.each<[string, UnitInput, Partial<NarrativeContext>, string, string]>([
    [
      'one point up, one place up',
      { total: '81', prior: ['80', '1'], rank: 2, priorRank: [3, 1], of: 5 },
      {},
      'Xã A đạt 81 điểm, xếp thứ 2 trong tổng số 05 xã, phường; tăng 1 điểm và tăng 01 bậc so với năm 2024.',
      'Xã A scored 81 points, ranked 2nd of 05 communes and wards; up 1 point and up 1 place from 2024.',
    ],
    [
      'a total of exactly 1 point',
      { total: '1', prior: ['1', '0'] },
      {},
      'Xã A đạt 1 điểm; giữ nguyên số điểm so với năm 2024.',
      'Xã A scored 1 point; no change in points from 2024.',
    ],
    [
      'a fraction of a point down, same rank',
      { total: '79.75', prior: ['80', '-0.25'], rank: 4, priorRank: [4, 0], of: 12 },
      {},
      'Xã A đạt 79,75 điểm, xếp thứ 4 trong tổng số 12 xã, phường; giảm 0,25 điểm và giữ nguyên thứ hạng so với năm 2024.',
      'Xã A scored 79.75 points, ranked 4th of 12 communes and wards; down 0.25 points and no change in rank from 2024.',
    ],
    [
      'one thousandth up, many places down',
      { total: '80.001', prior: ['80', '0.001'], rank: 23, priorRank: [11, -12], of: 30 },
      { groupNoun: 'huyện và thành phố' },
      'Xã A đạt 80,001 điểm, xếp thứ 23 trong tổng số 30 huyện và thành phố; tăng 0,001 điểm và giảm 12 bậc so với năm 2024.',
      'Xã A scored 80.001 points, ranked 23rd of 30 districts and cities; up 0.001 points and down 12 places from 2024.',
    ],
    [
      'a change below the scoring precision is no change (points), one place down',
      { total: '80.0004', prior: ['80', '0.0004'], rank: 3, priorRank: [2, -1], of: 3 },
      { groupNoun: null },
      'Xã A đạt 80 điểm, xếp thứ 3 trong tổng số 03 đơn vị; giữ nguyên số điểm và giảm 01 bậc so với năm 2024.',
      'Xã A scored 80 points, ranked 3rd of 03 units; no change in points and down 1 place from 2024.',
    ],
    [
      'a rank but nobody counted (no ranking in the table)',
      { total: '80', prior: ['79', '1'], rank: 1, of: 0 },
      {},
      'Xã A đạt 80 điểm; tăng 1 điểm so với năm 2024.',
      'Xã A scored 80 points; up 1 point from 2024.',
    ],
    [
      'not compared, prior year unknown',
      { total: '80', rank: 1, of: 1 },
      { priorYear: null },
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 01 xã, phường; không có trong bảng năm trước nên không so sánh được.',
      "Xã A scored 80 points, ranked 1st of 01 communes and wards; not in the prior year's table, so not compared.",
    ],
    [
      'not compared because the prior file is one unit’s form',
      { total: '80', rank: 1, of: 2 },
      { priorFormOf: 'Xã Hòa Bình' },
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 02 xã, phường; không so sánh được: tệp năm 2024 đã chọn chỉ là phiếu của Xã Hòa Bình.',
      'Xã A scored 80 points, ranked 1st of 02 communes and wards; not compared: the 2024 file chosen is only the form of Xã Hòa Bình.',
    ],
    [
      'not compared because the prior file is one unit’s form, prior year unknown',
      { total: '80', rank: 1, of: 2 },
      { priorYear: null, priorFormOf: 'Xã Hòa Bình' },
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 02 xã, phường; không so sánh được: tệp năm trước đã chọn chỉ là phiếu của Xã Hòa Bình.',
      "Xã A scored 80 points, ranked 1st of 02 communes and wards; not compared: the prior year's file chosen is only the form of Xã Hòa Bình.",
    ],
    [
      'a blank group noun',
      { total: '80', prior: ['80', '0'], rank: 1, priorRank: [1, 0], of: 2 },
      { groupNoun: '  ' },
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 02 đơn vị; giữ nguyên số điểm và thứ hạng so với năm 2024.',
      'Xã A scored 80 points, ranked 1st of 02 units; no change in points or rank from 2024.',
    ],
    [
      'a group noun with spaces around it',
      { total: '80', prior: ['80', '0'], rank: 1, priorRank: [1, 0], of: 2 },
      { groupNoun: ' Sở, ban, ngành ' },
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 02 Sở, ban, ngành; giữ nguyên số điểm và thứ hạng so với năm 2024.',
      'Xã A scored 80 points, ranked 1st of 02 departments, boards and sectors; no change in points or rank from 2024.',
    ],
    [
      'no rank of its own in a ranked table',
      { total: '80', prior: ['79', '1'], of: 5 },
      {},
      'Xã A đạt 80 điểm; tăng 1 điểm so với năm 2024.',
      'Xã A scored 80 points; up 1 point from 2024.',
    ],
    ['no scores yet, year unknown', { filled: false, total: '0' }, { year: null }, 'Xã A chưa có điểm.', 'Xã A has no scores yet.'],
  ])('%s', (_what, input, over, vi, en) => {
    const u = unit(input);
    expect(headlineSentence(u, ctx(over), 'vi')).toBe(vi);
    expect(headlineSentence(u, ctx(over), 'en')).toBe(en);
  });

  it('writes the right years and group for each comparison in turn (nothing left over from the previous one)', () => {
    const u = unit({ total: '80', prior: ['79', '1'], rank: 1, priorRank: [2, 1], of: 3 });
    const lines = [
      ctx(),
      ctx({ year: 2026 }),
      ctx({ year: 2026, priorYear: 2023 }),
      ctx({ year: 2026, priorYear: 2023, groupNoun: 'huyện' }),
    ].map((c) => headlineSentence(u, c, 'vi'));
    expect(lines).toEqual([
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 03 xã, phường; tăng 1 điểm và tăng 01 bậc so với năm 2024.',
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 03 xã, phường; tăng 1 điểm và tăng 01 bậc so với năm 2024.',
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 03 xã, phường; tăng 1 điểm và tăng 01 bậc so với năm 2023.',
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 03 huyện; tăng 1 điểm và tăng 01 bậc so với năm 2023.',
    ]);
    const of4 = unit({ total: '80', prior: ['79', '1'], rank: 1, priorRank: [2, 1], of: 4 });
    expect(headlineSentence(of4, ctx({ year: 2026, priorYear: 2023, groupNoun: 'huyện' }), 'vi')).toBe(
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 04 huyện; tăng 1 điểm và tăng 01 bậc so với năm 2023.',
    );
    const missing = unit({ total: '80', rank: 1, of: 4 });
    expect(headlineSentence(missing, ctx({ year: 2026, priorYear: 2023, groupNoun: 'huyện' }), 'vi')).toBe(
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 04 huyện; không có trong bảng năm 2023 nên không so sánh được.',
    );
    expect(headlineSentence(missing, ctx({ year: 2026, priorYear: 2023, groupNoun: 'huyện', priorFormOf: 'Xã B' }), 'vi')).toBe(
      'Xã A đạt 80 điểm, xếp thứ 1 trong tổng số 04 huyện; không so sánh được: tệp năm 2023 đã chọn chỉ là phiếu của Xã B.',
    );
    const blank = unit({ filled: false });
    expect(headlineSentence(blank, ctx({ year: 2026, priorYear: 2023, groupNoun: 'huyện' }), 'en')).toBe(
      'Xã A has no scores for 2026 yet.',
    );
    expect(headlineSentence(blank, ctx({ year: 2027, priorYear: 2023, groupNoun: 'huyện' }), 'en')).toBe(
      'Xã A has no scores for 2027 yet.',
    );
    expect(headlineSentence(blank, ctx({ year: 2027, priorYear: 2023, groupNoun: 'huyện' }), 'vi')).toBe('Xã A chưa có điểm năm 2027.');
  });
});

describe('group nouns in English', () => {
  it.each([
    ['xã', 'communes'],
    ['phường', 'wards'],
    ['huyện', 'districts'],
    ['quận', 'urban districts'],
    ['thành phố', 'cities'],
    ['thị xã', 'towns'],
    ['thị trấn', 'townships'],
    ['đặc khu', 'special zones'],
    ['sở', 'departments'],
    ['ban', 'boards'],
    ['ngành', 'sectors'],
    ['cơ quan', 'agencies'],
    ['đơn vị', 'units'],
    ['Quận, Huyện', 'urban districts and districts'],
    ['huyện và thị xã', 'districts and towns'],
    ['huyện, thị xã và thành phố', 'districts, towns and cities'],
    ['HUYỆN , THÀNH PHỐ', 'districts and cities'],
    ['xã, phường, thị trấn', 'communes, wards and townships'],
    ['xã,', 'communes'],
    [',', 'units'],
    ['', 'units'],
    ['xã, làng', 'units'],
    ['vàng', 'units'],
  ])('%j → %j', (vi, en) => {
    expect(groupNounEn(vi)).toBe(en);
    expect(groupNounEn(vi.normalize('NFD'))).toBe(en);
  });
});

describe('full marks, every branch', () => {
  const areas = [area('1', 'I', 'Công tác chỉ đạo, điều hành.'), area('2', 'II.', '  '), area('3', '3.', 'Cải cách thể chế;')];

  it.each<[string, string[], string | null, string | null]>([
    [
      'one area',
      ['1'],
      'Đạt điểm tuyệt đối ở lĩnh vực: Công tác chỉ đạo, điều hành.',
      'Full marks in the area: Công tác chỉ đạo, điều hành.',
    ],
    ['an area without a title: its code as typed', ['2'], 'Đạt điểm tuyệt đối ở lĩnh vực: II.', 'Full marks in the area: II.'],
    [
      'three areas, in the form’s order',
      ['3', '1', '2'],
      'Đạt điểm tuyệt đối ở các lĩnh vực: Công tác chỉ đạo, điều hành; II; Cải cách thể chế.',
      'Full marks in the areas: Công tác chỉ đạo, điều hành; II; Cải cách thể chế.',
    ],
    ['a key that names no area', ['9'], null, null],
    ['none', [], null, null],
  ])('%s', (_what, fullMarks, vi, en) => {
    const u = unit({ areas, fullMarks });
    expect(fullMarksSentence(u, ctx(), 'vi')).toBe(vi);
    expect(fullMarksSentence(u, ctx(), 'en')).toBe(en);
  });

  it('says nothing for a unit with no scores', () => {
    expect(fullMarksSentence(unit({ areas, fullMarks: ['1'], filled: false }), ctx(), 'vi')).toBeNull();
  });
});

describe('declined criteria and areas, every branch', () => {
  it.each<[string, CriterionComparison[], Partial<NarrativeContext>, string | null, string | null]>([
    [
      'one criterion',
      [crit('1.1', 'Ban hành kế hoạch.', '-1')],
      {},
      'Tiêu chí giảm điểm: 1.1 Ban hành kế hoạch (giảm 1 điểm).',
      'Declined criterion: 1.1 Ban hành kế hoạch (down 1 point).',
    ],
    [
      'titles with stray spaces and trailing punctuation',
      [crit('1.1', '  Ban hành kế hoạch ;.', '-1'), crit('1.2', 'Báo cáo,', '-0.5')],
      {},
      'Các tiêu chí giảm điểm: 1.1 Ban hành kế hoạch (giảm 1 điểm); 1.2 Báo cáo (giảm 0,5 điểm).',
      'Declined criteria: 1.1 Ban hành kế hoạch (down 1 point); 1.2 Báo cáo (down 0.5 points).',
    ],
    [
      'five equal declines cut at three: the first three in the form',
      [crit('1', 'A', '-1'), crit('2', 'B', '-1'), crit('3', 'C', '-1'), crit('4', 'D', '-1'), crit('5', 'E', '-1')],
      { maxListed: 3 },
      'Các tiêu chí giảm điểm: 1 A (giảm 1 điểm); 2 B (giảm 1 điểm); 3 C (giảm 1 điểm) và 02 tiêu chí khác.',
      'Declined criteria: 1 A (down 1 point); 2 B (down 1 point); 3 C (down 1 point) and 2 other criteria.',
    ],
    [
      'a criterion without a title: its code, and the code as typed',
      [crit('1.2', '', '-0.5', 'declined', '1.2.')],
      {},
      'Tiêu chí giảm điểm: 1.2 (giảm 0,5 điểm).',
      'Declined criterion: 1.2 (down 0.5 points).',
    ],
    [
      'improved, unchanged and removed criteria and a decline without a value are not listed',
      [
        crit('1.1', 'A', '1', 'improved'),
        crit('1.2', 'B', '0', 'unchanged'),
        crit('1.3', 'C', null),
        crit('1.4', 'D', '-0.25'),
        crit('1.5', 'E', '-2', 'removed'),
      ],
      {},
      'Tiêu chí giảm điểm: 1.4 D (giảm 0,25 điểm).',
      'Declined criterion: 1.4 D (down 0.25 points).',
    ],
    ['nothing declined', [crit('1.1', 'A', '1', 'improved')], {}, null, null],
    ['no criteria', [], {}, null, null],
    [
      'two areas, one without a title',
      [crit('1', 'Công tác chỉ đạo, điều hành', '-1.5', 'declined', 'I'), crit('2', ' ', '-0.25', 'declined', 'II.')],
      { level: 'areas' },
      'Các lĩnh vực giảm điểm: Công tác chỉ đạo, điều hành (giảm 1,5 điểm); II (giảm 0,25 điểm).',
      'Declined areas: Công tác chỉ đạo, điều hành (down 1.5 points); II (down 0.25 points).',
    ],
    [
      'the largest declines named, in the form’s order; one other area counted',
      [crit('1', 'Một', '-1', 'declined', 'I'), crit('2', 'Hai', '-3'), crit('3', 'Ba', '-2')],
      { level: 'areas', maxListed: 2 },
      'Các lĩnh vực giảm điểm: Hai (giảm 3 điểm); Ba (giảm 2 điểm) và 01 lĩnh vực khác.',
      'Declined areas: Hai (down 3 points); Ba (down 2 points) and 1 other area.',
    ],
    [
      'equal declines: the earlier in the form is named',
      [crit('1', 'Một', '-1'), crit('2', 'Hai', '-2'), crit('3', 'Ba', '-1'), crit('4', 'Bốn', '-1')],
      { level: 'areas', maxListed: 2 },
      'Các lĩnh vực giảm điểm: Một (giảm 1 điểm); Hai (giảm 2 điểm) và 02 lĩnh vực khác.',
      'Declined areas: Một (down 1 point); Hai (down 2 points) and 2 other areas.',
    ],
    [
      'maxListed 0 still names one',
      [crit('1.1', 'A', '-0.5'), crit('1.2', 'B', '-0.75')],
      { maxListed: 0 },
      'Các tiêu chí giảm điểm: 1.2 B (giảm 0,75 điểm) và 01 tiêu chí khác.',
      'Declined criteria: 1.2 B (down 0.75 points) and 1 other criterion.',
    ],
    [
      'exactly maxListed declines: all named, none counted',
      [crit('1.1', 'A', '-0.5'), crit('1.2', 'B', '-0.75')],
      { maxListed: 2 },
      'Các tiêu chí giảm điểm: 1.1 A (giảm 0,5 điểm); 1.2 B (giảm 0,75 điểm).',
      'Declined criteria: 1.1 A (down 0.5 points); 1.2 B (down 0.75 points).',
    ],
    [
      'declines differing below a thousandth are ordered exactly',
      [crit('1.1', 'A', '-0.5001'), crit('1.2', 'B', '-0.5002'), crit('1.3', 'C', '-0.5')],
      { maxListed: 1 },
      'Các tiêu chí giảm điểm: 1.2 B (giảm 0,5 điểm) và 02 tiêu chí khác.',
      'Declined criteria: 1.2 B (down 0.5 points) and 2 other criteria.',
    ],
  ])('%s', (_what, criteria, over, vi, en) => {
    const u = unit({ total: '80', prior: ['82', '-2'], criteria });
    expect(declinedSentence(u, ctx(over), 'vi')).toBe(vi);
    expect(declinedSentence(u, ctx(over), 'en')).toBe(en);
  });

  it(`names at most ${DEFAULT_MAX_LISTED} by default`, () => {
    expect(DEFAULT_MAX_LISTED).toBe(10);
    const criteria = Array.from({ length: 11 }, (_x, i) => crit(`2.${i + 1}`, `T${i + 1}`, i === 0 ? '-0.25' : '-1'));
    expect(declinedSentence(unit({ criteria }), ctx(), 'en')).toBe(
      'Declined criteria: 2.2 T2 (down 1 point); 2.3 T3 (down 1 point); 2.4 T4 (down 1 point); 2.5 T5 (down 1 point); ' +
        '2.6 T6 (down 1 point); 2.7 T7 (down 1 point); 2.8 T8 (down 1 point); 2.9 T9 (down 1 point); 2.10 T10 (down 1 point); ' +
        '2.11 T11 (down 1 point) and 1 other criterion.',
    );
  });
});

describe('sentences together', () => {
  const areas = [area('1', 'I', 'Công tác chỉ đạo, điều hành')];
  const full = unit({ total: '90', prior: ['89', '1'], areas, fullMarks: ['1'], criteria: [crit('2.1', 'Báo cáo', '-0.5')] });

  it('puts headline, full marks and declines in this order', () => {
    const vi = [
      'Xã A đạt 90 điểm; tăng 1 điểm so với năm 2024.',
      'Đạt điểm tuyệt đối ở lĩnh vực: Công tác chỉ đạo, điều hành.',
      'Tiêu chí giảm điểm: 2.1 Báo cáo (giảm 0,5 điểm).',
    ];
    expect(unitSentences(full, ctx(), 'vi')).toEqual(vi);
    expect(reportParagraph(full, ctx(), 'vi')).toBe(vi.join(' '));
  });

  it('leaves out what a unit does not have', () => {
    const onlyFull = unit({ total: '90', prior: ['89', '1'], areas, fullMarks: ['1'] });
    expect(unitSentences(onlyFull, ctx(), 'en')).toEqual([
      'Xã A scored 90 points; up 1 point from 2024.',
      'Full marks in the area: Công tác chỉ đạo, điều hành.',
    ]);
    expect(reportParagraph(onlyFull, ctx(), 'en')).toBe(
      'Xã A scored 90 points; up 1 point from 2024. Full marks in the area: Công tác chỉ đạo, điều hành.',
    );
    const onlyDeclined = unit({ total: '90', prior: ['89', '1'], criteria: [crit('2.1', 'Báo cáo', '-0.5')] });
    expect(unitSentences(onlyDeclined, ctx(), 'en')).toEqual([
      'Xã A scored 90 points; up 1 point from 2024.',
      'Declined criterion: 2.1 Báo cáo (down 0.5 points).',
    ]);
    expect(reportParagraph(onlyDeclined, ctx(), 'en')).toBe(
      'Xã A scored 90 points; up 1 point from 2024. Declined criterion: 2.1 Báo cáo (down 0.5 points).',
    );
    const headlineOnly = unit({ total: '90', prior: ['89', '1'] });
    expect(unitSentences(headlineOnly, ctx(), 'en')).toEqual(['Xã A scored 90 points; up 1 point from 2024.']);
    expect(reportParagraph(headlineOnly, ctx(), 'en')).toBe('Xã A scored 90 points; up 1 point from 2024.');
  });
});

describe('comparison paragraphs', () => {
  const criteria = [crit('1', 'Một', '-1'), crit('2', 'Hai', '-2')];
  const comparison = (maxListed?: number) => {
    const c = {
      year: 2025,
      priorYear: 2024,
      groupNoun: 'xã, phường',
      level: 'areas',
      units: [
        unit({ unit: 'Xã A', total: '80', prior: ['83', '-3'], rank: 2, priorRank: [1, -1], of: 2, criteria }),
        unit({ unit: 'Phường B', total: '85', rank: 1, of: 2 }),
      ],
      unmatched: { current: [], prior: [] },
      priorOnly: [],
    } as unknown as Comparison;
    return comparisonParagraphs(c, 'vi', maxListed);
  };

  it('writes one paragraph per unit, at the comparison’s level', () => {
    expect(comparison()).toEqual([
      'Xã A đạt 80 điểm, xếp thứ 2 trong tổng số 02 xã, phường; giảm 3 điểm và giảm 01 bậc so với năm 2024. Các lĩnh vực giảm điểm: Một (giảm 1 điểm); Hai (giảm 2 điểm).',
      'Phường B đạt 85 điểm, xếp thứ 1 trong tổng số 02 xã, phường; không có trong bảng năm 2024 nên không so sánh được.',
    ]);
  });

  it('passes maxListed on', () => {
    expect(comparison(1)[0]).toBe(
      'Xã A đạt 80 điểm, xếp thứ 2 trong tổng số 02 xã, phường; giảm 3 điểm và giảm 01 bậc so với năm 2024. Các lĩnh vực giảm điểm: Hai (giảm 2 điểm) và 01 lĩnh vực khác.',
    );
  });

  it('takes the context from the comparison', () => {
    const c = { year: 2025, priorYear: 2024, groupNoun: 'huyện', level: 'criteria', units: [] } as unknown as Comparison;
    expect(narrativeContext(c)).toEqual({ year: 2025, priorYear: 2024, groupNoun: 'huyện', level: 'criteria' });
    expect(narrativeContext(c, 3)).toEqual({ year: 2025, priorYear: 2024, groupNoun: 'huyện', level: 'criteria', maxListed: 3 });
    expect('maxListed' in narrativeContext(c)).toBe(false);
  });
});
