import { createHash } from 'crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync, copyFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { cellAt, type SheetSnapshot, type WorkbookSnapshot } from '../../../src/core/snapshot';
import { parseA1 } from '../../../src/core/a1';
import { EMPTY, emptyPlan, formula, num, text, type GeneratedSheet, type WritePlan } from '../../../src/core/plan';
import { readState, STATE_SHEET_NAME, emptyState } from '../../../src/core/state';
import {
  applyPlanToBuffer,
  applyPlanToBufferDetailed,
  applyPlanToWorkbook,
  clearOwnedHighlights,
  readWorkbookState,
  workbookToBytes,
  writeWorkbookState,
} from '../../support/exceljs/write';
import { loadWorkbook, readWorkbookBuffer, workbookToSnapshot } from '../../support/exceljs/read';
import { WorkbookWriteError } from '../../../src/hosts/xlsx/errors';
import { nodeZipCodec, openWorkbookFile, readWorkbookFile, writeResultFile } from '../../../src/hosts/xlsx/node';
import { readXlsxPackage, writeXlsxPackage } from '../../../src/hosts/xlsx/ooxml/package';
import { HIGHLIGHT_COLORS, PALETTE } from '../../../src/hosts/palette';
import { SAMPLES } from '../../support/shared';

const FIXTURES = SAMPLES;
const fixture = (name: string) => path.join(FIXTURES, name);
const fixtureBytes = (name: string) => new Uint8Array(readFileSync(fixture(name)));

