/**
 * Worksheet parts (ECMA-376 Part 1, §18.3) for the patch writer: cells written into a user's
 * sheet, highlights (conditional formats, §18.3.1.18) removed and added, and the XML of whole new
 * sheets (generated sheets, the state sheet). Children of <worksheet> keep the schema's sequence
 * (§18.3.1.99 CT_Worksheet), rows ascend by `r`, cells in a row by column.
 */
import type { CellContent, ConditionalFormatPlan, DataValidationPlan, GeneratedSheet } from '../../../core/plan';
import { formatNumber } from '../../../core/format';
import { a1, columnNumber, parseA1, parseRange, type CellRange } from '../../../core/a1';
import { fromFileFormula, internalLinkFormula, toFileFormula, withoutEquals } from '../formula';
import { StylesPatch, withCellStyle, withLink, type CellFormat } from './patch-styles';
import { elementsOf, insertInOrder, joinRoot, setAttribute, splitRoot, startTag, type SplitElement } from './patch-xml';
import { decodeXml, escapeXmlAttr, escapeXmlText, parseAttributes } from './xml';
import { translateSharedFormula } from './read-snapshot';
import { StreamedXml } from './package';

/** §18.3.1.99 CT_Worksheet: the children of <worksheet> in schema order. */
export const WORKSHEET_ORDER: readonly string[] = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const isTrue = (v: string | undefined) => v === '1' || v === 'true';

// ---------------------------------------------------------------------------------------------
// Cell XML (§18.3.1.4 c): what write.ts's writeCellContent stores, as SpreadsheetML.

/** A cached formula result or number as xsd:double text. */
const numberText = (n: number) => String(n);

/**
 * One <c> element. Text is an inline string (§18.3.1.53 is): always literal, never parsed, and no
 * change to the shared-string table (which other sheets' cells index). `s` is the cell format.
 */
export function cellXml(ref: string, s: number | undefined, content: CellContent): { xml: string; formulaWithoutValue: boolean } {
  const sa = s ? ` s="${s}"` : '';
  switch (content.kind) {
    case 'empty':
      return { xml: `<c r="${ref}"${sa}/>`, formulaWithoutValue: false };
    case 'text':
      return { xml: `<c r="${ref}"${sa} t="inlineStr"><is>${textElement(String(content.value))}</is></c>`, formulaWithoutValue: false };
    case 'number':
      return {
        xml: Number.isFinite(content.value)
          ? `<c r="${ref}"${sa}><v>${numberText(content.value)}</v></c>`
          : `<c r="${ref}"${sa} t="e"><v>#NUM!</v></c>`,
        formulaWithoutValue: false,
      };
    case 'formula':
      return {
        xml: formulaCell(ref, sa, toFileFormula(withoutEquals(content.formula)), content.cached),
        formulaWithoutValue: content.cached === undefined,
      };
  }
}

function formulaCell(ref: string, sa: string, fileFormula: string, cached: number | string | undefined): string {
  const f = `<f>${escapeXmlText(fileFormula)}</f>`;
  if (cached === undefined) return `<c r="${ref}"${sa}>${f}</c>`;
  if (typeof cached === 'number') {
    return Number.isFinite(cached)
      ? `<c r="${ref}"${sa}>${f}<v>${numberText(cached)}</v></c>`
      : `<c r="${ref}"${sa} t="e">${f}<v>#NUM!</v></c>`;
  }
  // §18.18.11 ST_CellType "str": a formula's text result.
  return `<c r="${ref}"${sa} t="str">${f}<v>${escapeXmlText(cached)}</v></c>`;
}

/** A <t> element; xml:space="preserve" keeps leading and trailing spaces and line breaks. */
const textElement = (s: string) =>
  /^\s|\s$|\n/.test(s) ? `<t xml:space="preserve">${escapeXmlText(s)}</t>` : `<t>${escapeXmlText(s)}</t>`;

// ---------------------------------------------------------------------------------------------
// A user's worksheet, edited in place.

interface CfEntry {
  index: number;
  sqref: string;
  rules: { type: string; formula: string }[];
}

export interface OwnedHighlight {
  range: string;
  formula: string;
}

export class WorksheetPatch {
  private readonly root: SplitElement;
  private readonly writes = new Map<number, Map<number, { content: CellContent; numFmt?: string }>>();
  private readonly merges: CellRange[] = [];
  private readonly added: string[] = [];
  private changedCf = false;
  private readonly validations: DataValidationPlan[] = [];
  readonly isProtected: boolean;

