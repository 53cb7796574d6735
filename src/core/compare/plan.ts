/**
 * The comparison write plan: a generated sheet "So sánh 2025-2024" and live highlights on the
 * current year's sheet. Data only; hosts apply it (see ../plan.ts for their guarantees, notably
 * that `text` content is never parsed: a unit named "=1+1" stays text).
 *
 * The generated sheet, top to bottom:
 *   1  title                                  (style 'title'; row 1 is frozen)
 *   2  sources, comparison level, tie rule    (style 'subtitle')
 *   4  "Nhận xét", then one paragraph per unit (headline, full marks, declines) as text
 *      "Tổng điểm và xếp hạng" table: Đơn vị | Tổng điểm <prior> | Tổng điểm <year> | Tăng/giảm |
 *      Xếp hạng <prior> | Xếp hạng <year> | Thay đổi bậc | Ghi chú — one row per current unit
 *      (table order), then the prior units with no counterpart. Tăng/giảm and Thay đổi bậc are live
 *      formulas (=C9-B9, =E9-F9) with the engine's value cached. Each unit name links to its
 *      header cell in the current sheet.
 *      Criteria table, long format: Đơn vị | Mã | Tiêu chí | Điểm tối đa | Điểm <prior> |
 *      Điểm <year> | Tăng/giảm | Trạng thái. To stay readable it lists only what changed
 *      (declined, improved, new, removed) and the areas at full marks, per unit in the form's
 *      order; unchanged criteria are left out (the source sheet has them). Each code links to the
 *      unit's score cell in the current sheet.
 *      With more than MATRIX_ABOVE_UNITS units that list runs to tens of thousands of rows (1000
 *      units × 150 criteria: 40,000), which no official reads or prints; the criteria table is then
 *      a matrix shaped like the source table: Tiêu chí (code and title) | Điểm tối đa | one column per unit
 *      with this year's score minus last year's (0 unchanged, blank not compared), every row of
 *      the comparison in the form's order, each unit name linked to its header cell, declines and
 *      gains highlighted by two rules. Full marks are in the remarks above.
 * Numbers are stored as numbers rounded to 3 decimals. Conditional formats: Tăng/giảm and
 * Thay đổi bậc < 0 → 'decline', > 0 → 'improved'; this year's score ≥ maximum → 'fullMarks'.
 *
 * Live highlights on the current sheet (criteria-as-rows tables only; a summary table gets none):
 * - Shortfall (score < maximum): one rule per contiguous run of leaf rows, spanning the run of
 *   score columns: `=AND(ISNUMBER(D10),ISNUMBER($C10),D10<$C10)`. Parent rows (SUMs) are left out,
 *   so an area row is not painted because one of its children is. The rule count follows the
 *   criteria set's shape (≈10–40 runs), not units × criteria, and the rules stay right when the
 *   official edits scores.
 * - Decline (score < last year's): a conditional format can compare only with cells of the same
 *   workbook, and may hold neither array constants nor references to another sheet ([MS-OI29500]
 *   §3.2.3.1.2, [MS-XLSX] CFParsedFormula: Excel repairs a file that has them, and refuses such a
 *   rule from an add-in). So last year's values are written, rounded to 3 decimals, into a hidden
 *   sheet the tool generates ("Điểm 2024 - Tổng hợp", purpose 'prior-values'; recorded as ours, so a
 *   rerun replaces only it), each at the SAME address as the score it is compared with: D10 there
 *   is D10's last year, easy to audit. A workbook-scoped defined name (`PAR_TRUOC_<hash of the
 *   sheet name>`: one per highlighted sheet, so comparing a second sheet of the workbook leaves the
 *   first one's highlights right) covers the block of compared cells, and ONE rule over that block
 *   reads it by offset from the block's top-left:
 *   `=AND(ISNUMBER(D10),ISNUMBER(INDEX(PAR_TRUOC_…,ROW()-ROW($D$10)+1,COLUMN()-COLUMN($D$10)+1)),
 *   D10<INDEX(PAR_TRUOC_…,ROW()-ROW($D$10)+1,COLUMN()-COLUMN($D$10)+1))`. Cells with no
 *   comparison (area rows of a detailed prior, new units) are blank there and never painted. It
 *   stays live while the official edits scores and survives rows or columns inserted above or left
 *   of the table (Excel moves the range and $D$10 together, the offsets stay); rows inserted inside
 *   the table misalign it until the comparison is run again (re-running replaces our rules, sheet
 *   and name).
 *   The decline rule comes first so it wins over shortfall where both apply (plan order is
 *   priority order, ../plan.ts).
 */