const sheet = (wb: WorkbookSnapshot, name: string): SheetSnapshot => {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${wb.sheets.map((x) => x.name).join(', ')}`);
  return s;
};
const at = (s: SheetSnapshot, address: string) => {
  const { row, col } = parseA1(address);
  return cellAt(s, row, col);
};
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function rankingSheet(name = 'Xếp hạng 2025', units = ['Xã Hòa Bình', '=1+1']): GeneratedSheet {
  return {
    name,
    purpose: 'ranking',
    rows: [
      [text('BẢNG XẾP HẠNG CHỈ SỐ CCHC NĂM 2025')],
      [text('Đơn vị'), text('Tổng điểm'), text('Xếp hạng')],
      ...units.map((u, i) => [text(u), num(86.75 - i, '0.000'), formula(`=RANK.EQ(B${i + 3},$B$3:$B$${units.length + 2})`, i + 1)]),
    ],
    styles: [
      { range: 'A1', style: 'title' },
      { range: 'A2:C2', style: 'header' },
    ],
    columnWidths: [30, 12, 10],
    freezeRows: 2,
    hyperlinks: [{ address: 'A3', sheet: 'Tổng hợp', cell: 'F7' }],
    conditionalFormats: [{ range: 'B3:B4', formula: '=B3>=86', style: 'fullMarks' }],
  };
}

async function workbookWithUserSheets(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return workbookToBytes(wb);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'par-xlsx-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('cell writes', () => {
  it('text that looks like a formula stays literal text ("=1+1", "+84…", "-5", "@x")', async () => {
    const plan: WritePlan = {
      ...emptyPlan(),
      cellWrites: [
        { sheet: 'Tổng hợp', address: 'D50', content: text('=1+1') },
        { sheet: 'Tổng hợp', address: 'E50', content: text('+84 912 345 678') },
        { sheet: 'Tổng hợp', address: 'F50', content: text('-5') },
        { sheet: 'Tổng hợp', address: 'G50', content: text('@SUM(A1)') },
        { sheet: 'Tổng hợp', address: 'H50', content: text('0,5') },
      ],
    };
    const out = await applyPlanToBuffer(fixtureBytes('tong-hop-xa-2025.xlsx'), plan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Tổng hợp')!;
    const expected: Record<string, string> = { D50: '=1+1', E50: '+84 912 345 678', F50: '-5', G50: '@SUM(A1)', H50: '0,5' };
    for (const [address, value] of Object.entries(expected)) {
      const cell = ws.getCell(address);
      expect(cell.formula).toBeUndefined();
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(value);
    }
    const s = sheet(await readWorkbookBuffer(out), 'Tổng hợp');
    expect(at(s, 'D50')).toEqual({ v: '=1+1', t: 's' });
    expect(at(s, 'H50')).toEqual({ v: '0,5', t: 's' });
  });

  it('a unit named "=1+1" survives a write of the workbook as text; an empty plan adds no state sheet', async () => {
    const out = await applyPlanToBuffer(fixtureBytes('loi-ten-don-vi-cong-thuc.xlsx'), emptyPlan());
    const snap = await readWorkbookBuffer(out);
    expect(at(sheet(snap, 'Tổng hợp'), 'E7')).toEqual({ v: '=1+1', t: 's' });
    expect(snap.sheets.map((s) => s.name)).toEqual(['Tổng hợp']);
  });

  it('a formula with its cached value round-trips; post-2007 functions get their file prefix', async () => {
    const plan: WritePlan = {
      ...emptyPlan(),
      cellWrites: [
        { sheet: 'Tổng hợp', address: 'D50', content: formula('=RANK.EQ(D49,$D$49:$O$49)', 1) },
        { sheet: 'Tổng hợp', address: 'E50', content: formula('=SUM(E8,E16)', 16.33, '0.00') },
        { sheet: 'Tổng hợp', address: 'F50', content: num(3, '0') },
        { sheet: 'Tổng hợp', address: 'D10', content: num(0.75, '0.00') },
      ],
    };
    const out = await applyPlanToBuffer(fixtureBytes('tong-hop-xa-2025.xlsx'), plan);
    const s = sheet(await readWorkbookBuffer(out), 'Tổng hợp');
    expect(at(s, 'D50')).toEqual({ v: 1, t: 'n', f: 'RANK.EQ(D49,$D$49:$O$49)' });
    expect(at(s, 'E50')).toEqual({ v: 16.33, t: 'n', f: 'SUM(E8,E16)', fmt: '0.00' });
    expect(at(s, 'F50')).toEqual({ v: 3, t: 'n', fmt: '0' });
    expect(at(s, 'D10')).toEqual({ v: 0.75, t: 'n', fmt: '0.00' });
    // Other cells that shared D10's style keep their format.
    expect(at(s, 'E10')).toEqual({ v: 1, t: 'n' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('Tổng hợp')!.getCell('D50').formula).toBe('_xlfn.RANK.EQ(D49,$D$49:$O$49)');
  });

  it('empty clears a value; everything else in the workbook is kept', async () => {
    const input = fixtureBytes('tong-hop-xa-2025.xlsx');
    const before = await readWorkbookBuffer(input);
    const out = await applyPlanToBuffer(input, { ...emptyPlan(), cellWrites: [{ sheet: 'Tổng hợp', address: 'B50', content: EMPTY }] });
    const after = await readWorkbookBuffer(out);
    const b = sheet(before, 'Tổng hợp');
    const a = sheet(after, 'Tổng hợp');
    expect(at(a, 'B50')).toBeNull();
    expect(a.merges.sort()).toEqual(b.merges.sort());
    expect(a.cells.slice(0, 49)).toEqual(b.cells.slice(0, 49));
  });

  it('refuses a write into a merged range or a missing sheet before changing anything', async () => {
    const wb = await loadWorkbook(fixtureBytes('tong-hop-xa-2025.xlsx'));
    const before = JSON.stringify(workbookToSnapshot(wb));
    const attempt = (plan: WritePlan) => {
      try {
        applyPlanToWorkbook(wb, plan);
      } catch (e) {
        expect(e).toBeInstanceOf(WorkbookWriteError);
        return (e as WorkbookWriteError).reason;
      }
      return 'no error';
    };
    expect(
      attempt({
        ...emptyPlan(),
        cellWrites: [
          { sheet: 'Tổng hợp', address: 'D50', content: text('1') },
          { sheet: 'Tổng hợp', address: 'B4', content: text('x') },
        ],
      }),
    ).toBe('merged-cell');
    expect(attempt({ ...emptyPlan(), cellWrites: [{ sheet: 'Không có', address: 'A1', content: text('x') }] })).toBe('missing-sheet');
    expect(attempt({ ...emptyPlan(), cellWrites: [{ sheet: 'Tổng hợp', address: 'ZZZZ1', content: text('x') }] })).toBe('invalid-address');
    expect(JSON.stringify(workbookToSnapshot(wb))).toBe(before);
  });
});

describe('generated sheets', () => {
  it("never replaces the user's sheet: ours becomes 'Xếp hạng 2025 (2)', and a re-run replaces ours", async () => {
    const input = await workbookWithUserSheets((wb) => {
      wb.addWorksheet('Tổng hợp').getCell('F7').value = 'Xã Hòa Bình';
      wb.addWorksheet('Xếp hạng 2025').getCell('A1').value = 'Bảng của người dùng';
      wb.addWorksheet('Ghi chú').getCell('A1').value = 'cuối';
    });
    const plan: WritePlan = { ...emptyPlan(), sheets: [rankingSheet()] };
    const first = await applyPlanToBufferDetailed(input, plan);
    expect(first.applied.sheets).toEqual([{ desired: 'Xếp hạng 2025', name: 'Xếp hạng 2025 (2)', purpose: 'ranking', replaced: false }]);
    expect(first.applied.sheetNames.get('Xếp hạng 2025')).toBe('Xếp hạng 2025 (2)');
    const snap1 = await readWorkbookBuffer(first.data);
    expect(snap1.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Xếp hạng 2025', 'Ghi chú', 'Xếp hạng 2025 (2)', STATE_SHEET_NAME]);
    expect(at(sheet(snap1, 'Xếp hạng 2025'), 'A1')).toEqual({ v: 'Bảng của người dùng', t: 's' });
    expect(at(sheet(snap1, 'Xếp hạng 2025 (2)'), 'A4')).toEqual({ v: '=1+1', t: 's' });

    const second = await applyPlanToBufferDetailed(first.data, {
      ...emptyPlan(),
      sheets: [rankingSheet('Xếp hạng 2025', ['Xã An Phú', 'Xã Tân Thành', 'Xã Đông Hà'])],
    });
    expect(second.applied.sheets[0]).toMatchObject({ name: 'Xếp hạng 2025 (2)', replaced: true });
    const snap2 = await readWorkbookBuffer(second.data);
    expect(snap2.sheets.map((s) => s.name)).toEqual(snap1.sheets.map((s) => s.name));
    const ours = sheet(snap2, 'Xếp hạng 2025 (2)');
    expect(at(ours, 'A3')).toMatchObject({ v: 'Xã An Phú' });
    expect(at(ours, 'A5')).toEqual({ v: 'Xã Đông Hà', t: 's' });
    expect(at(sheet(snap2, 'Xếp hạng 2025'), 'A1')).toEqual({ v: 'Bảng của người dùng', t: 's' });
    expect(readState(snap2).ownedSheets).toEqual(['Xếp hạng 2025 (2)']);
  });

  it('two generated sheets with the same name in one plan do not replace each other', async () => {
    const input = await workbookWithUserSheets((wb) => {
      wb.addWorksheet('Tổng hợp');
    });
    const { applied } = await applyPlanToBufferDetailed(input, { ...emptyPlan(), sheets: [rankingSheet(), rankingSheet()] });
    expect(applied.sheets.map((s) => s.name)).toEqual(['Xếp hạng 2025', 'Xếp hạng 2025 (2)']);
  });

  it('writes styles from the shared palette, widths, frozen header, internal links, highlights', async () => {
    const input = await workbookWithUserSheets((wb) => {
      wb.addWorksheet('Tổng hợp').getCell('F7').value = 'Xã Hòa Bình';
    });
    const out = await applyPlanToBuffer(input, { ...emptyPlan(), sheets: [rankingSheet()] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Xếp hạng 2025')!;
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell('B2').font).toMatchObject({ bold: true });
    expect(ws.getCell('B2').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: PALETTE.headerFill } });
    expect(ws.getCell('B2').border.top).toMatchObject({ style: 'thin' });
    expect(ws.getCell('B2').alignment).toMatchObject({ wrapText: true, horizontal: 'center' });
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getCell('B3').numFmt).toBe('0.000');
    expect(ws.getCell('A3').formula).toBe(`HYPERLINK("#'Tổng hợp'!F7","Xã Hòa Bình")`);
    expect(ws.getCell('A3').result).toBe('Xã Hòa Bình');
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[]; style: ExcelJS.Style }[] }[] })
      .conditionalFormattings;
    expect(cfs).toHaveLength(1);
    expect(cfs[0].ref).toBe('B3:B4');
    expect(cfs[0].rules[0].formulae).toEqual(['B3>=86']);
    expect(JSON.stringify(cfs[0].rules[0].style)).toContain(HIGHLIGHT_COLORS.fullMarks.fill);
    const snap = sheet(await readWorkbookBuffer(out), 'Xếp hạng 2025');
    expect(at(snap, 'A3')).toMatchObject({ v: 'Xã Hòa Bình', t: 's' });
    expect(at(snap, 'C3')).toEqual({ v: 1, t: 'n', f: 'RANK.EQ(B3,$B$3:$B$4)' });
  });
});

describe('state sheet', () => {
  it('survives write + read and keeps what other commands recorded', async () => {
    const wb0 = new ExcelJS.Workbook();
    wb0.addWorksheet('Tổng hợp').getCell('A1').value = 'x';
    writeWorkbookState(wb0, {
      ...emptyState(),
      ignoredFindings: ['score/empty|Tổng hợp!D10'],
      corrections: [{ tableId: 'Tổng hợp!A6:O49', scoreSeries: 'appraised' }],
    });
    const input = await workbookToBytes(wb0);
    const out = await applyPlanToBuffer(input, { ...emptyPlan(), sheets: [rankingSheet()] });
    const snap = await readWorkbookBuffer(out);
    const stateSheet = sheet(snap, STATE_SHEET_NAME);
    expect(stateSheet.visibility).toBe('veryHidden');
    const state = readState(snap);
    expect(state.ownedSheets).toEqual(['Xếp hạng 2025']);
    expect(state.ignoredFindings).toEqual(['score/empty|Tổng hợp!D10']);
    expect(state.corrections).toEqual([{ tableId: 'Tổng hợp!A6:O49', scoreSeries: 'appraised' }]);
    expect(snap.sheets.filter((s) => s.name === STATE_SHEET_NAME)).toHaveLength(1);
  });
});

describe('highlights on the user sheets', () => {
  const live = (f: string) => ({
    sheet: 'Tổng hợp',
    range: 'D8:O48',
    formula: f,
    style: 'decline' as const,
  });

  it('are added, recorded as ours, replaced on re-run, and cleared without touching the user’s', async () => {
    const input = await workbookWithUserSheets((wb) => {
      const ws = wb.addWorksheet('Tổng hợp');
      ws.getCell('D8').value = 1;
      ws.addConditionalFormatting({
        ref: 'A1:A5',
        rules: [
          { type: 'expression', formulae: ['A1>0'], priority: 1, style: { font: { bold: true } } } as ExcelJS.ConditionalFormattingRule,
        ],
      });
    });
    const cfsOf = async (bytes: Uint8Array) => {
      const wb = await loadWorkbook(bytes);
      return (
        wb.getWorksheet('Tổng hợp') as unknown as {
          conditionalFormattings: { ref: string; rules: { formulae: string[]; priority: number }[] }[];
        }
      ).conditionalFormattings;
    };
    const once = await applyPlanToBufferDetailed(input, { ...emptyPlan(), conditionalFormats: [live('=AND(ISNUMBER(D8),D8<$C8)')] });
    expect(once.applied.conditionalFormatsAdded).toBe(1);
    let cfs = await cfsOf(once.data);
    expect(cfs.map((c) => c.ref)).toEqual(['A1:A5', 'D8:O48']);
    expect(cfs[1].rules[0].priority).toBeGreaterThan(cfs[0].rules[0].priority);
    expect(readState(await readWorkbookBuffer(once.data)).ownedConditionalFormats).toEqual([
      { sheet: 'Tổng hợp', range: 'D8:O48', formula: '=AND(ISNUMBER(D8),D8<$C8)' },
    ]);

    const twice = await applyPlanToBufferDetailed(once.data, { ...emptyPlan(), conditionalFormats: [live('=D8<$C8')] });
    expect(twice.applied.conditionalFormatsRemoved).toBe(1);
    cfs = await cfsOf(twice.data);
    expect(cfs.map((c) => c.rules[0].formulae[0])).toEqual(['A1>0', 'D8<$C8']);

    const wb = await loadWorkbook(twice.data);
    expect(clearOwnedHighlights(wb)).toBe(1);
    const cleared = await workbookToBytes(wb);
    cfs = await cfsOf(cleared);
    expect(cfs.map((c) => c.ref)).toEqual(['A1:A5']);
    expect(readWorkbookState(await loadWorkbook(cleared)).ownedConditionalFormats).toEqual([]);
  });
});

describe('data validation on score cells', () => {
  it('adds a decimal between min and max with the input message', async () => {
    const plan: WritePlan = {
      ...emptyPlan(),
      dataValidations: [
        { sheet: 'Tổng hợp', range: 'D10:O11', min: 0, max: 1, inputTitle: 'Tiêu chí 1.1.1', inputMessage: 'Tối đa 1 điểm' },
      ],
    };
    const { data, applied } = await applyPlanToBufferDetailed(fixtureBytes('tong-hop-xa-2025.xlsx'), plan);
    expect(applied.validatedCells).toBe(24);
    const ws = (await loadWorkbook(data)).getWorksheet('Tổng hợp')!;
    expect(ws.getCell('E11').dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 1],
      promptTitle: 'Tiêu chí 1.1.1',
      prompt: 'Tối đa 1 điểm',
    });
    expect(ws.getCell('E12').dataValidation).toBeUndefined();
    expect(at(sheet(await readWorkbookBuffer(data), 'Tổng hợp'), 'E11')).toEqual({ v: 1.5, t: 'n' });
  });
});

describe('protected sheets', () => {
  async function protectedInput(): Promise<Uint8Array> {
    return workbookWithUserSheets((wb) => {
      const ws = wb.addWorksheet('Tổng hợp');
      ws.getCell('A1').value = 'khóa';
      (ws as unknown as { sheetProtection: object }).sheetProtection = { sheet: true };
      wb.addWorksheet('Mở').getCell('A1').value = 'mở';
    });
  }

  it('a cell write or highlight on a protected sheet throws WorkbookWriteError("protected") before any change', async () => {
    const wb = await loadWorkbook(await protectedInput());
    const before = JSON.stringify(workbookToSnapshot(wb));
    const plan: WritePlan = {
      cellWrites: [
        { sheet: 'Mở', address: 'B1', content: text('ghi trước') },
        { sheet: 'Tổng hợp', address: 'B1', content: text('x') },
      ],
      sheets: [rankingSheet()],
      conditionalFormats: [],
    };
    expect(() => applyPlanToWorkbook(wb, plan)).toThrow(WorkbookWriteError);
    try {
      applyPlanToWorkbook(wb, plan);
    } catch (e) {
      const err = e as WorkbookWriteError;
      expect(err.reason).toBe('protected');
      expect(err.messages.vi).toContain('Trang tính "Tổng hợp" đang được bảo vệ');
      expect(err.messages.en).toContain('protected');
    }
    expect(() =>
      applyPlanToWorkbook(wb, {
        ...emptyPlan(),
        conditionalFormats: [{ sheet: 'Tổng hợp', range: 'A1:A2', formula: '=A1>0', style: 'shortfall' }],
      }),
    ).toThrow(expect.objectContaining({ reason: 'protected' }));
    expect(JSON.stringify(workbookToSnapshot(wb))).toBe(before);
  });

  it('writeResultFile writes no output file', async () => {
    const input = path.join(dir, 'khoa.xlsx');
    writeFileSync(input, await protectedInput());
    const output = path.join(dir, 'ket-qua.xlsx');
    await expect(
      writeResultFile(await openWorkbookFile(input), output, {
        ...emptyPlan(),
        cellWrites: [{ sheet: 'Tổng hợp', address: 'B1', content: text('x') }],
      }),
    ).rejects.toMatchObject({ name: 'WorkbookWriteError', reason: 'protected' });
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir)).toEqual(['khoa.xlsx']);
  });
});

describe('writeResultFile', () => {
  it('writes a new file atomically and never modifies the input', async () => {
    const input = path.join(dir, 'tong-hop-xa-2025.xlsx');
    copyFileSync(fixture('tong-hop-xa-2025.xlsx'), input);
    const before = sha(input);
    const output = path.join(dir, 'tong-hop-xa-2025-ket-qua.xlsx');
    const plan: WritePlan = {
      ...emptyPlan(),
      cellWrites: [{ sheet: 'Tổng hợp', address: 'D50', content: formula('=RANK.EQ(D49,$D$49:$O$49)', 1) }],
      sheets: [rankingSheet()],
    };
    const result = await writeResultFile(await openWorkbookFile(input), output, plan);
    expect(result.get('Xếp hạng 2025')).toBe('Xếp hạng 2025');
    expect(result.outputPath).toBe(output);
    expect(result.applied.cellsWritten).toBe(1);
    expect(sha(input)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['tong-hop-xa-2025-ket-qua.xlsx', 'tong-hop-xa-2025.xlsx']);
    const snap = await readWorkbookFile(output);
    expect(at(sheet(snap, 'Tổng hợp'), 'D50')).toMatchObject({ v: 1, f: 'RANK.EQ(D49,$D$49:$O$49)' });
    expect(at(sheet(snap, 'Tổng hợp'), 'D7')).toEqual({ v: 'Phường An Lạc', t: 's' });

    // Overwriting an earlier output is fine (rename over it).
    await writeResultFile(await openWorkbookFile(input), output, plan);
    expect(sha(input)).toBe(before);
  });

  it('writes the workbook as it was read: a change on disk after the read does not reach the output', async () => {
    // The plan was made from what was read; applied to the file as it is now it could land on other cells.
    const input = path.join(dir, 'doi-sau-khi-doc.xlsx');
    copyFileSync(fixture('tong-hop-xa-2025.xlsx'), input);
    const opened = await openWorkbookFile(input);
    copyFileSync(fixture('mau-trong-2025.xlsx'), input);
    const output = path.join(dir, 'ra.xlsx');
    await writeResultFile(opened, output, { ...emptyPlan(), cellWrites: [{ sheet: 'Tổng hợp', address: 'D50', content: num(7) }] });
    const snap = await readWorkbookFile(output);
    expect(at(sheet(snap, 'Tổng hợp'), 'D7')).toEqual({ v: 'Phường An Lạc', t: 's' });
    expect(at(sheet(snap, 'Tổng hợp'), 'D50')).toMatchObject({ v: 7 });
    expect(sha(input)).toBe(sha(fixture('mau-trong-2025.xlsx')));
  });

  it('leaves the opened workbook as it was: a second write from it does not carry the first one’s changes', async () => {
    const opened = await openWorkbookFile(fixture('tong-hop-xa-2025.xlsx'));
    const first = path.join(dir, 'mot.xlsx');
    const second = path.join(dir, 'hai.xlsx');
    await writeResultFile(opened, first, { ...emptyPlan(), cellWrites: [{ sheet: 'Tổng hợp', address: 'D50', content: num(1) }] });
    await writeResultFile(opened, second, { ...emptyPlan(), cellWrites: [{ sheet: 'Tổng hợp', address: 'E50', content: num(2) }] });
    const s2 = sheet(await readWorkbookFile(second), 'Tổng hợp');
    expect(at(s2, 'E50')).toMatchObject({ v: 2 });
    expect(at(s2, 'D50')).toEqual(at(sheet(opened.snapshot, 'Tổng hợp'), 'D50'));
    expect(at(sheet(await readWorkbookFile(first), 'Tổng hợp'), 'D50')).toMatchObject({ v: 1 });
  });

  it('patches only the parts a plan touches (others kept byte for byte), data validation included', async () => {
    // An extra part this tool does not know (as a chart or an external link would be): kept.
    const pkg = (await readXlsxPackage(fixtureBytes('tong-hop-xa-2025.xlsx'), 'x.xlsx', {}, nodeZipCodec))!;
    pkg.set('xl/par-test/keep.xml', '<keep>Điểm</keep>');
    const input = path.join(dir, 'co-phan-la.xlsx');
    writeFileSync(input, await writeXlsxPackage(pkg, nodeZipCodec));
    const plan: WritePlan = {
      ...emptyPlan(),
      cellWrites: [{ sheet: 'Tổng hợp', address: 'D50', content: formula('=RANK.EQ(D49,$D$49:$O$49)', 1) }],
    };
    const partsOf = async (file: string) => (await readXlsxPackage(new Uint8Array(readFileSync(file)), 'o.xlsx', {}, nodeZipCodec))!;

    const patched = path.join(dir, 'va.xlsx');
    await writeResultFile(await openWorkbookFile(input), patched, plan);
    const out = await partsOf(patched);
    expect(out.text('xl/par-test/keep.xml')).toBe('<keep>Điểm</keep>');
    expect(Buffer.from(out.bytes('xl/theme/theme1.xml')!).equals(Buffer.from(pkg.bytes('xl/theme/theme1.xml')!))).toBe(true);
    expect(at(sheet(await readWorkbookFile(patched), 'Tổng hợp'), 'D50')).toMatchObject({ v: 1, f: 'RANK.EQ(D49,$D$49:$O$49)' });

    // Data validation (the task pane's score entry) is patched too: the unknown part survives.
    const validated = path.join(dir, 'dv.xlsx');
    const dv = { sheet: 'Tổng hợp', range: 'D9:D9', min: 0, max: 1, inputTitle: 't', inputMessage: 'm' };
    expect(
      (await writeResultFile(await openWorkbookFile(input), validated, { ...plan, dataValidations: [dv] })).applied.validatedCells,
    ).toBe(1);
    const withDv = await partsOf(validated);
    expect(withDv.text('xl/par-test/keep.xml')).toBe('<keep>Điểm</keep>');
    expect(withDv.text('xl/worksheets/sheet1.xml')).toContain('sqref="D9"><formula1>0</formula1><formula2>1</formula2></dataValidation>');
  });

  it('refuses when the output resolves to the input (same path, relative path, symlink)', async () => {
    const input = path.join(dir, 'goc.xlsx');
    copyFileSync(fixture('tong-hop-xa-2025.xlsx'), input);
    const before = sha(input);
    const link = path.join(dir, 'lien-ket.xlsx');
    symlinkSync(input, link);
    for (const out of [input, path.join(dir, '.', 'sub', '..', 'goc.xlsx'), link]) {
      await expect(writeResultFile(await openWorkbookFile(input), out, emptyPlan())).rejects.toMatchObject({
        name: 'WorkbookWriteError',
        reason: 'same-file',
      });
    }
    expect(sha(input)).toBe(before);
  });

  it('reports a folder that cannot be written as write-failed, leaving no temporary file', async () => {
    const input = path.join(dir, 'goc.xlsx');
    copyFileSync(fixture('tong-hop-xa-2025.xlsx'), input);
    await expect(writeResultFile(await openWorkbookFile(input), path.join(dir, 'khong-co', 'ra.xlsx'), emptyPlan())).rejects.toMatchObject({
      reason: 'write-failed',
    });
    expect(readdirSync(dir)).toEqual(['goc.xlsx']);
  });
});
