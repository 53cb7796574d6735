/** @jest-environment jsdom */
import './helpers/setup';
import { webLightTheme } from '@fluentui/react-components';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { createFakeExcel, installFakeOffice } from '../../src/testing/fake-excel';
import { App } from '../../src/taskpane/App';
import { OfficeHost } from '../../src/taskpane/host/office-host';
import { MemoryHost } from './helpers/memory-host';
import { fixture, fixtureBytes } from './helpers/fixtures';

async function open(host: MemoryHost, view: 'entry' | 'compare' = 'entry') {
  const rendered = render(<App host={host} locale="vi" initialView={view} theme={webLightTheme} />);
  await screen.findByRole('heading', { name: view === 'entry' ? 'Nhập điểm' : 'So sánh năm trước' });
  return rendered;
}

/** The card's value for a label (dt → dd). */
function field(label: string): string {
  const dt = screen.getAllByRole('term').find((x) => x.textContent === label);
  if (!dt) throw new Error(`no ${label}`);
  return dt.nextElementSibling?.textContent ?? '';
}

describe('Nhập điểm', () => {
  test('the card shows the criterion, maximum, rule and evidence of the selected row', async () => {
    const host = new MemoryHost(await fixture('tu-danh-gia-xa-hoa-binh-2025.xlsx'));
    await open(host);
    expect(screen.getByText('Chưa chọn ô nào.')).toBeTruthy();
    // D9: 1.1.2 (the sample's one criterion with a scoring rule), self-assessed 0, F9 empty.
    act(() => host.selectInExcel('Tự đánh giá', 'D9'));
    expect(await screen.findByRole('heading', { name: '1.1.2 Mức độ thực hiện kế hoạch' })).toBeTruthy();
    expect(field('Điểm tối đa')).toBe('1,5');
    expect(field('Điểm hiện tại')).toBe('0');
    expect(field('Cách chấm')).toBe('Hoàn thành 100%: 1,5 điểm; từ 80% đến dưới 100%: 0,75 điểm; dưới 80%: 0 điểm');
    expect(field('Tài liệu kiểm chứng')).toBe('Chưa có');
    expect(field('Đơn vị / cột điểm')).toBe('Xã Hòa Bình — Điểm tự đánh giá');
    expect(field('Điểm năm trước')).toMatch(/^Chưa có/);

    // 1.3 (a range: its first cell), appraised 0,75, evidence "Báo cáo số 273/BC-UBND" in F11.
    act(() => host.selectInExcel('Tự đánh giá', 'E11:E13'));
    expect(await screen.findByRole('heading', { name: '1.3 Tuyên truyền CCHC' })).toBeTruthy();
    expect(field('Tài liệu kiểm chứng')).toBe('Đã có');
    expect(field('Đơn vị / cột điểm')).toBe('Xã Hòa Bình — Điểm thẩm định');
    expect(field('Điểm hiện tại')).toBe('0,75');

    // A survey criterion needs no evidence.
    act(() => host.selectInExcel('Tự đánh giá', 'D13'));
    await screen.findByRole('heading', { name: /^1\.5 / });
    expect(field('Tài liệu kiểm chứng')).toBe('Không cần (điểm điều tra xã hội học)');

    act(() => host.selectInExcel('Tự đánh giá', 'J60'));
    expect(await screen.findByText('Ô Tự đánh giá!J60 không thuộc tiêu chí nào của bảng chấm điểm.')).toBeTruthy();
  });

  test('the prior-year score shows once a prior year is loaded in the session', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    await open(host, 'compare');
    host.file = { name: 'tong-hop-xa-2024.xlsx', data: fixtureBytes('tong-hop-xa-2024.xlsx') };
    await userEvent.click(screen.getByRole('radio', { name: 'Một tệp Excel khác' }));
    await userEvent.click(screen.getByRole('button', { name: 'Chọn tệp năm trước…' }));
    await screen.findByText('Đã đọc tệp "tong-hop-xa-2024.xlsx".', {}, { timeout: 5000 });
    await userEvent.click(screen.getByRole('tab', { name: 'Nhập điểm' }));
    await screen.findByRole('heading', { name: 'Nhập điểm' });
    act(() => host.selectInExcel('Tổng hợp', 'D10'));
    await screen.findByRole('heading', { name: '1.1.1 Ban hành kế hoạch đúng thời hạn' });
    expect(field('Đơn vị / cột điểm')).toBe('Phường An Lạc');
    expect(field('Điểm năm trước')).toBe('1');
    // Hòa Bình's 1.1.1: 0,75 in 2024 (F10), 1 in 2025.
    act(() => host.selectInExcel('Tổng hợp', 'F10'));
    await waitFor(() => expect(field('Đơn vị / cột điểm')).toBe('Xã Hòa Bình'));
    expect(field('Điểm năm trước')).toBe('0,75');
    // A unit that did not exist in 2024.
    act(() => host.selectInExcel('Tổng hợp', 'N10'));
    await waitFor(() => expect(field('Đơn vị / cột điểm')).toBe('Xã Nam Dong'));
    expect(field('Điểm năm trước')).toBe('Không có trong số liệu năm trước');
  });

  test('adds data validation to the score cells: few rules, with the criterion in the message', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    await open(host);
    await userEvent.click(screen.getByRole('button', { name: 'Thêm kiểm tra dữ liệu cho các ô điểm' }));
    const rules = await waitFor(() => {
      expect(host.plans).toHaveLength(1);
      return host.plans[0].dataValidations!;
    });
    expect(await screen.findByText(new RegExp(`^Đã thêm ${rules.length} quy tắc kiểm tra dữ liệu`))).toBeTruthy();
    // One rule per row run across all 12 unit columns, not one per cell.
    expect(rules.length).toBeLessThan(40);
    expect(rules).toContainEqual({
      sheet: 'Tổng hợp',
      range: 'D23:O23',
      min: 0,
      max: 3,
      inputTitle: 'Điểm tối đa: 3',
      inputMessage: expect.stringContaining('3.2.1'),
    });
    expect(host.plans[0].cellWrites).toEqual([]);
  });

  test('in Excel (OfficeHost on the fake), the rules land on the score cells: bounds, prompt and stop alert', async () => {
    const snapshot = await fixture('tong-hop-xa-2025.xlsx');
    const fake = createFakeExcel({ fileName: 'tong-hop-xa-2025.xlsx', sheets: snapshot.sheets });
    const office = installFakeOffice(fake);
    try {
      render(<App host={new OfficeHost()} locale="vi" initialView="entry" theme={webLightTheme} />);
      await screen.findByRole('heading', { name: 'Nhập điểm' });
      await userEvent.click(await screen.findByRole('button', { name: 'Thêm kiểm tra dữ liệu cho các ô điểm' }));
      const done = await screen.findByText(/^Đã thêm \d+ quy tắc kiểm tra dữ liệu/, {}, { timeout: 5000 });
      const rules = fake.workbookState().sheets.find((x) => x.name === 'Tổng hợp')!.dataValidations;
      expect(done.textContent).toContain(`Đã thêm ${rules.length} quy tắc`);
      expect(rules.length).toBeGreaterThan(0);
      expect(rules.length).toBeLessThan(40);
      const row23 = rules.find((r) => r.range === 'D23:O23');
      expect(row23).toEqual({
        range: 'D23:O23',
        type: 'Decimal',
        rule: { decimal: { formula1: '=0', formula2: '=3', operator: 'Between' } },
        prompt: { showPrompt: true, title: 'Điểm tối đa: 3', message: expect.stringContaining('3.2.1') },
        errorAlert: { showAlert: true, style: 'Stop', title: 'Điểm tối đa: 3', message: expect.stringContaining('3.2.1') },
        ignoreBlanks: true,
      });
      for (const r of rules) {
        expect(r.type).toBe('Decimal');
        expect(r.rule).toEqual({ decimal: { formula1: '=0', formula2: expect.stringMatching(/^=\d+(\.\d+)?$/), operator: 'Between' } });
        expect(r.prompt.title).toMatch(/^Điểm tối đa: /);
      }
      // Only the validation was written: no cell changed.
      expect(fake.toSnapshot()).toEqual({ ...snapshot, fileName: 'tong-hop-xa-2025.xlsx' });
    } finally {
      office.uninstall();
    }
  });

  test('typing re-validates and updates the counts', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
      await open(host);
      const counts = () => screen.getByRole('group', { name: 'Số phát hiện theo mức độ' }).textContent ?? '';
      expect(counts()).toContain('0 lỗi');
      act(() => host.edit('Tổng hợp', 'D10', { v: 5, t: 'n' }));
      await act(async () => {
        jest.advanceTimersByTime(600);
      });
      await waitFor(() => expect(counts()).not.toContain('0 lỗi'));
    } finally {
      jest.useRealTimers();
    }
  });

  test('typing a score above the maximum: the finding shows on that cell at once, after the selection moves on (issue #15, point 12)', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    await open(host);
    // D17: 2.1 Ban hành văn bản QPPL, maximum 2, scored 2.
    act(() => host.selectInExcel('Tổng hợp', 'D17'));
    await screen.findByRole('heading', { name: /^2\.1 / });
    expect(field('Điểm tối đa')).toBe('2');
    expect(screen.queryByTestId('cell-findings')).toBeNull();
    // Typing 3 then Enter: Excel reports the edit, then moves the selection to D11.
    act(() => host.edit('Tổng hợp', 'D17', { v: 3, t: 'n' }));
    act(() => host.selectInExcel('Tổng hợp', 'D18'));
    const shown = await screen.findByTestId('cell-findings', {}, { timeout: 5000 });
    await waitFor(() => expect(shown.textContent).toMatch(/Tổng hợp!D17: .*điểm 3 vượt điểm tối đa 2\./), { timeout: 5000 });
    // Corrected: the finding goes.
    act(() => host.edit('Tổng hợp', 'D17', { v: 2, t: 'n' }));
    await waitFor(() => expect(screen.queryByTestId('cell-findings')).toBeNull(), { timeout: 5000 });
  });

  test('the standalone page says scores are typed in Excel or LibreOffice; the pane inside Excel does not', async () => {
    const { BrowserFileHost } = await import('../../src/taskpane/host/BrowserFileHost');
    const page = new BrowserFileHost();
    await page.open({ name: 'tong-hop-xa-2025.xlsx', data: fixtureBytes('tong-hop-xa-2025.xlsx') });
    const first = render(<App host={page} locale="vi" initialView="entry" theme={webLightTheme} />);
    await screen.findByRole('heading', { name: 'Nhập điểm' }, { timeout: 5000 });
    expect(screen.getByText(/hãy nhập điểm trong Excel hoặc LibreOffice/)).toBeTruthy();
    first.unmount();
    await open(new MemoryHost(await fixture('tong-hop-xa-2025.xlsx')));
    expect(screen.queryByText(/nhập điểm trong Excel hoặc LibreOffice/)).toBeNull();
  });

  test('has no axe violations', async () => {
    const host = new MemoryHost(await fixture('tu-danh-gia-xa-hoa-binh-2025.xlsx'));
    const { container } = await open(host);
    act(() => host.selectInExcel('Tự đánh giá', 'D9'));
    await screen.findByRole('heading', { name: '1.1.2 Mức độ thực hiện kế hoạch' });
    expect(await axe(container)).toHaveNoViolations();
  });
});
