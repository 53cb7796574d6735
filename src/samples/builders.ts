/**
 * Builders for sample workbooks in the shapes of the official forms (see
 * /shared/fixtures/README.md): consolidation (criteria as rows, one column per unit), one unit's
 * self-assessment, published summary (units as rows) and the blank form. Any size: tests and
 * benchmarks pass their own criteria and units.
 */
import ExcelJS from 'exceljs';
import { a1, columnLetter } from '../core/a1';
import { normalizeZipTimestamps } from '../hosts/xlsx/zip';
import type { CriteriaSet, CriterionNode } from './criteria';
import { Prng, seedFrom } from './prng';
import { areasTotal, milliToNumber, nodeScore, unitTotal, type UnitScores } from './scores';

export type CodeStyle = 'dotted' | 'roman' | 'integer';

/** Fixed dates: generated files are byte-stable. */
export const SAMPLE_DATE = new Date(Date.UTC(2025, 11, 1, 8, 0, 0));

const AREA_FILL = 'FFDDEBF7';
const AREA_FONT = 'FF1F4E79';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let s = '';
  let v = n;
  for (const [k, r] of table) {
    while (v >= k) {
      s += r;
      v -= k;
    }
  }
  return s;
}

/** The code as typed in the form: areas "1." / "I" / "1", deeper levels "1.1", "1.1.2". */
export function displayCode(node: CriterionNode, style: CodeStyle): string {
  if (node.depth > 1) return node.key;
  if (style === 'roman') return toRoman(Number(node.key));
  if (style === 'dotted') return `${node.key}.`;
  return node.key;
}

export function newWorkbook(created: Date = SAMPLE_DATE): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PAR Scorecard (dữ liệu mẫu)';
  wb.lastModifiedBy = 'PAR Scorecard (dữ liệu mẫu)';
  wb.created = created;
  wb.modified = created;
  return wb;
}

/** .xlsx bytes with fixed zip timestamps: the same workbook always gives the same bytes. */
export async function stableBytes(wb: ExcelJS.Workbook, date: Date = SAMPLE_DATE): Promise<Uint8Array> {
  wb.created = date;
  wb.modified = date;
  return normalizeZipTimestamps(await excelJsBytes(wb), date);
}

/** ExcelJS's own .xlsx bytes (JSZip deflate: the same bytes on every machine). */
async function excelJsBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const out: unknown = await wb.xlsx.writeBuffer();
  return out instanceof Uint8Array ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : new Uint8Array(out as ArrayBuffer);
}

const num = (milli: number | null | undefined) => (milli === null || milli === undefined ? null : milliToNumber(milli));

function sumFormula(cells: string[], separator: '+' | ','): string {
  return `SUM(${cells.join(separator)})`;
}

function styleRow(ws: ExcelJS.Worksheet, row: number, from: number, to: number, style: Partial<ExcelJS.Style>) {
  for (let c = from; c <= to; c++) ws.getCell(row, c).style = style;
}

/** Unit names as a careless copy-paste leaves them: decomposed Unicode and stray spaces. */
export function messyName(name: string, index: number): string {
  const nfd = name.normalize('NFD');
  switch (index % 4) {
    case 0:
      return `  ${nfd}`;
    case 1:
      return `${nfd}   `;
    case 2:
      return nfd.replace(/ /g, '  ');
    default:
      return ` ${nfd.replace(' ', '  ')} `;
  }
}

// ---------------------------------------------------------------------------------------------
// Consolidation (bảng tổng hợp)

export interface ConsolidatedOptions {
  year: number;
  units: string[];
  criteria: CriteriaSet;
  /** One entry per unit, in the order of `units`. */
  scores: UnitScores[];
  codeStyle?: CodeStyle;
  /** Parent rows (areas, criteria with sub-criteria) as SUM formulas with cached results, or typed. */
  parentsAs?: 'formula' | 'typed';
  /** An empty "XẾP HẠNG" row under the total. */
  rankRow?: boolean;
  /** "Điểm thưởng" and "Điểm trừ" rows; total = areas + bonus − penalty. */
  bonusPenalty?: boolean;
  /** Unit names and header texts in decomposed Unicode (NFD) with stray spaces. */
  nfdNames?: boolean;
  sheetName?: string;
  province?: string;
  agency?: string;
}

