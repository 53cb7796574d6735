/**
 * A write plan: data describing what to write into a workbook. The engine produces it; each host
 * (Office.js, ExcelJS) applies it. Hosts must honour these guarantees:
 * - `text` content is always stored as literal text, never parsed as a formula or number
 *   (a unit named "=1+1" stays text);
 * - `cellWrites` only target cells the engine has decided may be written (empty, or ours);
 * - each generated sheet replaces only an earlier sheet this tool created (see sheet-names.ts),
 *   never a sheet the user made;
 * - conditional formats are tagged as ours so "clear highlights" removes only them;
 * - conditional formats keep their order as priority: on one sheet, an earlier entry of
 *   `conditionalFormats` (or of a generated sheet's list) wins over a later one where both apply.
 */
import type Decimal from 'decimal.js';
import { columnLetter, parseRange, quoteSheet } from './a1';
import { milliOf, scoreNumber } from './scores';

export type CellContent =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; numberFormat?: string }
  | { kind: 'text'; value: string }
  | {
      kind: 'formula';
      /** With the leading '=' and English function names and separators (RANK.EQ, commas). */
      formula: string;
      /** The engine's value, cached so the file shows it before Excel recalculates. */
      cached?: number | string;
      numberFormat?: string;
    };

/** Semantic styles; hosts map them to fonts and fills (one palette for all hosts). */
export type CellStyle = 'title' | 'subtitle' | 'header' | 'total' | 'wrap' | 'bold';

/** Semantic highlight styles for conditional formats. */
export type HighlightStyle = 'decline' | 'shortfall' | 'fullMarks' | 'improved';

export interface CellWrite {
  sheet: string;
  /** A1 address of one cell. */
  address: string;
  content: CellContent;
}

export interface ConditionalFormatPlan {
  /** A1 range the format applies to. */
  range: string;
  /**
   * Excel formula (with '=') evaluated relative to the range's top-left cell; the style applies
   * where it is TRUE. E.g. range D8:O48 with formula "=AND(ISNUMBER(D8),D8<$C8)".
   */
  formula: string;
  style: HighlightStyle;
}

export interface LiveConditionalFormat extends ConditionalFormatPlan {
  sheet: string;
}

export interface Hyperlink {
  /** Cell in the generated sheet. */
  address: string;
  /** Target sheet and cell. */
  sheet: string;
  cell: string;
}

export type GeneratedSheetPurpose = 'ranking' | 'comparison' | 'findings' | 'consolidation' | 'differences' | 'prior-values';

export interface GeneratedSheet {
  /** The name the engine wants ("Xếp hạng 2025"); the host makes it valid and unique. */
  name: string;
  purpose: GeneratedSheetPurpose;
  /** Row-major, anchored at A1. */
  rows: CellContent[][];
  styles: { range: string; style: CellStyle }[];
  /** Column widths in characters, from column A. */
  columnWidths: number[];
  /** Number of rows frozen at the top (header). */
  freezeRows: number;
  hyperlinks: Hyperlink[];
  conditionalFormats: ConditionalFormatPlan[];
  /**
   * Written hidden (Excel's "Hidden", which Format → Unhide shows again; never "very hidden",
   * which only VBA, absent from an .xlsx, can undo): data the tool's own formulas read, such as
   * last year's scores behind the decline highlights, kept out of the way yet open to an audit.
   */
  hidden?: boolean;
  /**
   * Native charts on the sheet (issue #18: the comparison sheet's bar chart of totals). Ranges are
   * on this sheet; hosts write them qualified with the name the sheet was given. A chart belongs to
   * its generated sheet: replacing the sheet replaces its charts (never a second copy), and a host
   * that cannot draw charts (the ExcelJS writer) writes the sheet without them.
   */
  charts?: ChartPlan[];
}

/** A clustered column chart over ranges of its generated sheet (series in columns). */
export interface ChartPlan {
  type: 'columnClustered';
  title: string;
  /** A1 range of the category labels (the unit names, one column). */
  categories: string;
  /** The labels as the cells hold them (cached in a file's chart part). */
  categoryLabels: string[];
  series: ChartSeriesPlan[];
  /** Where the chart sits: the cell under its top-left corner and the one under its bottom-right. */
  from: string;
  to: string;
  /** Value-axis title ("Điểm" / "Points"). */
  valueAxis: string;
  /**
   * Where the value axis starts (a multiple of 10 at least 5 points below the lowest bar, never
   * below 0, as the Word report's chart): totals of 76–93 on a 0–100 axis look all alike.
   */
  axisMin: number;
}

export interface ChartSeriesPlan {
  /** The series name as shown in the legend; `nameCell` holds it on the sheet. */
  name: string;
  nameCell: string;
  /** A1 range of the values, the same length as the categories. */
  values: string;
  /** The values as the cells hold them (null: an empty cell), cached in a file's chart part. */
  cached: (number | null)[];
}

