/**
 * Detection of scoring tables in any sheet, with no configuration, in three layouts:
 * - scorecard: criteria as rows, one unit, self-assessed / appraised score columns;
 * - consolidated: criteria as rows, one column per unit (usually under a merged group header);
 * - summary: units as rows, one column per area, Tổng điểm, Xếp hạng.
 * A sheet with no scoring table is reported, never guessed at.
 */
import Decimal from 'decimal.js';
import { a1, rangeA1 } from '../a1';
import { parentKey, parseCode } from '../codes';
import { makeFinding, type Finding } from '../finding';
import type { Adjustment, Criterion, ScoreSeries, ScoringTable } from '../model';
import { readScore, parseNumericText } from '../scores';
import { cellAt, cellText, columnCount, rowCount, type Cell, type SheetSnapshot, type WorkbookSnapshot } from '../snapshot';
import { isStateSheet } from '../state';
import { cleanText, foldText, lowerVi } from '../text';
import { headerRole, isSurveyTitle, rowRole, type ColumnRole } from './headers';
import { deriveUncalculated } from './uncalculated';
import { parseRange } from '../a1';

export interface DetectOptions {
  /** Sheets to leave out (e.g. sheets this tool generated). */
  skipSheets?: readonly string[];
}

export interface DetectionResult {
  tables: ScoringTable[];
  findings: Finding[];
}

/** Rows of empty code and title after which a table is considered finished. */
const EMPTY_ROWS_END_TABLE = 3;

export function detectWorkbook(workbook: WorkbookSnapshot, options: DetectOptions = {}): DetectionResult {
  const skip = new Set((options.skipSheets ?? []).map((s) => s.toLowerCase()));
  const tables: ScoringTable[] = [];
  const findings: Finding[] = [];
  for (const sheet of workbook.sheets) {
    if (isStateSheet(sheet) || skip.has(sheet.name.toLowerCase())) continue;
    if (sheet.mergesUnread) {
      findings.push(makeFinding('detect/merges-unread', 'warning', { sheet: sheet.name, cell: 'A1' }, { sheet: sheet.name }));
    }
    const found = detectSheet(sheet, workbook.fileName);
    if (found.length === 0) {
      findings.push(makeFinding('detect/no-table', 'info', { sheet: sheet.name, cell: 'A1' }, { sheet: sheet.name }));
    }
    for (const table of found) {
      const uncalculated = deriveUncalculated(table, sheet);
      tables.push(table);
      if (uncalculated) findings.push(uncalculated);
      findings.push(...tableFindings(table, sheet));
    }
  }
  if (tables.length === 0) {
    const first = workbook.sheets.find((s) => !isStateSheet(s));
    findings.push(makeFinding('detect/no-table-in-workbook', 'error', { sheet: first?.name ?? '', cell: first ? 'A1' : '' }));
  }
  return { tables, findings };
}

function tableFindings(table: ScoringTable, sheet: SheetSnapshot): Finding[] {
  const out: Finding[] = [];
  const headerCell = a1(table.headerRows[0], table.layout === 'summary' ? table.unitNameCol : table.codeCol);
  if (table.year === null) out.push(makeFinding('detect/year-missing', 'warning', { sheet: table.sheet, cell: headerCell }));
  const r = parseRange(table.range);
  const hiddenRows = sheet.hiddenRows.filter((row) => row >= r.top && row <= r.bottom).sort((x, y) => x - y);
  if (hiddenRows.length > 0) {
    out.push(
      makeFinding(
        'detect/hidden-rows',
        'warning',
        { sheet: table.sheet, cell: a1(hiddenRows[0], table.layout === 'summary' ? table.unitNameCol : table.codeCol) },
        { count: hiddenRows.length, rows: hiddenRows.join(', ') },
      ),
    );
  }
  const hiddenCols = sheet.hiddenColumns.filter((c) => c >= r.left && c <= r.right).sort((x, y) => x - y);
  if (hiddenCols.length > 0) {
    out.push(
      makeFinding(
        'detect/hidden-columns',
        'warning',
        { sheet: table.sheet, cell: a1(table.headerRows[0], hiddenCols[0]) },
        { columns: hiddenCols.map((c) => a1(1, c).replace(/\d+$/, '')).join(', ') },
      ),
    );
  }
  return out;
}

