/**
 * The write plan for "compute": live totals and RANK.EQ ranks in the user's table, and a
 * `Xếp hạng <year>` sheet sorted by rank. Score cells and values the user typed are never changed:
 * a total or rank cell that holds a typed value is reported and replaced only on request.
 */
import Decimal from 'decimal.js';
import { a1, columnLetter } from './a1';
import { rankTable, sheetOf, type Analysis, type RankedSeries } from './engine';
import { makeFinding, type Finding, type Locale } from './finding';
import type { ScoringTable } from './model';
import { formula, num, text, EMPTY, SharedContents, type CellContent, type CellWrite, type GeneratedSheet, type WritePlan } from './plan';
import type { TieRule } from './rank';
import { SCORE_DECIMALS, milliOf, scoreNumber } from './scores';
import { cellAt, type Cell, type WorkbookSnapshot } from './snapshot';
import { rankCellOf, totalCellOf, type TableResult } from './totals';

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
    const totals = totalWrites(table, result, ranked, (r, c) => cellAt(sheet, r, c), options, findings);
    plan.cellWrites.push(...totals);
    plan.sheets.push(rankingSheet(table, ranked, ties, locale));
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

function totalWrites(
  table: ScoringTable,
  result: TableResult,
  ranked: RankedSeries[],
  at: CellLookup,
  options: ComputeOptions,
  findings: Finding[],
): CellWrite[] {
  const writes: CellWrite[] = [];
  const summary = table.layout === 'summary';
  const filledSeries = ranked.filter((r) => r.result.filled);
  if (filledSeries.length === 0) return writes;
  // The range RANK.EQ ranks over: the whole total row (or column) across the table's units.
  const firstIdx = Math.min(...table.series.map((s) => s.index));
  const lastIdx = Math.max(...table.series.map((s) => s.index));
  const totalRange = table.totalIndex
    ? summary
      ? `$${columnLetter(table.totalIndex)}$${firstIdx}:$${columnLetter(table.totalIndex)}$${lastIdx}`
      : `$${columnLetter(firstIdx)}$${table.totalIndex}:$${columnLetter(lastIdx)}$${table.totalIndex}`
    : '';

  const letters: Letters = {};
  for (const r of ranked) {
    const s = r.result.series;
    if (!r.result.filled) continue;
    const totalAddr = totalCellOf(table, s);
    if (totalAddr) {
      const existing = summary ? at(s.index, table.totalIndex) : at(table.totalIndex, s.index);
      const f = totalFormula(table, s.index, existing, letters);
      const content = formula(f, round(r.result.total));
      const state = writable(existing, content);
      // A formula total is the template's own arithmetic: wrapping it in ROUND(…, 3) keeps it and
      // makes RANK.EQ tie at the scoring precision (80,21 ties 80,21 however it was summed).
      if (state === 'write' || state === 'formula' || (state === 'typed' && options.overwriteTotals))
        writes.push({ sheet: table.sheet, address: totalAddr, content });
      else if (state === 'typed')
        findings.push(makeFinding('write/typed-total', 'warning', { sheet: table.sheet, cell: totalAddr, unit: s.name }, { cell: totalAddr }));
    }
    const rankAddr = rankCellOf(table, s);
    if (rankAddr && totalAddr && r.rank !== null) {
      const ref = totalAddr;
      const f =
        options.ties === 'dense'
          ? `=SUMPRODUCT((${totalRange}>${ref})/COUNTIF(${totalRange},${totalRange}))+1`
          : `=RANK.EQ(${ref},${totalRange})`;
      const content = formula(f, r.rank);
      const state = writable(summary ? at(s.index, table.rankIndex) : at(table.rankIndex, s.index), content);
      if (state === 'write' || ((state === 'typed' || state === 'formula') && options.overwriteTotals))
        writes.push({ sheet: table.sheet, address: rankAddr, content });
      else if (state === 'typed' || state === 'formula')
        findings.push(makeFinding('write/typed-rank', 'warning', { sheet: table.sheet, cell: rankAddr, unit: s.name }, { cell: rankAddr }));
    }
  }
  return writes;
}

interface Letters {
  summary?: [string, string];
}

function summaryColumns(table: ScoringTable): [string, string] {
  const cols = table.criteria.map((c) => c.col);
  return [columnLetter(Math.min(...cols)), columnLetter(Math.max(...cols))];
}

/** `=ROUND(<sum of areas ± adjustments>, 3)` for a unit; an existing SUM formula is kept inside ROUND. */
function totalFormula(table: ScoringTable, index: number, existing: Cell | null, letters: Letters): string {
  if (existing?.f !== undefined && existing.f.trim() !== '') {
    const f = existing.f.trim();
    if (/^ROUND\(.*,\s*3\)$/i.test(f)) return `=${f}`;
    return `=ROUND(${f},${SCORE_DECIMALS})`;
  }
  if (table.layout === 'summary') {
    // (The first and last area columns' letters, worked out once per table: performance, bench/.)
    letters.summary ??= summaryColumns(table);
    const [first, last] = letters.summary;
    return `=ROUND(SUM(${first}${index}:${last}${index}),${SCORE_DECIMALS})`;
  }
  const col = columnLetter(index);
  const areas = table.criteria.filter((c) => c.depth === 1).map((c) => `${col}${c.row}`);
  let expr = `SUM(${areas.join(',')})`;
  for (const adj of table.adjustments) {
    // Penalties are subtracted whatever their sign in the form (Điểm trừ typed as 1 or −1).
    expr += adj.kind === 'bonus' ? `+N(${col}${adj.row})` : `-ABS(N(${col}${adj.row}))`;
  }
  return `=ROUND(${expr},${SCORE_DECIMALS})`;
}

