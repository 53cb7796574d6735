/**
 * Native charts of generated sheets in a file (core/plan.ts ChartPlan; issue #18: the comparison
 * sheet's column chart of totals). A sheet's charts are one drawing part (SpreadsheetML Drawing,
 * ECMA-376 Part 1 §20.5: a twoCellAnchor holding a graphicFrame per chart) related from the
 * worksheet's <drawing r:id>, and one chart part each (DrawingML Charts, §21.2: c:chartSpace with a
 * c:barChart whose series read the sheet's cells through c:numRef/c:strRef, with cached values so a
 * reader shows them before recalculating), each typed in [Content_Types].xml.
 *
 * The charts are ours like the sheet: replacing the sheet deletes its drawing and chart parts
 * (ownedChartParts) and writes new ones, never a second chart. A drawing that holds anything else
 * (a shape or a chart the user added) is not ours to delete: patch-plan.ts leaves that to ExcelJS.
 */
import { columnLetter, parseA1, parseRange, quoteSheet } from '../../../core/a1';
import type { ChartPlan, ChartSeriesPlan } from '../../../core/plan';
import { PALETTE } from '../../palette';
import type { XlsxPackage } from './package';
import { findPart, readRelationships, relsPartOf } from './workbook';
import { escapeXmlAttr, escapeXmlText, parseAttributes } from './xml';

