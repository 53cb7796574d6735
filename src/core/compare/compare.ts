/**
 * Comparison of a year's results with the prior year's (docs/domain.md, step 4 of "The yearly
 * cycle"): points and rank per unit, per area and per criterion. Pure: tables and their computed
 * results in, data out; sentences come from ../narrative, the sheet from ./plan.
 *
 * Decisions:
 * - Units match by name: the folded full name first, then `unitKey` (prefixes such as "UBND",
 *   "Xã", "H." ignored), then the user's mapping. A current unit with no counterpart still gets an
 *   entry (prior fields null, summary "không so sánh được"); both sides' unmatched units are listed
 *   and reported as `compare/unmatched-unit` (info). Unfilled prior series (no score at all) take
 *   no part: comparing with an empty column would only produce nonsense deltas.
 * - Level: 'criteria' when both tables have criteria as rows (scorecard or consolidation) and share
 *   at least one leaf; 'areas' when either is a summary (units as rows, areas as columns) or no
 *   leaf is shared; 'totals' when not even an area is shared. `UnitComparison.criteria` holds the
 *   entries of that level: the current table's leaves (plus removed prior leaves) at 'criteria',
 *   the areas (plus removed prior areas) at 'areas', nothing at 'totals'. Totals and ranks are
 *   compared at every level.
 * - A current unit with no prior counterpart has no `criteria` entries (there is nothing to
 *   compare; listing every criterion as 'new' would misreport the criteria set).
 * - Totals are the engine's (computeTable: areas + bonus − penalty), also for a summary prior
 *   whose own "Tổng điểm" column is not trusted; ranks are recomputed among each table's filled
 *   series with the same tie rule. A scorecard has no rank.
 * - Scorecard: its unit is the one named in its title (`unitName`, else the sheet name); its score
 *   series is the appraised one when filled, else the self-assessed one (option `scorecardSeries`).
 *   Two scorecards whose unit names are unknown or equal are compared with each other.
 * - Statuses are decided at the scoring precision (`sameScore`); deltas are exact.
 */
import type Decimal from 'decimal.js';
import { a1 } from '../a1';
import { parentKey } from '../codes';
import { makeFinding, type Finding } from '../finding';
import type { Criterion, ScoringTable } from '../model';
import { rankValues, type TieRule } from '../rank';
import { compareScores, isPositiveScore, milliDecimal, subScores } from '../scores';
import { isLeaf } from '../model';
import type { SeriesResult } from '../totals';
import { headlineSentence, type NarrativeContext } from '../narrative/sentences';
import { mappingIndex, type UnitMapping } from './mapping';
import type {
  AreaComparison,
  CompareOptions,
  Comparison,
  ComparisonLevel,
  CriterionComparison,
  CriterionStatus,
  TableWithResult,
  UnitComparison,
} from './types';
import { matchItems, unitNameForms } from './match';

export type {
  AreaComparison,
  CompareOptions,
  Comparison,
  ComparisonLevel,
  CriterionComparison,
  CriterionStatus,
  PriorOnlyUnit,
  TableWithResult,
  UnitComparison,
} from './types';

interface TableUnit {
  name: string;
  result: SeriesResult;
  rank: number | null;
}

// Performance (bench/): scores are compared and subtracted with the exact fast paths of scores.ts
// (integers in thousandths when possible, Decimal otherwise); results are the same Decimals.
const ZERO = milliDecimal(0);

function uniqueByKey(criteria: readonly Criterion[]): Criterion[] {
  const seen = new Set<string>();
  return criteria.filter((c) => (seen.has(c.key) ? false : (seen.add(c.key), true)));
}

