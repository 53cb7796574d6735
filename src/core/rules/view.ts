/**
 * What every rule needs to know about a detected table, computed once per rule context: the
 * criteria tree (including duplicate codes, which detection keeps as separate rows), the A1 cell
 * of every score and maximum, exact cell readings, and the leaf-based sums of scores and maxima.
 */
import Decimal from 'decimal.js';
import { a1 } from '../a1';
import type { FindingLocation } from '../finding';
import { isLeaf, type Criterion, type ScoreSeries, type ScoringTable } from '../model';
import { addScores, milliDecimal, milliOf, readScore, sameScore, type ScoreReading } from '../scores';
import { cellReading, KIND_EMPTY, KIND_NUMBER, readSeriesCells, type SeriesCells } from '../series-cells';
import { cellAt, type Cell, type SheetSnapshot, type WorkbookSnapshot } from '../snapshot';
import { foldText } from '../text';

export interface RuleContext {
  workbook: WorkbookSnapshot;
  /** The sheet the table was detected in. */
  sheet: SheetSnapshot;
  table: ScoringTable;
  /** The official blank form's table, for the reference rules. */
  reference?: ScoringTable;
  /** The table's series already read (analyzeWorkbook's one pass), by position in `table.series`. */
  cells?: readonly SeriesCells[];
  /** The table's view, built once by validateTable for all the rules. */
  view?: TableView;
}

export interface Node {
  c: Criterion;
  /** Position in `table.criteria` (reading order). */
  index: number;
  parent: Node | null;
  /** Every row whose code's parent key is this node's key (duplicates included). */
  children: Node[];
  /** True for the first occurrence of the key. */
  first: boolean;
}

export interface CellRef {
  row: number;
  col: number;
  a1: string;
  cell: Cell | null;
  reading: ScoreReading;
  /** A formula with no cached result (e.g. a file written without calculation): value unknown. */
  pending: boolean;
}

/** A value computed from the leaves up, the way a correct SUM would. */
export interface Computed {
  value: Decimal;
  /** Some leaf below (or the cell itself, for a parent used as a leaf) holds an entry. */
  entered: boolean;
  /** Some cell below holds an error, text or a date: already reported, so sums are not checked. */
  tainted: boolean;
}

export interface TableView {
  ctx: RuleContext;
  table: ScoringTable;
  nodes: Node[];
  /** First occurrence of each key. */
  byKey: Map<string, Node>;
  /** Depth-1 rows (lĩnh vực), duplicates included, in order. */
  areas: Node[];
  cell(row: number, col: number): CellRef;
  score(node: Node, series: ScoreSeries): CellRef;
  /** The maximum's cell; null when the layout has none for this criterion. */
  maxRef(node: Node): CellRef | null;
  /** The total's cell for a series (total row or column); null when the table has no total. */
  totalScore(series: ScoreSeries): CellRef | null;
  /** The total maximum's cell (total row × max column; summary: max row × total column). */
  totalMax(): CellRef | null;
  /** Series with at least one leaf entry; an all-empty series (a blank form) is not scored. */
  filledSeries: ScoreSeries[];
  /** The nodes with children (parents) and without (leaves), in order: worked out once per table. */
  parents: Node[];
  leaves: Node[];
  /**
   * Performance (bench/): a series' score readings and leaf-based sums, indexed by node.index,
   * read once per table. Rules loop over these and build a CellRef only for a finding.
   */
  series(series: ScoreSeries): SeriesData;
  /** Leaf-based score of a node for a series. */
  computed(node: Node, series: ScoreSeries): Computed;
  /** Leaf-based maximum of a node; null when a maximum below is missing or not a number. */
  effectiveMax(node: Node): Decimal | null;
}

/** One series of a table, read once: its cells and leaf-based sums by node index. */
export interface SeriesData {
  /** Kinds and values (thousandths) of the series' cells, by node index (see series-cells.ts). */
  cells: SeriesCells;
  /** The full reading of a node's cell. */
  reading(node: Node): ScoreReading;
  /** Leaf-based value of a node. */
  value(node: Node): Decimal;
  /** The same in thousandths (NaN when it is not a whole number of them): no Decimal needed. */
  milli(node: Node): number;
  entered(node: Node): boolean;
  tainted(node: Node): boolean;
  /**
   * A parent's own value `m` (thousandths) equals its children's leaf-based sum, with some child
   * entered and none tainted: the fast check of sum-parent-mismatch (no Decimal, no loop).
   */
  childrenSumTo(node: Node, m: number): boolean;
}

