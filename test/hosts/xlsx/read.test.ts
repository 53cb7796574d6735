import { readFileSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { cellAt, type SheetSnapshot, type WorkbookSnapshot } from '../../../src/core/snapshot';
import { parseA1 } from '../../../src/core/a1';
import { readCentralDirectory } from '../../../src/hosts/xlsx/zip';
import { readWorkbookBuffer } from '../../support/exceljs/read';
import { WorkbookReadError } from '../../../src/hosts/xlsx/errors';
import { workbookToBytes } from '../../support/exceljs/write';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { SAMPLES } from '../../support/shared';

const FIXTURES = SAMPLES;
const fixture = (name: string) => path.join(FIXTURES, name);

const sheet = (wb: WorkbookSnapshot, name?: string): SheetSnapshot => (name ? wb.sheets.find((s) => s.name === name)! : wb.sheets[0]);
const at = (s: SheetSnapshot, address: string) => {
  const { row, col } = parseA1(address);
  return cellAt(s, row, col);
};

async function bytesOf(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return workbookToBytes(wb);
}

async function readError(p: Promise<unknown>): Promise<WorkbookReadError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    return e as WorkbookReadError;
  }
  throw new Error('expected a WorkbookReadError');
}

/** A zip written by hand (stored entries, sizes as declared): enough for the pre-flight checks. */
function handMadeZip(entries: { name: string; data: Uint8Array; declaredSize?: number }[]): Uint8Array {
  const parts: number[] = [];
  const central: number[] = [];
  const le16 = (a: number[], v: number) => a.push(v & 0xff, (v >>> 8) & 0xff);
  const le32 = (a: number[], v: number) => a.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const offset = parts.length;
    const size = e.declaredSize ?? e.data.length;
    le32(parts, 0x04034b50);
    le16(parts, 20);
    le16(parts, 0);
    le16(parts, 0);
    le32(parts, 0);
    le32(parts, 0);
    le32(parts, e.data.length);
    le32(parts, size);
    le16(parts, name.length);
    le16(parts, 0);
    parts.push(...name, ...e.data);
    le32(central, 0x02014b50);
    le16(central, 20);
    le16(central, 20);
    le16(central, 0);
    le16(central, 0);
    le32(central, 0);
    le32(central, 0);
    le32(central, e.data.length);
    le32(central, size);
    le16(central, name.length);
    le16(central, 0);
    le16(central, 0);
    le16(central, 0);
    le16(central, 0);
    le32(central, 0);
    le32(central, offset);
    central.push(...name);
  }
  const cdOffset = parts.length;
  const out = [...parts, ...central];
  le32(out, 0x06054b50);
  le16(out, 0);
  le16(out, 0);
  le16(out, entries.length);
  le16(out, entries.length);
  le32(out, central.length);
  le32(out, cdOffset);
  le16(out, 0);
  return Uint8Array.from(out);
}

describe('reading the sample 2025 consolidation', () => {
  let s: SheetSnapshot;
  let wb: WorkbookSnapshot;
  beforeAll(async () => {
    wb = await readWorkbookFile(fixture('tong-hop-xa-2025.xlsx'));
    s = sheet(wb);
  });

  it('names the file and the sheet', () => {
    expect(wb.fileName).toBe('tong-hop-xa-2025.xlsx');
    expect(s.name).toBe('Tổng hợp');
    expect(s.visibility).toBe('visible');
    expect(s.protected).toBe(false);
  });

  it('reads unit names as text: D7 = "Phường An Lạc"', () => {
    expect(at(s, 'D7')).toEqual({ v: 'Phường An Lạc', t: 's' });
    expect(at(s, 'O7')).toEqual({ v: 'Phường Nghĩa Trung', t: 's' });
  });

  it('reads parent rows as formula + cached result: D8 = SUM(D9+D12+D13+D14+D15) → 8,595', () => {
    expect(at(s, 'D8')).toEqual({ v: 8.595, t: 'n', f: 'SUM(D9+D12+D13+D14+D15)' });
    expect(at(s, 'F49')).toMatchObject({ v: 86.75, f: 'SUM(F8+F16+F20+F28+F32+F36+F40+F46)' });
    expect(at(s, 'D10')).toEqual({ v: 1, t: 'n' });
  });

  it('keeps a merged value in its top-left cell only (A4:O4)', () => {
    expect(s.merges).toEqual(expect.arrayContaining(['A4:O4', 'D6:O6', 'A6:A7', 'B6:B7', 'C6:C7', 'A1:C1', 'A2:C2']));
    expect(at(s, 'A4')?.v).toMatch(/^BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM .*NĂM 2025/);
    for (const a of ['B4', 'C4', 'H4', 'O4', 'E6', 'O6', 'A7', 'B7', 'C7']) expect(at(s, a)).toBeNull();
    expect(at(s, 'D6')).toEqual({ v: 'Điểm đạt được của các đơn vị', t: 's' });
  });

  it('has an empty rank row 50 under "XẾP HẠNG"', () => {
    expect(at(s, 'B50')).toEqual({ v: 'XẾP HẠNG', t: 's' });
    expect(at(s, 'D50')).toBeNull();
    expect(s.cells.length).toBe(50);
  });
});

