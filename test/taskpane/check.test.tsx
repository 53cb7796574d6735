/** @jest-environment jsdom */
import './helpers/setup';
import { webLightTheme } from '@fluentui/react-components';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { App } from '../../src/taskpane/App';
import { findingsSheet } from '../../src/taskpane/views/Check';
import { FINDING_CODES } from '../../src/core/messages/codes';
import type { Finding } from '../../src/core/finding';
import { analyzeWorkbook } from '../../src/core/engine';
import { MemoryHost } from './helpers/memory-host';
import { fixture } from './helpers/fixtures';

async function open(host: MemoryHost) {
  const view = render(<App host={host} locale="vi" initialView="check" theme={webLightTheme} />);
  await screen.findByRole('heading', { name: 'Kết quả kiểm tra' });
  return view;
}

describe('Kiểm tra', () => {
  test('shows the error at D23 with counts; clicking it selects the cell', async () => {
    const host = new MemoryHost(await fixture('loi-vuot-diem-toi-da.xlsx'));
    await open(host);
    const item = await screen.findByRole('button', { name: /Đến ô Tổng hợp!D23/ });
    expect(screen.getByRole('group', { name: 'Số phát hiện theo mức độ' }).textContent).toMatch(/[1-9]\d* lỗi/);
    expect(screen.getByRole('heading', { name: /^Lỗi \(\d+\)$/ })).toBeTruthy();
    await userEvent.click(item);
    expect(host.selects).toContainEqual(['Tổng hợp', 'D23']);
  });

  test('Enter on a focused finding selects its cell', async () => {
    const host = new MemoryHost(await fixture('loi-vuot-diem-toi-da.xlsx'));
    await open(host);
    const item = await screen.findByRole('button', { name: /Đến ô Tổng hợp!D23/ });
    item.focus();
    await userEvent.keyboard('{Enter}');
    expect(host.selects).toContainEqual(['Tổng hợp', 'D23']);
  });

  test('ignoring hides the finding and saves it in the workbook state; the toggle shows it again', async () => {
    const host = new MemoryHost(await fixture('loi-vuot-diem-toi-da.xlsx'));
    await open(host);
    await userEvent.click(await screen.findByRole('button', { name: 'Bỏ qua phát hiện tại Tổng hợp!D23' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Đến ô Tổng hợp!D23/ })).toBeNull());
    expect(host.savedStates.at(-1)?.ignoredFindings).toEqual([expect.stringMatching(/\|Tổng hợp!D23$/)]);
    // The state sheet of the workbook now holds it: a new analysis leaves it out.
    expect(analyzeWorkbook(host.snapshot).ignored.map((f) => f.cell)).toContain('D23');

    await userEvent.click(screen.getByRole('switch', { name: 'Hiện các mục đã bỏ qua' }));
    expect(await screen.findByRole('button', { name: /Đến ô Tổng hợp!D23/ })).toBeTruthy();
    expect(screen.getByText('Đã bỏ qua')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Không bỏ qua phát hiện tại Tổng hợp!D23 nữa' }));
    await waitFor(() => expect(host.savedStates.at(-1)?.ignoredFindings).toEqual([]));
    expect(screen.queryByText('Đã bỏ qua')).toBeNull();
  });

  test('exports the findings to a "Kiểm tra" sheet with hyperlinks', async () => {
    const host = new MemoryHost(await fixture('loi-vuot-diem-toi-da.xlsx'));
    await open(host);
    await userEvent.click(await screen.findByRole('button', { name: 'Xuất danh sách ra trang tính' }));
    expect(await screen.findByText('Đã ghi danh sách vào trang tính "Kiểm tra".')).toBeTruthy();
    const sheet = host.plans[0].sheets[0];
    expect(sheet.name).toBe('Kiểm tra');
    expect(sheet.purpose).toBe('findings');
    // Words for the reader; the stable code last, for tools (issue #15, point 13).
    expect(sheet.rows[0]).toEqual(['Mức độ', 'Trang tính', 'Ô', 'Loại lỗi', 'Nội dung', 'Mã'].map((value) => ({ kind: 'text', value })));
    const row = sheet.rows.findIndex((r) => r[2].kind === 'text' && r[2].value === 'D23');
    expect(row).toBeGreaterThan(0);
    expect(sheet.rows[row][0]).toEqual({ kind: 'text', value: 'Lỗi' });
    expect(sheet.rows[row][3]).toEqual({ kind: 'text', value: 'Vượt điểm tối đa' });
    expect(sheet.rows[row][5]).toEqual({ kind: 'text', value: 'score/above-max' });
    expect(sheet.hyperlinks).toContainEqual({ address: `C${row + 1}`, sheet: 'Tổng hợp', cell: 'D23' });
    expect(host.plans[0].cellWrites).toEqual([]);
  });

  test('findingsSheet writes every value as text (a message starting with "=" stays text)', () => {
    const sheet = findingsSheet(
      [{ code: 'score/above-max', severity: 'error', sheet: 'S', cell: 'B2', message: { vi: '=1+1', en: '=1+1' }, params: {} }],
      'en',
    );
    expect(sheet.name).toBe('Findings');
    expect(sheet.rows[1].every((c) => c.kind === 'text')).toBe(true);
    expect(sheet.rows[1].map((c) => (c.kind === 'text' ? c.value : ''))).toEqual([
      'Error',
      'S',
      'B2',
      'Above the maximum',
      '=1+1',
      'score/above-max',
    ]);
  });

  test('every finding code has a short label in Vietnamese and English (the findings sheet shows words, not codes)', () => {
    const f = (code: Finding['code']) => ({
      code,
      severity: 'warning' as const,
      sheet: 'S',
      cell: 'B2',
      message: { vi: 'x', en: 'x' },
      params: {},
    });
    const label = (locale: 'vi' | 'en', code: Finding['code']) => findingsSheet([f(code)], locale).rows[1][3];
    expect(label('vi', 'score/number-as-text')).toEqual({ kind: 'text', value: 'Số lưu dạng chữ' });
    expect(label('en', 'score/number-as-text')).toEqual({ kind: 'text', value: 'Number stored as text' });
    for (const code of FINDING_CODES)
      for (const locale of ['vi', 'en'] as const) {
        const cell = label(locale, code);
        expect(cell.kind === 'text' && cell.value !== code && cell.value.length > 0 && !cell.value.includes('/')).toBe(true);
      }
  });

  test('re-validates as soon as the user edits (no waiting debounce), the last edit wins, and counts and list follow', async () => {
    const host = new MemoryHost(await fixture('loi-vuot-diem-toi-da.xlsx'));
    await open(host);
    await screen.findByRole('button', { name: /Đến ô Tổng hợp!D23/ });
    const readsBefore = host.reads;
    // The official fixes the score (3 is the maximum of 3.2.1), typing twice in a row: the first
    // edit reads at once; the second, arriving during or after that read, reads once more.
    act(() => host.edit('Tổng hợp', 'D23', { v: 5, t: 'n' }));
    expect(host.reads).toBe(readsBefore + 1);
    act(() => host.edit('Tổng hợp', 'D23', { v: 3, t: 'n' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Đến ô Tổng hợp!D23:/ })).toBeNull());
    expect(host.reads).toBe(readsBefore + 2);
  });

  test('a protected sheet gives the message that says what to do', async () => {
    const snapshot = await fixture('tong-hop-xa-2025.xlsx');
    snapshot.sheets[0].protected = true;
    const host = new MemoryHost(snapshot);
    render(<App host={host} locale="vi" initialView="rank" theme={webLightTheme} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Ghi tổng điểm và xếp hạng' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Trang tính đang được bảo vệ. Hãy bỏ bảo vệ (Review > Unprotect Sheet) rồi thử lại.');
    expect(alert.textContent).toContain('"Tổng hợp"');
    expect(host.plans).toHaveLength(0);
  });

  test('when the state cannot be saved, the finding comes back and the message says why', async () => {
    const host = new MemoryHost(await fixture('loi-vuot-diem-toi-da.xlsx'));
    host.saveState = async () => {
      throw Object.assign(new Error('protected'), { reason: 'protected', sheet: 'PAR_Scorecard_State' });
    };
    await open(host);
    await userEvent.click(await screen.findByRole('button', { name: 'Bỏ qua phát hiện tại Tổng hợp!D23' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Hãy bỏ bảo vệ (Review > Unprotect Sheet) rồi thử lại.');
    expect(await screen.findByRole('button', { name: /Đến ô Tổng hợp!D23/ })).toBeTruthy();
  });

  test('has no axe violations', async () => {
    const host = new MemoryHost(await fixture('loi-vuot-diem-toi-da.xlsx'));
    const { container } = await open(host);
    await screen.findByRole('button', { name: /Đến ô Tổng hợp!D23/ });
    expect(await axe(container)).toHaveNoViolations();
  });
});
