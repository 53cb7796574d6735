/** @jest-environment jsdom */
import './helpers/setup';
import { webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { readFileSync, readdirSync } from 'fs';
import path from 'path';
import type { CellContent, GeneratedSheet } from '../../src/core/plan';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { App } from '../../src/taskpane/App';
import { pickFilesWithInput } from '../../src/taskpane/host/pick-files';
import type { PickedFile } from '../../src/taskpane/host/types';
import { uniqueNames } from '../../src/taskpane/views/Consolidate/read-files';
import { viewFromQuery } from '../../src/taskpane/views/registry';
import { MemoryHost } from './helpers/memory-host';

jest.setTimeout(120_000);

/** Holds the reading of a file while it returns a promise (to see the progress bar at n/N). */
let mockHold: ((name: string) => Promise<void> | undefined) | null = null;
jest.mock('../../src/taskpane/views/Consolidate/read-files', () => {
  const actual = jest.requireActual('../../src/taskpane/views/Consolidate/read-files');
  return {
    ...actual,
    loadReader: async () => {
      const read = await actual.loadReader();
      return async (data: ArrayBuffer, name: string) => {
        await mockHold?.(name);
        return read(data, name);
      };
    },
  };
});
afterEach(() => {
  mockHold = null;
});

const SAMPLES = path.resolve(__dirname, '../../samples');
const DON_VI = path.join(SAMPLES, 'don-vi');
const UNITS: string[] = JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')).samples.find(
  (s: { file: string }) => s.file === 'tong-hop-xa-2025.xlsx',
).units;

/** The 12 forms of samples/don-vi as the user would pick them: names and bytes read from disk. */
function donVi(): PickedFile[] {
  return readdirSync(DON_VI)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((name) => {
      const buf = readFileSync(path.join(DON_VI, name));
      return { name, data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer };
    });
}

const NOT_A_WORKBOOK: PickedFile = { name: 'bao-cao.docx', data: new TextEncoder().encode('not a workbook at all').buffer as ArrayBuffer };

/** A blank workbook, as when an official starts the year's consolidation. */
function blank(): WorkbookSnapshot {
  return {
    sheets: [{ name: 'Sheet1', cells: [], merges: [], hiddenRows: [], hiddenColumns: [], protected: false, visibility: 'visible' }],
  };
}

async function open(host: MemoryHost, locale: 'vi' | 'en' = 'vi') {
  const view = render(<App host={host} locale={locale} initialView="consolidate" theme={webLightTheme} />);
  await screen.findByRole('heading', { name: locale === 'vi' ? 'Tổng hợp từ các tệp' : 'Consolidate from files' }, { timeout: 10_000 });
  return view;
}

/** Pick the files and wait until every one is read and the per-file list is shown. */
async function pickAndRead(host: MemoryHost, files: PickedFile[]) {
  host.files = files;
  await userEvent.click(screen.getByRole('button', { name: 'Chọn các tệp…' }));
  const list = await screen.findByRole('list', { name: 'Kết quả kiểm tra từng tệp' }, { timeout: 60_000 });
  return list;
}

const cardsOf = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .filter((li) => li.parentElement === list);
const cell = (sheet: GeneratedSheet, row: number, col: number): CellContent => sheet.rows[row - 1]?.[col - 1] ?? { kind: 'empty' };
const textOf = (c: CellContent) => (c.kind === 'text' ? c.value : null);