import Decimal from 'decimal.js';
import { a1, columnLetter, consecutiveRuns } from '../a1';
import type { Locale } from '../finding';
import type { Criterion, ScoringTable } from '../model';
import { isLeaf } from '../model';
import {
  EMPTY,
  formula,
  num,
  SharedContents,
  text,
  type CellContent,
  type CellStyle,
  type ConditionalFormatPlan,
  type DefinedNamePlan,
  type GeneratedSheet,
  type Hyperlink,
  type LiveConditionalFormat,
  type WritePlan,
} from '../plan';
import { jsonNumber } from '../format';
import { comparisonParagraphs } from '../narrative';
import { milliOf, subScores } from '../scores';
import { displayCode, unitKey } from '../text';
import { totalsChart } from './chart';
import type { Comparison, CriterionStatus, UnitComparison } from './compare';

export interface ComparisonPlan {
  sheet: GeneratedSheet;
  /** Highlights on the current year's sheet (`sheet` = the current table's sheet). */
  live: LiveConditionalFormat[];
  /** Last year's scores the decline highlights read (hidden); null when no cell is compared. */
  priorValues: GeneratedSheet | null;
  /** The name over `priorValues` the decline highlight reads. */
  definedNames: DefinedNamePlan[];
  /** All of it as one plan, for a host to apply. */
  write: WritePlan;
}

const DELTA_FORMAT = '+General;-General;0';
/** Above this many units the criteria table is a units × criteria matrix (see the header). */
export const MATRIX_ABOVE_UNITS = 50;
const RANK_CHANGE_FORMAT = '+0;-0;0';

type Status = CriterionStatus | 'fullMarks';

interface Labels {
  sheet: (y: string, p: string) => string;
  title: (y: string, p: string) => string;
  sources: (c: Comparison) => string;
  level: Record<Comparison['level'], string>;
  ties: Record<Comparison['ties'], string>;
  remarks: string;
  priorValuesSheet: (p: string, sheet: string) => string;
  priorValuesNote: (p: string, sheet: string) => string;
  unitsLabel: string;
  unitHeaders: (y: string, p: string) => string[];
  criteriaLabel: Record<Comparison['level'], string>;
  criteriaHeaders: (y: string, p: string) => string[];
  noChanges: string;
  matrixLabel: (y: string, p: string) => string;
  matrixHeaders: string[];
  status: Record<Status, string>;
  notComparable: string;
  noScores: string;
  comparedWith: (prior: string) => string;
  mergedFrom: (names: string[]) => string;
  notThisYear: (y: string) => string;
}

const yearOr = (y: number | null, fallback: string) => (y !== null ? String(y) : fallback);

