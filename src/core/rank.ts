/**
 * Ranking within a group. No official tie rule exists (docs/domain.md): equal totals share a rank.
 * Competition ranking (1, 2, 2, 4) is Excel's RANK.EQ; dense ranking (1, 2, 2, 3) is offered too.
 * Equality is decided at the scoring precision, never by binary floating point.
 */
import type Decimal from 'decimal.js';
import { compareScores } from './scores';

export type TieRule = 'competition' | 'dense';
export const TIE_RULES: readonly TieRule[] = ['competition', 'dense'];

/** Ranks, highest value first; null values get a null rank and do not count. */
export function rankValues(values: readonly (Decimal | null)[], rule: TieRule = 'competition'): (number | null)[] {
  const present: number[] = [];
  values.forEach((v, i) => {
    if (v !== null) present.push(i);
  });
  // Highest first; equal at the scoring precision keep their table order (ties share a rank anyway).
  present.sort((i, j) => compareScores(values[j]!, values[i]!) || i - j);
  const out: (number | null)[] = values.map(() => null);
  let competition = 0;
  let dense = 0;
  present.forEach((i, k) => {
    if (k === 0 || compareScores(values[present[k - 1]]!, values[i]!) !== 0) {
      competition = k + 1;
      dense++;
    }
    out[i] = rule === 'dense' ? dense : competition;
  });
  return out;
}
