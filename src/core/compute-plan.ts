/**
 * The write plan for "compute": live totals and RANK.EQ ranks in the user's table, and a
 * `Xếp hạng <year>` sheet sorted by rank. Score cells and values the user typed are never changed:
 * a total or rank cell that holds a typed value is reported and replaced only on request.
 */
import Decimal from 'decimal.js';
import { a1, columnLetter } from './a1';
import { rankTable, sheetOf, type Analysis, type RankedSeries } from './engine';
import { makeFinding, type Finding, type Locale } from './finding';
import { scoreRowCol, type ScoringTable } from './model';
import { formula, num, text, EMPTY, SharedContents, type CellContent, type CellWrite, type GeneratedSheet, type WritePlan } from './plan';
import type { TieRule } from './rank';
import {
  SCORE_DECIMALS,
  absScore,
  addScores,
  decimalOf,
  milliDecimal,
  milliOf,
  roundScore,
  sameScore,
  scoreNumber,
  subScores,
} from './scores';
import { cellAt, type Cell, type WorkbookSnapshot } from './snapshot';
import { indexOf, rankCellOf, totalCellOf, type AreaResult, type SeriesResult, type TableResult } from './totals';

export interface ComputeOptions {
  ties?: TieRule;
  /** Replace totals and ranks the user typed (--overwrite-totals). */
  overwriteTotals?: boolean;
  locale?: Locale;
}

export interface ComputePlanResult {
  plan: WritePlan;
  findings: Finding[];
}

// Performance (bench/): the integer fast path of scores.ts (same numbers as
// d.toDecimalPlaces(3, ROUND_HALF_UP).toNumber()).
const round = scoreNumber;

/**
 * The index (score ÷ max × 100) rounded half up to 2 decimals, as a number. With both in whole
 * thousandths (max ≤ 10^12 points) the integer division gives the same result as the Decimal
 * one: the exact quotient is at least 1/(2·max) away from a rounding boundary, far more than the
 * Decimal quotient's 20-digit error.
 */
function index2(result: { total: Decimal; max: Decimal; index: Decimal | null }): number | null {
  const t = milliOf(result.total);
  const m = milliOf(result.max);
  if (t !== undefined && m !== undefined && m > 0 && Math.abs(t) <= 1e11) {
    const n = Math.abs(t) * 10000;
    let q = Math.floor(n / m);
    if (2 * (n - q * m) >= m) q++;
    return (t < 0 ? -q : q) / 100;
  }
  const index = result.index;
  return index ? index.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() : null;
}

export function planCompute(workbook: WorkbookSnapshot, analysis: Analysis, options: ComputeOptions = {}): ComputePlanResult {
  const ties = options.ties ?? 'competition';
  const locale = options.locale ?? 'vi';
  const plan: WritePlan = { cellWrites: [], sheets: [], conditionalFormats: [] };
  const findings: Finding[] = [];
  for (const result of analysis.results) {
    const table = result.table;
    const sheet = sheetOf(workbook, table.sheet);
    if (!sheet || table.layout === 'scorecard') continue;
    const ranked = rankTable(result, ties);
    const at: CellLookup = (r, c) => cellAt(sheet, r, c);
    const shownTotals = new Map<number, Shown>();
    const totals = totalWrites(table, result, ranked, at, options, findings, shownTotals);
    plan.cellWrites.push(...totals);
    plan.sheets.push(rankingSheet(table, rankedAsShown(table, ranked, shownTotals, at, ties), ties, locale));
  }
  return { plan, findings };
}

type CellLookup = (row: number, col: number) => Cell | null;

/** A cell may be written when it is empty or already holds exactly what we would write. */
function writable(existing: Cell | null, content: CellContent): 'write' | 'same' | 'typed' | 'formula' {
  if (!existing || existing.v === null || (existing.t === 's' && String(existing.v).trim() === '' && !existing.f)) return 'write';
  if (existing.f !== undefined && content.kind === 'formula' && sameFormula(`=${existing.f}`, content.formula)) return 'same';
  return existing.f !== undefined ? 'formula' : 'typed';
}

