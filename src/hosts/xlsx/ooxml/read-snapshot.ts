/**
 * The direct reader: .xlsx parts → WorkbookSnapshot straight from the XML, without building
 * ExcelJS's model of the workbook (benchmark issue #7: that model was most of what
 * `compute --out` cost, in a process that always starts cold).
 *
 * The contract is ECMA-376 and what Excel reads (issue #16): parts are found through the package
 * relationships whatever their names (Transitional or Strict), SpreadsheetML may carry a namespace
 * prefix, rows and cells may omit `r`, and a workbook flagged `fullCalcOnLoad` has its formula
 * results read as unknown (Excel recalculates them on open). Elsewhere the snapshot is the one the
 * ExcelJS path gives (`workbookToSnapshot(await loadWorkbook(...))` in ../read.ts, with
 * `vetLoadedModel`'s refusals), including its handling of edge cases, each naming the ExcelJS file
 * it copies (under node_modules/exceljs/lib/). test/hosts/xlsx/ooxml/read-snapshot.test.ts compares
 * both readers on every sample, fixture and bad-input file and states the deliberate differences;
 * test/hosts/xlsx/interop.test.ts reads real writers' files (LibreOffice, Gnumeric, openpyxl,
 * xlsxwriter, ExcelJS) and package variants.
 *
 * Speed: SpreadsheetML is machine written, so a few global regular expressions (native code from
 * the first call) find rows and cells; nothing walks the text character by character.
 */
import { columnLetter, rangeA1 } from '../../../core/a1';
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../../core/snapshot';
import { WorkbookReadError } from '../errors';
import { fromFileFormula } from '../formula';
import { DEFAULT_LIMITS, type SizeLimits } from '../zip';
import type { XlsxPackage } from './package';
import { findPart, readRelationships, relsPartOf } from './workbook';
import { parseAttributes } from './xml';

export interface SnapshotOptions {
  /** Read only the sheets with these names (e.g. the very hidden state sheet); all when absent. */
  sheets?: string[];
}

// ---------------------------------------------------------------------------------------------
// Text as the XML parser ExcelJS uses (saxes) delivers it
// ---------------------------------------------------------------------------------------------

/** Thrown inside this module for content ExcelJS's load() rejects; turned into WorkbookReadError. */
class Unreadable extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Character data as saxes reports it: line ends normalised (XML 1.0 §2.11: CR LF and lone CR
 * become LF) and entity / character references resolved. saxes stops at an entity XML does not
 * predefine (`&nbsp;`: no DTD in SpreadsheetML), so ExcelJS fails the load: so do we.
 */
function xmlText(raw: string): string {
  let s = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.indexOf('&') < 0) return s;
  s = s.replace(/&([^;&\s]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new Unreadable(`bare & in text`);
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlChar(code)) throw new Unreadable(`bad character reference &${ref};`);
      return String.fromCodePoint(code);
    }
    const named = ENTITIES[ref];
    if (named === undefined) throw new Unreadable(`undefined entity &${ref};`);
    return named;
  });
  return s;
}

/** XML 1.0 §2.2 Char: what a character reference may name (saxes rejects the rest). */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

// Characters XML 1.0 does not allow, written as such (not escaped): saxes stops at them.
// eslint-disable-next-line no-control-regex -- these control characters are exactly what the pattern must find
const DISALLOWED_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** A part as ExcelJS's parser accepts it, or Unreadable. */
function parsable(xml: string): string {
  if (DISALLOWED_CHARACTER.test(xml)) throw new Unreadable('a character XML does not allow');
  return xml;
}

/** An attribute value as saxes reports it: whitespace characters normalised to spaces (XML 1.0 §3.3.3). */
function xmlAttrText(raw: string): string {
  return xmlText(raw.replace(/[\t\n\r]/g, ' '));
}

/**
 * ExcelJS's second decoding pass (`utils.xmlDecode`), which it applies to `t="str"` values and to
 * sheet names after the parser has already decoded them: `&amp;lt;` in the file reads as `<`.
 */
function excelJsXmlDecode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([a-z]*);/g, (m, name: string) => ENTITIES[name] ?? m);
}

