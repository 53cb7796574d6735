/** @jest-environment jsdom */
import './helpers/setup';
import { teamsDarkTheme, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync, readdirSync, statSync } from 'fs';
import path from 'path';
import { App } from '../../src/taskpane/App';
import { detectLocale } from '../../src/taskpane/i18n';
import { paneTheme, lightness } from '../../src/taskpane/theme';
import { viewFromQuery } from '../../src/taskpane/views/registry';
import { viewFromSearch } from '../../src/taskpane/index';
import { MemoryHost } from './helpers/memory-host';
import { fixture } from './helpers/fixtures';

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  localStorage.clear();
  window.history.replaceState({}, '', '/');
});

describe('the pane', () => {
  test('opens on the view named in ?view= (ribbon buttons)', async () => {
    window.history.replaceState({}, '', '/taskpane.html?view=rank');
    render(<App host={new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'))} locale="vi" theme={webLightTheme} />);
    expect(await screen.findByRole('heading', { name: 'Xem trước xếp hạng' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Tổng hợp & xếp hạng' }).getAttribute('aria-selected')).toBe('true');
  });

  test('a new locale from the host page wins over the current one (the pane re-renders in it)', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    const view = render(<App host={host} locale="vi" initialView="rank" theme={webLightTheme} />);
    expect(await screen.findByRole('heading', { name: 'Xem trước xếp hạng' })).toBeTruthy();
    view.rerender(<App host={host} locale="en" initialView="rank" theme={webLightTheme} />);
    expect(await screen.findByRole('heading', { name: 'Ranking preview' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  test('viewFromQuery / viewFromSearch', () => {
    expect(viewFromQuery('?view=overview')).toBe('overview');
    expect(viewFromQuery('?view=entry')).toBe('entry');
    expect(viewFromQuery('?view=compare&x=1')).toBe('compare');
    expect(viewFromQuery('?view=nope')).toBe('check');
    expect(viewFromQuery('')).toBe('check');
    expect(viewFromSearch('?view=rank')).toBe('rank');
  });

  test('tabs switch views, also with the keyboard', async () => {
    render(<App host={new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'))} locale="vi" initialView="check" theme={webLightTheme} />);
    await screen.findByRole('heading', { name: 'Kết quả kiểm tra' });
    await userEvent.click(screen.getByRole('tab', { name: 'Tổng quan' }));
    expect(await screen.findByRole('heading', { name: 'Các bảng tìm thấy' })).toBeTruthy();
    // Arrow keys move between tabs (Fluent/tabster; needs layout, not checked in jsdom); Enter selects.
    screen.getByRole('tab', { name: 'Tổng hợp & xếp hạng' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Xem trước xếp hạng' })).toBeTruthy();
  });

  test('the language can be switched in the pane and is remembered', async () => {
    render(<App host={new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'))} initialView="check" theme={webLightTheme} />);
    await screen.findByRole('heading', { name: 'Kết quả kiểm tra' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Ngôn ngữ' }), 'en');
    expect(await screen.findByRole('heading', { name: 'Check results' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Totals & ranking' })).toBeTruthy();
    expect(localStorage.getItem('par-scorecard.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(detectLocale()).toBe('en');
  });

  test('locale from Office.context.displayLanguage; Vietnamese otherwise', () => {
    expect(detectLocale()).toBe('vi');
    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: 'en-GB' } };
    expect(detectLocale()).toBe('en');
    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: 'vi-VN' } };
    expect(detectLocale()).toBe('vi');
  });

  test('theme from Office’s theme', () => {
    expect(paneTheme()).toBe(webLightTheme);
    (globalThis as { Office?: unknown }).Office = { context: { officeTheme: { bodyBackgroundColor: '#1f1f1f' } } };
    expect(paneTheme()).toBe(teamsDarkTheme);
    (globalThis as { Office?: unknown }).Office = { context: { officeTheme: { bodyBackgroundColor: '#ffffff' } } };
    expect(paneTheme()).toBe(webLightTheme);
    expect(lightness('nonsense')).toBeNull();
  });

  test('a failed read says what to do and can be retried', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    const read = host.readSnapshot.bind(host);
    let first = true;
    host.readSnapshot = async () => {
      if (first) {
        first = false;
        throw Object.assign(new Error('Excel is busy'), { code: 'InvalidOperationInCellEditMode' });
      }
      return read();
    };
    render(<App host={host} locale="vi" initialView="check" theme={webLightTheme} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Excel đang ở chế độ sửa ô. Hãy bấm Enter hoặc Esc để thoát chế độ sửa ô rồi thử lại.');
    await userEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('heading', { name: 'Kết quả kiểm tra' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('an unexplained read failure suggests closing Excel dialogs and retrying', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    host.readSnapshot = async () => {
      throw new Error('GeneralException');
    };
    render(<App host={host} locale="vi" initialView="check" theme={webLightTheme} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Không đọc được sổ làm việc. Hãy đóng các hộp thoại đang mở trong Excel rồi bấm "Thử lại".');
    expect(screen.getByRole('button', { name: 'Thử lại' })).toBeTruthy();
  });

  test('a workbook without a scoring table says so', async () => {
    const host = new MemoryHost({
      sheets: [
        {
          name: 'Sheet1',
          cells: [[{ v: 'xin chào', t: 's' }]],
          merges: [],
          hiddenRows: [],
          hiddenColumns: [],
          protected: false,
          visibility: 'visible',
        },
      ],
    });
    render(<App host={host} locale="vi" initialView="rank" theme={webLightTheme} />);
    expect(await screen.findByText(/Không tìm thấy bảng chấm điểm nào trong sổ làm việc/)).toBeTruthy();
  });

  test('a progress indicator shows while an operation runs', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    let release!: () => void;
    const apply = host.applyPlan.bind(host);
    host.applyPlan = (plan) => new Promise((resolve) => (release = () => resolve(apply(plan))));
    render(<App host={host} locale="vi" initialView="rank" theme={webLightTheme} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Ghi tổng điểm và xếp hạng' }));
    expect(await screen.findByRole('progressbar', { name: 'Đang xử lý…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ghi tổng điểm và xếp hạng' })).toHaveProperty('disabled', true);
    release();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });
});

describe('bundle hygiene', () => {
  const root = path.join(__dirname, '../../src/taskpane');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
    });
  const staticImports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import[^;]*?from '([^']+)'/gms)].map((m) => m[1]);

  test('views are loaded lazily: the shell imports none of them statically', () => {
    for (const f of ['App.tsx', 'index.tsx', 'views/registry.ts']) {
      expect([
        f,
        staticImports(path.join(root, f)).filter((s) =>
          /views\/(Overview|Check|Rank|Compare|Entry|Consolidate)|^\.\/(Overview|Check|Rank|Compare|Entry|Consolidate)/.test(s),
        ),
      ]).toEqual([f, []]);
    }
  });

  test('the .xlsx reader (ExcelJS) is imported only dynamically', () => {
    for (const f of files(root)) {
      expect([f, staticImports(f).filter((s) => /hosts\/xlsx|exceljs/.test(s))]).toEqual([f, []]);
    }
  });

  test('Fluent components are imported by name, colours come from tokens (no hex colours)', () => {
    for (const f of files(root)) {
      const src = readFileSync(f, 'utf8');
      expect([f, /import \* as \w+ from '@fluentui/.test(src)]).toEqual([f, false]);
      const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect([f, code.match(/['"`]#[0-9a-fA-F]{3,8}\b/g)]).toEqual([f, null]);
    }
  });
});
