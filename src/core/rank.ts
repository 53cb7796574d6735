/**
 * Ranking within a group. No official tie rule exists (PAR-INDEX.md): equal totals share a rank.
 * Competition ranking (1, 2, 2, 4) is Excel's RANK.EQ; dense ranking (1, 2, 2, 3) is offered too.
 * Equality is decided at the scoring precision, never by binary floating point.
 */
import Decimal from 'decimal.js';
import { SCORE_DECIMALS, milliOf } from './scores';

export type TieRule = 'competition' | 'dense';
export const TIE_RULES: readonly TieRule[] = ['competition', 'dense'];

/** Ranks, highest value first; null values get a null rank and do not count. */
export function rankValues(values: readonly (Decimal | null)[], rule: TieRule = 'competition'): (number | null)[] {
  const fast = rankMillis(values, rule);
  if (fast) return fast;
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

/**
 * Performance (bench/: ranks are taken per table and per area): when every value is a whole
 * number of thousandths, rank the integers (same result as above, without Decimal rounding,
 * sorting and string keys). Null when a value is not such a number.
 */
function rankMillis(values: readonly (Decimal | null)[], rule: TieRule): (number | null)[] | null {
  const millis: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) millis[i] = null;
    else {
      const m = milliOf(v);
      if (m === undefined) return null;
      millis[i] = m;
    }
  }
  const present = millis.filter((m): m is number => m !== null).sort((a, b) => b - a);
  const competition = new Map<number, number>();
  const dense = new Map<number, number>();
  present.forEach((m, i) => {
    if (!competition.has(m)) {
      competition.set(m, i + 1);
      dense.set(m, dense.size + 1);
    }
  });
  return millis.map((m) => (m === null ? null : ((rule === 'dense' ? dense.get(m) : competition.get(m)) ?? null)));
}