const LABELS: Record<Locale, Labels> = {
  vi: {
    sheet: (y, p) => (y && p ? `So sánh ${y}-${p}` : 'So sánh năm trước'),
    title: (y, p) => `SO SÁNH KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH ${y ? `NĂM ${y}` : 'NĂM NAY'} VỚI ${p ? `NĂM ${p}` : 'NĂM TRƯỚC'}`,
    sources: (c) =>
      `Bảng ${yearOr(c.year, 'năm nay')}: trang "${c.current.table.sheet}"; bảng ${yearOr(c.priorYear, 'năm trước')}: trang "${c.prior.table.sheet}".`,
    level: {
      criteria: 'So sánh theo từng tiêu chí.',
      areas: 'So sánh theo lĩnh vực (một trong hai bảng chỉ có điểm lĩnh vực).',
      totals: 'So sánh theo tổng điểm (hai bảng không có lĩnh vực chung).',
    },
    ties: {
      competition: 'Điểm bằng nhau đồng hạng (1, 2, 2, 4).',
      dense: 'Điểm bằng nhau đồng hạng (1, 2, 2, 3).',
    },
    remarks: 'Nhận xét',
    priorValuesSheet: (p, sheet) => `Điểm ${p || 'năm trước'} - ${sheet}`,
    priorValuesNote: (p, sheet) =>
      `Điểm ${p ? `năm ${p}` : 'năm trước'} của từng ô đã so sánh trên trang "${sheet}", cùng địa chỉ ô; PAR Scorecard dùng để tô màu điểm giảm. Không sửa trang này: chạy lại So sánh để cập nhật.`,
    unitsLabel: 'Tổng điểm và xếp hạng',
    unitHeaders: (y, p) => [
      'Đơn vị',
      `Tổng điểm ${p || 'năm trước'}`,
      `Tổng điểm ${y || 'năm nay'}`,
      'Tăng/giảm',
      `Xếp hạng ${p || 'năm trước'}`,
      `Xếp hạng ${y || 'năm nay'}`,
      'Thay đổi bậc',
      'Ghi chú',
    ],
    criteriaLabel: {
      criteria: 'Tiêu chí thay đổi và lĩnh vực đạt điểm tuyệt đối',
      areas: 'Lĩnh vực thay đổi và lĩnh vực đạt điểm tuyệt đối',
      totals: 'Lĩnh vực đạt điểm tuyệt đối',
    },
    criteriaHeaders: (y, p) => [
      'Đơn vị',
      'Mã',
      'Tiêu chí',
      'Điểm tối đa',
      `Điểm ${p || 'năm trước'}`,
      `Điểm ${y || 'năm nay'}`,
      'Tăng/giảm',
      'Trạng thái',
    ],
    noChanges: 'Không có tiêu chí nào thay đổi.',
    matrixLabel: (y, p) =>
      `Tăng/giảm điểm theo tiêu chí và đơn vị (điểm ${y ? `năm ${y}` : 'năm nay'} trừ điểm ${p ? `năm ${p}` : 'năm trước'}; 0: không đổi; trống: không so sánh được)`,
    matrixHeaders: ['Tiêu chí', 'Điểm tối đa'],
    status: {
      declined: 'Giảm điểm',
      improved: 'Tăng điểm',
      unchanged: 'Không đổi',
      new: 'Tiêu chí mới',
      removed: 'Không còn trong năm nay',
      fullMarks: 'Đạt điểm tuyệt đối',
    },
    notComparable: 'Không có trong bảng năm trước đã chọn',
    noScores: 'Chưa có điểm',
    comparedWith: (p) => `So với "${p}"`,
    mergedFrom: (names) => `sáp nhập thêm: ${names.join(', ')}`,
    notThisYear: (y) => (y ? `Không có trong năm ${y}` : 'Không có trong năm nay'),
  },
  en: {
    sheet: (y, p) => (y && p ? `Comparison ${y}-${p}` : 'Comparison'),
    title: (y, p) => `PAR INDEX RESULTS ${y || 'THIS YEAR'} COMPARED WITH ${p || 'THE PRIOR YEAR'}`,
    sources: (c) =>
      `${yearOr(c.year, 'This year')} table: sheet "${c.current.table.sheet}"; ${yearOr(c.priorYear, 'prior year')} table: sheet "${c.prior.table.sheet}".`,
    level: {
      criteria: 'Compared criterion by criterion.',
      areas: 'Compared by area (one of the tables has area scores only).',
      totals: 'Compared by total (the tables share no area).',
    },
    ties: {
      competition: 'Equal totals share a rank (1, 2, 2, 4).',
      dense: 'Equal totals share a rank (1, 2, 2, 3).',
    },
    remarks: 'Summary',
    priorValuesSheet: (p, sheet) => `Prior ${p || 'year'} - ${sheet}`,
    priorValuesNote: (p, sheet) =>
      `${p || 'Prior-year'} score of each compared cell of sheet "${sheet}", at the same address; PAR Scorecard's decline highlights read it. Do not edit: run the comparison again to update it.`,
    unitsLabel: 'Totals and ranks',
    unitHeaders: (y, p) => [
      'Unit',
      `Total ${p || 'prior year'}`,
      `Total ${y || 'this year'}`,
      'Change',
      `Rank ${p || 'prior year'}`,
      `Rank ${y || 'this year'}`,
      'Rank change',
      'Note',
    ],
    criteriaLabel: {
      criteria: 'Criteria that changed, and areas at full marks',
      areas: 'Areas that changed, and areas at full marks',
      totals: 'Areas at full marks',
    },
    criteriaHeaders: (y, p) => ['Unit', 'Code', 'Criterion', 'Maximum', `${p || 'Prior year'}`, `${y || 'This year'}`, 'Change', 'Status'],
    noChanges: 'No criterion changed.',
    matrixLabel: (y, p) =>
      `Change by criterion and unit (${y || 'this year'} score minus ${p || 'prior year'} score; 0: unchanged; blank: not compared)`,
    matrixHeaders: ['Criterion', 'Maximum'],
    status: {
      declined: 'Declined',
      improved: 'Improved',
      unchanged: 'Unchanged',
      new: 'New criterion',
      removed: 'No longer in this year',
      fullMarks: 'Full marks',
    },
    notComparable: 'Not in the prior-year table chosen',
    noScores: 'No scores yet',
    comparedWith: (p) => `Compared with "${p}"`,
    mergedFrom: (names) => `also merged: ${names.join(', ')}`,
    notThisYear: (y) => (y ? `Not in ${y}` : 'Not in this year'),
  },
};

