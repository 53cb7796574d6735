/**
 * The single inflation pass of the .xlsx reader (the scan hands ExcelJS a stored copy) and Node's
 * native codec (inflate while scanning, deflate after ExcelJS writes stored parts).
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { applyPlanToBufferDetailed, workbookToBytes } from '../../support/exceljs/write';
import { browserZipCodec, DEFAULT_LIMITS, preflightWorkbook, readCentralDirectory } from '../../../src/hosts/xlsx/zip';
import { loadWorkbook, readWorkbookBuffer, workbookToSnapshot } from '../../support/exceljs/read';
import { WorkbookReadError } from '../../../src/hosts/xlsx/errors';
import { nodeZipCodec } from '../../../src/hosts/xlsx/node';
import { deflateStoredArchive, entryDataStart, scanWorkbookEntries, XmlTagCounter, type ZipEntryInfo } from '../../../src/hosts/xlsx/zip';
import { SAMPLES } from '../../support/shared';

const FIXTURES = SAMPLES;
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

function entryData(zip: Uint8Array, e: ZipEntryInfo): Uint8Array {
  const start = entryDataStart(zip, e);
  const raw = zip.subarray(start, start + e.compressedSize);
  return e.method === 8 ? new Uint8Array(zlib.inflateRawSync(raw)) : raw;
}

describe('XmlTagCounter', () => {
  const REGEX = /<(?:[A-Za-z_][\w.-]*:)?(row|c|si)[\s/>]/g;
  const byRegex = (text: string) => {
    let rows = 0;
    let cells = 0;
    for (const m of text.matchAll(REGEX)) {
      if (m[1] === 'row') rows++;
      else cells++;
    }
    return { rows, cells };
  };
  const count = (bytes: Uint8Array, cuts: number[]) => {
    const counter = new XmlTagCounter();
    let from = 0;
    for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
      if (cut <= from || cut >= bytes.length) continue;
      counter.feed(bytes.subarray(from, cut));
      from = cut;
    }
    counter.feed(bytes.subarray(from));
    counter.feed(null);
    return { rows: counter.rows, cells: counter.cells };
  };

  it('counts rows, cells and shared strings with or without a namespace prefix', () => {
    const xml =
      '<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><c r="B1"/></x:row>' +
      '<row r="2"/><rows/><col/><cx:c\n/><sst><si><t>Điểm</t></si><sis/></sst>';
    expect(count(new TextEncoder().encode(xml), [])).toEqual({ rows: 2, cells: 4 });
  });

  it('gives what the regular expression gives on the whole text, wherever the chunks are cut', () => {
    const fragment = fc.constantFrom(
      '<row ',
      '<row>',
      '<row/',
      '<c r="A1">',
      '<x:c ',
      '<si>',
      '<cx:row\n',
      '<column ',
      '<rowx ',
      '<c1 ',
      '<:c ',
      '<a.b-c:si/',
      '</row>',
      '</c>',
      'ẩ',
      'Điểm',
      '<',
      '>',
      ' ',
      'r',
      'o',
      'w',
      'c',
      's',
      'i',
      ':',
      'x',
      '\t',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 80 }), fc.array(fc.nat(400), { maxLength: 12 }), (parts, cuts) => {
        const text = parts.join('');
        expect(count(new TextEncoder().encode(text), cuts)).toEqual(byRegex(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('one inflation pass: the scan returns the archive stored', () => {
  const bytes = fixture('tong-hop-xa-2025.xlsx');
  const entries = preflightWorkbook(bytes, 'tong-hop-xa-2025.xlsx', DEFAULT_LIMITS);

  it.each([
    ['DecompressionStream', undefined],
    ["Node's zlib", nodeZipCodec],
  ])('with %s: every entry stored, same data and CRC as the original', async (_name, codec) => {
    const stored = await scanWorkbookEntries(bytes, entries, 'x.xlsx', DEFAULT_LIMITS, codec);
    expect(stored).not.toBeNull();
    const copy = readCentralDirectory(stored!);
    expect(copy.map((e) => e.name)).toEqual(entries.filter((e) => !e.name.endsWith('/')).map((e) => e.name));
    for (const [i, e] of copy.entries()) {
      const original = entries.find((o) => o.name === e.name)!;
      expect(e.method).toBe(0);
      expect(e.uncompressedSize).toBe(original.uncompressedSize);
      expect(Buffer.from(entryData(stored!, e)).equals(Buffer.from(entryData(bytes, original)))).toBe(true);
      expect(e.crc32).toBe(original.crc32);
      expect(zlib.crc32(entryData(stored!, copy[i]))).toBe(original.crc32);
    }
  });

  it('reads the same snapshot through either path as ExcelJS reads from the original bytes', async () => {
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const expected = workbookToSnapshot(plain);
    const viaStreams = workbookToSnapshot(await loadWorkbook(bytes, 'a.xlsx'));
    const viaZlib = workbookToSnapshot(await loadWorkbook(bytes, 'a.xlsx', { codec: nodeZipCodec }));
    expect(viaStreams).toEqual(expected);
    expect(viaZlib).toEqual(expected);
  });

  it('with the codec, a part inflating beyond its declared size is refused as damaged', async () => {
    const big = new Uint8Array(200_000).fill(0x20);
    const codec = { ...nodeZipCodec, inflateRawSync: () => big };
    await expect(scanWorkbookEntries(bytes, entries, 'x.xlsx', DEFAULT_LIMITS, codec)).rejects.toMatchObject({
      reason: 'unreadable',
    });
    // Node's zlib itself stops at the declared size.
    const deflated = zlib.deflateRawSync(big);
    expect(() => nodeZipCodec.inflateRawSync!(deflated, 1000)).toThrow(expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }));
  });

  it('with the codec, the row limit still refuses a sheet', async () => {
    const refused = loadWorkbook(bytes, 'a.xlsx', { codec: nodeZipCodec, limits: { maxSheetRows: 10 } });
    await expect(refused).rejects.toBeInstanceOf(WorkbookReadError);
    await expect(refused).rejects.toMatchObject({ reason: 'too-large' });
  });
});

describe('native deflate of what ExcelJS writes stored', () => {
  it('gives a valid, compressed .xlsx that reads back to the same snapshot', async () => {
    const bytes = fixture('tong-hop-xa-2025.xlsx');
    const wb = await loadWorkbook(bytes, 'a.xlsx');
    const viaJsZip = await workbookToBytes(wb);
    const viaZlib = await workbookToBytes(wb, nodeZipCodec);
    const entries = readCentralDirectory(viaZlib);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(sheet.method).toBe(8);
    expect(sheet.compressedSize).toBeLessThan(sheet.uncompressedSize / 3);
    for (const e of entries) expect(zlib.crc32(entryData(viaZlib, e))).toBe(e.crc32);
    // Within a few per cent of JSZip's size at the same level.
    expect(viaZlib.length).toBeLessThan(viaJsZip.length * 1.05);
    expect(await readWorkbookBuffer(viaZlib, 'b.xlsx')).toEqual(await readWorkbookBuffer(viaJsZip, 'b.xlsx'));
  });

  it('leaves stored an entry that deflating would not shrink', async () => {
    const tiny = new ExcelJS.Workbook();
    tiny.addWorksheet('A');
    const stored = new Uint8Array(
      (await tiny.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer,
    );
    const keepAll = { deflateRaw: (d: Uint8Array) => new Uint8Array(d.length + 1) };
    const copy = await deflateStoredArchive(stored, keepAll);
    expect(readCentralDirectory(copy).every((e) => e.method === 0)).toBe(true);
  });

  it("with the browser's CompressionStream (as the standalone page writes): the same workbook back", async () => {
    const codec = browserZipCodec();
    expect(codec).toBeDefined(); // Node 20 has CompressionStream, as every browser the pane supports
    const bytes = fixture('tong-hop-xa-2025.xlsx');
    const { data } = await applyPlanToBufferDetailed(
      bytes,
      { cellWrites: [], sheets: [], conditionalFormats: [] },
      { fileName: 'a.xlsx', codec },
    );
    const sheet = readCentralDirectory(data).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(sheet.method).toBe(8);
    for (const e of readCentralDirectory(data)) expect(zlib.crc32(entryData(data, e))).toBe(e.crc32);
    expect(await readWorkbookBuffer(data, 'b.xlsx')).toEqual(await readWorkbookBuffer(bytes, 'b.xlsx'));
  });
});
