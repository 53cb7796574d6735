/**
 * One series' score cells, read once (performance; see bench/ and docs/benchmarks.md).
 *
 * The rules and the totals both walk every score cell of a table. Building a ScoreReading (an
 * object holding a Decimal) per cell per pass made the engine slower than reading the file, so a
 * series is read into typed arrays: the kind of each cell and, for numbers, the value in
 * thousandths. The full ScoreReading is built only when asked for (a finding, an unusual cell).
 * analyzeWorkbook reads each table once (readTableCells) and hands the reads to the rules and the totals.
 */
import type { ScoreSeries, ScoringTable } from './model';
import { decimalOf, milliDecimal, numberMilli, readScore, type ScoreReading } from './scores';
import { cellAt, type Cell, type SheetSnapshot } from './snapshot';

export const KIND_EMPTY = 0;
export const KIND_NUMBER = 1;
/** Text, a number stored as text, an error, a date or a boolean: see `reading(i)`. */
export const KIND_OTHER = 2;

export interface SeriesCells {
  /** Per criterion, by index in `table.criteria`: KIND_EMPTY, KIND_NUMBER or KIND_OTHER. */
  kinds: Uint8Array;
  /** Numbers: the value in thousandths, NaN when it is not a whole number of them; 0 otherwise. */
  millis: Float64Array;
  /** The cells themselves (null where the sheet has none). */
  cells: (Cell | null)[];
  /** The readings of KIND_OTHER cells (text, errors, dates…); undefined for the others. */
  readings: (ScoreReading | undefined)[];
  /**
   * Counts over all the series' cells, taken while reading (a rule skips a series with nothing for
   * it instead of visiting every cell): empty cells, KIND_OTHER cells, numbers that may be negative
   * (millis < 0 or NaN), numbers that may not be a whole number of 0.25 steps (millis % 250 ≠ 0 or NaN).
   */
  empties: number;
  others: number;
  negatives: number;
  offQuarter: number;
}

/** Every series of a table read once, by position in `table.series`: what the rules and totals share. */
export function readTableCells(sheet: SheetSnapshot, table: ScoringTable): SeriesCells[] {
  const series = Array.isArray(table.series) ? table.series : [];
  return series.map((s) => readSeriesCells(sheet, table, s));
}

const EMPTY: ScoreReading = { kind: 'empty' };

/** The full reading of criterion `i`'s cell (numbers made from their thousandths). */
export function cellReading(cells: SeriesCells, i: number): ScoreReading {
  const known = cells.readings[i];
  if (known !== undefined) return known;
  if (cells.kinds[i] === KIND_EMPTY) return EMPTY;
  const m = cells.millis[i];
  return { kind: 'number', value: Number.isNaN(m) ? decimalOf(cells.cells[i]!.v as number) : milliDecimal(m) };
}

export function readSeriesCells(sheet: SheetSnapshot, table: ScoringTable, series: ScoreSeries): SeriesCells {
  const criteria = Array.isArray(table.criteria) ? table.criteria : [];
  const count = criteria.length;
  const summary = table.layout === 'summary';
  const kinds = new Uint8Array(count);
  const millis = new Float64Array(count);
  const raw: (Cell | null)[] = new Array(count);
  const readings: (ScoreReading | undefined)[] = new Array(count);
  let empties = 0;
  let others = 0;
  let negatives = 0;
  let offQuarter = 0;
  for (let i = 0; i < count; i++) {
    const c = criteria[i];
    const row = summary ? series.index : c.row;
    const col = summary ? c.col : series.index;
    const cell = row >= 1 && col >= 1 && Number.isFinite(row) && Number.isFinite(col) ? cellAt(sheet, row, col) : null;
    raw[i] = cell;
    if (!cell || cell.v === null || cell.v === undefined) {
      empties++; // KIND_EMPTY
      continue;
    }
    if (cell.t === 'n' && typeof cell.v === 'number') {
      kinds[i] = KIND_NUMBER;
      const m = numberMilli(cell.v);
      millis[i] = m;
      if (!(m >= 0)) negatives++;
      if (m % 250 !== 0) offQuarter++;
      continue;
    }
    const r = readScore(cell);
    if (r.kind === 'empty') {
      readings[i] = r;
      empties++;
      continue;
    }
    if (r.kind === 'number') {
      // (readScore gives numbers only for number cells, handled above; kept for safety.)
      readings[i] = r;
      kinds[i] = KIND_NUMBER;
      millis[i] = NaN;
      negatives++;
      offQuarter++;
      continue;
    }
    readings[i] = r;
    kinds[i] = KIND_OTHER;
    others++;
  }
  return { kinds, millis, cells: raw, readings, empties, others, negatives, offQuarter };
}