const stored = (d: Decimal | null): number | null => jsonNumber(d);

/** Grid builder with 1-based addressing. */
class Grid {
  readonly rows: CellContent[][] = [];
  set(row: number, col: number, content: CellContent): void {
    while (this.rows.length < row) this.rows.push([]);
    const r = this.rows[row - 1];
    while (r.length < col - 1) r.push(EMPTY);
    r[col - 1] = content;
  }
  /** Row `row` as a whole (the same as setting its cells one by one, trailing empties omitted). */
  setRow(row: number, cells: CellContent[]): void {
    while (this.rows.length < row - 1) this.rows.push([]);
    let end = cells.length;
    while (end > 0 && cells[end - 1] === EMPTY) end--;
    if (end < cells.length) cells.length = end;
    if (this.rows.length === row - 1) this.rows.push(cells);
    else this.rows[row - 1] = cells;
  }
}

interface CriteriaRow {
  order: number;
  code: string;
  title: string;
  max: Decimal | null;
  prior: Decimal | null;
  score: Decimal | null;
  status: Status;
  /** An area at full marks whose row also shows a change (status + 'fullMarks'). */
  alsoFullMarks: boolean;
  /** Score cell in the current sheet ('' when none). */
  cell: string;
}

function areaScoreCell(table: ScoringTable, area: Criterion, u: UnitComparison): string {
  return table.layout === 'summary' ? a1(u.index, area.col) : a1(area.row, u.index);
}

/** What every unit's criteria rows share: the form's order of the criteria, its areas by key. */
interface CriteriaContext {
  table: ScoringTable;
  level: Comparison['level'];
  position: Map<string, number>;
  areaByKey: Map<string, Criterion>;
}

function criteriaContext(c: Comparison): CriteriaContext {
  const table = c.current.table;
  const position = new Map<string, number>();
  const areaByKey = new Map<string, Criterion>();
  table.criteria.forEach((cr, i) => {
    if (!position.has(cr.key)) position.set(cr.key, i);
    if (cr.depth === 1 && !areaByKey.has(cr.key)) areaByKey.set(cr.key, cr);
  });
  return { table, level: c.level, position, areaByKey };
}

/** One unit's rows of the criteria table: what changed, and the areas at full marks, in the form's order. */
function unitCriteriaRows(x: CriteriaContext, u: UnitComparison): CriteriaRow[] {
  const { table, position, areaByKey } = x;
  const rows: CriteriaRow[] = [];
  const row = (
    order: number,
    code: string,
    title: string,
    max: Decimal | null,
    prior: Decimal | null,
    score: Decimal | null,
    status: Status,
    cell: string,
  ): CriteriaRow => ({ order, code, title, max, prior, score, status, alsoFullMarks: false, cell });
  u.criteria.forEach((cr, i) => {
    if (cr.status === 'unchanged') return;
    const order = cr.status === 'removed' ? table.criteria.length + i : (position.get(cr.code) ?? i);
    rows.push(row(order, displayCode(cr), cr.title, cr.max, cr.prior, cr.score, cr.status, cr.cell));
  });
  for (const key of u.fullMarks) {
    const area = u.areas.find((a) => a.code === key);
    const crit = areaByKey.get(key);
    if (!area || !crit) continue;
    const order = position.get(key) ?? 0;
    const same = x.level === 'areas' ? rows.find((r) => r.order === order && r.status !== 'removed') : undefined;
    if (same) same.alsoFullMarks = true;
    else rows.push(row(order, displayCode(area), area.title, area.max, area.prior, area.score, 'fullMarks', areaScoreCell(table, crit, u)));
  }
  // (A stable sort: rows with the same order keep theirs.)
  return rows.sort((p, q) => p.order - q.order);
}

