/** @jest-environment jsdom */
import './helpers/setup';
import { webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { App } from '../../src/taskpane/App';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { MemoryHost } from './helpers/memory-host';
import { fixture, fixtureBytes } from './helpers/fixtures';

// samples/manifest.json: Phường An Lạc 76,983 in 2025 (12th of 12), 86,682 in 2024 (3rd of 10).
const AN_LAC_VI = 'Phường An Lạc đạt 76,983 điểm, xếp thứ 12 trong tổng số 12 xã, phường; giảm 9,699 điểm và giảm 09 bậc so với năm 2024.';

/** The 2025 consolidation with the 2024 one as a second sheet of the same workbook. */
async function bothYears(): Promise<WorkbookSnapshot> {
  const current = await fixture('tong-hop-xa-2025.xlsx');
  const prior = await fixture('tong-hop-xa-2024.xlsx');
  current.sheets.push(...prior.sheets.map((s) => ({ ...s, name: `${s.name} 2024` })));
  return current;
}

async function open(host: MemoryHost, locale: 'vi' | 'en' = 'vi') {
  const view = render(<App host={host} locale={locale} initialView="compare" theme={webLightTheme} />);
  await screen.findByRole('heading', { name: locale === 'vi' ? 'So sánh năm trước' : 'Compare with prior year' });
  return view;
}

function mockClipboard(impl: (text: string) => Promise<void>) {
  const writeText = jest.fn(impl);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return writeText;
}

async function pickPriorFromFile(host: MemoryHost) {
  host.file = { name: 'tong-hop-xa-2024.xlsx', data: fixtureBytes('tong-hop-xa-2024.xlsx') };
  await userEvent.click(screen.getByRole('radio', { name: 'Một tệp Excel khác' }));
  await userEvent.click(screen.getByRole('button', { name: 'Chọn tệp năm trước…' }));
  await screen.findByText('Đã đọc tệp "tong-hop-xa-2024.xlsx".', {}, { timeout: 5000 });
}

describe('So sánh năm trước', () => {
  test('a prior-year file: sentence for Phường An Lạc, and the copy button copies it', async () => {
    const writeText = mockClipboard(async () => undefined);
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    await open(host);
    await pickPriorFromFile(host);
    const card = (await screen.findByText(AN_LAC_VI)).closest('li')!;
    await userEvent.click(within(card).getByRole('button', { name: 'Sao chép nhận xét về Phường An Lạc' }));
    expect(writeText).toHaveBeenCalledWith(AN_LAC_VI);
    await waitFor(() =>
      expect(screen.getAllByRole('status').some((s) => s.textContent?.includes('Đã sao chép nhận xét về Phường An Lạc.'))).toBe(true),
    );
    // Units without a 2024 counterpart are reported.
    expect(screen.getByText('Đơn vị "Xã Nam Dong" không so sánh được (không có trong năm 2024).')).toBeTruthy();
  });

  test('when the clipboard is refused, the sentence is offered in a selected text box', async () => {
    mockClipboard(async () => {
      throw new Error('NotAllowedError');
    });
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    await open(host);
    await pickPriorFromFile(host);
    const card = (await screen.findByText(AN_LAC_VI)).closest('li')!;
    await userEvent.click(within(card).getByRole('button', { name: 'Sao chép nhận xét về Phường An Lạc' }));
    const box = (await within(card).findByRole('textbox', { name: 'Nhận xét về Phường An Lạc' })) as HTMLTextAreaElement;
    expect(box.value).toBe(AN_LAC_VI);
    expect(box.readOnly).toBe(true);
    expect(document.activeElement).toBe(box);
    expect(box.selectionEnd - box.selectionStart).toBe(AN_LAC_VI.length);
  });

  test('a table of this workbook as the prior year; writes the comparison sheet and highlights; clears highlights', async () => {
    const host = new MemoryHost(await bothYears());
    await open(host);
    await userEvent.click(screen.getByRole('combobox', { name: 'Bảng năm trước' }));
    await userEvent.click(await screen.findByRole('option', { name: /^Tổng hợp 2024!/ }));
    expect(await screen.findByText(AN_LAC_VI)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Ghi trang so sánh và tô màu' }));
    expect(await screen.findByText('Đã ghi trang tính "So sánh 2025-2024" và tô màu các thay đổi.')).toBeTruthy();
    const plan = host.plans[0];
    // The comparison sheet, and last year's values (hidden) the decline highlight reads through a name.
    expect(plan.sheets.map((s) => [s.name, s.purpose, !!s.hidden])).toEqual([
      ['So sánh 2025-2024', 'comparison', false],
      ['Điểm 2024 - Tổng hợp', 'prior-values', true],
    ]);
    expect(plan.definedNames).toEqual([
      { name: expect.stringMatching(/^PAR_TRUOC_/), sheet: 'Điểm 2024 - Tổng hợp', range: expect.any(String) },
    ]);
    expect(plan.conditionalFormats.length).toBeGreaterThan(0);
    expect(plan.conditionalFormats.every((c) => c.sheet === 'Tổng hợp')).toBe(true);
    expect(plan.cellWrites).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Xóa đánh dấu' }));
    expect(await screen.findByText(/Đã xóa các đánh dấu do PAR Scorecard tạo/)).toBeTruthy();
    expect(host.clearCount).toBe(1);
  });

  test('an unreadable file gives a message that says what to do', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    await open(host);
    host.file = { name: 'bao-cao.docx', data: new TextEncoder().encode('not a workbook at all').buffer as ArrayBuffer };
    await userEvent.click(screen.getByRole('radio', { name: 'Một tệp Excel khác' }));
    await userEvent.click(screen.getByRole('button', { name: 'Chọn tệp năm trước…' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toMatch(/bao-cao\.docx/);
    expect(alert.textContent).toMatch(/Hãy|lưu lại/);
  });

  test('English sentences when the pane is in English', async () => {
    mockClipboard(async () => undefined);
    const host = new MemoryHost(await bothYears());
    await open(host, 'en');
    await userEvent.click(screen.getByRole('combobox', { name: 'Prior-year table' }));
    await userEvent.click(await screen.findByRole('option', { name: /^Tổng hợp 2024!/ }));
    // Phường Trung Tâm rose from 2nd (87.521) to 1st (92.975); An Lạc fell from 3rd to 12th.
    expect(
      await screen.findByText(
        'Phường Trung Tâm scored 92.975 points, ranked 1st of 12 communes and wards; up 5.454 points and up 1 place from 2024.',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        'Phường An Lạc scored 76.983 points, ranked 12th of 12 communes and wards; down 9.699 points and down 9 places from 2024.',
      ),
    ).toBeTruthy();
  });

  test('has no axe violations', async () => {
    const host = new MemoryHost(await bothYears());
    const { container } = await open(host);
    await userEvent.click(screen.getByRole('combobox', { name: 'Bảng năm trước' }));
    await userEvent.click(await screen.findByRole('option', { name: /^Tổng hợp 2024!/ }));
    await screen.findByText(AN_LAC_VI);
    expect(await axe(container)).toHaveNoViolations();
  });
});
