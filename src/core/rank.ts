/**
 * Ranking within a group. No official tie rule exists (PAR-INDEX.md): equal totals share a rank.
 * Competition ranking (1, 2, 2, 4) is Excel's RANK.EQ; dense ranking (1, 2, 2, 3) is offered too.
 * Equality is decided at the scoring precision, never by binary floating point.
 */
import Decimal from 'decimal.js';
import { SCORE_DECIMALS } from './scores';

export type TieRule = 'competition' | 'dense';
export const TIE_RULES: readonly TieRule[] = ['competition', 'dense'];

/** Ranks, highest value first; null values get a null rank and do not count. */
export function rankValues(values: readonly (Decimal | null)[], rule: TieRule = 'competition'): (number | null)[] {
  const rounded = values.map((v) => (v === null ? null : v.toDecimalPlaces(SCORE_DECIMALS, Decimal.ROUND_HALF_UP)));
  const present = rounded.filter((v): v is Decimal => v !== null).sort((a, b) => b.comparedTo(a));
  // One pass over the sorted values gives both ranks for each distinct value (linear after the sort).
  const competition = new Map<string, number>();
  const dense = new Map<string, number>();
  present.forEach((v, i) => {
    const key = v.toFixed(SCORE_DECIMALS);
    if (!competition.has(key)) {
      competition.set(key, i + 1);
      dense.set(key, dense.size + 1);
    }
  });
  return rounded.map((v) => {
    if (v === null) return null;
    const key = v.toFixed(SCORE_DECIMALS);
    return (rule === 'dense' ? dense.get(key) : competition.get(key)) ?? null;
  });
}
