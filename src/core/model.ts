/**
 * What detection finds in a sheet: a scoring table in one of three layouts, its criteria tree
 * (from the codes) and its units. Everything is addressed by 1-based row/column numbers so that
 * rules can name the A1 cell of every finding.
 */
import type Decimal from 'decimal.js';

export type Layout = 'scorecard' | 'consolidated' | 'summary';

/** area = lĩnh vực, criterion = tiêu chí, sub = tiêu chí thành phần (and deeper checklist items). */
export type CriterionLevel = 'area' | 'criterion' | 'sub';

/** Rows that are not part of the criteria tree but count towards the total. */
export type AdjustmentKind = 'bonus' | 'penalty';

export interface Criterion {
  /** Canonical key from the code: Roman "II" and "2." both become "2"; "1.1." becomes "1.1". */
  key: string;
  /** The code as typed ("II", "1.", "1.1.1"). */
  rawCode: string;
  title: string;
  /** 1 = area, 2 = criterion, 3+ = sub-criterion. */
  depth: number;
  level: CriterionLevel;
  parentKey: string | null;
  childKeys: string[];
  /**
   * Where the criterion lives. Criteria-as-rows layouts: `row` is its row and `codeCell`/`titleCell`
   * are in that row. Summary layout: the criterion is an area column; `col` is that column.
   */
  row: number;
  col: number;
  codeCell: string;
  titleCell: string;
  /** The maximum as a decimal, or null when missing or not a number (rules report it). */
  max: Decimal | null;
  /** A1 of the maximum's cell ('' when the layout has no cell for it). */
  maxCell: string;
  /** Survey-based criteria (điều tra xã hội học, SIPAS, …): proportional scores, no evidence needed. */
  survey: boolean;
  /** Scoring rule text found in the row (Ghi chú / Thang điểm), if any. */
  ruleText?: string;
  hidden: boolean;
}

/** A bonus (điểm thưởng/cộng) or penalty (điểm trừ) row or column. */
export interface Adjustment {
  kind: AdjustmentKind;
  title: string;
  row: number;
  col: number;
  max: Decimal | null;
}

/** How a unit's scores are laid out: a column (criteria as rows) or a row (summary layout). */
export type ScoreSeriesRole = 'unit' | 'self' | 'appraised';

export interface ScoreSeries {
  /** Display name: the unit's name, or for a scorecard the column header ("Điểm tự đánh giá"). */
  name: string;
  role: ScoreSeriesRole;
  /** Column (criteria-as-rows layouts) or row (summary layout) of the series. */
  index: number;
  /** A1 of the header cell naming the series. */
  headerCell: string;
}

export interface ScoringTable {
  /** Stable within a workbook: `${sheet}!${range}`. */
  id: string;
  sheet: string;
  layout: Layout;
  /** A1 range from the first header row to the last table row/column. */
  range: string;
  /** Header rows (one or two). */
  headerRows: number[];
  /** First and last data row (criteria-as-rows) or unit row (summary). */
  firstDataRow: number;
  lastDataRow: number;
  title: string;
  year: number | null;
  yearSource: 'title' | 'sheet' | 'file' | null;
  /** Group noun for report sentences when the title names one ("xã, phường"), else null. */
  groupNoun: string | null;
  /** The unit a scorecard belongs to, from its title ("UBND XÃ HÒA BÌNH" → "Xã Hòa Bình"); null when unknown. */
  unitName: string | null;
  codeCol: number;
  titleCol: number;
  /** Column of maxima (criteria-as-rows); 0 for summary. */
  maxCol: number;
  /** Row of maxima in the summary layout (0 when maxima are only in the header text, or absent). */
  maxRow: number;
  evidenceCol: number;
  noteCol: number;
  criteria: Criterion[];
  adjustments: Adjustment[];
  series: ScoreSeries[];
  /** Total row (criteria-as-rows) or total column (summary); 0 when absent. */
  totalIndex: number;
  /** Rank row (consolidated) or rank column (summary); 0 when absent. */
  rankIndex: number;
  /** Column holding the unit names in the summary layout; 0 otherwise. */
  unitNameCol: number;
}

/** The A1 cell holding series `s`'s score for criterion `c`. */
/** A criterion with no children: a row scored directly (duplicates of a key attach to its first row). */
export function isLeaf(c: Criterion): boolean {
  return c.childKeys.length === 0;
}

export function scoreRowCol(table: ScoringTable, c: { row: number; col: number }, s: ScoreSeries): { row: number; col: number } {
  return table.layout === 'summary' ? { row: s.index, col: c.col } : { row: c.row, col: s.index };
}
