/**
 * The target paragraph's figures: how many points separate a unit from a rank, and which criteria
 * have the most room (maximum − score) to make them up. Ranks follow the comparison's tie rule:
 * competition (RANK.EQ) ranks a unit 1 + the number of units strictly above it; dense ranks it
 * 1 + the number of distinct totals above it. Either way a unit reaches rank N exactly when its
 * total is at least the N-th highest total (distinct totals, for dense) among the other units.
 */
import type Decimal from 'decimal.js';
import type { TieRule } from '../rank';
import { addScores, compareExact, compareScores, isPositiveScore, milliDecimal, sameScore, subScores } from '../scores';
import type { LeafFacts, TargetFacts, UnitFacts } from './types';

const ZERO = milliDecimal(0);

export interface RankedTotal {
  unit: string;
  total: Decimal;
}

/** The other units' totals, highest first; for dense ranking one entry per distinct total. */
function bars(others: readonly RankedTotal[], ties: TieRule): RankedTotal[] {
  const sorted = [...others].sort((a, b) => compareExact(b.total, a.total));
  if (ties !== 'dense') return sorted;
  return sorted.filter((t, i) => i === 0 || !sameScore(t.total, sorted[i - 1].total));
}

/** Leaves below their maximum, most room first (the form's order among equal rooms). */
export function roomsOf(leaves: readonly LeafFacts[]): { leaf: LeafFacts; room: Decimal }[] {
  const rooms: { leaf: LeafFacts; room: Decimal; at: number }[] = [];
  leaves.forEach((leaf, at) => {
    if (leaf.max === null) return;
    const room = subScores(leaf.max, leaf.score);
    if (isPositiveScore(room) && compareScores(room, ZERO) > 0) rooms.push({ leaf, room, at });
  });
  rooms.sort((a, b) => compareExact(b.room, a.room) || a.at - b.at);
  return rooms.map(({ leaf, room }) => ({ leaf, room }));
}

/**
 * The target for `unit` among `all` filled units (itself included, matched by position `self`):
 * rank `rank` (≥ 1). Null when the unit has no rank (a scorecard, an empty column).
 */
export function targetFacts(unit: UnitFacts, all: readonly RankedTotal[], self: number, rank: number, ties: TieRule): TargetFacts | null {
  if (unit.rank === null || !unit.filled || rank < 1) return null;
  const others = bars(
    all.filter((_t, i) => i !== self),
    ties,
  );
  const bar = others[rank - 1] ?? null;
  if (bar === null) return { rank, reached: true, points: unit.total, against: null, rooms: [], coverable: true };
  const diff = subScores(bar.total, unit.total);
  if (!isPositiveScore(diff) || sameScore(bar.total, unit.total))
    return { rank, reached: true, points: subScores(unit.total, bar.total), against: bar, rooms: [], coverable: true };

  const rooms: { leaf: LeafFacts; room: Decimal }[] = [];
  let covered = ZERO;
  for (const r of roomsOf(unit.leaves)) {
    if (compareScores(covered, diff) >= 0) break;
    rooms.push(r);
    covered = addScores(covered, r.room);
  }
  return { rank, reached: false, points: diff, against: bar, rooms, coverable: compareScores(covered, diff) >= 0 };
}
