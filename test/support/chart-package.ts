/**
 * A workbook with a chart, built in-process from one of the samples: a column chart over the
 * first sheet's D9:D20, anchored by a drawing on that sheet (ECMA-376 Part 1 §21.2 charts, §20.5
 * spreadsheet drawings), as Excel links them: sheet → drawing (relationship) → chart
 * (relationship), both listed in [Content_Types].xml. The parts this tool does not know, which a
 * write must keep byte for byte.
 */
import * as zlib from 'zlib';
import { readXlsxPackage, writeXlsxPackage } from '../../src/hosts/xlsx/ooxml/package';
import { WORKSHEET_ORDER } from '../../src/hosts/xlsx/ooxml/patch-sheet';
import { insertInOrder, joinRoot, splitRoot } from '../../src/hosts/xlsx/ooxml/patch-xml';
import { readWorkbookParts, relsPartOf } from '../../src/hosts/xlsx/ooxml/workbook';
import type { ZipCodec } from '../../src/hosts/xlsx/zip';

const codec: ZipCodec = {
  inflateRawSync: (data, maxBytes) => zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) }),
  deflateRaw: (data) => zlib.deflateRawSync(data, { level: 6 }),
};

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';

export const CHART_PART = 'xl/charts/chart1.xml';
export const DRAWING_PART = 'xl/drawings/drawing1.xml';

const chartXml = (sheet: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${REL}">` +
  '<c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>' +
  `<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'${sheet}'!$D$9:$D$20</c:f></c:numRef></c:val></c:ser>` +
  '<c:axId val="1"/><c:axId val="2"/></c:barChart>' +
  '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
  '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>' +
  '</c:plotArea></c:chart></c:chartSpace>';

const anchor = (col: number, row: number) =>
  `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;

const drawingXml =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${A}">` +
  `<xdr:twoCellAnchor><xdr:from>${anchor(16, 2)}</xdr:from><xdr:to>${anchor(24, 18)}</xdr:to>` +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Biểu đồ 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
  `<a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${REL}" r:id="rId1"/></a:graphicData></a:graphic>` +
  '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>';

const rels = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;

/** The workbook `input` with a chart on its first sheet (which must have no relationships yet). */
export async function withChart(input: Uint8Array): Promise<Uint8Array> {
  const pkg = (await readXlsxPackage(input, 'in.xlsx', {}, codec))!;
  const first = readWorkbookParts(pkg).sheets[0];
  const sheetPart = first.part!;
  if (pkg.has(relsPartOf(sheetPart))) throw new Error(`${sheetPart} already has relationships`);
  const root = splitRoot(pkg.text(sheetPart)!, 'worksheet', ['sheetData'])!;
  insertInOrder(root, { name: 'drawing', xml: '<drawing r:id="rIdChart1"/>' }, WORKSHEET_ORDER);
  pkg.set(sheetPart, joinRoot(root));
  pkg.set(relsPartOf(sheetPart), rels(`<Relationship Id="rIdChart1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/>`));
  pkg.set(DRAWING_PART, drawingXml);
  pkg.set(relsPartOf(DRAWING_PART), rels(`<Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/>`));
  pkg.set(CHART_PART, chartXml(first.name));
  const types = pkg.text('[Content_Types].xml')!;
  pkg.set(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
  return writeXlsxPackage(pkg, codec);
}