describe('reading defect fixtures', () => {
  it('loi-div0: K37 is the error value #DIV/0!', async () => {
    const s = sheet(await readWorkbookFile(fixture('loi-div0.xlsx')));
    expect(at(s, 'K37')).toEqual({ v: '#DIV/0!', t: 'e' });
  });

  it('loi-so-dang-chu: H13 is the text "1,25"', async () => {
    const s = sheet(await readWorkbookFile(fixture('loi-so-dang-chu.xlsx')));
    expect(at(s, 'H13')).toEqual({ v: '1,25', t: 's' });
  });

  it('loi-ten-don-vi-cong-thuc: E7 "=1+1" is text, not a formula', async () => {
    const s = sheet(await readWorkbookFile(fixture('loi-ten-don-vi-cong-thuc.xlsx')));
    expect(at(s, 'E7')).toEqual({ v: '=1+1', t: 's' });
  });

  it('the blank form keeps formulas whose cached value is 0', async () => {
    const s = sheet(await readWorkbookFile(fixture('mau-trong-2025.xlsx')));
    expect(at(s, 'D6')).toMatchObject({ f: 'SUM(D7,D10,D11,D12,D13)' });
    expect(at(s, 'D8')).toBeNull();
  });
});

describe('cell types', () => {
  let s: SheetSnapshot;
  beforeAll(async () => {
    const data = await bytesOf((wb) => {
      const ws = wb.addWorksheet('Kiểu');
      ws.getCell('A1').value = new Date(Date.UTC(2025, 4, 1));
      ws.getCell('A1').numFmt = 'dd/mm/yyyy';
      ws.getCell('A2').value = new Date(Date.UTC(2025, 4, 1, 12, 0, 0));
      ws.getCell('A2').numFmt = 'dd/mm/yyyy hh:mm';
      ws.getCell('A3').value = { formula: 'A1+1', result: new Date(Date.UTC(2025, 4, 2)), date1904: false };
      ws.getCell('A3').numFmt = 'dd/mm/yyyy';
      ws.getCell('B1').value = { richText: [{ text: 'Xã ' }, { text: 'Hòa Bình', font: { bold: true } }] };
      ws.getCell('B2').value = true;
      ws.getCell('B3').value = { text: 'Tổng hợp', hyperlink: 'https://example.org' };
      ws.getCell('C1').value = 1;
      ws.getCell('C2').value = 2;
      ws.getCell('D1').value = {
        formula: 'C1*2',
        result: 2,
        shareType: 'shared',
        ref: 'D1:D2',
        date1904: false,
      } as ExcelJS.CellFormulaValue;
      ws.getCell('D2').value = { sharedFormula: 'D1', result: 4, date1904: false };
      ws.getCell('E1').value = { formula: 'C1/0', result: { error: '#DIV/0!' }, date1904: false };
      ws.getCell('E2').value = { formula: 'C1+C2', date1904: false };
      ws.getCell('E3').value = { formula: '_xlfn.RANK.EQ(C1,$C$1:$C$2)', result: 2, date1904: false };
      ws.getCell('F1').value = 0.125;
      ws.getCell('F1').numFmt = '0.000';
      ws.getCell('F2').value = '';
    });
    s = sheet(await readWorkbookBuffer(data, 'kieu.xlsx'));
  });

  it('a date cell reads as t "d" with its 1900-system serial (1 May 2025 = 45778)', () => {
    expect(at(s, 'A1')).toEqual({ v: 45778, t: 'd', fmt: 'dd/mm/yyyy' });
    expect(at(s, 'A2')).toMatchObject({ v: 45778.5, t: 'd' });
    expect(at(s, 'A3')).toMatchObject({ v: 45779, t: 'd', f: 'A1+1' });
  });

  it('flattens rich text and hyperlinks to plain text; reads booleans', () => {
    expect(at(s, 'B1')).toEqual({ v: 'Xã Hòa Bình', t: 's' });
    expect(at(s, 'B3')).toEqual({ v: 'Tổng hợp', t: 's' });
    expect(at(s, 'B2')).toEqual({ v: true, t: 'b' });
  });

  it("gives a shared formula's own formula to each cell", () => {
    expect(at(s, 'D1')).toEqual({ v: 2, t: 'n', f: 'C1*2' });
    expect(at(s, 'D2')).toEqual({ v: 4, t: 'n', f: 'C2*2' });
  });

  it('formula errors, formulas without a cached value, _xlfn prefixes', () => {
    expect(at(s, 'E1')).toEqual({ v: '#DIV/0!', t: 'e', f: 'C1/0' });
    expect(at(s, 'E2')).toEqual({ v: null, t: 'n', f: 'C1+C2' });
    expect(at(s, 'E3')).toEqual({ v: 2, t: 'n', f: 'RANK.EQ(C1,$C$1:$C$2)' });
  });

  it('keeps number formats other than General', () => {
    expect(at(s, 'F1')).toEqual({ v: 0.125, t: 'n', fmt: '0.000' });
    expect(at(s, 'C1')).toEqual({ v: 1, t: 'n' });
  });
});

