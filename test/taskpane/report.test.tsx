/** @jest-environment jsdom */
/**
 * "Tạo báo cáo (Word)" in the pane (issue #18): the button in "So sánh năm trước" and in "Tổng
 * hợp & xếp hạng", a unit picker with "Tất cả đơn vị", and a click that saves a .docx Blob whose
 * document holds the unit's result sentence, without the document library loaded before the click.
 */
import './helpers/setup';
import { webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { inflateRawSync } from 'node:zlib';
import { App } from '../../src/taskpane/App';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { entryDataStart, readCentralDirectory } from '../../src/hosts/xlsx/zip';
import { OfficeHost } from '../../src/taskpane/host/office-host';
import { createFakeExcel, installFakeOffice, type InstalledOffice } from '../../src/testing/fake-excel';
import { MemoryHost } from './helpers/memory-host';
import { fixture } from './helpers/fixtures';

jest.setTimeout(60_000);

// Counts loads of the document renderer: the factory runs when the module is first required, as
// webpack fetches the "report-docx" chunk on the first import().
const mockDocxLoads = { count: 0 };
jest.mock('../../src/hosts/docx/render', () => {
  mockDocxLoads.count++;
  return jest.requireActual('../../src/hosts/docx/render');
});

// samples/manifest.json: Xã Hòa Bình 86,75 in 2025 (3rd of 12), 83,39 in 2024 (6th of 10).
const HOA_BINH_VI = 'Xã Hòa Bình đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường; tăng 3,36 điểm và tăng 03 bậc so với năm 2024.';
const HOA_BINH_EN = 'Xã Hòa Bình scored 86.75 points, ranked 3rd of 12 communes and wards; up 3.36 points and up 3 places from 2024.';

async function bothYears(): Promise<WorkbookSnapshot> {
  const current = await fixture('tong-hop-xa-2025.xlsx');
  const prior = await fixture('tong-hop-xa-2024.xlsx');
  current.sheets.push(...prior.sheets.map((s) => ({ ...s, name: `${s.name} 2024` })));
  return current;
}

/** What the download link saved: file name and Blob. */
let saved: { name: string; blob: Blob }[];
let blobs: Map<string, Blob>;

beforeEach(() => {
  saved = [];
  blobs = new Map();
  let n = 0;
  // jsdom has no object URLs and does not navigate: the link's Blob and name are recorded instead.
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    value: (b: Blob) => {
      const url = `blob:test/${++n}`;
      blobs.set(url, b);
      return url;
    },
  });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => undefined });
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});

let installed: InstalledOffice | undefined;
afterEach(() => {
  jest.restoreAllMocks();
  installed?.uninstall();
  installed = undefined;
});

function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(blob);
  });
}

