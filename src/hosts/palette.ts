/**
 * The one colour palette of PAR Scorecard, shared by every host (ExcelJS files and Office.js).
 * Colours are ARGB hex strings ("FFRRGGBB", as ExcelJS wants them); `cssColor` turns them into
 * "#RRGGBB" for Office.js. Highlight colours follow Excel's built-in presets so that officials
 * recognise them ("Light Red Fill with Dark Red Text", …).
 */
import type { CellStyle, HighlightStyle } from '../core/plan';

export const PALETTE = {
  /** Header rows of generated sheets. */
  headerFill: 'FFD9E1F2',
  headerFont: 'FF1F3864',
  /** Thin cell borders. */
  border: 'FF8EA9DB',
  /** Title and subtitle lines. */
  titleFont: 'FF1F3864',
  subtitleFont: 'FF404040',
  /** Total rows. */
  totalFill: 'FFF2F2F2',
  /** Internal hyperlinks. */
  link: 'FF0563C1',
  /** A score lower than last year. */
  declineFill: 'FFFFC7CE',
  declineFont: 'FF9C0006',
  /** Points lost against the maximum. */
  shortfallFill: 'FFFFEB9C',
  shortfallFont: 'FF9C5700',
  /** Full marks (đạt điểm tuyệt đối). */
  fullMarksFill: 'FFC6EFCE',
  fullMarksFont: 'FF006100',
  /** A score higher than last year. */
  improvedFill: 'FFDDEBF7',
  improvedFont: 'FF1F4E79',
  /** Report chart (Word): this year's bars, the prior year's, and the unit the section is about. */
  chartCurrent: 'FF8EA9DB',
  chartPrior: 'FFBFBFBF',
  chartHighlight: 'FF1F3864',
  chartHighlightPrior: 'FF7F7F7F',
} as const;

export type PaletteName = keyof typeof PALETTE;

/** Fill and font colour of each highlight style. */
export const HIGHLIGHT_COLORS: Record<HighlightStyle, { fill: string; font: string }> = {
  decline: { fill: PALETTE.declineFill, font: PALETTE.declineFont },
  shortfall: { fill: PALETTE.shortfallFill, font: PALETTE.shortfallFont },
  fullMarks: { fill: PALETTE.fullMarksFill, font: PALETTE.fullMarksFont },
  improved: { fill: PALETTE.improvedFill, font: PALETTE.improvedFont },
};

/** Semantic cell styles as host-neutral formatting. Hosts translate this to their own API. */
export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  /** Font size in points. */
  size?: number;
  fontColor?: string;
  fill?: string;
  border?: boolean;
  wrap?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
}

export const CELL_STYLES: Record<CellStyle, StyleSpec> = {
  title: { bold: true, size: 14, fontColor: PALETTE.titleFont },
  subtitle: { italic: true, fontColor: PALETTE.subtitleFont },
  header: {
    bold: true,
    fill: PALETTE.headerFill,
    fontColor: PALETTE.headerFont,
    border: true,
    wrap: true,
    horizontal: 'center',
    vertical: 'middle',
  },
  total: { bold: true, fill: PALETTE.totalFill },
  wrap: { wrap: true, vertical: 'top' },
  bold: { bold: true },
};

/** "FFRRGGBB" → "#RRGGBB" (Office.js colours). */
export function cssColor(argb: string): string {
  return `#${argb.slice(-6)}`;
}
