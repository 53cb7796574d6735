/**
 * Exact totals per criterion, area and unit, in decimal arithmetic. A score counts the way Excel's
 * SUM counts it (numbers only), so the engine's totals equal what the workbook's formulas give;
 * text, errors and dates are reported by the validation rules instead of being guessed.
 */
import Decimal from 'decimal.js';
import { a1 } from './a1';
import type { Criterion, ScoreSeries, ScoringTable } from './model';
import { absScore, addScores, milliDecimal, readScore, subScores } from './scores';
import { KIND_NUMBER, readSeriesCells } from './series-cells';
import { cellAt, type SheetSnapshot } from './snapshot';

export interface AreaResult {
  criterion: Criterion;
  score: Decimal;
  max: Decimal | null;
  /** score ÷ max × 100, null when the maximum is unknown or zero. */
  index: Decimal | null;
}

export interface SeriesResult {
  series: ScoreSeries;
  /** Every criterion's value by key: leaves as counted, parents as the exact sum of their children. */
  values: Map<string, Decimal>;
  /** Leaves with a counted (numeric) score. */
  scoredLeaves: number;
  leaves: number;
  areas: AreaResult[];
  bonus: Decimal;
  penalty: Decimal;
  total: Decimal;
  max: Decimal;
  index: Decimal | null;
  /** True when at least one leaf holds a number: an unfilled column is not ranked. */
  filled: boolean;
}

export interface TableResult {
  table: ScoringTable;
  series: SeriesResult[];
}

const ZERO = milliDecimal(0);

export function isLeaf(c: Criterion): boolean {
  return c.childKeys.length === 0;
}

/** Index = points ÷ maximum × 100 (docs/domain.md, "Results and rankings"). */
export function indexOf(score: Decimal, max: Decimal | null): Decimal | null {
  return max && !max.isZero() ? score.div(max).times(100) : null;
}

export function computeTable(table: ScoringTable, sheet: SheetSnapshot): TableResult {
  const shape = tableShape(table);
  return { table, series: table.series.map((s) => seriesResult(table, sheet, s, shape)) };
}

export function computeSeries(table: ScoringTable, sheet: SheetSnapshot, series: ScoreSeries): SeriesResult {
  return seriesResult(table, sheet, series, tableShape(table));
}

/**
 * What every series of a table shares, worked out once per table (performance, bench/): the
 * criteria by key (first occurrence), their children, and the order in which values are computed
 * (children before their parent, as the recursive definition visits them).
 */
interface TableShape {
  crits: Criterion[];
  /** Per criterion: its index in table.criteria (the first row with its key). */
  rows: number[];
  /** Key → index into crits. */
  byKey: Map<string, number>;
  /** Per criterion (index into crits): its children's indexes; a leaf has none. */
  children: number[][];
  /** Criteria read from their own cell: leaves (and a parent met again below itself). */
  own: boolean[];
  order: number[];
  areas: number[];
  /** The sum of the areas' maxima (missing ones count 0): every series' `max`. */
  max: Decimal;
}

function tableShape(table: ScoringTable): TableShape {
  const byKey = new Map<string, number>();
  const crits: Criterion[] = [];
  const rows: number[] = [];
  table.criteria.forEach((c, i) => {
    if (byKey.has(c.key)) return;
    byKey.set(c.key, crits.length);
    crits.push(c);
    rows.push(i);
  });
  const children: number[][] = crits.map(() => []);
  const own = crits.map(() => false);
  const order: number[] = [];
  const done = new Set<number>();
  const visit = (i: number, guard: Set<string>): void => {
    if (done.has(i)) return;
    const c = crits[i];
    if (isLeaf(c) || guard.has(c.key)) own[i] = true;
    else {
      guard.add(c.key);
      for (const k of c.childKeys) {
        const j = byKey.get(k);
        if (j === undefined) continue;
        children[i].push(j);
        visit(j, guard);
      }
    }
    done.add(i);
    order.push(i);
  };
  for (let i = 0; i < crits.length; i++) visit(i, new Set());
  const areas: number[] = [];
  crits.forEach((c, i) => {
    if (c.depth === 1) areas.push(i);
  });
  let max = ZERO;
  for (const i of areas) max = addScores(max, crits[i].max ?? ZERO);
  return { crits, rows, byKey, children, own, order, areas, max };
}

