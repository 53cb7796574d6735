/// <reference types="office-js" />
import { applyPlan, clearHighlights, selectCell, columnWidthPoints } from '../../../src/hosts/office/write';
import { readSnapshot } from '../../../src/hosts/office/read';
import { FEATURE_SETS } from '../../../src/hosts/office/requirements';
import { OfficeWriteError } from '../../../src/hosts/office/errors';
import {
  createFakeExcel,
  installFakeOffice,
  type FakeExcel,
  type FakeWorkbookInput,
  type InstalledOffice,
} from '../../../src/testing/fake-excel';
import { emptyPlan, formula, num, text, type GeneratedSheet, type WritePlan } from '../../../src/core/plan';
import { STATE_SHEET_NAME, emptyState, readState, type WorkbookState } from '../../../src/core/state';
import { cellAt } from '../../../src/core/snapshot';
import { HIGHLIGHT_COLORS, cssColor } from '../../../src/hosts/palette';
import { n, s } from './grid';

let office: InstalledOffice | undefined;
function fakeWith(input: FakeWorkbookInput, options?: Parameters<typeof createFakeExcel>[1]): FakeExcel {
  const fake = createFakeExcel(input, options);
  office = installFakeOffice(fake);
  return fake;
}
afterEach(() => {
  office?.uninstall();
  office = undefined;
});

const consolidation = (): FakeWorkbookInput => ({
  sheets: [
    {
      name: 'Tổng hợp',
      cells: [
        [s('STT'), s('Nội dung'), s('Điểm tối đa'), s('Phường An Lạc'), s('Xã Hòa Bình')],
        [s('1.1'), s('Ban hành kế hoạch'), n(1), n(1), n(0.5)],
        [s('1.2'), s('Báo cáo'), n(2), n(1.5), n(2)],
        [s('XẾP HẠNG')],
      ],
    },
  ],
});

function generated(name: string, rows: number, purpose: GeneratedSheet['purpose'] = 'ranking'): GeneratedSheet {
  const body = Array.from({ length: rows }, (_, i) => [
    num(i + 1),
    text(`Xã số ${i + 1}`),
    num(80 + (i % 2000) / 100, '0.00'),
    formula(`RANK.EQ(C${i + 3},$C$3:$C$${rows + 2})`, 1),
    text(i % 7 === 0 ? '=1+1' : 'Khá'),
  ]);
  return {
    name,
    purpose,
    rows: [
      [text('XẾP HẠNG CHỈ SỐ CCHC NĂM 2025')],
      [text('STT'), text('Đơn vị'), text('Tổng điểm'), text('Hạng'), text('Xếp loại')],
      ...body,
    ],
    styles: [
      { range: 'A1', style: 'title' },
      { range: 'A2:E2', style: 'header' },
    ],
    columnWidths: [6, 30, 12, 8, 10],
    freezeRows: 2,
    hyperlinks: [{ address: 'B3', sheet: 'Tổng hợp', cell: 'D1' }],
    conditionalFormats: [{ range: `C3:C${rows + 2}`, formula: '=C3<85', style: 'decline' }],
  };
}

const stateOf = async (fake: FakeExcel): Promise<WorkbookState> => readState(await readSnapshot(fake.context));

