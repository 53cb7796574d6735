/** @jest-environment jsdom */
/**
 * Excel raises onChanged for the add-in's own writes too (the fake models it, events.ts): the pane
 * must not take them for the user's edits and read the whole workbook a second time after every
 * apply or "Bỏ qua", while the user's own edits still re-validate.
 */
import './helpers/setup';
import { webLightTheme } from '@fluentui/react-components';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { analyzeWorkbook } from '../../src/core/engine';
import { planCompute } from '../../src/core/compute-plan';
import {
  createFakeExcel,
  installFakeOffice,
  type FakeExcel,
  type InstalledOffice,
  type WorksheetChangedArgs,
} from '../../src/testing/fake-excel';
import { App } from '../../src/taskpane/App';
import { OfficeHost } from '../../src/taskpane/host/office-host';
import { OwnWrites, footprintOf, OWN_WRITE_ECHO_MS } from '../../src/taskpane/host/own-writes';
import type { CellEvent } from '../../src/taskpane/host/types';
import { emptyPlan, num } from '../../src/core/plan';
import { fixture } from './helpers/fixtures';

/** Long enough for a read the pane would (wrongly) start after an event to have started and finished. */
const SETTLE_MS = 800;

let installed: InstalledOffice | undefined;
afterEach(() => {
  installed?.uninstall();
  installed = undefined;
});

async function fakeOf(name: string, excelApi: string): Promise<FakeExcel> {
  const snapshot = await fixture(name);
  const fake = createFakeExcel({ fileName: name, sheets: snapshot.sheets }, { supportedSets: { ExcelApi: excelApi } });
  installed = installFakeOffice(fake);
  return fake;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** ExcelApi minor versions compared as numbers ('1.13' is above '1.9'). */
const atLeast = (have: string, want: string) => Number(have.split('.')[1]) >= Number(want.split('.')[1]);

/** Every onChanged event the fake raises, seen by a handler of our own on the collection. */
function recordRaw(fake: FakeExcel): WorksheetChangedArgs[] {
  const seen: WorksheetChangedArgs[] = [];
  fake.context.workbook.worksheets.onChanged.add(async (e) => {
    seen.push(e as unknown as WorksheetChangedArgs);
  });
  return seen;
}

// 1.17: triggerSource tells ours apart; 1.13: collection events, no triggerSource; 1.7: per-sheet events.
describe.each(['1.17', '1.13', '1.7'])('OfficeHost at ExcelApi %s', (excelApi) => {
  test("the add-in's own writes raise onChanged in Excel, but the pane's handler hears only the user's edits", async () => {
    const fake = await fakeOf('tong-hop-xa-2025.xlsx', excelApi);
    const raw = atLeast(excelApi, '1.9') ? recordRaw(fake) : [];
    const userSheet = fake.context.workbook.worksheets.getItem('Tổng hợp').load('id');
    await fake.context.sync();
    const host = new OfficeHost();
    const changed: CellEvent[] = [];
    const off = host.onChanged((e) => changed.push(e));
    await sleep(0);
    const snapshot = await host.readSnapshot();
    const { plan } = planCompute(snapshot, analyzeWorkbook(snapshot), { locale: 'vi' });
    await host.applyPlan(plan);
    await host.saveState({ ...analyzeWorkbook(snapshot).state, ignoredFindings: ['score/above-max|Tổng hợp!D23'] });
    await sleep(50);
    if (atLeast(excelApi, '1.9')) {
      // Excel did raise them (per the events documentation), for the user's sheet and ours.
      expect(raw.some((e) => e.worksheetId === userSheet.id)).toBe(true);
      expect(raw.some((e) => e.worksheetId !== userSheet.id)).toBe(true);
      expect(raw.every((e) => e.source === 'Local')).toBe(true);
      expect(raw.every((e) => e.triggerSource === (atLeast(excelApi, '1.14') ? 'ThisLocalAddin' : undefined))).toBe(true);
    }
    expect(changed).toEqual([]);
    // The user's edit right after still reaches the pane.
    await fake.simulateEdit('Tổng hợp', 'E10', 0.5);
    await waitFor(() => expect(changed).toEqual([{ sheet: 'Tổng hợp', address: 'E10' }]));
    off();
  });
});

describe.each(['1.17', '1.13'])('at ExcelApi %s', (excelApi) => {
  test('a user edit after the sheet was renamed reaches the handler with the new name; our writes cost no name lookups', async () => {
    const fake = await fakeOf('tong-hop-xa-2025.xlsx', excelApi);
    const host = new OfficeHost();
    const changed: CellEvent[] = [];
    const off = host.onChanged((e) => changed.push(e));
    await sleep(0);
    await fake.simulateEdit('Tổng hợp', 'E10', 0.5);
    await waitFor(() => expect(changed).toEqual([{ sheet: 'Tổng hợp', address: 'E10' }]));
    const snapshot = await host.readSnapshot();
    const { plan } = planCompute(snapshot, analyzeWorkbook(snapshot), { locale: 'vi' });
    fake.resetCounters();
    await host.applyPlan(plan);
    const applySyncs = fake.syncCount;
    await sleep(50);
    // One lookup at most per sheet our write touched for the first time (the new "Xếp hạng", the state sheet).
    expect(fake.syncCount - applySyncs).toBeLessThanOrEqual(2);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Tổng hợp').name = 'TH';
    });
    await fake.simulateEdit('TH', 'E11', 1);
    await waitFor(() =>
      expect(changed).toEqual([
        { sheet: 'Tổng hợp', address: 'E10' },
        { sheet: 'TH', address: 'E11' },
      ]),
    );
    off();
  });
});