function seriesResult(table: ScoringTable, sheet: SheetSnapshot, series: ScoreSeries, shape: TableShape): SeriesResult {
  const { crits, rows, children, own, order } = shape;
  const count = crits.length;
  const cells = readSeriesCells(sheet, table, series);
  // Values in thousandths while possible (exact integers), Decimal otherwise.
  const millis = new Float64Array(count);
  const decimals: (Decimal | undefined)[] = new Array(count);
  let scoredLeaves = 0;
  let leaves = 0;
  for (let o = 0; o < order.length; o++) {
    const i = order[o];
    if (own[i]) {
      // Numbers only, the way Excel's SUM counts (text, errors and dates are the rules' business).
      const number = cells.kinds[rows[i]] === KIND_NUMBER;
      if (isLeaf(crits[i])) {
        leaves++;
        if (number) scoredLeaves++;
      }
      const m = number ? cells.millis[rows[i]] : 0;
      millis[i] = m;
      if (Number.isNaN(m)) decimals[i] = (cells.reading(rows[i]) as { value: Decimal }).value;
    } else {
      let sum = 0;
      const kids = children[i];
      for (let k = 0; k < kids.length; k++) sum += millis[kids[k]];
      if (Number.isNaN(sum) || Math.abs(sum) > 1e15) {
        let d = ZERO;
        for (const j of kids) d = addScores(d, decimals[j] ?? milliDecimal(millis[j]));
        millis[i] = NaN;
        decimals[i] = d;
      } else millis[i] = sum;
    }
  }
  const values = new ScoreValues(shape, millis, decimals);
  const areaIdx = shape.areas;
  const areas: AreaResult[] = new Array(areaIdx.length);
  for (let k = 0; k < areaIdx.length; k++) areas[k] = new AreaResultImpl(crits[areaIdx[k]], values.at(areaIdx[k]));
  let bonus = ZERO;
  let penalty = ZERO;
  for (const adj of table.adjustments) {
    const r = readScore(cellAt(sheet, adj.row, series.index));
    if (r.kind !== 'number') continue;
    if (adj.kind === 'bonus') bonus = addScores(bonus, r.value);
    // Penalties are subtracted whether the form types them as 1 or as -1.
    else penalty = addScores(penalty, absScore(r.value));
  }
  // Performance (bench/): the areas' sum in integers when every partial sum stays in the exact
  // range (addScores would give the same shared values); the Decimal path otherwise.
  let areaSum: Decimal | undefined;
  let sum = 0;
  for (let k = 0; k < areaIdx.length; k++) {
    sum += millis[areaIdx[k]];
    if (!(Math.abs(sum) <= 1e15)) break; // NaN too
  }
  if (Math.abs(sum) <= 1e15) areaSum = milliDecimal(sum);
  else {
    areaSum = ZERO;
    for (const a of areas) areaSum = addScores(areaSum, a.score);
  }
  const total = subScores(addScores(areaSum, bonus), penalty);
  return new SeriesResultImpl(series, values, scoredLeaves, leaves, areas, bonus, penalty, total, shape.max);
}

/**
 * SeriesResult and AreaResult as class instances (performance, bench/): an object literal with a
 * getter makes a new closure and accessor pair per object, which puts every such object in V8's
 * slow dictionary mode (costly to make, and every later property read is a hash lookup). The index
 * (score ÷ max × 100) is a Decimal division, the one costly operation here, so it is worked out
 * when first read: one shared getter per kind, defined as an own enumerable property in the same
 * place as the literal had it, so JSON, spreads, key order and equality checks see the same object.
 */
const INDEX_MEMO = Symbol('par-scorecard.index');
type Memo = { [INDEX_MEMO]?: Decimal | null };

function lazyIndex<T extends object>(parts: (r: T) => [Decimal, Decimal | null]): PropertyDescriptor {
  return {
    get(this: T): Decimal | null {
      const known = (this as Memo)[INDEX_MEMO];
      if (known !== undefined) return known;
      const value = indexOf(...parts(this));
      // Remembered non-enumerable: invisible to JSON, equality checks and object spreads.
      if (Object.isExtensible(this)) Object.defineProperty(this, INDEX_MEMO, { value, enumerable: false, writable: false });
      return value;
    },
    enumerable: true,
    configurable: true,
  };
}

const SERIES_INDEX = lazyIndex<SeriesResultImpl>((r) => [r.total, r.max]);
const AREA_INDEX = lazyIndex<AreaResultImpl>((r) => [r.score, r.criterion.max]);

class SeriesResultImpl {
  declare series: ScoreSeries;
  declare values: Map<string, Decimal>;
  declare scoredLeaves: number;
  declare leaves: number;
  declare areas: AreaResult[];
  declare bonus: Decimal;
  declare penalty: Decimal;
  declare total: Decimal;
  declare max: Decimal;
  declare readonly index: Decimal | null;
  declare filled: boolean;