/** A view of a sheet that resolves merged cells to their top-left value, for header reading. */
class SheetReader {
  // Keyed by row × 2^15 + column (performance: no string per lookup).
  private readonly masters = new Map<number, { row: number; col: number }>();
  private readonly foldCache = new Map<string, string>();
  readonly rows: number;
  readonly cols: number;
  /**
   * Bad-input corpus fix: per row, the last column that can hold text (its own cells, or a merge
   * reaching into it). Header scans stop there, so a stray cell at XFD10 or at row 200000 costs
   * one long row, not rows × 16384 columns (which froze detection for minutes).
   */
  private readonly ends: number[];

  constructor(readonly sheet: SheetSnapshot) {
    this.rows = rowCount(sheet);
    this.cols = columnCount(sheet);
    this.ends = sheet.cells.map((r) => (r ? r.length : 0));
    for (const m of sheet.merges) {
      const r = parseRange(m);
      // Only small merges matter for headers; a merge covering a huge area is recorded by corners.
      if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > 5000) continue;
      for (let row = r.top; row <= r.bottom; row++) {
        if (row <= this.rows) this.ends[row - 1] = Math.max(this.ends[row - 1] ?? 0, r.right);
        for (let col = r.left; col <= r.right; col++)
          if (row !== r.top || col !== r.left) this.masters.set(row * 32768 + col, { row: r.top, col: r.left });
      }
    }
  }

  /** The last column of a row that can hold text (0 for a blank row). */
  end(row: number): number {
    return Math.min(this.cols, this.ends[row - 1] ?? 0);
  }

  cell(row: number, col: number): Cell | null {
    return cellAt(this.sheet, row, col);
  }

  /** Text of a cell, or of the merge it belongs to. */
  text(row: number, col: number): string {
    const own = cellText(this.cell(row, col));
    if (own !== '') return own;
    if (this.masters.size === 0) return '';
    const m = this.masters.get(row * 32768 + col);
    return m ? cellText(this.cell(m.row, m.col)) : '';
  }

  /**
   * Performance: true when the cell cannot be a header label — it holds a number, date or boolean
   * of its own (headerRole gives no role to those), so its text need not be folded.
   */
  notLabel(row: number, col: number): boolean {
    const c = this.cell(row, col);
    return !!c && c.t !== 's' && (typeof c.v === 'number' || typeof c.v === 'boolean');
  }

  /** True when the cell's text comes from a merge that starts in an earlier row. */
  mergedFromAbove(row: number, col: number): boolean {
    if (this.masters.size === 0) return false;
    const m = this.masters.get(row * 32768 + col);
    return !!m && m.row < row;
  }

  folded(row: number, col: number): string {
    const key = `${row},${col}`;
    let f = this.foldCache.get(key);
    if (f === undefined) {
      f = foldText(this.text(row, col));
      this.foldCache.set(key, f);
    }
    return f;
  }
}

export function detectSheet(sheet: SheetSnapshot, fileName?: string): ScoringTable[] {
  const reader = new SheetReader(sheet);
  const tables: ScoringTable[] = [];
  let row = 1;
  let titleFrom = 1;
  while (row <= reader.rows) {
    if (reader.end(row) === 0) {
      row++; // a blank row starts no table
      continue;
    }
    const table = tryCriteriaTable(reader, row, titleFrom, fileName) ?? trySummaryTable(reader, row, titleFrom, fileName);
    if (table) {
      tables.push(table);
      const end = parseRange(table.range).bottom;
      row = end + 1;
      titleFrom = row;
    } else {
      row++;
    }
  }
  return tables;
}

interface HeaderColumns {
  roles: Map<number, ColumnRole>;
  /** Text of the last header row per column (unit names in a consolidation). */
  lastText: Map<number, string>;
}

function rowHasText(reader: SheetReader, row: number): boolean {
  for (let c = 1; c <= reader.end(row); c++) if (cellText(reader.cell(row, c)) !== '') return true;
  return false;
}

