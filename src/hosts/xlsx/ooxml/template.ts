/**
 * The smallest workbook package Excel opens without repair (issue #16: new workbooks go through
 * the same patch writer as copies of users' files): the parts Excel itself writes for an empty
 * workbook — content types, package and workbook relationships, the workbook, its styles, the
 * core and extended properties — with no sheet yet (the plan adds them). No theme: the one font
 * is named, not taken from a theme; Excel reads a workbook without one.
 *
 * Also the two edits a new workbook needs after its plan: merged ranges on generated sheets (not
 * part of the plan type) and the state written again (the consolidation is the user's data).
 */
import { a1, parseRange } from '../../../core/a1';
import { STATE_SHEET_NAME, stateRows, type WorkbookState } from '../../../core/state';
import { XlsxPackage } from './package';
import { MAIN_NS, REL_NS, WORKSHEET_ORDER, stateSheetXml } from './patch-sheet';
import { insertInOrder, joinRoot, splitRoot } from './patch-xml';
import { readWorkbookParts } from './workbook';
import { escapeXmlText } from './xml';
import { WORKBOOK_CONTENT_TYPE } from './normalize';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** One font, Excel's two required fills, one border, the Normal style. */
const STYLES =
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="1"><font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>';

/** W3CDTF (dcterms:W3CDTF) to the second, as Excel writes it. */
const w3cdtf = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The empty workbook package: creator, last editor and dates as given. */
export function templatePackage(options: { created: Date; creator: string; application?: string }): XlsxPackage {
  const date = w3cdtf(options.created);
  const creator = escapeXmlText(options.creator);
  const parts: [string, string][] = [
    [
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${WORKBOOK_CONTENT_TYPE}"/>` +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `<Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        '</Relationships>',
    ],
    [
      'docProps/app.xml',
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
        `<Application>${escapeXmlText(options.application ?? 'Microsoft Excel')}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
        '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>',
    ],
    [
      'docProps/core.xml',
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified></cp:coreProperties>`,
    ],
    [
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        '<workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>' +
        // An older calcId than Excel's own: Excel recalculates on open, as for the files ExcelJS wrote.
        '<sheets></sheets><calcPr calcId="171027"/></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    ['xl/styles.xml', STYLES],
  ];
  const encoder = new TextEncoder();
  return new XlsxPackage(
    parts.map(([name, xml]) => ({ name, data: encoder.encode(name.endsWith('.rels') || name.endsWith('.xml') ? DECLARATION + xml : xml) })),
  );
}

/** The worksheet part of a sheet, by name. */
function sheetPart(pkg: XlsxPackage, name: string): string | undefined {
  return readWorkbookParts(pkg).sheets.find((s) => s.name === name)?.part;
}

/**
 * Merged ranges (§18.3.1.55) added to a sheet; a range that is not A1 or is one cell is skipped
 * (Excel repairs a one-cell merge), as is a sheet the plan did not write. Throws when the sheet's
 * part cannot be edited.
 */
export function addMergedRanges(pkg: XlsxPackage, sheet: string, ranges: string[]): void {
  const part = sheetPart(pkg, sheet);
  if (!part) return; // a sheet the plan did not write
  const root = splitRoot(pkg.text(part) ?? '', 'worksheet', ['sheetData']);
  if (!root) throw new Error(`${part}: not a worksheet to merge cells in`);
  const refs: string[] = [];
  for (const r of ranges) {
    let g: ReturnType<typeof parseRange>;
    try {
      g = parseRange(r);
    } catch {
      continue;
    }
    if (g.top !== g.bottom || g.left !== g.right) refs.push(`${a1(g.top, g.left)}:${a1(g.bottom, g.right)}`);
  }
  if (refs.length === 0) return;
  const xml = `<mergeCells count="${refs.length}">${refs.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>`;
  insertInOrder(root, { name: 'mergeCells', xml }, WORKSHEET_ORDER);
  pkg.set(part, joinRoot(root));
}

/** The state sheet written again with `state` (after the plan wrote it). */
export function rewriteState(pkg: XlsxPackage, state: WorkbookState): void {
  const part = sheetPart(pkg, STATE_SHEET_NAME);
  if (!part) throw new Error('no state sheet to write');
  pkg.set(part, stateSheetXml(stateRows(state)));
}