describe('Tổng hợp từ các tệp', () => {
  test('12 forms: progress n/N, the list shows every file with its unit, the write applies the consolidation plan', async () => {
    const host = new MemoryHost(blank());
    const { container } = await open(host);
    host.files = donVi();
    // The first four files are read, the others wait: the bar stands at 4/12.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = new Set(host.files.slice(0, 4).map((f) => f.name));
    mockHold = (name) => (first.has(name) ? undefined : held);
    await userEvent.click(screen.getByRole('button', { name: 'Chọn các tệp…' }));
    const bar = await screen.findByRole('progressbar', { name: 'Đang đọc tệp 4/12…' }, { timeout: 30_000 });
    expect(bar.getAttribute('aria-valuenow')).toBe('4');
    expect(bar.getAttribute('aria-valuemax')).toBe('12');
    expect(screen.getByRole('button', { name: 'Chọn lại các tệp…' })).toHaveProperty('disabled', true);
    expect(await axe(container)).toHaveNoViolations();
    release();

    const list = await screen.findByRole('list', { name: 'Kết quả kiểm tra từng tệp' }, { timeout: 60_000 });
    expect(screen.queryByRole('progressbar')).toBeNull();
    const cards = cardsOf(list);
    expect(cards).toHaveLength(12);
    const units = cards.map((li) => within(li).getByRole('heading', { level: 4 }).textContent);
    expect([...units].sort()).toEqual([...UNITS].sort());
    // Each card: its file, its year, its counts as badges.
    const anLac = cards.find((li) => li.getAttribute('data-file') === 'tu-danh-gia-phuong-an-lac-2025.xlsx')!;
    expect(within(anLac).getByRole('heading', { level: 4 }).textContent).toBe('Phường An Lạc');
    expect(within(anLac).getByText('2025')).toBeTruthy();
    expect(within(anLac).getByRole('group', { name: 'Số phát hiện theo mức độ' })).toBeTruthy();
    expect(within(anLac).getByText('Thẩm định')).toBeTruthy();
    expect(screen.getAllByText('Năm 2025: 12 đơn vị được tổng hợp từ 12 tệp; 0 tệp không được tổng hợp.')).toHaveLength(2); // shown, and announced

    await userEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ làm việc' }));
    expect(
      await screen.findByText('Đã ghi các trang tính: "Tổng hợp 2025", "Xếp hạng 2025", "Chênh lệch thẩm định", "Kiểm tra".'),
    ).toBeTruthy();
    expect(host.plans).toHaveLength(1);
    const plan = host.plans[0];
    expect(plan.sheets.map((s) => [s.name, s.purpose])).toEqual([
      ['Tổng hợp 2025', 'consolidation'],
      ['Xếp hạng 2025', 'ranking'],
      ['Chênh lệch thẩm định', 'differences'],
      ['Kiểm tra', 'findings'],
    ]);
    expect(plan.cellWrites).toEqual([]);

    // The consolidation: one column per unit (row 5 from column D), a total row and a RANK.EQ row.
    const sheet = plan.sheets[0];
    const unitRow = sheet.rows[4].slice(3).map(textOf);
    expect([...unitRow].sort()).toEqual([...UNITS].sort());
    const rankRow = sheet.rows.findIndex((r) => textOf(r[1] ?? { kind: 'empty' }) === 'XẾP HẠNG') + 1;
    expect(rankRow).toBeGreaterThan(6);
    for (let col = 4; col < 4 + 12; col++) {
      const c = cell(sheet, rankRow, col);
      expect(c.kind).toBe('formula');
      expect((c as { formula: string }).formula).toMatch(/^=RANK\.EQ\(/);
    }
    const totalRow = cell(sheet, rankRow - 1, 2);
    expect(textOf(totalRow)).toBe('TỔNG ĐIỂM');
    expect((cell(sheet, rankRow - 1, 4) as { formula: string }).formula).toMatch(/^=ROUND\(SUM\(/);

    // The differences sheet: its header, and the units with their differences or "none".
    const diff = plan.sheets[2];
    expect(diff.rows[3].map(textOf).slice(0, 7)).toEqual([
      'Đơn vị',
      'Mã',
      'Tiêu chí',
      'Điểm tối đa',
      'Tự đánh giá',
      'Thẩm định',
      'Chênh lệch',
    ]);
    const diffUnits = new Set(
      diff.rows
        .slice(4)
        .map((r) => textOf(r[0] ?? { kind: 'empty' }))
        .filter((u) => u && UNITS.includes(u)),
    );
    expect(diffUnits.size).toBe(12);

    // The consolidation became the user's data (as the CLI leaves it); the result sheets stay the tool's.
    await waitFor(() => expect(host.savedStates).toHaveLength(1));
    expect(host.savedStates[0].ownedSheets).not.toContain('Tổng hợp 2025');
    expect(host.savedStates[0].ownedSheets).toEqual(expect.arrayContaining(['Xếp hạng 2025', 'Chênh lệch thẩm định', 'Kiểm tra']));
    // …so the pane now finds it like any consolidation (no "no table" warning any more).
    await waitFor(() => expect(screen.queryByText(/Không tìm thấy bảng chấm điểm nào/)).toBeNull());
  });

  test('into a workbook that already has "Tổng hợp 2025": the new one is "Tổng hợp 2025 (2)" and the ranking cites and links it (issue #15, point 1)', async () => {
    const existing = blank();
    existing.sheets[0].name = 'Tổng hợp 2025';
    existing.sheets[0].cells = [[{ v: 'Bảng tổng hợp của năm trước, nhập tay', t: 's' }]];
    const host = new MemoryHost(existing);
    await open(host);
    await pickAndRead(host, donVi());
    await userEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ làm việc' }));
    await waitFor(() => expect(host.plans).toHaveLength(1));
    const plan = host.plans[0];
    const consolidation = plan.sheets.find((s) => s.purpose === 'consolidation')!;
    const ranking = plan.sheets.find((s) => s.purpose === 'ranking')!;
    expect(consolidation.name).toBe('Tổng hợp 2025 (2)');
    // The set made from one table stays together: its result sheets take the same suffix.
    expect(ranking.name).toBe('Xếp hạng 2025 (2)');
    // "Nguồn: Tổng hợp 2025 (2)!…" and every unit's link go to the sheet written now, not the old one.
    expect(ranking.rows.flat().some((c) => c.kind === 'text' && c.value.startsWith('Nguồn: Tổng hợp 2025 (2)!'))).toBe(true);
    expect(ranking.hyperlinks.length).toBe(12);
    expect(new Set(ranking.hyperlinks.map((h) => h.sheet))).toEqual(new Set(['Tổng hợp 2025 (2)']));
    // The user's sheet is untouched and the notice names the new one.
    expect(plan.cellWrites).toEqual([]);
    expect(
      await screen.findByText(/^Đã ghi các trang tính: "Tổng hợp 2025 \(2\)", "Xếp hạng 2025 \(2\)"/, {}, { timeout: 10_000 }),
    ).toBeTruthy();
  });

  test('a non-workbook file among them shows its error and does not stop the others', async () => {
    const host = new MemoryHost(blank());
    await open(host);
    const files = donVi();
    files.splice(5, 0, NOT_A_WORKBOOK);
    const list = await pickAndRead(host, files);
    const cards = cardsOf(list);
    expect(cards).toHaveLength(13);
    const bad = cards.find((li) => li.getAttribute('data-file') === 'bao-cao.docx')!;
    expect(within(bad).getByRole('heading', { level: 4 }).textContent).toBe('bao-cao.docx');
    expect(bad.textContent).toMatch(/Không được tổng hợp/);
    expect(bad.textContent).toMatch(/không phải là sổ làm việc Excel/);
    expect(bad.textContent).toMatch(/Hãy mở tệp bằng Excel rồi lưu lại/);
    expect(bad.querySelector('[data-excluded="unreadable"]')).toBeTruthy();
    expect(within(bad).getByText('1 lỗi')).toBeTruthy();

    // The other twelve are consolidated.
    expect(screen.getAllByText('Năm 2025: 12 đơn vị được tổng hợp từ 13 tệp; 1 tệp không được tổng hợp.')).toHaveLength(2);
    expect(screen.getByText(/^1 tệp không được tổng hợp\. Xem lý do ở từng tệp/)).toBeTruthy();
    const units = cards.filter((li) => li !== bad).map((li) => within(li).getByRole('heading', { level: 4 }).textContent);
    expect([...units].sort()).toEqual([...UNITS].sort());

    // Only the problem files, on request.
    await userEvent.click(screen.getByRole('switch', { name: /Chỉ hiện các tệp có lỗi/ }));
    expect(cardsOf(screen.getByRole('list', { name: 'Kết quả kiểm tra từng tệp' })).map((li) => li.getAttribute('data-file'))).toContain(
      'bao-cao.docx',
    );

    // The write goes on without the unreadable file; the checks sheet reports it.
    await userEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ làm việc' }));
    await screen.findByText(/^Đã ghi các trang tính:/);
    const plan = host.plans[0];
    expect(plan.sheets[0].rows[4].slice(3).filter((c) => c.kind === 'text')).toHaveLength(12);
    const checks = plan.sheets.find((s) => s.purpose === 'findings')!;
    expect(checks.rows.some((r) => textOf(r[0] ?? { kind: 'empty' }) === 'bao-cao.docx')).toBe(true);
  });

  test('findings expand per file; scores option; axe has no violations', async () => {
    const host = new MemoryHost(blank());
    const { container } = await open(host);
    const list = await pickAndRead(host, [...donVi(), NOT_A_WORKBOOK]);
    const bad = cardsOf(list).find((li) => li.getAttribute('data-file') === 'bao-cao.docx')!;
    const toggle = within(bad).getByRole('button', { name: 'Xem 1 phát hiện của tệp bao-cao.docx' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    const hide = within(bad).getByRole('button', { name: 'Ẩn các phát hiện của tệp bao-cao.docx' });
    expect(hide.getAttribute('aria-expanded')).toBe('true');
    const findings = within(bad).getByRole('list', { name: 'Các phát hiện của tệp bao-cao.docx' });
    expect(hide.getAttribute('aria-controls')).toBe(findings.id);
    expect(within(findings).getAllByRole('listitem')[0].getAttribute('data-code')).toBe('consolidate/unreadable');

    expect(await axe(container)).toHaveNoViolations();

    // Self-assessed scores instead of the appraised ones.
    await userEvent.click(screen.getByRole('radio', { name: 'Điểm tự đánh giá' }));
    const anLac = cardsOf(screen.getByRole('list', { name: 'Kết quả kiểm tra từng tệp' })).find(
      (li) => li.getAttribute('data-file') === 'tu-danh-gia-phuong-an-lac-2025.xlsx',
    )!;
    expect(within(anLac).getByText('Tự đánh giá')).toBeTruthy();
    // The year can be chosen among the files' years.
    const year = screen.getByRole('combobox', { name: 'Năm tổng hợp' }) as HTMLSelectElement;
    expect([...year.options].map((o) => o.textContent)).toEqual(['Tự động (năm của đa số tệp)', '2025']);
    await userEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ làm việc' }));
    await screen.findByText(/^Đã ghi các trang tính:/);
    expect(textOf(host.plans[0].sheets[0].rows[5][3])).toBe('Tự đánh giá');
  });

  test('a cancelled pick changes nothing; a failed pick says what to do', async () => {
    const host = new MemoryHost(blank());
    await open(host);
    host.files = [];
    await userEvent.click(screen.getByRole('button', { name: 'Chọn các tệp…' }));
    expect(host.filePicks).toBe(1);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('list')).toBeNull();

    host.pickFiles = async () => {
      const { PaneError } = await import('../../src/taskpane/host/errors');
      throw new PaneError('read', 'consolidate.fileBytes', { name: 'xa-a.xlsx' });
    };
    await userEvent.click(screen.getByRole('button', { name: 'Chọn các tệp…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Không mở được các tệp đã chọn');
    expect(alert.textContent).toContain('Không đọc được tệp "xa-a.xlsx" từ máy tính. Hãy kiểm tra');
    await userEvent.click(within(alert).getByRole('button', { name: 'Đóng thông báo' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('English labels; ?view=consolidate opens the view', async () => {
    expect(viewFromQuery('?view=consolidate')).toBe('consolidate');
    const host = new MemoryHost(blank());
    await open(host, 'en');
    expect(screen.getByRole('tab', { name: 'Consolidate from files' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('button', { name: 'Choose files…' })).toBeTruthy();
  });
});

describe('choosing several files', () => {
  test('pickFilesWithInput: a multiple file input; the bytes are read locally; cancel gives []', async () => {
    const picked = pickFilesWithInput(document);
    const input = document.body.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    expect(input.accept).toContain('.xlsx');
    const files = [new File([new Uint8Array([1, 2, 3])], 'a.xlsx'), new File([new Uint8Array([4])], 'b.xlsx')];
    Object.defineProperty(input, 'files', { value: files });
    fireEvent.change(input);
    const result = await picked;
    expect(result.map((f) => [f.name, [...new Uint8Array(f.data)]])).toEqual([
      ['a.xlsx', [1, 2, 3]],
      ['b.xlsx', [4]],
    ]);
    expect(document.body.querySelector('input[type="file"]')).toBeNull();

    const cancelled = pickFilesWithInput(document);
    const again = document.body.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent(again, new Event('cancel'));
    expect(await cancelled).toEqual([]);
  });

  test('repeated file names stay apart', () => {
    expect(uniqueNames(['a.xlsx', 'b.xlsx', 'a.xlsx', 'a.xlsx'])).toEqual(['a.xlsx', 'b.xlsx', 'a.xlsx (2)', 'a.xlsx (3)']);
  });
});