/**
 * The Trạng thái cell of each status, alone and followed by "full marks" (an area at full marks
 * whose row also shows a change): one shared content per label (performance, bench/).
 */
function statusContents(
  L: Labels,
  shared: SharedContents,
): { alone: Record<Status, CellContent>; withFullMarks: Record<Status, CellContent> } {
  const statuses: Status[] = ['declined', 'improved', 'unchanged', 'new', 'removed', 'fullMarks'];
  const alone = {} as Record<Status, CellContent>;
  const withFullMarks = {} as Record<Status, CellContent>;
  for (const s of statuses) {
    alone[s] = shared.text(L.status[s]);
    withFullMarks[s] = shared.text(`${L.status[s]}; ${L.status.fullMarks}`);
  }
  return { alone, withFullMarks };
}

/** stored(subScores(score, prior)) without making the difference's Decimal (performance, bench/). */
function storedDelta(score: Decimal, prior: Decimal): number {
  const ms = milliOf(score);
  const mp = milliOf(prior);
  if (ms !== undefined && mp !== undefined && Math.abs(ms - mp) <= 1e15) {
    const m = ms - mp;
    return m === 0 ? 0 : m / 1000;
  }
  return stored(subScores(score, prior)) as number;
}

/** The comparison sheet's content, built top down; `r` is the last row written. */
interface SheetDraft {
  g: Grid;
  styles: { range: string; style: CellStyle }[];
  hyperlinks: Hyperlink[];
  cfs: ConditionalFormatPlan[];
  shared: SharedContents;
  r: number;
}

const WIDTH = 8;

export function planComparison(c: Comparison, locale: Locale = 'vi'): ComparisonPlan {
  const L = LABELS[locale];
  const y = c.year !== null ? String(c.year) : '';
  const p = c.priorYear !== null ? String(c.priorYear) : '';
  const sourceSheet = c.current.table.sheet;
  const d: SheetDraft = { g: new Grid(), styles: [], hyperlinks: [], cfs: [], shared: new SharedContents(), r: 0 };
  d.g.set(1, 1, text(L.title(y, p)));
  d.styles.push({ range: 'A1', style: 'title' });
  d.g.set(2, 1, text(`${L.sources(c)} ${L.level[c.level]} ${L.ties[c.ties]}`));
  d.styles.push({ range: 'A2', style: 'subtitle' });
  // Remarks: one paragraph per unit.
  d.r = 4;
  d.g.set(d.r, 1, text(L.remarks));
  d.styles.push({ range: `A${d.r}`, style: 'bold' });
  for (const para of comparisonParagraphs(c, locale)) d.g.setRow(++d.r, [text(para)]);
  const unitFirst = unitsTable(d, c, L, y, p);
  const matrix = c.units.length > MATRIX_ABOVE_UNITS && c.level !== 'totals';
  if (matrix) criteriaMatrix(d, c, L, y, p);
  else criteriaTable(d, c, L, y, p);
  const sheet: GeneratedSheet = {
    name: L.sheet(y, p),
    purpose: 'comparison',
    rows: d.g.rows,
    styles: d.styles,
    // (The matrix's unit columns as wide as the units table's figures.)
    columnWidths: matrix ? [32, 14, 14, 14, 14, 14, 14, 36, ...c.units.slice(6).map(() => 14)] : [32, 14, 44, 14, 14, 14, 14, 36],
    freezeRows: 1,
    hyperlinks: d.hyperlinks,
    conditionalFormats: d.cfs,
  };
  const chart = totalsChart(d.g.rows, unitFirst, unitFirst + c.units.length - 1, y, p, locale);
  if (chart) sheet.charts = [chart];
  const compared = comparedCells(c);
  const priorValues = priorValuesSheet(c, compared, L, p);
  const live = liveHighlights(c, compared);
  const definedNames: DefinedNamePlan[] = priorValues
    ? [{ name: priorValuesName(sourceSheet), sheet: priorValues.name, range: priorValues.range }]
    : [];
  const sheets = priorValues ? [sheet, priorValues.sheet] : [sheet];
  return {
    sheet,
    live,
    priorValues: priorValues?.sheet ?? null,
    definedNames,
    write: { cellWrites: [], sheets, conditionalFormats: live, definedNames },
  };
}

