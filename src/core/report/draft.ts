/**
 * draftReport: a comparison (or one year's table) → a report draft per unit, as plain data.
 * Sections: result (headline, area table, chart), strengths, shortfalls, target.
 */
import type Decimal from 'decimal.js';
import type { Comparison, TableWithResult } from '../compare/compare';
import type { Locale } from '../finding';
import { formatNumber, twoDigits } from '../format';
import type { TieRule } from '../rank';
import { indexOf } from '../totals';
import { foldText, unitKey } from '../text';
import { areaRanks, tableRanks, unitFacts } from './facts';
import { belowMaxItems, declinedAreasLine, declinedItems, gainedAreasLine, gainedCriteriaLine } from './lists';
import { areaName, fullMarksLine, openingLine, priorRef, signed, targetLine, yearHeadline } from './sentences';
import { targetFacts, type RankedTotal } from './target';
import type { ReportBlock, ReportChart, ReportDraft, ReportSection, ReportTable, TargetFacts, UnitFacts } from './types';

export interface ReportInput {
  current: TableWithResult;
  /** The comparison of `current` with the prior year; null for one year alone. */
  comparison: Comparison | null;
}

export interface ReportOptions {
  locale: Locale;
  /** One unit's name (matched loosely: case, diacritic forms, "UBND"/"Xã" prefixes); all units when absent. */
  unit?: string | null;
  /** The rank to reach; default one place up (rank 1 keeps rank 1). */
  targetRank?: number | null;
  ties?: TieRule;
  /** How many criteria the strengths and the below-maximum list name. Default 8. */
  maxListed?: number;
  /** How many units the chart shows at most (those ranked nearest the unit). Default 20. */
  maxBars?: number;
}

/** The series of the current table that a report covers: a scorecard's one unit, else every unit column. */
function reportedSeries(current: TableWithResult, comparison: Comparison | null): number[] {
  const series = current.result.series;
  if (current.table.layout !== 'scorecard') return series.map((_s, i) => i);
  const picked = comparison?.units[0]?.index;
  const i = picked !== undefined ? series.findIndex((s) => s.series.index === picked) : -1;
  if (i >= 0) return [i];
  // As compareYears picks a scorecard's series: the appraised score when filled, else the self-assessed one.
  const appraised = series.findIndex((s) => s.series.role === 'appraised' && s.filled);
  const self = series.findIndex((s) => s.series.role === 'self');
  return [appraised >= 0 ? appraised : Math.max(0, self)];
}

/** The position in `names` of the unit asked for, or -1: exact, then folded, then by unit key. */
export function findUnit(names: readonly string[], query: string): number {
  const exact = names.indexOf(query);
  if (exact >= 0) return exact;
  const folded = names.findIndex((n) => foldText(n) === foldText(query));
  if (folded >= 0) return folded;
  return names.findIndex((n) => unitKey(n) !== '' && unitKey(n) === unitKey(query));
}

export function reportTitle(year: number | null, locale: Locale): string {
  if (locale === 'vi') return `BÁO CÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH${year !== null ? ` NĂM ${year}` : ''}`;
  return `Administrative Reform Index results${year !== null ? ` ${year}` : ''}`;
}

const LETTERHEAD = {
  vi: {
    left: ['TÊN CƠ QUAN BAN HÀNH', 'Số: ……/BC-……'],
    right: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '……, ngày …… tháng …… năm ……'],
  },
  en: {
    left: ['ISSUING AUTHORITY', 'No.: ……'],
    right: ['SOCIALIST REPUBLIC OF VIET NAM', 'Independence - Freedom - Happiness', '……, date ……'],
  },
} as const;