/** The view validateTable built for the context, else a new one (a rule run on its own). */
export function viewOf(ctx: RuleContext): TableView {
  return ctx.view ?? buildView(ctx);
}

/** A cell of the table as the rules see it. */
function cellRef(row: number, col: number, cell: Cell | null, ok: boolean): CellRef {
  const reading = readScore(cell);
  return { row, col, a1: ok ? a1(row, col) : '', cell, reading, pending: !!cell?.f && reading.kind === 'empty' };
}

const ENTERED = 1;
const TAINTED = 2;
const DONE = 4;
/** A parent whose value is its children's sum (some child is entered). */
const CHILD_ENTERED = 8;
const ZERO = milliDecimal(0);

export function buildView(ctx: RuleContext): TableView {
  const table = ctx.table;
  const tree = criteriaTree(Array.isArray(table.criteria) ? table.criteria : []);
  const cells = cellAccess(ctx);
  const fillOrder = childrenFirst(tree.nodes);
  const series = Array.isArray(table.series) ? table.series : [];
  const seriesData = new Map<ScoreSeries, SeriesData>();
  series.forEach((s, j) => {
    if (!seriesData.has(s))
      seriesData.set(s, new SeriesSums(ctx.cells?.[j] ?? readSeriesCells(ctx.sheet, table, s), tree.nodes, fillOrder));
  });
  const seriesOf = (s: ScoreSeries): SeriesData => {
    let d = seriesData.get(s);
    if (!d) {
      // (A series that is not the table's own: read when asked for.)
      d = new SeriesSums(readSeriesCells(ctx.sheet, table, s), tree.nodes, fillOrder);
      seriesData.set(s, d);
    }
    return d;
  };
  const filledSeries = series.filter((s) => {
    const kinds = seriesOf(s).cells.kinds;
    return tree.leaves.some((n) => kinds[n.index] !== KIND_EMPTY);
  });
  const computed = (node: Node, s: ScoreSeries): Computed => {
    const d = seriesOf(s);
    return { value: d.value(node), entered: d.entered(node), tainted: d.tainted(node) };
  };
  return { ctx, table, ...tree, ...cells, filledSeries, series: seriesOf, computed, effectiveMax: effectiveMaxes() };
}

/** The criteria as a tree of nodes (duplicates kept as their own nodes), with its areas, parents and leaves. */
function criteriaTree(criteria: Criterion[]): Pick<TableView, 'nodes' | 'byKey' | 'areas' | 'parents' | 'leaves'> {
  // (Indexed loops in this file: a for…of over an array allocates an iterator result per element
  // until the code is optimised, i.e. in a fresh process — performance, issue #7.)
  const count = criteria.length;
  const nodes: Node[] = new Array(count);
  for (let i = 0; i < count; i++) nodes[i] = { c: criteria[i], index: i, parent: null, children: [], first: false };
  const byKey = new Map<string, Node>();
  for (let i = 0; i < count; i++) {
    const n = nodes[i];
    if (!byKey.has(n.c.key)) {
      byKey.set(n.c.key, n);
      n.first = true;
    }
  }
  for (let i = 0; i < count; i++) {
    const n = nodes[i];
    if (n.c.parentKey === null || n.c.parentKey === undefined) continue;
    const p = byKey.get(n.c.parentKey);
    if (p && p !== n && p.c.key !== n.c.key) {
      n.parent = p;
      p.children.push(n);
    }
  }
  const areas = nodes.filter((n) => n.c.depth === 1);
  const parents = nodes.filter((n) => n.children.length > 0);
  const leaves = nodes.filter((n) => n.children.length === 0);
  return { nodes, byKey, areas, parents, leaves };
}

/** The table's cells by position, each read once (numeric keys row × 2^15 + column: no string per lookup). */
function cellAccess(ctx: RuleContext): Pick<TableView, 'cell' | 'score' | 'maxRef' | 'totalScore' | 'totalMax'> {
  const table = ctx.table;
  const summary = table.layout === 'summary';
  const cells = new Map<number, CellRef>();
  const cell = (row: number, col: number): CellRef => {
    const ok = row >= 1 && col >= 1 && Number.isFinite(row) && Number.isFinite(col);
    const key = ok ? row * 32768 + col : NaN;
    let ref = ok ? cells.get(key) : undefined;
    if (!ref) {
      const c = ok ? cellAt(ctx.sheet, row, col) : null;
      ref = cellRef(row, col, c, ok);
      if (ok) cells.set(key, ref);
    }
    return ref;
  };
  return {
    cell,
    score: (node, s) => (summary ? cell(s.index, node.c.col) : cell(node.c.row, s.index)),
    maxRef: (node) => {
      if (summary) return table.maxRow > 0 ? cell(table.maxRow, node.c.col) : null;
      return table.maxCol > 0 ? cell(node.c.row, table.maxCol) : null;
    },
    totalScore: (s) => {
      if (!(table.totalIndex > 0)) return null;
      return summary ? cell(s.index, table.totalIndex) : cell(table.totalIndex, s.index);
    },
    totalMax: () => {
      if (!(table.totalIndex > 0)) return null;
      if (summary) return table.maxRow > 0 ? cell(table.maxRow, table.totalIndex) : null;
      return table.maxCol > 0 ? cell(table.totalIndex, table.maxCol) : null;
    },
  };
}

