/**
 * The fake Excel's document model: plain data, cloned per write batch so that a failing batch
 * leaves the workbook untouched. Cell objects are never mutated in place (a write replaces the
 * cell object), so a clone only copies the cell maps.
 */
import type { Cell, CellType } from '../../core/snapshot';
import { columnLetter, columnNumber, parseA1 } from '../../core/a1';
import { isDateFormat } from '../../core/number-format';

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

export interface Rect {
  /** 1-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeHyperlink {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface FakeCell {
  /** null: no value (an empty cell, or a formula the fake could not evaluate). */
  value: number | string | boolean | null;
  /** With the leading '='. */
  formula?: string;
  /** `value` is an error text such as '#DIV/0!'. */
  error?: boolean;
  /** Undefined means General. */
  numberFormat?: string;
  /** Entered with a leading apostrophe: literal text. */
  quotePrefix?: boolean;
  hyperlink?: FakeHyperlink;
}

export interface FakeConditionalFormat {
  id: string;
  range: Rect;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  stopIfTrue?: boolean;
}

export interface FakeFormatRecord {
  range: Rect;
  fill?: string | null;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontName?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

/** A data-validation rule as Excel reports it: exactly one kind, operands as formulas ("=10"). */
export type FakeDataValidationRule =
  | { wholeNumber: FakeBasicValidation }
  | { decimal: FakeBasicValidation }
  | { textLength: FakeBasicValidation }
  | { date: FakeBasicValidation }
  | { time: FakeBasicValidation }
  | { list: { inCellDropDown: boolean; source: string } }
  | { custom: { formula: string } };

export interface FakeBasicValidation {
  formula1: string;
  /** Only with Between and NotBetween. */
  formula2?: string;
  operator: string;
}

export interface FakeDataValidationPrompt {
  showPrompt: boolean;
  title: string;
  message: string;
}

export interface FakeDataValidationErrorAlert {
  showAlert: boolean;
  style: string;
  title: string;
  message: string;
}

/**
 * Data validation on a rectangle of cells. Records never overlap: a write over part of a record
 * splits it (Excel keeps validation per cell). `rule: null` is "Any value" (a prompt alone).
 * Records are replaced, never mutated in place (cloneBook copies the list only).
 */
export interface FakeDataValidation {
  range: Rect;
  rule: FakeDataValidationRule | null;
  prompt: FakeDataValidationPrompt;
  errorAlert: FakeDataValidationErrorAlert;
  ignoreBlanks: boolean;
}

export type FakeVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface FakeSheet {
  id: string;
  name: string;
  visibility: FakeVisibility;
  protected: boolean;
  tabColor?: string;
  cells: Map<number, FakeCell>;
  merges: Rect[];
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  conditionalFormats: FakeConditionalFormat[];
  formats: FakeFormatRecord[];
  dataValidations: FakeDataValidation[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  freezeRows: number;
  freezeColumns: number;
  /** Charts on the sheet (Worksheet.charts, charts.ts); absent: none. */
  charts?: FakeChart[];
}

/** A chart as the Office.js calls made it (charts.ts): what a test checks. */
export interface FakeChart {
  id: string;
  name: string;
  chartType: string;
  /** The source range's address (sheet-qualified) and how it splits into series. */
  source: string;
  title: string;
  series: { name: string; values: string; xValues?: string; fill?: string }[];
  /** setPosition: the cells under the top-left and bottom-right corners. */
  position?: { start: string; end: string };
  valueAxis: { minimum?: number; title: string };
  legendPosition: string;
}

/** A workbook-scoped defined name (Excel.NamedItem): its formula as written, with the '='. */
export interface FakeNamedItem {
  name: string;
  formula: string;
  comment: string;
}

export interface FakeBook {
  name: string;
  sheets: FakeSheet[];
  /** Workbook-scoped defined names (workbook.names), in the order they were added. */
  names: FakeNamedItem[];
  activeSheetId: string;
  selection: { sheetId: string; range: Rect };
  protected: boolean;
  nextId: number;
  /** Number of batches that asked for suspendApiCalculationUntilNextSync. */
  calculationSuspensions: number;
}

export const cellKey = (row: number, col: number): number => row * 20000 + col;
export const keyRow = (key: number): number => Math.floor(key / 20000);
export const keyCol = (key: number): number => key % 20000;

export function cloneBook(book: FakeBook): FakeBook {
  return {
    ...book,
    selection: { sheetId: book.selection.sheetId, range: { ...book.selection.range } },
    names: book.names.map((n) => ({ ...n })),
    sheets: book.sheets.map((s) => ({
      ...s,
      cells: new Map(s.cells),
      merges: s.merges.map((m) => ({ ...m })),
      hiddenRows: new Set(s.hiddenRows),
      hiddenColumns: new Set(s.hiddenColumns),
      conditionalFormats: s.conditionalFormats.map((c) => ({ ...c, range: { ...c.range } })),
      formats: s.formats.map((f) => ({ ...f, range: { ...f.range } })),
      dataValidations: s.dataValidations.map((d) => ({ ...d, range: { ...d.range } })),
      columnWidths: new Map(s.columnWidths),
      rowHeights: new Map(s.rowHeights),
      charts: s.charts?.map((c) => ({ ...c, series: c.series.map((x) => ({ ...x })), valueAxis: { ...c.valueAxis } })),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Addresses

export function rectA1(r: Rect): string {
  if (r.top === 1 && r.bottom === MAX_ROWS) return `${columnLetter(r.left)}:${columnLetter(r.right)}`;
  if (r.left === 1 && r.right === MAX_COLUMNS) return `${r.top}:${r.bottom}`;
  const from = `${columnLetter(r.left)}${r.top}`;
  const to = `${columnLetter(r.right)}${r.bottom}`;
  return from === to ? from : `${from}:${to}`;
}

/** How Excel writes a sheet name in an address: quoted unless it is a plain word. */
export function sheetPrefix(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function qualified(sheetName: string, r: Rect): string {
  return `${sheetPrefix(sheetName)}!${rectA1(r)}`;
}

/** Parse "A1", "$A$1:B2", "A:C", "3:5", optionally prefixed by "Sheet!" or "'Sh''eet'!". */
export function parseAddress(address: string): { sheet?: string; rect: Rect } | null {
  let text = address.trim();
  let sheet: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    sheet = text.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    text = text.slice(bang + 1);
  }
  const parts = text.replace(/\$/g, '').toUpperCase().split(':');
  if (parts.length > 2 || parts.some((p) => !/^[A-Z0-9]+$/.test(p))) return null;
  const ends = parts.map(parseEnd);
  if (ends.some((e) => e === null)) return null;
  const [a, b = a] = ends as End[];
  if (a.kind !== b.kind) return null;
  let rect: Rect;
  if (a.kind === 'cell') rect = { top: a.row!, left: a.col!, bottom: b.row!, right: b.col! };
  else if (a.kind === 'col') rect = { top: 1, left: a.col!, bottom: MAX_ROWS, right: b.col! };
  else rect = { top: a.row!, left: 1, bottom: b.row!, right: MAX_COLUMNS };
  rect = normalize(rect);
  if (rect.top < 1 || rect.left < 1 || rect.bottom > MAX_ROWS || rect.right > MAX_COLUMNS) return null;
  return sheet === undefined ? { rect } : { sheet, rect };
}

interface End {
  kind: 'cell' | 'col' | 'row';
  row?: number;
  col?: number;
}

/**
 * One end of a range: a whole row ("3"), a whole column ("C") or a cell, read by the core's A1
 * parser. Excel's getRange takes the first two as well, which src/core never reads.
 */
function parseEnd(s: string): End | null {
  if (/^\d+$/.test(s)) return { kind: 'row', row: Number(s) };
  if (/^[A-Z]{1,3}$/.test(s)) return { kind: 'col', col: columnNumber(s) };
  try {
    return { kind: 'cell', ...parseA1(s) };
  } catch {
    return null;
  }
}

export function normalize(r: Rect): Rect {
  return {
    top: Math.min(r.top, r.bottom),
    bottom: Math.max(r.top, r.bottom),
    left: Math.min(r.left, r.right),
    right: Math.max(r.left, r.right),
  };
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return r.top <= r.bottom && r.left <= r.right ? r : null;
}

export const sameRect = (a: Rect, b: Rect): boolean => a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

export const rectRows = (r: Rect): number => r.bottom - r.top + 1;
export const rectColumns = (r: Rect): number => r.right - r.left + 1;
export const rectCells = (r: Rect): number => rectRows(r) * rectColumns(r);

/** The parts of `a` outside `b`: up to four rectangles (bands above and below, then left and right). */
export function subtract(a: Rect, b: Rect): Rect[] {
  const x = intersect(a, b);
  if (!x) return [{ ...a }];
  const out: Rect[] = [];
  if (a.top < x.top) out.push({ top: a.top, left: a.left, bottom: x.top - 1, right: a.right });
  if (x.bottom < a.bottom) out.push({ top: x.bottom + 1, left: a.left, bottom: a.bottom, right: a.right });
  if (a.left < x.left) out.push({ top: x.top, left: a.left, bottom: x.bottom, right: x.left - 1 });
  if (x.right < a.right) out.push({ top: x.top, left: x.right + 1, bottom: x.bottom, right: a.right });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sheet names (Excel's rules)

export function sheetNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'The sheet name is blank.';
  if ([...name].length > 31) return 'The sheet name is longer than 31 characters.';
  if (/[:\\/?*[\]]/.test(name)) return 'The sheet name contains a forbidden character (: \\ / ? * [ ]).';
  if (name.startsWith("'") || name.endsWith("'")) return 'The sheet name begins or ends with an apostrophe.';
  if (name.toLowerCase() === 'history') return '"History" is reserved by Excel.';
  return null;
}

export const sameName = (a: string, b: string): boolean => a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();

// ---------------------------------------------------------------------------------------------
// Entering content, as Excel does when a value is typed or set through the API

const NUMBER_RE = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const PERCENT_RE = /^\s*([+-]?(\d+(\.\d*)?|\.\d+))\s*%\s*$/;

/**
 * The cell that results from entering `input` into `previous` (null input: unchanged, as the
 * Office.js values/formulas setters treat null).
 */
export function enter(previous: FakeCell | undefined, input: unknown): FakeCell | undefined {
  if (input === null || input === undefined) return previous;
  const keep: Partial<FakeCell> = {};
  if (previous?.numberFormat !== undefined) keep.numberFormat = previous.numberFormat;
  if (previous?.hyperlink) keep.hyperlink = previous.hyperlink;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new TypeError('not a finite number');
    return { ...keep, value: input };
  }
  if (typeof input === 'boolean') return { ...keep, value: input };
  if (typeof input !== 'string') throw new TypeError('unsupported value type');
  if (input === '') return keep.numberFormat !== undefined || keep.hyperlink ? { ...keep, value: null } : undefined;
  if (previous?.numberFormat === '@') return { ...keep, value: input };
  if (input.startsWith("'")) return { ...keep, value: input.slice(1), quotePrefix: true };
  if (input.startsWith('=') && input.length > 1) return { ...keep, formula: input, ...evaluate(input) };
  if (NUMBER_RE.test(input)) return { ...keep, value: Number(input) };
  const pct = PERCENT_RE.exec(input);
  if (pct) return { ...keep, value: Number(pct[1]) / 100, numberFormat: keep.numberFormat ?? '0%' };
  if (/^(true|false)$/i.test(input.trim())) return { ...keep, value: input.trim().toLowerCase() === 'true' };
  // Excel reads a leading + or - as the start of a formula ("-abc" becomes =-abc, #NAME?).
  if (/^[+-]/.test(input)) return { ...keep, formula: `=${input}`, ...evaluate(`=${input}`) };
  return { ...keep, value: input };
}

/**
 * The fake computes only constant arithmetic (=1+1, =-(2*3)/4); any other formula keeps no value
 * (Excel would calculate it; tests read formulas, not their results). An unknown name is #NAME?.
 */
export function evaluate(formula: string): { value: number | string | null; error?: boolean } {
  const src = formula.slice(1).replace(/\s+/g, '');
  if (/^[0-9.+\-*/()]+$/.test(src)) {
    const n = arith(src);
    if (n === null) return { value: null };
    if (!Number.isFinite(n)) return { value: '#DIV/0!', error: true };
    return { value: n };
  }
  if (/^[+-]?[\p{L}_][\p{L}\p{N}_.]*$/u.test(src) && !/^[+-]?[A-Za-z]{1,3}\d+$/.test(src)) {
    return { value: '#NAME?', error: true };
  }
  return { value: null };
}

function arith(src: string): number | null {
  let i = 0;
  const peek = () => src[i];
  const expr = (): number | null => {
    let v = term();
    while (v !== null && (peek() === '+' || peek() === '-')) {
      const op = src[i++];
      const r = term();
      if (r === null) return null;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const term = (): number | null => {
    let v = factor();
    while (v !== null && (peek() === '*' || peek() === '/')) {
      const op = src[i++];
      const r = factor();
      if (r === null) return null;
      v = op === '*' ? v * r : v / r;
    }
    return v;
  };
  const factor = (): number | null => {
    if (peek() === '+') {
      i++;
      return factor();
    }
    if (peek() === '-') {
      i++;
      const f = factor();
      return f === null ? null : -f;
    }
    if (peek() === '(') {
      i++;
      const v = expr();
      if (peek() !== ')') return null;
      i++;
      return v;
    }
    const m = /^(\d+(\.\d*)?|\.\d+)/.exec(src.slice(i));
    if (!m) return null;
    i += m[0].length;
    return Number(m[0]);
  };
  const v = expr();
  return i === src.length ? v : null;
}

// ---------------------------------------------------------------------------------------------
// Reading cells the way Range properties report them

export type ValueType = 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error';

export function cellValue(c: FakeCell | undefined): number | string | boolean {
  if (!c || c.value === null) return '';
  return c.value;
}

export function cellFormula(c: FakeCell | undefined): number | string | boolean {
  if (!c) return '';
  if (c.formula) return c.formula;
  return c.value === null ? '' : c.value;
}

export function cellValueType(c: FakeCell | undefined): ValueType {
  if (!c || c.value === null) return 'Empty';
  if (c.error) return 'Error';
  if (typeof c.value === 'number') return 'Double';
  if (typeof c.value === 'boolean') return 'Boolean';
  return 'String';
}

export function cellText(c: FakeCell | undefined): string {
  const v = cellValue(c);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export const isEmptyCell = (c: FakeCell | undefined): boolean => !c || (c.value === null && !c.formula);

// ---------------------------------------------------------------------------------------------
// Building from / dumping to snapshot-shaped data

export function cellFromSnapshot(cell: Cell): FakeCell | undefined {
  const out: FakeCell = { value: cell.v === undefined ? null : cell.v };
  if (cell.f !== undefined && cell.f !== '') out.formula = cell.f.startsWith('=') ? cell.f : `=${cell.f}`;
  if (cell.t === 'e') out.error = true;
  if (cell.fmt && cell.fmt !== 'General') out.numberFormat = cell.fmt;
  if (out.value === null && !out.formula && !out.numberFormat) return undefined;
  return out;
}

export function cellToSnapshot(c: FakeCell | undefined): Cell | null {
  if (!c || isEmptyCell(c)) return null;
  let t: CellType;
  if (c.error) t = 'e';
  else if (typeof c.value === 'number') t = isDateFormat(c.numberFormat) ? 'd' : 'n';
  else if (typeof c.value === 'boolean') t = 'b';
  else t = 's';
  const out: Cell = { v: c.value === null ? null : c.value, t };
  if (c.formula) out.f = c.formula.slice(1);
  if (c.numberFormat && c.numberFormat !== 'General') out.fmt = c.numberFormat;
  return out;
}