export interface ConsolidatedLayout {
  sheet: string;
  titleRow: number;
  headerRow: number;
  unitRow: number;
  firstRow: number;
  /** Criterion key → row. */
  rows: Map<string, number>;
  bonusRow?: number;
  penaltyRow?: number;
  totalRow: number;
  rankRow?: number;
  codeCol: number;
  titleCol: number;
  maxCol: number;
  firstUnitCol: number;
  lastCol: number;
}

export function consolidatedLayout(
  criteria: CriteriaSet,
  unitCount: number,
  options: Pick<ConsolidatedOptions, 'bonusPenalty' | 'rankRow' | 'sheetName'> = {},
): ConsolidatedLayout {
  const firstRow = 8;
  const rows = new Map<string, number>();
  criteria.nodes.forEach((n, i) => rows.set(n.key, firstRow + i));
  let next = firstRow + criteria.nodes.length;
  const layout: ConsolidatedLayout = {
    sheet: options.sheetName ?? 'Tổng hợp',
    titleRow: 4,
    headerRow: 6,
    unitRow: 7,
    firstRow,
    rows,
    totalRow: 0,
    codeCol: 1,
    titleCol: 2,
    maxCol: 3,
    firstUnitCol: 4,
    lastCol: 3 + unitCount,
  };
  if (options.bonusPenalty) {
    layout.bonusRow = next++;
    layout.penaltyRow = next++;
  }
  layout.totalRow = next++;
  if (options.rankRow ?? true) layout.rankRow = next++;
  return layout;
}

export const CONSOLIDATED_GROUP_HEADER = 'Điểm đạt được của các đơn vị';
export const TITLE_HEADER = 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần';

export function consolidatedTitle(year: number): string {
  return `BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year} CỦA UBND CÁC XÃ, PHƯỜNG`;
}

export function buildConsolidated(options: ConsolidatedOptions): ExcelJS.Workbook {
  const { criteria, units, scores } = options;
  if (scores.length !== units.length) throw new RangeError('One score entry per unit is needed');
  const L = consolidatedLayout(criteria, units.length, options);
  const hdr = (s: string) => (options.nfdNames ? s.normalize('NFD') : s);

  const wb = newWorkbook();
  const ws = wb.addWorksheet(L.sheet, {
    views: [{ state: 'frozen', xSplit: 3, ySplit: L.unitRow, topLeftCell: a1(L.firstRow, L.firstUnitCol) }],
  });
  ws.getColumn(1).width = 8;
  ws.getColumn(2).width = 60;
  ws.getColumn(3).width = 10;
  for (let c = L.firstUnitCol; c <= L.lastCol; c++) ws.getColumn(c).width = 12;

  ws.getCell('A1').value = options.province ?? 'UBND TỈNH MẪU';
  ws.mergeCells('A1:C1');
  ws.getCell('A2').value = options.agency ?? 'SỞ NỘI VỤ';
  ws.getCell('A2').font = { bold: true };
  ws.mergeCells('A2:C2');
  const title = ws.getCell(L.titleRow, 1);
  title.value = consolidatedTitle(options.year);
  ws.mergeCells(L.titleRow, 1, L.titleRow, Math.max(L.lastCol, 3));
  title.style = { font: { bold: true, size: 13 }, alignment: { horizontal: 'center', wrapText: true } };

  const headerStyle: Partial<ExcelJS.Style> = {
    font: { bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: THIN,
  };
  ws.getCell(L.headerRow, 1).value = hdr('STT');
  ws.getCell(L.headerRow, 2).value = hdr(TITLE_HEADER);
  ws.getCell(L.headerRow, 3).value = hdr('Điểm tối đa');
  ws.getCell(L.headerRow, L.firstUnitCol).value = hdr(CONSOLIDATED_GROUP_HEADER);
  units.forEach((u, i) => {
    ws.getCell(L.unitRow, L.firstUnitCol + i).value = options.nfdNames ? messyName(u, i) : u;
  });
  styleRow(ws, L.headerRow, 1, L.lastCol, headerStyle);
  styleRow(ws, L.unitRow, 1, L.lastCol, headerStyle);
  for (let c = 1; c <= 3; c++) ws.mergeCells(L.headerRow, c, L.unitRow, c);
  if (L.lastCol > L.firstUnitCol) ws.mergeCells(L.headerRow, L.firstUnitCol, L.headerRow, L.lastCol);
  const styles = consolidatedStyles();
  consolidatedCriteriaRows(ws, L, options, styles);
  consolidatedTotalRows(ws, L, options, styles);
  return wb;
}


/** The row styles of a consolidation (fresh objects per workbook). */
function consolidatedStyles() {
  const areaStyle: Partial<ExcelJS.Style> = {
    font: { bold: true, color: { argb: AREA_FONT } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: AREA_FILL } },
    border: THIN,
  };
  const areaTitleStyle: Partial<ExcelJS.Style> = { ...areaStyle, alignment: { wrapText: true } };
  const boldStyle: Partial<ExcelJS.Style> = { font: { bold: true }, border: THIN };
  const boldTitleStyle: Partial<ExcelJS.Style> = { ...boldStyle, alignment: { wrapText: true } };
  const plainStyle: Partial<ExcelJS.Style> = { border: THIN };
  const plainTitleStyle: Partial<ExcelJS.Style> = { border: THIN, alignment: { wrapText: true } };

  return { areaStyle, areaTitleStyle, boldStyle, boldTitleStyle, plainStyle, plainTitleStyle };
}