  private constructor(root: SplitElement) {
    this.root = root;
    const protection = root.children.find((c) => c.name === 'sheetProtection');
    this.isProtected = !!protection && isTrue(parseAttributes(startTag(protection.xml)).sheet);
    const mergeCells = root.children.find((c) => c.name === 'mergeCells');
    for (const m of mergeCells?.xml.matchAll(/<mergeCell\b[^>]*>/g) ?? []) {
      const ref = parseAttributes(m[0]).ref;
      try {
        if (ref) this.merges.push(parseRange(ref));
      } catch {
        // A merge Excel could not have written: ignored, as ExcelJS does.
      }
    }
  }

  /** Null when the part is not a transitional worksheet with one sheetData (the caller falls back). */
  static parse(xml: string): WorksheetPatch | null {
    const root = splitRoot(xml, 'worksheet', ['sheetData']);
    if (!root || !root.head.includes(`"${MAIN_NS}"`)) return null;
    if (root.children.filter((c) => c.name === 'sheetData').length !== 1) return null;
    return new WorksheetPatch(root);
  }

  /** True for a cell covered by a merged range other than its top-left cell (write.ts: MERGE_TYPE). */
  isMergedCell(row: number, col: number): boolean {
    return this.merges.some((g) => row >= g.top && row <= g.bottom && col >= g.left && col <= g.right && (row !== g.top || col !== g.left));
  }

  writeCell(row: number, col: number, content: CellContent): boolean {
    let r = this.writes.get(row);
    if (!r) this.writes.set(row, (r = new Map()));
    r.set(col, { content });
    return content.kind === 'formula' && content.cached === undefined;
  }

  private cfEntries(): CfEntry[] {
    const out: CfEntry[] = [];
    this.root.children.forEach((c, index) => {
      if (c.name !== 'conditionalFormatting') return;
      const sqref = parseAttributes(startTag(c.xml)).sqref ?? '';
      const rules = [...c.xml.matchAll(/<cfRule\b[^>]*?(?:\/>|>([\s\S]*?)<\/cfRule>)/g)].map((m) => {
        const f = /<formula>([\s\S]*?)<\/formula>/.exec(m[1] ?? '');
        return { type: parseAttributes(m[0]).type ?? '', formula: f ? decodeXml(f[1]) : '' };
      });
      out.push({ index, sqref, rules });
    });
    return out;
  }

  /** write.ts removeOwnedHighlights: our earlier highlights (same range, same formulas) removed. */
  removeHighlights(owned: OwnedHighlight[]): number {
    if (owned.length === 0) return 0;
    const drop = new Set<number>();
    for (const e of this.cfEntries()) {
      const same = owned.some(
        (o) =>
          e.sqref === o.range &&
          e.rules.length > 0 &&
          e.rules.every(
            (r) => r.type === 'expression' && fromFileFormula(withoutEquals(r.formula)) === fromFileFormula(withoutEquals(o.formula)),
          ),
      );
      if (same) drop.add(e.index);
    }
    if (drop.size === 0) return 0;
    const kept = this.root.children.filter((_c, i) => !drop.has(i));
    this.root.children.length = 0;
    this.root.children.push(...kept);
    this.changedCf = true;
    return drop.size;
  }

  /** The priority after the highest of the sheet's rules, in 2006 and 2009 (x14) formats alike. */
  nextPriority(): number {
    let max = 0;
    for (const c of this.root.children) {
      if (c.name === 'sheetData') continue;
      for (const m of c.xml.matchAll(/<(?:\w+:)?cfRule\b[^>]*>/g)) {
        const p = Number(parseAttributes(m[0]).priority);
        if (Number.isFinite(p) && p > max) max = p;
      }
    }
    for (const x of this.added) {
      const p = Number(/priority="(\d+)"/.exec(x)?.[1]);
      if (p > max) max = p;
    }
    return max + 1;
  }

  addHighlight(cf: ConditionalFormatPlan, priority: number, styles: StylesPatch): void {
    const xml = highlightXml(cf, priority, styles.dxfFor(cf.style));
    this.added.push(xml);
    insertInOrder(this.root, { name: 'conditionalFormatting', xml }, WORKSHEET_ORDER);
    this.changedCf = true;
  }

  /** Score-entry validation on a range (core/score-entry.ts); returns the number of cells it covers. */
  addDataValidation(dv: DataValidationPlan): number {
    this.validations.push(dv);
    const g = parseRange(dv.range);
    return (g.bottom - g.top + 1) * (g.right - g.left + 1);
  }