describe('applyPlan', () => {
  test("text is stored as literal text: '=1+1', '1.1.2', '0,5', 'TRUE' never become formulas or numbers", async () => {
    const fake = fakeWith(consolidation());
    const plan = emptyPlan();
    plan.cellWrites.push(
      { sheet: 'Tổng hợp', address: 'D4', content: text('=1+1') },
      { sheet: 'Tổng hợp', address: 'E4', content: text('1.1.2') },
      { sheet: 'Tổng hợp', address: 'F4', content: text('0,5') },
      { sheet: 'Tổng hợp', address: 'G4', content: text('TRUE') },
      { sheet: 'Tổng hợp', address: 'H4', content: text("'quoted") },
      { sheet: 'Tổng hợp', address: 'I4', content: formula('=RANK.EQ(D2,D2:E2)', 1) },
      { sheet: 'Tổng hợp', address: 'J4', content: num(0.5, '0.00') },
    );
    await applyPlan(fake.context, plan, emptyState());
    expect(fake.cell('Tổng hợp', 'D4')).toEqual({ value: '=1+1', quotePrefix: true });
    expect(fake.cell('Tổng hợp', 'E4')?.value).toBe('1.1.2');
    expect(fake.cell('Tổng hợp', 'F4')?.value).toBe('0,5');
    expect(fake.cell('Tổng hợp', 'G4')?.value).toBe('TRUE');
    expect(fake.cell('Tổng hợp', 'H4')?.value).toBe("'quoted");
    expect(fake.cell('Tổng hợp', 'I4')?.formula).toBe('=RANK.EQ(D2,D2:E2)');
    expect(fake.cell('Tổng hợp', 'J4')).toMatchObject({ value: 0.5, numberFormat: '0.00' });
    // And read back through the adapter: text, not a formula.
    const snap = await readSnapshot(fake.context);
    expect(cellAt(snap.sheets[0], 4, 4)).toEqual({ v: '=1+1', t: 's' });
    expect(cellAt(snap.sheets[0], 4, 9)).toMatchObject({ f: 'RANK.EQ(D2,D2:E2)' });
  });

  test('a 3,321-row generated sheet: 2 syncs, every request under 4 MB, cells, styles, links, freeze, state', async () => {
    const fake = fakeWith(consolidation());
    const plan: WritePlan = { ...emptyPlan(), sheets: [generated('Xếp hạng 2025', 3321)] };
    fake.resetCounters();
    const result = await applyPlan(fake.context, plan, emptyState());
    expect(fake.syncCount).toBe(2);
    expect(result.syncs).toBe(2);
    expect(Math.max(...fake.requests.map((r) => r.bytes))).toBeLessThan(4 * 1024 * 1024);
    expect(result.maxPayloadBytes).toBeLessThan(4 * 1024 * 1024);
    expect(result.maxPayloadBytes).toBeGreaterThan(100 * 1024);
    expect(result.sheets).toEqual([{ desired: 'Xếp hạng 2025', name: 'Xếp hạng 2025', purpose: 'ranking', replaced: false }]);

    const dump = fake.workbookState();
    const sheet = dump.sheets.find((x) => x.name === 'Xếp hạng 2025')!;
    expect(sheet.cells.length).toBe(3323);
    expect(cellAt(sheet, 3323, 2)).toEqual({ v: 'Xã số 3321', t: 's' });
    expect(cellAt(sheet, 3, 3)).toEqual({ v: 80, t: 'n', fmt: '0.00' });
    expect(cellAt(sheet, 3, 4)).toMatchObject({ f: 'RANK.EQ(C3,$C$3:$C$3323)' });
    expect(cellAt(sheet, 3, 5)).toEqual({ v: '=1+1', t: 's' });
    expect(sheet.freezeRows).toBe(2);
    expect(sheet.columnWidths[2]).toBe(columnWidthPoints(30));
    expect(sheet.hyperlinks).toEqual([{ address: 'B3', documentReference: "'Tổng hợp'!D1", textToDisplay: 'Xã số 1' }]);
    // Styles are range formats, one record per property per styled range: no per-cell formatting.
    expect(sheet.formats.length).toBeLessThan(20);
    expect(sheet.formats).toContainEqual({ range: 'A2:E2', fill: '#D9E1F2' });
    expect(sheet.conditionalFormats).toEqual([
      {
        range: 'C3:C3323',
        type: 'Custom',
        formula: '=C3<85',
        fill: cssColor(HIGHLIGHT_COLORS.decline.fill),
        fontColor: cssColor(HIGHLIGHT_COLORS.decline.font),
      },
    ]);
    expect(dump.calculationSuspensions).toBe(1);

    const state = dump.sheets.find((x) => x.name === STATE_SHEET_NAME)!;
    expect(state.visibility).toBe('veryHidden');
    expect(readState(fake.toSnapshot()).ownedSheets).toEqual(['Xếp hạng 2025']);
  });

  test('data beyond the request budget goes into extra syncs, one per budget', async () => {
    const fake = fakeWith(consolidation());
    const plan: WritePlan = { ...emptyPlan(), sheets: [generated('Lớn', 3321)] };
    fake.resetCounters();
    const budget = 256 * 1024;
    const result = await applyPlan(fake.context, plan, emptyState(), { maxRequestBytes: budget });
    const total = result.requestBytes.reduce((a, b) => a + b, 0);
    expect(result.syncs).toBeGreaterThan(2);
    expect(result.syncs).toBeLessThanOrEqual(2 + Math.ceil(total / budget));
    expect(fake.syncCount).toBe(result.syncs);
    for (const r of fake.requests) expect(r.bytes).toBeLessThan(budget * 1.1);
    expect(
      cellAt(
        fake.workbookState().sheets.find((x) => x.name === 'Lớn')!,
        3323,
        2,
      ),
    ).toEqual({ v: 'Xã số 3321', t: 's' });
  });

  test('replaces its own earlier sheet, but never a user\'s sheet of the same name (→ "(2)")', async () => {
    const fake = fakeWith(consolidation());
    await applyPlan(fake.context, { ...emptyPlan(), sheets: [generated('Xếp hạng 2025', 3)] }, emptyState());
    let state = await stateOf(fake);
    const again = await applyPlan(fake.context, { ...emptyPlan(), sheets: [generated('Xếp hạng 2025', 5)] }, state);
    expect(again.sheets[0]).toMatchObject({ name: 'Xếp hạng 2025', replaced: true });
    let dump = fake.workbookState();
    expect(dump.sheets.filter((x) => x.name.startsWith('Xếp hạng')).map((x) => [x.name, x.cells.length])).toEqual([['Xếp hạng 2025', 7]]);

    // A user's sheet with the name we want.
    const user = fakeWith({
      sheets: [...consolidation().sheets, { name: 'So sánh 2025', cells: [[s('của người dùng')]] }],
    });
    state = await stateOf(user);
    const r = await applyPlan(user.context, { ...emptyPlan(), sheets: [generated('So sánh 2025', 2, 'comparison')] }, state);
    expect(r.sheets[0]).toMatchObject({ name: 'So sánh 2025 (2)', replaced: false });
    dump = user.workbookState();
    expect(
      cellAt(
        dump.sheets.find((x) => x.name === 'So sánh 2025')!,
        1,
        1,
      ),
    ).toEqual({ v: 'của người dùng', t: 's' });
    expect(readState(user.toSnapshot()).ownedSheets).toEqual(['So sánh 2025 (2)']);
  });

  test('a protected target sheet: OfficeWriteError "protected", nothing written, one sync', async () => {
    const input = consolidation();
    input.sheets[0].protected = true;
    const fake = fakeWith(input);
    const before = JSON.stringify(fake.workbookState());
    const plan: WritePlan = {
      ...emptyPlan(),
      sheets: [generated('Xếp hạng 2025', 10)],
      cellWrites: [{ sheet: 'Tổng hợp', address: 'D4', content: num(1) }],
    };
    fake.resetCounters();
    const error = await applyPlan(fake.context, plan, emptyState()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeWriteError);
    expect(error).toMatchObject({ reason: 'protected', sheet: 'Tổng hợp' });
    expect((error as OfficeWriteError).messages.vi).toMatch(/đang được bảo vệ/);
    expect((error as OfficeWriteError).messages.en).toMatch(/is protected/);
    expect(JSON.stringify(fake.workbookState())).toBe(before);
    expect(fake.syncCount).toBe(1);
  });

  test('a protected earlier sheet of ours is not replaced; workbook structure protection refuses new sheets', async () => {
    const fake = fakeWith(consolidation());
    await applyPlan(fake.context, { ...emptyPlan(), sheets: [generated('Xếp hạng 2025', 3)] }, emptyState());
    fake.setSheetProtected('Xếp hạng 2025', true);
    await expect(
      applyPlan(fake.context, { ...emptyPlan(), sheets: [generated('Xếp hạng 2025', 3)] }, await stateOf(fake)),
    ).rejects.toMatchObject({ reason: 'protected', sheet: 'Xếp hạng 2025' });

    const locked = fakeWith({ ...consolidation(), workbookProtected: true });
    await expect(applyPlan(locked.context, { ...emptyPlan(), sheets: [generated('X', 1)] }, emptyState())).rejects.toMatchObject({
      reason: 'workbook-protected',
    });
  });

  test('a missing target sheet: OfficeWriteError "missing-sheet"', async () => {
    const fake = fakeWith(consolidation());
    const plan: WritePlan = { ...emptyPlan(), cellWrites: [{ sheet: 'Đã xóa', address: 'A1', content: num(1) }] };
    await expect(applyPlan(fake.context, plan, emptyState())).rejects.toMatchObject({ reason: 'missing-sheet', sheet: 'Đã xóa' });
  });

  test('calculation is suspended from ExcelApi 1.6 (its documented set): an Excel at 1.7 suspends it too', async () => {
    const at17 = fakeWith(consolidation(), { supportedSets: { ExcelApi: '1.7' } });
    await applyPlan(at17.context, { ...emptyPlan(), sheets: [generated('X', 2)] }, emptyState());
    expect(at17.workbookState().calculationSuspensions).toBeGreaterThan(0);
    expect(FEATURE_SETS.suspendCalculation).toBe('1.6');
  });

  test('below ExcelApi 1.6 no calculation suspension is asked for (the fake refuses it there)', async () => {
    const at15 = fakeWith(consolidation(), { supportedSets: { ExcelApi: '1.5' } });
    await applyPlan(
      at15.context,
      { ...emptyPlan(), cellWrites: [{ sheet: at15.toSnapshot().sheets[0].name, address: 'Z1', content: num(1) }] },
      emptyState(),
    );
    expect(at15.workbookState().calculationSuspensions).toBe(0);
  });
});

