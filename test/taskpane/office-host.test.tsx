/** @jest-environment jsdom */
import './helpers/setup';
import { webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { planCompare } from './helpers/plans';
import { analyzeWorkbook } from '../../src/core/engine';
import { planCompute } from '../../src/core/compute-plan';
import { planScoreEntry } from '../../src/core/score-entry';
import { readState } from '../../src/core/state';
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from '../../src/testing/fake-excel';
import { App } from '../../src/taskpane/App';
import { describeError } from '../../src/taskpane/host/errors';
import { OfficeHost } from '../../src/taskpane/host/office-host';
import type { CellEvent } from '../../src/taskpane/host/types';
import { fixture } from './helpers/fixtures';

let installed: InstalledOffice | undefined;
afterEach(() => {
  installed?.uninstall();
  installed = undefined;
});

async function fakeOf(name: string, options: Parameters<typeof createFakeExcel>[1] = {}): Promise<FakeExcel> {
  const snapshot = await fixture(name);
  const fake = createFakeExcel({ fileName: name, sheets: snapshot.sheets }, options);
  installed = installFakeOffice(fake);
  return fake;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('OfficeHost on the fake Excel', () => {
  test('reads the workbook, applies a compute plan, selects a cell', async () => {
    const fake = await fakeOf('tong-hop-xa-2025.xlsx');
    const host = new OfficeHost();
    const snapshot = await host.readSnapshot();
    const analysis = analyzeWorkbook(snapshot);
    expect(analysis.tables.map((t) => t.id)).toEqual(['Tổng hợp!A6:O50']);
    const { plan } = planCompute(snapshot, analysis, { locale: 'vi' });
    const result = await host.applyPlan(plan);
    expect(result.sheetNames.get('Xếp hạng 2025')).toBe('Xếp hạng 2025');
    expect(fake.cell('Tổng hợp', 'D50')?.formula).toMatch(/^=RANK\.EQ\(D49,/);
    await host.select('Tổng hợp', 'D23');
    expect(fake.workbookState().selection).toEqual({ sheet: 'Tổng hợp', address: 'D23' });
    // The generated sheet is recorded as ours.
    expect(readState(await host.readSnapshot()).ownedSheets).toContain('Xếp hạng 2025');
  });

  test('saves the state (ignored findings, corrections) in the workbook', async () => {
    await fakeOf('loi-vuot-diem-toi-da.xlsx');
    const host = new OfficeHost();
    const state = readState(await host.readSnapshot());
    await host.saveState({ ...state, ignoredFindings: ['score/above-max|Tổng hợp!D23'], corrections: [{ tableId: 'x', excluded: true }] });
    const again = readState(await host.readSnapshot());
    expect(again.ignoredFindings).toEqual(['score/above-max|Tổng hợp!D23']);
    expect(again.corrections).toEqual([{ tableId: 'x', excluded: true }]);
    await host.saveState({ ...again, ignoredFindings: [] });
    expect(readState(await host.readSnapshot()).ignoredFindings).toEqual([]);
  });

  test('writes comparison highlights and clears only ours', async () => {
    const fake = await fakeOf('tong-hop-xa-2025.xlsx');
    const host = new OfficeHost();
    const plan = await planCompare(await host.readSnapshot());
    await host.applyPlan(plan);
    const cfs = () => fake.workbookState().sheets.find((s) => s.name === 'Tổng hợp')!.conditionalFormats.length;
    expect(cfs()).toBeGreaterThan(0);
    await host.clearHighlights();
    expect(cfs()).toBe(0);
  });

  test('change and selection events reach the handlers with the sheet name', async () => {
    const fake = await fakeOf('tong-hop-xa-2025.xlsx');
    const host = new OfficeHost();
    const changed: CellEvent[] = [];
    const selected: CellEvent[] = [];
    const offChanged = host.onChanged((e) => changed.push(e));
    const offSelected = host.onSelectionChanged((e) => selected.push(e));
    await tick();
    await fake.simulateEdit('Tổng hợp', 'D10', 0.5);
    await fake.simulateSelect('Tổng hợp', 'E11');
    await waitFor(() => expect(changed).toEqual([{ sheet: 'Tổng hợp', address: 'D10' }]));
    await waitFor(() => expect(selected).toContainEqual({ sheet: 'Tổng hợp', address: 'E11' }));
    offChanged();
    offSelected();
    await tick();
    await fake.simulateEdit('Tổng hợp', 'D11', 1);
    await tick();
    expect(changed).toHaveLength(1);
  });

  test('a protected sheet: nothing is written and the message says what to do', async () => {
    const fake = await fakeOf('tong-hop-xa-2025.xlsx');
    const host = new OfficeHost();
    const snapshot = await host.readSnapshot();
    fake.setSheetProtected('Tổng hợp', true);
    const { plan } = planCompute(snapshot, analyzeWorkbook(snapshot));
    const error = await host.applyPlan(plan).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeTruthy();
    const ui = describeError(error, 'vi');
    expect(ui.kind).toBe('protected');
    expect(ui.message).toBe('Trang tính đang được bảo vệ. Hãy bỏ bảo vệ (Review > Unprotect Sheet) rồi thử lại.');
    expect(ui.detail).toContain('Tổng hợp');
    expect(fake.workbookState().sheets.map((s) => s.name)).not.toContain('Xếp hạng 2025');
  });

  test('data validation needs ExcelApi 1.8: an older Excel gets a clear message', async () => {
    await fakeOf('tong-hop-xa-2025.xlsx', { supportedSets: { ExcelApi: '1.7' } });
    const host = new OfficeHost();
    const snapshot = await host.readSnapshot();
    const plan = planScoreEntry(analyzeWorkbook(snapshot).tables[0], 'vi');
    const error = await host.applyPlan(plan).then(
      () => null,
      (e: unknown) => e,
    );
    const ui = describeError(error, 'vi');
    expect(ui.kind).toBe('unsupported');
    expect(ui.message).toMatch(/Phiên bản Excel này chưa hỗ trợ kiểm tra dữ liệu/);
  });

  test('the pane on the fake Excel: Kiểm tra shows D23 and clicking it selects the cell in Excel', async () => {
    const fake = await fakeOf('loi-vuot-diem-toi-da.xlsx');
    render(<App host={new OfficeHost()} locale="vi" initialView="check" theme={webLightTheme} />);
    await userEvent.click(await screen.findByRole('button', { name: /Đến ô Tổng hợp!D23/ }, { timeout: 10000 }));
    await waitFor(() => expect(fake.workbookState().selection).toEqual({ sheet: 'Tổng hợp', address: 'D23' }));
    await userEvent.click(screen.getByRole('button', { name: 'Bỏ qua phát hiện tại Tổng hợp!D23' }));
    await waitFor(() => expect(readState(fake.toSnapshot()).ignoredFindings).toEqual([expect.stringMatching(/Tổng hợp!D23$/)]));
  });
});