/** A node's leaf-based maximum, each worked out once per view. */
function effectiveMaxes(): (node: Node) => Decimal | null {
  const known = new Map<number, Decimal | null>();
  const effectiveMax = (node: Node): Decimal | null => {
    if (known.has(node.index)) return known.get(node.index) ?? null;
    known.set(node.index, null); // cycle guard (cannot happen with keys, but be defensive)
    let r: Decimal | null;
    if (isLeaf(node.c)) r = node.c.max ?? null;
    else {
      r = ZERO;
      for (const k of node.children) {
        const m = effectiveMax(k);
        if (m === null) {
          r = null;
          break;
        }
        r = addScores(r, m);
      }
    }
    known.set(node.index, r);
    return r;
  };
  return effectiveMax;
}

/**
 * The node indexes with every child before its parent (from the roots down, depth first), or null
 * when some node cannot be reached from a root: the parent links form a cycle (each node has at
 * most one parent), which trees built from codes never do.
 */
function childrenFirst(nodes: Node[]): Int32Array | null {
  const order = new Int32Array(nodes.length);
  let filled = 0;
  const visit = (n: Node): void => {
    const children = n.children;
    for (let c = 0; c < children.length; c++) visit(children[c]);
    order[filled++] = n.index;
  };
  for (let i = 0; i < nodes.length; i++) if (nodes[i].parent === null) visit(nodes[i]);
  return filled === nodes.length ? order : null;
}

/**
 * One series' cells (read once, shared with the totals) and its leaf-based sums.
 *
 * Performance (bench/, issue #7): a class rather than an object of closures, and, when the tree
 * has no cycle (always, for trees built from codes), every sum is filled in one pass in
 * `fillOrder` (children before parents) when the series is first asked for: the rules then read
 * the typed arrays without a call per node. A tree with a cycle (a hand-made table) keeps the
 * lazy, query-ordered fill, whose results can depend on the order of the questions.
 */
class SeriesSums implements SeriesData {
  /** Leaf-based values in thousandths (NaN: see `decimals`). */
  readonly millis: Float64Array;
  /** ENTERED | TAINTED | CHILD_ENTERED | DONE per node. */
  readonly flags: Uint8Array;
  private readonly decimals: (Decimal | undefined)[];
  /** Every node filled up front (the tree has no cycle). */
  private readonly complete: boolean;

  constructor(
    readonly cells: SeriesCells,
    nodes: Node[],
    fillOrder: Int32Array | null,
  ) {
    const count = nodes.length;
    this.millis = new Float64Array(count);
    this.flags = new Uint8Array(count);
    this.decimals = new Array(count);
    this.complete = fillOrder !== null;
    if (fillOrder) for (let o = 0; o < fillOrder.length; o++) this.fill(nodes[fillOrder[o]]);
  }

  fill(node: Node): void {
    const i = node.index;
    const flags = this.flags;
    if (flags[i] & DONE) return;
    flags[i] = DONE; // also the cycle guard
    const cells = this.cells;
    const kind = cells.kinds[i];
    let milli = 0;
    let exact: Decimal | undefined;
    if (kind === KIND_NUMBER) {
      milli = cells.millis[i];
      if (Number.isNaN(milli)) exact = (cellReading(cells, i) as { value: Decimal }).value;
    }
    let f = kind === KIND_EMPTY ? 0 : kind === KIND_NUMBER ? ENTERED : ENTERED | TAINTED;
    const children = node.children;
    if (children.length > 0) {
      // A parent is computed from its children once anything below it is entered; a parent whose
      // children are all blank (only the parent was filled in) stands for itself.
      let anyEntered = false;
      let tainted = false;
      let sum = 0;
      for (let c = 0; c < children.length; c++) {
        const k = children[c];
        if (!(flags[k.index] & DONE)) this.fill(k); // (filled already in `fillOrder`: no call)
        const kf = flags[k.index];
        if (kf & ENTERED) anyEntered = true;
        if (kf & TAINTED) tainted = true;
        sum += this.millis[k.index];
      }
      if (anyEntered) {
        if (Number.isNaN(sum) || Math.abs(sum) > 1e15) {
          let d = ZERO;
          for (let c = 0; c < children.length; c++) d = addScores(d, this.valueAt(children[c].index));
          milli = NaN;
          exact = d;
        } else {
          milli = sum;
          exact = undefined;
        }
        f = ENTERED | CHILD_ENTERED | (tainted ? TAINTED : 0);
      }
    }
    this.millis[i] = milli;
    this.decimals[i] = exact;
    flags[i] = DONE | f;
  }