type ConsolidatedStyles = ReturnType<typeof consolidatedStyles>;

/** One row per criterion: code, title, maximum and each unit's score (parents as SUM formulas or typed). */
function consolidatedCriteriaRows(ws: ExcelJS.Worksheet, L: ConsolidatedLayout, options: ConsolidatedOptions, st: ConsolidatedStyles): void {
  const { criteria, scores } = options;
  const codeStyle = options.codeStyle ?? 'dotted';
  const parentsAsFormula = (options.parentsAs ?? 'formula') === 'formula';
  const { areaStyle, areaTitleStyle, boldStyle, boldTitleStyle, plainStyle, plainTitleStyle } = st;
  for (const node of criteria.nodes) {
    const r = L.rows.get(node.key)!;
    const isParent = node.children.length > 0;
    const [style, titleStyle] =
      node.depth === 1 ? [areaStyle, areaTitleStyle] : node.depth === 2 ? [boldStyle, boldTitleStyle] : [plainStyle, plainTitleStyle];
    const row = ws.getRow(r);
    row.getCell(1).value = displayCode(node, codeStyle);
    row.getCell(1).style = style;
    row.getCell(2).value = node.title;
    row.getCell(2).style = titleStyle;
    const childRows = node.children.map((k) => L.rows.get(k)!);
    for (let c = L.maxCol; c <= L.lastCol; c++) {
      const cell = row.getCell(c);
      cell.style = style;
      const milli = c === L.maxCol ? node.maxMilli : nodeScore(criteria, scores[c - L.firstUnitCol], node.key);
      if (isParent && parentsAsFormula) {
        const col = columnLetter(c);
        cell.value = { formula: sumFormula(childRows.map((cr) => `${col}${cr}`), '+'), result: num(milli ?? 0) ?? 0 } as ExcelJS.CellFormulaValue;
      } else {
        cell.value = num(milli);
      }
    }
  }

}