function tableUnits(t: TableWithResult, ties: TieRule, scorecardSeries?: 'self' | 'appraised'): { units: TableUnit[]; of: number } {
  const all = t.result.series;
  if (t.table.layout === 'scorecard') {
    const pick =
      (scorecardSeries && all.find((s) => s.series.role === scorecardSeries)) ||
      all.find((s) => s.series.role === 'appraised' && s.filled) ||
      all.find((s) => s.series.role === 'self') ||
      all[0];
    return pick ? { units: [{ name: t.table.unitName ?? t.table.sheet, result: pick, rank: null }], of: 0 } : { units: [], of: 0 };
  }
  const ranks = rankValues(
    all.map((s) => (s.filled ? s.total : null)),
    ties,
  );
  return {
    units: all.map((s, i) => ({ name: s.series.name, result: s, rank: ranks[i] })),
    of: ranks.filter((r) => r !== null).length,
  };
}

function statusOf(score: Decimal, prior: Decimal): CriterionStatus {
  const c = compareScores(score, prior);
  return c === 0 ? 'unchanged' : c > 0 ? 'improved' : 'declined';
}

export function compareYears(current: TableWithResult, prior: TableWithResult, options: CompareOptions = {}): Comparison {
  const ties = options.ties ?? 'competition';
  const year = options.year ?? current.table.year;
  const priorYear = options.priorYear ?? prior.table.year;
  const cur = tableUnits(current, ties, options.scorecardSeries);
  const pri = tableUnits(prior, ties, options.scorecardSeries);
  const priorUnits = pri.units.filter((u) => u.result.filled);
  const { base, merged, accounted } = matchUnits(current, prior, cur.units, priorUnits, options.mapping);
  const findings = priorProblems(current, prior, {
    year,
    priorYear,
    matched: base.filter((j) => j >= 0).length,
    units: cur.units.filter((u) => u.result.filled).length,
  });
  const entries = comparedEntries(current.table, prior.table);
  const units = cur.units.map((u, i) => {
    const p = base[i] >= 0 ? priorUnits[base[i]] : null;
    return unitComparison(current.table, entries, u, p, {
      of: cur.of,
      priorOf: pri.of,
      mergedFrom: merged[i].map((j) => priorUnits[j].name),
    });
  });
  const unmatchedCurrent = units.filter((u) => u.priorUnit === null);
  const priorOnly = priorUnits.filter((_u, j) => !accounted.has(j));
  findings.push(...unmatchedFindings(current.table, prior.table, unmatchedCurrent, priorOnly, { year, priorYear }));
  const formOf = priorFormOf(current, prior);
  const narrative: NarrativeContext = { year, priorYear, groupNoun: current.table.groupNoun, level: entries.level, priorFormOf: formOf };
  for (const u of units) u.summary = { vi: headlineSentence(u, narrative, 'vi'), en: headlineSentence(u, narrative, 'en') };
  return {
    year,
    priorYear,
    level: entries.level,
    units,
    unmatched: { current: unmatchedCurrent.map((u) => u.unit), prior: priorOnly.map((u) => u.name) },
    priorOnly: priorOnly.map((u) => ({ unit: u.name, total: u.result.total, rank: u.rank, cell: u.result.series.headerCell })),
    findings,
    groupNoun: current.table.groupNoun,
    priorFormOf: formOf,
    ties,
    current: { table: current.table },
    prior: { table: prior.table },
  };
}

/**
 * Each current unit's prior counterpart (`base`, an index into `priorUnits`, −1 for none) and the
 * further prior units the mapping merged into it; `accounted`: every prior unit taken.
 */
function matchUnits(
  current: TableWithResult,
  prior: TableWithResult,
  curUnits: TableUnit[],
  priorUnits: TableUnit[],
  mapping: UnitMapping | undefined,
): { base: number[]; merged: number[][]; accounted: Set<number> } {
  const priForms = priorUnits.map((u) => unitNameForms(u.name));
  const curForms = curUnits.map((u) => unitNameForms(u.name));
  const base = matchByName(curForms, priForms);
  if (current.table.layout === 'scorecard' && prior.table.layout === 'scorecard' && curUnits.length === 1 && priorUnits.length === 1) {
    // Two forms of one unit: compare them unless both name their unit and the names differ.
    if (base[0] < 0 && (current.table.unitName === null || prior.table.unitName === null)) base[0] = 0;
  }
  const merged = matchByMapping(curForms, priForms, base, mapping);
  const accounted = new Set<number>([...base.filter((j) => j >= 0), ...merged.flat()]);
  return { base, merged, accounted };
}