  get changed(): boolean {
    return this.changedCf || this.writes.size > 0 || this.validations.length > 0;
  }

  /**
   * The part with the writes applied. Null when the sheet data has a shape this writer does not
   * edit (rows or cells without `r`, a shared or array formula's anchor overwritten).
   */
  toXml(styles: StylesPatch): string | null {
    return this.applyChanges(styles) ? joinRoot(this.root) : null;
  }

  /**
   * toXml's part as its pieces (declaration, each child, end), written without joining them: a
   * user's sheet given highlights is mostly its sheet data, megabytes that would be copied whole
   * twice (issue #17, peak memory).
   */
  toStreamed(styles: StylesPatch): StreamedXml | null {
    if (!this.applyChanges(styles)) return null;
    const root = this.root;
    return new StreamedXml(function* () {
      yield root.head;
      for (const c of root.children) yield c.xml;
      yield root.tail;
    });
  }

  private applyChanges(styles: StylesPatch): boolean {
    if (this.writes.size > 0) {
      const at = this.root.children.findIndex((c) => c.name === 'sheetData');
      const anchors: SharedAnchor[] = [];
      let data = patchSheetData(this.root.children[at].xml, this.writes, this.columnStyles(), styles, anchors);
      if (data !== null && anchors.length > 0) data = materializeShared(data, anchors);
      if (data === null) return false;
      this.root.children[at] = { name: 'sheetData', xml: data };
      this.growDimension();
    }
    if (this.validations.length > 0) this.writeValidations();
    return true;
  }

  /**
   * <dataValidations> (§18.3.1.33) with ours: a rule of the sheet keeps the cells ours do not
   * cover (a cell has one rule in Excel; ExcelJS, before, replaced it cell by cell), ours follow,
   * one element per distinct rule.
   */
  private writeValidations(): void {
    const ours = this.validations.map((dv) => parseRange(dv.range));
    const at = this.root.children.findIndex((c) => c.name === 'dataValidations');
    const head = at >= 0 ? startTag(this.root.children[at].xml).replace(/\/>$/, '>') : '<dataValidations>';
    const kept: string[] = [];
    for (const x of at >= 0 ? elementsOf(this.root.children[at].xml, 'dataValidation') : []) {
      const tag = startTag(x);
      let left: CellRange[];
      try {
        left = (parseAttributes(tag).sqref ?? '').split(/\s+/).filter(Boolean).map(parseRange);
      } catch {
        kept.push(x);
        continue;
      }
      for (const o of ours) left = left.flatMap((g) => subtractRange(g, o));
      if (left.length > 0) kept.push(setAttribute(tag, 'sqref', left.map(rangeText).join(' ')) + x.slice(tag.length));
    }
    const byRule = new Map<string, { rule: [string, string]; refs: string[] }>();
    for (const dv of this.validations) {
      const rule = dataValidationXml(dv);
      const key = rule.join('');
      const entry = byRule.get(key) ?? { rule, refs: [] };
      entry.refs.push(rangeText(parseRange(dv.range)));
      byRule.set(key, entry);
    }
    for (const { rule, refs } of byRule.values()) kept.push(`${rule[0]} sqref="${escapeXmlAttr(refs.join(' '))}"${rule[1]}`);
    const xml = `${setAttribute(head, 'count', String(kept.length))}${kept.join('')}</dataValidations>`;
    if (at >= 0) this.root.children[at] = { name: 'dataValidations', xml };
    else insertInOrder(this.root, { name: 'dataValidations', xml }, WORKSHEET_ORDER);
  }

  /** Styles of whole columns (§18.3.1.13 col@style): a new cell takes its column's format, as in Excel and ExcelJS. */
  private columnStyles(): (col: number) => number | undefined {
    const cols = this.root.children.find((c) => c.name === 'cols');
    const ranges: { min: number; max: number; style: number }[] = [];
    for (const m of cols?.xml.matchAll(/<col\b[^>]*>/g) ?? []) {
      const a = parseAttributes(m[0]);
      if (a.style !== undefined) ranges.push({ min: Number(a.min), max: Number(a.max), style: Number(a.style) });
    }
    return (col) => ranges.find((r) => col >= r.min && col <= r.max)?.style;
  }