/** Excel's escape of characters XML cannot hold (`_x000D_`), as ExcelJS's TextXform undoes it (upper-case hex only). */
function unescapeOoxml(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * One attribute of a start tag's source, decoded; undefined when absent. The name is matched
 * exactly as written (ExcelJS does not resolve namespace prefixes: `r:id` is `r:id`).
 */
const attrPatterns = new Map<string, RegExp>();
function attr(tag: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`[\\s]${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(tag);
  return m ? xmlAttrText(m[1] ?? m[2]) : undefined;
}

/** ExcelJS's `utils.parseBoolean` for attribute values. */
const isTrue = (v: string | undefined) => v === 'true' || v === '1';

/** CDATA sections: ExcelJS listens only to saxes' text events, so their content is dropped. */
const stripCdata = (s: string) => (s.indexOf('<![CDATA[') < 0 ? s : s.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''));

// ---------------------------------------------------------------------------------------------
// Addresses as ExcelJS's col-cache decodes them
// ---------------------------------------------------------------------------------------------

interface Address {
  /** Column letters and row digits as written, `$` dropped (col-cache: `value = col + row`). */
  address: string;
  col: number | undefined;
  row: number | undefined;
  /** Written as Excel writes it (`B12`: upper-case letters, a row without leading zeros, nothing else). */
  canonical: boolean;
}

/** col-cache.decodeAddress: upper-case letters before the digits are the column; `$` is skipped. */
function decodeAddress(value: string): Address {
  let colEnd = 0;
  let colNumber = 0;
  let rowNumber = 0;
  let i = 0;
  // Fast path for the usual reference: letters, then digits, then the end.
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 65 || c > 90) break;
    colNumber = colNumber * 26 + c - 64;
  }
  colEnd = i;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) break;
    rowNumber = rowNumber * 10 + c - 48;
  }
  if (i === value.length && colEnd > 0 && i > colEnd) {
    if (colNumber > 16384) throw new Unreadable(`column ${value} out of bounds`);
    return { address: value, col: colNumber, row: rowNumber, canonical: value.charCodeAt(colEnd) !== 48 };
  }
  let col = '';
  let row = '';
  colNumber = 0;
  rowNumber = 0;
  for (let j = 0; j < value.length; j++) {
    const c = value.charCodeAt(j);
    if (!row && c >= 65 && c <= 90) {
      col += value[j];
      colNumber = colNumber * 26 + c - 64;
    } else if (c >= 48 && c <= 57) {
      row += value[j];
      rowNumber = rowNumber * 10 + c - 48;
    } else if (row && col && c !== 36) {
      break;
    }
  }
  if (col && colNumber > 16384) throw new Unreadable(`column ${col} out of bounds`);
  return { address: col + row, col: col ? colNumber : undefined, row: row ? rowNumber : undefined, canonical: false };
}

/** col-cache.l2n: column letters to number; ExcelJS throws beyond XFD. */
function lettersToNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  if (n < 1 || n > 16384) throw new Unreadable(`column ${letters} out of bounds`);
  return n;
}

/** col-cache.n2l, which throws outside 1…16384. */
function numberToLetters(n: number): string {
  if (!(n >= 1 && n <= 16384)) throw new Unreadable(`column ${n} out of bounds`);
  return columnLetter(n);
}

// ---------------------------------------------------------------------------------------------
// Shared formulas (ECMA-376 Part 1 §18.3.1.40 f, t="shared")
// ---------------------------------------------------------------------------------------------

// exceljs/lib/utils/shared-formula.js, verbatim: a candidate is a word of 2+ letters, digits, `_`
// or `$`, optionally after `sheet!`; one followed by `(` is a function name and stays.
const REFERENCE_CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL_REFERENCE = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

/**
 * The formula of a cell that shares the master's formula, as ExcelJS derives it
 * (`slideFormula(master.formula, master.address, cell.address)`): relative references move by
 * the offset between the two cells. Like ExcelJS, this also moves references inside string
 * literals and does not touch whole-column or whole-row ranges (`A:A`, `1:1`).
 */
export function translateSharedFormula(formula: string, fromCell: string, toCell: string): string {
  const from = decodeAddress(fromCell);
  const to = decodeAddress(toCell);
  const dCol = (to.col ?? NaN) - (from.col ?? NaN);
  const dRow = (to.row ?? NaN) - (from.row ?? NaN);
  return formula.replace(REFERENCE_CANDIDATE, (match: string, sheet: string | undefined, _name, part: string, paren) => {
    if (paren) return match;
    const m = CELL_REFERENCE.exec(part);
    if (!m) return match;
    const letters = m[2].toUpperCase();
    // Beyond XFD it is a name (e.g. a defined name like `ABCD1`), not a reference.
    if (letters.length > 3 || (letters.length === 3 && letters > 'XFD')) return match;
    let col = lettersToNumber(letters);
    let row = parseInt(m[4], 10);
    if (!m[1]) col += dCol;
    if (!m[3]) row += dRow;
    return `${sheet ?? ''}${m[1] ?? ''}${numberToLetters(col)}${m[3] ?? ''}${row}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Styles: which number format each cell style carries (ECMA-376 Part 1 §18.8.30 numFmt, §18.8.45 xf)
// ---------------------------------------------------------------------------------------------

/** exceljs/lib/xlsx/defaultnumformats.js: the built-in formats ExcelJS knows by id (locale-free ones). */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/**
 * The number format of each cell style (`cellXfs` index), as ExcelJS's StylesXform.getStyleModel
 * resolves it: a custom `numFmt` of that id (backslash escapes removed, as NumFmtXform does),
 * else a built-in one; numFmtId 0 or missing gives none (`null`).
 */
interface Styles {
  /** Undefined when the styles part has no (or an empty) `cellXfs`: ExcelJS then has no style table. */
  formats: (string | null)[] | undefined;
  /** Per style: its format is a date format (computed once, not per cell). */
  dates: boolean[];
}

function readStyles(xml: string | undefined): Styles | undefined {
  if (xml === undefined) return undefined;
  parsable(xml);
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = parseInt(attr(m[0], 'numFmtId') ?? '', 10);
    const code = attr(m[0], 'formatCode');
    if (code === undefined) throw new Unreadable('numFmt without formatCode');
    custom.set(id, code.replace(/[\\](.)/g, '$1'));
  }
  // StylesXform builds its tables at `</styleSheet>`; without it every style lookup fails.
  if (!/<\/styleSheet\s*>|<styleSheet\b[^>]*\/>/.test(xml)) return { formats: undefined, dates: [] };
  const section = /<cellXfs\b[^>]*?(?:\/>|>([\s\S]*?)<\/cellXfs>)/.exec(xml);
  const formats: (string | null)[] = [];
  for (const m of (section?.[1] ?? '').matchAll(/<xf\b[^>]*>/g)) {
    const id = parseInt(attr(m[0], 'numFmtId') ?? '', 10);
    formats.push(id ? (custom.get(id) || BUILT_IN_FORMATS[id]) ?? null : null);
  }
  return { formats: formats.length ? formats : undefined, dates: formats.map(isDateFormat) };
}

/**
 * The number format of style `s` (a truthy id only: exceljs cell-xform never looks up s="0"):
 * undefined for no style. Without a styles part ExcelJS skips the lookup; with one that has no
 * style table its lookup fails the load.
 */
function styleFormat(styles: Styles | undefined, styleId: number | undefined): string | null | undefined {
  if (!styleId || !styles) return undefined;
  if (!styles.formats) throw new Unreadable(`style ${styleId} without a style table`);
  return styles.formats[styleId];
}

/** exceljs utils.isDateFmt: a date/time letter outside quotes and brackets. */
function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

// ---------------------------------------------------------------------------------------------
// Values as ExcelJS holds them
// ---------------------------------------------------------------------------------------------

interface ErrorValue {
  kind: 'error';
  error: string;
}
interface RichValue {
  kind: 'rich';
  /** Each run's text (undefined for a run without `<t>`). */
  runs: (string | undefined)[];
}
/** A JS Date as ExcelJS makes one (`utils.excelToDate`): milliseconds since 1970, NaN when invalid. */
interface DateValue {
  kind: 'date';
  ms: number;
}
/** `{}`: what ExcelJS makes of a shared string item with neither `<t>` nor runs. */
interface EmptyObject {
  kind: 'object';
}
type Value = number | string | boolean | ErrorValue | RichValue | DateValue | EmptyObject;

type CellKind = 'null' | 'merge' | 'number' | 'string' | 'boolean' | 'error' | 'date' | 'formula' | 'hyperlink';

interface CellModel {
  kind: CellKind;
  /** The `r` attribute as written. */
  ref: string | undefined;
  value?: Value;
  /** Formula cells: own formula text, cached result, shared-formula master reference. */
  formula?: string;
  result?: Value;
  sharedMaster?: string;
  numFmt?: string | null;
}

/**
 * A cell in its row: ExcelJS's Cell object (its address set by the first `<c>` that landed in this
 * column, or by a merge) holding the value of the last `<c>` that did.
 */
class Slot {
  constructor(
    /** The value's kind (what vetLoadedModel's and the snapshot's loops look at). */
    public kind: CellKind,
    /** The last `<c>`'s `r` as written. */
    public ref: string | undefined,
    /** That `r` names this row, canonically written. */
    public refInRow: boolean,
    /** The full model, for cells the fast path does not finish (formulas, hyperlinks…). */
    public model: CellModel | undefined,
    /** The snapshot cell when the fast path made it (else made from `model` at the end). */
    public out: Cell | null,
    /** `cell.address`. */
    public readonly address: string,
    /** That address is this row's, canonically written. */
    public readonly addressInRow: boolean,
  ) {}
}

/**
 * A row's cells, index = column - 1. The usual cell (its reference in this row, no formula, no
 * hyperlink) is stored as its finished snapshot Cell, or STYLED_EMPTY; anything else as a Slot.
 * Few objects per cell matter: in a cold process, garbage collection of surviving objects was
 * most of the reader's time.
 */
type Entry = Cell | Slot;

interface RowModel {
  hidden: boolean;
  cells: (Entry | undefined)[];
}

/** A cell with a style and no value (ExcelJS's Null value: counted in the row, never shown). */
const STYLED_EMPTY = new Slot('null', undefined, true, undefined, null, '', true);
/** A merged cell other than the top-left one (ExcelJS's Merge value). */
const MERGED = new Slot('merge', undefined, true, undefined, null, '', true);

const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** The largest time a JS Date holds (ECMA-262 §21.4.1.1); beyond it ExcelJS's Date is invalid. */
const MAX_DATE_MS = 8.64e15;

/** exceljs utils.excelToDate (its `v - 25569` coerces strings and booleans like JavaScript does). */
function excelToDate(v: Value, date1904: boolean): DateValue {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : typeof v === 'boolean' ? Number(v) : NaN;
  const ms = Math.round((n - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY);
  return { kind: 'date', ms: Math.abs(ms) <= MAX_DATE_MS ? ms : NaN };
}

/** read.ts dateToSerial of that Date. */
function dateSerial(d: DateValue): number {
  const serial = 25569 + d.ms / MS_PER_DAY;
  return Math.round(serial * 1e9) / 1e9;
}

function plainText(v: Value | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    if (v.kind === 'rich') return v.runs.map((r) => r ?? '').join('');
    if (v.kind === 'date') return String(new Date(v.ms));
    return '[object Object]';
  }
  return String(v);
}

/** read.ts typedValue. */
function typedValue(v: Value | undefined): Pick<Cell, 'v' | 't'> | null {
  if (v === undefined) return null;
  if (typeof v === 'number') return { v, t: 'n' };
  if (typeof v === 'string') return { v, t: 's' };
  if (typeof v === 'boolean') return { v, t: 'b' };
  switch (v.kind) {
    case 'date':
      return { v: dateSerial(v), t: 'd' };
    case 'error':
      return { v: v.error, t: 'e' };
    case 'rich':
      return { v: plainText(v), t: 's' };
    default:
      return { v: '[object Object]', t: 's' };
  }
}

// ---------------------------------------------------------------------------------------------
// Shared strings (ECMA-376 Part 1 §18.4)
// ---------------------------------------------------------------------------------------------

/** ExcelJS's SharedStringXform per `<si>`: the last `<t>`, else the runs; phonetic runs ignored. */
function readSharedStrings(xml: string | undefined): Value[] | undefined {
  if (xml === undefined) return undefined;
  parsable(xml);
  const out: Value[] = [];
  const body = stripCdata(xml);
  const rest = body.replace(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g, (_m, inner: string | undefined) => {
    out.push(readStringItem(inner ?? ''));
    return '';
  });
  // SharedStringsXform throws on any element but <sst> and <si> (a prefixed <x:sst>, an <extLst>).
  for (const m of rest.matchAll(/<([A-Za-z_][\w.:-]*)/g)) if (m[1] !== 'sst') throw new Unreadable(`<${m[1]}> in shared strings`);
  return out;
}

function readStringItem(inner: string): Value {
  // Phonetic guides (<rPh>) and their properties: ExcelJS parses and drops them.
  const s = inner.indexOf('<rPh') >= 0 ? inner.replace(/<rPh\b[^>]*?(?:\/>|>[\s\S]*?<\/rPh>)/g, '') : inner;
  if (/<r[\s>]/.test(s)) {
    const runs: (string | undefined)[] = [];
    for (const r of s.matchAll(/<r\b[^>]*?(?:\/>|>([\s\S]*?)<\/r>)/g)) runs.push(lastText(r[1] ?? ''));
    return { kind: 'rich', runs };
  }
  const text = lastText(s);
  return text === undefined ? { kind: 'object' } : text;
}

/** The last `<t>` element's text (TextXform: entities, then `_xHHHH_`), or undefined when none. */
function lastText(s: string): string | undefined {
  let out: string | undefined;
  for (const t of s.matchAll(/<t\b[^>]*?(?:\/>|>([^<]*)<\/t>)/g)) out = unescapeOoxml(xmlText(t[1] ?? ''));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The package: which sheets ExcelJS loads, in which order
// ---------------------------------------------------------------------------------------------

interface SheetEntry {
  name: string;
  id: number;
  state: string | undefined;
  part: string;
}

/** Relationship id → target, as ExcelJS's RelationshipsXform reads them. */
function readRels(xml: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!xml) return out;
  parsable(xml);
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    if (id !== undefined) out.set(id, attr(m[0], 'Target') ?? '');
  }
  return out;
}

/** exceljs/lib/doc/worksheet.js `set name`: the names ExcelJS refuses (its load then fails). */
function checkedSheetName(name: string | undefined, id: number, taken: string[]): string {
  const n = name === undefined ? `sheet${id}` : name;
  if (n === '' || n === 'History' || /[*?:/\\[\]]/.test(n) || /(^')|('$)/.test(n)) {
    throw new Unreadable(`sheet name "${n}"`);
  }
  // ExcelJS truncates a longer name when it creates the sheet, then sets the full name again from
  // the model, truncates again and finds the sheet itself under that name: the load fails.
  // (Excel never writes such a name: its limit is 31 characters.)
  if (n.length > 31) throw new Unreadable(`sheet name "${n}" longer than 31 characters`);
  if (taken.some((t) => t.toLowerCase() === n.toLowerCase())) throw new Unreadable(`sheet name "${n}" twice`);
  return n;
}

/** SpreadsheetML's main namespace, Transitional and Strict (ECMA-376 Part 1 §A.2, ISO/IEC 29500-1 Strict). */
const SML_NAMESPACES = ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'];

/**
 * A part's SpreadsheetML elements without their namespace prefix: `<x:c>` as the Open XML SDK
 * writes it is `<c>` (XML Namespaces §3: the prefix is only a name for the namespace). Only a
 * prefix bound to SpreadsheetML's namespace on the root element is removed; a part without one
 * is returned as it is (no cost for what Excel writes).
 */
function unprefixed(xml: string | undefined): string | undefined {
  if (xml === undefined) return undefined;
  const root = /^\s*(?:<\?[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\b([^>]*)>/.exec(xml);
  if (!root) return xml;
  const prefix = root[1];
  const ns = new RegExp(`\\sxmlns:${prefix.replace(/[.-]/g, '\\$&')}\\s*=\\s*["']([^"']*)["']`).exec(root[2]);
  if (!ns || !SML_NAMESPACES.includes(ns[1])) return xml;
  return xml.replace(new RegExp(`(</?)${prefix.replace(/[.-]/g, '\\$&')}:`, 'g'), '$1');
}

/** A relationship of this kind, Transitional (`…/2006/relationships/worksheet`) or Strict (`…/relationships/worksheet`). */
const isRelType = (type: string, kind: string) => type.endsWith(`/relationships/${kind}`);

interface PackageParts {
  sheets: SheetEntry[];
  date1904: boolean;
  recalculate: boolean;
  sharedStringsPart: string | undefined;
  stylesPart: string | undefined;
}

/**
 * The workbook's sheets, in the order of its `<sheet>` elements (the tabs), each found through the
 * workbook part's relationships whatever the part is called, absolute targets included (ECMA-376
 * Part 2 §9.3: the package relationships name the workbook, the workbook's name its worksheets,
 * shared strings and styles). Chart and dialog sheets are not worksheets and are left out.
 */
function listSheets(pkg: XlsxPackage): PackageParts {
  const officeDocument = readRelationships(pkg, '').find((r) => isRelType(r.type, 'officeDocument') && r.part);
  const workbookPart = (officeDocument?.part && findPart(pkg, officeDocument.part)) || findPart(pkg, 'xl/workbook.xml');
  const workbookXml = unprefixed(workbookPart === undefined ? undefined : pkg.text(workbookPart));
  const empty: PackageParts = { sheets: [], date1904: false, recalculate: false, sharedStringsPart: undefined, stylesPart: undefined };
  if (workbookPart === undefined || workbookXml === undefined) return empty;
  parsable(workbookXml);
  if (!/<\/workbook\s*>|<workbook\b[^>]*\/>/.test(workbookXml)) throw new Unreadable('no <workbook> element');
  const rels = readRelationships(pkg, workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const partOf = (kind: string) => {
    const r = rels.find((x) => isRelType(x.type, kind) && x.part);
    return r?.part ? findPart(pkg, r.part) : undefined;
  };
  const sheets: SheetEntry[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const a = parseAttributes(m[0]);
    // The relationship id is `r:id` under whatever prefix the officeDocument relationships namespace has.
    const relId = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const rel = relId === undefined ? undefined : byId.get(relId);
    if (!rel || !rel.part || !isRelType(rel.type, 'worksheet')) continue;
    const part = findPart(pkg, rel.part);
    if (part === undefined) continue;
    const id = parseInt(a.sheetId ?? '', 10);
    const name = checkedSheetName(a.name, id, sheets.map((x) => x.name));
    sheets.push({ name, id, state: a.state, part });
  }
  const pr = /<workbookPr\b[^>]*>/.exec(workbookXml);
  const calc = /<calcPr\b[^>]*>/.exec(workbookXml);
  return {
    sheets,
    date1904: !!pr && isTrue(attr(pr[0], 'date1904')),
    recalculate: !!calc && isTrue(attr(calc[0], 'fullCalcOnLoad')),
    sharedStringsPart: partOf('sharedStrings'),
    stylesPart: partOf('styles'),
  };
}

/**
 * ExcelJS's WorksheetXform builds its model when it sees `</worksheet>`: a part without one (a
 * prefixed `<x:worksheet>`, a cut-off part) leaves no model and the load fails.
 */
function checkWorksheetRoot(xml: string | undefined): void {
  if (xml === undefined || !parsable(xml) || !/<\/worksheet\s*>|<worksheet\b[^>]*\/>/.test(xml)) throw new Unreadable('no <worksheet> element');
}

// ---------------------------------------------------------------------------------------------
// One worksheet (ECMA-376 Part 1 §18.3)
// ---------------------------------------------------------------------------------------------

interface SheetModel {
  rows: (RowModel | undefined)[];
  merges: { top: number; left: number; bottom: number; right: number }[];
  /** Column → hidden, for the columns `<cols>` describes (Column.fromModel). */
  hiddenColumn: (col: number) => boolean;
  protected: boolean;
}

interface SheetContext {
  strings: Value[] | undefined;
  styles: Styles | undefined;
  date1904: boolean;
  /** The worksheet's relationships (id → target), undefined when it has no relationships part. */
  rels: Map<string, string> | undefined;
  /**
   * The workbook asks for a full recalculation on load (`<calcPr fullCalcOnLoad="1">`, ECMA-376
   * Part 1 §18.2.2): Excel shows recalculated values, not the cached ones (xlsxwriter caches 0 for
   * every formula). Formula results are then read as unknown, and the engine derives the sums it
   * knows (src/core/detect/uncalculated.ts) instead of reporting false mismatches.
   */
  recalculate: boolean;
}

// Rows and cells in one pass. First alternative, the cell as Excel and ExcelJS write nearly all
// of them, whole (`<c r="B12" s="3" t="s"><v>7</v></c>`, `<c r="C8" s="4"><f>SUM(C9:C12)</f>
// <v>12.25</v></c>`: 1 column letters, 2 row, 3 s, 4 t, 5 formula, 6 value, neither with
// markup or references); else the start tag of a row or of any other cell (7 name, 8 attributes),
// whose content is then found with indexOf.
const ROW_OR_CELL =
  /<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?(?:\/>|>(?:(?:<f>([^<&]+)<\/f>)?<v>([^<&]+)<\/v><\/c>)?)|<(row|c)\b([^>]*)>/g;
// The three attributes of a cell this reader needs, in one scan of its start tag.
const CELL_ATTRIBUTE = /\s(r|t|s)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const NEEDS_DECODING = /[&\t\n\r]/;
const CELL_PART = /<(f|v|t|is|r|rPh)\b([^>]*?)(\/?)>/g;

function parseWorksheet(xml: string, ctx: SheetContext): SheetModel {
  const body = stripCdata(xml);
  const dataStart = body.search(/<sheetData\b/);
  const dataEnd = dataStart < 0 ? -1 : body.indexOf('</sheetData>', dataStart);
  // Everything but the cells: ExcelJS hands all that is inside <sheetData> to its row parser, so
  // the other elements count only outside it.
  const outside = dataStart < 0 ? body : body.slice(0, dataStart) + (dataEnd < 0 ? '' : body.slice(dataEnd));
  const hyperlinks = readHyperlinks(listItems(outside, 'hyperlinks', 'hyperlink'), ctx.rels);
  const rows: (RowModel | undefined)[] = [];
  const sharedMasters = new Map<string, string | undefined>();

  if (dataStart >= 0) {
    const data = body.slice(dataStart, dataEnd < 0 ? body.length : dataEnd);
    let row: RowModel | undefined;
    let rowNumber = NaN;
    // The last placed cell of this row, for a <c> without r (exceljs row.js: the next column).
    let previousCol = NaN;
    let previousRow = NaN;
    ROW_OR_CELL.lastIndex = 0;
    for (let m = ROW_OR_CELL.exec(data); m; m = ROW_OR_CELL.exec(data)) {
      if (m[1] !== undefined) {
        // The usual cell: one pass of the pattern gave everything.
        let inner: string | undefined;
        if (m[6] === undefined && !m[0].endsWith('/>')) {
          const end = data.indexOf('</c>', ROW_OR_CELL.lastIndex);
          inner = data.slice(ROW_OR_CELL.lastIndex, end < 0 ? data.length : end);
          if (end >= 0) ROW_OR_CELL.lastIndex = end + 4;
        }
        if (!row) continue;
        const refRow = +m[2];
        const inRow = refRow === rowNumber;
        let entry: Entry | undefined;
        if (inner === undefined && inRow && !(hyperlinks.size && hyperlinks.has(m[1] + m[2]))) {
          entry = fastEntry(m[4], m[3], m[5], m[6], ctx);
        } else {
          const ref = m[1] + m[2];
          const content = inner ?? (m[5] === undefined ? undefined : `<f>${m[5]}</f><v>${m[6]}</v>`);
          entry = slotOf(parseCell(ref, m[4], m[3], content, ctx, hyperlinks, sharedMasters, m[5] === undefined ? m[6] : undefined), ref, inRow);
        }
        const col = lettersToNumber(m[1]);
        previousCol = col;
        previousRow = refRow;
        if (entry === undefined) continue; // no value, no style: Row's model setter skips it
        place(row, rowNumber, col, entry);
        continue;
      }
      const attrs = m[8];
      if (m[7] === 'row') {
        // r is optional (ECMA-376 Part 1 §18.3.1.73): a row without one follows the previous row,
        // as Excel and LibreOffice read it. One that is written but not a number is damaged.
        const r = attr(attrs, 'r');
        rowNumber = r === undefined ? (Number.isNaN(rowNumber) ? 1 : rowNumber + 1) : parseInt(r, 10);
        if (Number.isNaN(rowNumber)) throw new Unreadable('row without a number');
        row = { hidden: isTrue(attr(attrs, 'hidden')), cells: [] };
        // exceljs row-xform reconcile looks the row's style up (and fails as a cell's lookup does).
        const rowStyle = attr(attrs, 's');
        if (rowStyle !== undefined) {
          const id = parseInt(rowStyle, 10);
          if (id && !ctx.styles) throw new Unreadable('row style without a styles part');
          styleFormat(ctx.styles, id);
        }
        // A later <row> of the same number replaces the earlier one; rows < 1 are never listed.
        if (rowNumber >= 1) rows[rowNumber - 1] = row;
        previousCol = previousRow = NaN;
        continue;
      }
      let inner: string | undefined;
      if (!attrs.endsWith('/')) {
        const end = data.indexOf('</c>', ROW_OR_CELL.lastIndex);
        inner = data.slice(ROW_OR_CELL.lastIndex, end < 0 ? data.length : end);
        if (end >= 0) ROW_OR_CELL.lastIndex = end + 4;
      }
      if (!row) continue;
      let ref: string | undefined;
      let type: string | undefined;
      let style: string | undefined;
      CELL_ATTRIBUTE.lastIndex = 0;
      for (let a = CELL_ATTRIBUTE.exec(attrs); a; a = CELL_ATTRIBUTE.exec(attrs)) {
        let v = a[2] ?? a[3];
        if (NEEDS_DECODING.test(v)) v = xmlAttrText(v);
        if (a[1] === 'r') ref = v;
        else if (a[1] === 't') type = v;
        else style = v;
      }
      // r is optional (ECMA-376 Part 1 §18.3.1.4): a cell without one is the next column after
      // the previous cell of its row (an empty one counts), the first column for the row's first.
      let address: Address;
      if (ref !== undefined) address = decodeAddress(ref);
      else {
        const col = Number.isNaN(previousCol) ? 1 : previousCol + 1;
        const at = Number.isNaN(previousRow) ? rowNumber : previousRow;
        address = { address: `${numberToLetters(col)}${at}`, col, row: at, canonical: true };
      }
      if (address.col === undefined) throw new Unreadable('cell without an address');
      previousCol = address.col;
      previousRow = address.row ?? NaN;
      const cell = parseCell(ref ?? address.address, type, style, inner, ctx, hyperlinks, sharedMasters);
      if (cell.kind === 'merge') continue;
      const inRow = address.canonical && address.row === rowNumber;
      place(row, rowNumber, address.col, slotOf(cell, address.address, inRow)!);
    }
  }

  // Shared formulas: a dependant takes the master's formula (exceljs doc/cell.js _getTranslatedFormula).
  if (sharedMasters.size) {
    for (const r of rows) {
      if (!r) continue;
      for (const slot of r.cells) {
        const c = slot instanceof Slot ? slot.model : undefined;
        if (!c || c.kind !== 'formula' || c.formula || c.sharedMaster === undefined) continue;
        c.formula = sharedFormula(rows, c);
      }
    }
  }

  const merges: SheetModel['merges'] = [];
  for (const tag of listItems(outside, 'mergeCells', 'mergeCell')) {
    const ref = attr(tag, 'ref');
    if (ref === undefined) throw new Unreadable('mergeCell without ref');
    applyMerge(rows, merges, ref);
  }

  return {
    rows,
    merges,
    hiddenColumn: readHiddenColumns(listItems(outside, 'cols', 'col', true)),
    protected: lastProtection(outside),
  };
}

/**
 * The start tags of a list's items (`<mergeCells>` → its `<mergeCell>`s), as ExcelJS's ListXform
 * collects them: only inside the list element; `lastOnly` where a later list replaces an earlier one.
 */
function listItems(xml: string, list: string, item: string, lastOnly = false): string[] {
  const out: string[] = [];
  const itemTag = new RegExp(`<${item}\\b[^>]*>`, 'g');
  for (const m of xml.matchAll(new RegExp(`<${list}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${list}>)`, 'g'))) {
    if (lastOnly) out.length = 0;
    for (const t of (m[1] ?? '').matchAll(itemTag)) out.push(t[0]);
  }
  return out;
}

/** `<sheetProtection sheet="1">` (exceljs sheet-protection-xform: exactly "1"); the last one counts. */
function lastProtection(xml: string): boolean {
  let on = false;
  for (const m of xml.matchAll(/<sheetProtection\b[^>]*>/g)) on = attr(m[0], 'sheet') === '1';
  return on;
}

function sharedFormula(rows: (RowModel | undefined)[], cell: CellModel): string | undefined {
  const masterAt = decodeAddress(cell.sharedMaster!);
  const master = masterAt.row !== undefined && masterAt.col !== undefined ? rows[masterAt.row - 1]?.cells[masterAt.col - 1] : undefined;
  const model = master instanceof Slot ? master.model : undefined;
  if (!master || !(master instanceof Slot) || !model || model.kind !== 'formula' || !model.formula || cell.ref === undefined) return undefined;
  return translateSharedFormula(model.formula, master.address, cell.ref);
}

/** `<hyperlink ref r:id>` with an external target: ExcelJS turns that cell into a hyperlink cell. */
function readHyperlinks(tags: string[], rels: Map<string, string> | undefined): Set<string> {
  const out = new Set<string>();
  for (const tag of tags) {
    const rId = attr(tag, 'r:id');
    if (!rId) continue; // an internal link (location only) leaves the cell as it is
    // exceljs worksheet-xform reconcile reads rels[rId].Target: a missing relationship fails the load.
    if (!rels || !rels.has(rId)) throw new Unreadable(`hyperlink ${rId} without a relationship`);
    const ref = attr(tag, 'ref');
    if (ref !== undefined) out.add(ref);
  }
  return out;
}

/** exceljs Column.fromModel: `<col>` ranges sorted by min, each column given the first range that reaches it. */
function readHiddenColumns(tags: string[]): (col: number) => boolean {
  const cols: { min: number; max: number; hidden: boolean }[] = [];
  for (const tag of tags) {
    cols.push({
      min: parseInt(attr(tag, 'min') || '0', 10),
      max: parseInt(attr(tag, 'max') || '0', 10),
      hidden: isTrue(attr(tag, 'hidden')),
    });
  }
  if (!cols.some((c) => c.hidden)) return () => false;
  cols.sort((a, b) => a.min - b.min);
  // Walk the ranges as fromModel does, keeping only hidden spans.
  const spans: [number, number][] = [];
  let count = 1;
  for (const col of cols) {
    if (count < col.min) count = col.min;
    if (count <= col.max) {
      if (col.hidden) spans.push([count, col.max]);
      count = col.max + 1;
    }
  }
  return (c) => spans.some(([a, b]) => c >= a && c <= b);
}

/** Worksheet.mergeCellsWithoutStyle: refuse overlaps, then every cell but the master becomes a merge cell. */
function applyMerge(rows: (RowModel | undefined)[], merges: SheetModel['merges'], ref: string): void {
  const parts = ref.split(':');
  const a = decodeAddress(parts[0]);
  const b = parts.length > 1 ? decodeAddress(parts[parts.length - 1]) : a;
  if (a.row === undefined || a.col === undefined || b.row === undefined || b.col === undefined) {
    throw new Unreadable(`merge ${ref}`);
  }
  const range = {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
  for (const m of merges) {
    if (!(m.bottom < range.top || m.top > range.bottom || m.right < range.left || m.left > range.right)) {
      throw new Unreadable(`merge ${ref} overlaps another`);
    }
  }
  for (let r = range.top; r <= range.bottom; r++) {
    let row = rows[r - 1];
    if (!row) row = rows[r - 1] = { hidden: false, cells: [] };
    for (let c = range.left; c <= range.right; c++) {
      const existing = row.cells[c - 1];
      if (r === range.top && c === range.left) {
        if (!existing) row.cells[c - 1] = STYLED_EMPTY; // the master Cell is created, empty
      } else {
        // The merge replaces the value; the stored address is the Cell's own.
        const stray = existing instanceof Slot && !existing.addressInRow;
        row.cells[c - 1] = stray ? new Slot('merge', undefined, true, undefined, null, existing.address, false) : MERGED;
      }
    }
  }
  merges.push(range);
}

/** A parsed cell in a new slot at `address` (the snapshot cell is made at the end, after shared formulas). */
function slotOf(cell: CellModel, address: string, inRow: boolean): Slot | undefined {
  if (cell.kind === 'merge') return undefined; // no value, no style: Row's model setter skips it
  return new Slot(cell.kind, cell.ref, inRow, cell, null, address, inRow);
}

/**
 * A `<c>` lands in its column. ExcelJS keeps the Cell object already there, and with it the
 * address it was created with, and replaces its value (whose own address is the new `r`).
 * vetLoadedModel checks both addresses, and a merge later resets the value's one.
 */
function place(row: RowModel, rowNumber: number, col: number, entry: Entry): void {
  const existing = row.cells[col - 1];
  const addressInRow = existing === undefined ? (entry instanceof Slot ? entry.addressInRow : true) : !(existing instanceof Slot) || existing.addressInRow;
  if (!(entry instanceof Slot)) {
    // The usual cell, its r in this row.
    row.cells[col - 1] = addressInRow ? entry : new Slot('number', undefined, true, undefined, entry, (existing as Slot).address, false);
    return;
  }
  if (existing === undefined || addressInRow === entry.addressInRow) {
    row.cells[col - 1] = entry;
    return;
  }
  const address = existing instanceof Slot && existing.address ? existing.address : `${columnLetter(col)}${rowNumber}`;
  row.cells[col - 1] = new Slot(entry.kind, entry.ref, entry.refInRow, entry.model, entry.out, address, addressInRow);
}

/**
 * The usual cell (`<c r s t><v>text</v></c>` or `<c r s t/>`, in its row, the value without markup
 * or references, no hyperlink), straight to its snapshot cell: what parseCell and toCell together
 * give, without the intermediate model. Undefined for a cell ExcelJS skips (no value, no style).
 */
function fastEntry(
  t: string | undefined,
  s: string | undefined,
  formula: string | undefined,
  raw: string | undefined,
  ctx: SheetContext,
): Entry | undefined {
  const styleId = s === undefined ? 0 : +s;
  const fmt = styleFormat(ctx.styles, styleId);
  if (raw === undefined) return styleId ? STYLED_EMPTY : undefined;
  if (formula !== undefined && ctx.recalculate) {
    const out: Cell = { v: null, t: 'n', f: fromFileFormula(xmlText(formula).replace(/^=/, '')) };
    if (fmt && fmt !== 'General') out.fmt = fmt;
    return out;
  }
  if (formula !== undefined) {
    // A formula with its cached result (exceljs cell-xform parseClose, reconcile; read.ts toCell).
    const text = xmlText(raw);
    let result: Value = t === 'str' ? text : t === 'b' ? parseInt(text, 10) !== 0 : t === 'e' ? { kind: 'error', error: text } : parseFloat(text);
    if (fmt !== undefined && ctx.styles!.dates[styleId]) result = excelToDate(result, ctx.date1904);
    const f = xmlText(formula);
    const out: Cell = typedValue(result)!;
    out.f = fromFileFormula(f.startsWith('=') ? f.slice(1) : f);
    if (fmt && fmt !== 'General') out.fmt = fmt;
    return out;
  }
  const text = raw.indexOf('\r') < 0 ? raw : xmlText(raw);
  let out: Cell;
  switch (t) {
    case 's': {
      // Without a shared-strings part ExcelJS keeps the index as the value (a number).
      const index = parseInt(text, 10);
      const v = ctx.strings ? ctx.strings[index] : index;
      if (v === undefined) throw new Unreadable(`shared string ${text} missing`);
      out = typedValue(v)!;
      break;
    }
    case 'str':
    case 'inlineStr':
      out = { v: text, t: 's' };
      break;
    case 'b':
      out = { v: parseInt(text, 10) !== 0, t: 'b' };
      break;
    case 'e':
      out = { v: text, t: 'e' };
      break;
    default: {
      const n = parseFloat(text);
      out = fmt !== undefined && ctx.styles!.dates[styleId] ? { v: dateSerial(excelToDate(n, ctx.date1904)), t: 'd' } : { v: n, t: 'n' };
    }
  }
  if (fmt && fmt !== 'General') out.fmt = fmt;
  return out;
}

/**
 * One `<c>` as exceljs cell-xform parses it and reconciles it: the text of every `<v>` and `<t>`
 * is one value (an inline string's phonetic text included), `<r>` runs make rich text, the type
 * comes from `t`, then styles (dates), shared strings, shared formulas and hyperlinks apply.
 */
function parseCell(
  ref: string | undefined,
  t: string | undefined,
  s: string | undefined,
  inner: string | undefined,
  ctx: SheetContext,
  hyperlinks: Set<string>,
  sharedMasters: Map<string, string | undefined>,
  /** The text of the cell's only element, `<v>`, when the caller already has it. */
  simpleValue?: string,
): CellModel {
  const styleId = s === undefined ? undefined : parseInt(s, 10);

  let value: string | undefined = simpleValue ? xmlText(simpleValue) : undefined;
  let runs: (string | undefined)[] | undefined;
  let formula: string | undefined;
  let shareType: string | undefined;
  let si: string | undefined;
  let fRef: string | undefined;
  if (inner && inner.startsWith('<v>') && inner.indexOf('<', 3) === inner.length - 4 && inner.endsWith('</v>')) {
    // The usual cell: one value, nothing else.
    if (inner.length > 7) value = xmlText(inner.slice(3, -4));
  } else if (inner && inner.indexOf('<') >= 0) {
    CELL_PART.lastIndex = 0;
    for (let m = CELL_PART.exec(inner); m; m = CELL_PART.exec(inner)) {
      const name = m[1];
      if (name === 'rPh' || name === 'is') continue;
      if (name === 'r') {
        // A rich-text run of an inline string; its text is its <t> (TextXform: `_xHHHH_` undone).
        const end = inner.indexOf('</r>', CELL_PART.lastIndex);
        const runXml = m[3] ? '' : inner.slice(CELL_PART.lastIndex, end < 0 ? inner.length : end);
        (runs ??= []).push(lastText(runXml));
        if (end >= 0) CELL_PART.lastIndex = end + 4;
        continue;
      }
      if (name === 'f') {
        si = attr(m[2], 'si');
        shareType = attr(m[2], 't');
        fRef = attr(m[2], 'ref');
      }
      if (m[3]) continue; // self-closing: no text
      const close = inner.indexOf(`</${name}>`, CELL_PART.lastIndex);
      const raw = inner.slice(CELL_PART.lastIndex, close < 0 ? inner.length : close);
      if (close >= 0) CELL_PART.lastIndex = close + name.length + 3;
      if (raw === '') continue; // the parser reports no text for an empty element
      const text = xmlText(raw);
      if (name === 'f') formula = formula ? formula + text : text;
      else value = value ? value + text : text;
    }
  }

  const style = styleFormat(ctx.styles, styleId);
  const cell: CellModel = { kind: 'null', ref };
  if (style !== undefined) cell.numFmt = style;
  const dateFormat = style !== undefined && ctx.styles!.dates[styleId!];

  if (formula || shareType) {
    cell.kind = 'formula';
    if (formula) cell.formula = formula;
    if (value && !ctx.recalculate) {
      if (t === 'str') cell.result = excelJsXmlDecode(value);
      else if (t === 'b') cell.result = parseInt(value, 10) !== 0;
      else if (t === 'e') cell.result = { kind: 'error', error: value };
      else cell.result = parseFloat(value);
    }
    if (cell.result !== undefined && dateFormat) cell.result = excelToDate(cell.result, ctx.date1904);
    if (shareType === 'shared') {
      if (fRef) sharedMasters.set(si ?? 'undefined', ref);
      else cell.sharedMaster = sharedMasters.get(si ?? 'undefined');
    }
  } else if (runs) {
    cell.kind = 'string';
    cell.value = { kind: 'rich', runs };
  } else if (value !== undefined) {
    switch (t) {
      case 's': {
        cell.kind = 'string';
        const index = parseInt(value, 10);
        if (ctx.strings) {
          const v = ctx.strings[index];
          // exceljs reads `.richText` of what it found: an index past the table fails the load.
          if (v === undefined) throw new Unreadable(`shared string ${value} missing`);
          cell.value = v;
        } else {
          cell.value = index;
        }
        break;
      }
      case 'str':
        cell.kind = 'string';
        cell.value = excelJsXmlDecode(value);
        break;
      case 'inlineStr':
        cell.kind = 'string';
        cell.value = value;
        break;
      case 'b':
        cell.kind = 'boolean';
        cell.value = parseInt(value, 10) !== 0;
        break;
      case 'e':
        cell.kind = 'error';
        cell.value = { kind: 'error', error: value };
        break;
      default: {
        const n = parseFloat(value);
        if (dateFormat) {
          cell.kind = 'date';
          cell.value = excelToDate(n, ctx.date1904);
        } else {
          cell.kind = 'number';
          cell.value = n;
        }
      }
    }
  } else if (styleId) {
    cell.kind = 'null';
  } else {
    cell.kind = 'merge';
  }

  if (hyperlinks.size && ref !== undefined && hyperlinks.has(ref)) {
    // The cell keeps only its text: a formula under a hyperlink is lost (ExcelJS behaviour).
    const text = cell.kind === 'formula' ? cell.result : cell.value;
    return { kind: 'hyperlink', ref, value: text, ...(cell.numFmt !== undefined ? { numFmt: cell.numFmt } : {}) };
  }
  return cell;
}

// ---------------------------------------------------------------------------------------------
// Model → snapshot (read.ts toCell / worksheetToSnapshot)
// ---------------------------------------------------------------------------------------------

function toCell(c: CellModel): Cell | null {
  let out: Cell;
  switch (c.kind) {
    case 'null':
    case 'merge':
      return null;
    case 'formula': {
      const r = typedValue(c.result);
      out = r ? { v: r.v, t: r.t } : { v: null, t: 'n' };
      const f = c.formula;
      if (f) out.f = fromFileFormula(f.startsWith('=') ? f.slice(1) : f);
      break;
    }
    case 'hyperlink':
      out = { v: plainText(c.value), t: 's' };
      break;
    default: {
      const r = typedValue(c.value);
      if (!r) return null;
      out = { v: r.v, t: r.t };
    }
  }
  if (c.numFmt && c.numFmt !== 'General') out.fmt = c.numFmt;
  return out;
}

function toSheetSnapshot(entry: SheetEntry, model: SheetModel): SheetSnapshot {
  // Each row's entries become its snapshot row in place (null padding, trailing empties cut).
  const cells: (Cell | null | undefined)[][] = [];
  let maxCol = 0;
  const { rows } = model;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const out = row.cells as (Cell | Slot | null | undefined)[];
    let last = -1;
    for (let j = 0; j < out.length; j++) {
      const e = out[j];
      if (e === undefined || e === null) out[j] = null;
      else if (e instanceof Slot) {
        const c = e.model ? toCell(e.model) : e.out;
        out[j] = c;
        if (c) last = j;
      } else last = j;
    }
    if (last < 0) continue;
    out.length = last + 1;
    while (cells.length < i) cells.push([]);
    cells[i] = out as (Cell | null)[];
    if (last + 1 > maxCol) maxCol = last + 1;
  }

  const hiddenRows: number[] = [];
  for (let r = 1; r <= cells.length; r++) if (model.rows[r - 1]?.hidden) hiddenRows.push(r);
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= maxCol; c++) if (model.hiddenColumn(c)) hiddenColumns.push(c);

  const state = entry.state;
  return {
    name: entry.name,
    cells,
    // Values of merged cells other than the top-left one are already null (merge cells).
    merges: model.merges.map((m) => rangeA1(m)),
    hiddenRows,
    hiddenColumns,
    protected: model.protected,
    visibility: state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible',
  };
}

/**
 * read.ts vetLoadedModel on this model: positions of the dense grid (ExcelJS's rowCount plus each
 * row's cell count, rows with a value only) against the limit, and a cell whose reference is not
 * in its row refused as damaged. Same order of checks, so the same file gives the same reason.
 */
function vetSheet(name: string, model: SheetModel, positions: number, max: number, fileName: string | undefined): number {
  let last = model.rows.length;
  while (last > 0 && model.rows[last - 1] === undefined) last--;
  positions += last;
  model.rows.forEach((row, i) => {
    if (!row || !row.cells.some((e) => e !== undefined && !(e instanceof Slot && e.kind === 'null'))) return;
    positions += row.cells.length;
    row.cells.forEach((slot, j) => {
      if (!(slot instanceof Slot) || (slot.addressInRow && (slot.ref === undefined || slot.refInRow))) return;
      const expected = `${columnLetter(j + 1)}${i + 1}`;
      const stored = slot.ref ?? slot.address;
      if (slot.address.toUpperCase() !== expected || stored.toUpperCase() !== expected) {
        throw new WorkbookReadError('unreadable', { fileName, detail: `${name}: ${stored} stored as ${expected}` });
      }
    });
  });
  if (positions > max) throw new WorkbookReadError('too-large', { fileName, detail: `${name}: > ${max} ô / cells` });
  return positions;
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/**
 * The snapshot of an .xlsx package, exactly as the ExcelJS reader builds it. Throws
 * WorkbookReadError with the reason the ExcelJS path gives for the same file.
 */
export function packageToSnapshot(
  pkg: XlsxPackage,
  fileName: string | undefined,
  limits: SizeLimits,
  options: SnapshotOptions = {},
): WorkbookSnapshot {
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = readSnapshot(pkg, fileName, limits, options);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError('unreadable', { fileName, cause: e });
  }
  if (fileName !== undefined) snapshot.fileName = baseName(fileName);
  return snapshot;
}

function readSnapshot(pkg: XlsxPackage, fileName: string | undefined, limits: SizeLimits, options: SnapshotOptions): WorkbookSnapshot {
  const { sheets, date1904, recalculate, sharedStringsPart, stylesPart } = listSheets(pkg);
  const text = (part: string | undefined) => unprefixed(part === undefined ? undefined : pkg.text(part));
  const wanted = options.sheets ? sheets.filter((s) => options.sheets!.includes(s.name)) : sheets;
  const strings = readSharedStrings(text(sharedStringsPart));
  const styles = readStyles(text(stylesPart));
  const max = limits.maxGridCells ?? DEFAULT_LIMITS.maxGridCells;
  let positions = 0;
  const out: SheetSnapshot[] = [];
  const models: SheetModel[] = [];
  for (const entry of wanted) {
    const xml = text(entry.part);
    checkWorksheetRoot(xml);
    const relsPart = findPart(pkg, relsPartOf(entry.part));
    const relsXml = relsPart === undefined ? undefined : pkg.text(relsPart);
    const ctx: SheetContext = { strings, styles, date1904, recalculate, rels: relsXml === undefined ? undefined : readRels(relsXml) };
    models.push(parseWorksheet(xml!, ctx));
  }
  wanted.forEach((entry, i) => {
    positions = vetSheet(entry.name, models[i], positions, max, fileName);
  });
  wanted.forEach((entry, i) => out.push(toSheetSnapshot(entry, models[i])));
  return { sheets: out };
}
