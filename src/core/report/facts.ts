/**
 * The exact figures a report section is written from: one unit's total, rank, areas and leaf
 * criteria this year, and the prior year's where a comparison holds them. Pure; decimals only.
 */
import type Decimal from 'decimal.js';
import type { Comparison, TableWithResult, UnitComparison } from '../compare/compare';
import type { Criterion } from '../model';
import { rankValues, type TieRule } from '../rank';
import { compareScores, isPositiveScore, milliDecimal, subScores } from '../scores';
import { isLeaf } from '../model';
import { indexOf, type SeriesResult } from '../totals';
import type { AreaFacts, LeafFacts, UnitFacts } from './types';

const ZERO = milliDecimal(0);

/** The ranked series of a table: every series except a scorecard's (which has no rank). */
export function tableRanks(current: TableWithResult, ties: TieRule): (number | null)[] {
  if (current.table.layout === 'scorecard') return current.result.series.map(() => null);
  return rankValues(
    current.result.series.map((s) => (s.filled ? s.total : null)),
    ties,
  );
}

/** Per area (in the order of `series.areas`), each series' rank on that area among filled series. */
export function areaRanks(current: TableWithResult, ties: TieRule): (number | null)[][] {
  const series = current.result.series;
  if (current.table.layout === 'scorecard' || series.length === 0) return series.map(() => []);
  const areaCount = series[0].areas.length;
  const byArea: (number | null)[][] = [];
  for (let k = 0; k < areaCount; k++)
    byArea.push(
      rankValues(
        series.map((s) => (s.filled ? (s.areas[k]?.score ?? ZERO) : null)),
        ties,
      ),
    );
  return series.map((_s, i) => byArea.map((ranks) => ranks[i]));
}

/** The area key a criterion sits under: its top-level ancestor among `areaKeys`. */
function areaKeyOf(c: Criterion, areaKeys: ReadonlySet<string>): string {
  let key: string | null = c.key;
  let found = '';
  while (key !== null) {
    if (areaKeys.has(key)) found = key;
    const i = key.lastIndexOf('.');
    key = i < 0 ? null : key.slice(0, i);
  }
  return found;
}

function leafFacts(current: TableWithResult, s: SeriesResult, u: UnitComparison | null, level: string): LeafFacts[] {
  const areaKeys = new Set(current.table.criteria.filter((c) => c.depth === 1).map((c) => c.key));
  const prior = new Map<string, Decimal>();
  if (u && level === 'criteria')
    for (const c of u.criteria) if (c.status !== 'removed' && c.status !== 'new' && c.prior) prior.set(c.code, c.prior);
  const seen = new Set<string>();
  const out: LeafFacts[] = [];
  for (const c of current.table.criteria) {
    if (!isLeaf(c) || seen.has(c.key)) continue;
    seen.add(c.key);
    const score = s.values.get(c.key) ?? ZERO;
    const p = prior.get(c.key) ?? null;
    out.push({
      key: c.key,
      rawCode: c.rawCode,
      title: c.title,
      areaKey: areaKeyOf(c, areaKeys),
      score,
      max: c.max,
      prior: p,
      delta: p ? subScores(score, p) : null,
    });
  }
  return out;
}

function areaFacts(s: SeriesResult, u: UnitComparison | null, ranks: (number | null)[]): AreaFacts[] {
  return s.areas.map((a, k) => {
    const cmp = u?.areas.find((x) => x.code === a.criterion.key) ?? null;
    return {
      key: a.criterion.key,
      rawCode: a.criterion.rawCode,
      title: a.criterion.title,
      max: a.max,
      score: a.score,
      prior: cmp?.prior ?? null,
      delta: cmp?.delta ?? null,
      index: indexOf(a.score, a.max),
      rank: ranks[k] ?? null,
    };
  });
}

/** Facts of the series at `i` of the current table; `comparison` supplies the prior year when given. */
export function unitFacts(
  current: TableWithResult,
  i: number,
  comparison: Comparison | null,
  ranks: (number | null)[],
  areaRank: (number | null)[],
): UnitFacts {
  const s = current.result.series[i];
  const name = current.table.layout === 'scorecard' ? (current.table.unitName ?? current.table.sheet) : s.series.name;
  const u = comparison?.units.find((x) => x.index === s.series.index) ?? null;
  const areas = areaFacts(s, u, areaRank);
  return {
    unit: name,
    total: s.total,
    max: s.max,
    rank: ranks[i],
    of: ranks.filter((r) => r !== null).length,
    priorTotal: u?.priorTotal ?? null,
    priorRank: u?.priorRank ?? null,
    delta: u?.delta ?? null,
    rankChange: u?.rankChange ?? null,
    filled: s.filled,
    areas,
    leaves: leafFacts(current, s, u, comparison?.level ?? 'totals'),
    fullMarks: areas.filter((a) => a.max !== null && isPositiveScore(a.max) && compareScores(a.score, a.max) >= 0).map((a) => a.key),
  };
}