  private valueAt(i: number): Decimal {
    let d = this.decimals[i];
    if (d === undefined) {
      d = milliDecimal(this.millis[i]);
      this.decimals[i] = d;
    }
    return d;
  }

  reading(node: Node): ScoreReading {
    return cellReading(this.cells, node.index);
  }

  value(node: Node): Decimal {
    this.fill(node);
    return this.valueAt(node.index);
  }

  milli(node: Node): number {
    this.fill(node);
    return this.millis[node.index];
  }

  entered(node: Node): boolean {
    this.fill(node);
    return (this.flags[node.index] & ENTERED) !== 0;
  }

  tainted(node: Node): boolean {
    this.fill(node);
    return (this.flags[node.index] & TAINTED) !== 0;
  }

  childrenSumTo(node: Node, m: number): boolean {
    if (this.complete) {
      // A filled parent holds its children's sum when one of them is entered (CHILD_ENTERED), and
      // is TAINTED when one of them is.
      const i = node.index;
      return (this.flags[i] & (CHILD_ENTERED | TAINTED)) === CHILD_ENTERED && this.millis[i] === m;
    }
    // (A cyclic tree: the children one by one, as they stand now.)
    let entered = false;
    let milli = 0;
    for (const k of node.children) {
      if (this.tainted(k)) return false;
      if (this.entered(k)) entered = true;
      milli += this.milli(k);
    }
    return entered && milli === m;
  }
}

/** A cell's own contribution to a sum. */
export function ownComputed(r: ScoreReading): Computed {
  switch (r.kind) {
    case 'number':
      return { value: r.value, entered: true, tainted: false };
    case 'empty':
      return { value: ZERO, entered: false, tainted: false };
    default:
      return { value: ZERO, entered: true, tainted: true };
  }
}

export function where(view: TableView, cell: string, node?: Node | null, series?: ScoreSeries | null): FindingLocation {
  const loc: FindingLocation = { sheet: view.table.sheet, cell };
  if (node) loc.criterion = node.c.key;
  if (series) loc.unit = series.name;
  return loc;
}

/** A Decimal as a plain number for finding parameters (exact at the scoring precision). */
export function num(d: Decimal): number {
  return d.toNumber();
}

/** The code as the user typed it, for messages. */
export function shownCode(c: Criterion): string {
  return c.rawCode && c.rawCode.trim() !== '' ? c.rawCode.trim() : c.key;
}

export function gt(a: Decimal, b: Decimal): boolean {
  const ma = milliOf(a);
  const mb = milliOf(b);
  if (ma !== undefined && mb !== undefined) return ma > mb;
  return !sameScore(a, b) && a.gt(b);
}

export function lt(a: Decimal, b: Decimal): boolean {
  const ma = milliOf(a);
  const mb = milliOf(b);
  if (ma !== undefined && mb !== undefined) return ma < mb;
  return !sameScore(a, b) && a.lt(b);
}

const QUARTER = new Decimal('0.25');

/** True when the value (at the scoring precision) is a whole number of 0.25 steps. */
export function isQuarterStep(d: Decimal): boolean {
  const m = milliOf(d);
  if (m !== undefined) return m % 250 === 0;
  return d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).mod(QUARTER).isZero();
}

/** Text that says "not applicable" (Không áp dụng, KAD, N/A): counted per criteria set. */
export function isNotApplicable(text: string): boolean {
  return /^(khong ap dung|k\.?a\.?d\.?|n\/a|na)$/.test(foldText(text));
}

/** The first criterion-or-header cell of a table, for findings about the table as a whole. */
export function headerCell(table: ScoringTable): string {
  const row = table.headerRows && table.headerRows.length > 0 ? table.headerRows[0] : 1;
  const col = table.layout === 'summary' ? table.unitNameCol || table.codeCol : table.codeCol;
  return a1(row > 0 ? row : 1, col > 0 ? col : 1);
}
