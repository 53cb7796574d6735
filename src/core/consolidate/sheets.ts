/**
 * The generated sheets of a consolidation: `Tổng hợp <year>` (criteria as rows, one column per
 * unit, live SUM formulas; totals and ranks are filled in afterwards by the compute planner),
 * `Chênh lệch thẩm định` (self-assessed vs appraised, for the appraisal council to sign) and
 * `Kiểm tra` (each file's status and findings).
 */
import Decimal from 'decimal.js';
import { columnLetter, parseA1 } from '../a1';
import type { Finding, Locale, Severity } from '../finding';
import type { Criterion } from '../model';
import { EMPTY, formula, num, text, type CellContent, type GeneratedSheet } from '../plan';
import { SCORE_DECIMALS } from '../scores';
import type { Cell, SheetSnapshot } from '../snapshot';
import { foldText } from '../text';

export type ScoreChoice = 'appraised' | 'self';

const round = (d: Decimal) => d.toDecimalPlaces(SCORE_DECIMALS, Decimal.ROUND_HALF_UP).toNumber();

/** Layout of the consolidation sheet (1-based rows and columns). */
export const CONSOLIDATION = {
  titleRow: 1,
  subtitleRow: 2,
  headerRow: 4,
  unitRow: 5,
  choiceRow: 6,
  firstRow: 7,
  codeCol: 1,
  titleCol: 2,
  maxCol: 3,
  firstUnitCol: 4,
} as const;

export interface UnitColumn {
  unit: string;
  choice: ScoreChoice;
  /** Leaf key → score (null: empty cell). */
  leaves: Map<string, Decimal | null>;
  bonus: Decimal | null;
  penalty: Decimal | null;
}

export interface ConsolidationLayout {
  /** Criterion key → row. */
  rows: Map<string, number>;
  bonusRow: number;
  penaltyRow: number;
  totalRow: number;
  rankRow: number;
  lastCol: number;
  /** Unit index → column. */
  unitCol: (i: number) => number;
}

export const SHEET_NAMES = {
  vi: { consolidation: 'Tổng hợp', differences: 'Chênh lệch thẩm định', checks: 'Kiểm tra' },
  en: { consolidation: 'Tổng hợp', differences: 'Appraisal differences', checks: 'Checks' },
} as const;

/** "Xã …", "Phường …" → "XÃ, PHƯỜNG" for the title ("… CỦA UBND CÁC XÃ, PHƯỜNG"); null when mixed with unknown kinds. */
function groupOf(units: string[]): string | null {
  const kinds: [RegExp, string][] = [
    [/^xa\s/, 'XÃ'],
    [/^phuong\s/, 'PHƯỜNG'],
    [/^dac khu\s/, 'ĐẶC KHU'],
    [/^thi tran\s/, 'THỊ TRẤN'],
    [/^huyen\s/, 'HUYỆN'],
    [/^thi xa\s/, 'THỊ XÃ'],
    [/^thanh pho\s/, 'THÀNH PHỐ'],
    [/^quan\s/, 'QUẬN'],
  ];
  const found = new Set<string>();
  for (const u of units) {
    const f = foldText(u);
    const k = kinds.find(([re]) => re.test(f));
    if (!k) return null;
    found.add(k[1]);
  }
  const ordered = kinds.map(([, k]) => k).filter((k) => found.has(k));
  return ordered.length > 0 ? ordered.join(', ') : null;
}

export function consolidationTitle(year: number | null, units: string[]): string {
  const group = groupOf(units);
  return `BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH${year ? ` NĂM ${year}` : ''}${group ? ` CỦA UBND CÁC ${group}` : ''}`;
}

