/**
 * The comparison's data (see compare.ts for the decisions behind it): kept apart so that the
 * sentences (../narrative) read these types without importing the comparison itself.
 */
import type Decimal from 'decimal.js';
import type { Finding } from '../finding';
import type { ScoringTable } from '../model';
import type { TieRule } from '../rank';
import type { TableResult } from '../totals';
import type { UnitMapping } from './mapping';

export type ComparisonLevel = 'criteria' | 'areas' | 'totals';
export type CriterionStatus = 'declined' | 'improved' | 'unchanged' | 'new' | 'removed';

export interface AreaComparison {
  /** Canonical key ("1", "2"), as in `fullMarks`. */
  code: string;
  /** The code as typed in the current table ("1.", "II"). */
  rawCode: string;
  title: string;
  score: Decimal;
  prior: Decimal | null;
  delta: Decimal | null;
  max: Decimal | null;
}

export interface CriterionComparison {
  /** Canonical key ("1.1.2"); for a removed criterion, the prior table's key. */
  code: string;
  /** The code as typed (current table; prior table for a removed criterion). */
  rawCode: string;
  title: string;
  /** Null only for a removed criterion. */
  score: Decimal | null;
  prior: Decimal | null;
  /** The current maximum (the prior one for a removed criterion). */
  max: Decimal | null;
  delta: Decimal | null;
  status: CriterionStatus;
  /** Current sheet row of the criterion (criteria-as-rows) or of the unit (summary); 0 if removed. */
  row: number;
  /** A1 of the unit's score cell for this criterion in the current sheet; '' if removed. */
  cell: string;
  /** 1 = area, 2 = criterion, 3+ = sub-criterion. */
  depth: number;
}

export interface UnitComparison {
  /** The unit's name exactly as in the current table. */
  unit: string;
  /** The prior table's name for the unit it is compared with; null when not comparable. */
  priorUnit: string | null;
  /** Further prior units the mapping merged into this one (the comparison base is `priorUnit`). */
  mergedFrom: string[];
  total: Decimal;
  priorTotal: Decimal | null;
  delta: Decimal | null;
  rank: number | null;
  priorRank: number | null;
  /** priorRank − rank: 4th → 6th is −2 (down two places). */
  rankChange: number | null;
  /** Units ranked this year (0 when the table has no ranking, e.g. a scorecard). */
  of: number;
  priorOf: number;
  max: Decimal;
  /** True when at least one leaf holds a score this year. */
  filled: boolean;
  /** Area keys at full marks this year. */
  fullMarks: string[];
  areas: AreaComparison[];
  criteria: CriterionComparison[];
  /** Criterion keys (leaves of the current table) scored below their maximum this year. */
  belowMax: string[];
  /** The headline sentence in both languages. */
  summary: { vi: string; en: string };
  /** A1 of the unit's header cell in the current table (its name cell). */
  cell: string;
  /** A1 of the unit's header cell in the prior table. */
  priorCell: string | null;
  /** Column (criteria-as-rows) or row (summary) of the unit's scores in the current sheet. */
  index: number;
}

/** A prior-year unit with no counterpart this year (merged, dissolved or renamed without mapping). */
export interface PriorOnlyUnit {
  unit: string;
  total: Decimal;
  rank: number | null;
  cell: string;
}

export interface Comparison {
  year: number | null;
  priorYear: number | null;
  level: ComparisonLevel;
  units: UnitComparison[];
  unmatched: { current: string[]; prior: string[] };
  priorOnly: PriorOnlyUnit[];
  findings: Finding[];
  /** The current table's group noun ("xã, phường"), null when its title names none. */
  groupNoun: string | null;
  /** The unit of a one-unit form chosen as the prior of a table of units, else null. */
  priorFormOf: string | null;
  ties: TieRule;
  current: { table: ScoringTable };
  prior: { table: ScoringTable };
}

export interface TableWithResult {
  table: ScoringTable;
  result: TableResult;
}

export interface CompareOptions {
  mapping?: UnitMapping;
  ties?: TieRule;
  year?: number;
  priorYear?: number;
  /** Which series of a scorecard is the unit's score; default: appraised when filled, else self. */
  scorecardSeries?: 'self' | 'appraised';
}