/** a and b equal once their whitespace is removed (without removing it when neither has any: performance, bench/). */
function sameFormula(a: string, b: string): boolean {
  if (a === b) return true;
  if (!WHITESPACE.test(a) && !WHITESPACE.test(b)) return false;
  return a.replace(/\s/g, '') === b.replace(/\s/g, '');
}

const WHITESPACE = /\s/;

/** A unit's total cell as the plan will leave it: what is written (or kept) and whether it is written. */
interface TotalCell {
  address: string;
  content: CellContent;
  state: ReturnType<typeof writable>;
  written: boolean;
}

function totalWrites(
  table: ScoringTable,
  result: TableResult,
  ranked: RankedSeries[],
  at: CellLookup,
  options: ComputeOptions,
  findings: Finding[],
  /** Filled with what each unit's total cell will show (see shownTotal), by series index. */
  shownOut: Map<number, Shown>,
): CellWrite[] {
  const writes: CellWrite[] = [];
  if (!ranked.some((r) => r.result.filled)) return writes;
  // The range RANK.EQ ranks over: the whole total row (or column) across the table's units.
  const firstIdx = Math.min(...table.series.map((s) => s.index));
  const lastIdx = Math.max(...table.series.map((s) => s.index));
  const totalRange = table.totalIndex
    ? table.layout === 'summary'
      ? `$${columnLetter(table.totalIndex)}$${firstIdx}:$${columnLetter(table.totalIndex)}$${lastIdx}`
      : `$${columnLetter(firstIdx)}$${table.totalIndex}:$${columnLetter(lastIdx)}$${table.totalIndex}`
    : '';
  const ties = options.ties ?? 'competition';
  // The totals first: what each written formula will show (see shownTotal) is also what the rank
  // formulas rank, so the ranks' cached results come from the same values.
  const totals = totalCells(table, ranked, at, options, shownOut);
  const totalAt = (index: number) => (table.layout === 'summary' ? at(index, table.totalIndex) : at(table.totalIndex, index));
  let ranks =
    table.rankIndex && totalRange
      ? new RankOfShown(firstIdx, lastIdx, (index) => (shownOut.has(index) ? shownOut.get(index)! : shownValue(totalAt(index))))
      : null;
  if (ranks && ties === 'dense' && lastIdx - firstIdx + 1 > DENSE_FORMULA_MAX_UNITS) {
    // Too many units for a live dense rank in the table; the ranking sheet has them (see rankingSheet).
    ranks = null;
    const first = table.series.find((s) => s.index === firstIdx)!;
    findings.push(
      makeFinding(
        'write/dense-rank-sheet',
        'info',
        { sheet: table.sheet, cell: rankCellOf(table, first) },
        { count: table.series.length, max: DENSE_FORMULA_MAX_UNITS },
      ),
    );
  }
  for (const r of ranked) {
    const total = totals.get(r);
    if (total) writes.push(...totalWrite(table, r, total, shownOut, findings));
    if (total && ranks && r.rank !== null)
      writes.push(
        ...rankWrite(
          table,
          r,
          at,
          options,
          findings,
          formula(rankFormula(ties, total.address, totalRange), ranks.of(r.result.series.index, ties)),
        ),
      );
  }
  return writes;
}

/** Each filled unit's total cell (its formula and whether it is written); what it will show goes into `shownOut`. */
function totalCells(
  table: ScoringTable,
  ranked: RankedSeries[],
  at: CellLookup,
  options: ComputeOptions,
  shownOut: Map<number, Shown>,
): Map<RankedSeries, TotalCell> {
  const operands = totalOperands(table);
  const totals = new Map<RankedSeries, TotalCell>();
  for (const r of ranked) {
    const s = r.result.series;
    const address = totalCellOf(table, s);
    if (!r.result.filled || !address) continue;
    const existing = table.layout === 'summary' ? at(s.index, table.totalIndex) : at(table.totalIndex, s.index);
    const f = totalFormula(operands, s.index, existing);
    const state = writable(existing, { kind: 'formula', formula: f });
    const written = state === 'write' || state === 'formula' || (state === 'typed' && !!options.overwriteTotals);
    const shown = written || state === 'same' ? shownTotal(operands, s.index, existing, at) : shownValue(existing);
    shownOut.set(s.index, shown);
    const cached = shown instanceof Decimal ? round(shown) : undefined;
    totals.set(r, { address, content: formula(f, cached), state, written });
  }
  return totals;
}

