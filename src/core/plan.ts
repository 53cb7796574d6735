/**
 * A write plan: data describing what to write into a workbook. The engine produces it; each host
 * (Office.js, ExcelJS) applies it. Hosts must honour these guarantees:
 * - `text` content is always stored as literal text, never parsed as a formula or number
 *   (a unit named "=1+1" stays text);
 * - `cellWrites` only target cells the engine has decided may be written (empty, or ours);
 * - each generated sheet replaces only an earlier sheet this tool created (see sheet-names.ts),
 *   never a sheet the user made;
 * - conditional formats are tagged as ours so "clear highlights" removes only them.
 */
import type Decimal from 'decimal.js';
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

export type GeneratedSheetPurpose = 'ranking' | 'comparison' | 'findings' | 'consolidation' | 'differences';

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

export interface WritePlan {
  cellWrites: CellWrite[];
  sheets: GeneratedSheet[];
  /** Highlights on the user's own sheets, tagged as ours. */
  conditionalFormats: LiveConditionalFormat[];
  /** Data validation on score cells (optional; hosts that cannot apply it skip it). */
  dataValidations?: DataValidationPlan[];
}

export function emptyPlan(): WritePlan {
  return { cellWrites: [], sheets: [], conditionalFormats: [] };
}

export const text = (value: string): CellContent => ({ kind: 'text', value });
export const num = (value: number, numberFormat?: string): CellContent =>
  numberFormat ? { kind: 'number', value, numberFormat } : { kind: 'number', value };
export const formula = (f: string, cached?: number | string, numberFormat?: string): CellContent => {
  const value = f.startsWith('=') ? f : `=${f}`;
  // (One literal per shape, keys in the same order: performance, bench/ — adding properties to a
  // made object gives it a separate property store.)
  if (cached !== undefined) return numberFormat ? { kind: 'formula', formula: value, cached, numberFormat } : { kind: 'formula', formula: value, cached };
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
  /** Whole numbers 0 … 2^20 − 1 without a number format (ranks, counts). */
  private readonly smallIntegers = new PagedContents();
  /** Scores of 0 to 1,048.575 points, by their thousandths. */
  private readonly smallScores = new PagedContents();
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
    if (numberFormat === '' && PagedContents.holds(v)) return this.smallIntegers.get(v) ?? this.smallIntegers.set(v, num(v));
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
    // (Made directly: a score's content need not be the same object as num()'s for that number.)
    if (PagedContents.holds(m)) return this.smallScores.get(m) ?? this.smallScores.set(m, num(m / 1000));
    let c = this.scores.get(m);
    if (!c) this.scores.set(m, (c = num(m / 1000)));
    return c;
  }
}

/**
 * Contents by a whole number 0 … 2^20 − 1, in pages of a plain array (performance, bench/: a
 * ranking or comparison sheet looks up several scores and ranks per row on thousands of rows, and
 * an index is cheaper than a hash lookup). Pages are made as values fall in them.
 */
class PagedContents {
  private readonly pages: (CellContent | undefined)[][] = [];

  static holds(n: number): boolean {
    return n >= 0 && n < PAGED_RANGE && (n | 0) === n;
  }

  /** The content for n (PagedContents.holds(n)), if set. */
  get(n: number): CellContent | undefined {
    const page = this.pages[n >>> PAGE_BITS];
    return page === undefined ? undefined : page[n & PAGE_MASK];
  }

  /** Sets and returns the content for n (PagedContents.holds(n)). */
  set(n: number, content: CellContent): CellContent {
    let page = this.pages[n >>> PAGE_BITS];
    if (page === undefined) this.pages[n >>> PAGE_BITS] = page = new Array<CellContent | undefined>(1 << PAGE_BITS).fill(undefined);
    return (page[n & PAGE_MASK] = content);
  }
}

const PAGE_BITS = 10;
const PAGE_MASK = (1 << PAGE_BITS) - 1;
const PAGED_RANGE = 1 << 20;
