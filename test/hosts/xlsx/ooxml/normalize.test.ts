/**
 * normalize.ts on the package forms it turns into the one the patch writer edits: what each keeps,
 * what it changes, and what it refuses rather than write a package Excel would repair.
 */
import { readFileSync } from 'fs';
import { nodeZipCodec } from '../../../../src/hosts/xlsx/node';
import {
  MAIN_NS,
  NotNormalizable,
  contentTypeOf,
  makeMacroFree,
  needsMacroFree,
  strictToTransitional,
  unprefixed,
} from '../../../../src/hosts/xlsx/ooxml/normalize';
import { readXlsxPackage, type XlsxPackage } from '../../../../src/hosts/xlsx/ooxml/package';
import { samplePath } from '../../../support/shared';

const sample = async (): Promise<XlsxPackage> =>
  (await readXlsxPackage(new Uint8Array(readFileSync(samplePath('tong-hop-xa-2025.xlsx'))), 'x.xlsx', {}, nodeZipCodec))!;

describe('unprefixed', () => {
  test('SpreadsheetML under x: becomes the default namespace; other prefixes and the text are kept', () => {
    const xml = `<?xml version="1.0"?>\n<x:worksheet xmlns:x="${MAIN_NS}" xmlns:x14="urn:x14"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a &lt;x:b&gt;</x:t></x:is></x:c></x:row></x:sheetData><x:extLst><x14:id>1</x14:id></x:extLst></x:worksheet>`;
    expect(unprefixed(xml)).toBe(
      `<?xml version="1.0"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:x="${MAIN_NS}" xmlns:x14="urn:x14"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &lt;x:b&gt;</t></is></c></row></sheetData><extLst><x14:id>1</x14:id></extLst></worksheet>`,
    );
  });

  test('an unprefixed part, or a prefix of another namespace, is left as it is', () => {
    const plain = `<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`;
    expect(unprefixed(plain)).toBe(plain);
    const other = '<y:worksheet xmlns:y="urn:other"><y:sheetData/></y:worksheet>';
    expect(unprefixed(other)).toBe(other);
  });

  test('a default namespace of another vocabulary beside the prefix: refused', () => {
    expect(() => unprefixed(`<x:worksheet xmlns:x="${MAIN_NS}" xmlns="urn:other"><x:sheetData/></x:worksheet>`)).toThrow(NotNormalizable);
  });
});

describe('strictToTransitional', () => {
  test('every part in Transitional names, conformance dropped, relationship types mapped', async () => {
    const pkg = await sample();
    for (const name of pkg.names().filter((n) => /\.(xml|rels)$/.test(n)))
      pkg.set(
        name,
        pkg
          .text(name)!
          .split(MAIN_NS)
          .join('http://purl.oclc.org/ooxml/spreadsheetml/main')
          .split('http://schemas.openxmlformats.org/officeDocument/2006/relationships')
          .join('http://purl.oclc.org/ooxml/officeDocument/relationships'),
      );
    pkg.set('xl/workbook.xml', pkg.text('xl/workbook.xml')!.replace('<workbook ', '<workbook conformance="strict" '));
    strictToTransitional(pkg, 'xl/workbook.xml');
    for (const name of pkg.names().filter((n) => /\.(xml|rels)$/.test(n)))
      expect([name, pkg.text(name)!.includes('purl.oclc.org')]).toEqual([name, false]);
    expect(pkg.text('xl/workbook.xml')).not.toContain('conformance');
    expect(pkg.text('xl/_rels/workbook.xml.rels')).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"',
    );
  });

  test('a Strict name it has no Transitional name for: refused', async () => {
    const pkg = await sample();
    pkg.set(
      'xl/workbook.xml',
      pkg.text('xl/workbook.xml')!.replace('<workbook ', '<workbook xmlns:q="http://purl.oclc.org/ooxml/unknown/thing" '),
    );
    expect(() => strictToTransitional(pkg, 'xl/workbook.xml')).toThrow(NotNormalizable);
  });
});

describe('macro-free', () => {
  test('an .xlsx workbook needs nothing; an unknown workbook content type is refused', async () => {
    const pkg = await sample();
    expect(needsMacroFree(pkg, 'xl/workbook.xml')).toBe(false);
    pkg.set('[Content_Types].xml', pkg.text('[Content_Types].xml')!.replace('spreadsheetml.sheet.main+xml', 'spreadsheetml.other+xml'));
    expect(() => needsMacroFree(pkg, 'xl/workbook.xml')).toThrow(NotNormalizable);
  });

  test('a template (.xltx) becomes a workbook: only its content type changes', async () => {
    const pkg = await sample();
    pkg.set(
      '[Content_Types].xml',
      pkg.text('[Content_Types].xml')!.replace('spreadsheetml.sheet.main+xml', 'spreadsheetml.template.main+xml'),
    );
    const before = pkg.names();
    expect(needsMacroFree(pkg, 'xl/workbook.xml')).toBe(true);
    makeMacroFree(pkg, 'xl/workbook.xml');
    expect(pkg.names()).toEqual(before);
    expect(contentTypeOf(pkg.text('[Content_Types].xml')!, 'xl/workbook.xml')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    );
  });

  test('.bin given the VBA type by Default: a printer-settings part without its own Override keeps a content type', async () => {
    const pkg = await sample();
    pkg.set('xl/vbaProject.bin', new Uint8Array([1]));
    pkg.set('xl/printerSettings/printerSettings1.bin', new Uint8Array([2]));
    pkg.set(
      '[Content_Types].xml',
      pkg
        .text('[Content_Types].xml')!
        .replace('spreadsheetml.sheet.main+xml', 'ms-excel.sheet.macroEnabled.main+xml')
        .replace(
          '<Default Extension="xml"',
          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"',
        ),
    );
    pkg.set(
      'xl/_rels/workbook.xml.rels',
      pkg
        .text('xl/_rels/workbook.xml.rels')!
        .replace(
          '</Relationships>',
          '<Relationship Id="rId77" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
        ),
    );
    makeMacroFree(pkg, 'xl/workbook.xml');
    const types = pkg.text('[Content_Types].xml')!;
    expect(pkg.has('xl/vbaProject.bin')).toBe(false);
    expect(types).not.toContain('vbaProject');
    expect(contentTypeOf(types, 'xl/printerSettings/printerSettings1.bin')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings',
    );
    expect(pkg.text('xl/_rels/workbook.xml.rels')).not.toContain('rId77');
  });
});