type NameForms = ReturnType<typeof unitNameForms>;

/** By the folded full name first, then the unit key: the first prior unit of that name not taken yet. */
function matchByName(curForms: NameForms[], priForms: NameForms[]): number[] {
  const base: number[] = curForms.map(() => -1);
  const used = new Set<number>();
  for (const form of ['full', 'key'] as const) {
    // Prior units by name form, in table order (not a scan of every prior unit per current unit:
    // quadratic at 3,321 units).
    const byForm = new Map<string, number[]>();
    priForms.forEach((p, k) => {
      const list = byForm.get(p[form]);
      if (list) list.push(k);
      else byForm.set(p[form], [k]);
    });
    curForms.forEach((f, i) => {
      if (base[i] >= 0 || f[form] === '') return;
      const j = byForm.get(f[form])?.find((k) => !used.has(k)) ?? -1;
      if (j >= 0) {
        base[i] = j;
        used.add(j);
      }
    });
  }
  return base;
}

/** The user's mapping: a unit without a counterpart takes its first mapped one; the rest are merged into it. */
function matchByMapping(curForms: NameForms[], priForms: NameForms[], base: number[], mapping: UnitMapping | undefined): number[][] {
  const index = mappingIndex(mapping);
  const merged: number[][] = curForms.map(() => []);
  const firstByKey = new Map<string, number>();
  priForms.forEach((p, k) => {
    if (!firstByKey.has(p.key)) firstByKey.set(p.key, k);
  });
  curForms.forEach((f, i) => {
    const mapped = index.get(f.key);
    if (!mapped) return;
    const found = mapped.map((k) => firstByKey.get(k) ?? -1).filter((j) => j >= 0);
    if (base[i] < 0 && found.length > 0) base[i] = found[0];
    merged[i] = found.filter((j) => j !== base[i]);
  });
  return merged;
}

/** What every unit's entries share: the level, the areas with their prior areas, the compared pairs. */
interface Entries {
  level: ComparisonLevel;
  curAreas: Criterion[];
  /** Per current area, the prior area it matches, or null. */
  priorArea: (Criterion | null)[];
  /** Entries of the comparison level: [current criterion | null, prior criterion | null]. */
  pairs: [Criterion | null, Criterion | null][];
  /** The current leaves with a maximum (for `belowMax`). */
  leavesWithMax: Criterion[];
}

function comparedEntries(current: ScoringTable, prior: ScoringTable): Entries {
  const curCrit = uniqueByKey(current.criteria);
  const priCrit = uniqueByKey(prior.criteria);
  const curAreas = curCrit.filter((c) => c.depth === 1);
  const priAreas = priCrit.filter((c) => c.depth === 1);
  const areaMatch = matchItems(curAreas, priAreas);
  const curLeaves = curCrit.filter(isLeaf);
  const rowsLayout = current.layout !== 'summary' && prior.layout !== 'summary';
  const leafMatch = rowsLayout ? matchItems(curLeaves, priCrit) : curLeaves.map(() => -1);
  let level: ComparisonLevel = 'totals';
  if (leafMatch.some((j) => j >= 0)) level = 'criteria';
  else if (areaMatch.some((j) => j >= 0)) level = 'areas';
  let pairs: [Criterion | null, Criterion | null][] = [];
  if (level === 'criteria') pairs = leafPairs(curLeaves, priCrit, leafMatch);
  else if (level === 'areas') pairs = areaPairs(curAreas, priAreas, areaMatch);
  const priorArea = curAreas.map((_c, k) => (areaMatch[k] >= 0 ? priAreas[areaMatch[k]] : null));
  return { level, curAreas, priorArea, pairs, leavesWithMax: curLeaves.filter((c) => c.max !== null) };
}