/** Bonus and penalty rows, the total row, the rank row's label. */
function consolidatedTotalRows(ws: ExcelJS.Worksheet, L: ConsolidatedLayout, options: ConsolidatedOptions, st: ConsolidatedStyles): void {
  const { criteria, scores } = options;
  const { boldStyle, boldTitleStyle, plainStyle } = st;
  const totalStyle: Partial<ExcelJS.Style> = { font: { bold: true } };
  const areaRows = criteria.areas.map((a) => L.rows.get(a.key)!);
  const adjustRow = (r: number, label: string, maxMilli: number, pick: (s: UnitScores) => number | undefined) => {
    const row = ws.getRow(r);
    row.getCell(2).value = label;
    row.getCell(2).style = boldTitleStyle;
    row.getCell(1).style = boldStyle;
    row.getCell(L.maxCol).value = num(maxMilli);
    row.getCell(L.maxCol).style = boldStyle;
    scores.forEach((s, i) => {
      const cell = row.getCell(L.firstUnitCol + i);
      cell.value = num(pick(s) ?? 0);
      cell.style = plainStyle;
    });
  };
  if (L.bonusRow) adjustRow(L.bonusRow, 'Điểm thưởng', 2000, (s) => s.bonus);
  if (L.penaltyRow) adjustRow(L.penaltyRow, 'Điểm trừ', 2000, (s) => s.penalty);

  const total = ws.getRow(L.totalRow);
  total.getCell(2).value = 'TỔNG ĐIỂM';
  total.getCell(2).style = totalStyle;
  for (let c = L.maxCol; c <= L.lastCol; c++) {
    const col = columnLetter(c);
    let formula = sumFormula(areaRows.map((r) => `${col}${r}`), '+');
    let milli: number;
    if (c === L.maxCol) {
      milli = criteria.totalMaxMilli;
    } else {
      const s = scores[c - L.firstUnitCol];
      if (L.bonusRow && L.penaltyRow) formula += `+${col}${L.bonusRow}-${col}${L.penaltyRow}`;
      milli = L.bonusRow ? unitTotal(criteria, s) : areasTotal(criteria, s);
    }
    const cell = total.getCell(c);
    cell.value = { formula, result: milliToNumber(milli) } as ExcelJS.CellFormulaValue;
    cell.style = totalStyle;
  }
  if (L.rankRow) ws.getCell(L.rankRow, 2).value = 'XẾP HẠNG';
}


// ---------------------------------------------------------------------------------------------
// Self-assessment (bảng tự đánh giá) and the blank form

export interface ScorecardOptions {
  year: number;
  /** The unit ("Xã Hòa Bình"); its upper-case name heads the form. */
  unit?: string;
  criteria: CriteriaSet;
  /** Self-assessed scores (Điểm tự đánh giá); omit for a blank form. */
  self?: UnitScores;
  /** Appraised scores (Điểm thẩm định). */
  appraised?: UnitScores;
  codeStyle?: CodeStyle;
  parentsAs?: 'formula' | 'typed';
  /** Evidence documents (Tài liệu kiểm chứng) for non-survey criteria (default: when scored). */
  evidence?: boolean;
  sheetName?: string;
  seed?: number;
}

export interface ScorecardLayout {
  sheet: string;
  headerRow: number;
  firstRow: number;
  rows: Map<string, number>;
  totalRow: number;
  codeCol: 1;
  titleCol: 2;
  maxCol: 3;
  selfCol: 4;
  appraisedCol: 5;
  evidenceCol: 6;
  noteCol: 7;
}

export function scorecardLayout(criteria: CriteriaSet, sheetName = 'Tự đánh giá'): ScorecardLayout {
  const firstRow = 6;
  const rows = new Map<string, number>();
  criteria.nodes.forEach((n, i) => rows.set(n.key, firstRow + i));
  return {
    sheet: sheetName,
    headerRow: 5,
    firstRow,
    rows,
    totalRow: firstRow + criteria.nodes.length,
    codeCol: 1,
    titleCol: 2,
    maxCol: 3,
    selfCol: 4,
    appraisedCol: 5,
    evidenceCol: 6,
    noteCol: 7,
  };
}

export function scorecardTitle(year: number): string {
  return `BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year}`;
}

