/**
 * The report draft (issue #18) for the sample consolidation of 2025 against 2024: the figures,
 * names and shortfalls an official signs, as data. Expected figures were worked out from the
 * samples' area and criterion scores (`par-scorecard compare` prints the same totals and ranks).
 */
import Decimal from 'decimal.js';
import { pickTable } from '../../../src/cli/main';
import { compareYears, type TableWithResult } from '../../../src/core/compare';
import { analyzeWorkbook } from '../../../src/core/engine';
import {
  chartWindow,
  draftReport,
  targetFacts,
  targetLine,
  type ReportDraft,
  type ReportSection,
  type UnitFacts,
} from '../../../src/core/report';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { samplePath } from '../../support/shared';

let current: TableWithResult;
let prior: TableWithResult;

beforeAll(async () => {
  current = pickTable(analyzeWorkbook(await readWorkbookFile(samplePath('tong-hop-xa-2025.xlsx'))))!;
  prior = pickTable(analyzeWorkbook(await readWorkbookFile(samplePath('tong-hop-xa-2024.xlsx'))))!;
});

const texts = (s: ReportSection, role: string): string[] =>
  s.blocks.flatMap((b) => (b.kind === 'paragraph' && b.role === role ? [b.text] : b.kind === 'list' && b.role === role ? b.items : []));
const table = (s: ReportSection) => {
  const b = s.blocks.find((x) => x.kind === 'table');
  if (!b || b.kind !== 'table') throw new Error('no table');
  return b.table;
};
const draft = (unit: string | null, extra: Partial<Parameters<typeof draftReport>[1]> = {}): ReportDraft =>
  draftReport({ current, comparison: compareYears(current, prior) }, { locale: 'vi', unit, ...extra });

