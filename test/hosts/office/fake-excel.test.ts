/// <reference types="office-js" />
import { createFakeExcel, installFakeOffice, FakeOfficeError, MERGED_AREAS_MAX } from '../../../src/testing/fake-excel';
import { n, s, f } from './grid';

const book = () =>
  createFakeExcel({
    sheets: [
      {
        name: 'Dữ liệu',
        cells: [
          [s('Đơn vị'), s('Điểm')],
          [s('Phường An Lạc'), n(86.75)],
          [s('Tổng'), f('SUM(B2:B2)', 86.75)],
        ],
      },
      { name: 'Khóa', cells: [[n(1)]], protected: true },
    ],
  });

async function rejects(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

describe('fake Excel: proxies and sync', () => {
  test('reading a property that was not loaded and synced throws PropertyNotLoaded', async () => {
    const fake = book();
    const range = fake.context.workbook.worksheets.getItem('Dữ liệu').getRange('A1:B2');
    expect(() => range.values).toThrow(FakeOfficeError);
    expect(() => range.values).toThrow(/not available/);
    range.load('address');
    expect(() => range.address).toThrow(/PropertyNotLoaded|not available/); // loaded but not synced yet
    await fake.context.sync();
    expect(range.address).toBe("'Dữ liệu'!A1:B2");
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    expect(fake.syncCount).toBe(1);
  });

  test('values, formulas and text: "=" makes a formula, a leading apostrophe makes literal text', async () => {
    const fake = book();
    const ws = fake.context.workbook.worksheets.getItem('Dữ liệu');
    ws.getRange('D1:G1').values = [['=1+1', "'=1+1", '0.5', 'TRUE']];
    ws.getRange('D2').formulas = [["'1.1.2"]];
    ws.getRange('D3').numberFormat = [['@']];
    ws.getRange('D3').values = [['=2+2']];
    const r = ws.getRange('D1:G1').load('values,formulas,valueTypes');
    await fake.context.sync();
    expect(r.formulas[0][0]).toBe('=1+1');
    expect(r.values[0][0]).toBe(2);
    expect(r.values[0].slice(1)).toEqual(['=1+1', 0.5, true]);
    expect(r.valueTypes[0]).toEqual(['Double', 'String', 'Double', 'Boolean']);
    expect(fake.cell('Dữ liệu', 'E1')).toMatchObject({ value: '=1+1', quotePrefix: true });
    expect(fake.cell('Dữ liệu', 'E1')?.formula).toBeUndefined();
    expect(fake.cell('Dữ liệu', 'D2')).toMatchObject({ value: '1.1.2' });
    expect(fake.cell('Dữ liệu', 'D3')).toMatchObject({ value: '=2+2', numberFormat: '@' });
  });

  test('addresses: the cells and ranges getRange takes, whole rows and columns, and what it refuses', async () => {
    const fake = book();
    const ws = fake.context.workbook.worksheets.getItem('Dữ liệu');
    const read = async (address: string) => {
      const r = ws.getRange(address).load('address');
      await fake.context.sync();
      return r.address;
    };
    expect(await read('$B$3:a1')).toBe("'Dữ liệu'!A1:B3");
    expect(await read('b2')).toBe("'Dữ liệu'!B2");
    expect(await read('B:C')).toBe("'Dữ liệu'!B:C");
    expect(await read('2:3')).toBe("'Dữ liệu'!2:3");
    for (const bad of ['A1 : B2', 'A0', 'XFE1', 'A1:B2:C3', 'A:1', 'A1B']) {
      ws.getRange(bad).load('address');
      await expect(fake.context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    }
    expect(fake.cell('Dữ liệu', '$B$2')?.value).toBe(86.75);
    expect(() => fake.cell('Dữ liệu', 'B2:B3')).toThrow(RangeError);
  });

  test('a 2-D array of the wrong shape fails at sync and the whole batch is rejected', async () => {
    const fake = book();
    const ws = fake.context.workbook.worksheets.getItem('Dữ liệu');
    ws.getRange('A5').values = [['first']];
    ws.getRange('A6:B6').values = [['only one']];
    await rejects(fake.context.sync(), 'InvalidArgument');
    expect(fake.cell('Dữ liệu', 'A5')).toBeUndefined();
  });

  test('a write to a protected sheet rejects the batch: nothing is applied', async () => {
    const fake = book();
    const before = JSON.stringify(fake.workbookState());
    const sheets = fake.context.workbook.worksheets;
    sheets.getItem('Dữ liệu').getRange('C1').values = [['x']];
    sheets.add('Mới');
    sheets.getItem('Khóa').getRange('A1').values = [[2]];
    await rejects(fake.context.sync(), 'AccessDenied');
    expect(JSON.stringify(fake.workbookState())).toBe(before);
  });

  test("sheet names follow Excel's rules", async () => {
    const fake = book();
    const sheets = fake.context.workbook.worksheets;
    sheets.add('a/b');
    await rejects(fake.context.sync(), 'InvalidArgument');
    sheets.add('x'.repeat(32));
    await rejects(fake.context.sync(), 'InvalidArgument');
    sheets.add('DỮ LIỆU');
    await rejects(fake.context.sync(), 'ItemAlreadyExists');
    sheets.add('History');
    await rejects(fake.context.sync(), 'InvalidArgument');
    sheets.add('x'.repeat(31));
    await fake.context.sync();
    sheets.getItem('Nope').load('name');
    await rejects(fake.context.sync(), 'ItemNotFound');
  });

  test('null objects: *OrNullObject and objects derived from them', async () => {
    const fake = book();
    const sheets = fake.context.workbook.worksheets;
    const missing = sheets.getItemOrNullObject('Không có');
    missing.load('name');
    const used = missing.getUsedRangeOrNullObject(true);
    used.load('values');
    const empty = sheets.add('Trống').getUsedRangeOrNullObject();
    empty.load('address');
    await fake.context.sync();
    expect(missing.isNullObject).toBe(true);
    expect(used.isNullObject).toBe(true);
    expect(empty.isNullObject).toBe(true);
  });

  test('collections load items with nested paths; ClientResult needs a sync', async () => {
    const fake = book();
    const sheets = fake.context.workbook.worksheets;
    sheets.load('items/name,items/protection/protected');
    const count = sheets.getCount();
    expect(() => count.value).toThrow();
    await fake.context.sync();
    expect(sheets.items.map((w) => [w.name, w.protection.protected])).toEqual([
      ['Dữ liệu', false],
      ['Khóa', true],
    ]);
    expect(count.value).toBe(2);
  });

  test('conditional formats: add a custom rule, count, getItemAt, delete', async () => {
    const fake = book();
    const ws = fake.context.workbook.worksheets.getItem('Dữ liệu');
    const cf = ws.getRange('B2:B3').conditionalFormats.add('Custom');
    cf.custom.rule.formula = '=B2<90';
    cf.custom.format.fill.color = '#FFC7CE';
    const all = ws.getRange().conditionalFormats;
    const count = all.getCount();
    await fake.context.sync();
    expect(count.value).toBe(1);
    expect(fake.workbookState().sheets[0].conditionalFormats).toEqual([
      { range: 'B2:B3', type: 'Custom', formula: '=B2<90', fill: '#FFC7CE' },
    ]);
    all.getItemAt(0).delete();
    await fake.context.sync();
    expect(fake.workbookState().sheets[0].conditionalFormats).toEqual([]);
  });

  test('merges, hidden rows and columns, the visible view', async () => {
    const fake = createFakeExcel({
      sheets: [
        {
          name: 'S',
          cells: [
            [s('a'), s('b'), s('c')],
            [n(1), n(2), n(3)],
            [n(4), n(5), n(6)],
          ],
          merges: ['A1:B1'],
          hiddenRows: [2],
          hiddenColumns: [3],
        },
      ],
    });
    const used = fake.context.workbook.worksheets.getItem('S').getUsedRange(true);
    used.load('rowHidden,columnHidden,address');
    const view = used.getVisibleView().load('cellAddresses,values');
    const merged = used.getMergedAreasOrNullObject().load('address');
    await fake.context.sync();
    expect(used.address).toBe('S!A1:C3');
    expect(used.rowHidden).toBeNull();
    expect(used.columnHidden).toBeNull();
    expect(view.values).toEqual([
      ['a', 'b'],
      [4, 5],
    ]);
    expect(view.cellAddresses[1]).toEqual(['S!A3', 'S!B3']);
    expect(merged.address).toBe('S!A1:B1');
  });

  test('getMergedAreasOrNullObject returns up to 512 merged areas; more fail the whole batch (d.ts remarks)', async () => {
    const merges = (count: number) => Array.from({ length: count }, (_, i) => `A${i + 1}:B${i + 1}`);
    const fake = createFakeExcel({
      sheets: [
        { name: 'Đủ', cells: [[s('x')]], merges: merges(MERGED_AREAS_MAX) },
        { name: 'Quá', cells: [[s('x')]], merges: merges(MERGED_AREAS_MAX + 1) },
      ],
    });
    const ok = fake.context.workbook.worksheets.getItem('Đủ').getRange('A:B').getMergedAreasOrNullObject().load('areaCount');
    await fake.context.sync();
    expect(ok.areaCount).toBe(512);
    const name = fake.context.workbook.worksheets.getItem('Quá').load('name');
    fake.context.workbook.worksheets.getItem('Quá').getRange('A:B').getMergedAreasOrNullObject().load('address');
    await rejects(fake.context.sync(), 'GeneralException');
    expect(() => name.name).toThrow(/not available/);
    // A smaller range of the same sheet stays under the limit.
    const part = fake.context.workbook.worksheets.getItem('Quá').getRange('A1:B300').getMergedAreasOrNullObject().load('areaCount');
    await fake.context.sync();
    expect(part.areaCount).toBe(300);
  });

  test('ExcelApi below 1.13: getMergedAreasOrNullObject is ApiNotFound', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'S', cells: [[n(1)]] }] }, { supportedSets: { ExcelApi: '1.7' } });
    fake.context.workbook.worksheets.getItem('S').getRange('A1').getMergedAreasOrNullObject().load('address');
    await rejects(fake.context.sync(), 'ApiNotFound');
  });

  test('payloads over the limit are rejected like Excel on the web', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'S' }] }, { payloadLimitBytes: 1000 });
    fake.context.workbook.worksheets.getItem('S').getRange('A1:A100').values = Array.from({ length: 100 }, () => ['xxxxxxxxxxxxxxxxxxxx']);
    await rejects(fake.context.sync(), 'RequestPayloadSizeLimitExceeded');
    expect(fake.requests[0].bytes).toBeGreaterThan(1000);
  });

  test('events: onChanged fires on simulateEdit, onSelectionChanged on select()', async () => {
    const fake = book();
    const ws = fake.context.workbook.worksheets.getItem('Dữ liệu');
    const changed = jest.fn();
    const selected = jest.fn();
    ws.onChanged.add(changed);
    ws.onSelectionChanged.add(selected);
    await fake.simulateEdit('Dữ liệu', 'B2', '0,5');
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ address: 'B2', changeType: 'RangeEdited' }));
    expect(fake.cell('Dữ liệu', 'B2')).toMatchObject({ value: '0,5' }); // decimal comma typed in en-US Excel: text
    ws.getRange('A3').select();
    await fake.context.sync();
    await new Promise((r) => setTimeout(r, 0));
    expect(selected).toHaveBeenCalledWith(expect.objectContaining({ address: 'A3' }));
    const sel = fake.context.workbook.getSelectedRange().load('address');
    await fake.context.sync();
    expect(sel.address).toBe("'Dữ liệu'!A3");
  });

  test('installed globals: Excel.run, Office.onReady, requirement sets, actions', async () => {
    const fake = book();
    const office = installFakeOffice(fake);
    try {
      await Office.onReady();
      expect(Office.context.requirements.isSetSupported('ExcelApi', '1.13')).toBe(true);
      expect(Office.context.requirements.isSetSupported('ExcelApi', '1.99')).toBe(false);
      expect(Office.context.displayLanguage).toBe('vi-VN');
      const name = await Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Dữ liệu').load('name');
        await ctx.sync();
        return ws.name;
      });
      expect(name).toBe('Dữ liệu');
      Office.actions.associate('x', () => undefined);
      expect(office.actions.has('x')).toBe(true);
    } finally {
      office.uninstall();
    }
  });
});