function readHeaderColumns(reader: SheetReader, headerRows: number[]): HeaderColumns {
  const roles = new Map<number, ColumnRole>();
  const lastText = new Map<number, string>();
  const last = headerRows[headerRows.length - 1];
  const end = Math.max(...headerRows.map((r) => reader.end(r)));
  for (let c = 1; c <= end; c++) {
    // The most specific header is the lowest one ("Điểm tự đánh giá" under a group "Điểm").
    let role: ColumnRole | null = null;
    for (let i = headerRows.length - 1; i >= 0 && role === null; i--) role = headerRole(reader.text(headerRows[i], c));
    if (role === null && headerRows.length > 1) role = headerRole(headerRows.map((r) => reader.text(r, c)).join(' '));
    if (role) roles.set(c, role);
    const t = cleanText(reader.text(last, c));
    if (t) lastText.set(c, t);
  }
  return { roles, lastText };
}

function firstCol(roles: Map<number, ColumnRole>, role: ColumnRole): number {
  for (const [c, r] of roles) if (r === role) return c;
  return 0;
}

/** A header row of a criteria-as-rows table has a code column and a maximum column. */
function isCriteriaHeaderRow(reader: SheetReader, row: number): boolean {
  let code = false;
  let max = false;
  for (let c = 1; c <= reader.end(row) && !(code && max); c++) {
    if (reader.notLabel(row, c) || reader.mergedFromAbove(row, c)) continue;
    const role = headerRole(reader.text(row, c));
    if (role === 'code') code = true;
    else if (role === 'max') max = true;
  }
  return code && max;
}

/** The numbering row some forms put under the header: (1) (2) (3) or 1 2 3 4 across columns. */
function isNumberingRow(reader: SheetReader, row: number, from: number): boolean {
  let expected = 1;
  let seen = 0;
  for (let c = from; c <= reader.end(row); c++) {
    const t = cellText(reader.cell(row, c)).replace(/[()]/g, '');
    if (t === '') continue;
    if (t !== String(expected)) return false;
    expected++;
    seen++;
  }
  return seen >= 3;
}

function tryCriteriaTable(reader: SheetReader, headerRow: number, titleFrom: number, fileName?: string): ScoringTable | null {
  if (!isCriteriaHeaderRow(reader, headerRow)) return null;
  const codeCol = firstCol(readHeaderColumns(reader, [headerRow]).roles, 'code');
  const headerRows = criteriaHeaderRows(reader, headerRow, codeCol);
  const { roles, lastText } = readHeaderColumns(reader, headerRows);
  const maxCol = firstCol(roles, 'max');
  if (!codeCol || !maxCol) return null;
  const titleCol = firstCol(roles, 'title') || codeCol + 1;
  const evidenceCol = firstCol(roles, 'evidence');
  const noteCol = firstCol(roles, 'note');
  let dataStart = headerRows[headerRows.length - 1] + 1;
  if (dataStart <= reader.rows && isNumberingRow(reader, dataStart, codeCol)) dataStart++;
  const lastHeader = headerRows[headerRows.length - 1];
  const reserved = new Set([codeCol, titleCol, maxCol, evidenceCol, noteCol].filter((c) => c > 0));
  const { series, layout } = scoreSeriesOf(reader, {
    roles,
    lastText,
    reserved,
    headerRow,
    lastHeader,
    maxCol,
    headerRows: headerRows.length,
  });
  const rows = criteriaRowsOf(reader, { dataStart, lastHeader, codeCol, titleCol, maxCol, noteCol });
  if (rows.criteria.length < 2) return null;
  linkChildren(rows.criteria);
  const titleText = titleLines(reader, titleFrom, headerRow);
  const year = findYear(titleText, reader.sheet.name, fileName);
  const right = Math.max(maxCol, titleCol, codeCol, evidenceCol, noteCol, ...series.map((x) => x.index));
  const left = Math.min(codeCol, titleCol, maxCol);
  const range = rangeA1({ top: headerRow, left, bottom: rows.lastRow, right });
  return {
    id: `${reader.sheet.name}!${range}`,
    sheet: reader.sheet.name,
    layout,
    range,
    headerRows,
    firstDataRow: dataStart,
    lastDataRow: rows.lastRow,
    title: titleText,
    year: year.year,
    yearSource: year.source,
    groupNoun: groupNounOf(titleText),
    unitName: unitNameOf(titleText),
    codeCol,
    titleCol,
    maxCol,
    maxRow: 0,
    evidenceCol,
    noteCol,
    criteria: rows.criteria,
    adjustments: rows.adjustments,
    series,
    totalIndex: rows.totalIndex,
    rankIndex: rows.rankIndex,
    unitNameCol: 0,
  };
}