describe('highlights', () => {
  const withUserCf = (): FakeWorkbookInput => {
    const input = consolidation();
    input.sheets[0].conditionalFormats = [{ range: 'D2:E3', formula: '=D2=0', fill: '#FF0000' }];
    return input;
  };
  const highlightPlan = (formulaText = '=AND(ISNUMBER(D2),D2<$C2)'): WritePlan => ({
    ...emptyPlan(),
    conditionalFormats: [{ sheet: 'Tổng hợp', range: 'D2:E3', formula: formulaText, style: 'shortfall' }],
  });

  test('adds conditional formats with the right range and formula, records them, and clearHighlights removes only ours', async () => {
    const fake = fakeWith(withUserCf());
    const result = await applyPlan(fake.context, highlightPlan(), emptyState());
    expect(result.conditionalFormatsAdded).toBe(1);
    let cfs = fake.workbookState().sheets[0].conditionalFormats;
    expect(cfs).toContainEqual({
      range: 'D2:E3',
      type: 'Custom',
      formula: '=AND(ISNUMBER(D2),D2<$C2)',
      fill: cssColor(HIGHLIGHT_COLORS.shortfall.fill),
      fontColor: cssColor(HIGHLIGHT_COLORS.shortfall.font),
    });
    expect(cfs).toHaveLength(2);
    const state = await stateOf(fake);
    expect(state.ownedConditionalFormats).toEqual([{ sheet: 'Tổng hợp', range: 'D2:E3', formula: '=AND(ISNUMBER(D2),D2<$C2)' }]);

    fake.resetCounters();
    const cleared = await clearHighlights(fake.context, state);
    expect(cleared.removed).toBe(1);
    expect(cleared.syncs).toBe(2);
    expect(fake.syncCount).toBe(2);
    cfs = fake.workbookState().sheets[0].conditionalFormats;
    expect(cfs).toEqual([{ range: 'D2:E3', type: 'Custom', formula: '=D2=0', fill: '#FF0000' }]);
    expect((await stateOf(fake)).ownedConditionalFormats).toEqual([]);
  });

  test('a user format with the same range survives; without a known state clearHighlights reads it first (3 syncs)', async () => {
    const fake = fakeWith(withUserCf());
    await applyPlan(fake.context, highlightPlan('=D2=0'), emptyState()); // same formula as the user's!
    expect(fake.workbookState().sheets[0].conditionalFormats).toHaveLength(2);
    fake.resetCounters();
    const cleared = await clearHighlights(fake.context);
    expect(fake.syncCount).toBe(3);
    // Both match range + formula: one record removes one format, the most recent (ours, on top).
    expect(cleared.removed).toBe(1);
    expect(fake.workbookState().sheets[0].conditionalFormats).toEqual([
      { range: 'D2:E3', type: 'Custom', formula: '=D2=0', fill: '#FF0000' },
    ]);
  });

  test('a re-run replaces our earlier highlights on that sheet instead of stacking them', async () => {
    const fake = fakeWith(withUserCf());
    await applyPlan(fake.context, highlightPlan(), emptyState());
    const r = await applyPlan(fake.context, highlightPlan(), await stateOf(fake));
    expect(r.conditionalFormatsRemoved).toBe(1);
    expect(fake.workbookState().sheets[0].conditionalFormats).toHaveLength(2);
    expect(r.syncs).toBe(2);
  });

  test('highlights on a protected sheet are refused before anything is written', async () => {
    const input = withUserCf();
    const fake = fakeWith(input);
    await applyPlan(fake.context, highlightPlan(), emptyState());
    fake.setSheetProtected('Tổng hợp', true);
    const before = JSON.stringify(fake.workbookState());
    await expect(clearHighlights(fake.context, await stateOf(fake))).rejects.toMatchObject({ reason: 'protected' });
    expect(JSON.stringify(fake.workbookState())).toBe(before);
  });
});

describe('selectCell', () => {
  test('activates the sheet and selects the cell in one sync', async () => {
    const fake = fakeWith({ sheets: [...consolidation().sheets, { name: 'Khác', cells: [[n(1)]] }] });
    fake.resetCounters();
    await selectCell(fake.context, 'Tổng hợp', 'D3');
    expect(fake.syncCount).toBe(1);
    expect(fake.workbookState().selection).toEqual({ sheet: 'Tổng hợp', address: 'D3' });
    await expect(selectCell(fake.context, 'Không có', 'A1')).rejects.toMatchObject({ reason: 'missing-sheet' });
  });
});