describe('fake Excel: conditional-format priority and defined names, as the Excel JS docs say', () => {
  test('ConditionalFormatCollection.add puts the new format at the top priority (0), above earlier ones on other ranges', async () => {
    const fake = book();
    const ws = fake.context.workbook.worksheets.getItem('Dữ liệu');
    ws.getRange('A1:B3').conditionalFormats.add('Custom').custom.rule.formula = '=A1>0';
    ws.getRange('B2').conditionalFormats.add('Custom').custom.rule.formula = '=B2>1';
    const all = ws.getRange('A1:B3').conditionalFormats.load('items/priority,items/customOrNullObject/rule/formula');
    await fake.context.sync();
    expect(all.items.map((cf) => [cf.priority, cf.customOrNullObject.rule.formula])).toEqual([
      [0, '=B2>1'],
      [1, '=A1>0'],
    ]);
  });

  test('names: add, get, refuse a second of the same text (any case), delete; ExcelApi 1.4', async () => {
    const fake = book();
    const names = fake.context.workbook.names;
    names.add('PAR_TRUOC_1', "='Dữ liệu'!$B$2");
    await fake.context.sync();
    expect(fake.workbookState().names).toEqual([{ name: 'PAR_TRUOC_1', formula: "='Dữ liệu'!$B$2" }]);
    const found = names.getItemOrNullObject('par_truoc_1').load('name,formula');
    const missing = names.getItemOrNullObject('Khac').load('name');
    await fake.context.sync();
    expect([found.isNullObject, found.name, found.formula, missing.isNullObject]).toEqual([false, 'PAR_TRUOC_1', "='Dữ liệu'!$B$2", true]);
    names.add('par_truoc_1', "='Dữ liệu'!$B$3");
    await rejects(fake.context.sync(), 'ItemAlreadyExists');
    names.add('A1', "='Dữ liệu'!$B$3"); // a cell reference is not a name
    await rejects(fake.context.sync(), 'InvalidArgument');
    names.getItem('PAR_TRUOC_1').delete();
    await fake.context.sync();
    expect(fake.workbookState().names).toEqual([]);
    const old = createFakeExcel({ sheets: [{ name: 'S' }] }, { supportedSets: { ExcelApi: '1.3' } });
    old.context.workbook.names.add('X_1', '=S!$A$1');
    await rejects(old.context.sync(), 'ApiNotFound');
  });
});
