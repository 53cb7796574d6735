/**
 * The .xlsx reader: package parts → WorkbookSnapshot, straight from the XML. Its contract is
 * ECMA-376 Part 1 (SpreadsheetML), Part 2 (packaging), XML 1.0 and what Excel reads (issue #16);
 * each rule below names its section. Parts are found through the package relationships whatever
 * their names (Transitional or Strict), SpreadsheetML may carry a namespace prefix, rows and cells
 * may omit `r`, and a workbook flagged `fullCalcOnLoad` has its formula results read as unknown
 * (Excel recalculates them on open).
 *
 * Refused (WorkbookReadError `unreadable`), because a reading could be silently wrong: a part that
 * is not well-formed XML (a character XML does not allow, an undefined entity or bare `&`, a
 * cut-off part), a `t="s"` cell whose shared string does not exist, a cell whose reference names
 * another row, overlapping merges, a column past XFD, two sheets of one name, a `t="d"` value that
 * is not a date. Size guards (`too-large`) stay on top. ../../../../../shared/schemas/ooxml/check-xlsx.sh
 * reports each of these too (docs/testing.md, "Reader and check-xlsx.sh").
 *
 * ExcelJS 4.4's reader (test/support/exceljs/read.ts) is the tests' independent check: on every
 * sample, fixture and bad input both give the same snapshot, except where ExcelJS departs from
 * the standard. The deliberate differences, each tested in test/hosts/xlsx/ooxml/read-snapshot.test.ts
 * ("deliberate differences"):
 *  1. namespace prefixes (`<x:c>`), rows without `r`, parts under other names, `date1904="true"`,
 *     `fullCalcOnLoad`: read (ExcelJS refuses, finds no sheet, or ignores them);
 *  2. CDATA sections are text (XML 1.0 §2.7; ExcelJS drops them);
 *  3. text is decoded once (`&amp;lt;` in a `t="str"` value or a sheet name is `&lt;`; ExcelJS decodes twice);
 *  4. a string item is its `<t>` or its runs joined, without phonetic guides, in shared and inline
 *     strings alike; `_xHHHH_` undone in inline `<t>` too; an empty `<si/>` is "" (ExcelJS: the last
 *     `<t>`, the phonetic text in inline strings, "[object Object]");
 *  5. a number format is its code as written (`0\.0`, as Office.js gives it) and a date by the
 *     Office host's rule (src/core/number-format.ts: `YYYY` is a date; ExcelJS unescapes
 *     the code and knows only lower-case codes but `M`); style 0 is a style (a cell without `s`
 *     or with `s="0"` may be a date); a style index past the table, no `cellXfs`, a row style:
 *     General, not a refusal;
 *  6. only numbers become dates: a formula's text, boolean or error result keeps its type; a number
 *     outside Excel's date range stays a number (ExcelJS coerces like JavaScript, or gives NaN);
 *     `t="d"` ISO 8601 values are dates (ExcelJS: `parseFloat("2025-…")` = 2025);
 *  7. a hyperlink does not change its cell: a formula or a number under a link stays what it is,
 *     and a link whose relationship is missing does not stop the read (ExcelJS turns the cell into
 *     its text, or fails the load);
 *  8. sheet names are read as written, whatever Excel allows for new names (ExcelJS refuses names
 *     over 31 characters, with `[]:*?/\`, or "History");
 *  9. `<extLst>` in shared strings is skipped (ExcelJS refuses it); a `t="s"` cell without a
 *     shared-strings part is refused (ExcelJS reads the index as the number);
 * 10. shared formulas do not move text inside string literals; lower-case references (`a1`) are
 *     read; `sheet="true"` protects; every `<cols>` counts (ExcelJS: the last).
 *
 * Speed: SpreadsheetML is machine written, so a few global regular expressions (native code from
 * the first call) find rows and cells; nothing walks the text character by character.
 */
import { columnLetter, columnNumber, rangeA1 } from '../../../core/a1';
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../../core/snapshot';
import { WorkbookReadError } from '../errors';
import { fromFileFormula } from '../formula';
import { DEFAULT_LIMITS, type SizeLimits } from '../zip';
import type { XlsxPackage } from './package';
import { findPart, readRelationships } from './workbook';
import { parseAttributes, xmlAttrText, xmlText } from './xml';
import { isDateFormat } from '../../../core/number-format';

export interface SnapshotOptions {
  /** Read only the sheets with these names (e.g. the very hidden state sheet); all when absent. */
  sheets?: string[];
}

// ---------------------------------------------------------------------------------------------
// Text as XML 1.0 defines it
// ---------------------------------------------------------------------------------------------

/**
 * Thrown inside this module for a part that is not readable as SpreadsheetML (xml.ts throws
 * NotWellFormedXml for text that is not well-formed); both are turned into WorkbookReadError.
 */
class Unreadable extends Error {}

// Characters XML 1.0 does not allow (§2.2 Char), written as such: the part is not well-formed.
// eslint-disable-next-line no-control-regex -- these control characters are exactly what the pattern must find
const DISALLOWED_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** A part with only characters XML 1.0 allows, or Unreadable. */
function parsable(xml: string): string {
  if (DISALLOWED_CHARACTER.test(xml)) throw new Unreadable('a character XML does not allow');
  return xml;
}