export function draftReport(input: ReportInput, options: ReportOptions): ReportDraft {
  const { current, comparison } = input;
  const locale = options.locale;
  const ties = options.ties ?? comparison?.ties ?? 'competition';
  const year = comparison?.year ?? current.table.year;
  const priorYear = comparison?.priorYear ?? null;
  const ranks = tableRanks(current, ties);
  const areaRank = areaRanks(current, ties);
  const all = reportedSeries(current, comparison).map((i) => unitFacts(current, i, comparison, ranks, areaRank[i] ?? []));
  const rankedAt = all.map((_f, i) => i).filter((i) => all[i].rank !== null);
  const ranked: RankedTotal[] = rankedAt.map((i) => ({ unit: all[i].unit, total: all[i].total }));
  let facts = all;
  if (options.unit) {
    const at = findUnit(
      all.map((f) => f.unit),
      options.unit,
    );
    facts = at >= 0 ? [all[at]] : [];
  }
  const context: SectionContext = {
    input,
    locale,
    year,
    priorYear,
    noun: current.table.groupNoun,
    maxListed: options.maxListed ?? 8,
    maxBars: Math.max(2, options.maxBars ?? 20),
    chartOf: all,
  };
  const sections = facts.map((f) => {
    const self = rankedAt.indexOf(all.indexOf(f));
    const goal = options.targetRank ?? Math.max(1, (f.rank ?? 1) - 1);
    const target = self >= 0 ? targetFacts(f, ranked, self, goal, ties) : null;
    return section(f, target, context);
  });
  const letterhead = { left: [...LETTERHEAD[locale].left], right: [...LETTERHEAD[locale].right] };
  return {
    locale,
    title: reportTitle(year, locale),
    subtitle: locale === 'vi' ? '(Dự thảo)' : '(Draft)',
    letterhead,
    year,
    priorYear,
    sections,
  };
}

interface SectionContext {
  input: ReportInput;
  locale: Locale;
  year: number | null;
  priorYear: number | null;
  noun: string | null;
  maxListed: number;
  maxBars: number;
  /** Every unit of the table, for the chart. */
  chartOf: UnitFacts[];
}

const T = {
  vi: { result: '1. Kết quả chung', strengths: '2. Ưu điểm', shortfalls: '3. Hạn chế, tồn tại', target: '4. Mục tiêu' },
  en: { result: '1. Overall result', strengths: '2. Strengths', shortfalls: '3. Shortfalls', target: '4. Target' },
} as const;

function section(f: UnitFacts, target: TargetFacts | null, c: SectionContext): ReportSection {
  const t = T[c.locale];
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 2, text: f.unit },
    { kind: 'paragraph', role: 'opening', text: openingLine(f, c.noun, c.year, c.locale) },
    { kind: 'heading', level: 3, text: t.result },
    { kind: 'paragraph', role: 'result', text: headline(f, c) },
    { kind: 'table', table: areaTable(f, c) },
  ];
  const chart = unitsChart(f, c);
  if (chart) blocks.push({ kind: 'chart', chart });
  blocks.push({ kind: 'heading', level: 3, text: t.strengths }, ...strengths(f, c));
  blocks.push({ kind: 'heading', level: 3, text: t.shortfalls }, ...shortfalls(f, c));
  if (target)
    blocks.push(
      { kind: 'heading', level: 3, text: t.target },
      { kind: 'paragraph', role: 'target', text: targetLine(f, target, c.noun, c.locale) },
    );
  return { unit: f.unit, blocks, facts: f, target };
}

/** The result sentence exactly as the comparison's headline (narrative), or the year's alone. */
function headline(f: UnitFacts, c: SectionContext): string {
  const cmp = c.input.comparison;
  const u = cmp?.units.find((x) => x.unit === f.unit);
  // The comparison's own headline (its context knows, e.g., a prior file that is one unit's form).
  if (cmp && u) return u.summary[c.locale];
  return yearHeadline(f, c.noun, c.year, c.locale);
}

const H = {
  vi: { area: 'Lĩnh vực', max: 'Điểm tối đa', score: 'Điểm đạt', pct: 'Tỷ lệ so với điểm tối đa', rank: 'Xếp hạng', total: 'Tổng điểm' },
  en: { area: 'Area', max: 'Maximum', score: 'Score', pct: '% of maximum', rank: 'Rank', total: 'Total' },
} as const;

const pct = (score: Decimal, max: Decimal | null, locale: Locale): string => {
  const i = indexOf(score, max);
  return i === null ? '—' : `${formatNumber(i, locale, 2)}%`;
};