/** The current leaves with their prior leaves, then the prior leaves removed (not under a matched one). */
function leafPairs(curLeaves: Criterion[], priCrit: Criterion[], leafMatch: number[]): [Criterion | null, Criterion | null][] {
  const pairs: [Criterion | null, Criterion | null][] = curLeaves.map((c, i) => [c, leafMatch[i] >= 0 ? priCrit[leafMatch[i]] : null]);
  const matchedPrior = new Set(leafMatch.filter((j) => j >= 0).map((j) => priCrit[j].key));
  const hasMatchedAncestor = (c: Criterion) => {
    for (let k = c.parentKey; k !== null; k = parentKey(k)) if (matchedPrior.has(k)) return true;
    return false;
  };
  for (const p of priCrit) if (isLeaf(p) && !matchedPrior.has(p.key) && !hasMatchedAncestor(p)) pairs.push([null, p]);
  return pairs;
}

/** The current areas with their prior areas, then the prior areas removed. */
function areaPairs(curAreas: Criterion[], priAreas: Criterion[], areaMatch: number[]): [Criterion | null, Criterion | null][] {
  const pairs: [Criterion | null, Criterion | null][] = curAreas.map((c, i) => [c, areaMatch[i] >= 0 ? priAreas[areaMatch[i]] : null]);
  const matched = new Set(areaMatch.filter((j) => j >= 0));
  priAreas.forEach((p, j) => {
    if (!matched.has(j)) pairs.push([null, p]);
  });
  return pairs;
}

/** One current unit against its prior counterpart (null: not comparable). */
function unitComparison(
  table: ScoringTable,
  entries: Entries,
  u: TableUnit,
  p: TableUnit | null,
  counts: { of: number; priorOf: number; mergedFrom: string[] },
): UnitComparison {
  const s = u.result;
  const ps = p?.result ?? null;
  const areas = areaComparisons(entries, s, ps);
  const rank = u.rank;
  const priorRank = p?.rank ?? null;
  return {
    unit: u.name,
    priorUnit: p?.name ?? null,
    mergedFrom: counts.mergedFrom,
    total: s.total,
    priorTotal: ps ? ps.total : null,
    delta: ps ? subScores(s.total, ps.total) : null,
    rank,
    priorRank,
    rankChange: rank !== null && priorRank !== null ? priorRank - rank : null,
    of: counts.of,
    priorOf: counts.priorOf,
    max: s.max,
    filled: s.filled,
    fullMarks: areas.filter((a) => a.max !== null && isPositiveScore(a.max) && compareScores(a.score, a.max) >= 0).map((a) => a.code),
    areas,
    criteria: ps ? criterionComparisons(table, entries, areas, s, ps) : [],
    belowMax: entries.leavesWithMax.filter((c) => compareScores(s.values.get(c.key) ?? ZERO, c.max as Decimal) < 0).map((c) => c.key),
    summary: NO_SUMMARY,
    cell: s.series.headerCell,
    priorCell: ps ? ps.series.headerCell : null,
    index: s.series.index,
  };
}

function areaComparisons(entries: Entries, s: SeriesResult, ps: SeriesResult | null): AreaComparison[] {
  return entries.curAreas.map((c, k) => {
    const score = s.values.get(c.key) ?? ZERO;
    const pa = entries.priorArea[k];
    const prior = ps && pa ? (ps.values.get(pa.key) ?? ZERO) : null;
    return { code: c.key, rawCode: c.rawCode, title: c.title, score, prior, delta: prior ? subScores(score, prior) : null, max: c.max };
  });
}