/**
 * The header row, and a second one below it when its code cell is not a code and it carries text
 * of its own (unit names, sub-headers), or the code header is merged down into it.
 */
function criteriaHeaderRows(reader: SheetReader, headerRow: number, codeCol: number): number[] {
  const headerRows = [headerRow];
  const next = headerRow + 1;
  if (next <= reader.rows && parseCode(cellText(reader.cell(next, codeCol))) === null) {
    const mergedDown = reader.mergedFromAbove(next, codeCol);
    if (
      mergedDown ||
      (rowHasText(reader, next) && !isNumberingRow(reader, next, codeCol) && rowRole(reader.text(next, codeCol + 1)) === null)
    )
      headerRows.push(next);
  }
  return headerRows;
}

interface SeriesHeaders {
  roles: Map<number, ColumnRole | 'group' | 'unit'>;
  lastText: Map<number, string>;
  reserved: Set<number>;
  headerRow: number;
  lastHeader: number;
  maxCol: number;
  /** How many header rows. */
  headerRows: number;
}

/** The score columns: self-assessed and appraised (a scorecard), else the units' columns (a consolidation). */
function scoreSeriesOf(reader: SheetReader, h: SeriesHeaders): { series: ScoreSeries[]; layout: ScoringTable['layout'] } {
  const series: ScoreSeries[] = [];
  for (let c = 1; c <= reader.cols; c++) {
    if (h.reserved.has(c)) continue;
    const role = h.roles.get(c);
    if (role === 'self' || role === 'appraised')
      series.push({ name: cleanText(h.lastText.get(c) ?? reader.text(h.headerRow, c)), role, index: c, headerCell: a1(h.lastHeader, c) });
  }
  if (series.length > 0) return { series, layout: 'scorecard' };
  // Consolidation: unit columns, named by the last header row, usually under a group header.
  for (let c = 1; c <= reader.cols; c++) {
    if (h.reserved.has(c)) continue;
    const role = h.roles.get(c);
    const name = h.lastText.get(c);
    if (!name) continue;
    const nameRole = headerRole(name);
    if (nameRole === 'rank' || nameRole === 'total' || nameRole === 'evidence' || nameRole === 'note') continue;
    if (role === 'group' || (c > h.maxCol && (role === undefined || role === 'unit' || h.headerRows > 1)))
      series.push({ name, role: 'unit', index: c, headerCell: a1(h.lastHeader, c) });
  }
  // A single generic score column ("Điểm đạt được") is one unit's scorecard.
  if (series.length === 1 && headerRole(series[0].name) === 'score') {
    series[0].role = 'self';
    return { series, layout: 'scorecard' };
  }
  return { series, layout: series.length > 0 ? 'consolidated' : 'scorecard' };
}

interface CriteriaColumns {
  dataStart: number;
  lastHeader: number;
  codeCol: number;
  titleCol: number;
  maxCol: number;
  noteCol: number;
}

interface CriteriaRows {
  criteria: Criterion[];
  adjustments: Adjustment[];
  totalIndex: number;
  rankIndex: number;
  lastRow: number;
}