/**
 * ST_Xstring's escape of characters XML cannot hold (ECMA-376 Part 1 §22.4.2.4: `_x000D_` is CR).
 * Excel writes the hex digits in upper case; lower-case ones (`_x000d_`) are left as text, as
 * ExcelJS leaves them (how Excel reads them is not verified here).
 */
function unescapeOoxml(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The attributes this reader asks for by name (attr): each pattern made once, none kept between calls. */
type AttributeName =
  'date1904' | 'formatCode' | 'fullCalcOnLoad' | 'hidden' | 'max' | 'min' | 'numFmtId' | 'r' | 'ref' | 'sheet' | 'si' | 't';
const ATTRIBUTE_NAMES: readonly AttributeName[] = [
  'date1904',
  'formatCode',
  'fullCalcOnLoad',
  'hidden',
  'max',
  'min',
  'numFmtId',
  'r',
  'ref',
  'sheet',
  'si',
  't',
];
const ATTRIBUTE_PATTERNS: ReadonlyMap<AttributeName, RegExp> = new Map(
  ATTRIBUTE_NAMES.map((name) => [name, new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)]),
);

/**
 * One attribute of a start tag's source, decoded; undefined when absent. The name is matched
 * exactly as written (only unprefixed SpreadsheetML attributes are asked for).
 */
function attr(tag: string, name: AttributeName): string | undefined {
  const m = ATTRIBUTE_PATTERNS.get(name)!.exec(tag);
  return m ? xmlAttrText(m[1] ?? m[2]) : undefined;
}

/** An xsd:boolean attribute (XML Schema Part 2 §3.2.2: `true` or `1`). */
const isTrue = (v: string | undefined) => v === 'true' || v === '1';

/**
 * CDATA sections are character data (XML 1.0 §2.7): their text is rewritten as escaped text, so
 * that the patterns below read it as they read any other text. (ExcelJS drops it.)
 */
const cdataAsText = (s: string) =>
  s.indexOf('<![CDATA[') < 0
    ? s
    : s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, text: string) =>
        text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      );

// ---------------------------------------------------------------------------------------------
// Cell references (ECMA-376 Part 1 §18.18.7 ST_CellRef: column letters, then the row number)
// ---------------------------------------------------------------------------------------------

interface Address {
  /** Column letters and row digits as written, `$` dropped. */
  address: string;
  col: number | undefined;
  row: number | undefined;
  /** Written as Excel writes it (`B12`: upper-case letters, a row without leading zeros, nothing else). */
  canonical: boolean;
}

/** A reference as Excel writes it: upper-case column letters, then the row without leading zeros. */
const CANONICAL_REFERENCE = /^([A-Z]{1,3})([1-9][0-9]*)$/;

/**
 * A reference: upper-case letters before the digits are the column, `$` is skipped. A reference
 * written otherwise (lower case, leading zeros) is marked not canonical: vetSheet refuses such a
 * cell unless it is where its row puts it.
 */
function decodeAddress(value: string): Address {
  const m = CANONICAL_REFERENCE.exec(value);
  if (m) return { address: value, col: lettersToNumber(m[1]), row: +m[2], canonical: true };
  let col = '';
  let row = '';
  for (const ch of value) {
    if (!row && ch >= 'A' && ch <= 'Z') col += ch;
    else if (ch >= '0' && ch <= '9') row += ch;
    else if (row && col && ch !== '$') break;
  }
  return { address: col + row, col: col ? lettersToNumber(col) : undefined, row: row ? parseInt(row, 10) : undefined, canonical: false };
}

/** Column letters to number; beyond XFD (16,384 columns, Part 1 §18.3.1.4) the file is refused. */
function lettersToNumber(letters: string): number {
  const n = columnNumber(letters);
  if (n < 1 || n > 16384) throw new Unreadable(`column ${letters} out of bounds`);
  return n;
}

/** Column number to letters, refused outside 1…16,384. */
function numberToLetters(n: number): string {
  if (!(n >= 1 && n <= 16384)) throw new Unreadable(`column ${n} out of bounds`);
  return columnLetter(n);
}

// ---------------------------------------------------------------------------------------------
// Shared formulas (ECMA-376 Part 1 §18.3.1.40 f, t="shared")
// ---------------------------------------------------------------------------------------------

// A candidate is a word of 2+ letters, digits, `_` or `$`, optionally after `sheet!`; one followed
// by `(` is a function name and stays. String literals ("…", `""` an escaped quote) are matched
// first and kept whole: their text is not a reference (Excel does not move it).
const REFERENCE_CANDIDATE = /("(?:[^"]|"")*")|(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL_REFERENCE = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

/**
 * The formula of a cell that shares the master's formula (Part 1 §18.3.1.40: "the formula is
 * shared… relative references are adjusted"): relative references move by the offset between the
 * two cells; string literals stay as written. Whole-column or whole-row ranges (`A:A`, `1:1`) are
 * not moved (a limit: no sample or real writer's shared formula has them).
 */
