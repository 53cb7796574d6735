/**
 * A report draft as plain data (issue #18): what an official edits into the yearly PAR report,
 * made by the pure core and rendered by a host (src/hosts/docx). No document-format types here:
 * a block is a heading, a paragraph, a list, a table of display texts or a chart's series.
 */
import type Decimal from 'decimal.js';
import type { Locale } from '../finding';

export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  /** `role` names what the paragraph says, for tests and for hosts that style one differently. */
  | { kind: 'paragraph'; role: ParagraphRole; text: string }
  /** A bulleted list: one item per area of the shortfalls, one per criterion of the target. */
  | { kind: 'list'; role: ParagraphRole; items: string[] }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'chart'; chart: ReportChart };

export type ParagraphRole =
  'title' | 'opening' | 'result' | 'full-marks' | 'gained' | 'declined' | 'below-max' | 'target' | 'none' | 'caption';

export interface ReportTable {
  caption: string;
  header: string[];
  /** Display texts, rounded for display only (83,55; +3,36; 92,18%). */
  rows: string[][];
  /** Per column: true when the column holds numbers (right-aligned). */
  numeric: boolean[];
  /** The last row is a total row (bold). */
  totalRow: boolean;
}

export interface ReportChart {
  title: string;
  /** Unit names, highest total first. */
  categories: string[];
  /** This year first, then the prior year when there is one; null where a unit has no value. */
  series: { name: string; values: (Decimal | null)[] }[];
  /** Index in `categories` of the unit the section is about. */
  highlight: number;
  /** Axis title ("Điểm" / "Points"). */
  valueAxis: string;
  /**
   * The value axis runs from `axisMin` (a multiple of 10 at least 5 points below the lowest bar,
   * never below 0) to the table's maximum: totals of 76–93 on a 0–100 axis look all alike.
   */
  axisMin: number;
  axisMax: number;
}

export interface ReportSection {
  unit: string;
  blocks: ReportBlock[];
  facts: UnitFacts;
  target: TargetFacts | null;
}

export interface ReportDraft {
  locale: Locale;
  title: string;
  /** "(Dự thảo)" / "(Draft)": the document is for the official to edit. */
  subtitle: string;
  /**
   * The heading block of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the
   * issuing body and the document number on the left, the national title, motto and place and
   * date on the right. The workbook names neither body nor number: placeholders the official fills.
   */
  letterhead: { left: string[]; right: string[] };
  year: number | null;
  priorYear: number | null;
  /** One section per unit, in the table's order (or the one unit asked for). */
  sections: ReportSection[];
}

/** One area of one unit: exact figures. */
export interface AreaFacts {
  key: string;
  rawCode: string;
  title: string;
  max: Decimal | null;
  score: Decimal;
  prior: Decimal | null;
  delta: Decimal | null;
  /** score ÷ max × 100; null when the maximum is unknown or zero. */
  index: Decimal | null;
  rank: number | null;
}

/** One leaf criterion of one unit. */
export interface LeafFacts {
  key: string;
  rawCode: string;
  title: string;
  /** The key of the area holding it ("" when it sits under none). */
  areaKey: string;
  score: Decimal;
  max: Decimal | null;
  prior: Decimal | null;
  delta: Decimal | null;
}

export interface UnitFacts {
  unit: string;
  total: Decimal;
  max: Decimal;
  rank: number | null;
  /** Units ranked this year. */
  of: number;
  priorTotal: Decimal | null;
  priorRank: number | null;
  delta: Decimal | null;
  rankChange: number | null;
  filled: boolean;
  areas: AreaFacts[];
  leaves: LeafFacts[];
  /** Area keys at full marks. */
  fullMarks: string[];
}

/** The points between a unit and the rank it aims for, and where they can come from. */
export interface TargetFacts {
  rank: number;
  /** True when the unit already holds that rank or better. */
  reached: boolean;
  /** Points still needed (reached: false) or the margin held over the unit that would displace it (reached: true). */
  points: Decimal;
  /** The unit whose total sets the bar; null when fewer units are ranked than the target rank. */
  against: { unit: string; total: Decimal } | null;
  /** Criteria with the most room (max − score), largest first, enough to cover the gap. */
  rooms: { leaf: LeafFacts; room: Decimal }[];
  /** False when all the room left is less than the gap. */
  coverable: boolean;
}
