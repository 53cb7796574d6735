/**
 * Realistic, exact scores for sample workbooks. Everything is in thousandths of a point (milli):
 * non-survey scores move in steps of 0,25 (250 milli), survey scores carry 3 decimals. Parents and
 * totals are integer sums, so they are exact whatever order a reader adds in.
 */
import type { CriteriaSet, CriterionNode } from './criteria';
import { Prng } from './prng';

export interface UnitScores {
  unit: string;
  /** Leaf key → score in milli; a missing key is an empty cell. */
  leaves: Record<string, number>;
  /** Bonus points (điểm thưởng), milli. */
  bonus?: number;
  /** Penalty points (điểm trừ), milli, as a positive number. */
  penalty?: number;
}

export interface ScoreOptions {
  seed: number;
  /** Range of unit performance (share of the maximum), default [0.72, 0.97]. */
  quality?: [number, number];
  /** Unit index → exact total (milli) to reach by adjusting survey scores. */
  forceTotals?: Record<number, number>;
  /** Pairs [i, j]: unit j is given exactly unit i's total. */
  ties?: [number, number][];
  /** Draw bonus (0–2 points) and penalty (0–1 point) values. */
  bonusPenalty?: boolean;
}

export const QUARTER = 250;

export function milliToNumber(milli: number): number {
  return milli / 1000;
}

/** "91.250": three decimals, from integers (no floating point involved). */
export function milliToString(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const a = Math.abs(milli);
  return `${sign}${Math.floor(a / 1000)}.${String(a % 1000).padStart(3, '0')}`;
}

/** Vietnamese display: decimal comma, trailing zeros trimmed ("1,25"). */
export function milliToVi(milli: number): string {
  return milliToString(milli).replace(/\.?0+$/, '').replace('.', ',');
}

/** Score of any node (leaf or parent) for one unit, in milli; null when no leaf below has a score. */
export function nodeScore(criteria: CriteriaSet, scores: UnitScores, key: string): number | null {
  const node = criteria.byKey.get(key);
  if (!node) throw new RangeError(`Unknown criterion ${key}`);
  if (node.children.length === 0) {
    const v = scores.leaves[key];
    return v === undefined ? null : v;
  }
  let sum = 0;
  let any = false;
  for (const c of node.children) {
    const v = nodeScore(criteria, scores, c);
    if (v !== null) {
      sum += v;
      any = true;
    }
  }
  return any ? sum : null;
}

/** Sum of the areas, in milli (empty cells count 0). */
export function areasTotal(criteria: CriteriaSet, scores: UnitScores): number {
  return criteria.areas.reduce((s, a) => s + (nodeScore(criteria, scores, a.key) ?? 0), 0);
}

/** The unit's total: areas + bonus − penalty, in milli. */
export function unitTotal(criteria: CriteriaSet, scores: UnitScores): number {
  return areasTotal(criteria, scores) + (scores.bonus ?? 0) - (scores.penalty ?? 0);
}

function leafScore(rng: Prng, leaf: CriterionNode, q: number): number {
  const max = leaf.maxMilli;
  if (leaf.survey) {
    const lo = Math.max(0.4, q - 0.18);
    const hi = Math.min(1, q + 0.06);
    return Math.min(max, Math.max(0, Math.round(max * (lo + rng.next() * (hi - lo)))));
  }
  const quarters = Math.floor(max / QUARTER);
  if (rng.chance(q)) return quarters * QUARTER;
  return rng.int(0, Math.max(0, quarters - 1)) * QUARTER;
}

/**
 * Move a unit's total to `target` (milli) by adjusting survey scores (any thousandth), then
 * non-survey scores (0,25 steps). Throws when the target cannot be reached within the maxima.
 */
export function forceTotal(criteria: CriteriaSet, scores: UnitScores, target: number): void {
  let diff = target - unitTotal(criteria, scores);
  const surveys = criteria.leaves.filter((l) => l.survey).sort((a, b) => b.maxMilli - a.maxMilli);
  for (const leaf of surveys) {
    if (diff === 0) break;
    const v = scores.leaves[leaf.key] ?? 0;
    const next = Math.min(leaf.maxMilli, Math.max(0, v + diff));
    scores.leaves[leaf.key] = next;
    diff -= next - v;
  }
  if (diff !== 0 && diff % QUARTER === 0) {
    for (const leaf of criteria.leaves) {
      if (diff === 0) break;
      if (leaf.survey) continue;
      const v = scores.leaves[leaf.key] ?? 0;
      const next = Math.min(leaf.maxMilli, Math.max(0, v + diff));
      scores.leaves[leaf.key] = next;
      diff -= next - v;
    }
  }
  if (diff !== 0) throw new RangeError(`Cannot bring ${scores.unit} to ${milliToString(target)}`);
}

/** Scores for each unit, deterministic for a seed. */
export function generateScores(criteria: CriteriaSet, units: readonly string[], options: ScoreOptions): UnitScores[] {
  const rng = new Prng(options.seed);
  const [qLo, qHi] = options.quality ?? [0.72, 0.97];
  const result = units.map((unit) => {
    const q = qLo + rng.next() * (qHi - qLo);
    const leaves: Record<string, number> = {};
    for (const leaf of criteria.leaves) leaves[leaf.key] = leafScore(rng, leaf, q);
    const s: UnitScores = { unit, leaves };
    if (options.bonusPenalty) {
      s.bonus = rng.chance(0.6) ? rng.int(1, 8) * QUARTER : 0;
      s.penalty = rng.chance(0.35) ? rng.int(1, 4) * QUARTER : 0;
    }
    return s;
  });
  for (const [i, target] of Object.entries(options.forceTotals ?? {})) forceTotal(criteria, result[Number(i)], target);
  for (const [i, j] of options.ties ?? []) forceTotal(criteria, result[j], unitTotal(criteria, result[i]));
  return result;
}

/**
 * A self-assessment close to the appraised scores: units tend to score themselves a little higher
 * on non-survey criteria; survey points are the council's and are copied.
 */
export function selfAssessment(criteria: CriteriaSet, appraised: UnitScores, seed: number): UnitScores {
  const rng = new Prng(seed);
  const leaves: Record<string, number> = { ...appraised.leaves };
  let changed = 0;
  for (const leaf of criteria.leaves) {
    if (leaf.survey) continue;
    const v = leaves[leaf.key] ?? 0;
    if (v < leaf.maxMilli && rng.chance(0.45)) {
      leaves[leaf.key] = Math.min(leaf.maxMilli, v + rng.int(1, 4) * QUARTER);
      changed++;
    } else if (v > 0 && rng.chance(0.04)) {
      leaves[leaf.key] = v - QUARTER;
      changed++;
    }
  }
  if (changed === 0) {
    const leaf = criteria.leaves.find((l) => !l.survey && (leaves[l.key] ?? 0) > 0);
    if (leaf) leaves[leaf.key] -= QUARTER;
  }
  const s: UnitScores = { unit: appraised.unit, leaves };
  if (appraised.bonus !== undefined) s.bonus = appraised.bonus;
  if (appraised.penalty !== undefined) s.penalty = appraised.penalty;
  return s;
}