/** The data rows down to the next table or a run of empty rows: criteria, bonus/penalty, total and rank rows. */
function criteriaRowsOf(reader: SheetReader, k: CriteriaColumns): CriteriaRows {
  const out: CriteriaRows = { criteria: [], adjustments: [], totalIndex: 0, rankIndex: 0, lastRow: k.lastHeader };
  let emptyRun = 0;
  for (let r = k.dataStart; r <= reader.rows; r++) {
    if (r > k.dataStart && isCriteriaHeaderRow(reader, r)) break; // another table starts here
    const codeCell = reader.cell(r, k.codeCol);
    const title = cleanText(cellText(reader.cell(r, k.titleCol)));
    const role = rowRole(title) ?? (title === '' ? rowRole(cellText(codeCell)) : null);
    const code = parseCode(codeCell?.v ?? null);
    if (role === 'total' && !code) out.totalIndex = r;
    else if (role === 'rank' && !code) out.rankIndex = r;
    else if (role === 'bonus' || role === 'penalty')
      out.adjustments.push({ kind: role, title, row: r, col: k.maxCol, max: decimalOrNull(reader.cell(r, k.maxCol)) });
    else if (code) out.criteria.push(criterionAt(reader, r, code, title, k));
    else {
      if (title === '' && cellText(codeCell) === '') {
        emptyRun++;
        if (emptyRun >= EMPTY_ROWS_END_TABLE && out.criteria.length > 0) break;
      }
      continue;
    }
    out.lastRow = r;
    emptyRun = 0;
  }
  return out;
}

function criterionAt(
  reader: SheetReader,
  r: number,
  code: NonNullable<ReturnType<typeof parseCode>>,
  title: string,
  k: CriteriaColumns,
): Criterion {
  const rule = k.noteCol ? cleanText(cellText(reader.cell(r, k.noteCol))) : '';
  const criterion: Criterion = {
    key: code.key,
    rawCode: cleanText(cellText(reader.cell(r, k.codeCol))),
    title,
    depth: code.depth,
    level: code.depth === 1 ? 'area' : code.depth === 2 ? 'criterion' : 'sub',
    parentKey: parentKey(code.key),
    childKeys: [],
    row: r,
    col: k.codeCol,
    codeCell: a1(r, k.codeCol),
    titleCell: a1(r, k.titleCol),
    max: decimalOrNull(reader.cell(r, k.maxCol)),
    maxCell: a1(r, k.maxCol),
    survey: isSurveyTitle(title),
    hidden: reader.sheet.hiddenRows.includes(r),
  };
  if (rule && /diem/.test(foldText(rule))) criterion.ruleText = rule;
  return criterion;
}

function decimalOrNull(cell: Cell | null): Decimal | null {
  const r = readScore(cell);
  return r.kind === 'number' ? r.value : r.kind === 'text-number' ? r.meant : null;
}

function linkChildren(criteria: Criterion[]): void {
  const byKey = new Map<string, Criterion>();
  for (const c of criteria) if (!byKey.has(c.key)) byKey.set(c.key, c);
  for (const c of criteria) {
    if (c.parentKey === null) continue;
    const parent = byKey.get(c.parentKey);
    if (parent && parent !== c && !parent.childKeys.includes(c.key)) parent.childKeys.push(c.key);
  }
}

/** The summary layout: units as rows, one column per area, Tổng điểm, Xếp hạng. */
function trySummaryTable(reader: SheetReader, headerRow: number, titleFrom: number, fileName?: string): ScoringTable | null {
  const cols = summaryColumns(reader, headerRow);
  if (!cols || !cols.unitCol || !cols.totalCol || cols.totalCol <= cols.unitCol + 1) return null;
  const { unitCol, totalCol, rankCol, codeCol } = cols;
  const areaCols = summaryAreaColumns(reader, headerRow, unitCol, totalCol);
  if (areaCols.length < 2) return null;
  const { series, maxRow, lastRow } = summaryUnits(reader, headerRow, unitCol, areaCols);
  if (series.length === 0) return null;
  const criteria: Criterion[] = areaCols.map((a) => ({
    key: a.key,
    rawCode: a.rawCode,
    title: a.title,
    depth: 1,
    level: 'area',
    parentKey: null,
    childKeys: [],
    row: headerRow,
    col: a.col,
    codeCell: a1(headerRow, a.col),
    titleCell: a1(headerRow, a.col),
    max: maxRow ? decimalOrNull(reader.cell(maxRow, a.col)) : a.headerMax,
    maxCell: maxRow ? a1(maxRow, a.col) : '',
    survey: false,
    hidden: reader.sheet.hiddenColumns.includes(a.col),
  }));
  const titleText = titleLines(reader, titleFrom, headerRow);
  const year = findYear(titleText, reader.sheet.name, fileName);
  const range = rangeA1({
    top: headerRow,
    left: Math.min(codeCol || unitCol, unitCol),
    bottom: lastRow,
    right: Math.max(totalCol, rankCol),
  });
  return {
    id: `${reader.sheet.name}!${range}`,
    sheet: reader.sheet.name,
    layout: 'summary',
    range,
    headerRows: [headerRow],
    firstDataRow: series[0].index,
    lastDataRow: lastRow,
    title: titleText,
    year: year.year,
    yearSource: year.source,
    groupNoun: groupNounOf(titleText),
    unitName: null,
    codeCol,
    titleCol: 0,
    maxCol: totalCol,
    maxRow,
    evidenceCol: 0,
    noteCol: 0,
    criteria,
    adjustments: [],
    series,
    totalIndex: totalCol,
    rankIndex: rankCol,
    unitNameCol: unitCol,
  };
}

