/// <reference types="office-js" />
/**
 * The office.js request mirror (src/testing/officejs-host), installed for every jest run: the
 * requests the fake Excel measures and refuses are the bodies Microsoft's office.js client builds.
 */
import { createFakeExcel } from '../../../src/testing/fake-excel';
import { loadOfficeJs } from '../../../src/testing/officejs-host';
import { EXCEL_PAYLOAD_LIMIT_BYTES, utf8Length } from '../../../src/hosts/office/payload';
import { n, s } from './grid';

/** The body office.js itself builds for the same calls, on a context of its own. */
function officeJsBody(queue: (ctx: Excel.RequestContext) => void): string {
  const { Excel } = loadOfficeJs();
  const ctx = new Excel.RequestContext();
  queue(ctx as unknown as Excel.RequestContext);
  return JSON.stringify(ctx._pendingRequest.buildRequestMessageBodyAndRequestFlags().body);
}

const links = (ctx: Excel.RequestContext, count: number) => {
  const ws = ctx.workbook.worksheets.getItem('Dữ liệu');
  for (let i = 1; i <= count; i++) {
    const r = ws.getRange(`B${i}`);
    r.hyperlink = { documentReference: `'Tổng hợp'!D${i}`, textToDisplay: `Xã số ${i}` };
    r.format.font.color = '#0563C1';
  }
};

describe('office.js measures every request', () => {
  test('a sync measures exactly the body office.js builds for the same calls', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'Dữ liệu', cells: [[s('Đơn vị'), n(1)]] }, { name: 'Tổng hợp' }] });
    links(fake.context, 3);
    fake.context.workbook.worksheets.load('items/name');
    await fake.context.sync();
    const [record] = fake.requests;
    expect(record.source).toBe('office.js');
    const expected = officeJsBody((ctx) => {
      links(ctx, 3);
      ctx.workbook.worksheets.load('items/name');
    });
    expect(record.bytes).toBe(utf8Length(expected));
    // The body carries object paths and Instantiate actions the fake's own estimate leaves out.
    expect(expected).toContain('"ObjectPaths"');
    expect(expected).toContain('"Name":"Hyperlink"');
    expect(record.bytes).toBeGreaterThan(record.estimatedBytes);
    expect(fake.workbookState().sheets[0].hyperlinks).toHaveLength(3);
  });

  test('a request over 5 MB as office.js serialises it is refused, though the old estimate fits', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'Dữ liệu' }, { name: 'Tổng hợp' }] });
    // About 700 B each as office.js sends them; the fake's estimate counted well under half.
    links(fake.context, 9000);
    await expect(fake.context.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    const [record] = fake.requests;
    expect(record.bytes).toBeGreaterThan(EXCEL_PAYLOAD_LIMIT_BYTES);
    expect(record.estimatedBytes).toBeLessThan(EXCEL_PAYLOAD_LIMIT_BYTES);
    expect(fake.workbookState().sheets[0].hyperlinks).toHaveLength(0);
  });

  test('no rollback across syncs: a failed later sync leaves the earlier sync in place', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'Dữ liệu' }, { name: 'Tổng hợp' }] });
    fake.context.workbook.worksheets.add('So sánh 2025');
    await fake.context.sync();
    links(fake.context, 9000);
    await expect(fake.context.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.workbookState().sheets.map((x) => x.name)).toContain('So sánh 2025');
  });

  test('reading a property that was not loaded throws PropertyNotLoaded through the mirrored objects', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'Dữ liệu', cells: [[n(5)]] }] });
    const r = fake.context.workbook.worksheets.getItem('Dữ liệu').getRange('A1');
    r.load('values');
    await fake.context.sync();
    expect(r.values).toEqual([[5]]);
    expect(() => r.formulas).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });

  test("the response is office.js's response message, which office.js parses into the values read", async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'Dữ liệu', cells: [[n(5), s('Xã')]] }] });
    const r = fake.context.workbook.worksheets.getItem('Dữ liệu').getRange('A1:B1');
    r.load('values');
    await fake.context.sync();
    expect(r.values).toEqual([[5, 'Xã']]);
    const [record] = fake.requests;
    expect(record.responseSource).toBe('office.js');
    // One Query action: {"Results":[{"ActionId":<id>,"Value":{"Values":[[5,"Xã"]]}}]}
    const idDigits = record.responseBytes - utf8Length('{"Results":[{"ActionId":,"Value":{"Values":[[5,"Xã"]]}}]}');
    expect(idDigits).toBeGreaterThanOrEqual(1);
    expect(idDigits).toBeLessThanOrEqual(3);
  });

  test("a response over the limit is refused, and office.js's objects stay unloaded", async () => {
    const cells = Array.from({ length: 40 }, (_, i) => [s(`Phường số ${i} — một đoạn văn bản dài`)]);
    const fake = createFakeExcel({ sheets: [{ name: 'Dữ liệu', cells }] }, { payloadLimitBytes: 1500 });
    const r = fake.context.workbook.worksheets.getItem('Dữ liệu').getRange('A1:A40');
    r.load('values');
    await expect(fake.context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    const [record] = fake.requests;
    expect(record.bytes).toBeLessThan(1500);
    expect(record.responseBytes).toBeGreaterThan(1500);
    expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });

  test('items of a loaded collection are addressed as office.js addresses them (by id)', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'Dữ liệu', cells: [[n(5)]] }] });
    const sheets = fake.context.workbook.worksheets.load('items/name');
    await fake.context.sync();
    sheets.items[0].getRange('A1').values = [[6]];
    await fake.context.sync();
    expect(fake.requests[1].bytes).toBeGreaterThan(0);
    expect(fake.toSnapshot().sheets[0].cells[0][0]?.v).toBe(6);
  });
});