export function consolidationLayout(criteria: Criterion[], unitCount: number, bonus: boolean, penalty: boolean): ConsolidationLayout {
  const rows = new Map<string, number>();
  criteria.forEach((c, i) => rows.set(c.key, CONSOLIDATION.firstRow + i));
  let next = CONSOLIDATION.firstRow + criteria.length;
  const bonusRow = bonus ? next++ : 0;
  const penaltyRow = penalty ? next++ : 0;
  const totalRow = next++;
  const rankRow = next++;
  return {
    rows,
    bonusRow,
    penaltyRow,
    totalRow,
    rankRow,
    lastCol: CONSOLIDATION.firstUnitCol + Math.max(unitCount, 1) - 1,
    unitCol: (i) => CONSOLIDATION.firstUnitCol + i,
  };
}

/**
 * The consolidation grid. Leaves are numbers, parents live SUM formulas over their children with
 * the exact sum cached; the total and rank rows are left empty for the compute planner. The
 * header vocabulary is the official form's (Vietnamese), so the engine detects the sheet as a
 * consolidation like any other.
 */
export function consolidationSheet(
  name: string,
  criteria: Criterion[],
  columns: UnitColumn[],
  layout: ConsolidationLayout,
  title: string,
  subtitle: string,
): GeneratedSheet {
  const C = CONSOLIDATION;
  const grid = new SheetGrid();
  const put = grid.put;
  put(C.titleRow, 1, text(title));
  put(C.subtitleRow, 1, text(subtitle));
  put(C.headerRow, C.codeCol, text('STT'));
  put(C.headerRow, C.titleCol, text('Lĩnh vực/Tiêu chí/Tiêu chí thành phần'));
  put(C.headerRow, C.maxCol, text('Điểm tối đa'));
  put(C.headerRow, C.firstUnitCol, text('Điểm đạt được của các đơn vị'));
  put(C.choiceRow, C.titleCol, text('Điểm được tổng hợp'));
  columns.forEach((u, i) => {
    put(C.unitRow, layout.unitCol(i), text(u.unit));
    put(C.choiceRow, layout.unitCol(i), text(u.choice === 'appraised' ? 'Thẩm định' : 'Tự đánh giá'));
  });
  criteriaRows(grid, criteria, columns, layout);
  adjustmentAndTotalRows(grid, criteria, columns, layout);
  return {
    name,
    purpose: 'consolidation',
    rows: grid.rows,
    styles: consolidationStyles(criteria, layout),
    columnWidths: [7, 60, 10, ...columns.map(() => 13)],
    freezeRows: C.choiceRow,
    hyperlinks: [],
    conditionalFormats: [],
  };
}

/** Rows of cells filled by position (gaps EMPTY). */
class SheetGrid {
  readonly rows: CellContent[][] = [];
  readonly put = (row: number, col: number, c: CellContent): void => {
    while (this.rows.length < row) this.rows.push([]);
    const r = this.rows[row - 1];
    while (r.length < col) r.push(EMPTY);
    r[col - 1] = c;
  };
}

/** One row per criterion: leaves as numbers, parents as live SUM formulas with the exact sum cached. */
function criteriaRows(grid: SheetGrid, criteria: Criterion[], columns: UnitColumn[], layout: ConsolidationLayout): void {
  const C = CONSOLIDATION;
  const put = grid.put;
  const byKey = new Map(criteria.map((c) => [c.key, c]));
  const valueOf = (u: UnitColumn, c: Criterion, seen = new Set<string>()): Decimal => {
    if (c.childKeys.length === 0 || seen.has(c.key)) return u.leaves.get(c.key) ?? new Decimal(0);
    seen.add(c.key);
    return c.childKeys.reduce((s, k) => (byKey.has(k) ? s.plus(valueOf(u, byKey.get(k)!, seen)) : s), new Decimal(0));
  };
  for (const c of criteria) {
    const r = layout.rows.get(c.key)!;
    put(r, C.codeCol, text(c.rawCode || c.key));
    put(r, C.titleCol, text(c.title));
    put(r, C.maxCol, c.max ? num(round(c.max)) : EMPTY);
    const childRows = c.childKeys.map((k) => layout.rows.get(k)).filter((x): x is number => x !== undefined);
    columns.forEach((u, i) => {
      const col = layout.unitCol(i);
      if (childRows.length > 0) {
        const letter = columnLetter(col);
        put(r, col, formula(`=SUM(${childRows.map((cr) => `${letter}${cr}`).join(',')})`, round(valueOf(u, c))));
      } else {
        const v = u.leaves.get(c.key);
        put(r, col, v === null || v === undefined ? EMPTY : num(v.toNumber()));
      }
    });
  }
}