export function buildScorecard(options: ScorecardOptions): ExcelJS.Workbook {
  const { criteria } = options;
  const blank = !options.self && !options.appraised;
  const L = scorecardLayout(criteria, options.sheetName ?? (blank ? 'Mẫu' : 'Tự đánh giá'));

  const wb = newWorkbook();
  const ws = wb.addWorksheet(L.sheet);
  ws.getColumn(2).width = 60;
  ws.getColumn(6).width = 40;
  ws.getColumn(7).width = 40;

  ws.getCell('A1').value = options.unit ? `UBND ${options.unit.toUpperCase()}` : 'UBND XÃ ...';
  ws.mergeCells('A1:C1');
  ws.getCell('A3').value = scorecardTitle(options.year);
  ws.getCell('A3').font = { bold: true, size: 13 };
  ws.mergeCells('A3:G3');

  const headers = ['STT', TITLE_HEADER, 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Tài liệu kiểm chứng', 'Ghi chú'];
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { bold: true },
    alignment: { horizontal: 'center', wrapText: true },
    border: THIN,
  };
  headers.forEach((h, i) => {
    const cell = ws.getCell(L.headerRow, i + 1);
    cell.value = h;
    cell.style = headerStyle;
  });

  const series: [number, UnitScores | undefined][] = [
    [L.selfCol, options.self],
    [L.appraisedCol, options.appraised],
  ];

  scorecardCriteriaRows(ws, L, options, series, blank);
  scorecardTotalRow(ws, L, criteria, series);
  return wb;
}

type Series = [number, UnitScores | undefined][];