/**
 * A workbook-scoped defined name the tool owns, referring to a range of a generated sheet of the
 * same plan. Conditional-format formulas may not reach another sheet directly ([MS-OI29500]
 * §3.2.3.1.2: no array constants, unions or other-sheet references), but may through a name.
 * Hosts write `sheet` under the name they actually gave that generated sheet, absolute and quoted
 * ('Điểm 2024 - Tổng hợp'!$D$10:$O$48), and replace an earlier name of the same text: names in
 * the tool's namespace (`PAR_…`, like the state sheet) are the tool's.
 */
export interface DefinedNamePlan {
  /** A valid Excel name (letters, digits, '_'; not a cell reference). */
  name: string;
  /** The desired name of a generated sheet of this plan (`GeneratedSheet.name`). */
  sheet: string;
  /** A1 range on that sheet ("D10:O48"); hosts write it absolute. */
  range: string;
}

/**
 * Data validation on the user's score cells (task pane "Nhập điểm"): a decimal between min and
 * max, with an input message shown when a cell of the range is selected. One entry covers a
 * contiguous run of cells with the same maximum. Excel limits: title ≤ 32, message ≤ 255 characters.
 */
export interface DataValidationPlan {
  sheet: string;
  /** A1 range ("D10:O11"). */
  range: string;
  min: number;
  max: number;
  inputTitle: string;
  inputMessage: string;
}

/**
 * What a defined name refers to, as every host writes it: the sheet (under the name the host gave
 * it) quoted, the range absolute ('Điểm 2024 - Tổng hợp'!$D$10:$O$48) so that the name means
 * the same cells wherever a formula uses it.
 */
export function definedNameReference(sheet: string, range: string): string {
  const g = parseRange(range);
  const from = `$${columnLetter(g.left)}$${g.top}`;
  const to = `$${columnLetter(g.right)}$${g.bottom}`;
  return `${quoteSheet(sheet)}!${from === to ? from : `${from}:${to}`}`;
}

export interface WritePlan {
  cellWrites: CellWrite[];
  sheets: GeneratedSheet[];
  /** Highlights on the user's own sheets, tagged as ours. */
  conditionalFormats: LiveConditionalFormat[];
  /** Data validation on score cells (optional; hosts that cannot apply it skip it). */
  dataValidations?: DataValidationPlan[];
  /** Defined names over generated sheets, written after the sheets, before the highlights. */
  definedNames?: DefinedNamePlan[];
}

export function emptyPlan(): WritePlan {
  return { cellWrites: [], sheets: [], conditionalFormats: [] };
}

/**
 * Excel's limit on the characters of one cell (Excel specifications and limits): a longer text
 * makes Excel repair the file, and Office.js refuses the write. Generated text is cut there.
 */
export const CELL_TEXT_MAX = 32767;

export const text = (value: string): CellContent => ({ kind: 'text', value: value.length > CELL_TEXT_MAX ? clip(value) : value });

/** The text cut to CELL_TEXT_MAX characters with a final '…', never between the two halves of a surrogate pair. */
function clip(value: string): string {
  let end = CELL_TEXT_MAX - 1;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}…`;
}

export const num = (value: number, numberFormat?: string): CellContent =>
  numberFormat ? { kind: 'number', value, numberFormat } : { kind: 'number', value };
export const formula = (f: string, cached?: number | string, numberFormat?: string): CellContent => {
  const value = f.startsWith('=') ? f : `=${f}`;
  // (One literal per shape, keys in the same order: performance, bench/ — adding properties to a
  // made object gives it a separate property store.)
  if (cached !== undefined)
    return numberFormat ? { kind: 'formula', formula: value, cached, numberFormat } : { kind: 'formula', formula: value, cached };
  return numberFormat ? { kind: 'formula', formula: value, numberFormat } : { kind: 'formula', formula: value };
};
export const EMPTY: CellContent = { kind: 'empty' };

/**
 * Cell contents are immutable data: one object per distinct text or number is shared by every cell
 * of a generated sheet that shows it (performance, bench/: a ranking or comparison sheet has
 * thousands of rows).
 */
export class SharedContents {
  private readonly texts = new Map<string, CellContent>();
  private readonly numbers = new Map<string, Map<number, CellContent>>();
  private readonly scores = new Map<number, CellContent>();

  text(s: string): CellContent {
    let c = this.texts.get(s);
    if (!c) this.texts.set(s, (c = text(s)));
    return c;
  }

  /** num(v, numberFormat); EMPTY for null. */
  num(v: number | null, numberFormat = ''): CellContent {
    if (v === null) return EMPTY;
    if (Object.is(v, -0)) return num(v, numberFormat); // a Map would take -0 for 0
    let byValue = this.numbers.get(numberFormat);
    if (!byValue) this.numbers.set(numberFormat, (byValue = new Map()));
    let c = byValue.get(v);
    if (!c) byValue.set(v, (c = num(v, numberFormat)));
    return c;
  }

  /** num(scoreNumber(d)), found by the integer thousandths when d is a whole number of them; EMPTY for null. */
  score(d: Decimal | null): CellContent {
    if (d === null) return EMPTY;
    const m = milliOf(d);
    if (m === undefined) return this.num(scoreNumber(d));
    let c = this.scores.get(m);
    if (!c) this.scores.set(m, (c = this.num(m / 1000)));
    return c;
  }
}