/** The unit, total, rank and code columns of a summary's header row; null when it is a criteria table's. */
function summaryColumns(
  reader: SheetReader,
  headerRow: number,
): { unitCol: number; totalCol: number; rankCol: number; codeCol: number } | null {
  const cols = { unitCol: 0, totalCol: 0, rankCol: 0, codeCol: 0 };
  for (let c = 1; c <= reader.end(headerRow); c++) {
    if (reader.notLabel(headerRow, c) || reader.mergedFromAbove(headerRow, c)) continue;
    const role = headerRole(reader.text(headerRow, c));
    if (role === 'unit' && !cols.unitCol) cols.unitCol = c;
    else if (role === 'total' && !cols.totalCol) cols.totalCol = c;
    else if (role === 'rank' && !cols.rankCol) cols.rankCol = c;
    else if (role === 'code' && !cols.codeCol) cols.codeCol = c;
    else if (role === 'max') return null; // a criteria table's header, not a summary
  }
  return cols;
}

interface AreaColumn {
  col: number;
  key: string;
  rawCode: string;
  title: string;
  headerMax: Decimal | null;
}

/** Area columns between the unit names and the total: "1. Công tác chỉ đạo…" or "I. …", maybe with "(10 điểm)". */
function summaryAreaColumns(reader: SheetReader, headerRow: number, unitCol: number, totalCol: number): AreaColumn[] {
  const areaCols: AreaColumn[] = [];
  for (let c = unitCol + 1; c < totalCol; c++) {
    const text = cleanText(reader.text(headerRow, c));
    if (!text) continue;
    const m = /^([IVXL]+|\d{1,2})\s*[.):-]?\s+(.+)$/.exec(text);
    const code = m ? parseCode(m[1]) : null;
    const headerMax = /\((\d+(?:[.,]\d+)?)\s*(?:đ|điểm|d\b)/i.exec(text);
    areaCols.push({
      col: c,
      key: code ? code.key : String(areaCols.length + 1),
      rawCode: code ? m![1] : '',
      title: code ? m![2].replace(/\s*\(.*\)\s*$/, '') : text,
      headerMax: headerMax ? parseNumericText(headerMax[1]) : null,
    });
  }
  return areaCols;
}

/** The units' rows (a name and some area score), the maxima's row above them, and the table's last row. */
function summaryUnits(
  reader: SheetReader,
  headerRow: number,
  unitCol: number,
  areaCols: AreaColumn[],
): { series: ScoreSeries[]; maxRow: number; lastRow: number } {
  let maxRow = 0;
  const series: ScoreSeries[] = [];
  let lastRow = headerRow;
  let emptyRun = 0;
  for (let r = headerRow + 1; r <= reader.rows; r++) {
    const name = cleanText(cellText(reader.cell(r, unitCol)));
    const role = rowRole(name);
    if (role === 'max' && !maxRow && series.length === 0) {
      maxRow = r;
      lastRow = r;
      continue;
    }
    if (name === '') {
      if (!rowHasText(reader, r)) {
        emptyRun++;
        if (emptyRun >= EMPTY_ROWS_END_TABLE) break;
      }
      continue;
    }
    if (role) continue; // a "Tổng cộng" or "Trung bình" line is not a unit
    if (!areaCols.some((a) => readScore(reader.cell(r, a.col)).kind !== 'empty')) continue;
    series.push({ name, role: 'unit', index: r, headerCell: a1(r, unitCol) });
    lastRow = r;
    emptyRun = 0;
  }
  return { series, maxRow, lastRow };
}

