/** @jest-environment jsdom */
import './helpers/setup';
import { webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { App } from '../../src/taskpane/App';
import { analyzeWorkbook } from '../../src/core/engine';
import { MemoryHost } from './helpers/memory-host';
import { fixture } from './helpers/fixtures';

async function open(host: MemoryHost) {
  const view = render(<App host={host} locale="vi" initialView="overview" theme={webLightTheme} />);
  await screen.findByRole('heading', { name: 'Các bảng tìm thấy' });
  return view;
}

function value(card: HTMLElement, label: string): string {
  const dt = within(card)
    .getAllByRole('term')
    .find((x) => x.textContent === label);
  return dt?.nextElementSibling?.textContent ?? '';
}

describe('Tổng quan', () => {
  test('lists the tables found with sheet, layout, year, units and criteria', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    await open(host);
    const card = document.querySelector<HTMLElement>('[data-table="Tổng hợp!A6:O50"]')!;
    expect(card).toBeTruthy();
    expect(value(card, 'Trang tính')).toBe('Tổng hợp');
    expect(value(card, 'Loại bảng')).toBe('Bảng tổng hợp (mỗi đơn vị một cột)');
    expect(value(card, 'Năm')).toBe('2025');
    expect(value(card, 'Số đơn vị')).toBe('12');
    expect(Number(value(card, 'Số tiêu chí'))).toBeGreaterThan(30);
    await userEvent.click(within(card).getByRole('button', { name: /^Đến bảng / }));
    expect(host.selects).toEqual([['Tổng hợp', 'A6']]);
  });

  test('excluding a table is remembered in the workbook and can be undone', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    await open(host);
    const use = screen.getByRole('switch', { name: 'Dùng bảng này' });
    await userEvent.click(use);
    await waitFor(() => expect(host.savedStates.at(-1)?.corrections).toEqual([{ tableId: 'Tổng hợp!A6:O50', excluded: true }]));
    expect(await screen.findByText('Đã loại trừ')).toBeTruthy();
    expect(screen.getByText('Đã lưu lựa chọn vào sổ làm việc.')).toBeTruthy();
    expect(analyzeWorkbook(host.snapshot).tables).toHaveLength(0);
    await userEvent.click(screen.getByRole('switch', { name: 'Dùng bảng này' }));
    await waitFor(() => expect(host.savedStates.at(-1)?.corrections).toEqual([]));
    expect(analyzeWorkbook(host.snapshot).tables).toHaveLength(1);
  });

  test('"Chỉ dùng bảng này" excludes the other tables', async () => {
    const current = await fixture('tong-hop-xa-2025.xlsx');
    const prior = await fixture('tong-hop-xa-2024.xlsx');
    current.sheets.push({ ...prior.sheets[0], name: 'Năm 2024' });
    const host = new MemoryHost(current);
    await open(host);
    const card = document.querySelector<HTMLElement>('[data-table="Tổng hợp!A6:O50"]')!;
    await userEvent.click(within(card).getByRole('button', { name: 'Chỉ dùng bảng này' }));
    await waitFor(() => expect(analyzeWorkbook(host.snapshot).tables.map((t) => t.id)).toEqual(['Tổng hợp!A6:O50']));
  });

  test('a scorecard: the score column used for totals is remembered', async () => {
    const host = new MemoryHost(await fixture('tu-danh-gia-xa-hoa-binh-2025.xlsx'));
    await open(host);
    expect(screen.getByRole('radio', { name: 'Cả hai cột' })).toHaveProperty('checked', true);
    await userEvent.click(screen.getByRole('radio', { name: 'Điểm thẩm định' }));
    await waitFor(() =>
      expect(host.savedStates.at(-1)?.corrections).toEqual([{ tableId: 'Tự đánh giá!A5:G47', scoreSeries: 'appraised' }]),
    );
    const [table] = analyzeWorkbook(host.snapshot).tables;
    expect(table.series.map((s) => s.role)).toEqual(['appraised']);
    expect(screen.getByRole('radio', { name: 'Điểm thẩm định' })).toHaveProperty('checked', true);
  });

  test('has no axe violations', async () => {
    const host = new MemoryHost(await fixture('tu-danh-gia-xa-hoa-binh-2025.xlsx'));
    const { container } = await open(host);
    expect(await axe(container)).toHaveNoViolations();
  });
});