const NS = {
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
export const CHART_REL_TYPES = {
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
};
const CONTENT_TYPES = '[Content_Types].xml';
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CHART_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
/** The name every chart frame of ours carries (xdr:cNvPr/@name): how a rerun knows the drawing is ours. */
const OWN_NAME = 'PAR Scorecard';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A generated sheet's charts, with the part and the name the sheet got in this workbook. */
export interface SheetCharts {
  part: string;
  sheet: string;
  charts: ChartPlan[];
}

const rgb = (argb: string) => argb.slice(2);
const absolute = (sheet: string, range: string) => {
  const g = parseRange(range);
  const cell = (row: number, col: number) => `$${columnLetter(col)}$${row}`;
  const from = cell(g.top, g.left);
  const to = cell(g.bottom, g.right);
  return `${quoteSheet(sheet)}!${from === to ? from : `${from}:${to}`}`;
};

/** A text run as a chart title or axis title (c:tx/c:rich, §21.2.2.215). */
function richText(text: string, size: number, bold: boolean): string {
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="vi-VN" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXmlText(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function seriesXml(s: ChartSeriesPlan, k: number, chart: ChartPlan, sheet: string): string {
  const fill = rgb(k === chart.series.length - 1 ? PALETTE.chartCurrent : PALETTE.chartPrior);
  const labels = chart.categoryLabels.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXmlText(v)}</c:v></c:pt>`).join('');
  const values = s.cached.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return (
    `<c:ser><c:idx val="${k}"/><c:order val="${k}"/>` +
    `<c:tx><c:strRef><c:f>${escapeXmlText(absolute(sheet, s.nameCell))}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXmlText(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    `<c:spPr><a:solidFill><a:srgbClr val="${fill}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
    `<c:cat><c:strRef><c:f>${escapeXmlText(absolute(sheet, chart.categories))}</c:f><c:strCache><c:ptCount val="${chart.categoryLabels.length}"/>${labels}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXmlText(absolute(sheet, s.values))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${s.cached.length}"/>${values}</c:numCache></c:numRef></c:val>` +
    `</c:ser>`
  );
}

/** The chart part (§21.2.2.27 chartSpace): a clustered column chart, legend at the bottom. */
export function chartXml(chart: ChartPlan, sheet: string): string {
  const axisText = '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>';
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${richText(chart.title, 1200, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    chart.series.map((s, k) => seriesXml(s, k, chart, sheet)).join('') +
    `<c:gapWidth val="60"/><c:axId val="111111111"/><c:axId val="222222222"/></c:barChart>` +
    `<c:catAx><c:axId val="111111111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${axisText}` +
    `<c:crossAx val="222222222"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="222222222"/><c:scaling><c:orientation val="minMax"/><c:min val="${chart.axisMin}"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:majorGridlines/><c:title>${richText(chart.valueAxis, 900, false)}<c:overlay val="0"/></c:title>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${axisText}` +
    `<c:crossAx val="111111111"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}

/** The drawing part: one twoCellAnchor per chart, from its top-left cell to its bottom-right cell. */
export function drawingXml(charts: ChartPlan[], relIds: string[]): string {
  const marker = (tag: string, cell: string) => {
    const { row, col } = parseA1(cell);
    return `<xdr:${tag}><xdr:col>${col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  };
  const anchors = charts.map(
    (c, i) =>
      `<xdr:twoCellAnchor editAs="oneCell">${marker('from', c.from)}${marker('to', c.to)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXmlAttr(`${OWN_NAME} ${i + 1}`)}" descr="${escapeXmlAttr(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="${relIds[i]}"/></a:graphicData></a:graphic></xdr:graphicFrame>` +
      `<xdr:clientData/></xdr:twoCellAnchor>`,
  );
  return `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join('')}</xdr:wsDr>`;
}

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  return `${XML_HEAD}<Relationships xmlns="${NS.rels}">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXmlAttr(r.target)}"/>`).join('')}</Relationships>`;
}

/** The first free `dir/stemN.xml` (case-insensitive, as zip readers compare), not in `taken`. */
function freePart(pkg: XlsxPackage, dir: string, stem: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const p = `${dir}${stem}${n}.xml`;
    if (!findPart(pkg, p) && !taken.has(p.toLowerCase())) {
      taken.add(p.toLowerCase());
      return p;
    }
  }
}

/**
 * The drawing and chart parts of a generated sheet of ours, with their relationships parts, when
 * its only relationship is a drawing of nothing but our charts: what replacing the sheet deletes.
 * Null when the sheet relates to anything else (patch-plan.ts then leaves the write to ExcelJS).
 */
export function ownedChartParts(pkg: XlsxPackage, sheetPart: string): string[] | null {
  const rels = readRelationships(pkg, sheetPart);
  if (rels.length !== 1 || rels[0].type !== CHART_REL_TYPES.drawing || !rels[0].part) return null;
  const drawing = findPart(pkg, rels[0].part);
  const xml = drawing ? pkg.text(drawing) : undefined;
  if (!drawing || xml === undefined) return null;
  const frames = [...xml.matchAll(/<(?:\w+:)?cNvPr\b[^>]*>/g)].map((m) => parseAttributes(m[0]).name ?? '');
  if (frames.length === 0 || frames.some((n) => !n.startsWith(OWN_NAME))) return null;
  const out = [drawing];
  for (const r of readRelationships(pkg, drawing)) {
    if (r.type !== CHART_REL_TYPES.chart || !r.part) return null;
    const chart = findPart(pkg, r.part);
    if (!chart) continue;
    out.push(chart);
    // Parts Excel may add to a chart it saved (its style and colours): they go with it.
    for (const c of readRelationships(pkg, chart)) if (c.part && findPart(pkg, c.part)) out.push(findPart(pkg, c.part)!);
    const chartRels = findPart(pkg, relsPartOf(chart));
    if (chartRels) out.push(chartRels);
  }
  const drawingRels = findPart(pkg, relsPartOf(drawing));
  if (drawingRels) out.push(drawingRels);
  return out;
}

/**
 * After the plan's parts are in the package: each sheet's charts as a drawing and chart parts, the
 * relationship rId1 from the worksheet to its drawing (patch-sheet.ts writes the sheet's <drawing>),
 * relationships and content types; content-type overrides of parts no longer there (a replaced
 * sheet's old charts) dropped.
 */
export function writeSheetCharts(pkg: XlsxPackage, jobs: SheetCharts[]): void {
  const taken = new Set<string>();
  const overrides: string[] = [];
  for (const job of jobs) {
    if (job.charts.length === 0) continue;
    const dir = job.part.slice(0, job.part.indexOf('worksheets/'));
    const drawing = freePart(pkg, `${dir}drawings/`, 'drawing', taken);
    const charts = job.charts.map(() => freePart(pkg, `${dir}charts/`, 'chart', taken));
    const relIds = charts.map((_c, i) => `rId${i + 1}`);
    pkg.set(
      relsPartOf(job.part),
      relsXml([{ id: 'rId1', type: CHART_REL_TYPES.drawing, target: `../drawings/${drawing.slice(drawing.lastIndexOf('/') + 1)}` }]),
    );
    pkg.set(drawing, drawingXml(job.charts, relIds));
    pkg.set(
      relsPartOf(drawing),
      relsXml(
        charts.map((c, i) => ({ id: relIds[i], type: CHART_REL_TYPES.chart, target: `../charts/${c.slice(c.lastIndexOf('/') + 1)}` })),
      ),
    );
    job.charts.forEach((c, i) => pkg.set(charts[i], chartXml(c, job.sheet)));
    overrides.push(`<Override PartName="/${escapeXmlAttr(drawing)}" ContentType="${DRAWING_TYPE}"/>`);
    charts.forEach((c) => overrides.push(`<Override PartName="/${escapeXmlAttr(c)}" ContentType="${CHART_TYPE}"/>`));
  }
  const types = pkg.text(CONTENT_TYPES);
  if (types === undefined || !types.includes('</Types>')) return;
  // Overrides of drawings and charts whose part is gone; ours are added after.
  const kept = types.replace(/<Override\b[^>]*>(?:<\/Override>)?/g, (m) => {
    const a = parseAttributes(m);
    const gone = (a.ContentType === DRAWING_TYPE || a.ContentType === CHART_TYPE) && !findPart(pkg, (a.PartName ?? '').replace(/^\//, ''));
    return gone ? '' : m;
  });
  const mine = new Set(overrides.map((o) => parseAttributes(o).PartName?.toLowerCase()));
  const withoutDuplicates = kept.replace(/<Override\b[^>]*>(?:<\/Override>)?/g, (m) =>
    mine.has(parseAttributes(m).PartName?.toLowerCase()) ? '' : m,
  );
  const next = withoutDuplicates.replace('</Types>', `${overrides.join('')}</Types>`);
  if (next !== types) pkg.set(CONTENT_TYPES, next);
}