function criterionComparisons(
  table: ScoringTable,
  entries: Entries,
  areas: AreaComparison[],
  s: SeriesResult,
  ps: SeriesResult,
): CriterionComparison[] {
  // At the 'areas' level the first entries are the areas themselves (the same pairs in the same
  // order): their score, prior and difference are the unit's area comparison's.
  const entriesAreAreas = entries.level === 'areas';
  return entries.pairs.map(([c, pc], k) => {
    if (!c) return removedCriterion(pc as Criterion, ps);
    const area = entriesAreAreas && k < areas.length ? areas[k] : null;
    const score = area ? area.score : (s.values.get(c.key) ?? ZERO);
    const prior = area ? area.prior : pc ? (ps.values.get(pc.key) ?? ZERO) : null;
    const row = table.layout === 'summary' ? s.series.index : c.row;
    const col = table.layout === 'summary' ? c.col : s.series.index;
    return {
      code: c.key,
      rawCode: c.rawCode,
      title: c.title,
      score,
      prior,
      max: c.max,
      delta: area ? area.delta : prior ? subScores(score, prior) : null,
      status: prior ? statusOf(score, prior) : 'new',
      row,
      cell: a1(row, col),
      depth: c.depth,
    };
  });
}

function removedCriterion(removed: Criterion, ps: SeriesResult): CriterionComparison {
  return {
    code: removed.key,
    rawCode: removed.rawCode,
    title: removed.title,
    score: null,
    prior: ps.values.get(removed.key) ?? ZERO,
    max: removed.max,
    delta: null,
    status: 'removed',
    row: 0,
    cell: '',
    depth: removed.depth,
  };
}

/** `compare/unmatched-unit` (info) for each unit on either side with no counterpart. */
function unmatchedFindings(
  current: ScoringTable,
  prior: ScoringTable,
  unmatchedCurrent: UnitComparison[],
  priorOnly: TableUnit[],
  years: { year: number | null; priorYear: number | null },
): Finding[] {
  return [
    ...unmatchedCurrent.map((u) =>
      makeFinding(
        'compare/unmatched-unit',
        'info',
        { sheet: current.sheet, cell: u.cell, unit: u.unit },
        { year: years.priorYear ?? undefined },
      ),
    ),
    ...priorOnly.map((u) =>
      makeFinding(
        'compare/unmatched-unit',
        'info',
        { sheet: prior.sheet, cell: u.result.series.headerCell, unit: u.name },
        { year: years.year ?? undefined },
      ),
    ),
  ];
}

/** True when the prior year chosen cannot be this table's (see priorProblems): write only on confirmation. */
export function hasPriorProblem(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.code === 'compare/prior-not-earlier' || f.code === 'compare/prior-mismatch');
}

/** The unit of a one-unit form chosen as the prior of a many-unit table, else null. */
function priorFormOf(current: TableWithResult, prior: TableWithResult): string | null {
  if (prior.table.layout !== 'scorecard' || current.table.layout === 'scorecard') return null;
  return prior.table.unitName ?? prior.table.sheet;
}

/**
 * A prior year that cannot be this table's prior year: not an earlier year (often the same file
 * picked twice), one unit's form against a table of many units, or a table sharing under half of
 * the units. Errors, because the comparison sheet and the report sentences made from it would be
 * wrong in a document officials sign; the hosts write the comparison only when the user confirms.
 */
function priorProblems(
  current: TableWithResult,
  prior: TableWithResult,
  c: { year: number | null; priorYear: number | null; matched: number; units: number },
): Finding[] {
  const t = current.table;
  const at = { sheet: t.sheet, cell: a1(t.headerRows[0], t.layout === 'summary' ? t.unitNameCol : t.codeCol) };
  const out: Finding[] = [];
  if (c.year !== null && c.priorYear !== null && c.priorYear >= c.year)
    out.push(makeFinding('compare/prior-not-earlier', 'error', at, { year: c.year, priorYear: c.priorYear }));
  const formOf = priorFormOf(current, prior);
  if (formOf !== null) out.push(makeFinding('compare/prior-mismatch', 'error', at, { priorForm: formOf, units: c.units }));
  else if (c.units > 0 && c.matched * 2 < c.units)
    out.push(makeFinding('compare/prior-mismatch', 'error', at, { matched: c.matched, units: c.units }));
  return out;
}

/** Placeholder until a unit's entry is complete (its headline is made from the whole entry). */
const NO_SUMMARY: UnitComparison['summary'] = { vi: '', en: '' };