/** Bonus and penalty rows (when any form has them), the total row with the maxima's sum, the empty rank row. */
function adjustmentAndTotalRows(grid: SheetGrid, criteria: Criterion[], columns: UnitColumn[], layout: ConsolidationLayout): void {
  const C = CONSOLIDATION;
  const put = grid.put;
  if (layout.bonusRow) {
    put(layout.bonusRow, C.titleCol, text('Điểm thưởng'));
    columns.forEach((u, i) => put(layout.bonusRow, layout.unitCol(i), u.bonus ? num(u.bonus.toNumber()) : EMPTY));
  }
  if (layout.penaltyRow) {
    put(layout.penaltyRow, C.titleCol, text('Điểm trừ'));
    columns.forEach((u, i) => put(layout.penaltyRow, layout.unitCol(i), u.penalty ? num(u.penalty.toNumber()) : EMPTY));
  }
  const areas = criteria.filter((c) => c.depth === 1);
  const maxLetter = columnLetter(C.maxCol);
  const maxSum = areas.reduce((s, a) => s.plus(a.max ?? 0), new Decimal(0));
  put(layout.totalRow, C.titleCol, text('TỔNG ĐIỂM'));
  put(
    layout.totalRow,
    C.maxCol,
    formula(`=ROUND(SUM(${areas.map((a) => `${maxLetter}${layout.rows.get(a.key)}`).join(',')}),${SCORE_DECIMALS})`, round(maxSum)),
  );
  put(layout.rankRow, C.titleCol, text('XẾP HẠNG'));
  put(layout.rankRow, layout.lastCol, EMPTY);
}

function consolidationStyles(criteria: Criterion[], layout: ConsolidationLayout): GeneratedSheet['styles'] {
  const C = CONSOLIDATION;
  const areas = criteria.filter((c) => c.depth === 1);
  const last = columnLetter(layout.lastCol);
  const lastCriterionRow = C.firstRow + criteria.length - 1;
  return [
    { range: `A${C.titleRow}`, style: 'title' },
    { range: `A${C.subtitleRow}`, style: 'subtitle' },
    { range: `A${C.headerRow}:${last}${C.choiceRow}`, style: 'header' },
    { range: `B${C.firstRow}:B${Math.max(C.firstRow, lastCriterionRow)}`, style: 'wrap' },
    ...areas.map((a) => ({ range: `A${layout.rows.get(a.key)}:${last}${layout.rows.get(a.key)}`, style: 'bold' as const })),
    { range: `A${layout.totalRow}:${last}${layout.totalRow}`, style: 'total' },
    { range: `A${layout.rankRow}:${last}${layout.rankRow}`, style: 'bold' },
  ];
}

/** Merged header cells of the consolidation sheet, for hosts that can merge (the form's look). */
export function consolidationMerges(layout: ConsolidationLayout): string[] {
  const C = CONSOLIDATION;
  const merges = [`A${C.headerRow}:A${C.unitRow}`, `B${C.headerRow}:B${C.unitRow}`, `C${C.headerRow}:C${C.unitRow}`];
  if (layout.lastCol > C.firstUnitCol)
    merges.push(`${columnLetter(C.firstUnitCol)}${C.headerRow}:${columnLetter(layout.lastCol)}${C.headerRow}`);
  return merges;
}

