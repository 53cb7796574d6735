/**
 * The package layer of the direct reader and the patch writer: parts in, parts out, unchanged
 * parts byte for byte, CRCs right for changed ones.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import ExcelJS from 'exceljs';
import { readCentralDirectory } from '../../../../src/hosts/xlsx/zip';
import { workbookToSnapshot } from '../../../support/exceljs/read';
import { WorkbookReadError } from '../../../../src/hosts/xlsx/errors';
import { nodeZipCodec } from '../../../../src/hosts/xlsx/node';
import { entryDataStart } from '../../../../src/hosts/xlsx/zip';
import { crc32, readXlsxPackage, writeXlsxPackage, XlsxPackage } from '../../../../src/hosts/xlsx/ooxml/package';
import { readWorkbookParts, resolveTarget, relsPartOf } from '../../../../src/hosts/xlsx/ooxml/workbook';
import {
  NotWellFormedXml,
  decodeXml,
  escapeXmlAttr,
  escapeXmlText,
  parseAttributes,
  xmlAttrText,
  xmlText,
} from '../../../../src/hosts/xlsx/ooxml/xml';
import { SAMPLES } from '../../../support/shared';

const FIXTURES = SAMPLES;
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

describe('crc32', () => {
  it('gives the standard check value and agrees with zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const data = fixture('tong-hop-xa-2025.xlsx');
    expect(crc32(data)).toBe(zlib.crc32(data) >>> 0);
  });
});

describe('readXlsxPackage / writeXlsxPackage', () => {
  it('reads every part and writes them back: same names, order, bytes and a file ExcelJS reads the same', async () => {
    const input = fixture('tong-hop-xa-2025.xlsx');
    const pkg = (await readXlsxPackage(input, 'tong-hop-xa-2025.xlsx', {}, nodeZipCodec))!;
    const inputNames = readCentralDirectory(input)
      .filter((e) => !e.name.endsWith('/'))
      .map((e) => e.name);
    expect(pkg.names()).toEqual(inputNames);
    const out = await writeXlsxPackage(pkg, nodeZipCodec);
    const again = (await readXlsxPackage(out, 'out.xlsx', {}, nodeZipCodec))!;
    for (const name of pkg.names()) expect(Buffer.from(again.bytes(name)!).equals(Buffer.from(pkg.bytes(name)!))).toBe(true);
    const [a, b] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await a.xlsx.load(Buffer.from(input) as unknown as ExcelJS.Buffer);
    await b.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    expect(workbookToSnapshot(b)).toEqual(workbookToSnapshot(a));
  });

  it('writes an unchanged part with its deflated bytes as read, a changed one deflated again', async () => {
    const input = fixture('tong-hop-xa-2025.xlsx');
    const pkg = (await readXlsxPackage(input, 'x.xlsx', {}, nodeZipCodec))!;
    pkg.set('xl/styles.xml', pkg.text('xl/styles.xml')!.replace('</styleSheet>', '<!-- changed --></styleSheet>'));
    const out = await writeXlsxPackage(pkg, nodeZipCodec);
    const raw = (zip: Uint8Array, name: string) => {
      const e = readCentralDirectory(zip).find((x) => x.name === name)!;
      const start = entryDataStart(zip, e);
      return Buffer.from(zip.subarray(start, start + e.compressedSize));
    };
    expect(raw(out, 'xl/worksheets/sheet1.xml').equals(raw(input, 'xl/worksheets/sheet1.xml'))).toBe(true);
    expect(raw(out, 'xl/styles.xml').equals(raw(input, 'xl/styles.xml'))).toBe(false);
    expect(zlib.inflateRawSync(raw(out, 'xl/styles.xml')).toString('utf8')).toContain('<!-- changed -->');
  });

  it('recomputes the CRC of a changed part (zlib and unzip tools check it)', async () => {
    const pkg = (await readXlsxPackage(fixture('loi-div0.xlsx'), 'x.xlsx', {}, nodeZipCodec))!;
    pkg.set('docProps/custom-test.xml', '<x>Điểm</x>');
    const out = await writeXlsxPackage(pkg, nodeZipCodec);
    const entry = readCentralDirectory(out).find((e) => e.name === 'docProps/custom-test.xml')!;
    expect(entry.crc32).toBe(zlib.crc32(Buffer.from('<x>Điểm</x>')) >>> 0);
    const back = (await readXlsxPackage(out, 'x.xlsx', {}, nodeZipCodec))!;
    expect(back.text('docProps/custom-test.xml')).toBe('<x>Điểm</x>');
  });

  it('keeps the guards of the ExcelJS reader (a non-zip is refused with a reason)', async () => {
    await expect(readXlsxPackage(new TextEncoder().encode('not a zip'), 'x.xlsx')).rejects.toMatchObject({ reason: 'not-a-workbook' });
    await expect(readXlsxPackage(new TextEncoder().encode('not a zip'), 'x.xlsx')).rejects.toBeInstanceOf(WorkbookReadError);
  });

  it('deletes a part and forgets it in the order', () => {
    const pkg = new XlsxPackage([
      { name: 'a.xml', data: new Uint8Array([1]) },
      { name: 'b.xml', data: new Uint8Array([2]) },
    ]);
    pkg.delete('a.xml');
    expect(pkg.names()).toEqual(['b.xml']);
    expect(pkg.has('a.xml')).toBe(false);
  });
});

describe('workbook parts', () => {
  it('lists the sheets in tab order with their parts', async () => {
    const pkg = (await readXlsxPackage(fixture('tong-hop-xa-2025.xlsx'), 'x.xlsx', {}, nodeZipCodec))!;
    const wb = readWorkbookParts(pkg);
    expect(wb.workbookPart).toBe('xl/workbook.xml');
    expect(wb.sheets.map((s) => s.part)).toEqual(wb.sheets.map((_, i) => `xl/worksheets/sheet${i + 1}.xml`));
    expect(wb.stylesPart).toBe('xl/styles.xml');
  });

  it('resolves relative and absolute targets', () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/worksheets/sheet1.xml', '../drawings/drawing1.xml')).toBe('xl/drawings/drawing1.xml');
    expect(resolveTarget('xl/workbook.xml', '/xl/worksheets/sheet2.xml')).toBe('xl/worksheets/sheet2.xml');
    expect(relsPartOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relsPartOf('')).toBe('_rels/.rels');
  });
});

describe('xml helpers', () => {
  it('decodes entities and character references', () => {
    expect(decodeXml('a &lt;b&gt; &amp; &quot;c&quot; &#273;i&#x1EC3;m &unknown;')).toBe('a <b> & "c" điểm &unknown;');
  });

  it('one decoder, two policies: the writer keeps what XML does not define, the reader refuses it', () => {
    for (const bad of ['&nbsp;', '&toString;', '&#65a;', '&#0;', '&#xD800;', 'a & b']) {
      expect(decodeXml(bad)).toBe(bad);
      expect(() => xmlText(bad)).toThrow(NotWellFormedXml);
      expect(() => xmlAttrText(bad)).toThrow(NotWellFormedXml);
    }
    expect(xmlText('a\r\nb\rc&#13;&#x1EC3;')).toBe('a\nb\nc\rể');
    // Attribute values: line ends, then each whitespace character, a space (XML 1.0 §3.3.3); references stay.
    expect(xmlAttrText('a\r\nb\tc&#10;')).toBe('a b c\n');
  });

  it('escapes text and attributes so that they decode back', () => {
    const s = 'Xã "A" & <B>\ttab\nline';
    expect(decodeXml(escapeXmlAttr(s))).toBe(s);
    expect(decodeXml(escapeXmlText('=1+1 & <x>'))).toBe('=1+1 & <x>');
    expect(escapeXmlText('a\u0001b')).toBe('a_x0001_b');
  });

  it('reads a start tag’s attributes, prefixed names kept', () => {
    expect(parseAttributes('<sheet name="Tổng &amp; hợp" sheetId="2" r:id=\'rId3\'/>')).toEqual({
      name: 'Tổng & hợp',
      sheetId: '2',
      'r:id': 'rId3',
    });
  });
});
