/**
 * Parts written as they are made (issue #17, `compare`'s peak memory): a generated sheet's XML
 * comes in pieces, is encoded and deflated as it comes, and the zip entry holds the same bytes and
 * CRC as if the whole text had been deflated in one call.
 */
import * as zlib from 'zlib';
import { nodeZipCodec } from '../../../../src/hosts/xlsx/node';
import { deflateTextPieces } from '../../../../src/hosts/xlsx/zip';
import { crc32, readXlsxPackage, StreamedXml, writeXlsxPackage, XlsxPackage } from '../../../../src/hosts/xlsx/ooxml/package';
import { generatedSheetXml } from '../../../../src/hosts/xlsx/ooxml/patch-sheet';
import { StylesPatch } from '../../../../src/hosts/xlsx/ooxml/patch-styles';
import type { CellContent, GeneratedSheet } from '../../../../src/core/plan';

/** Rows of Vietnamese text: multi-byte characters fall across the encoder's 16 KB chunks. */
function* rows(count: number): Generator<string> {
  for (let i = 1; i <= count; i++)
    yield `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>Xã Đắk R'lấp ${i} — điểm ${i * 7}</t></is></c></row>`;
}

describe('deflateTextPieces', () => {
  it('deflates text beyond the limit as it comes: the same deflate data, CRC-32 and size as the whole text', async () => {
    const text = [...rows(20_000)].join('');
    const bytes = new TextEncoder().encode(text);
    const out = await deflateTextPieces(rows(20_000), 64 * 1024);
    if (!('deflated' in out)) throw new Error('expected the streamed path');
    expect(out.size).toBe(bytes.length);
    expect(out.crc32).toBe(crc32(bytes));
    expect(Buffer.from(zlib.inflateRawSync(out.deflated)).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(out.deflated).equals(zlib.deflateRawSync(bytes, { level: 6 }))).toBe(true);
  });

  it('encodes one piece of megabytes right, characters of two UTF-16 units included, wherever the windows fall', async () => {
    const piece = "Đắk R'lấp 😀 ".repeat(150_000) + 'x'.repeat(4093) + '😀';
    const bytes = new TextEncoder().encode(piece);
    const out = await deflateTextPieces([piece], 64 * 1024);
    if (!('deflated' in out)) throw new Error('expected the streamed path');
    expect(out.crc32).toBe(crc32(bytes));
    expect(Buffer.from(zlib.inflateRawSync(out.deflated)).toString('utf8')).toBe(piece);
  });

  it('gives a small text back whole, for one deflate call', async () => {
    const out = await deflateTextPieces(rows(10), 64 * 1024);
    expect('whole' in out && new TextDecoder().decode(out.whole)).toBe([...rows(10)].join(''));
  });
});

describe('a streamed part in the package', () => {
  const streamed = () => new StreamedXml(() => rows(30_000));

  it('is written as its text, deflated, with its CRC, and read back the same', async () => {
    // (readXlsxPackage reads a zip with a workbook part.)
    const pkg = new XlsxPackage([{ name: 'xl/workbook.xml', data: new TextEncoder().encode('<a/>') }]);
    pkg.set('big.xml', streamed());
    expect(pkg.names()).toEqual(['xl/workbook.xml', 'big.xml']);
    const again = (await readXlsxPackage(await writeXlsxPackage(pkg, nodeZipCodec), 'x.zip', {}, nodeZipCodec))!;
    expect(again.text('big.xml')).toBe(streamed().text());
    expect(again.text('xl/workbook.xml')).toBe('<a/>');
  });

  it('is made whole when read, and stored uncompressed without a codec', async () => {
    const pkg = new XlsxPackage([{ name: 'xl/workbook.xml', data: new TextEncoder().encode('<a/>') }]);
    pkg.set('big.xml', streamed());
    expect(pkg.streamed('big.xml')).toBeDefined();
    expect(pkg.text('big.xml')).toBe(streamed().text());
    expect(pkg.streamed('big.xml')).toBeUndefined();
    const again = (await readXlsxPackage(await writeXlsxPackage(pkg), 'x.zip'))!;
    expect(again.text('big.xml')).toBe(streamed().text());
  });
});

describe('generatedSheetXml', () => {
  const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/><fonts count="1"><font/></fonts><fills count="2"><fill/><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

  it('makes the sheet a row at a time, with every format resolved before the first piece', () => {
    const n = (value: number): CellContent => ({ kind: 'number', value, numberFormat: '0.00' });
    const sheet: GeneratedSheet = {
      name: 'So sánh',
      purpose: 'comparison',
      rows: Array.from({ length: 500 }, (_, r) => Array.from({ length: 40 }, (_, c) => n(r * 40 + c))),
      styles: [{ range: 'A1:AN1', style: 'header' }],
      hyperlinks: [],
      conditionalFormats: [],
      columnWidths: [],
      freezeRows: 1,
    };
    const styles = StylesPatch.parse(STYLES)!;
    const made = generatedSheetXml(sheet, styles);
    const stylesAfter = styles.toXml();
    const pieces = [...made.xml.pieces()];
    // Nothing is added to the styles part while the XML is made (the package writes it later).
    expect(styles.toXml()).toBe(stylesAfter);
    expect(pieces.filter((p) => p.startsWith('<row ')).length).toBe(500);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(made.xml.text().length / 100);
    expect(made.xml.text()).toContain('<dimension ref="A1:AN500"/>');
    expect(made.xml.text()).toMatch(/<row r="1"><c r="A1" s="(\d+)"><v>0<\/v><\/c>/);
  });
});