/** A generated sheet as the engine's snapshot, so it can be detected and analysed like a user's sheet. */
export function sheetToSnapshot(sheet: GeneratedSheet, merges: string[] = []): SheetSnapshot {
  const cells: (Cell | null)[][] = sheet.rows.map((row) =>
    row.map((c): Cell | null => {
      switch (c.kind) {
        case 'empty':
          return null;
        case 'text':
          return { v: c.value, t: 's' };
        case 'number':
          return c.numberFormat ? { v: c.value, t: 'n', fmt: c.numberFormat } : { v: c.value, t: 'n' };
        case 'formula': {
          const cell: Cell = { v: c.cached ?? null, t: typeof c.cached === 'string' ? 's' : 'n', f: c.formula.replace(/^=/, '') };
          return cell;
        }
      }
    }),
  );
  return { name: sheet.name, cells, merges, hiddenRows: [], hiddenColumns: [], protected: false, visibility: 'visible' };
}

/** Put a cell write (from the compute planner) into a generated sheet's rows. */
export function setCell(sheet: GeneratedSheet, address: string, content: CellContent): void {
  const { row, col } = parseA1(address);
  while (sheet.rows.length < row) sheet.rows.push([]);
  const r = sheet.rows[row - 1];
  while (r.length < col) r.push(EMPTY);
  r[col - 1] = content;
}

// ---------------------------------------------------------------------------------------------
// Appraisal differences (Chênh lệch thẩm định)

export interface Difference {
  unit: string;
  file: string;
  key: string;
  code: string;
  title: string;
  max: Decimal | null;
  self: Decimal | null;
  appraised: Decimal | null;
  evidence: string;
  note: string;
}

export interface DifferenceUnit {
  unit: string;
  /** 'none': appraised equals self everywhere; 'not-appraised': no appraised score yet. */
  status: 'differences' | 'none' | 'not-appraised';
}

const DIFF = {
  vi: {
    title: (y: number | null) =>
      `BẢNG CHÊNH LỆCH GIỮA ĐIỂM TỰ ĐÁNH GIÁ VÀ ĐIỂM THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH${y ? ` NĂM ${y}` : ''}`,
    subtitle: 'Các tiêu chí có điểm thẩm định khác điểm tự đánh giá. Chênh lệch = Thẩm định − Tự đánh giá.',
    head: ['Đơn vị', 'Mã', 'Tiêu chí', 'Điểm tối đa', 'Tự đánh giá', 'Thẩm định', 'Chênh lệch', 'Tài liệu kiểm chứng', 'Ghi chú'],
    none: 'Không có chênh lệch giữa điểm tự đánh giá và điểm thẩm định.',
    notAppraised: 'Chưa có điểm thẩm định.',
    place: '……………, ngày …… tháng …… năm ……',
    preparer: 'NGƯỜI LẬP BIỂU',
    chair: 'CHỦ TỊCH HỘI ĐỒNG THẨM ĐỊNH',
    sign: '(Ký, ghi rõ họ tên)',
    signSeal: '(Ký tên, đóng dấu)',
  },
  en: {
    title: (y: number | null) => `DIFFERENCES BETWEEN SELF-ASSESSED AND APPRAISED SCORES${y ? ` ${y}` : ''}`,
    subtitle: 'Criteria whose appraised score differs from the self-assessed score. Difference = appraised − self-assessed.',
    head: ['Unit', 'Code', 'Criterion', 'Maximum', 'Self-assessed', 'Appraised', 'Difference', 'Evidence', 'Notes'],
    none: 'No difference between the self-assessed and appraised scores.',
    notAppraised: 'No appraised scores yet.',
    place: '……………, date ……………',
    preparer: 'PREPARED BY',
    chair: 'CHAIR OF THE APPRAISAL COUNCIL',
    sign: '(signature, full name)',
    signSeal: '(signature and seal)',
  },
} as const;

export const DIFFERENCES_HEADER_ROW = 4;

