import { en } from '../../src/taskpane/i18n/en';
import { vi } from '../../src/taskpane/i18n/vi';
import { translate } from '../../src/taskpane/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('task-pane strings', () => {
  test('Vietnamese and English have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  test('no empty strings', () => {
    for (const [key, s] of [...Object.entries(vi), ...Object.entries(en)]) {
      expect([key, s.trim().length > 0]).toEqual([key, true]);
    }
  });

  test('the same placeholders in both languages', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(vi[key])]);
    }
  });

  test('Vietnamese is written with its diacritics (composed Unicode)', () => {
    for (const s of Object.values(vi)) expect(s).toBe(s.normalize('NFC'));
    expect(vi['view.check']).toBe('Kiểm tra');
    expect(vi['view.rank']).toBe('Tổng hợp & xếp hạng');
    expect(vi['view.compare']).toBe('So sánh năm trước');
    expect(vi['check.showIgnored']).toBe('Hiện các mục đã bỏ qua');
    expect(vi['compare.clear']).toBe('Xóa đánh dấu');
    expect(vi['rank.competition']).toBe('Đồng hạng, bỏ hạng kế tiếp (1, 2, 2, 4)');
    expect(vi['error.protected']).toBe('Trang tính đang được bảo vệ. Hãy bỏ bảo vệ (Review > Unprotect Sheet) rồi thử lại.');
    // Vietnamese strings that should carry diacritics do (no ASCII-only "Kiem tra").
    const ascii = Object.entries(vi).filter(([k, s]) => !k.startsWith('app.language') && k !== 'app.name' && /^[\x20-\x7e]+$/.test(s));
    expect(ascii).toEqual([]);
  });

  test('translate fills placeholders', () => {
    expect(translate('vi', 'count.error', { count: 2 })).toBe('2 lỗi');
    expect(translate('en', 'check.summary', { error: 1, warning: 0, info: 3 })).toBe('Check results: errors 1, warnings 0, notes 3.');
  });
});