/** word/document.xml's text: paragraphs on lines, tags dropped. */
async function documentText(blob: Blob): Promise<string> {
  const bytes = await bytesOf(blob);
  const entry = readCentralDirectory(bytes).find((e) => e.name === 'word/document.xml');
  if (!entry) throw new Error('no word/document.xml');
  const start = entryDataStart(bytes, entry);
  const raw = Buffer.from(bytes.subarray(start, start + entry.compressedSize));
  const xml = (entry.method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

async function chooseUnit(name: string, label = 'Đơn vị') {
  await userEvent.click(screen.getByRole('combobox', { name: label }));
  await userEvent.click(await screen.findByRole('option', { name }));
}

describe('Tạo báo cáo (Word)', () => {
  test('in "So sánh năm trước": one unit, with the prior year, saved as a .docx holding its result sentence; the document library loads on the click', async () => {
    const host = new MemoryHost(await bothYears());
    render(<App host={host} locale="vi" initialView="compare" theme={webLightTheme} />);
    await screen.findByRole('heading', { name: 'So sánh năm trước' });
    await userEvent.click(screen.getByRole('combobox', { name: 'Bảng năm trước' }));
    await userEvent.click(await screen.findByRole('option', { name: /^Tổng hợp 2024!/ }));
    const button = await screen.findByRole('button', { name: 'Tạo báo cáo (Word)' });
    // The picker starts on every unit.
    expect((screen.getByRole('combobox', { name: 'Đơn vị' }) as HTMLButtonElement).textContent).toBe('Tất cả đơn vị');
    await chooseUnit('Xã Hòa Bình');
    expect(mockDocxLoads.count).toBe(0);

    await userEvent.click(button);
    expect(
      await screen.findByText('Đã tạo tệp "bao-cao-xa-hoa-binh-2025.docx" trong thư mục Tải xuống.', {}, { timeout: 20_000 }),
    ).toBeTruthy();
    expect(mockDocxLoads.count).toBe(1);
    expect(saved.map((s) => s.name)).toEqual(['bao-cao-xa-hoa-binh-2025.docx']);
    expect(saved[0].blob.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = await documentText(saved[0].blob);
    expect(text).toContain(HOA_BINH_VI);
    // Only that unit's section.
    expect(text).not.toContain('Phường An Lạc đạt');
    // Nothing was written into the workbook.
    expect(host.plans).toEqual([]);
  });

  test('in "Tổng hợp & xếp hạng": every unit by default, one section each; English when the pane is', async () => {
    const host = new MemoryHost(await fixture('tong-hop-xa-2025.xlsx'));
    render(<App host={host} locale="en" initialView="rank" theme={webLightTheme} />);
    await screen.findByRole('heading', { name: 'Totals & ranking', level: 2 });
    expect(screen.getByRole('combobox', { name: 'Unit' }).textContent).toBe('All units');
    // No prior year chosen: this year only, and the pane says so.
    expect(screen.getByText('No prior year chosen: the report covers this year only (no changes).')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Create report (Word)' }));
    expect(
      await screen.findByText('Created "report-all-units-2025.docx" (12 units) in your Downloads folder.', {}, { timeout: 30_000 }),
    ).toBeTruthy();
    const text = await documentText(saved[0].blob);
    expect(text).toContain('Xã Hòa Bình scored 86.75 points, ranked 3rd of 12 communes and wards.');
    expect(text).toContain('Phường An Lạc scored 76.983 points');
    expect(host.plans).toEqual([]);
  });

  test('with the prior year chosen in "So sánh năm trước", the ranking view\'s report compares too', async () => {
    const host = new MemoryHost(await bothYears());
    render(<App host={host} locale="en" initialView="compare" theme={webLightTheme} />);
    await screen.findByRole('heading', { name: 'Compare with prior year' });
    await userEvent.click(screen.getByRole('combobox', { name: 'Prior-year table' }));
    await userEvent.click(await screen.findByRole('option', { name: /^Tổng hợp 2024!/ }));
    await userEvent.click(screen.getByRole('tab', { name: 'Totals & ranking' }));
    await screen.findByRole('button', { name: 'Create report (Word)' });
    await chooseUnit('Xã Hòa Bình', 'Unit');
    await userEvent.click(screen.getByRole('button', { name: 'Create report (Word)' }));
    await waitFor(() => expect(saved).toHaveLength(1), { timeout: 20_000 });
    expect(saved[0].name).toBe('report-xa-hoa-binh-2025.docx');
    expect(await documentText(saved[0].blob)).toContain(HOA_BINH_EN);
  });

  test('in Excel on Windows: the download is started, the pane says a desktop Excel may not save it and offers the browser', async () => {
    const fake = createFakeExcel(
      { sheets: (await fixture('tong-hop-xa-2025.xlsx')).sheets },
      { supportedSets: { ExcelApi: '1.17', DialogApi: '1.2', OpenBrowserWindowApi: '1.1' } },
    );
    installed = installFakeOffice(fake, { platform: 'PC' });
    render(<App host={new OfficeHost()} locale="vi" initialView="rank" theme={webLightTheme} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Tạo báo cáo (Word)' }, { timeout: 10_000 }));
    expect(
      await screen.findByText('Đã tạo tệp "bao-cao-tat-ca-don-vi-2025.docx" (12 đơn vị) và gửi lệnh tải xuống.', {}, { timeout: 30_000 }),
    ).toBeTruthy();
    expect(saved.map((x) => x.name)).toEqual(['bao-cao-tat-ca-don-vi-2025.docx']);
    expect(screen.getByText(/Excel trên máy tính \(Windows, Mac\) có thể không cho ngăn tác vụ tải tệp xuống/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Mở PAR Scorecard trong trình duyệt' }));
    expect(installed.browserWindows).toEqual([`${location.origin}${location.pathname}?standalone=1&view=compare`]);
  });

  test('in Excel on the web: downloaded by the browser, no note', async () => {
    const fake = createFakeExcel({ sheets: (await fixture('tong-hop-xa-2025.xlsx')).sheets });
    installed = installFakeOffice(fake, { platform: 'OfficeOnline' });
    render(<App host={new OfficeHost()} locale="en" initialView="rank" theme={webLightTheme} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Create report (Word)' }, { timeout: 10_000 }));
    expect(
      await screen.findByText('Created "report-all-units-2025.docx" (12 units) in your Downloads folder.', {}, { timeout: 30_000 }),
    ).toBeTruthy();
    expect(screen.queryByText(/Excel on Windows and Mac may not/)).toBeNull();
  });
});
