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
import { isLeaf, KeyedValues, type SeriesResult } from '../totals';
import { headlineSentence, type NarrativeContext } from '../narrative/sentences';
import { mappingIndex } from './mapping';
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
  const findings: Finding[] = [];

  const cur = tableUnits(current, ties, options.scorecardSeries);
  const pri = tableUnits(prior, ties, options.scorecardSeries);
  const priorUnits = pri.units.filter((u) => u.result.filled);

  // --- units -------------------------------------------------------------------------------
  const priForms = priorUnits.map((u) => unitNameForms(u.name));
  const base: number[] = cur.units.map(() => -1);
  const used = new Set<number>();
  const curForms = cur.units.map((u) => unitNameForms(u.name));
  for (const form of ['full', 'key'] as const) {
    // Prior units by name form, in table order (performance, bench/: a scan of every prior unit
    // per current unit was quadratic — 3,321 units, 11 million comparisons): the first unused one.
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
  if (current.table.layout === 'scorecard' && prior.table.layout === 'scorecard' && cur.units.length === 1 && priorUnits.length === 1) {
    // Two forms of one unit: compare them unless both name their unit and the names differ.
    if (base[0] < 0 && (current.table.unitName === null || prior.table.unitName === null)) base[0] = 0;
  }
  const index = mappingIndex(options.mapping);
  const merged: number[][] = cur.units.map(() => []);
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
  const accounted = new Set<number>([...base.filter((j) => j >= 0), ...merged.flat()]);
  findings.push(...priorProblems(current, prior, { year, priorYear, matched: base.filter((j) => j >= 0).length, units: cur.units.filter((u) => u.result.filled).length }));

  // --- areas and criteria ------------------------------------------------------------------
  const curCrit = uniqueByKey(current.table.criteria);
  const priCrit = uniqueByKey(prior.table.criteria);
  const curAreas = curCrit.filter((c) => c.depth === 1);
  const priAreas = priCrit.filter((c) => c.depth === 1);
  const areaMatch = matchItems(curAreas, priAreas);
  const curLeaves = curCrit.filter(isLeaf);
  const rowsLayout = (t: ScoringTable) => t.layout !== 'summary';
  const leafMatch = rowsLayout(current.table) && rowsLayout(prior.table) ? matchItems(curLeaves, priCrit) : curLeaves.map(() => -1);

  let level: ComparisonLevel = 'totals';
  if (leafMatch.some((j) => j >= 0)) level = 'criteria';
  else if (areaMatch.some((j) => j >= 0)) level = 'areas';

  // Entries of the comparison level: [current criterion | null, prior criterion | null].
  let pairs: [Criterion | null, Criterion | null][] = [];
  if (level === 'criteria') {
    pairs = curLeaves.map((c, i) => [c, leafMatch[i] >= 0 ? priCrit[leafMatch[i]] : null]);
    const matchedPrior = new Set(leafMatch.filter((j) => j >= 0).map((j) => priCrit[j].key));
    const hasMatchedAncestor = (c: Criterion) => {
      for (let k = c.parentKey; k !== null; k = parentKey(k))
        if (matchedPrior.has(k)) return true;
      return false;
    };
    for (const p of priCrit) if (isLeaf(p) && !matchedPrior.has(p.key) && !hasMatchedAncestor(p)) pairs.push([null, p]);
  } else if (level === 'areas') {
    pairs = curAreas.map((c, i) => [c, areaMatch[i] >= 0 ? priAreas[areaMatch[i]] : null]);
    const matched = new Set(areaMatch.filter((j) => j >= 0));
    priAreas.forEach((p, j) => {
      if (!matched.has(j)) pairs.push([null, p]);
    });
  }

  // --- per unit ------------------------------------------------------------------------------
  // Performance (bench/): what every unit shares is worked out once (the prior area of each area,
  // the leaves with a maximum), and the per-unit entries are built in plain loops.
  const summaryLayout = current.table.layout === 'summary';
  const priorArea: (Criterion | null)[] = curAreas.map((_c, k) => (areaMatch[k] >= 0 ? priAreas[areaMatch[k]] : null));
  const leavesWithMax = curLeaves.filter((c) => c.max !== null);
  // Every unit's values of the same keys, read by position (KeyedValues, totals.ts).
  const areaValues = new KeyedValues(curAreas.map((c) => c.key));
  const priorAreaValues = new KeyedValues(priorArea.map((c) => (c ? c.key : '')));
  const pairValues = new KeyedValues(pairs.map(([c]) => (c ? c.key : '')));
  const priorPairValues = new KeyedValues(pairs.map(([, pc]) => (pc ? pc.key : '')));
  const belowMaxValues = new KeyedValues(leavesWithMax.map((c) => c.key));
  // At the 'areas' level the first entries are the areas themselves (the same pairs in the same
  // order, see above): their score, prior and difference are the unit's area comparison's, not
  // read and subtracted a second time.
  const entriesAreAreas = level === 'areas';
  const units: UnitComparison[] = cur.units.map((u, i) => {
    const p = base[i] >= 0 ? priorUnits[base[i]] : null;
    const s = u.result;
    const ps = p?.result ?? null;
    const areas: AreaComparison[] = new Array(curAreas.length);
    for (let k = 0; k < curAreas.length; k++) {
      const c = curAreas[k];
      const score = areaValues.get(s, k) ?? ZERO;
      const pa = priorArea[k];
      const prior = ps && pa ? (priorAreaValues.get(ps, k) ?? ZERO) : null;
      areas[k] = { code: c.key, rawCode: c.rawCode, title: c.title, score, prior, delta: prior ? subScores(score, prior) : null, max: c.max };
    }
    const criteria: CriterionComparison[] = !ps ? [] : new Array(pairs.length);
    if (ps) {
      for (let k = 0; k < pairs.length; k++) {
        const pair = pairs[k];
        const c = pair[0];
        const pc = pair[1];
        if (c) {
          const area = entriesAreAreas && k < areas.length ? areas[k] : null;
          const score = area ? area.score : (pairValues.get(s, k) ?? ZERO);
          const prior = area ? area.prior : pc ? (priorPairValues.get(ps, k) ?? ZERO) : null;
          // scoreRowCol(current.table, c, s.series), without the intermediate object.
          const row = summaryLayout ? s.series.index : c.row;
          const col = summaryLayout ? c.col : s.series.index;
          criteria[k] = {
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
          continue;
        }
        const removed = pc as Criterion;
        criteria[k] = {
          code: removed.key,
          rawCode: removed.rawCode,
          title: removed.title,
          score: null,
          prior: priorPairValues.get(ps, k) ?? ZERO,
          max: removed.max,
          delta: null,
          status: 'removed',
          row: 0,
          cell: '',
          depth: removed.depth,
        };
      }
    }
    const fullMarks: string[] = [];
    for (const a of areas) if (a.max !== null && isPositiveScore(a.max) && compareScores(a.score, a.max) >= 0) fullMarks.push(a.code);
    const belowMax: string[] = [];
    for (let k = 0; k < leavesWithMax.length; k++) {
      const c = leavesWithMax[k];
      if (compareScores(belowMaxValues.get(s, k) ?? ZERO, c.max as Decimal) < 0) belowMax.push(c.key);
    }
    const rank = u.rank;
    const priorRank = p?.rank ?? null;
    const uc: UnitComparison = {
      unit: u.name,
      priorUnit: p?.name ?? null,
      mergedFrom: merged[i].length === 0 ? [] : merged[i].map((j) => priorUnits[j].name),
      total: s.total,
      priorTotal: ps ? ps.total : null,
      delta: ps ? subScores(s.total, ps.total) : null,
      rank,
      priorRank,
      rankChange: rank !== null && priorRank !== null ? priorRank - rank : null,
      of: cur.of,
      priorOf: pri.of,
      max: s.max,
      filled: s.filled,
      fullMarks,
      areas,
      criteria,
      belowMax,
      summary: NO_SUMMARY,
      cell: s.series.headerCell,
      priorCell: ps ? ps.series.headerCell : null,
      index: s.series.index,
    };
    return uc;
  });

  const unmatchedCurrent = units.filter((u) => u.priorUnit === null);
  const priorOnlyIdx = priorUnits.map((_u, j) => j).filter((j) => !accounted.has(j));
  for (const u of unmatchedCurrent) {
    findings.push(
      makeFinding('compare/unmatched-unit', 'info', { sheet: current.table.sheet, cell: u.cell, unit: u.unit }, { year: priorYear ?? undefined }),
    );
  }
  for (const j of priorOnlyIdx) {
    const u = priorUnits[j];
    findings.push(
      makeFinding('compare/unmatched-unit', 'info', { sheet: prior.table.sheet, cell: u.result.series.headerCell, unit: u.name }, { year: year ?? undefined }),
    );
  }

  const comparison: Comparison = {
    year,
    priorYear,
    level,
    units,
    unmatched: { current: unmatchedCurrent.map((u) => u.unit), prior: priorOnlyIdx.map((j) => priorUnits[j].name) },
    priorOnly: priorOnlyIdx.map((j) => ({
      unit: priorUnits[j].name,
      total: priorUnits[j].result.total,
      rank: priorUnits[j].rank,
      cell: priorUnits[j].result.series.headerCell,
    })),
    findings,
    groupNoun: current.table.groupNoun,
    priorFormOf: priorFormOf(current, prior),
    ties,
    current: { table: current.table },
    prior: { table: prior.table },
  };
  const narrative: NarrativeContext = { year, priorYear, groupNoun: current.table.groupNoun, level, priorFormOf: comparison.priorFormOf };
  for (const u of units) u.summary = new HeadlineSummary(u, narrative);
  return comparison;
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
  else if (c.units > 0 && c.matched * 2 < c.units) out.push(makeFinding('compare/prior-mismatch', 'error', at, { matched: c.matched, units: c.units }));
  return out;
}

/** Placeholder until a unit's entry is complete (its headline is made from the whole entry). */
const NO_SUMMARY: UnitComparison['summary'] = { vi: '', en: '' };

/**
 * A unit's headline in both languages, each made when first read and then kept (performance,
 * bench/, issue #7: a national comparison has thousands of units; the comparison sheet writes its
 * own paragraphs, and a report or the task pane shows one language). `vi` and `en` are own
 * enumerable properties, as in the plain object this was, so JSON, object spreads and equality
 * checks see the same two texts; they are read from the unit as it is when first asked for
 * (compareYears makes each unit once and never changes it afterwards).
 */
class HeadlineSummary {
  declare vi: string;
  declare en: string;

  constructor(unit: UnitComparison, context: NarrativeContext) {
    const source: SummarySource = { unit, context, vi: undefined, en: undefined };
    // The unit and the memo, out of sight of JSON, spreads and equality checks.
    Object.defineProperty(this, SUMMARY_SOURCE, { value: source });
    Object.defineProperty(this, 'vi', VI_HEADLINE);
    Object.defineProperty(this, 'en', EN_HEADLINE);
  }
}

const SUMMARY_SOURCE = Symbol('par-scorecard.summary-source');

interface SummarySource {
  unit: UnitComparison;
  context: NarrativeContext;
  vi: string | undefined;
  en: string | undefined;
}

/** The accessor pair of one language's headline, shared by every HeadlineSummary. */
function lazyHeadline(locale: 'vi' | 'en'): PropertyDescriptor {
  return {
    get(this: HeadlineSummary): string {
      const source = (this as unknown as Record<symbol, SummarySource>)[SUMMARY_SOURCE];
      return (source[locale] ??= headlineSentence(source.unit, source.context, locale));
    },
    set(this: HeadlineSummary, text: string): void {
      (this as unknown as Record<symbol, SummarySource>)[SUMMARY_SOURCE][locale] = text;
    },
    enumerable: true,
    configurable: true,
  };
}

const VI_HEADLINE = lazyHeadline('vi');
const EN_HEADLINE = lazyHeadline('en');