/** One row per criterion: code, title, maximum, both scores (parents as SUM formulas or typed), evidence, rule. */
function scorecardCriteriaRows(ws: ExcelJS.Worksheet, L: ScorecardLayout, options: ScorecardOptions, series: Series, blank: boolean): void {
  const { criteria } = options;
  const codeStyle = options.codeStyle ?? 'integer';
  const parentsAsFormula = (options.parentsAs ?? 'formula') === 'formula';
  const withEvidence = options.evidence ?? !blank;
  const rng = new Prng(options.seed ?? seedFrom(`${options.unit ?? ''}|${options.year}`));
  const bold: Partial<ExcelJS.Style> = { font: { bold: true }, border: THIN };
  const plain: Partial<ExcelJS.Style> = { border: THIN };
  const wrap = (s: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> => ({ ...s, alignment: { wrapText: true } });
  for (const node of criteria.nodes) {
    const r = L.rows.get(node.key)!;
    const row = ws.getRow(r);
    const isParent = node.children.length > 0;
    const style = node.depth <= 2 ? bold : plain;
    row.getCell(L.codeCol).value = displayCode(node, codeStyle);
    row.getCell(L.titleCol).value = node.title;
    row.getCell(L.maxCol).value = milliToNumber(node.maxMilli);
    for (const [col, s] of series) {
      const cell = row.getCell(col);
      if (isParent && parentsAsFormula) {
        const letter = columnLetter(col);
        const childCells = node.children.map((k) => `${letter}${L.rows.get(k)!}`);
        const value: ExcelJS.CellFormulaValue = { formula: sumFormula(childCells, ','), date1904: false };
        value.result = s ? num(nodeScore(criteria, s, node.key) ?? 0)! : 0;
        cell.value = value;
      } else if (s) {
        cell.value = num(nodeScore(criteria, s, node.key));
      }
    }
    if (!isParent && withEvidence && !node.survey && rng.chance(0.8)) {
      row.getCell(L.evidenceCol).value = `Báo cáo số ${rng.int(12, 320)}/BC-UBND`;
    }
    if (node.rule) row.getCell(L.noteCol).value = node.rule;
    for (let c = 1; c <= 7; c++) row.getCell(c).style = c === 2 || c >= 6 ? wrap(style) : style;
    if (!isParent) {
      row.getCell(L.evidenceCol).style = wrap(plain);
      row.getCell(L.noteCol).style = wrap(plain);
    }
  }

}

function scorecardTotalRow(ws: ExcelJS.Worksheet, L: ScorecardLayout, criteria: ScorecardOptions['criteria'], series: Series): void {
  const total = ws.getRow(L.totalRow);
  total.getCell(L.titleCol).value = 'Tổng cộng';
  const areaRows = criteria.areas.map((a) => L.rows.get(a.key)!);
  const totalCell = (col: number, milli: number | null) => {
    const letter = columnLetter(col);
    const value: ExcelJS.CellFormulaValue = { formula: sumFormula(areaRows.map((r) => `${letter}${r}`), ','), date1904: false };
    value.result = milli === null ? 0 : milliToNumber(milli);
    total.getCell(col).value = value;
  };
  totalCell(L.maxCol, criteria.totalMaxMilli);
  for (const [col, s] of series) totalCell(col, s ? areasTotal(criteria, s) : null);
}


export interface BlankFormOptions {
  year: number;
  criteria: CriteriaSet;
  codeStyle?: CodeStyle;
  sheetName?: string;
}

/** The blank official form: criteria and maxima, formulas for the parents, no scores. */
export function buildBlankForm(options: BlankFormOptions): ExcelJS.Workbook {
  return buildScorecard({
    year: options.year,
    criteria: options.criteria,
    codeStyle: options.codeStyle,
    sheetName: options.sheetName ?? 'Mẫu',
    evidence: false,
  });
}

// ---------------------------------------------------------------------------------------------
// Published summary (bảng kết quả): units as rows, one column per area

export interface SummaryOptions {
  year: number;
  units: string[];
  criteria: CriteriaSet;
  scores: UnitScores[];
  sheetName?: string;
}

export interface SummaryLayout {
  sheet: string;
  headerRow: number;
  maxRow: number;
  firstRow: number;
  /** Area key → column. */
  areaCols: Map<string, number>;
  totalCol: number;
  rankCol: number;
  nameCol: number;
}

export function summaryLayout(criteria: CriteriaSet, year: number, sheetName?: string): SummaryLayout {
  const areaCols = new Map<string, number>();
  criteria.areas.forEach((a, i) => areaCols.set(a.key, 3 + i));
  const totalCol = 3 + criteria.areas.length;
  return {
    sheet: sheetName ?? `Kết quả ${year}`,
    headerRow: 3,
    maxRow: 4,
    firstRow: 5,
    areaCols,
    totalCol,
    rankCol: totalCol + 1,
    nameCol: 2,
  };
}

export function buildSummary(options: SummaryOptions): ExcelJS.Workbook {
  const { criteria, units, scores } = options;
  const L = summaryLayout(criteria, options.year, options.sheetName);
  const wb = newWorkbook();
  const ws = wb.addWorksheet(L.sheet);
  ws.getColumn(2).width = 24;
  const title = ws.getCell('A1');
  title.value = `KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${options.year} CỦA CÁC ĐƠN VỊ`;
  title.font = { bold: true };
  ws.mergeCells(1, 1, 1, L.rankCol);

  const headerStyle: Partial<ExcelJS.Style> = { font: { bold: true }, alignment: { wrapText: true }, border: THIN };
  const headers = ['STT', 'Đơn vị', ...criteria.areas.map((a) => `${displayCode(a, 'dotted')} ${a.title}`), 'Tổng điểm', 'Xếp hạng'];
  headers.forEach((h, i) => {
    const cell = ws.getCell(L.headerRow, i + 1);
    cell.value = h;
    cell.style = headerStyle;
  });
  ws.getCell(L.maxRow, L.nameCol).value = 'Điểm tối đa';
  for (const a of criteria.areas) ws.getCell(L.maxRow, L.areaCols.get(a.key)!).value = milliToNumber(a.maxMilli);
  ws.getCell(L.maxRow, L.totalCol).value = milliToNumber(criteria.totalMaxMilli);

  const first = columnLetter(3);
  const last = columnLetter(L.totalCol - 1);
  units.forEach((u, i) => {
    const r = L.firstRow + i;
    ws.getCell(r, 1).value = i + 1;
    ws.getCell(r, L.nameCol).value = u;
    for (const a of criteria.areas) ws.getCell(r, L.areaCols.get(a.key)!).value = num(nodeScore(criteria, scores[i], a.key) ?? 0);
    ws.getCell(r, L.totalCol).value = {
      formula: `SUM(${first}${r}:${last}${r})`,
      result: milliToNumber(areasTotal(criteria, scores[i])),
    } as ExcelJS.CellFormulaValue;
  });
  return wb;
}
