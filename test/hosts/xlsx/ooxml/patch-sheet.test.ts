/**
 * The worksheet and styles patches on parts shaped as Excel writes them (shared formulas, x14
 * conditional formats in extLst, drawings, tables), which the ExcelJS-written samples do not have.
 */
import { execFileSync } from 'child_process';
import { num, text, formula } from '../../../../src/core/plan';
import { MAIN_NS, WorksheetPatch, WORKSHEET_ORDER } from '../../../../src/hosts/xlsx/ooxml/patch-sheet';
import { unprefixed } from '../../../../src/hosts/xlsx/ooxml/normalize';
import { StylesPatch } from '../../../../src/hosts/xlsx/ooxml/patch-styles';
import { splitRoot } from '../../../../src/hosts/xlsx/ooxml/patch-xml';
import { requireTool } from '../../../support/tools';

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"';

const EXCEL_SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet ${NS}>` +
  '<sheetPr><tabColor rgb="FF00B050"/></sheetPr><dimension ref="A1:D4"/>' +
  '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>' +
  '<cols><col min="5" max="5" width="12" style="2" customWidth="1"/></cols>' +
  '<sheetData>' +
  '<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>1</v></c><c r="D1"><f>B1*2</f><v>2</v></c></row>' +
  '<row r="2" spans="1:4" s="1" customFormat="1" x14ac:dyDescent="0.25"><c r="B2"><f t="shared" ref="B2:B4" si="0">A2+1</f><v>1</v></c></row>' +
  '<row r="3" spans="1:4" x14ac:dyDescent="0.25"><c r="B3"><f t="shared" si="0"/><v>1</v></c></row>' +
  '<row r="4" spans="1:4" x14ac:dyDescent="0.25"><c r="A4" t="s"><v>1</v></c><c r="B4"><f t="shared" si="0"/><v>1</v></c></row>' +
  '</sheetData>' +
  '<mergeCells count="1"><mergeCell ref="C3:D4"/></mergeCells>' +
  '<conditionalFormatting sqref="A1:A4"><cfRule type="cellIs" dxfId="0" priority="2" operator="greaterThan"><formula>1</formula></cfRule></conditionalFormatting>' +
  '<dataValidations count="1"><dataValidation type="whole" sqref="A1"><formula1>0</formula1></dataValidation></dataValidations>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  '<drawing r:id="rId1"/><tableParts count="0"/>' +
  '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
  '<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
  '<x14:cfRule type="dataBar" priority="7" id="{1}"><x14:dataBar/></x14:cfRule><xm:sqref>B1:B4</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>' +
  '</worksheet>';

const STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>';

/** Well-formed by xmllint; a missing xmllint fails the test (test/support/tools.ts), it never passes it. */
function wellFormed(xml: string): boolean {
  const xmllint = requireTool('xmllint');
  try {
    execFileSync(xmllint, ['--noout', '-'], { input: xml, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

test('the well-formedness check can fail', () => {
  expect(wellFormed('<a><b></a>')).toBe(false);
});

const childNames = (xml: string) => splitRoot(xml, 'worksheet', ['sheetData'])!.children.map((c) => c.name);

describe('WorksheetPatch on an Excel-shaped sheet', () => {
  test('cells written in order, spans dropped, row and column formats taken, highlight placed by the schema', () => {
    const sheet = WorksheetPatch.parse(EXCEL_SHEET)!;
    const styles = StylesPatch.parse(STYLES)!;
    expect(sheet.isProtected).toBe(false);
    expect(sheet.isMergedCell(4, 4)).toBe(true);
    expect(sheet.isMergedCell(3, 3)).toBe(false); // the top-left cell of a merge may be written
    sheet.writeCell(1, 3, text('=1+1'));
    sheet.writeCell(1, 5, num(1.25, '0.000'));
    sheet.writeCell(2, 1, num(7));
    sheet.writeCell(6, 2, formula('=RANK.EQ(A1,A1:A4)', 1));
    sheet.writeCell(5, 1, text(' a & <b> '));
    // Our priority comes after the sheet's highest, the x14 data bar's included.
    expect(sheet.nextPriority()).toBe(8);
    sheet.addHighlight({ range: 'A1:A4', formula: '=A1>1', style: 'decline' }, sheet.nextPriority(), styles);
    const xml = sheet.toXml(styles)!;
    expect(wellFormed(xml)).toBe(true);
    const names = childNames(xml);
    expect(names).toEqual([
      'sheetPr',
      'dimension',
      'sheetViews',
      'sheetFormatPr',
      'cols',
      'sheetData',
      'mergeCells',
      'conditionalFormatting',
      'conditionalFormatting',
      'dataValidations',
      'pageMargins',
      'drawing',
      'tableParts',
      'extLst',
    ]);
    const ranks = names.map((n) => WORKSHEET_ORDER.indexOf(n));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);

    // Row 1: A1, B1, new C1 (inline text "=1+1"), D1, new E1 with the column's format + 0.000.
    const row1 = /<row r="1"[^>]*>.*?<\/row>/.exec(xml)![0];
    expect(row1).toMatch(/^<row r="1" x14ac:dyDescent="0.25">/);
    expect([...row1.matchAll(/<c r="([A-Z]+1)"/g)].map((m) => m[1])).toEqual(['A1', 'B1', 'C1', 'D1', 'E1']);
    expect(row1).toContain('<c r="C1" t="inlineStr"><is><t>=1+1</t></is></c>');
    expect(row1).toContain('<c r="E1" s="3"><v>1.25</v></c>');
    // Row 2: the row's format (s=1, customFormat) for the new A2; the shared formula's anchor kept.
    expect(xml).toContain(
      '<row r="2" s="1" customFormat="1" x14ac:dyDescent="0.25"><c r="A2" s="1"><v>7</v></c><c r="B2"><f t="shared" ref="B2:B4" si="0">A2+1</f><v>1</v></c></row>',
    );
    // Rows 5 and 6 added after row 4, in order.
    expect(xml).toMatch(
      /<\/row><row r="5"><c r="A5" t="inlineStr"><is><t xml:space="preserve"> a &amp; &lt;b&gt; <\/t><\/is><\/c><\/row><row r="6"><c r="B6"><f>_xlfn.RANK.EQ\(A1,A1:A4\)<\/f><v>1<\/v><\/c><\/row><\/sheetData>/,
    );
    expect(xml).toContain('<dimension ref="A1:E6"/>');
    expect(xml).toContain(
      '<conditionalFormatting sqref="A1:A4"><cfRule type="expression" dxfId="0" priority="8"><formula>A1&gt;1</formula></cfRule></conditionalFormatting><dataValidations',
    );
    // Unchanged rows keep their bytes, spans included.
    expect(xml).toContain('<row r="3" spans="1:4" x14ac:dyDescent="0.25"><c r="B3"><f t="shared" si="0"/><v>1</v></c></row>');

    const stylesXml = styles.toXml();
    expect(wellFormed(stylesXml)).toBe(true);
    expect(stylesXml).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts><fonts count="1">');
    expect(stylesXml).toContain('<cellXfs count="4">');
    expect(stylesXml).toContain('<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>');
    expect(stylesXml).toContain(
      '</cellStyles><dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs><tableStyles',
    );
  });

  test('overwriting the anchor of a shared formula gives each cell that shared it its own formula', () => {
    const sheet = WorksheetPatch.parse(EXCEL_SHEET)!;
    sheet.writeCell(2, 2, num(9));
    const xml = sheet.toXml(StylesPatch.parse(STYLES)!)!;
    expect(xml).toContain('<c r="B2"><v>9</v></c>');
    expect(xml).toContain('<c r="B3"><f>A3+1</f><v>1</v></c>');
    expect(xml).toContain('<c r="B4"><f>A4+1</f><v>1</v></c>');
    expect(xml).not.toContain('t="shared"');
    // An array formula's anchor is one block Excel edits whole: not overwritten.
    const array = WorksheetPatch.parse(
      EXCEL_SHEET.replace('<f t="shared" ref="B2:B4" si="0">A2+1</f>', '<f t="array" ref="B2:B4">A2:A4+1</f>'),
    )!;
    array.writeCell(2, 2, num(9));
    expect(array.toXml(StylesPatch.parse(STYLES)!)).toBeNull();
  });

  test('rows and cells without a reference (§18.3.1.73, §18.3.1.4) are numbered where the writer passes them', () => {
    const styles = StylesPatch.parse(STYLES)!;
    // Rows 3 and 4 without r: a cell written into row 3 is in row 3, and row 4 stays row 4.
    const noRowRef = WorksheetPatch.parse(EXCEL_SHEET.replace('<row r="3" ', '<row ').replace('<row r="4" ', '<row '))!;
    noRowRef.writeCell(3, 1, num(7));
    const rows = noRowRef.toXml(styles)!;
    expect(rows).toMatch(/<row r="3"[^>]*><c r="A3"><v>7<\/v><\/c><c r="B3">/);
    expect(rows).toMatch(/<row r="4"[^>]*><c r="A4" t="s"><v>1<\/v><\/c>/);
    // A1 and B1 without r: a cell written between B1 and D1 does not move them.
    const noCellRef = WorksheetPatch.parse(EXCEL_SHEET.replace('<c r="A1" t="s">', '<c t="s">').replace('<c r="B1" s="1">', '<c s="1">'))!;
    noCellRef.writeCell(1, 3, num(5));
    expect(noCellRef.toXml(styles)).toContain(
      '<c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>1</v></c><c r="C1"><v>5</v></c><c r="D1"><f>B1*2</f>',
    );
  });

  test('a prefixed root is edited once unprefixed; sheet protection is seen', () => {
    const prefixed = EXCEL_SHEET.replace(`xmlns="${MAIN_NS}"`, `xmlns:x="${MAIN_NS}"`).replace(
      /<(\/?)(?!x14|mc|xm)([A-Za-z]+)(?=[\s/>])/g,
      '<$1x:$2',
    );
    expect(WorksheetPatch.parse(prefixed)).toBeNull();
    const sheet = WorksheetPatch.parse(unprefixed(prefixed))!;
    sheet.writeCell(1, 3, num(5));
    const xml = sheet.toXml(StylesPatch.parse(STYLES)!)!;
    expect(xml).toContain('<c r="C1"><v>5</v></c>');
    expect(xml).toMatch(/^<\?xml[^>]*\?>\s*<worksheet xmlns="[^"]+" xmlns:x=/);
    const locked = WorksheetPatch.parse(EXCEL_SHEET.replace('</sheetData>', '</sheetData><sheetProtection sheet="1" objects="1"/>'))!;
    expect(locked.isProtected).toBe(true);
  });

  test('removing our highlight keeps the others', () => {
    const sheet = WorksheetPatch.parse(EXCEL_SHEET)!;
    const styles = StylesPatch.parse(STYLES)!;
    sheet.addHighlight({ range: 'B1:B4', formula: '=RANK.EQ(B1,B$1:B$4)=1', style: 'fullMarks' }, 8, styles);
    const once = WorksheetPatch.parse(sheet.toXml(styles)!)!;
    expect(once.removeHighlights([{ range: 'B1:B4', formula: '=RANK.EQ(B1,B$1:B$4)=1' }])).toBe(1);
    expect(once.removeHighlights([{ range: 'A1:A4', formula: '=1' }])).toBe(0);
    const xml = once.toXml(styles)!;
    expect(xml.match(/<conditionalFormatting /g)).toHaveLength(1);
    expect(xml).toContain('<cfRule type="cellIs" dxfId="0" priority="2"');
  });
});
