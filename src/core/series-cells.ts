/**
 * One series' score cells, read once (performance; see bench/ and docs/benchmarks.md).
 *
 * The rules and the totals both walk every score cell of a table. Building a ScoreReading (an
 * object holding a Decimal) per cell per pass made the engine slower than reading the file, so a
 * series is read into typed arrays: the kind of each cell and, for numbers, the value in
 * thousandths. The full ScoreReading is built only when asked for (a finding, an unusual cell).
 * During analyzeWorkbook (withSeriesCellCache) the rules and the totals share one read per series.
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
  /**
   * Counts over all the series' cells, taken while reading (performance, issue #7: a rule skips a
   * series with nothing for it instead of visiting every cell): empty cells, KIND_OTHER cells,
   * numbers that may be negative (millis < 0 or NaN), numbers that may not be a whole number of
   * 0.25 steps (millis % 250 ≠ 0 or NaN).
   */
  empties: number;
  others: number;
  negatives: number;
  offQuarter: number;
  /** The cell itself. */
  cell(i: number): Cell | null;
  /** The full reading (built on demand, then kept). */
  reading(i: number): ScoreReading;
}

interface Entry {
  sheet: SheetSnapshot;
  table: ScoringTable;
  cells: SeriesCells;
}

let active: Map<ScoreSeries, Entry> | null = null;

/** Run `fn` with series reads shared between callers (the snapshot must not change meanwhile). */
export function withSeriesCellCache<T>(fn: () => T): T {
  if (active) return fn();
  active = new Map();
  try {
    return fn();
  } finally {
    active = null;
  }
}

export function readSeriesCells(sheet: SheetSnapshot, table: ScoringTable, series: ScoreSeries): SeriesCells {
  const known = active?.get(series);
  if (known && known.sheet === sheet && known.table.criteria === table.criteria && known.table.layout === table.layout) return known.cells;
  const cells = read(sheet, table, series);
  active?.set(series, { sheet, table, cells });
  return cells;
}

const EMPTY: ScoreReading = { kind: 'empty' };

function read(sheet: SheetSnapshot, table: ScoringTable, series: ScoreSeries): SeriesCells {
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
    readings[i] = r;
    if (r.kind === 'empty') {
      empties++;
      continue;
    }
    if (r.kind === 'number') {
      // (readScore gives numbers only for number cells, handled above; kept for safety.)
      kinds[i] = KIND_NUMBER;
      millis[i] = NaN;
      negatives++;
      offQuarter++;
      continue;
    }
    kinds[i] = KIND_OTHER;
    others++;
  }
  return new Cells(kinds, millis, raw, readings, empties, others, negatives, offQuarter);
}

/** (A class, not an object of closures: one series of a summary table is a row of ~10 cells, and
 * thousands of them are read per analysis — performance, bench/.) */
class Cells implements SeriesCells {
  constructor(
    readonly kinds: Uint8Array,
    readonly millis: Float64Array,
    private readonly raw: (Cell | null)[],
    private readonly readings: (ScoreReading | undefined)[],
    readonly empties: number,
    readonly others: number,
    readonly negatives: number,
    readonly offQuarter: number,
  ) {}

  cell(i: number): Cell | null {
    return this.raw[i] ?? null;
  }

  reading(i: number): ScoreReading {
    let r = this.readings[i];
    if (r === undefined) {
      if (this.kinds[i] === KIND_EMPTY) r = EMPTY;
      else {
        const m = this.millis[i];
        r = { kind: 'number', value: Number.isNaN(m) ? decimalOf(this.raw[i]!.v as number) : milliDecimal(m) };
      }
      this.readings[i] = r;
    }
    return r;
  }
}