/** The total cell's write (with `write/total-differs` when it will show another figure), or `write/typed-total`. */
function totalWrite(
  table: ScoringTable,
  r: RankedSeries,
  total: TotalCell,
  shownOut: Map<number, Shown>,
  findings: Finding[],
): CellWrite[] {
  const s = r.result.series;
  const where = { sheet: table.sheet, cell: total.address, unit: s.name };
  // A formula total is the template's own arithmetic: wrapping it in ROUND(…, 3) keeps it and
  // makes RANK.EQ tie at the scoring precision (80,21 ties 80,21 however it was summed).
  if (total.written) {
    const shown = shownOut.get(s.index);
    if (shown instanceof Decimal && !sameScore(shown, r.result.total))
      findings.push(
        makeFinding('write/total-differs', 'warning', where, { cell: total.address, shown: round(shown), total: round(r.result.total) }),
      );
    return [{ sheet: table.sheet, address: total.address, content: total.content }];
  }
  if (total.state === 'typed') findings.push(makeFinding('write/typed-total', 'warning', where, { cell: total.address }));
  return [];
}

/** The rank cell's write, unless the user typed something there (then `write/typed-rank`). */
function rankWrite(
  table: ScoringTable,
  r: RankedSeries,
  at: CellLookup,
  options: ComputeOptions,
  findings: Finding[],
  content: CellContent,
): CellWrite[] {
  const s = r.result.series;
  const rankAddr = rankCellOf(table, s);
  if (!rankAddr) return [];
  const state = writable(table.layout === 'summary' ? at(s.index, table.rankIndex) : at(table.rankIndex, s.index), content);
  if (state === 'write' || ((state === 'typed' || state === 'formula') && options.overwriteTotals))
    return [{ sheet: table.sheet, address: rankAddr, content }];
  if (state === 'typed' || state === 'formula')
    findings.push(makeFinding('write/typed-rank', 'warning', { sheet: table.sheet, cell: rankAddr, unit: s.name }, { cell: rankAddr }));
  return [];
}

/**
 * The units as the table shows them, for the ranking sheet: each total as its total cell will show
 * it and each area as its area cell shows it, ranked again on those figures. Where the table does
 * not add up (a score above its maximum under a typed area, say) the engine's own sums differ from
 * the table's cells, and a ranking sheet of engine figures would contradict the table it cites
 * once Excel recalculates (issue #15). Where it adds up nothing changes (the same objects return).
 */
function rankedAsShown(
  table: ScoringTable,
  ranked: RankedSeries[],
  shownTotals: Map<number, Shown>,
  at: CellLookup,
  ties: TieRule,
): RankedSeries[] {
  let differs = false;
  const series: SeriesResult[] = ranked.map(({ result: res }) => {
    const shown = shownTotals.get(res.series.index);
    const total = shown instanceof Decimal ? shown : res.total;
    const areas: AreaResult[] = res.areas.map((a) => {
      const pos = scoreRowCol(table, a.criterion, res.series);
      const cell = shownValue(at(pos.row, pos.col));
      const score = cell instanceof Decimal ? cell : a.score;
      if (!sameScore(score, a.score)) differs = true;
      return { criterion: a.criterion, score, max: a.max };
    });
    if (!sameScore(total, res.total)) differs = true;
    return {
      series: res.series,
      values: res.values,
      scoredLeaves: res.scoredLeaves,
      leaves: res.leaves,
      areas,
      bonus: res.bonus,
      penalty: res.penalty,
      total,
      max: res.max,
      index: indexOf(total, res.max),
      filled: res.filled,
    };
  });
  return differs ? rankTable({ table, series }, ties) : ranked;
}