export function differencesSheet(
  name: string,
  year: number | null,
  units: DifferenceUnit[],
  differences: Difference[],
  locale: Locale,
): GeneratedSheet {
  const h = DIFF[locale];
  const rows: CellContent[][] = [[text(h.title(year))], [text(h.subtitle)], [], h.head.map(text)];
  const bold: { range: string; style: 'bold' }[] = [];
  for (const u of units) {
    const mine = differences.filter((d) => d.unit === u.unit);
    if (mine.length === 0) {
      rows.push([text(u.unit), EMPTY, text(u.status === 'not-appraised' ? h.notAppraised : h.none)]);
      continue;
    }
    for (const d of mine) {
      const r = rows.length + 1;
      const delta = (d.appraised ?? new Decimal(0)).minus(d.self ?? 0);
      rows.push([
        text(d.unit),
        text(d.code),
        text(d.title),
        d.max ? num(round(d.max)) : EMPTY,
        d.self ? num(d.self.toNumber()) : EMPTY,
        d.appraised ? num(d.appraised.toNumber()) : EMPTY,
        formula(`=ROUND(F${r}-E${r},${SCORE_DECIMALS})`, round(delta)),
        d.evidence ? text(d.evidence) : EMPTY,
        d.note ? text(d.note) : EMPTY,
      ]);
    }
  }
  const lastData = rows.length;
  rows.push([]);
  const placeRow = rows.length + 1;
  rows.push([EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, text(h.place)]);
  const signRow = rows.length + 1;
  rows.push([EMPTY, text(h.preparer), EMPTY, EMPTY, EMPTY, EMPTY, text(h.chair)]);
  rows.push([EMPTY, text(h.sign), EMPTY, EMPTY, EMPTY, EMPTY, text(h.signSeal)]);
  bold.push({ range: `B${signRow}:G${signRow}`, style: 'bold' });
  return {
    name,
    purpose: 'differences',
    rows,
    styles: [
      { range: 'A1', style: 'title' },
      { range: 'A2', style: 'subtitle' },
      { range: `A${DIFFERENCES_HEADER_ROW}:I${DIFFERENCES_HEADER_ROW}`, style: 'header' },
      ...(lastData > DIFFERENCES_HEADER_ROW ? [{ range: `C${DIFFERENCES_HEADER_ROW + 1}:C${lastData}`, style: 'wrap' as const }] : []),
      ...(lastData > DIFFERENCES_HEADER_ROW ? [{ range: `H${DIFFERENCES_HEADER_ROW + 1}:I${lastData}`, style: 'wrap' as const }] : []),
      { range: `G${placeRow}`, style: 'subtitle' },
      ...bold,
    ],
    columnWidths: [22, 8, 48, 10, 11, 11, 11, 32, 32],
    freezeRows: DIFFERENCES_HEADER_ROW,
    hyperlinks: [],
    conditionalFormats: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Checks (Kiểm tra)

export interface FileCheck {
  file: string;
  unit: string | null;
  /** Consolidation column letter, or null when the file was left out. */
  column: string | null;
  choice: ScoreChoice | null;
  selfTotal: Decimal | null;
  appraisedTotal: Decimal | null;
  /** Why it was left out (message), when it was. */
  excluded: string | null;
  counts: Record<Severity, number>;
}

export interface FileFinding {
  file: string;
  unit: string | null;
  finding: Finding;
}

const CHECKS = {
  vi: {
    title: (y: number | null) => `KẾT QUẢ KIỂM TRA CÁC PHIẾU TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH${y ? ` NĂM ${y}` : ''}`,
    subtitle: (files: number, used: number, out: number, c: Record<Severity, number>) =>
      `${files} tệp: ${used} được tổng hợp, ${out} bị loại; ${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} lưu ý.`,
    fileHead: ['Tệp', 'Đơn vị', 'Lỗi', 'Cảnh báo', 'Lưu ý', 'Điểm được tổng hợp', 'Trạng thái', 'Tổng tự đánh giá', 'Tổng thẩm định'],
    findingHead: ['Tệp', 'Đơn vị', 'Mức độ', 'Trang tính', 'Ô', 'Mã', 'Nội dung'],
    used: (col: string) => `Đã tổng hợp (cột ${col})`,
    excluded: (why: string) => `Không tổng hợp: ${why}`,
    choice: { appraised: 'Thẩm định', self: 'Tự đánh giá' },
    severity: { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' },
    none: 'Không phát hiện lỗi.',
  },
  en: {
    title: (y: number | null) => `CHECKS OF THE SELF-ASSESSMENT FORMS${y ? ` ${y}` : ''}`,
    subtitle: (files: number, used: number, out: number, c: Record<Severity, number>) =>
      `${files} file(s): ${used} consolidated, ${out} left out; ${c.error} error(s), ${c.warning} warning(s), ${c.info} info.`,
    fileHead: ['File', 'Unit', 'Errors', 'Warnings', 'Info', 'Scores used', 'Status', 'Self-assessed total', 'Appraised total'],
    findingHead: ['File', 'Unit', 'Severity', 'Sheet', 'Cell', 'Code', 'Message'],
    used: (col: string) => `Consolidated (column ${col})`,
    excluded: (why: string) => `Left out: ${why}`,
    choice: { appraised: 'Appraised', self: 'Self-assessed' },
    severity: { error: 'Error', warning: 'Warning', info: 'Info' },
    none: 'No problems found.',
  },
} as const;

export const CHECKS_HEADER_ROW = 4;

export function checksSheet(
  name: string,
  year: number | null,
  files: FileCheck[],
  findings: FileFinding[],
  locale: Locale,
): GeneratedSheet {
  const h = CHECKS[locale];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.finding.severity]++;
  const used = files.filter((f) => f.column).length;
  const rows: CellContent[][] = [
    [text(h.title(year))],
    [text(h.subtitle(files.length, used, files.length - used, counts))],
    [],
    h.fileHead.map(text),
  ];
  for (const f of files) rows.push(fileCheckRow(f, h));
  rows.push([]);
  const findingHeader = rows.length + 1;
  rows.push(h.findingHead.map(text));
  if (findings.length === 0) rows.push([EMPTY, EMPTY, text(h.none)]);
  for (const f of findings) {
    rows.push([
      text(f.file),
      f.unit ? text(f.unit) : EMPTY,
      text(h.severity[f.finding.severity]),
      f.finding.sheet ? text(f.finding.sheet) : EMPTY,
      f.finding.cell ? text(f.finding.cell) : EMPTY,
      text(f.finding.code),
      text(f.finding.message[locale]),
    ]);
  }
  return {
    name,
    purpose: 'findings',
    rows,
    styles: [
      { range: 'A1', style: 'title' },
      { range: 'A2', style: 'subtitle' },
      { range: `A${CHECKS_HEADER_ROW}:I${CHECKS_HEADER_ROW}`, style: 'header' },
      { range: `A${findingHeader}:G${findingHeader}`, style: 'header' },
      { range: `G${CHECKS_HEADER_ROW + 1}:G${Math.max(CHECKS_HEADER_ROW + 1, rows.length)}`, style: 'wrap' },
    ],
    columnWidths: [40, 22, 10, 14, 9, 30, 80, 16, 16],
    freezeRows: 0,
    hyperlinks: [],
    conditionalFormats: [],
  };
}

/** A file's row of the check sheet: its counts, the score used or why it was left out, its totals. */
function fileCheckRow(f: FileCheck, h: (typeof CHECKS)[Locale]): CellContent[] {
  const dec = (d: Decimal | null) => (d ? num(round(d)) : EMPTY);
  return [
    text(f.file),
    f.unit ? text(f.unit) : EMPTY,
    num(f.counts.error),
    num(f.counts.warning),
    num(f.counts.info),
    f.choice ? text(h.choice[f.choice]) : EMPTY,
    text(f.column ? h.used(f.column) : h.excluded(f.excluded ?? '')),
    dec(f.selfTotal),
    dec(f.appraisedTotal),
  ];
}

/** "1.2, 3.1, 4.2, … (+3)": a short list of criterion codes for messages. */
export function shortList(keys: string[], max = 6): string {
  if (keys.length <= max) return keys.join(', ');
  return `${keys.slice(0, max).join(', ')}, … (+${keys.length - max})`;
}