/** A table's label and header row, two rows below what is written. */
function tableHead(d: SheetDraft, label: string, headers: string[]): void {
  d.r += 2;
  d.g.set(d.r, 1, text(label));
  d.styles.push({ range: `A${d.r}`, style: 'bold' });
  d.r++;
  headers.forEach((h, i) => d.g.set(d.r, i + 1, text(h)));
  d.styles.push({ range: `A${d.r}:${columnLetter(WIDTH)}${d.r}`, style: 'header' });
}

/** The units table: totals, ranks and their changes, one row per unit, then the prior-only units. Returns its first row. */
function unitsTable(d: SheetDraft, c: Comparison, L: Labels, y: string, p: string): number {
  tableHead(d, L.unitsLabel, L.unitHeaders(y, p));
  const unitFirst = d.r + 1;
  for (const u of c.units) {
    d.r++;
    d.hyperlinks.push({ address: `A${d.r}`, sheet: c.current.table.sheet, cell: u.cell });
    d.g.setRow(d.r, unitCells(d, u, L));
  }
  for (const po of c.priorOnly) {
    d.r++;
    d.g.set(d.r, 1, text(po.unit));
    d.g.set(d.r, 2, num(stored(po.total) as number));
    if (po.rank !== null) d.g.set(d.r, 5, num(po.rank));
    d.g.set(d.r, 8, text(L.notThisYear(y)));
  }
  if (d.r < unitFirst) return unitFirst;
  for (const col of ['D', 'G']) {
    const tl = `${col}${unitFirst}`;
    const range = `${tl}:${col}${d.r}`;
    d.cfs.push({ range, formula: `=AND(ISNUMBER(${tl}),${tl}<0)`, style: 'decline' });
    d.cfs.push({ range, formula: `=AND(ISNUMBER(${tl}),${tl}>0)`, style: 'improved' });
  }
  return unitFirst;
}

/** A unit's row (as g.set one by one would leave it: gaps EMPTY; shared contents for the same numbers). */
function unitCells(d: SheetDraft, u: UnitComparison, L: Labels): CellContent[] {
  const r = d.r;
  const cells: CellContent[] = [text(u.unit), EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY];
  if (u.priorTotal !== null) cells[1] = d.shared.score(u.priorTotal);
  if (u.filled) cells[2] = d.shared.score(u.total);
  if (u.priorTotal !== null && u.filled && u.delta) cells[3] = formula(`=C${r}-B${r}`, stored(u.delta) as number, DELTA_FORMAT);
  if (u.priorRank !== null) cells[4] = d.shared.num(u.priorRank);
  if (u.rank !== null) cells[5] = d.shared.num(u.rank);
  if (u.rankChange !== null) cells[6] = formula(`=E${r}-F${r}`, u.rankChange, RANK_CHANGE_FORMAT);
  const notes: string[] = [];
  if (!u.filled) notes.push(L.noScores);
  if (u.priorUnit === null) notes.push(L.notComparable);
  else if (unitKey(u.priorUnit) !== unitKey(u.unit)) notes.push(L.comparedWith(u.priorUnit));
  if (u.mergedFrom.length > 0) notes.push(L.mergedFrom(u.mergedFrom));
  if (notes.length > 0) cells[7] = text(notes.join('; '));
  return cells;
}