/** Areas: maximum, score, % of maximum, change (with a prior year), rank among the units. */
function areaTable(f: UnitFacts, c: SectionContext): ReportTable {
  const h = H[c.locale];
  const withPrior = c.input.comparison !== null;
  const changeHead =
    c.locale === 'vi' ? `Tăng/giảm so với ${priorRef(c.priorYear, c.locale)}` : `Change from ${priorRef(c.priorYear, c.locale)}`;
  const header = [h.area, h.max, h.score, h.pct, ...(withPrior ? [changeHead] : []), h.rank];
  const rankOf = (r: number | null) => (r === null ? '—' : f.of > 0 ? `${r}/${twoDigits(f.of)}` : String(r));
  const num = (d: Decimal | null) => (d === null ? '—' : formatNumber(d, c.locale));
  const delta = (d: Decimal | null) => (d === null ? '—' : signed(d, c.locale));
  const rows = f.areas.map((a) => [
    areaName(a),
    num(a.max),
    num(a.score),
    pct(a.score, a.max, c.locale),
    ...(withPrior ? [delta(a.delta)] : []),
    rankOf(a.rank),
  ]);
  rows.push([h.total, num(f.max), num(f.total), pct(f.total, f.max, c.locale), ...(withPrior ? [delta(f.delta)] : []), rankOf(f.rank)]);
  const caption = c.locale === 'vi' ? `Kết quả theo lĩnh vực của ${f.unit}` : `Results by area of ${f.unit}`;
  return { caption, header, rows, numeric: header.map((_h, i) => i > 0), totalRow: true };
}

/**
 * The bars a chart shows: all of them up to `max`, else the `max` nearest the unit's (a province
 * ranks up to ~150 communes; a page holds about 20 legible bars). [start, end) in rank order.
 */
export function chartWindow(count: number, highlight: number, max: number): [number, number] {
  if (count <= max) return [0, count];
  const start = Math.min(Math.max(0, highlight - Math.floor(max / 2)), count - max);
  return [start, start + max];
}

/** The units' totals this year and last, highest first; null when the table has one unit only. */
function unitsChart(f: UnitFacts, c: SectionContext): ReportChart | null {
  const units = c.chartOf.filter((u) => u.filled && u.rank !== null);
  if (units.length < 2 || !units.includes(f)) return null;
  const ranked = units
    .map((u, at) => ({ u, at }))
    .sort((a, b) => b.u.total.comparedTo(a.u.total) || a.at - b.at)
    .map((x) => x.u);
  const [start, end] = chartWindow(ranked.length, ranked.indexOf(f), c.maxBars);
  const sorted = ranked.slice(start, end);
  const vi = c.locale === 'vi';
  const series: ReportChart['series'] = [
    { name: c.year !== null ? String(c.year) : vi ? 'Năm nay' : 'This year', values: sorted.map((u) => u.total) },
  ];
  if (c.input.comparison)
    series.push({
      name: c.priorYear !== null ? String(c.priorYear) : vi ? 'Năm trước' : 'Prior year',
      values: sorted.map((u) => u.priorTotal),
    });
  const part = sorted.length < ranked.length;
  const title = vi
    ? `Tổng điểm của các ${c.noun ?? 'đơn vị'}${part ? ` (${sorted.length} đơn vị có thứ hạng gần ${f.unit} nhất)` : ''}`
    : `Total points of the units${part ? ` (the ${sorted.length} ranked nearest ${f.unit})` : ''}`;
  const { axisMin, axisMax } = chartAxis(series, f.max);
  return {
    title,
    categories: sorted.map((u) => u.unit),
    series,
    highlight: sorted.indexOf(f),
    valueAxis: vi ? 'Điểm' : 'Points',
    axisMin,
    axisMax,
  };
}

/** A multiple of 10 at least 5 points below the lowest bar (not below 0), up to the maximum. */
export function chartAxis(series: ReportChart['series'], max: Decimal): { axisMin: number; axisMax: number } {
  let low = Infinity;
  let high = max.toNumber();
  for (const s of series)
    for (const v of s.values)
      if (v !== null) {
        low = Math.min(low, v.toNumber());
        high = Math.max(high, v.toNumber());
      }
  const axisMin = Number.isFinite(low) ? Math.max(0, Math.floor((low - 5) / 10) * 10) : 0;
  return { axisMin, axisMax: Math.ceil(high) };
}