test("below ExcelApi 1.14 an event in a cell we did not write, during our write, is the user's", () => {
  let now = 1000;
  const own = new OwnWrites(() => now);
  const plan = {
    ...emptyPlan(),
    cellWrites: [
      { sheet: 'Tổng hợp', address: 'D49', content: num(1) },
      { sheet: 'Tổng hợp', address: 'D50', content: num(1) },
    ],
  };
  const write = own.begin(footprintOf(plan));
  expect(own.isEcho({ sheet: 'Tổng hợp', address: 'D49:D50' })).toBe(true);
  expect(own.isEcho({ sheet: 'Tổng hợp', address: 'D48:D50' })).toBe(false);
  expect(own.isEcho({ sheet: 'Tổng hợp', address: 'E10' })).toBe(false);
  expect(own.isEcho({ sheet: 'PAR_Scorecard_State', address: 'A1:B3' })).toBe(true);
  write.end(['Xếp hạng 2025 (2)']);
  expect(own.isEcho({ sheet: 'Xếp hạng 2025 (2)', address: 'A1:F40' })).toBe(true);
  now += OWN_WRITE_ECHO_MS + 1;
  expect(own.isEcho({ sheet: 'Tổng hợp', address: 'D49' })).toBe(false);
  // With triggerSource (ExcelApi 1.14) it decides alone.
  expect(own.isEcho({ sheet: 'Tổng hợp', address: 'E10', triggerSource: 'ThisLocalAddin' })).toBe(true);
  expect(own.isEcho({ sheet: 'PAR_Scorecard_State', address: 'A1', triggerSource: 'Unknown' })).toBe(false);
});

describe.each(['1.17', '1.7'])('the pane on the fake Excel at ExcelApi %s', (excelApi) => {
  test('one read after "Ghi tổng điểm và xếp hạng", none after "Bỏ qua"; a user edit re-validates once', async () => {
    const fake = await fakeOf('loi-vuot-diem-toi-da.xlsx', excelApi);
    const host = new OfficeHost();
    let reads = 0;
    const read = host.readSnapshot.bind(host);
    host.readSnapshot = () => {
      reads++;
      return read();
    };
    render(<App host={host} locale="vi" initialView="check" theme={webLightTheme} />);
    await screen.findByRole('button', { name: /Đến ô Tổng hợp!D23/ }, { timeout: 8000 });
    await sleep(SETTLE_MS);
    expect(reads).toBe(1);

    // "Bỏ qua": the state is written into the workbook; nothing is read again.
    await userEvent.click(screen.getByRole('button', { name: 'Bỏ qua phát hiện tại Tổng hợp!D23' }));
    await waitFor(() => expect(fake.workbookState().sheets.some((s) => s.name === 'PAR_Scorecard_State')).toBe(true));
    await act(() => sleep(SETTLE_MS));
    expect(reads).toBe(1);

    // Applying totals and ranks: the pane reads once after the write, not a second time.
    await userEvent.click(screen.getByRole('tab', { name: 'Tổng hợp & xếp hạng' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Ghi tổng điểm và xếp hạng' }, { timeout: 5000 }));
    // The table still has errors (D23 above its maximum): the pane asks before ranking over them.
    const dialog = await screen.findByRole('alertdialog', { hidden: true }, { timeout: 5000 });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Vẫn ghi', hidden: true }));
    await screen.findByText(/Đã ghi tổng điểm, công thức xếp hạng/, undefined, { timeout: 5000 });
    expect(fake.workbookState().sheets.map((s) => s.name)).toContainEqual(expect.stringMatching(/^Xếp hạng/));
    const afterApply = reads;
    expect(afterApply).toBe(2);
    await act(() => sleep(SETTLE_MS));
    expect(reads).toBe(afterApply);

    // The user's edit re-validates: one more read.
    await act(() => fake.simulateEdit('Tổng hợp', 'E10', 0.5));
    await act(() => sleep(SETTLE_MS));
    expect(reads).toBe(afterApply + 1);
  }, 20_000);
});