/**
 * What a total cell shows, as Excel computes it: a number, `skip` for what RANK.EQ and SUM pass
 * over (empty, text, a logical value), or null when it is unknown here (an error value, or a
 * formula whose result the file does not hold).
 */
type Shown = Decimal | 'skip' | null;

const ZERO = milliDecimal(0);
const ONE = milliDecimal(1000);

/** A cell's value as the workbook shows it now (dates are numbers to Excel). */
function shownValue(cell: Cell | null): Shown {
  if (!cell || cell.v === null || cell.v === undefined) return cell?.f ? null : 'skip';
  if (cell.t === 'e') return null;
  if ((cell.t === 'n' || cell.t === 'd') && typeof cell.v === 'number') return decimalOf(cell.v);
  return 'skip';
}

/**
 * The result the total formula we write gives on the values the sheet shows now: the cached result
 * stored with it. Never the engine's own total: Excel shows a cached result until it next
 * recalculates, and every other reader (ours included) takes it as the cell's value, so it must be
 * what the formula gives (what the add-in shows too, where Excel computes the formula itself).
 * The two differ only when the sheet does not add up — an area that is not the sum of its
 * criteria, an error or text among the scores — which validation reports; planCompute then warns
 * at the total (write/total-differs).
 */
function shownTotal(operands: TotalOperands, index: number, existing: Cell | null, at: CellLookup): Shown {
  if (existing?.f !== undefined && existing.f.trim() !== '') {
    // Their formula, inside ROUND(…, 3): its result is the cell's cached value (ROUND of text is an error).
    const v = shownValue(existing);
    return v instanceof Decimal ? roundScore(v) : null;
  }
  // SUM(…) adds the numbers among its references and passes over text, logical values and blanks;
  // N() reads text and blanks as 0 and TRUE as 1; an error anywhere is the result.
  let sum: Decimal = ZERO;
  const add = (cell: Cell | null, read: (cell: Cell | null) => Decimal | null, sign: 1 | -1 = 1): boolean => {
    const v = read(cell);
    if (v === null) return false;
    sum = sign === 1 ? addScores(sum, v) : subScores(sum, v);
    return true;
  };
  if (operands.summary) {
    const [first, last] = operands.summary;
    for (let col = first; col <= last; col++) if (!add(at(index, col), summed)) return null;
    return roundScore(sum);
  }
  for (const row of operands.areaRows) if (!add(at(row, index), summed)) return null;
  for (const adj of operands.adjustments) {
    const ok = adj.kind === 'bonus' ? add(at(adj.row, index), numberOf) : add(at(adj.row, index), (cell) => absOrNull(numberOf(cell)), -1);
    if (!ok) return null;
  }
  return roundScore(sum);
}

/** What the generated total formula refers to (totalFormula), worked out once per table: performance, bench/. */
interface TotalOperands {
  /** Summary layout: the first and last area columns of a unit's row. */
  summary?: [number, number];
  /** Criteria as rows: the area rows of a unit's column, then the bonus and penalty rows. */
  areaRows: number[];
  adjustments: ScoringTable['adjustments'];
}

function totalOperands(table: ScoringTable): TotalOperands {
  if (table.layout === 'summary') {
    const cols = table.criteria.map((c) => c.col);
    return { summary: [Math.min(...cols), Math.max(...cols)], areaRows: [], adjustments: [] };
  }
  return { areaRows: table.criteria.filter((c) => c.depth === 1).map((c) => c.row), adjustments: table.adjustments };
}

/** A reference inside SUM(): its number, 0 for what SUM passes over, null for an error. */
function summed(cell: Cell | null): Decimal | null {
  const v = shownValue(cell);
  return v === 'skip' ? ZERO : v;
}

/** N(reference). */
function numberOf(cell: Cell | null): Decimal | null {
  if (cell?.t === 'b') return cell.v ? ONE : ZERO;
  return summed(cell);
}

const absOrNull = (d: Decimal | null) => (d === null ? null : absScore(d));