describe('sheet properties', () => {
  it('reports hidden rows and columns, protection and visibility', async () => {
    const data = await bytesOf((wb) => {
      const ws = wb.addWorksheet('Dữ liệu');
      for (let r = 1; r <= 6; r++) for (let c = 1; c <= 5; c++) ws.getCell(r, c).value = r * 10 + c;
      ws.getRow(3).hidden = true;
      ws.getRow(5).hidden = true;
      ws.getColumn(2).hidden = true;
      ws.getColumn(4).hidden = true;
      const p = wb.addWorksheet('Khóa');
      p.getCell('A1').value = 'x';
      (p as unknown as { sheetProtection: object }).sheetProtection = { sheet: true };
      wb.addWorksheet('Ẩn').state = 'hidden';
      wb.addWorksheet('Ẩn sâu').state = 'veryHidden';
    });
    const wb = await readWorkbookBuffer(data);
    const d = sheet(wb, 'Dữ liệu');
    expect(d.hiddenRows).toEqual([3, 5]);
    expect(d.hiddenColumns).toEqual([2, 4]);
    expect(d.protected).toBe(false);
    expect(at(d, 'C3')).toEqual({ v: 33, t: 'n' });
    expect(sheet(wb, 'Khóa').protected).toBe(true);
    expect(sheet(wb, 'Ẩn').visibility).toBe('hidden');
    expect(sheet(wb, 'Ẩn sâu').visibility).toBe('veryHidden');
    expect(wb.fileName).toBeUndefined();
  });
});