const HEAD = {
  vi: { title: 'XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH', year: 'NĂM', rank: 'Xếp hạng', unit: 'Đơn vị', bonus: 'Điểm thưởng', penalty: 'Điểm trừ', total: 'Tổng điểm', index: 'Chỉ số (%)', areaRank: 'Hạng LV', source: 'Nguồn', rule: 'Quy tắc xếp hạng', competition: 'đồng hạng, bỏ qua hạng kế tiếp (như RANK.EQ: 1, 2, 2, 4)', dense: 'đồng hạng, không bỏ hạng (1, 2, 2, 3)', max: 'Điểm tối đa' },
  en: { title: 'ADMINISTRATIVE REFORM INDEX RANKING', year: '', rank: 'Rank', unit: 'Unit', bonus: 'Bonus', penalty: 'Penalty', total: 'Total', index: 'Index (%)', areaRank: 'Rank area', source: 'Source', rule: 'Tie rule', competition: 'shared rank, next rank skipped (RANK.EQ: 1, 2, 2, 4)', dense: 'shared rank, no gap (1, 2, 2, 3)', max: 'Maximum' },
} as const;

/** The `Xếp hạng <year>` sheet: units sorted by rank with area scores, total, index, per-area ranks. */
export function rankingSheet(table: ScoringTable, ranked: RankedSeries[], ties: TieRule, locale: Locale): GeneratedSheet {
  const h = HEAD[locale];
  const areas = ranked[0]?.result.areas ?? [];
  const hasBonus = table.adjustments.some((a) => a.kind === 'bonus');
  const hasPenalty = table.adjustments.some((a) => a.kind === 'penalty');
  const header: CellContent[] = [text(h.rank), text(h.unit), ...areas.map((a) => text(`${a.criterion.rawCode || a.criterion.key} ${a.criterion.title}`.trim()))];
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
  const maxRow: CellContent[] = [EMPTY, text(h.max), ...areas.map((a) => (a.max ? num(round(a.max)) : EMPTY))];
  if (hasBonus) maxRow.push(EMPTY);
  if (hasPenalty) maxRow.push(EMPTY);
  const totalMax = ranked[0]?.result.max;
  maxRow.push(totalMax ? num(round(totalMax)) : EMPTY, EMPTY);
  rows.push(maxRow);

  const first = rows.length + 1;
  const order = new Map(table.series.map((s, i) => [s, i] as [typeof s, number]));
  // Performance (bench/: a summary ranks thousands of units): the sort keys are worked out once
  // (the same stable sort by rank, then table order), and cells showing the same number share one
  // immutable content object.
  const kept = ranked.filter((r) => r.result.filled);
  const rankKey = kept.map((r) => r.rank ?? 1e9);
  const orderKey = kept.map((r) => order.get(r.result.series) ?? -1);
  const sorted = kept
    .map((_r, i) => i)
    .sort((a, b) => rankKey[a] - rankKey[b] || orderKey[a] - orderKey[b])
    .map((i) => kept[i]);
  const last = first + sorted.length - 1;
  const totalLetter = columnLetter(totalCol);
  const totalRange = `$${totalLetter}$${first}:$${totalLetter}$${last}`;
  const hyperlinks: GeneratedSheet['hyperlinks'] = [];
  const cells = new SharedContents();
  sorted.forEach((r, i) => {
    const rowNo = first + i;
    const totalRef = `${totalLetter}${rowNo}`;
    const rankFormula =
      ties === 'dense' ? `=SUMPRODUCT((${totalRange}>${totalRef})/COUNTIF(${totalRange},${totalRange}))+1` : `=RANK.EQ(${totalRef},${totalRange})`;
    const res = r.result;
    const areaResults = res.areas;
    // (The row's cells in an array of their final length: no regrowth per row.)
    const row: CellContent[] = new Array(2 + 2 * areaResults.length + (hasBonus ? 1 : 0) + (hasPenalty ? 1 : 0) + 2);
    let k = 0;
    row[k++] = formula(rankFormula, r.rank ?? undefined);
    row[k++] = text(res.series.name);
    for (let j = 0; j < areaResults.length; j++) row[k++] = cells.score(areaResults[j].score);
    if (hasBonus) row[k++] = cells.score(res.bonus);
    if (hasPenalty) row[k++] = cells.score(res.penalty);
    row[k++] = cells.score(res.total);
    const index = index2(res);
    row[k++] = index !== null ? cells.num(index, '0.00') : EMPTY;
    for (let j = 0; j < areaResults.length; j++) {
      const ar = r.areaRanks.get(areaResults[j].criterion.key);
      row[k++] = ar ? cells.num(ar) : EMPTY;
    }
    rows.push(row);
    hyperlinks.push({ address: a1(rowNo, 2), sheet: table.sheet, cell: res.series.headerCell });
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