describe('Xã Hòa Bình, 2025 against 2024', () => {
  let s: ReportSection;
  beforeAll(() => {
    s = draft('Xã Hòa Bình').sections[0];
  });

  test('an administrative heading: national title and motto, placeholders for the body and number, the year in the title', () => {
    const d = draft('Xã Hòa Bình');
    expect(d.letterhead.right.slice(0, 2)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(d.letterhead.left[1]).toBe('Số: ……/BC-……');
    expect(d.title).toBe('BÁO CÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025');
  });

  test('the result sentence is the officials’ sentence', () => {
    expect(texts(s, 'result')).toEqual([
      'Xã Hòa Bình đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường; tăng 3,36 điểm và tăng 03 bậc so với năm 2024.',
    ]);
    expect(texts(s, 'opening')[0]).toContain('năm 2025 của 12 xã, phường');
  });

  test('strengths: the full-mark area and the areas that gained, by their titles, largest gain first', () => {
    expect(texts(s, 'full-marks')).toEqual(['Đạt điểm tuyệt đối ở lĩnh vực: Tác động của CCHC.']);
    expect(texts(s, 'gained')[0]).toBe(
      'Các lĩnh vực tăng điểm so với năm 2024: Tác động của CCHC (tăng 4,97 điểm); Cải cách tổ chức bộ máy (tăng 0,745 điểm); Cải cách thủ tục hành chính (tăng 0,635 điểm); Cải cách tài chính công (tăng 0,286 điểm).',
    );
  });

  test('shortfalls: declined criteria grouped by area, the area with the largest loss first, with points', () => {
    const declined = texts(s, 'declined');
    expect(declined[1]).toBe(
      '1. Công tác chỉ đạo, điều hành CCHC (các tiêu chí giảm tổng cộng 2 điểm): 1.1.2 Mức độ thực hiện kế hoạch (giảm 1,5 điểm; đạt 0/1,5); 1.3 Tuyên truyền CCHC (giảm 0,5 điểm; đạt 0,75/1,5).',
    );
    expect(declined[2]).toMatch(
      /^7\. Chính quyền số \(các tiêu chí giảm tổng cộng 1,14 điểm\): 7\.2 Chữ ký số, văn bản điện tử \(giảm 1 điểm/,
    );
    expect(declined).toHaveLength(7);
    expect(texts(s, 'below-max')[1]).toMatch(
      /^1\. Công tác chỉ đạo, điều hành CCHC: 1\.1\.2 Mức độ thực hiện kế hoạch \(đạt 0\/1,5, còn thiếu 1,5 điểm\)/,
    );
  });

  test('area table: maximum, score, % of maximum, change, rank among the units; a total row', () => {
    const t = table(s);
    expect(t.header).toEqual(['Lĩnh vực', 'Điểm tối đa', 'Điểm đạt', 'Tỷ lệ so với điểm tối đa', 'Tăng/giảm so với năm 2024', 'Xếp hạng']);
    expect(t.rows[0]).toEqual(['1. Công tác chỉ đạo, điều hành CCHC', '10', '6,652', '66,52%', '-1,63', '12/12']);
    expect(t.rows[7]).toEqual(['8. Tác động của CCHC', '24', '24', '100%', '+4,97', '1/12']);
    expect(t.rows[8]).toEqual(['Tổng điểm', '100', '86,75', '86,75%', '+3,36', '3/12']);
  });

  test('chart: every ranked unit this year and last, highest first, the unit highlighted', () => {
    const b = s.blocks.find((x) => x.kind === 'chart');
    if (!b || b.kind !== 'chart') throw new Error('no chart');
    expect(b.chart.categories[0]).toBe('Phường Trung Tâm');
    expect(b.chart.categories[b.chart.highlight]).toBe('Xã Hòa Bình');
    expect(b.chart.series.map((x) => x.name)).toEqual(['2025', '2024']);
    expect(b.chart.series[1].values[b.chart.highlight]?.toString()).toBe('83.39');
    // Lowest bar 72,2 (Xã Tân Thành, 2024): the axis from 60 to the maximum, 100.
    expect([b.chart.axisMin, b.chart.axisMax]).toEqual([60, 100]);
    // Units new this year have no prior bar.
    expect(b.chart.series[1].values[b.chart.categories.indexOf('Xã Nam Dong')]).toBeNull();
  });

  test('target, one place up by default: the gap to the 2nd place and enough room to cover it', () => {
    expect(s.target?.rank).toBe(2);
    expect(s.target?.points.toString()).toBe('4.496');
    expect(s.target?.against?.unit).toBe('Phường Tân Lập');
    const rooms = s.target!.rooms.map((r) => r.room);
    const sum = rooms.reduce((a, b) => a.plus(b), new Decimal(0));
    expect(sum.gte('4.496')).toBe(true);
    expect(sum.minus(rooms[rooms.length - 1]).lt('4.496')).toBe(true);
    expect(texts(s, 'target')).toEqual([
      'Để đạt thứ 2 trong tổng số 12 xã, phường, Xã Hòa Bình cần thêm 4,496 điểm (Phường Tân Lập: 91,246 điểm); dư địa lớn nhất: 3.4 Mức độ hài lòng (SIPAS) (còn 2,265 điểm); 7.3 Đánh giá qua điều tra xã hội học (còn 1,773 điểm); 2.3 Đánh giá qua điều tra xã hội học (còn 1,58 điểm).',
    ]);
  });
});

test('a long ranking: the chart shows the units ranked nearest the unit', () => {
  expect(chartWindow(12, 2, 20)).toEqual([0, 12]);
  expect(chartWindow(150, 0, 20)).toEqual([0, 20]);
  expect(chartWindow(150, 75, 20)).toEqual([65, 85]);
  expect(chartWindow(150, 149, 20)).toEqual([130, 150]);
  const s = draft('Xã Tân Thành', { maxBars: 4 }).sections[0];
  const b = s.blocks.find((x) => x.kind === 'chart');
  if (!b || b.kind !== 'chart') throw new Error('no chart');
  // 7th of 12: the 5th to the 8th.
  expect(b.chart.categories).toEqual(['Xã Đông Hà', 'Phường Nghĩa Trung', 'Xã Tân Thành', 'Xã Quảng Tín']);
  expect(b.chart.categories[b.chart.highlight]).toBe('Xã Tân Thành');
  expect(b.chart.title).toBe('Tổng điểm của các xã, phường (4 đơn vị có thứ hạng gần Xã Tân Thành nhất)');
});

test('--target-rank of a rank already held: the margin over the closest unit that could pass', () => {
  const s = draft('Phường Trung Tâm', { targetRank: 1 }).sections[0];
  expect(s.target).toMatchObject({ reached: true, rank: 1 });
  expect(s.target?.points.toString()).toBe('1.729');
  expect(texts(s, 'target')[0]).toBe(
    'Phường Trung Tâm đã đạt thứ 1 trong tổng số 12 xã, phường; khoảng cách đang giữ là 1,729 điểm so với Phường Tân Lập (91,246 điểm), đơn vị gần nhất có thể vượt lên.',
  );
  // Tied for 3rd with Xã An Phú: nothing to spare.
  const tied = draft('Xã Hòa Bình', { targetRank: 3 }).sections[0];
  expect(tied.target).toMatchObject({ reached: true, rank: 3 });
  expect(tied.target?.points.toString()).toBe('0');
  expect(tied.target?.against?.unit).toBe('Xã An Phú');
});

test('every unit gets a section in the table’s order when no unit is named; a name is matched loosely', () => {
  const all = draft(null);
  expect(all.sections.map((s) => s.unit)).toEqual(current.result.series.map((x) => x.series.name));
  expect(draft('xã hoà bình').sections.map((s) => s.unit)).toEqual(['Xã Hòa Bình']);
  expect(draft('Hòa Bình').sections.map((s) => s.unit)).toEqual(['Xã Hòa Bình']);
  expect(draft('Xã Không Có').sections).toEqual([]);
});

test('a unit new this year: not compared, no declines listed, the rest of the draft stands', () => {
  const s = draft('Xã Nam Dong').sections[0];
  expect(texts(s, 'result')[0]).toBe(
    'Xã Nam Dong đạt 82,074 điểm, xếp thứ 10 trong tổng số 12 xã, phường; không có trong bảng năm 2024 nên không so sánh được.',
  );
  expect(texts(s, 'declined')).toEqual(['Không có số liệu năm 2024 của Xã Nam Dong nên chưa so sánh được mức tăng, giảm.']);
  expect(table(s).rows[8][4]).toBe('—');
});

test('a prior year with area scores only (results summary): the areas that lost points, largest loss first', async () => {
  const summary = pickTable(analyzeWorkbook(await readWorkbookFile(samplePath('ket-qua-xa-2024-tom-tat.xlsx'))))!;
  const s = draftReport({ current, comparison: compareYears(current, summary) }, { locale: 'vi', unit: 'Xã Hòa Bình' }).sections[0];
  expect(texts(s, 'result')[0]).toBe(
    'Xã Hòa Bình đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường; tăng 3,36 điểm và tăng 03 bậc so với năm 2024.',
  );
  expect(texts(s, 'declined')).toEqual([
    'Các lĩnh vực giảm điểm so với năm 2024 (bảng năm 2024 chỉ có điểm theo lĩnh vực): 1. Công tác chỉ đạo, điều hành CCHC (giảm 1,63 điểm); 2. Cải cách thể chế (giảm 0,941 điểm); 5. Cải cách chế độ công vụ (giảm 0,565 điểm); 7. Chính quyền số (giảm 0,14 điểm).',
  ]);
});

test('one unit’s form (scorecard): its appraised score, no rank, so no chart and no target', async () => {
  const form = pickTable(analyzeWorkbook(await readWorkbookFile(samplePath('tu-danh-gia-xa-hoa-binh-2025.xlsx'))))!;
  const s = draftReport({ current: form, comparison: null }, { locale: 'vi' }).sections;
  expect(s).toHaveLength(1);
  expect(texts(s[0], 'result')).toEqual(['Xã Hòa Bình đạt 86,75 điểm.']);
  expect(s[0].target).toBeNull();
  expect(s[0].blocks.some((b) => b.kind === 'chart')).toBe(false);
});

test('one year alone: the year’s sentence, no change column', () => {
  const s = draftReport({ current, comparison: null }, { locale: 'vi', unit: 'Xã Hòa Bình' }).sections[0];
  expect(texts(s, 'result')).toEqual(['Xã Hòa Bình đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường.']);
  expect(table(s).header).not.toContain('Tăng/giảm so với năm 2024');
  expect(texts(s, 'declined')).toEqual([]);
});

test('English (--lang en)', () => {
  const d = draft('Xã Hòa Bình', { locale: 'en' });
  const s = d.sections[0];
  expect(d.title).toBe('Administrative Reform Index results 2025');
  expect(texts(s, 'result')).toEqual([
    'Xã Hòa Bình scored 86.75 points, ranked 3rd of 12 communes and wards; up 3.36 points and up 3 places from 2024.',
  ]);
  expect(texts(s, 'target')[0]).toMatch(
    /^To reach the 2nd place of 12 communes and wards, Xã Hòa Bình needs 4\.496 more points \(Phường Tân Lập: 91\.246 points\); the most room is in: 3\.4 /,
  );
});

test('wording comes from the workbook’s titles, not from a list of one year’s criteria', () => {
  const renamed: TableWithResult = {
    ...current,
    table: {
      ...current.table,
      criteria: current.table.criteria.map((c) => (c.key === '1.1.2' ? { ...c, title: 'Tiêu chí đặt tên khác' } : c)),
    },
  };
  const s = draftReport({ current: renamed, comparison: compareYears(renamed, prior) }, { locale: 'vi', unit: 'Xã Hòa Bình' }).sections[0];
  expect(texts(s, 'declined')[1]).toContain('1.1.2 Tiêu chí đặt tên khác (giảm 1,5 điểm');
});

describe('targetFacts', () => {
  const unit = (total: string, rank: number, leaves: [string, string][] = []): UnitFacts => ({
    unit: 'U',
    total: new Decimal(total),
    max: new Decimal(100),
    rank,
    of: 4,
    priorTotal: null,
    priorRank: null,
    delta: null,
    rankChange: null,
    filled: true,
    areas: [],
    leaves: leaves.map(([score, max], i) => ({
      key: `1.${i + 1}`,
      rawCode: `1.${i + 1}`,
      title: `T${i + 1}`,
      areaKey: '1',
      score: new Decimal(score),
      max: new Decimal(max),
      prior: null,
      delta: null,
    })),
    fullMarks: [],
  });
  const all = ['90', '85', '85', '80'].map((t, i) => ({ unit: `U${i}`, total: new Decimal(t) }));

  test('competition (RANK.EQ) and dense ranking set different bars', () => {
    // 80 is 4th (competition) or 3rd (dense) of 90, 85, 85, 80.
    expect(targetFacts(unit('80', 4), all, 3, 3, 'competition')?.points.toString()).toBe('5');
    expect(targetFacts(unit('80', 4), all, 3, 3, 'competition')?.reached).toBe(false);
    expect(targetFacts(unit('80', 3), all, 3, 3, 'dense')).toMatchObject({ reached: true, against: null });
    expect(targetFacts(unit('80', 3), all, 3, 1, 'dense')?.points.toString()).toBe('10');
  });

  test('not enough room: said so; the largest rooms first, the form’s order among equals', () => {
    const t = targetFacts(
      unit('80', 4, [
        ['1', '2'],
        ['0', '1'],
        ['1', '3'],
      ]),
      all,
      3,
      1,
      'competition',
    )!;
    expect(t.coverable).toBe(false);
    expect(t.rooms.map((r) => [r.leaf.key, r.room.toString()])).toEqual([
      ['1.3', '2'],
      ['1.1', '1'],
      ['1.2', '1'],
    ]);
    expect(targetLine(unit('80', 4), t, 'xã', 'vi')).toMatch(/ Toàn bộ dư địa còn lại chưa đủ để bù khoảng cách này\.$/);
  });
});