  private growDimension(): void {
    const at = this.root.children.findIndex((c) => c.name === 'dimension');
    if (at < 0) return;
    const tag = this.root.children[at].xml;
    let g: CellRange;
    try {
      g = parseRange(parseAttributes(tag).ref ?? '');
    } catch {
      return;
    }
    for (const [row, cols] of this.writes) {
      for (const col of cols.keys()) {
        g = { top: Math.min(g.top, row), bottom: Math.max(g.bottom, row), left: Math.min(g.left, col), right: Math.max(g.right, col) };
      }
    }
    const ref = g.top === g.bottom && g.left === g.right ? a1(g.top, g.left) : `${a1(g.top, g.left)}:${a1(g.bottom, g.right)}`;
    this.root.children[at] = { name: 'dimension', xml: setAttribute(tag, 'ref', ref) };
  }
}

const ROW = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;
const CELL = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;

/** Column number of a cell reference's letters ("AB12" → 28), 0 when it is not one. */
function refColumn(ref: string): number {
  return columnNumber(/^[A-Za-z]*/.exec(ref)![0]);
}

/** The anchor of a shared formula (§18.3.1.40) that a write overwrites: its cells get the formula each. */
interface SharedAnchor {
  si: string;
  ref: string;
  /** The anchor's formula as written in the file. */
  formula: string;
}

function patchSheetData(
  xml: string,
  writes: Map<number, Map<number, { content: CellContent }>>,
  columnStyle: (col: number) => number | undefined,
  styles: StylesPatch,
  anchors: SharedAnchor[],
): string | null {
  const open = startTag(xml);
  const selfClosing = open.endsWith('/>');
  const body = selfClosing ? '' : xml.slice(open.length, xml.length - '</sheetData>'.length);
  const pending = [...writes.keys()].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  let p = 0;
  ROW.lastIndex = 0;
  let prevRow = 0;
  for (let m = ROW.exec(body); m; m = ROW.exec(body)) {
    // Only the row number of each row is needed (every row of the sheet passes here). Without `r`
    // (optional, §18.3.1.73) a row is the one after the previous row: it is given its number, so
    // that a row written before it cannot move it.
    const explicit = /^<row\b[^>]*?\sr="(\d+)"/.exec(m[0])?.[1];
    const r = explicit !== undefined ? Number(explicit) : prevRow + 1;
    if (!Number.isInteger(r) || r < 1) return null;
    prevRow = r;
    const rowXml = explicit !== undefined ? m[0] : `<row r="${r}"${m[0].slice('<row'.length)}`;
    // New rows that come before this one.
    while (p < pending.length && pending[p] < r) {
      out.push(body.slice(last, m.index));
      last = m.index;
      const row = newRow(pending[p], writes.get(pending[p])!, columnStyle, styles);
      out.push(row);
      p++;
    }
    if (p < pending.length && pending[p] === r) {
      const patched = patchRow(rowXml, r, writes.get(r)!, columnStyle, styles, anchors);
      if (patched === null) return null;
      out.push(body.slice(last, m.index), patched);
      last = m.index + m[0].length;
      p++;
    } else if (explicit === undefined) {
      out.push(body.slice(last, m.index), rowXml);
      last = m.index + m[0].length;
    }
  }
  out.push(body.slice(last));
  for (; p < pending.length; p++) out.push(newRow(pending[p], writes.get(pending[p])!, columnStyle, styles));
  return `${selfClosing ? open.slice(0, -2) + '>' : open}${out.join('')}</sheetData>`;
}

function newRow(
  r: number,
  cells: Map<number, { content: CellContent }>,
  columnStyle: (col: number) => number | undefined,
  styles: StylesPatch,
): string {
  const cols = [...cells.keys()].sort((a, b) => a - b);
  return `<row r="${r}">${cols.map((c) => writtenCell(r, c, cells.get(c)!.content, columnStyle(c), styles)).join('')}</row>`;
}

function writtenCell(row: number, col: number, content: CellContent, s: number | undefined, styles: StylesPatch): string {
  const fmt = content.kind === 'number' || content.kind === 'formula' ? content.numberFormat : undefined;
  const style = fmt ? styles.xfWithNumFmt(s ?? 0, fmt) : s;
  return cellXml(a1(row, col), style, content).xml;
}