  constructor(
    series: ScoreSeries,
    values: Map<string, Decimal>,
    scoredLeaves: number,
    leaves: number,
    areas: AreaResult[],
    bonus: Decimal,
    penalty: Decimal,
    total: Decimal,
    max: Decimal,
  ) {
    this.series = series;
    this.values = values;
    this.scoredLeaves = scoredLeaves;
    this.leaves = leaves;
    this.areas = areas;
    this.bonus = bonus;
    this.penalty = penalty;
    this.total = total;
    this.max = max;
    Object.defineProperty(this, 'index', SERIES_INDEX);
    this.filled = scoredLeaves > 0;
  }
}

class AreaResultImpl {
  declare criterion: Criterion;
  declare score: Decimal;
  declare max: Decimal | null;
  declare readonly index: Decimal | null;

  constructor(criterion: Criterion, score: Decimal) {
    this.criterion = criterion;
    this.score = score;
    this.max = criterion.max;
    Object.defineProperty(this, 'index', AREA_INDEX);
  }
}

/**
 * SeriesResult.values, made on demand (performance, bench/): a table of 150 units × 150 criteria
 * has 22,500 values, most of which no caller reads. `get` and `has` answer from the computed
 * thousandths; any other use (iteration, size of a changed map, set, delete) first fills the Map
 * in the order the values were computed, then behaves as a plain Map.
 */
class ScoreValues extends Map<string, Decimal> {
  /** True once the Map holds the values (then it answers as a plain Map). */
  filled = false;

  constructor(
    readonly shape: TableShape,
    private readonly millis: Float64Array,
    private readonly decimals: (Decimal | undefined)[],
  ) {
    super();
  }

  /** The value of criterion `i` (index into the table shape). */
  at(i: number): Decimal {
    let d = this.decimals[i];
    if (d === undefined) {
      d = milliDecimal(this.millis[i]);
      this.decimals[i] = d;
    }
    return d;
  }

  private fill(): void {
    if (this.filled) return;
    this.filled = true;
    for (const i of this.shape.order) super.set(this.shape.crits[i].key, this.at(i));
  }

  override get(key: string): Decimal | undefined {
    if (this.filled) return super.get(key);
    const i = this.shape.byKey.get(key);
    return i === undefined ? undefined : this.at(i);
  }

  override has(key: string): boolean {
    return this.filled ? super.has(key) : this.shape.byKey.has(key);
  }

  override get size(): number {
    return this.filled ? super.size : this.shape.order.length;
  }

  override set(key: string, value: Decimal): this {
    this.fill();
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.fill();
    return super.delete(key);
  }

  override clear(): void {
    this.filled = true;
    super.clear();
  }

  override forEach(fn: (value: Decimal, key: string, map: Map<string, Decimal>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(fn, thisArg);
  }

  override entries(): MapIterator<[string, Decimal]> {
    this.fill();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.fill();
    return super.keys();
  }

  override values(): MapIterator<Decimal> {
    this.fill();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, Decimal]> {
    this.fill();
    return super[Symbol.iterator]();
  }
}

/**
 * `result.values.get(key)` for a fixed list of keys, over the many series results of a table
 * (performance, bench/, issue #7: the comparison reads every criterion of every unit). The keys
 * are looked up once per table shape, then each value is read by position; a values Map that is
 * not the engine's own, or was changed, is asked by key.
 */
export class KeyedValues {
  private shape: TableShape | null = null;
  private positions = new Int32Array(0);

  constructor(private readonly keys: readonly string[]) {}

  /** result.values.get(keys[k]). */
  get(result: SeriesResult, k: number): Decimal | undefined {
    const values = result.values;
    if (!(values instanceof ScoreValues) || values.filled) return values.get(this.keys[k]);
    if (values.shape !== this.shape) {
      const byKey = values.shape.byKey;
      this.positions = new Int32Array(this.keys.length);
      for (let i = 0; i < this.keys.length; i++) this.positions[i] = byKey.get(this.keys[i]) ?? -1;
      this.shape = values.shape;
    }
    const i = this.positions[k];
    return i < 0 ? undefined : values.at(i);
  }
}

/** A1 address of a series' total cell (total row or total column), or '' when the table has none. */
export function totalCellOf(table: ScoringTable, series: ScoreSeries): string {
  if (!table.totalIndex) return '';
  return table.layout === 'summary' ? a1(series.index, table.totalIndex) : a1(table.totalIndex, series.index);
}

/** A1 address of a series' rank cell, or '' when the table has no rank row/column. */
export function rankCellOf(table: ScoringTable, series: ScoreSeries): string {
  if (!table.rankIndex) return '';
  return table.layout === 'summary' ? a1(series.index, table.rankIndex) : a1(table.rankIndex, series.index);
}