/** The criteria table (long format): each unit's changed criteria and areas at full marks. */
function criteriaTable(d: SheetDraft, c: Comparison, L: Labels, y: string, p: string): void {
  tableHead(d, L.criteriaLabel[c.level], L.criteriaHeaders(y, p));
  const critFirst = d.r + 1;
  const context = criteriaContext(c);
  const status = statusContents(L, d.shared);
  for (const u of c.units) {
    const rows = unitCriteriaRows(context, u);
    if (rows.length === 0) continue;
    const unitCell = d.shared.text(u.unit);
    for (const row of rows) {
      const r = ++d.r;
      if (row.cell) d.hyperlinks.push({ address: `B${r}`, sheet: c.current.table.sheet, cell: row.cell });
      d.g.setRow(r, [
        unitCell,
        d.shared.text(row.code),
        d.shared.text(row.title),
        d.shared.score(row.max),
        d.shared.score(row.prior),
        d.shared.score(row.score),
        // (With its '=': the same formula without a second string per row.)
        row.score && row.prior ? formula(`=F${r}-E${r}`, storedDelta(row.score, row.prior), DELTA_FORMAT) : EMPTY,
        (row.alsoFullMarks ? status.withFullMarks : status.alone)[row.status],
      ]);
    }
  }
  if (d.r < critFirst) {
    d.g.set(++d.r, 1, text(L.noChanges));
    return;
  }
  const gl = `G${critFirst}`;
  const gRange = `${gl}:G${d.r}`;
  d.cfs.push({ range: gRange, formula: `=AND(ISNUMBER(${gl}),${gl}<0)`, style: 'decline' });
  d.cfs.push({ range: gRange, formula: `=AND(ISNUMBER(${gl}),${gl}>0)`, style: 'improved' });
  d.cfs.push({
    range: `F${critFirst}:F${d.r}`,
    formula: `=AND(ISNUMBER(F${critFirst}),ISNUMBER(D${critFirst}),F${critFirst}>=D${critFirst})`,
    style: 'fullMarks',
  });
}

/** The criteria table as a matrix: one row per compared criterion, one column per unit (see the header). */
function criteriaMatrix(d: SheetDraft, c: Comparison, L: Labels, y: string, p: string): void {
  d.r += 2;
  d.g.set(d.r, 1, text(L.matrixLabel(y, p)));
  d.styles.push({ range: `A${d.r}`, style: 'bold' });
  const header = ++d.r;
  const cells: CellContent[] = L.matrixHeaders.map((h) => text(h));
  c.units.forEach((u, i) => {
    cells.push(text(u.unit));
    d.hyperlinks.push({ address: `${columnLetter(3 + i)}${header}`, sheet: c.current.table.sheet, cell: u.cell });
  });
  d.g.setRow(header, cells);
  const lastCol = columnLetter(2 + c.units.length);
  d.styles.push({ range: `A${header}:${lastCol}${header}`, style: 'header' });
  // Every unit compared has the same entries in the same order (compareYears): the rows come from one.
  const skeleton = c.units.find((u) => u.criteria.length > 0)?.criteria ?? [];
  skeleton.forEach((entry, k) => {
    if (entry.status === 'removed') return;
    const row: CellContent[] = [d.shared.text(`${displayCode(entry)} ${entry.title}`), d.shared.score(entry.max)];
    for (const u of c.units) {
      const e = u.criteria[k];
      row.push(e && e.score && e.prior ? d.shared.num(storedDelta(e.score, e.prior), DELTA_FORMAT) : EMPTY);
    }
    d.g.setRow(++d.r, row);
  });
  if (d.r === header) {
    d.g.set(++d.r, 1, text(L.noChanges));
    return;
  }
  const tl = `C${header + 1}`;
  const range = `${tl}:${lastCol}${d.r}`;
  d.cfs.push({ range, formula: `=AND(ISNUMBER(${tl}),${tl}<0)`, style: 'decline' });
  d.cfs.push({ range, formula: `=AND(ISNUMBER(${tl}),${tl}>0)`, style: 'improved' });
}

/**
 * The defined name over the last year's values of one current sheet: the tool's namespace, and a
 * 32-bit FNV-1a hash of the sheet's name (NFC, lower case: Excel's sheet-name comparison), so each
 * highlighted sheet has its own and a rerun on the same sheet finds the same name. A name of
 * letters, digits and '_' that no cell reference or R1C1 form can be.
 */
