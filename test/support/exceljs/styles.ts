/** The shared palette (../palette.ts) expressed as ExcelJS styles. */
import type ExcelJS from 'exceljs';
import type { CellStyle, HighlightStyle } from '../../../src/core/plan';
import { CELL_STYLES, HIGHLIGHT_COLORS, PALETTE, type StyleSpec } from '../../../src/hosts/palette';

const thin = (): Partial<ExcelJS.Border> => ({ style: 'thin', color: { argb: PALETTE.border } });

/**
 * A new style object: ExcelJS shares one style object between all cells loaded with the same
 * style id, so styles are always replaced, never mutated in place.
 */
export function withSpec(base: Partial<ExcelJS.Style> | undefined, spec: StyleSpec): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = { ...(base ?? {}) };
  if (spec.bold !== undefined || spec.italic !== undefined || spec.size !== undefined || spec.fontColor) {
    const font: Partial<ExcelJS.Font> = { ...(style.font ?? {}) };
    if (spec.bold !== undefined) font.bold = spec.bold;
    if (spec.italic !== undefined) font.italic = spec.italic;
    if (spec.size !== undefined) font.size = spec.size;
    if (spec.fontColor) font.color = { argb: spec.fontColor };
    style.font = font;
  }
  if (spec.fill) {
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: spec.fill }, bgColor: { argb: spec.fill } };
  }
  if (spec.border) style.border = { top: thin(), left: thin(), bottom: thin(), right: thin() };
  if (spec.wrap !== undefined || spec.horizontal || spec.vertical) {
    const alignment: Partial<ExcelJS.Alignment> = { ...(style.alignment ?? {}) };
    if (spec.wrap !== undefined) alignment.wrapText = spec.wrap;
    if (spec.horizontal) alignment.horizontal = spec.horizontal;
    if (spec.vertical) alignment.vertical = spec.vertical;
    style.alignment = alignment;
  }
  return style;
}

export function cellStyle(base: Partial<ExcelJS.Style> | undefined, name: CellStyle): Partial<ExcelJS.Style> {
  return withSpec(base, CELL_STYLES[name]);
}

export function withNumFmt(base: Partial<ExcelJS.Style> | undefined, numFmt: string): Partial<ExcelJS.Style> {
  return { ...(base ?? {}), numFmt };
}

export function linkStyle(base: Partial<ExcelJS.Style> | undefined): Partial<ExcelJS.Style> {
  return { ...(base ?? {}), font: { ...(base?.font ?? {}), underline: true, color: { argb: PALETTE.link } } };
}

/** The differential style of a highlight (conditional format). */
export function highlightStyle(name: HighlightStyle): Partial<ExcelJS.Style> {
  const c = HIGHLIGHT_COLORS[name];
  return {
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: c.fill }, bgColor: { argb: c.fill } },
    font: { color: { argb: c.font } },
  };
}
