/**
 * Pairing two years' criteria (or areas) by code and title (src/core/compare/match.ts): per current
 * item, the index of its prior counterpart or -1. Each rule in its own case, expected pairs written out.
 */
import { matchItems, type MatchItem } from '../../../src/core/compare/match';

const items = (...xs: [string, string][]): MatchItem[] => xs.map(([key, title]) => ({ key, title }));

describe('matchItems', () => {
  it('pairs the same code and title', () => {
    const cur = items(['1.1', 'Ban hành kế hoạch'], ['1.2', 'Báo cáo'], ['1.3', 'Kiểm tra']);
    const pri = items(['1.3', 'Kiểm tra'], ['1.1', 'Ban hành kế hoạch'], ['1.2', 'Báo cáo']);
    expect(matchItems(cur, pri)).toEqual([1, 2, 0]);
  });

  it('compares titles folded: case, diacritics, spacing, trailing full stops, colons, semicolons', () => {
    // Renumbered (no code in common): only the titles can pair them.
    const cur = items(['2.1', 'BAN HÀNH  KẾ HOẠCH.'], ['2.2', 'Báo cáo:'], ['2.3', 'Kiểm tra;.'], ['2.4', 'Tổng hợp :']);
    const pri = items(['1.1', 'Ban hành kế hoạch'], ['1.2', 'bao cao'], ['1.3', 'Kiểm tra'], ['1.4', 'Tổng hợp']);
    expect(matchItems(cur, pri)).toEqual([0, 1, 2, 3]);
  });

  it('ignores only trailing punctuation: "Mục 1.2" is not "Mục 12"', () => {
    expect(matchItems(items(['2.1', 'Mục 1.2']), items(['1.1', 'Mục 12']))).toEqual([-1]);
    expect(matchItems(items(['2.1', 'Mục 1.2']), items(['1.1', 'Mục 1.2.']))).toEqual([0]);
  });

  it('pairs by code and title first, even when codes repeat (a code typed twice)', () => {
    // By code alone the first prior "1" would be taken; by code and title it is the second.
    const cur = items(['1', 'Khảo sát'], ['2', 'Khảo sát']);
    const pri = items(['1', 'Báo cáo'], ['1', 'Khảo sát']);
    expect(matchItems(cur, pri)).toEqual([1, -1]);
    // The same code and title twice in both years: each prior item once, in order.
    const twice = items(['1', 'Khảo sát'], ['1', 'Khảo sát']);
    expect(matchItems(twice, twice)).toEqual([0, 1]);
  });

  it('follows a criterion renumbered by an insertion above it (its title is unique in both years)', () => {
    const cur = items(['1.1', 'Ban hành kế hoạch'], ['1.2', 'Tiêu chí mới'], ['1.3', 'Báo cáo'], ['1.4', 'Kiểm tra']);
    const pri = items(['1.1', 'Ban hành kế hoạch'], ['1.2', 'Báo cáo'], ['1.3', 'Kiểm tra']);
    expect(matchItems(cur, pri)).toEqual([0, -1, 1, 2]);
  });

  it('follows criteria renumbered by a removal above them', () => {
    const cur = items(['1.1', 'Báo cáo'], ['1.2', 'Kiểm tra']);
    const pri = items(['1.1', 'Tiêu chí cũ'], ['1.2', 'Báo cáo'], ['1.3', 'Kiểm tra']);
    expect(matchItems(cur, pri)).toEqual([1, 2]);
  });

  it('pairs by code when the title was reworded', () => {
    const cur = items(['1.1', 'Ban hành kế hoạch CCHC năm'], ['1.2', 'Báo cáo']);
    const pri = items(['1.1', 'Ban hành kế hoạch'], ['1.2', 'Báo cáo']);
    expect(matchItems(cur, pri)).toEqual([0, 1]);
  });

  it('never pairs by a title repeated under every area; falls back to the code', () => {
    const survey = 'Đánh giá qua điều tra xã hội học';
    const cur = items(['1.3', survey], ['2.3', survey], ['3.4', survey]);
    const pri = items(['1.2', survey], ['2.3', survey], ['3.3', survey]);
    // 2.3 by code and title; 1.3 and 3.4 have no prior code and a repeated title: unmatched.
    expect(matchItems(cur, pri)).toEqual([-1, 1, -1]);
  });

  it('does not pair by a title repeated in the prior year only', () => {
    const cur = items(['5', 'Kiểm tra']);
    const pri = items(['1', 'Kiểm tra'], ['2', 'Kiểm tra']);
    expect(matchItems(cur, pri)).toEqual([-1]);
  });

  it('does not pair by a title repeated in the current year only', () => {
    const cur = items(['5', 'Kiểm tra'], ['6', 'Kiểm tra']);
    const pri = items(['1', 'Kiểm tra']);
    expect(matchItems(cur, pri)).toEqual([-1, -1]);
  });

  it('uses each prior item once', () => {
    // Both current items have key 1; the prior has one item 1 (the first takes it by key and title).
    const cur = items(['1', 'Kiểm tra'], ['1', 'Báo cáo']);
    const pri = items(['1', 'Kiểm tra']);
    expect(matchItems(cur, pri)).toEqual([0, -1]);
  });

  it('takes the prior item a unique title points at only if no earlier rule used it', () => {
    // "Báo cáo" (current 1.5) is unique in both years but its prior (1.2) was taken by code and title.
    const cur = items(['1.2', 'Báo cáo'], ['1.5', 'Báo cáo tổng hợp']);
    const pri = items(['1.2', 'Báo cáo'], ['1.5', 'Kiểm tra']);
    expect(matchItems(cur, pri)).toEqual([0, 1]);
    const cur2 = items(['1.2', 'Báo cáo'], ['1.7', 'Kiểm tra']);
    const pri2 = items(['1.2', 'Kiểm tra'], ['1.3', 'Báo cáo']);
    expect(matchItems(cur2, pri2)).toEqual([1, 0]);
  });

  it('does not let an item paired by title be taken again by code', () => {
    const cur = items(['1.1', 'A mới'], ['1.2', 'Báo cáo']);
    const pri = items(['1.1', 'Báo cáo']);
    // 1.2 "Báo cáo" takes prior 0 by unique title; 1.1 cannot take it again by code.
    expect(matchItems(cur, pri)).toEqual([-1, 0]);
  });

  it('pairs duplicate codes in order, by code, each prior once', () => {
    const cur = items(['1', 'X'], ['1', 'Y'], ['1', 'Z']);
    const pri = items(['1', 'P'], ['1', 'Q']);
    expect(matchItems(cur, pri)).toEqual([0, 1, -1]);
  });

  it('prefers the prior item with the same title among items sharing a code', () => {
    const cur = items(['1', 'Q']);
    const pri = items(['1', 'P'], ['1', 'Q']);
    expect(matchItems(cur, pri)).toEqual([1]);
    // Paired with the first prior item by code and title: not moved on to the second by code.
    expect(matchItems(items(['1', 'P']), pri)).toEqual([0]);
  });

  it('never pairs empty titles by title', () => {
    const cur = items(['9', ''], ['8', '.']);
    const pri = items(['1', ''], ['2', ':']);
    expect(matchItems(cur, pri)).toEqual([-1, -1]);
  });

  it('handles empty lists', () => {
    expect(matchItems([], items(['1', 'A']))).toEqual([]);
    expect(matchItems(items(['1', 'A']), [])).toEqual([-1]);
  });
});