/**
 * Above this many units the table's rank row (or column) gets no dense rank formulas. Each one
 * counts, for every total of the range, how many totals equal it: n² comparisons per cell, n³ for
 * the row. Measured in LibreOffice 7.4 (bench/ summary workbooks): 300 units recalculate in about
 * 1.5 s, 1,000 in 55 s, 3,321 (the national list) did not finish in 10 minutes — a workbook Excel
 * would hang on. Competition ranks (RANK.EQ, n per cell) have no such limit, and the ranking sheet's
 * dense ranks, sorted, need one comparison each.
 */
const DENSE_FORMULA_MAX_UNITS = 300;

/**
 * The rank formula of one total among a range of totals. Competition ranking is RANK.EQ. Dense
 * ranking (Excel has no function for it) counts the distinct larger numbers:
 * SUMPRODUCT(ISNUMBER(r)*(r>x)/COUNTIF(r,r&""))+1. The `&""` makes a blank cell's COUNTIF count
 * the blanks instead of 0 (COUNTIF(r, <blank>) looks for zeros: 0/0 = #DIV/0! in every rank as
 * soon as one unit has no total yet), and ISNUMBER keeps text out (text compares above numbers).
 */
function rankFormula(ties: TieRule, ref: string, range: string): string {
  return ties === 'dense'
    ? `=SUMPRODUCT(ISNUMBER(${range})*(${range}>${ref})/COUNTIF(${range},${range}&""))+1`
    : `=RANK.EQ(${ref},${range})`;
}

/**
 * The ranks the rank formulas give over the total cells as they will show (columns or rows
 * first…last of the total row or column): RANK.EQ counts the larger numbers, the dense formula
 * the distinct larger ones; both pass over blanks and text. Undefined when Excel's result is not
 * known here (an error in the range). Numbers are compared as the doubles Excel compares (a typed
 * 80.2104 stays above 80.21, as in Excel): a model of the formulas' results, not the engine's
 * ranking (rank.ts, at the scoring precision). The sorted lists are made once per table.
 */
class RankOfShown {
  private readonly values: Shown[] = [];
  private readonly unknown: boolean;
  private readonly descending: number[];
  private readonly distinctDescending: number[];

  constructor(
    private readonly first: number,
    last: number,
    shownAt: (index: number) => Shown,
  ) {
    for (let i = first; i <= last; i++) this.values.push(shownAt(i));
    this.unknown = this.values.includes(null);
    const numbers: number[] = [];
    for (const v of this.values) if (v instanceof Decimal) numbers.push(asNumber(v));
    this.descending = numbers.sort((x, y) => y - x);
    this.distinctDescending = [...new Set(this.descending)];
  }

  of(index: number, ties: TieRule): number | undefined {
    const own = this.values[index - this.first];
    if (this.unknown || !(own instanceof Decimal)) return undefined;
    return countAbove(ties === 'dense' ? this.distinctDescending : this.descending, asNumber(own)) + 1;
  }
}

/** The double Excel holds for a value (by its thousandths when it is a whole number of them: performance). */
function asNumber(d: Decimal): number {
  const m = milliOf(d);
  return m !== undefined ? m / 1000 : d.toNumber();
}

