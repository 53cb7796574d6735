/**
 * A prior year that cannot be the prior year (issue #15): not earlier, one unit's form against a
 * table of many units, or too few units in common. Each is an error finding that keeps the
 * comparison from being written without confirmation, and a unit not compared says why in words
 * that are true (not "new or merged" when the file chosen is the problem).
 */
import { compareYears, hasPriorProblem, type Comparison } from '../../../src/core/compare';
import { comparisonParagraphs } from '../../../src/core/narrative';
import { consolidation, loadFixture, loadFromSnapshot, SMALL_SET } from './helpers';

const codes = (c: Comparison) => c.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.sheet}!${f.cell}`);
const headline = (c: Comparison, unit: string) => c.units.find((u) => u.unit === unit)!.summary;
const book = (year: number, units: string[]) =>
  loadFromSnapshot(consolidation({ year, units, criteria: SMALL_SET, scores: units.map((_u, k) => [1, 2, 1, 3, k % 3]) }));

describe('the prior year chosen is checked', () => {
  test('the same file as its own prior year: an error, not a "giữ nguyên" report', async () => {
    const c = compareYears(await loadFixture('tong-hop-xa-2025.xlsx'), await loadFixture('tong-hop-xa-2025.xlsx'));
    expect(codes(c)).toEqual(['compare/prior-not-earlier Tổng hợp!A6']);
    expect(c.findings.find((f) => f.code === 'compare/prior-not-earlier')!.message).toEqual({
      vi: 'Bảng chọn làm năm trước ghi năm 2025, không trước năm đánh giá 2025 (có thể đã chọn nhầm tệp, hoặc chọn chính tệp này); hãy chọn kết quả năm trước rồi so sánh lại.',
      en: "The table chosen as the prior year is for 2025, not earlier than 2025 (perhaps the wrong file, or this file itself); choose the prior year's results and compare again.",
    });
    expect(hasPriorProblem(c.findings)).toBe(true);
  });

  test('one unit’s form as the prior of a consolidation: an error naming the form’s unit, and the true reason per unit', async () => {
    const c = compareYears(
      book(2025, ['Xã A', 'Xã B', 'Xã C']),
      loadFromSnapshot(consolidation({ year: 2024, units: ['Xã B'], criteria: SMALL_SET, scores: [[1, 2, 1, 3, 1]] })),
    );
    // (a consolidation of one unit is still a table of units: not this error)
    expect(codes(c)).toEqual(['compare/prior-mismatch Tổng hợp!A6']);
    expect(c.findings.find((f) => f.code === 'compare/prior-mismatch')!.message.vi).toBe(
      'Chỉ 1/3 đơn vị có trong bảng chọn làm năm trước (dưới một nửa): có thể đã chọn nhầm tệp; nếu các đơn vị đã đổi tên hoặc sáp nhập, hãy dùng tệp đối chiếu tên đơn vị.',
    );

    const form = compareYears(await loadFixture('tong-hop-xa-2025.xlsx'), await loadFixture('tu-danh-gia-xa-hoa-binh-2025.xlsx'), {
      priorYear: 2024,
    });
    expect(codes(form)).toEqual(['compare/prior-mismatch Tổng hợp!A6']);
    expect(form.findings.find((f) => f.code === 'compare/prior-mismatch')!.message.vi).toBe(
      'Tệp chọn làm năm trước chỉ là phiếu của một đơn vị (Xã Hòa Bình), còn bảng năm nay có 12 đơn vị; hãy chọn bảng tổng hợp hoặc bảng kết quả năm trước.',
    );
    expect(headline(form, 'Phường An Lạc').vi).toMatch(/; không so sánh được: tệp năm 2024 đã chọn chỉ là phiếu của Xã Hòa Bình\.$/);
    expect(headline(form, 'Phường An Lạc').en).toMatch(/; not compared: the 2024 file chosen is only the form of Xã Hòa Bình\.$/);
    expect(headline(form, 'Xã Hòa Bình').vi).toMatch(/ so với năm 2024\.$/);
    // The comparison sheet's paragraphs give the same reason.
    expect(comparisonParagraphs(form, 'vi')[0]).toMatch(
      /^Phường An Lạc đạt .*; không so sánh được: tệp năm 2024 đã chọn chỉ là phiếu của Xã Hòa Bình\.$/,
    );
  });

  test('half of the units in common is enough; under half is not', () => {
    expect(codes(compareYears(book(2025, ['Xã A', 'Xã B', 'Xã C', 'Xã D']), book(2024, ['Xã A', 'Xã B', 'Xã X'])))).toEqual([]);
    expect(codes(compareYears(book(2025, ['Xã A', 'Xã B', 'Xã C', 'Xã D']), book(2024, ['Xã A', 'Xã X', 'Xã Y'])))).toEqual([
      'compare/prior-mismatch Tổng hợp!A6',
    ]);
  });

  test('a right prior year: no error, and a unit missing from it is “not in the 2024 table”', () => {
    const c = compareYears(book(2025, ['Xã A', 'Xã B', 'Xã Mới']), book(2024, ['Xã A', 'Xã B']));
    expect(codes(c)).toEqual([]);
    expect(hasPriorProblem(c.findings)).toBe(false);
    expect(headline(c, 'Xã Mới').vi).toMatch(/; không có trong bảng năm 2024 nên không so sánh được\.$/);
    expect(headline(c, 'Xã Mới').en).toMatch(/; not in the 2024 table, so not compared\.$/);
  });

  test('a unit’s form compared with last year’s consolidation is a normal comparison', async () => {
    const c = compareYears(await loadFixture('tu-danh-gia-xa-hoa-binh-2025.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'));
    expect(codes(c)).toEqual([]);
    expect(c.units.map((u) => [u.unit, u.priorUnit])).toEqual([['Xã Hòa Bình', 'Xã Hòa Bình']]);
  });
});