function patchRow(
  xml: string,
  rowNumber: number,
  writes: Map<number, { content: CellContent }>,
  columnStyle: (col: number) => number | undefined,
  styles: StylesPatch,
  anchors: SharedAnchor[],
): string | null {
  const open = startTag(xml);
  const a = parseAttributes(open);
  // A row format (§18.3.1.73 customFormat/s) is what a new cell of the row takes.
  const rowStyle = isTrue(a.customFormat) && a.s !== undefined ? Number(a.s) : undefined;
  // The spans hint (§18.3.1.73) may no longer cover the row's cells: dropped.
  let tag = setAttribute(open, 'spans', undefined);
  const selfClosing = tag.endsWith('/>');
  if (selfClosing) tag = tag.slice(0, -2) + '>';
  const body = open.endsWith('/>') ? '' : xml.slice(open.length, xml.length - '</row>'.length);
  const pending = [...writes.keys()].sort((x, y) => x - y);
  const out: string[] = [];
  let last = 0;
  let p = 0;
  CELL.lastIndex = 0;
  let prevCol = 0;
  for (let m = CELL.exec(body); m; m = CELL.exec(body)) {
    const ca = parseAttributes(startTag(m[0]));
    // Without `r` (optional, §18.3.1.4) a cell is the one after the previous cell: numbered here,
    // as a cell written before it would move it.
    const col = ca.r ? refColumn(ca.r) : prevCol + 1;
    if (col < 1) return null;
    prevCol = col;
    while (p < pending.length && pending[p] < col) {
      out.push(body.slice(last, m.index));
      last = m.index;
      out.push(writtenCell(rowNumber, pending[p], writes.get(pending[p])!.content, rowStyle ?? columnStyle(pending[p]), styles));
      p++;
    }
    if (p < pending.length && pending[p] === col) {
      // Overwriting the anchor of a shared formula (§18.3.1.40, its `ref`) would leave the cells
      // that share it without a formula: they are given theirs (materializeShared). An array
      // formula or a data table is one block Excel edits as a whole: not overwritten.
      const f = /<f\b[^>]*>(?:([\s\S]*?)<\/f>)?/.exec(m[0]);
      const fa = f ? parseAttributes(startTag(f[0])) : {};
      if (fa.ref !== undefined) {
        if (fa.t !== 'shared' || fa.si === undefined || !ca.r) return null;
        anchors.push({ si: fa.si, ref: ca.r, formula: decodeXml(f![1] ?? '') });
      }
      const s = ca.s !== undefined ? Number(ca.s) : undefined;
      out.push(body.slice(last, m.index), writtenCell(rowNumber, col, writes.get(col)!.content, s, styles));
      last = m.index + m[0].length;
      p++;
    } else if (!ca.r) {
      out.push(body.slice(last, m.index), `<c r="${a1(rowNumber, col)}"${m[0].slice('<c'.length)}`);
      last = m.index + m[0].length;
    }
  }
  // Anything after the last cell (a row's extLst) stays after the cells.
  const rest = body.slice(last);
  const extAt = rest.search(/<extLst\b/);
  const before = extAt < 0 ? rest : rest.slice(0, extAt);
  const after = extAt < 0 ? '' : rest.slice(extAt);
  out.push(before);
  for (; p < pending.length; p++)
    out.push(writtenCell(rowNumber, pending[p], writes.get(pending[p])!.content, rowStyle ?? columnStyle(pending[p]), styles));
  out.push(after);
  return `${tag}${out.join('')}</row>`;
}

/**
 * Every cell sharing an overwritten anchor's formula given that formula moved to it (as the reader
 * reads it: translateSharedFormula), so that no cell loses its formula. Null when a sharing cell
 * has no reference to move it to.
 */
function materializeShared(sheetData: string, anchors: SharedAnchor[]): string | null {
  const bySi = new Map(anchors.map((a) => [a.si, a]));
  let ok = true;
  const out = sheetData.replace(
    /<c\b([^>]*)>(\s*)<f\b([^>]*?)(?:\/>|>\s*<\/f>)/g,
    (m, cellAttrs: string, space: string, fAttrs: string) => {
      const fa = parseAttributes(`<f ${fAttrs}>`);
      const anchor = fa.t === 'shared' && fa.si !== undefined ? bySi.get(fa.si) : undefined;
      if (!anchor) return m;
      const r = parseAttributes(`<c ${cellAttrs}>`).r;
      if (!r) {
        ok = false;
        return m;
      }
      return `<c${cellAttrs}>${space}<f>${escapeXmlText(translateSharedFormula(anchor.formula, anchor.ref, r))}</f>`;
    },
  );
  return ok ? out : null;
}

const rangeText = (g: CellRange) =>
  g.top === g.bottom && g.left === g.right ? a1(g.top, g.left) : `${a1(g.top, g.left)}:${a1(g.bottom, g.right)}`;