function strengths(f: UnitFacts, c: SectionContext): ReportBlock[] {
  const lines: ReportBlock[] = [];
  const full = fullMarksLine(f, c.locale);
  if (full) lines.push({ kind: 'paragraph', role: 'full-marks', text: full });
  const areas = gainedAreasLine(f, c.priorYear, c.locale);
  if (areas) lines.push({ kind: 'paragraph', role: 'gained', text: areas });
  const crit = gainedCriteriaLine(f, c.maxListed, c.locale);
  if (crit) lines.push({ kind: 'paragraph', role: 'gained', text: crit });
  if (lines.length === 0) {
    const vi = c.locale === 'vi';
    const text = c.input.comparison
      ? vi
        ? `Chưa có lĩnh vực nào đạt điểm tối đa và không có lĩnh vực, tiêu chí nào tăng điểm so với ${priorRef(c.priorYear, c.locale)}.`
        : `No area at full marks, and no area or criterion up from ${priorRef(c.priorYear, c.locale)}.`
      : vi
        ? 'Chưa có lĩnh vực nào đạt điểm tối đa.'
        : 'No area at full marks.';
    lines.push({ kind: 'paragraph', role: 'none', text });
  }
  return lines;
}

/** What went down against the prior year, at the comparison's level. */
function declinedBlocks(f: UnitFacts, c: SectionContext): ReportBlock[] {
  const vi = c.locale === 'vi';
  const out: ReportBlock[] = [];
  const ref = priorRef(c.priorYear, c.locale);
  const level = c.input.comparison?.level;
  if (level !== undefined && f.priorTotal === null) {
    out.push({
      kind: 'paragraph',
      role: 'declined',
      text: vi
        ? `Không có số liệu ${ref} của ${f.unit} nên chưa so sánh được mức tăng, giảm.`
        : `No ${ref} figures for ${f.unit}: gains and losses are not compared.`,
    });
  } else if (level === 'areas') {
    const areas = declinedAreasLine(f, c.priorYear, c.locale);
    out.push({
      kind: 'paragraph',
      role: 'declined',
      text: areas ?? (vi ? `Không có lĩnh vực nào giảm điểm so với ${ref}.` : `No area is down from ${ref}.`),
    });
  } else if (level === 'totals') {
    out.push({
      kind: 'paragraph',
      role: 'declined',
      text: vi
        ? `Bảng ${ref} không có điểm theo lĩnh vực, tiêu chí tương ứng nên chưa so sánh chi tiết được.`
        : `The ${ref} table shares no area or criterion with this one: no detailed comparison.`,
    });
  } else if (level === 'criteria') {
    const declined = declinedItems(f, c.locale);
    if (declined.length > 0) {
      out.push({
        kind: 'paragraph',
        role: 'declined',
        text: vi
          ? `Các tiêu chí giảm điểm so với ${ref} (theo lĩnh vực, giảm nhiều nhất trước):`
          : `Criteria down from ${ref} (by area, largest loss first):`,
      });
      out.push({ kind: 'list', role: 'declined', items: declined });
    } else
      out.push({
        kind: 'paragraph',
        role: 'declined',
        text: vi ? `Không có tiêu chí nào giảm điểm so với ${ref}.` : `No criterion is down from ${ref}.`,
      });
  }
  return out;
}

/** The criteria furthest below their maximum. */
function belowMaxBlocks(f: UnitFacts, c: SectionContext): ReportBlock[] {
  const vi = c.locale === 'vi';
  const out: ReportBlock[] = [];
  const below = belowMaxItems(f, c.maxListed, c.locale);
  if (below.length > 0) {
    out.push({
      kind: 'paragraph',
      role: 'below-max',
      text: vi ? 'Các tiêu chí còn cách xa điểm tối đa nhất:' : 'Criteria furthest below their maximum:',
    });
    out.push({ kind: 'list', role: 'below-max', items: below });
  } else
    out.push({
      kind: 'paragraph',
      role: 'below-max',
      text: vi ? 'Tất cả các tiêu chí đều đạt điểm tối đa.' : 'Every criterion is at its maximum.',
    });
  return out;
}

function shortfalls(f: UnitFacts, c: SectionContext): ReportBlock[] {
  return [...declinedBlocks(f, c), ...belowMaxBlocks(f, c)];
}
