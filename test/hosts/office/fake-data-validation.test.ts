/// <reference types="office-js" />
import { createFakeExcel, installFakeOffice, type FakeExcel } from '../../../src/testing/fake-excel';
import { n, s } from './grid';

const book = (options: Parameters<typeof createFakeExcel>[1] = {}) =>
  createFakeExcel(
    {
      sheets: [
        {
          name: 'Dữ liệu',
          cells: [
            [s('Đơn vị'), s('Điểm')],
            [s('Phường An Lạc'), n(2.5)],
            [s('Xã An Phú'), n(5)],
            [s('Xã Ea Pô'), null],
          ],
        },
        { name: 'Khóa', cells: [[n(1)]], protected: true },
      ],
    },
    options,
  );

async function rejects(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

const sheet = (fake: FakeExcel, name = 'Dữ liệu') => fake.context.workbook.worksheets.getItem(name);
const dvs = (fake: FakeExcel, name = 'Dữ liệu') => fake.workbookState().sheets.find((x) => x.name === name)!.dataValidations;

/** What OfficeHost.applyDataValidations queues for one rule. */
function scoreRule(range: Excel.Range, max: number, title = 'Điểm tối đa: 3', message = '3.2.1 Tiêu chí'): void {
  const dv = range.dataValidation;
  dv.clear();
  dv.rule = { decimal: { formula1: 0, formula2: max, operator: 'Between' } };
  dv.prompt = { showPrompt: true, title, message };
  dv.errorAlert = { showAlert: true, style: 'Stop', title, message };
  dv.ignoreBlanks = true;
}

describe('fake Excel: Range.dataValidation (ExcelApi 1.8)', () => {
  test('a decimal rule with prompt and stop alert is recorded, read back and dumped', async () => {
    const fake = book();
    const range = sheet(fake).getRange('B2:B4');
    scoreRule(range, 3);
    const dv = range.dataValidation;
    expect(() => dv.type).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    dv.load('type,rule,prompt,errorAlert,ignoreBlanks,valid');
    await fake.context.sync();
    expect(dv.type).toBe('Decimal');
    // Operands come back as formulas, as Excel reports them.
    expect(dv.rule).toEqual({ decimal: { formula1: '=0', formula2: '=3', operator: 'Between' } });
    expect(dv.prompt).toEqual({ showPrompt: true, title: 'Điểm tối đa: 3', message: '3.2.1 Tiêu chí' });
    expect(dv.errorAlert).toEqual({ showAlert: true, style: 'Stop', title: 'Điểm tối đa: 3', message: '3.2.1 Tiêu chí' });
    expect(dv.ignoreBlanks).toBe(true);
    expect(dv.valid).toBeNull(); // 2.5 is valid, 5 is not, the blank is ignored
    expect(dvs(fake)).toEqual([
      {
        range: 'B2:B4',
        type: 'Decimal',
        rule: { decimal: { formula1: '=0', formula2: '=3', operator: 'Between' } },
        prompt: { showPrompt: true, title: 'Điểm tối đa: 3', message: '3.2.1 Tiêu chí' },
        errorAlert: { showAlert: true, style: 'Stop', title: 'Điểm tối đa: 3', message: '3.2.1 Tiêu chí' },
        ignoreBlanks: true,
      },
    ]);
    expect(fake.workbookState().sheets[1].dataValidations).toEqual([]);
  });

  test('a range without validation reads None, the defaults, and valid', async () => {
    const fake = book();
    const dv = sheet(fake).getRange('A1:B3').dataValidation.load();
    await fake.context.sync();
    expect(dv.toJSON()).toEqual({
      type: 'None',
      rule: {},
      prompt: { showPrompt: false, title: '', message: '' },
      errorAlert: { showAlert: true, style: 'Stop', title: '', message: '' },
      ignoreBlanks: true,
      valid: true,
    });
  });

  test('running the same writes again replaces the rule: still one record', async () => {
    const fake = book();
    scoreRule(sheet(fake).getRange('B2:B4'), 3);
    await fake.context.sync();
    scoreRule(sheet(fake).getRange('B2:B4'), 5, 'Điểm tối đa: 5');
    await fake.context.sync();
    expect(dvs(fake)).toEqual([
      expect.objectContaining({ range: 'B2:B4', rule: { decimal: { formula1: '=0', formula2: '=5', operator: 'Between' } } }),
    ]);
    expect(dvs(fake)[0].prompt.title).toBe('Điểm tối đa: 5');
  });

  test('clear() removes only the overlapping cells; a later rule over part of a range replaces that part', async () => {
    const fake = book();
    const ws = sheet(fake);
    ws.getRange('B2:D4').dataValidation.rule = { wholeNumber: { formula1: 1, formula2: 10, operator: 'Between' } };
    ws.getRange('C3').dataValidation.clear();
    const whole = ws.getRange('B2:D4').dataValidation.load('type,rule');
    const corner = ws.getRange('B2').dataValidation.load('type,rule');
    await fake.context.sync();
    expect(whole.type).toBe('MixedCriteria'); // C3 has none now
    expect(whole.rule).toBeNull();
    expect(corner.type).toBe('WholeNumber');
    const covered = dvs(fake).map((d) => d.range);
    expect(covered).toEqual(['B2:D2', 'B4:D4', 'B3', 'D3']);

    ws.getRange('C3:E3').dataValidation.rule = { decimal: { formula1: 0, formula2: 1, operator: 'Between' } };
    const again = ws.getRange('B2:D4').dataValidation.load('type');
    const d3 = ws.getRange('D3').dataValidation.load('rule');
    await fake.context.sync();
    expect(again.type).toBe('Inconsistent'); // every cell validated, by different rules
    expect(d3.rule).toEqual({ decimal: { formula1: '=0', formula2: '=1', operator: 'Between' } });

    ws.getRange('A1:Z100').dataValidation.clear();
    await fake.context.sync();
    expect(dvs(fake)).toEqual([]);
  });

  test('a prompt alone is "any value" validation; the rule set afterwards keeps it', async () => {
    const fake = book();
    const ws = sheet(fake);
    ws.getRange('B2:B3').dataValidation.prompt = { showPrompt: true, title: 'Điểm', message: 'Nhập điểm' };
    const before = ws.getRange('B2:B3').dataValidation.load('type');
    await fake.context.sync();
    expect(before.type).toBe('None');
    ws.getRange('B2:B3').dataValidation.rule = { decimal: { formula1: '0', formula2: '=1+2', operator: 'Between' } };
    await fake.context.sync();
    expect(dvs(fake)).toEqual([
      expect.objectContaining({
        range: 'B2:B3',
        type: 'Decimal',
        rule: { decimal: { formula1: '=0', formula2: '=1+2', operator: 'Between' } },
        prompt: { showPrompt: true, title: 'Điểm', message: 'Nhập điểm' },
      }),
    ]);
  });

  test('formula1 greater than formula2 is InvalidArgument at sync and the batch is rejected', async () => {
    const fake = book();
    const ws = sheet(fake);
    ws.getRange('A1').values = [['đổi']];
    const dv = ws.getRange('B2:B4').dataValidation;
    dv.rule = { decimal: { formula1: 3, formula2: 0, operator: 'Between' } };
    const before = JSON.stringify(fake.workbookState());
    await rejects(fake.context.sync(), 'InvalidArgument');
    expect(JSON.stringify(fake.workbookState())).toBe(before);
    expect(fake.requests[0].error).toBe('InvalidArgument');
  });

  test.each<[string, (dv: Excel.DataValidation) => void]>([
    [
      'two kinds in one rule',
      (dv) => (dv.rule = { decimal: { formula1: 0, operator: 'GreaterThan' }, wholeNumber: { formula1: 0, operator: 'GreaterThan' } }),
    ],
    ['no kind', (dv) => (dv.rule = {})],
    ['an unknown operator', (dv) => (dv.rule = { decimal: { formula1: 0, operator: 'Around' as 'Between' } })],
    ['Between without formula2', (dv) => (dv.rule = { decimal: { formula1: 0, operator: 'Between' } })],
    ['a text operand that is not a number', (dv) => (dv.rule = { decimal: { formula1: 'ba', operator: 'GreaterThan' } })],
    ['a negative text length', (dv) => (dv.rule = { textLength: { formula1: -1, operator: 'GreaterThan' } })],
    ['an empty list source', (dv) => (dv.rule = { list: { inCellDropDown: true, source: '' } })],
    ['a prompt title over 32 characters', (dv) => (dv.prompt = { showPrompt: true, title: 'x'.repeat(33), message: '' })],
    ['a prompt message over 255 characters', (dv) => (dv.prompt = { showPrompt: true, title: '', message: 'x'.repeat(256) })],
    [
      'an alert message over 225 characters',
      (dv) => (dv.errorAlert = { showAlert: true, style: 'Stop', title: '', message: 'x'.repeat(226) }),
    ],
    ['an unknown alert style', (dv) => (dv.errorAlert = { showAlert: true, style: 'Loud' as 'Stop', title: '', message: '' })],
    ['ignoreBlanks not a boolean', (dv) => (dv.ignoreBlanks = 'yes' as unknown as boolean)],
  ])('InvalidArgument at sync: %s', async (_name, write) => {
    const fake = book();
    write(sheet(fake).getRange('B2:B4').dataValidation);
    await rejects(fake.context.sync(), 'InvalidArgument');
    expect(dvs(fake)).toEqual([]);
  });

  test('operands: numbers, numeric text, formulas, Range objects (absolute, qualified on another sheet), dates', async () => {
    const fake = book();
    const ws = sheet(fake);
    const other = fake.context.workbook.worksheets.getItem('Khóa').getRange('A1');
    ws.getRange('C1').dataValidation.rule = { decimal: { formula1: ws.getRange('B2'), formula2: other, operator: 'Between' } };
    ws.getRange('C2').dataValidation.rule = { wholeNumber: { formula1: ' 2.50 ', operator: 'GreaterThanOrEqualTo' } };
    ws.getRange('C3').dataValidation.rule = { list: { inCellDropDown: true, source: 'Đạt, Không đạt' } };
    ws.getRange('C4').dataValidation.rule = { date: { formula1: '2025-01-01', formula2: '2025-12-31', operator: 'Between' } };
    ws.getRange('C5').dataValidation.rule = { custom: { formula: 'ISNUMBER(C5)' } };
    await fake.context.sync();
    expect(dvs(fake).map((d) => [d.range, d.type, d.rule])).toEqual([
      ['C1', 'Decimal', { decimal: { formula1: '=$B$2', formula2: '=Khóa!$A$1', operator: 'Between' } }],
      ['C2', 'WholeNumber', { wholeNumber: { formula1: '=2.5', operator: 'GreaterThanOrEqualTo' } }],
      ['C3', 'List', { list: { inCellDropDown: true, source: 'Đạt, Không đạt' } }],
      ['C4', 'Date', { date: { formula1: '=45658', formula2: '=46022', operator: 'Between' } }],
      ['C5', 'Custom', { custom: { formula: '=ISNUMBER(C5)' } }],
    ]);
  });

  test('valid: every cell valid, every cell invalid, or null for both', async () => {
    const fake = book();
    const ws = sheet(fake);
    ws.getRange('B2:B4').dataValidation.rule = { decimal: { formula1: 0, formula2: 3, operator: 'Between' } };
    ws.getRange('A2:A3').dataValidation.rule = { list: { inCellDropDown: true, source: 'Phường An Lạc,Xã An Phú' } };
    const mixed = ws.getRange('B2:B4').dataValidation.load('valid');
    const good = ws.getRange('B2').dataValidation.load('valid');
    const bad = ws.getRange('B3').dataValidation.load('valid');
    const names = ws.getRange('A2:A3').dataValidation.load('valid');
    await fake.context.sync();
    expect([mixed.valid, good.valid, bad.valid, names.valid]).toEqual([null, true, false, true]);
    ws.getRange('B4').dataValidation.ignoreBlanks = false;
    const blank = ws.getRange('B4').dataValidation.load('valid,ignoreBlanks');
    const all = ws.getRange('B2:B4').dataValidation.load('ignoreBlanks');
    await fake.context.sync();
    expect(blank.valid).toBe(true); // a blank reads as 0, within 0..3
    expect(blank.ignoreBlanks).toBe(false);
    expect(all.ignoreBlanks).toBeNull(); // not the same on every cell
  });

  test('a protected sheet rejects the batch (AccessDenied), clear() included', async () => {
    const fake = book();
    sheet(fake).getRange('B2').values = [[1]];
    scoreRule(sheet(fake, 'Khóa').getRange('A1'), 3);
    await rejects(fake.context.sync(), 'AccessDenied');
    expect(fake.cell('Dữ liệu', 'B2')).toMatchObject({ value: 2.5 });
    sheet(fake, 'Khóa').getRange('A1').dataValidation.clear();
    await rejects(fake.context.sync(), 'AccessDenied');
    // Reading is allowed.
    const dv = sheet(fake, 'Khóa').getRange('A1').dataValidation.load('type');
    await fake.context.sync();
    expect(dv.type).toBe('None');
  });

  test('ExcelApi below 1.8: Range.dataValidation is ApiNotFound at sync, for reads and writes', async () => {
    const fake = book({ supportedSets: { ExcelApi: '1.7' } });
    scoreRule(sheet(fake).getRange('B2:B4'), 3);
    await rejects(fake.context.sync(), 'ApiNotFound');
    sheet(fake).getRange('B2').dataValidation.load('type');
    await rejects(fake.context.sync(), 'ApiNotFound');
    expect(dvs(fake)).toEqual([]);
  });

  test('the writes count in the request payload, like any other', async () => {
    const fake = book();
    const message = 'Tiêu chí '.repeat(25);
    scoreRule(sheet(fake).getRange('B2:B4'), 3, 'Điểm tối đa: 3', message);
    await fake.context.sync();
    const [request] = fake.requests;
    expect(request.writes).toBe(5); // clear, rule, prompt, errorAlert, ignoreBlanks
    expect(request.bytes).toBeGreaterThan(2 * Buffer.byteLength(message));

    const small = book({ payloadLimitBytes: 600 });
    scoreRule(sheet(small).getRange('B2:B4'), 3, 'Điểm tối đa: 3', message);
    await rejects(small.context.sync(), 'RequestPayloadSizeLimitExceeded');
    expect(dvs(small)).toEqual([]);
  });

  test('installed globals carry the data-validation enums; set() writes several properties', async () => {
    const fake = book();
    const office = installFakeOffice(fake);
    try {
      await Excel.run(async (ctx) => {
        ctx.workbook.worksheets
          .getItem('Dữ liệu')
          .getRange('B2:B4')
          .dataValidation.set({
            rule: { wholeNumber: { formula1: 0, formula2: 10, operator: Excel.DataValidationOperator.between } },
            errorAlert: { showAlert: true, style: Excel.DataValidationAlertStyle.warning, title: 'Chú ý', message: 'Ngoài khoảng' },
          });
        await ctx.sync();
      });
      expect(dvs(fake)).toEqual([
        expect.objectContaining({
          range: 'B2:B4',
          type: Excel.DataValidationType.wholeNumber,
          errorAlert: { showAlert: true, style: 'Warning', title: 'Chú ý', message: 'Ngoài khoảng' },
        }),
      ]);
    } finally {
      office.uninstall();
    }
  });
});