/** The cells of `g` outside `o`, as up to four rectangles (above, below, left, right of `o`). */
export function subtractRange(g: CellRange, o: CellRange): CellRange[] {
  if (o.bottom < g.top || o.top > g.bottom || o.right < g.left || o.left > g.right) return [g];
  const out: CellRange[] = [];
  if (g.top < o.top) out.push({ ...g, bottom: o.top - 1 });
  if (g.bottom > o.bottom) out.push({ ...g, top: o.bottom + 1 });
  const top = Math.max(g.top, o.top);
  const bottom = Math.min(g.bottom, o.bottom);
  if (g.left < o.left) out.push({ top, bottom, left: g.left, right: o.left - 1 });
  if (g.right > o.right) out.push({ top, bottom, left: o.right + 1, right: g.right });
  return out;
}

/** Excel's limits on a validation's texts (the Data Validation dialog): titles 32, input message 255, error message 225 characters. */
const DV_TITLE_MAX = 32;
const DV_PROMPT_MAX = 255;
const DV_ERROR_MAX = 225;

/** At most `max` UTF-16 units (what Excel counts), never between the two halves of a pair. */
function clipText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

/**
 * One <dataValidation> (§18.3.1.32) as write.ts asked ExcelJS for it: a decimal between min and
 * max, blanks allowed, the input message shown, wrong entries stopped with a bilingual message.
 * Its XML before and after the sqref attribute (the cells, added by the caller).
 */
function dataValidationXml(dv: DataValidationPlan): [string, string] {
  const error = `Nhập số từ ${formatNumber(dv.min)} đến ${formatNumber(dv.max)}. / Enter a number from ${formatNumber(dv.min, 'en')} to ${formatNumber(dv.max, 'en')}.`;
  const attr = (name: string, value: string, max: number) => ` ${name}="${escapeXmlAttr(clipText(value, max))}"`;
  return [
    `<dataValidation type="decimal" allowBlank="1" showInputMessage="1" showErrorMessage="1"` +
      attr('errorTitle', 'Điểm không hợp lệ', DV_TITLE_MAX) +
      attr('error', error, DV_ERROR_MAX) +
      attr('promptTitle', dv.inputTitle, DV_TITLE_MAX) +
      attr('prompt', dv.inputMessage, DV_PROMPT_MAX),
    `><formula1>${numberText(dv.min)}</formula1><formula2>${numberText(dv.max)}</formula2></dataValidation>`,
  ];
}

function highlightXml(cf: ConditionalFormatPlan, priority: number, dxfId: number): string {
  return (
    `<conditionalFormatting sqref="${escapeXmlAttr(cf.range)}"><cfRule type="expression" dxfId="${dxfId}" priority="${priority}">` +
    `<formula>${escapeXmlText(toFileFormula(withoutEquals(cf.formula)))}</formula></cfRule></conditionalFormatting>`
  );
}

// ---------------------------------------------------------------------------------------------
// New worksheets.

export interface NewSheetXml {
  /** The part's XML, made in pieces when the package is written. */
  xml: StreamedXml;
  formulaWithoutValue: boolean;
}

/**
 * One object per distinct cell format of a generated sheet, so that the xf of a format is found by
 * identity (performance, bench/: a comparison sheet has hundreds of thousands of cells and a
 * handful of formats; building and serialising a format per cell was most of its patch).
 */
class FormatInterner {
  readonly none: CellFormat = {};
  private readonly derived = new Map<CellFormat, Map<string, CellFormat>>();

  /** `make(base)`, the same object for the same base and key. */
  derive(base: CellFormat, key: string, make: (base: CellFormat) => CellFormat): CellFormat {
    let byKey = this.derived.get(base);
    if (!byKey) this.derived.set(base, (byKey = new Map()));
    let f = byKey.get(key);
    if (!f) byKey.set(key, (f = make(base)));
    return f;
  }
}

/** A generated sheet's cells with everything its XML needs from the styles part, resolved. */
interface ResolvedSheet {
  sheet: GeneratedSheet;
  /** Formats by row and column (1-based), only where a number format, a style range or a link gives one. */
  formatRows: (CellFormat | undefined)[][];
  /** Link cells by reference: the formula as the file stores it, and its cached label. */
  links: Map<string, { fileFormula: string; cached: string | number }>;
  /** Each format's cell format index (xf), taken from the styles part in cell order. */
  xfs: Map<CellFormat, number>;
  lastRow: number;
  dimension: string;
  formulaWithoutValue: boolean;
}