export function translateSharedFormula(formula: string, fromCell: string, toCell: string): string {
  const from = decodeAddress(fromCell);
  const to = decodeAddress(toCell);
  const dCol = (to.col ?? NaN) - (from.col ?? NaN);
  const dRow = (to.row ?? NaN) - (from.row ?? NaN);
  return formula.replace(
    REFERENCE_CANDIDATE,
    (match: string, literal: string | undefined, sheet: string | undefined, _name, part: string, paren) => {
      if (literal !== undefined || paren) return match;
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
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Styles: which number format each cell style carries (ECMA-376 Part 1 §18.8.30 numFmt, §18.8.45 xf)
// ---------------------------------------------------------------------------------------------

/** The built-in number formats by id (ECMA-376 Part 1 §18.8.30, the locale-free ones of its table). */
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
 * The number format of each cell style (`cellXfs` index, Part 1 §18.8.10): a custom `numFmt` of
 * that id, its code as written (as Office.js's `numberFormat` gives it: `0\.0` keeps its escape), else a
 * built-in one; numFmtId 0 (General) or missing gives none (`null`).
 */
interface Styles {
  /** One per `<xf>` of `cellXfs` (empty when there is none: every cell is then General). */
  formats: (string | null)[];
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
    custom.set(id, code);
  }
  // A part without its end tag (cut off) is not well-formed XML (XML 1.0 §3: element).
  if (!/<\/styleSheet\s*>|<styleSheet\b[^>]*\/>/.test(xml)) throw new Unreadable('no <styleSheet> element');
  const section = /<cellXfs\b[^>]*?(?:\/>|>([\s\S]*?)<\/cellXfs>)/.exec(xml);
  const formats: (string | null)[] = [];
  for (const m of (section?.[1] ?? '').matchAll(/<xf\b[^>]*>/g)) {
    const id = parseInt(attr(m[0], 'numFmtId') ?? '', 10);
    formats.push(id ? ((custom.get(id) || BUILT_IN_FORMATS[id]) ?? null) : null);
  }
  return { formats, dates: formats.map(isDateFormat) };
}

/**
 * The number format of style `s` (Part 1 §18.3.1.4: `s` defaults to 0, the first xf, a real style
 * whose format may be a date): undefined when there is no such style (no styles part, an index
 * past cellXfs: Excel shows such a cell as General).
 */
function styleFormat(styles: Styles | undefined, styleId: number | undefined): string | null | undefined {
  if (!styles || styleId === undefined || Number.isNaN(styleId)) return undefined;
  return styles.formats[styleId];
}

/** Whether style `s` has a date format. */
const isDateStyle = (styles: Styles | undefined, styleId: number | undefined) =>
  !!styles && styleId !== undefined && !!styles.dates[styleId];

// ---------------------------------------------------------------------------------------------
// Cell values (ECMA-376 Part 1 §18.3.1.4 c, §18.18.11 ST_CellType)
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
/** A number under a date format: its serial in the 1900 date system (the snapshot's convention). */
interface DateValue {
  kind: 'date';
  serial: number;
}
type Value = number | string | boolean | ErrorValue | RichValue | DateValue;

type CellKind = 'null' | 'merge' | 'number' | 'string' | 'boolean' | 'error' | 'date' | 'formula';

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
 * A cell in its row: the address of the first `<c>` that landed in this column (or of a merge)
 * and the value of the last `<c>` that did. Both addresses are checked by vetSheet: a cell whose
 * reference names another row is refused. Never changed once made (STYLED_EMPTY and MERGED are
 * shared by every sheet).
 */
class Slot {
  constructor(
    /** The value's kind (what vetSheet's and the snapshot's loops look at). */
    public readonly kind: CellKind,
    /** The last `<c>`'s `r` as written. */
    public readonly ref: string | undefined,
    /** That `r` names this row, canonically written. */
    public readonly refInRow: boolean,
    /** The full model, for cells the fast path does not finish (formulas, inline strings…). */
    public readonly model: CellModel | undefined,
    /** The snapshot cell when the fast path made it (else made from `model` at the end). */
    public readonly out: Cell | null,
    /** `cell.address`. */
    public readonly address: string,
    /** That address is this row's, canonically written. */
    public readonly addressInRow: boolean,
  ) {}
}

/**
 * A row's cells, index = column - 1. The usual cell (its reference in this row, no formula, no
 * inline markup) is stored as its finished snapshot Cell, or STYLED_EMPTY; anything else as a Slot.
 * Few objects per cell matter: in a cold process, garbage collection of surviving objects was
 * most of the reader's time.
 */
type Entry = Cell | Slot;

interface RowModel {
  hidden: boolean;
  cells: (Entry | undefined)[];
}

/** A cell with a style and no value (counted in the row for the size guard, never shown). */
const STYLED_EMPTY = new Slot('null', undefined, true, undefined, null, '', true);
/** A merged cell other than the top-left one (Part 1 §18.3.1.55: only the top-left cell's value shows). */
const MERGED = new Slot('merge', undefined, true, undefined, null, '', true);

const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** The last day Excel shows as a date: 9999-12-31 (serial 2958465 in the 1900 system, 2957003 in 1904). */
const LAST_DATE = { 1900: 2958465, 1904: 2957003 };

/**
 * A number under a date format (Part 1 §18.17.4: dates are serial numbers, 1900 or 1904 system):
 * its 1900-system serial, to the millisecond. A number outside Excel's date range (negative,
 * past 9999, not finite) stays a number: Excel shows `#####` and the value is still the number.
 * Only numbers are dates: a formula's text, boolean or error result keeps its type.
 */
function excelToDate(n: number, date1904: boolean): DateValue | number {
  if (!(n >= 0 && n < LAST_DATE[date1904 ? 1904 : 1900] + 1)) return n;
  const ms = Math.round((n - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY);
  return { kind: 'date', serial: Math.round((25569 + ms / MS_PER_DAY) * 1e9) / 1e9 };
}

/** A value as the snapshot holds it (Cell `v` and `t`); rich text is its runs' text joined. */
function typedValue(v: Value | undefined): Pick<Cell, 'v' | 't'> | null {
  if (v === undefined) return null;
  if (typeof v === 'number') return { v, t: 'n' };
  if (typeof v === 'string') return { v, t: 's' };
  if (typeof v === 'boolean') return { v, t: 'b' };
  switch (v.kind) {
    case 'date':
      return { v: v.serial, t: 'd' };
    case 'error':
      return { v: v.error, t: 'e' };
    default:
      return { v: v.runs.map((r) => r ?? '').join(''), t: 's' };
  }
}

// ---------------------------------------------------------------------------------------------
// Shared strings (ECMA-376 Part 1 §18.4)
// ---------------------------------------------------------------------------------------------

/**
 * The shared string table (Part 1 §18.4.9 sst): one value per `<si>`, in order; other children
 * (`<extLst>`) carry nothing a cell shows and are skipped.
 */
function readSharedStrings(xml: string | undefined): Value[] | undefined {
  if (xml === undefined) return undefined;
  parsable(xml);
  const out: Value[] = [];
  const body = cdataAsText(xml);
  if (!/<\/sst\s*>|<sst\b[^>]*\/>/.test(body)) throw new Unreadable('no <sst> element');
  for (const m of body.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(readStringItem(m[1] ?? ''));
  return out;
}

/**
 * One string item (Part 1 §18.4.8 si, CT_Rst): its `<t>`, or the text of its rich-text runs
 * (§18.4.4 r) joined; phonetic guides (§18.4.6 rPh, Japanese readings) are not the cell's text
 * and are dropped. An item with neither is the empty string.
 */
function readStringItem(inner: string): Value {
  const s = withoutPhonetic(inner);
  if (/<r[\s>]/.test(s)) {
    const runs: (string | undefined)[] = [];
    for (const r of s.matchAll(/<r\b[^>]*?(?:\/>|>([\s\S]*?)<\/r>)/g)) runs.push(textOf(r[1] ?? ''));
    return { kind: 'rich', runs };
  }
  return textOf(s) ?? '';
}

const withoutPhonetic = (s: string) => (s.indexOf('<rPh') < 0 ? s : s.replace(/<rPh\b[^>]*?(?:\/>|>[\s\S]*?<\/rPh>)/g, ''));

/**
 * The text of the `<t>` element (Part 1 §18.4.12: one per item or run; ST_Xstring, so `_xHHHH_`
 * is undone after the XML references), or undefined when there is none. Should a writer put
 * several, their texts are joined: nothing the file holds is dropped.
 */
function textOf(s: string): string | undefined {
  let out: string | undefined;
  for (const t of s.matchAll(/<t\b[^>]*?(?:\/>|>([^<]*)<\/t>)/g)) out = (out ?? '') + unescapeOoxml(xmlText(t[1] ?? ''));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The package: its worksheets, in tab order
// ---------------------------------------------------------------------------------------------

interface SheetEntry {
  name: string;
  state: string | undefined;
  part: string;
}

/**
 * A sheet's name (Part 1 §18.2.19 sheet: `name` is required). Excel's rules for new names (1–31
 * characters, none of `[]:*?/\\`, no edge apostrophe) govern what we write, not what we read: a
 * file with such a name is read under it. Two sheets of one name (Excel compares case-insensitively)
 * would make every reference to either ambiguous: refused, as is a sheet without a name.
 */
function checkedSheetName(name: string | undefined, taken: string[]): string {
  if (name === undefined) throw new Unreadable('a sheet without a name');
  const lower = name.toLowerCase();
  if (taken.some((t) => t.toLowerCase() === lower)) throw new Unreadable(`sheet name "${name}" twice`);
  return name;
}

/** SpreadsheetML's main namespace, Transitional and Strict (ECMA-376 Part 1 §A.2, ISO/IEC 29500-1 Strict). */
const SML_NAMESPACES: readonly string[] = [
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
];

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
    const a = parseAttributes(m[0], xmlAttrText);
    // The relationship id is `r:id` under whatever prefix the officeDocument relationships namespace has.
    const relId = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const rel = relId === undefined ? undefined : byId.get(relId);
    if (!rel || !rel.part || !isRelType(rel.type, 'worksheet')) continue;
    const part = findPart(pkg, rel.part);
    if (part === undefined) continue;
    const name = checkedSheetName(
      a.name,
      sheets.map((x) => x.name),
    );
    sheets.push({ name, state: a.state, part });
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

/** A worksheet part without its root's end tag (cut off) is not well-formed XML: refused. */
function checkWorksheetRoot(xml: string | undefined): void {
  if (xml === undefined || !parsable(xml) || !/<\/worksheet\s*>|<worksheet\b[^>]*\/>/.test(xml))
    throw new Unreadable('no <worksheet> element');
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
  /**
   * The workbook asks for a full recalculation on load (`<calcPr fullCalcOnLoad="1">`, ECMA-376
   * Part 1 §18.2.2): Excel shows recalculated values, not the cached ones (xlsxwriter caches 0 for
   * every formula). Formula results are then read as unknown, and the engine derives the sums it
   * knows (src/core/detect/uncalculated.ts) instead of reporting false mismatches.
   */
  recalculate: boolean;
  /** This sheet's copy of CELL_PART (cellParts). */
  cellPart: RegExp;
}

// Rows and cells in one pass. First alternative, the cell as Excel and most writers write nearly all
// of them, whole (`<c r="B12" s="3" t="s"><v>7</v></c>`, `<c r="C8" s="4"><f>SUM(C9:C12)</f>
// <v>12.25</v></c>`: 1 column letters, 2 row, 3 s, 4 t, 5 formula, 6 value, neither with
// markup or references); else the start tag of a row or of any other cell (7 name, 8 attributes),
// whose content is then found with indexOf. The global patterns below are templates: each scan
// runs its own copy (a copy's lastIndex is that scan's position), so no call shares state.
const ROW_OR_CELL =
  /<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?(?:\/>|>(?:(?:<f>([^<&]+)<\/f>)?<v>([^<&]+)<\/v><\/c>)?)|<(row|c)\b([^>]*)>/g;
// The three attributes of a cell this reader needs, in one scan of its start tag.
const CELL_ATTRIBUTE = /\s(r|t|s)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const NEEDS_DECODING = /[&\t\n\r]/;
const CELL_PART = /<(f|v|t|is|r|rPh)\b([^>]*?)(\/?)>/g;

/** One pass over a worksheet's `<sheetData>`: its own patterns, the row being filled, the last cell placed. */
interface RowScan {
  readonly data: string;
  /** This scan's copy of ROW_OR_CELL: its lastIndex is where the scan is. */
  readonly pattern: RegExp;
  /** This scan's copy of CELL_ATTRIBUTE. */
  readonly attribute: RegExp;
  readonly ctx: SheetContext;
  readonly rows: (RowModel | undefined)[];
  /** Shared-formula group (`si`) → its master cell's reference (§18.3.1.40). */
  readonly sharedMasters: Map<string, string | undefined>;
  row: RowModel | undefined;
  rowNumber: number;
  /** The last placed cell of this row, for a <c> without r (the next column, §18.3.1.4). */
  previousCol: number;
  previousRow: number;
}

function parseWorksheet(xml: string, ctx: SheetContext): SheetModel {
  const body = cdataAsText(xml);
  const dataStart = body.search(/<sheetData\b/);
  const dataEnd = dataStart < 0 ? -1 : body.indexOf('</sheetData>', dataStart);
  // Everything but the cells: merges, columns and protection are children of <worksheet>
  // (Part 1 §18.3.1.99), so only what is outside <sheetData> counts.
  const outside = dataStart < 0 ? body : body.slice(0, dataStart) + (dataEnd < 0 ? '' : body.slice(dataEnd));
  const rows: (RowModel | undefined)[] = [];
  const sharedMasters = new Map<string, string | undefined>();
  if (dataStart >= 0) {
    scanSheetData({
      data: body.slice(dataStart, dataEnd < 0 ? body.length : dataEnd),
      pattern: new RegExp(ROW_OR_CELL),
      attribute: new RegExp(CELL_ATTRIBUTE),
      ctx,
      rows,
      sharedMasters,
      row: undefined,
      rowNumber: NaN,
      previousCol: NaN,
      previousRow: NaN,
    });
  }
  if (sharedMasters.size) resolveSharedFormulas(rows);
  return {
    rows,
    merges: readMerges(outside, rows),
    hiddenColumn: readHiddenColumns(listItems(outside, 'cols', 'col')),
    protected: lastProtection(outside),
  };
}

/** Every row and cell of `<sheetData>`, in one pass of the scan's pattern. */
function scanSheetData(scan: RowScan): void {
  const { data, pattern } = scan;
  for (let m = pattern.exec(data); m; m = pattern.exec(data)) {
    if (m[1] !== undefined) usualCell(scan, m);
    else if (m[7] === 'row') startRow(scan, m[8]);
    else otherCell(scan, m[8]);
  }
}

/**
 * The content of the cell whose start tag the scan just passed, up to its `</c>` (the scan moves
 * past it); undefined for an empty-element tag.
 */
function cellContent(scan: RowScan, emptyElement: boolean): string | undefined {
  if (emptyElement) return undefined;
  const { data, pattern } = scan;
  const end = data.indexOf('</c>', pattern.lastIndex);
  const inner = data.slice(pattern.lastIndex, end < 0 ? data.length : end);
  if (end >= 0) pattern.lastIndex = end + 4;
  return inner;
}

/** The usual cell, whole in ROW_OR_CELL's first alternative (1 letters, 2 row, 3 s, 4 t, 5 formula, 6 value). */
function usualCell(scan: RowScan, m: RegExpExecArray): void {
  const inner = m[6] === undefined ? cellContent(scan, m[0].endsWith('/>')) : undefined;
  const { row, rowNumber, ctx } = scan;
  if (!row) return;
  const refRow = +m[2];
  const inRow = refRow === rowNumber;
  let entry: Entry | undefined;
  if (inner === undefined && inRow) {
    entry = fastEntry(m[4], m[3], m[5], m[6], ctx);
  } else {
    const ref = m[1] + m[2];
    const content = inner ?? (m[5] === undefined ? undefined : `<f>${m[5]}</f><v>${m[6]}</v>`);
    entry = slotOf(parseCell(ref, m[4], m[3], content, ctx, scan.sharedMasters, m[5] === undefined ? m[6] : undefined), ref, inRow);
  }
  const col = lettersToNumber(m[1]);
  scan.previousCol = col;
  scan.previousRow = refRow;
  if (entry !== undefined) place(row, rowNumber, col, entry); // else no value, no style: Row's model setter skips it
}

/**
 * A `<row>`: r is optional (ECMA-376 Part 1 §18.3.1.73): a row without one follows the previous
 * row, as Excel and LibreOffice read it. One that is written but not a number is damaged.
 */
function startRow(scan: RowScan, attrs: string): void {
  const r = attr(attrs, 'r');
  const rowNumber = r === undefined ? (Number.isNaN(scan.rowNumber) ? 1 : scan.rowNumber + 1) : parseInt(r, 10);
  if (Number.isNaN(rowNumber)) throw new Unreadable('row without a number');
  const row: RowModel = { hidden: isTrue(attr(attrs, 'hidden')), cells: [] };
  // A later <row> of the same number replaces the earlier one; rows < 1 are never listed.
  if (rowNumber >= 1) scan.rows[rowNumber - 1] = row;
  scan.row = row;
  scan.rowNumber = rowNumber;
  scan.previousCol = scan.previousRow = NaN;
}

/** Any other `<c>` (attributes in another order or quoted otherwise, no `r`, inline strings, markup in the value). */
function otherCell(scan: RowScan, attrs: string): void {
  const inner = cellContent(scan, attrs.endsWith('/'));
  const { row, rowNumber } = scan;
  if (!row) return;
  const { ref, type, style } = cellAttributes(attrs, scan.attribute);
  const address = cellAddress(scan, ref);
  scan.previousCol = address.col;
  scan.previousRow = address.row ?? NaN;
  const cell = parseCell(ref ?? address.address, type, style, inner, scan.ctx, scan.sharedMasters);
  if (cell.kind === 'merge') return;
  const inRow = address.canonical && address.row === rowNumber;
  place(row, rowNumber, address.col, slotOf(cell, address.address, inRow)!);
}

/** A cell's `r`, `t` and `s`, decoded where they need it, in one pass of `pattern` (CELL_ATTRIBUTE). */
function cellAttributes(attrs: string, pattern: RegExp): { ref?: string; type?: string; style?: string } {
  const out: { ref?: string; type?: string; style?: string } = {};
  pattern.lastIndex = 0;
  for (let a = pattern.exec(attrs); a; a = pattern.exec(attrs)) {
    let v = a[2] ?? a[3];
    if (NEEDS_DECODING.test(v)) v = xmlAttrText(v);
    if (a[1] === 'r') out.ref = v;
    else if (a[1] === 't') out.type = v;
    else out.style = v;
  }
  return out;
}

/**
 * Where a cell is. r is optional (ECMA-376 Part 1 §18.3.1.4): a cell without one is the next
 * column after the previous cell of its row (an empty one counts), the first column for the
 * row's first. A1 references are case-insensitive (ST_CellRef is any string; formulas read `a1` as A1).
 */
function cellAddress(scan: RowScan, ref: string | undefined): Address & { col: number } {
  if (ref === undefined) {
    const col = Number.isNaN(scan.previousCol) ? 1 : scan.previousCol + 1;
    const at = Number.isNaN(scan.previousRow) ? scan.rowNumber : scan.previousRow;
    return { address: `${numberToLetters(col)}${at}`, col, row: at, canonical: true };
  }
  const address = decodeAddress(ref.toUpperCase());
  if (address.col === undefined) throw new Unreadable('cell without an address');
  return address as Address & { col: number };
}

/** Shared formulas: a dependant takes the master's formula, moved (§18.3.1.40). */
function resolveSharedFormulas(rows: (RowModel | undefined)[]): void {
  for (const r of rows) {
    if (!r) continue;
    for (const slot of r.cells) {
      const c = slot instanceof Slot ? slot.model : undefined;
      if (!c || c.kind !== 'formula' || c.formula || c.sharedMaster === undefined) continue;
      c.formula = sharedFormula(rows, c);
    }
  }
}

/** The merged ranges (§18.3.1.55), applied to the rows: every cell but the top-left one becomes a merge cell. */
function readMerges(outside: string, rows: (RowModel | undefined)[]): SheetModel['merges'] {
  const merges: SheetModel['merges'] = [];
  for (const tag of listItems(outside, 'mergeCells', 'mergeCell')) {
    const ref = attr(tag, 'ref');
    if (ref === undefined) throw new Unreadable('mergeCell without ref');
    applyMerge(rows, merges, ref);
  }
  return merges;
}

/**
 * The start tags of a list's items (`<mergeCells>` → its `<mergeCell>`s), only inside the list
 * element; every list counts (`<cols>` may repeat, Part 1 §A.2 CT_Worksheet).
 */
function listItems(xml: string, list: string, item: string): string[] {
  const out: string[] = [];
  const itemTag = new RegExp(`<${item}\\b[^>]*>`, 'g');
  for (const m of xml.matchAll(new RegExp(`<${list}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${list}>)`, 'g'))) {
    for (const t of (m[1] ?? '').matchAll(itemTag)) out.push(t[0]);
  }
  return out;
}

/** `<sheetProtection sheet="1">` (Part 1 §18.3.1.85, xsd:boolean `1` or `true`); the last one counts. */
function lastProtection(xml: string): boolean {
  let on = false;
  for (const m of xml.matchAll(/<sheetProtection\b[^>]*>/g)) on = isTrue(attr(m[0], 'sheet'));
  return on;
}

function sharedFormula(rows: (RowModel | undefined)[], cell: CellModel): string | undefined {
  const masterAt = decodeAddress(cell.sharedMaster!);
  const master = masterAt.row !== undefined && masterAt.col !== undefined ? rows[masterAt.row - 1]?.cells[masterAt.col - 1] : undefined;
  const model = master instanceof Slot ? master.model : undefined;
  if (!master || !(master instanceof Slot) || !model || model.kind !== 'formula' || !model.formula || cell.ref === undefined)
    return undefined;
  return translateSharedFormula(model.formula, master.address, cell.ref);
}

/** `<col>` ranges (§18.3.1.13) sorted by min; should ranges overlap, a column takes the first that reaches it. */
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
 * A `<c>` lands in its column: a later `<c>` of the same column replaces the earlier one's value
 * and keeps its address; vetSheet checks both addresses, and a merge over the cell resets them.
 */
function place(row: RowModel, rowNumber: number, col: number, entry: Entry): void {
  const existing = row.cells[col - 1];
  const addressInRow =
    existing === undefined ? (entry instanceof Slot ? entry.addressInRow : true) : !(existing instanceof Slot) || existing.addressInRow;
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
 * or references), straight to its snapshot cell: what parseCell and toCell together give, without
 * the intermediate model. Undefined for a cell with no value and no style.
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
  const isDate = isDateStyle(ctx.styles, styleId);
  if (formula !== undefined && ctx.recalculate) {
    const out: Cell = { v: null, t: 'n', f: fromFileFormula(xmlText(formula).replace(/^=/, '')) };
    if (fmt && fmt !== 'General') out.fmt = fmt;
    return out;
  }
  if (formula !== undefined) {
    // A formula with its cached result (Part 1 §18.3.1.96 v: typed by the cell's t).
    const text = xmlText(raw);
    const result: Value =
      t === 'str'
        ? text
        : t === 'b'
          ? parseInt(text, 10) !== 0
          : t === 'e'
            ? { kind: 'error', error: text }
            : numberValue(t, text, isDate, ctx.date1904);
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
      const index = parseInt(text, 10);
      const v = ctx.strings?.[index];
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
      out = typedValue(numberValue(t, text, isDate, ctx.date1904))!;
    }
  }
  if (fmt && fmt !== 'General') out.fmt = fmt;
  return out;
}

/**
 * One `<c>` (Part 1 §18.3.1.4): its value is the `<v>` (§18.3.1.96) or, for `t="inlineStr"`, the
 * `<is>` string item (§18.3.1.53: its `<t>`, or its runs' text joined; phonetic guides dropped);
 * the type comes from `t`, then styles (dates), shared strings and shared formulas apply.
 */
function parseCell(
  ref: string | undefined,
  t: string | undefined,
  s: string | undefined,
  inner: string | undefined,
  ctx: SheetContext,
  sharedMasters: Map<string, string | undefined>,
  /** The text of the cell's only element, `<v>`, when the caller already has it. */
  simpleValue?: string,
): CellModel {
  const styleId = s === undefined ? 0 : parseInt(s, 10);
  const parts = cellParts(inner, simpleValue, ctx.cellPart);
  const { value, runs, formula, shareType } = parts;

  const style = styleFormat(ctx.styles, styleId);
  const cell: CellModel = { kind: 'null', ref };
  if (style !== undefined) cell.numFmt = style;
  const dateFormat = isDateStyle(ctx.styles, styleId);

  if (formula || shareType) {
    cell.kind = 'formula';
    if (formula) cell.formula = formula;
    if (value && !ctx.recalculate) {
      if (t === 'str') cell.result = value;
      else if (t === 'b') cell.result = parseInt(value, 10) !== 0;
      else if (t === 'e') cell.result = { kind: 'error', error: value };
      else cell.result = numberValue(t, value, dateFormat, ctx.date1904);
    }
    if (shareType === 'shared') {
      if (parts.fRef) sharedMasters.set(parts.si ?? 'undefined', ref);
      else cell.sharedMaster = sharedMasters.get(parts.si ?? 'undefined');
    }
  } else if (runs) {
    cell.kind = 'string';
    cell.value = { kind: 'rich', runs };
  } else if (value !== undefined) {
    cell.value = plainValue(t, value, dateFormat, ctx);
    cell.kind = kindOf(cell.value);
  } else if (styleId) {
    cell.kind = 'null';
  } else {
    cell.kind = 'merge';
  }
  return cell;
}

function kindOf(v: Value): CellKind {
  if (typeof v !== 'object') return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'boolean';
  return v.kind === 'rich' ? 'string' : v.kind;
}

/** The value of a cell without a formula, from its `<v>` or inline text, by its type `t`. */
function plainValue(t: string | undefined, value: string, dateFormat: boolean, ctx: SheetContext): Value {
  switch (t) {
    case 's': {
      // An index into the shared string table (§18.3.1.96); none there is a broken reference.
      const v = ctx.strings?.[parseInt(value, 10)];
      if (v === undefined) throw new Unreadable(`shared string ${value} missing`);
      return v;
    }
    case 'str':
    case 'inlineStr':
      return value;
    case 'b':
      return parseInt(value, 10) !== 0;
    case 'e':
      return { kind: 'error', error: value };
    default:
      return numberValue(t, value, dateFormat, ctx.date1904);
  }
}

/**
 * A number (`t="n"` or absent), a date when its style's format is one; or a `t="d"` cell's ISO
 * 8601 date (ISO/IEC 29500-1:2012 §18.17.4.1), its 1900-system serial.
 */
function numberValue(t: string | undefined, text: string, dateFormat: boolean, date1904: boolean): Value {
  if (t === 'd') return isoDate(text);
  const n = parseFloat(text);
  return dateFormat ? excelToDate(n, date1904) : n;
}

const ISO_DATE = /^\s*(?:(\d{4})-(\d{2})-(\d{2}))?(?:T?(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$/;

/** An ISO 8601 date, date-time or time as Excel reads `t="d"`: its serial (time zones ignored: Excel has none). */
function isoDate(text: string): DateValue {
  const m = ISO_DATE.exec(text);
  if (!m || (m[1] === undefined && m[4] === undefined)) throw new Unreadable(`t="d" value ${text} is not an ISO 8601 date`);
  const day = m[1] === undefined ? 0 : Date.UTC(+m[1], +m[2] - 1, +m[3]) / MS_PER_DAY + 25569;
  const time = m[4] === undefined ? 0 : (+m[4] * 3600 + +m[5] * 60 + +(m[6] ?? 0)) / 86400;
  return { kind: 'date', serial: Math.round((day + time) * 1e9) / 1e9 };
}

interface CellParts {
  value?: string;
  runs?: (string | undefined)[];
  formula?: string;
  shareType?: string;
  si?: string;
  fRef?: string;
}

/** The value text, inline runs and formula of a `<c>`'s content. */
function cellParts(inner: string | undefined, simpleValue: string | undefined, pattern: RegExp): CellParts {
  const out: CellParts = {};
  if (simpleValue) out.value = xmlText(simpleValue);
  if (inner && inner.startsWith('<v>') && inner.indexOf('<', 3) === inner.length - 4 && inner.endsWith('</v>')) {
    // The usual cell: one value, nothing else.
    if (inner.length > 7) out.value = xmlText(inner.slice(3, -4));
    return out;
  }
  if (!inner || inner.indexOf('<') < 0) return out;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(inner); m; m = pattern.exec(inner)) {
    const name = m[1];
    if (name === 'is') continue;
    if (name === 'r' || name === 'rPh') {
      // A rich-text run of an inline string (its text is its <t>), or a phonetic guide (dropped).
      const end = inner.indexOf(`</${name}>`, pattern.lastIndex);
      const runXml = m[3] ? '' : inner.slice(pattern.lastIndex, end < 0 ? inner.length : end);
      if (name === 'r') (out.runs ??= []).push(textOf(runXml));
      if (end >= 0 && !m[3]) pattern.lastIndex = end + name.length + 3;
      continue;
    }
    if (name === 'f') {
      out.si = attr(m[2], 'si');
      out.shareType = attr(m[2], 't');
      out.fRef = attr(m[2], 'ref');
    }
    if (m[3]) continue; // self-closing: no text
    const close = inner.indexOf(`</${name}>`, pattern.lastIndex);
    const raw = inner.slice(pattern.lastIndex, close < 0 ? inner.length : close);
    if (close >= 0) pattern.lastIndex = close + name.length + 3;
    if (raw === '') continue; // an empty element holds no text
    // An inline string's <t> is ST_Xstring (§22.4.2.4): `_xHHHH_` undone after the references.
    const text = name === 't' ? unescapeOoxml(xmlText(raw)) : xmlText(raw);
    if (name === 'f') out.formula = out.formula ? out.formula + text : text;
    else out.value = out.value ? out.value + text : text;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Model → snapshot
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
 * The guards: positions of the dense grid (the last row number plus each row's cell count, rows
 * with a value only) against the size limit, and a cell whose reference is not in its row refused
 * as damaged (Part 1 §18.3.1.4: a cell belongs to its row; check-xlsx.sh: "cells … in their own row").
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
 * The snapshot of an .xlsx package. Throws WorkbookReadError: `unreadable` for a part that is not
 * well-formed or not readable as SpreadsheetML, `too-large` past the size guards.
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
    const ctx: SheetContext = { strings, styles, date1904, recalculate, cellPart: new RegExp(CELL_PART) };
    models.push(parseWorksheet(xml!, ctx));
  }
  wanted.forEach((entry, i) => {
    positions = vetSheet(entry.name, models[i], positions, max, fileName);
  });
  wanted.forEach((entry, i) => out.push(toSheetSnapshot(entry, models[i])));
  return { sheets: out };
}