/** How many entries of a list sorted from largest to smallest are larger than x (binary search). */
function countAbove(descending: readonly number[], x: number): number {
  let lo = 0;
  let hi = descending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (descending[mid] > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `=ROUND(<sum of areas ± adjustments>, 3)` for a unit, over the cells `operands` names (the same
 * cells shownTotal evaluates); an existing SUM formula is kept inside ROUND.
 */
function totalFormula(operands: TotalOperands, index: number, existing: Cell | null): string {
  if (existing?.f !== undefined && existing.f.trim() !== '') {
    const f = existing.f.trim();
    if (/^ROUND\(.*,\s*3\)$/i.test(f)) return `=${f}`;
    return `=ROUND(${f},${SCORE_DECIMALS})`;
  }
  if (operands.summary) {
    const [first, last] = operands.summary;
    return `=ROUND(SUM(${columnLetter(first)}${index}:${columnLetter(last)}${index}),${SCORE_DECIMALS})`;
  }
  const col = columnLetter(index);
  let expr = `SUM(${operands.areaRows.map((row) => `${col}${row}`).join(',')})`;
  for (const adj of operands.adjustments) {
    // Penalties are subtracted whatever their sign in the form (Điểm trừ typed as 1 or −1).
    expr += adj.kind === 'bonus' ? `+N(${col}${adj.row})` : `-ABS(N(${col}${adj.row}))`;
  }
  return `=ROUND(${expr},${SCORE_DECIMALS})`;
}

const HEAD = {
  vi: {
    title: 'XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH',
    year: 'NĂM',
    rank: 'Xếp hạng',
    unit: 'Đơn vị',
    bonus: 'Điểm thưởng',
    penalty: 'Điểm trừ',
    total: 'Tổng điểm',
    index: 'Chỉ số (%)',
    areaRank: 'Hạng LV',
    source: 'Nguồn',
    rule: 'Quy tắc xếp hạng',
    competition: 'đồng hạng, bỏ qua hạng kế tiếp (như RANK.EQ: 1, 2, 2, 4)',
    dense: 'đồng hạng, không bỏ hạng (1, 2, 2, 3)',
    max: 'Điểm tối đa',
  },
  en: {
    title: 'ADMINISTRATIVE REFORM INDEX RANKING',
    year: '',
    rank: 'Rank',
    unit: 'Unit',
    bonus: 'Bonus',
    penalty: 'Penalty',
    total: 'Total',
    index: 'Index (%)',
    areaRank: 'Rank area',
    source: 'Source',
    rule: 'Tie rule',
    competition: 'shared rank, next rank skipped (RANK.EQ: 1, 2, 2, 4)',
    dense: 'shared rank, no gap (1, 2, 2, 3)',
    max: 'Maximum',
  },
} as const;

/** The filled units by rank, then table order (a stable sort; the keys worked out once — performance, bench/). */
function byRank(table: ScoringTable, ranked: RankedSeries[]): RankedSeries[] {
  const order = new Map(table.series.map((s, i) => [s, i] as [typeof s, number]));
  const kept = ranked.filter((r) => r.result.filled);
  const rankKey = kept.map((r) => r.rank ?? 1e9);
  const orderKey = kept.map((r) => order.get(r.result.series) ?? -1);
  return kept
    .map((_r, i) => i)
    .sort((a, b) => rankKey[a] - rankKey[b] || orderKey[a] - orderKey[b])
    .map((i) => kept[i]);
}

/** The rank cell of the i-th unit down the sorted list, on row `rowNo`. */
function rankCell(r: RankedSeries, i: number, rowNo: number, totalLetter: string, totalRange: string, ties: TieRule): CellContent {
  const totalRef = `${totalLetter}${rowNo}`;
  if (ties !== 'dense') return formula(rankFormula(ties, totalRef, totalRange), r.rank ?? undefined);
  // Dense ranks down the sorted list: the one above, or one more when the total is lower (one
  // comparison per row, where the table's own dense formula is n² per cell: DENSE_FORMULA_MAX_UNITS).
  if (i === 0) return num(1);
  return formula(`=IF(${totalRef}=${totalLetter}${rowNo - 1},A${rowNo - 1},A${rowNo - 1}+1)`, r.rank ?? undefined);
}

/** A unit's area scores, bonus, penalty, total, index and area ranks (cells showing the same number share one content). */
function unitScoreCells(r: RankedSeries, cells: SharedContents, hasBonus: boolean, hasPenalty: boolean): CellContent[] {
  const res = r.result;
  const row: CellContent[] = res.areas.map((a) => cells.score(a.score));
  if (hasBonus) row.push(cells.score(res.bonus));
  if (hasPenalty) row.push(cells.score(res.penalty));
  row.push(cells.score(res.total));
  const index = index2(res);
  row.push(index !== null ? cells.num(index, '0.00') : EMPTY);
  for (const a of res.areas) {
    const ar = r.areaRanks.get(a.criterion.key);
    row.push(ar ? cells.num(ar) : EMPTY);
  }
  return row;
}

/** The ranking sheet's "Điểm tối đa" row: the areas' and the total's maxima, under their columns. */
function maxRow(label: string, ranked: RankedSeries[], hasBonus: boolean, hasPenalty: boolean): CellContent[] {
  const areas = ranked[0]?.result.areas ?? [];
  const row: CellContent[] = [EMPTY, text(label), ...areas.map((a) => (a.max ? num(round(a.max)) : EMPTY))];
  if (hasBonus) row.push(EMPTY);
  if (hasPenalty) row.push(EMPTY);
  const totalMax = ranked[0]?.result.max;
  row.push(totalMax ? num(round(totalMax)) : EMPTY, EMPTY);
  return row;
}

/** The `Xếp hạng <year>` sheet: units sorted by rank with area scores, total, index, per-area ranks. */
export function rankingSheet(table: ScoringTable, ranked: RankedSeries[], ties: TieRule, locale: Locale): GeneratedSheet {
  const h = HEAD[locale];
  const areas = ranked[0]?.result.areas ?? [];
  const hasBonus = table.adjustments.some((a) => a.kind === 'bonus');
  const hasPenalty = table.adjustments.some((a) => a.kind === 'penalty');
  const header: CellContent[] = [
    text(h.rank),
    text(h.unit),
    ...areas.map((a) => text(`${a.criterion.rawCode || a.criterion.key} ${a.criterion.title}`.trim())),
  ];
  if (hasBonus) header.push(text(h.bonus));
  if (hasPenalty) header.push(text(h.penalty));
  const totalCol = header.length + 1;
  header.push(text(h.total), text(h.index));
  areas.forEach((a) => header.push(text(`${h.areaRank} ${a.criterion.rawCode || a.criterion.key}`.replace(/\.$/, ''))));

  const yearText = table.year ? (locale === 'vi' ? ` ${h.year} ${table.year}` : ` ${table.year}`) : '';
  const rows: CellContent[][] = [
    [text(`${h.title}${yearText}`)],
    [text(`${h.source}: ${table.sheet}!${table.range} — ${h.rule}: ${ties === 'dense' ? h.dense : h.competition}`)],
    [],
    header,
  ];
  rows.push(maxRow(h.max, ranked, hasBonus, hasPenalty));

  const first = rows.length + 1;
  const sorted = byRank(table, ranked);
  const last = first + sorted.length - 1;
  const totalLetter = columnLetter(totalCol);
  const totalRange = `$${totalLetter}$${first}:$${totalLetter}$${last}`;
  const hyperlinks: GeneratedSheet['hyperlinks'] = [];
  const cells = new SharedContents();
  sorted.forEach((r, i) => {
    const rowNo = first + i;
    rows.push([
      rankCell(r, i, rowNo, totalLetter, totalRange, ties),
      text(r.result.series.name),
      ...unitScoreCells(r, cells, hasBonus, hasPenalty),
    ]);
    hyperlinks.push({ address: a1(rowNo, 2), sheet: table.sheet, cell: r.result.series.headerCell });
  });
  const width = header.length;
  return {
    name: `${locale === 'vi' ? 'Xếp hạng' : 'Ranking'}${table.year ? ` ${table.year}` : ''}`,
    purpose: 'ranking',
    rows,
    styles: [
      { range: 'A1', style: 'title' },
      { range: 'A2', style: 'subtitle' },
      { range: `A4:${columnLetter(width)}4`, style: 'header' },
      { range: `A5:${columnLetter(width)}5`, style: 'bold' },
      { range: `${totalLetter}${first}:${totalLetter}${Math.max(first, last)}`, style: 'total' },
    ],
    columnWidths: [10, 28, ...areas.map(() => 14), ...(hasBonus ? [10] : []), ...(hasPenalty ? [10] : []), 12, 11, ...areas.map(() => 9)],
    freezeRows: 5,
    hyperlinks,
    conditionalFormats: [],
  };
}