export function priorValuesName(sheet: string): string {
  let h = 0x811c9dc5;
  for (const ch of sheet.normalize('NFC').toLowerCase()) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `PAR_TRUOC_${h.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** The compared cells of the current sheet (row, column, last year's score) and the block they span. */
interface ComparedCells {
  cells: { row: number; col: number; prior: Decimal }[];
  block: { top: number; left: number; bottom: number; right: number };
}

/** See the file comment; null when no cell is compared (a summary table: none). */
function comparedCells(c: Comparison): ComparedCells | null {
  const table = c.current.table;
  if (table.layout === 'summary' || !table.maxCol) return null;
  const cells: ComparedCells['cells'] = [];
  const block = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
  for (const u of c.units) {
    if (u.priorUnit === null) continue;
    for (const cr of u.criteria) {
      if (!(cr.row > 0 && Number.isInteger(cr.row) && cr.prior !== null && cr.score !== null)) continue;
      cells.push({ row: cr.row, col: u.index, prior: cr.prior });
      if (cr.row < block.top) block.top = cr.row;
      if (cr.row > block.bottom) block.bottom = cr.row;
      if (u.index < block.left) block.left = u.index;
      if (u.index > block.right) block.right = u.index;
    }
  }
  return cells.length > 0 ? { cells, block } : null;
}

/**
 * The hidden sheet of last year's values, each at its current cell's address (a number rounded to
 * 3 decimals, as the comparison compares), with a note in A1 for whoever unhides it; and the range
 * the defined name covers.
 */
function priorValuesSheet(
  c: Comparison,
  compared: ComparedCells | null,
  L: Labels,
  p: string,
): { sheet: GeneratedSheet; name: string; range: string } | null {
  if (!compared) return null;
  const { block } = compared;
  const g = new Grid();
  const current = c.current.table.sheet;
  // (The note sits above the block: compared cells are scores, below the table's header rows.)
  if (block.top > 1) g.set(1, 1, text(L.priorValuesNote(p, current)));
  const shared = new SharedContents();
  // (The number a literal() gives, without its text: the integer thousandths first, performance.)
  const value = (d: Decimal) => {
    const m = milliOf(d);
    return shared.num(m !== undefined ? m / 1000 : Number(literal(d)));
  };
  for (const x of compared.cells) g.set(x.row, x.col, value(x.prior));
  const name = L.priorValuesSheet(p, current);
  const sheet: GeneratedSheet = {
    name,
    purpose: 'prior-values',
    rows: g.rows,
    styles: [],
    columnWidths: [],
    freezeRows: 0,
    hyperlinks: [],
    conditionalFormats: [],
    hidden: true,
  };
  return { sheet, name, range: `${a1(block.top, block.left)}:${a1(block.bottom, block.right)}` };
}

/** A number as an Excel formula literal (English syntax), rounded to 3 decimals. */
function literal(d: Decimal): string {
  const m = milliOf(d);
  if (m !== undefined) return String(m / 1000); // performance: the integer path (same text)
  const s = d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed();
  return s === '-0' ? '0' : s;
}

/** Highlights on the current sheet; see the file comment for the design. */
export function liveHighlights(c: Comparison, compared: ComparedCells | null = comparedCells(c)): LiveConditionalFormat[] {
  const table = c.current.table;
  if (table.layout === 'summary' || !table.maxCol) return [];
  const sheet = table.sheet;
  const out: LiveConditionalFormat[] = [];
  const maxLetter = columnLetter(table.maxCol);

  // Declines: one rule over the block of compared cells, reading last year's value at the same
  // offset in the name's block (see the file comment).
  if (compared) {
    const { block } = compared;
    const tl = a1(block.top, block.left);
    const abs = `$${columnLetter(block.left)}$${block.top}`;
    const prior = `INDEX(${priorValuesName(sheet)},ROW()-ROW(${abs})+1,COLUMN()-COLUMN(${abs})+1)`;
    out.push({
      sheet,
      range: `${tl}:${a1(block.bottom, block.right)}`,
      formula: `=AND(ISNUMBER(${tl}),ISNUMBER(${prior}),${tl}<${prior})`,
      style: 'decline',
    });
  }

  // Shortfalls: leaf-row runs × score-column runs.
  const leafRows = table.criteria.filter(isLeaf).map((cr) => cr.row);
  const cols = consecutiveRuns(table.series.map((s) => s.index));
  for (const [top, bottom] of consecutiveRuns(leafRows)) {
    for (const [left, right] of cols) {
      const tl = a1(top, left);
      out.push({
        sheet,
        range: `${tl}:${a1(bottom, right)}`,
        formula: `=AND(ISNUMBER(${tl}),ISNUMBER($${maxLetter}${top}),${tl}<$${maxLetter}${top})`,
        style: 'shortfall',
      });
    }
  }
  return out;
}