/** The title lines above a header ("UBND …", "BẢNG TỔNG HỢP … NĂM 2025 …"), joined. */
function titleLines(reader: SheetReader, from: number, headerRow: number): string {
  const lines: string[] = [];
  for (let r = Math.max(from, headerRow - 12); r < headerRow; r++) {
    const seen = new Set<string>();
    for (let c = 1; c <= Math.min(reader.cols, 30); c++) {
      const t = cleanText(cellText(reader.cell(r, c)));
      if (t && !seen.has(t)) {
        seen.add(t);
        lines.push(t);
      }
    }
  }
  return lines.join('\n');
}

function findYear(title: string, sheetName: string, fileName?: string): { year: number | null; source: ScoringTable['yearSource'] } {
  const fromTitle = /\bnam\s+((?:19|20)\d{2})\b/.exec(foldText(title));
  if (fromTitle) return { year: Number(fromTitle[1]), source: 'title' };
  const fromSheet = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(sheetName);
  if (fromSheet) return { year: Number(fromSheet[1]), source: 'sheet' };
  const fromFile = fileName ? /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(fileName) : null;
  if (fromFile) return { year: Number(fromFile[1]), source: 'file' };
  return { year: null, source: null };
}

const GROUP_WORDS: readonly string[] = [
  'xã',
  'phường',
  'huyện',
  'thành phố',
  'thị xã',
  'thị trấn',
  'sở',
  'ban',
  'ngành',
  'đặc khu',
  'cơ quan',
  'đơn vị',
  'quận',
];

/** "… NĂM 2025 CỦA UBND CÁC XÃ, PHƯỜNG" → "xã, phường"; null when the title names no group. */
export function groupNounOf(title: string): string | null {
  for (const line of title.split('\n').reverse()) {
    const m = /(?:^|\s)các\s+(.+)$/u.exec(lowerVi(line));
    if (!m) continue;
    const noun = m[1]
      .replace(/^(ubnd|uỷ ban nhân dân|ủy ban nhân dân)\s+(các\s+)?/u, '')
      .replace(/[.;:]+$/, '')
      .trim();
    const parts = noun.split(/\s*,\s*/);
    if (parts.length > 0 && parts.every((p) => GROUP_WORDS.some((w) => p === w || p.startsWith(w + ' ')))) return noun;
  }
  return null;
}

const UNIT_TITLE = /^(?:uỷ ban nhân dân|ủy ban nhân dân|ubnd)\s+((xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố)\s+.+)$/u;

/**
 * The unit named in a form's title, as typed ("UBND Thành phố Gia Nghĩa" → "Thành phố Gia
 * Nghĩa"); a title typed in capitals gets the official casing ("UBND THÀNH PHỐ GIA NGHĨA" →
 * "Thành phố Gia Nghĩa": the kind of unit in sentence case, the name in title case). A placeholder
 * such as "UBND XÃ ..." gives null.
 */
export function unitNameOf(title: string): string | null {
  for (const line of title.split('\n')) {
    const clean = cleanText(line);
    const m = UNIT_TITLE.exec(clean.toLocaleLowerCase('vi'));
    if (!m || /\.\.|…|_/.test(m[1])) continue;
    // Lower-casing Vietnamese letters keeps their length, so the match's tail is the typed name's.
    const typed = clean.slice(clean.length - m[1].length);
    if (typed !== typed.toLocaleUpperCase('vi')) return typed;
    const kind = m[2];
    const name = m[1]
      .slice(kind.length)
      .replace(/(^|\s)(\p{L})/gu, (_all, space: string, letter: string) => space + letter.toLocaleUpperCase('vi'));
    return kind.charAt(0).toLocaleUpperCase('vi') + kind.slice(1) + name;
  }
  return null;
}
