/**
 * Renders a report draft (src/core/report) as a Word document with the `docx` package: headings,
 * prose paragraphs, bulleted lists, the area table and a native Word chart (`ChartRun`: a
 * DrawingML chart part with its data in an embedded workbook, so the official can restyle it and
 * edit its data in Word). No file system: bytes out, for the command line and the browser alike.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { ReportBlock, ReportChart, ReportDraft, ReportSection, ReportTable } from '../../core/report';
import { jsonNumber } from '../../core/format';
import { PALETTE } from '../palette';

/** Vietnamese administrative documents are set in Times New Roman, 13–14 pt (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const rgb = (argb: string) => argb.slice(2);
/** A4 in twips, margins 2 cm / 2 cm / 3 cm left / 2 cm right (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 1134 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

const HEADINGS = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2 } as const;

function heading(text: string, level: 1 | 2 | 3): Paragraph {
  return new Paragraph({
    heading: HEADINGS[level],
    alignment: level === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: level === 3 ? 200 : 240, after: 120 },
    children: [new TextRun({ text, bold: true, font: FONT, size: level === 1 ? 28 : SIZE, color: rgb(PALETTE.titleFont) })],
  });
}

function prose(text: string, bullet = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { after: 120, line: 300 },
    indent: bullet ? undefined : { firstLine: 567 },
    bullet: bullet ? { level: 0 } : undefined,
    children: [new TextRun({ text, font: FONT, size: SIZE })],
  });
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: rgb(PALETTE.border) };
const borders = { top: thin, bottom: thin, left: thin, right: thin };

function cell(text: string, opts: { bold: boolean; right: boolean; fill?: string }): TableCell {
  return new TableCell({
    borders,
    shading: opts.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: rgb(opts.fill) } : undefined,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.bold, font: FONT, size: 22 })],
      }),
    ],
  });
}

function table(t: ReportTable): (Paragraph | Table)[] {
  const header = new TableRow({
    tableHeader: true,
    children: t.header.map((h, i) => cell(h, { bold: true, right: t.numeric[i], fill: PALETTE.headerFill })),
  });
  const rows = t.rows.map((r, k) => {
    const total = t.totalRow && k === t.rows.length - 1;
    return new TableRow({
      children: r.map((v, i) => cell(v, { bold: total, right: t.numeric[i], fill: total ? PALETTE.totalFill : undefined })),
    });
  });
  const caption = new Paragraph({
    spacing: { before: 120, after: 60 },
    children: [new TextRun({ text: t.caption, italics: true, font: FONT, size: 24 })],
  });
  // The first column (area titles) gets a third of the text width, the figures share the rest.
  const first = Math.round(TEXT_WIDTH / 3);
  const rest = Math.floor((TEXT_WIDTH - first) / Math.max(1, t.header.length - 1));
  const columnWidths = t.header.map((_h, i) => (i === 0 ? first : rest));
  return [caption, new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths, rows: [header, ...rows] })];
}

/** Horizontal bars, highest total on top (a bar chart draws its first category at the bottom). */
function chart(c: ReportChart): Paragraph {
  const n = c.categories.length;
  const order = c.categories.map((_c, i) => n - 1 - i);
  const colours = (normal: string, strong: string) => order.map((i) => (i === c.highlight ? rgb(strong) : rgb(normal)));
  const run = new ChartRun({
    type: 'bar',
    title: { text: c.title },
    categories: order.map((i) => c.categories[i]),
    series: c.series.map((s, k) => ({
      name: s.name,
      values: order.map((i) => jsonNumber(s.values[i])),
      color: rgb(k === 0 ? PALETTE.chartCurrent : PALETTE.chartPrior),
      colors: k === 0 ? colours(PALETTE.chartCurrent, PALETTE.chartHighlight) : colours(PALETTE.chartPrior, PALETTE.chartHighlightPrior),
    })),
    valueAxis: { title: c.valueAxis, minimum: c.axisMin, maximum: c.axisMax },
    font: { name: FONT },
    transformation: { width: 600, height: Math.max(300, 30 * n + 110) },
  });
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, children: [run] });
}

function block(b: ReportBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [heading(b.text, b.level)];
    case 'paragraph':
      return [prose(b.text)];
    case 'list':
      return b.items.map((item) => prose(item, true));
    case 'table':
      return table(b.table);
    case 'chart':
      return [chart(b.chart)];
  }
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

/**
 * The letterhead as a borderless two-column table, as Word templates of administrative documents
 * lay it out: body and number left, national title, motto (bold) and place and date (italic) right.
 */
function letterhead(l: ReportDraft['letterhead']): Table {
  const line = (text: string, i: number, right: boolean) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: i === 1 && right ? 120 : 0 },
      children: [
        new TextRun({
          text,
          font: FONT,
          size: i === 0 && right ? 24 : SIZE,
          bold: i < 2 && !(i === 1 && !right),
          italics: right && i === 2,
        }),
      ],
    });
  const column = (lines: string[], right: boolean, width: number) =>
    new TableCell({
      borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
      width: { size: width, type: WidthType.DXA },
      children: lines.map((t, i) => line(t, i, right)),
    });
  const left = Math.round(TEXT_WIDTH * 0.4);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, TEXT_WIDTH - left],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [column(l.left, false, left), column(l.right, true, TEXT_WIDTH - left)] })],
  });
}

function sectionChildren(draft: ReportDraft, s: ReportSection, first: boolean): (Paragraph | Table)[] {
  const top = first
    ? [
        letterhead(draft.letterhead),
        heading(draft.title, 1),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: draft.subtitle, italics: true, font: FONT, size: SIZE })],
        }),
      ]
    : [];
  return [...top, ...s.blocks.flatMap(block)];
}

/** The Word document of a draft: one section (starting on a new page) per unit. */
export function reportDocument(draft: ReportDraft): Document {
  const page = { page: { size: { width: A4.width, height: A4.height }, margin: MARGIN } };
  return new Document({
    creator: 'PAR Scorecard',
    title: draft.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: draft.sections.map((s, i) => ({ properties: page, children: sectionChildren(draft, s, i === 0) })),
  });
}

/** The .docx bytes of a draft. */
export async function renderReportDocx(draft: ReportDraft): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(reportDocument(draft)));
}