/**
 * A worksheet part holding a generated sheet, as write.ts fillGeneratedSheet builds it. Every
 * format, link and highlight is resolved now (the styles part is complete when the plan is
 * applied); the cells' XML is made row by row as the package is written (issue #17: the sheet was
 * most of `compare`'s peak memory as one string), from the plan's rows, which must not change
 * until then.
 */
export function generatedSheetXml(sheet: GeneratedSheet, styles: StylesPatch): NewSheetXml {
  const formats = new FormatInterner();
  const formatRows = cellFormats(sheet, formats);
  const links = linkCells(sheet, formats, formatRows);
  const resolved = resolveCells(sheet, formatRows, links, styles);
  let priority = 1;
  const conditionalFormats = sheet.conditionalFormats.map((cf) => highlightXml(cf, priority++, styles.dxfFor(cf.style))).join('');
  const frame: SheetFrame = {
    dimension: resolved.dimension,
    freezeRows: sheet.freezeRows,
    columnWidths: sheet.columnWidths,
    conditionalFormats,
    // patch-chart.ts relates the sheet's drawing as rId1 (§18.3.1.36: after pageMargins).
    drawing: !!sheet.charts?.length,
  };
  const xml = new StreamedXml(() => worksheetPieces(frame, rowPieces(resolved)));
  return { xml, formulaWithoutValue: resolved.formulaWithoutValue };
}

/** Formats from the contents' number formats, then the sheet's style ranges over them. */
function cellFormats(sheet: GeneratedSheet, formats: FormatInterner): (CellFormat | undefined)[][] {
  const formatRows: (CellFormat | undefined)[][] = [];
  const formatRow = (row: number) => (formatRows[row] ??= []);
  sheet.rows.forEach((row, r) =>
    row.forEach((content, c) => {
      if ((content.kind === 'number' || content.kind === 'formula') && content.numberFormat) {
        const numFmt = content.numberFormat;
        formatRow(r + 1)[c + 1] = formats.derive(formats.none, `n:${numFmt}`, (f) => ({ ...f, numFmt }));
      }
    }),
  );
  for (const { range, style } of sheet.styles) {
    const g = parseRange(range);
    for (let r = g.top; r <= g.bottom; r++) {
      const fr = formatRow(r);
      for (let c = g.left; c <= g.right; c++) fr[c] = formats.derive(fr[c] ?? formats.none, `s:${style}`, (f) => withCellStyle(f, style));
    }
  }
  return formatRows;
}

/** The sheet's internal links as HYPERLINK formulas, their cells given the link format. */
function linkCells(sheet: GeneratedSheet, formats: FormatInterner, formatRows: (CellFormat | undefined)[][]): ResolvedSheet['links'] {
  const links: ResolvedSheet['links'] = new Map();
  for (const h of sheet.hyperlinks) {
    const { row, col } = parseA1(h.address);
    const display = sheet.rows[row - 1]?.[col - 1];
    // write.ts: a label that looks like a formula (a unit named "=1+1") stays plain text.
    if (display?.kind === 'text' && /^[=+\-@]/.test(display.value)) continue;
    const link = internalLinkFormula(h, display);
    links.set(a1(row, col), { fileFormula: toFileFormula(link.formula), cached: link.cached });
    const fr = (formatRows[row] ??= []);
    fr[col] = formats.derive(fr[col] ?? formats.none, 'link', withLink);
  }
  return links;
}

/**
 * The cells written, in order: each format's xf from the styles part (in the order the cells
 * come, so the styles part is as it was when the XML was made in one go), the sheet's extent, and
 * whether a formula is written without its value.
 */
function resolveCells(
  sheet: GeneratedSheet,
  formatRows: (CellFormat | undefined)[][],
  links: ResolvedSheet['links'],
  styles: StylesPatch,
): ResolvedSheet {
  const xfs = new Map<CellFormat, number>();
  let formulaWithoutValue = false;
  let maxRow = 1;
  let maxCol = 1;
  const lastRow = Math.max(sheet.rows.length, formatRows.length - 1);
  for (let r = 1; r <= lastRow; r++) {
    const contents = sheet.rows[r - 1] ?? [];
    const fr = formatRows[r] ?? [];
    const lastCol = Math.max(contents.length, fr.length - 1);
    for (let c = 1; c <= lastCol; c++) {
      const content = contents[c - 1];
      const format = fr[c];
      const filled = content !== undefined && content.kind !== 'empty';
      if (!filled && !format) continue;
      if (format && !xfs.has(format)) xfs.set(format, styles.xfFor(format));
      if (filled && content.kind === 'formula' && content.cached === undefined && !(format && links.has(a1(r, c))))
        formulaWithoutValue = true;
      if (c > maxCol) maxCol = c;
      maxRow = r;
    }
  }
  const dimension = maxRow === 1 && maxCol === 1 ? 'A1' : `A1:${a1(maxRow, maxCol)}`;
  return { sheet, formatRows, links, xfs, lastRow, dimension, formulaWithoutValue };
}