describe('unreadable input gives a typed, bilingual WorkbookReadError', () => {
  const fixtureBytes = () => new Uint8Array(readFileSync(fixture('tong-hop-xa-2025.xlsx')));

  it('random bytes → not-a-workbook', async () => {
    let x = 12345;
    const random = Uint8Array.from({ length: 4096 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    random[0] = 0x13;
    const e = await readError(readWorkbookBuffer(random, 'ngau-nhien.xlsx'));
    expect(e.reason).toBe('not-a-workbook');
    expect(e.messages.vi).toContain('không phải là sổ làm việc Excel');
    expect(e.messages.vi).toContain('ngau-nhien.xlsx');
    expect(e.messages.en).toContain('not an Excel workbook');
  });

  it('an empty file and a text file → not-a-workbook', async () => {
    expect((await readError(readWorkbookBuffer(new Uint8Array(0)))).reason).toBe('not-a-workbook');
    const csv = new TextEncoder().encode('STT,Đơn vị,Tổng điểm\n1,Xã Hòa Bình,86.75\n');
    expect((await readError(readWorkbookBuffer(csv, 'ket-qua.csv'))).reason).toBe('not-a-workbook');
  });

  it('a zip that is not a workbook (.docx-like) → not-a-workbook', async () => {
    const zip = handMadeZip([{ name: 'word/document.xml', data: new TextEncoder().encode('<w:document/>') }]);
    expect((await readError(readWorkbookBuffer(zip, 'bao-cao.docx'))).reason).toBe('not-a-workbook');
  });

  it('a truncated copy of a fixture → truncated', async () => {
    const full = fixtureBytes();
    for (const keep of [0.3, 0.6, 0.95]) {
      const cut = full.slice(0, Math.floor(full.length * keep));
      const e = await readError(readWorkbookBuffer(cut, 'tong-hop-xa-2025.xlsx'));
      expect(e.reason).toBe('truncated');
      expect(e.messages.vi).toMatch(/thiếu dữ liệu/);
    }
  });

  it('damaged compressed data inside a complete zip → a WorkbookReadError, not a library error', async () => {
    const bytes = fixtureBytes();
    const entry = readCentralDirectory(bytes).find((x) => x.name === 'xl/worksheets/sheet1.xml')!;
    const h = entry.localHeaderOffset;
    const start = h + 30 + (bytes[h + 26] | (bytes[h + 27] << 8)) + (bytes[h + 28] | (bytes[h + 29] << 8));
    for (let i = start + 10; i < start + entry.compressedSize - 10; i += 50) bytes[i] ^= 0xff;
    const e = await readError(readWorkbookBuffer(bytes, 'hong.xlsx'));
    expect(e.reason).toBe('unreadable');
    expect(e.messages.vi).toContain('Không đọc được');
  });

  it('a CFB (OLE) file → legacy-xls', async () => {
    const cfb = new Uint8Array(2048);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    cfb.set(Buffer.from('Workbook', 'utf16le'), 1024);
    const e = await readError(readWorkbookBuffer(cfb, 'tong-hop-2019.xls'));
    expect(e.reason).toBe('legacy-xls');
    expect(e.messages.vi).toContain('định dạng Excel cũ');
  });

  it('a CFB file with an EncryptedPackage stream → encrypted', async () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    cfb.set(Buffer.from('EncryptionInfo', 'utf16le'), 1024);
    cfb.set(Buffer.from('EncryptedPackage', 'utf16le'), 1152);
    const e = await readError(readWorkbookBuffer(cfb, 'co-mat-khau.xlsx'));
    expect(e.reason).toBe('encrypted');
    expect(e.messages.vi).toContain('mật khẩu');
    expect(e.messages.en).toContain('password');
  });

  it('size guards refuse large files before ExcelJS inflates anything → too-large', async () => {
    const bytes = fixtureBytes();
    expect((await readError(readWorkbookBuffer(bytes, 'a.xlsx', { limits: { maxFileBytes: 1000 } }))).reason).toBe('too-large');
    expect((await readError(readWorkbookBuffer(bytes, 'a.xlsx', { limits: { maxSheetXmlBytes: 1000 } }))).reason).toBe('too-large');
    // A zip bomb: the central directory declares a 300 MB sheet (never inflated).
    const bomb = handMadeZip([
      { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
      { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(16), declaredSize: 300 * 1024 * 1024 },
    ]);
    const e = await readError(readWorkbookBuffer(bomb, 'bom.xlsx'));
    expect(e.reason).toBe('too-large');
    expect(e.messages.vi).toContain('quá lớn');
    // Many sheets under 200 MB each but more than 500 MB in total.
    const many = handMadeZip([
      { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') },
      ...[1, 2, 3].map((i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: new Uint8Array(8), declaredSize: 190 * 1024 * 1024 })),
    ]);
    expect((await readError(readWorkbookBuffer(many))).reason).toBe('too-large');
  });

  it('readWorkbookFile refuses a file above 50 MB from its size alone', async () => {
    const e = await readError(readWorkbookFile(fixture('tong-hop-xa-2025.xlsx'), { limits: { maxFileBytes: 100 } }));
    expect(e.reason).toBe('too-large');
  });
});

describe('performance', () => {
  it('reads a large consolidation with a linear pass', async () => {
    const units = 300;
    const rows = 150;
    const data = await bytesOf((wb) => {
      const ws = wb.addWorksheet('Tổng hợp');
      for (let r = 1; r <= rows; r++) {
        const row = ws.getRow(r);
        row.getCell(1).value = `${r}`;
        for (let c = 2; c <= units + 1; c++) row.getCell(c).value = ((r * c) % 1000) / 1000;
      }
    });
    const t0 = Date.now();
    const s = sheet(await readWorkbookBuffer(data));
    const ms = Date.now() - t0;
    expect(s.cells.length).toBe(rows);
    expect(s.cells[rows - 1].length).toBe(units + 1);
    expect(ms).toBeLessThan(15000);
  });
});