/** The sheet's <row> elements, one at a time. */
function* rowPieces(resolved: ResolvedSheet): Generator<string> {
  const { sheet, formatRows, links, xfs } = resolved;
  // A cell's XML after its reference, by content and style: generated sheets share one content
  // object per distinct text or number (core/plan.ts SharedContents), so most cells are looked up.
  const tails = new Map<CellContent, Map<number, string>>();
  const tailOf = (content: CellContent, s: number) => {
    let byStyle = tails.get(content);
    if (!byStyle) tails.set(content, (byStyle = new Map()));
    let tail = byStyle.get(s);
    if (tail === undefined) byStyle.set(s, (tail = cellXml('', s, content).xml.slice('<c r=""'.length)));
    return tail;
  };
  for (let r = 1; r <= resolved.lastRow; r++) {
    const contents = sheet.rows[r - 1] ?? [];
    const fr = formatRows[r] ?? [];
    const lastCol = Math.max(contents.length, fr.length - 1);
    let row = '';
    for (let c = 1; c <= lastCol; c++) {
      const content = contents[c - 1];
      const format = fr[c];
      const filled = content !== undefined && content.kind !== 'empty';
      if (!filled && !format) continue;
      const ref = a1(r, c);
      const s = format ? xfs.get(format)! : 0;
      const link = format ? links.get(ref) : undefined;
      if (link) row += formulaCell(ref, s ? ` s="${s}"` : '', link.fileFormula, link.cached);
      else if (!filled) row += `<c r="${ref}"${s ? ` s="${s}"` : ''}/>`;
      else row += `<c r="${ref}"${tailOf(content, s)}`;
    }
    if (row) yield `<row r="${r}">${row}</row>`;
  }
}

/** The state sheet's part, as write.ts writeWorkbookState writes it (keys in A, values in B). */
export function stateSheetXml(rows: [string, string][]): string {
  const data = rows.map(
    ([k, v], i) =>
      `<row r="${i + 1}">${cellXml(`A${i + 1}`, undefined, { kind: 'text', value: k }).xml}${cellXml(`B${i + 1}`, undefined, { kind: 'text', value: v }).xml}</row>`,
  );
  const frame = { dimension: rows.length ? `A1:B${rows.length}` : 'A1', freezeRows: 0, columnWidths: [18, 80], conditionalFormats: '' };
  return [...worksheetPieces(frame, data)].join('');
}

/** What a new worksheet holds around its rows. */
interface SheetFrame {
  dimension: string;
  freezeRows: number;
  columnWidths: number[];
  conditionalFormats: string;
  drawing?: boolean;
}

/** A new worksheet part: its start, the rows as they come, its end. */
function* worksheetPieces(o: SheetFrame, rows: Iterable<string>): Generator<string> {
  yield worksheetHead(o);
  let any = false;
  for (const row of rows) {
    if (!any) yield '<sheetData>';
    any = true;
    yield row;
  }
  yield any ? '</sheetData>' : '<sheetData/>';
  yield o.conditionalFormats;
  yield '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  yield o.drawing ? '<drawing r:id="rId1"/></worksheet>' : '</worksheet>';
}

function worksheetHead(o: SheetFrame): string {
  // §18.3.1.66 pane: a frozen top band, the cell under it first (as ExcelJS and Excel write it).
  const view =
    o.freezeRows > 0
      ? `<sheetView workbookViewId="0"><pane ySplit="${o.freezeRows}" topLeftCell="${a1(o.freezeRows + 1, 1)}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${a1(o.freezeRows + 1, 1)}" sqref="${a1(o.freezeRows + 1, 1)}"/></sheetView>`
      : '<sheetView workbookViewId="0"/>';
  const cols: string[] = [];
  const w = o.columnWidths;
  for (let i = 0; i < w.length;) {
    let j = i;
    while (j + 1 < w.length && w[j + 1] === w[i]) j++;
    if (w[i] > 0) cols.push(`<col min="${i + 1}" max="${j + 1}" width="${w[i]}" customWidth="1"/>`);
    i = j + 1;
  }
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="${o.dimension}"/><sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    (cols.length ? `<cols>${cols.join('')}</cols>` : '')
  );
}
